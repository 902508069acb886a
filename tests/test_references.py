"""Partial uploads: a units sheet that drops units still used by inherited rows is refused."""

import datetime as dt

import pytest

from tests.workbooks import BASE, source
from zi_dashboard.config import load_settings
from zi_dashboard.ingest.validate import validate_sources
from zi_dashboard.store import connect, list_versions, load_snapshot
from zi_dashboard.store.importer import import_sources

TODAY = dt.date(2024, 6, 1)
UNITS_HEADER = BASE["Unit"][0]
BIRO_UMUM, BIRO_HUKUM, BALAI = BASE["Unit"][1], BASE["Unit"][2], BASE["Unit"][3]


@pytest.fixture
def current():
    """The tables of a version made from BASE: 3 units, 3 agents, 2 history rows, 2 plans."""
    result = validate_sources([source("all.xlsx", BASE)], today=TODAY)
    assert result.report.ok
    return result.tables


def units_only(*rows, sheet="Unit"):
    return [source("unit.xlsx", {sheet: [UNITS_HEADER, *rows]})]


def inherited(report):
    return [i for i in report.issues if i.code == "inherited_unit_missing"]


def test_units_sheet_that_keeps_every_used_unit_passes(current):
    result = validate_sources(units_only(BIRO_UMUM, BIRO_HUKUM, BALAI), current=current,
                              today=TODAY)
    assert inherited(result.report) == [] and result.report.ok


def test_dropping_a_unit_that_agents_history_and_plans_use_is_one_error_per_dataset(current):
    # Biro Umum: agent 1, both history rows, and (through agent 1) the first plan.
    result = validate_sources(units_only(BIRO_HUKUM, BALAI, sheet="Unit baru"), current=current,
                              today=TODAY)
    issues = inherited(result.report)
    assert [(i.severity, i.file, i.sheet, i.params["dataset"], i.params["rows"],
             i.params["units"]) for i in issues] == [
        ("error", "unit.xlsx", "Unit baru", "agents", 1, ["Biro Umum"]),
        ("error", "unit.xlsx", "Unit baru", "zi_history", 2, ["Biro Umum"]),
        ("error", "unit.xlsx", "Unit baru", "action_plans", 1, ["Biro Umum"]),
    ]
    assert not result.report.ok
    assert issues[1].message("id") == (
        "2 baris Riwayat ZI di versi saat ini merujuk ke 1 unit kerja yang tidak ada lagi di sheet "
        "ini, antara lain: Biro Umum. Versi baru akan mewarisi baris-baris itu tanpa unitnya. "
        "Tambahkan kembali unit tersebut, atau unggah juga sheet Riwayat ZI yang sudah "
        "diperbarui.")
    assert issues[0].message("en") == (
        "1 Agents of change rows of the current version refer to 1 work units this sheet no "
        "longer lists, among them: Biro Umum. The new version would inherit those rows without "
        "their units. Add the units back, or upload an updated Agents of change sheet as well.")


def test_units_uploaded_with_their_agents_are_checked_row_by_row_not_as_inherited(current):
    agents = [BASE["Agen"][0], BASE["Agen"][2]]  # only Rina (Biro Hukum)
    files = [source("both.xlsx", {"Unit": [UNITS_HEADER, BIRO_HUKUM, BALAI], "Agen": agents})]
    result = validate_sources(files, current=current, today=TODAY)
    assert [i.params["dataset"] for i in inherited(result.report)] == ["zi_history",
                                                                       "action_plans"]


def test_a_unit_row_with_a_bad_cell_is_its_own_error_not_a_lost_unit(current):
    bad = list(BIRO_UMUM)
    bad[1] = None  # Eselon I is required: the row is refused, but its unit is still named
    result = validate_sources(units_only(bad, BIRO_HUKUM, BALAI), current=current, today=TODAY)
    assert inherited(result.report) == []
    assert [(i.code, i.row) for i in result.report.errors] == [("missing_value", 2)]


def test_refused_partial_upload_leaves_the_store_unchanged(db_url):
    engine = connect(db_url)
    settings = load_settings({})
    first = import_sources(engine, [source("all.xlsx", BASE)], settings, uploader="admin")
    assert first.ok
    outcome = import_sources(engine, units_only(BIRO_HUKUM, BALAI), settings, uploader="admin")
    assert not outcome.ok and outcome.commit is None
    assert [v.id for v in list_versions(engine)] == [first.commit.version.id]
    assert len(load_snapshot(engine).tables["units"]) == 3
    engine.dispose()


def test_adding_unit_codes_is_named_as_such_not_as_units_no_longer_listed(current):
    header = ["Kode unit", *UNITS_HEADER]
    rows = [[f"0101{n:02d}", *row] for n, row in enumerate((BIRO_UMUM, BIRO_HUKUM, BALAI), 1)]
    files = [source("unit.xlsx", {"Unit": [header, *rows]})]
    result = validate_sources(files, current=current, today=TODAY)
    assert inherited(result.report) == []
    found = [(i.code, i.params["dataset"], i.params["rows"], i.params["units"])
             for i in result.report.issues if i.code.startswith("inherited_unit")]
    assert found == [
        ("inherited_unit_rekeyed", "agents", 3,
         ["Biro Umum", "Biro Hukum", "Balai Besar Rehabilitasi Sosial Bandung"]),
        ("inherited_unit_rekeyed", "zi_history", 2, ["Biro Umum"]),
        ("inherited_unit_rekeyed", "action_plans", 2, ["Biro Umum", "Biro Hukum"]),
    ]


def test_a_sheet_without_the_score_columns_warns_that_stored_scores_would_be_emptied(current):
    # BASE stores an evaluation year and an LKE total for all 3 units; this sheet has neither.
    rows = [row[:3] for row in (UNITS_HEADER, BIRO_UMUM, BIRO_HUKUM, BALAI)]
    result = validate_sources([source("unit.xlsx", {"Unit": rows})], current=current,
                              today=TODAY)
    dropped = [i for i in result.report.issues if i.code == "column_dropped"]
    assert [(i.severity, i.row, i.params["field"], i.params["count"]) for i in dropped] == [
        ("warning", 1, "evaluation_year", 3), ("warning", 1, "lke_score", 3)]
    assert dropped[1].message("en") == (
        "This sheet has no LKE score column, but the current version holds values in it for 3 "
        "Work units rows. The new version replaces all Work units data, so those values would "
        "be emptied. Add the column (copy it from the previous file) if its values still hold.")
    assert result.report.ok  # a warning: the admin confirms, as for any other


def test_agents_without_a_gender_column_lose_nothing_it_is_read_from_the_nip(current):
    rows = [[r[0], r[1], r[2]] for r in BASE["Agen"]]   # NIP, Nama, Unit Kerja
    result = validate_sources([source("agen.xlsx", {"Agen": rows})], current=current, today=TODAY)
    fields = [i.params["field"] for i in result.report.issues if i.code == "column_dropped"]
    assert "gender" not in fields and "rank" in fields and "email" in fields
