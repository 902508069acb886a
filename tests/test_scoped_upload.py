"""Scoped uploads at the import level: an admin scoped to an Eselon I replaces only its units'
rows, every other unit's rows stay as they were, rows outside the scope are errors at their row,
and scoped admins gather their rosters into one national version."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.conftest import on_both_backends
from tests.workbooks import xlsx
from zi_dashboard import access, sample, store
from zi_dashboard.access import Principal
from zi_dashboard.config import load_settings
from zi_dashboard.domain.errors import StoreError
from zi_dashboard.ingest import validate
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.store import importer, scoped

REHSOS = "Direktorat Jenderal Rehabilitasi Sosial"
DAYASOS = "Direktorat Jenderal Pemberdayaan Sosial"
SETJEN = "Sekretariat Jenderal"
AS_REHSOS = Principal(name="admin.rehsos", role="admin", eselon1=(REHSOS,))
AS_DAYASOS = Principal(name="admin.dayasos", role="admin", eselon1=(DAYASOS,))
UNITS, AGENTS, HISTORY, PLANS = "Unit Kerja", "Agen Perubahan", "Riwayat ZI", "RTL"


@dataclass
class Roster:
    """A workbook as plain rows: per sheet, the rows above the data (header last) and the data."""

    top: dict[str, list[list]]
    rows: dict[str, list[list]] = field(default_factory=dict)

    @classmethod
    def read(cls, data: bytes) -> Roster:
        book = load_workbook(io.BytesIO(data))
        top, rows = {}, {}
        for ws in book:
            values = [list(r) for r in ws.iter_rows(values_only=True)]
            header = next(i for i, r in enumerate(values) if r and r[0] == "No")
            top[ws.title] = values[:header + 1]
            rows[ws.title] = [r for r in values[header + 1:] if any(v is not None for v in r)]
        return cls(top, rows)

    def col(self, sheet: str, name: str) -> int:
        return self.top[sheet][-1].index(name)

    def first_row(self, sheet: str) -> int:
        """The Excel row number of the sheet's first data row."""
        return len(self.top[sheet]) + 1

    def only(self, eselon1: str) -> Roster:
        """The sheets cut to one Eselon I's units (by the units sheet, read here by hand)."""
        names = self.unit_names(eselon1)
        return self.where(lambda sheet, row: row[self.col(sheet, "Unit kerja")] in names)

    def unit_names(self, eselon1: str) -> set[str]:
        units = self.rows[UNITS]
        return {r[self.col(UNITS, "Unit kerja")] for r in units
                if r[self.col(UNITS, "Eselon I")] == eselon1}

    def unit_codes(self, eselon1: str) -> set[str]:
        return {r[self.col(UNITS, "Kode unit")] for r in self.rows[UNITS]
                if r[self.col(UNITS, "Eselon I")] == eselon1}

    def where(self, keep: Callable[[str, list], bool]) -> Roster:
        return replace(self, rows={s: [list(r) for r in rows if keep(s, r)]
                                   for s, rows in self.rows.items()})

    def sheets_only(self, *sheets: str) -> Roster:
        return Roster({s: self.top[s] for s in sheets}, {s: self.rows[s] for s in sheets})

    def edited(self, sheet: str, index: int, **cells: object) -> Roster:
        """A copy with cells of one data row changed (by header name)."""
        rows = {s: [list(r) for r in rs] for s, rs in self.rows.items()}
        for name, value in cells.items():
            rows[sheet][index][self.col(sheet, name)] = value
        return replace(self, rows=rows)

    def appended(self, sheet: str, row: list) -> Roster:
        rows = {s: [list(r) for r in rs] for s, rs in self.rows.items()}
        rows[sheet].append(list(row))
        return replace(self, rows=rows)

    def without_column(self, sheet: str, name: str) -> Roster:
        at = self.col(sheet, name)
        top = {**self.top, sheet: [r[:at] + r[at + 1:] if len(r) > at else r
                                   for r in self.top[sheet]]}
        return Roster(top, {**self.rows, sheet: [r[:at] + r[at + 1:] for r in self.rows[sheet]]})

    def file(self, name: str = "roster.xlsx") -> SourceFile:
        return SourceFile(name, xlsx({s: [*self.top[s], *self.rows[s]] for s in self.top}))


@pytest.fixture(scope="module")
def roster_2020(sample_db_file) -> Roster:
    """The bundled 2020 sample as rows (the sample database fixture writes the workbooks)."""
    return Roster.read(sample.sample_paths()[1].read_bytes())


def settings_for(url: str):
    return load_settings({"DATABASE_URL": url})


def a_man(roster: Roster) -> list:
    """An agents row to copy for new agents: a man, as the NIPs below carry gender digit 1."""
    return next(r for r in roster.rows[AGENTS] if r[roster.col(AGENTS, "Jenis kelamin")] == "L")


def new_agent(roster: Roster, nip: str, name: str) -> list:
    row = list(a_man(roster))
    row[roster.col(AGENTS, "NIP")] = nip
    row[roster.col(AGENTS, "Nama")] = name
    return row


def canon(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in one order whatever order they were stored in."""
    return frame.sort_values(list(frame.columns), kind="stable", na_position="last",
                             ignore_index=True)


def outside(tables: dict[str, pd.DataFrame], keys: set[str]) -> dict[str, pd.DataFrame]:
    """Every dataset's rows of units not in `keys` (attendance by its agents), with plain
    pandas: what the scoped upload must leave exactly as it was."""
    agents = tables["agents"]
    nips = set(agents.loc[~agents["unit_key"].isin(keys), "nip"])
    cut = {name: tables[name][~tables[name]["unit_key"].isin(keys)]
           for name in ("units", "agents", "zi_history", "action_plans")}
    cut["attendance"] = tables["attendance"][tables["attendance"]["nip"].isin(nips)]
    return {name: canon(frame) for name, frame in cut.items()}


def keys_of(tables: dict[str, pd.DataFrame], eselon1: str) -> set[str]:
    units = tables["units"]
    return set(units.loc[units["eselon1"] == eselon1, "unit_key"])


# A scoped admin's roster -------------------------------------------------------------------


@on_both_backends
def test_scoped_roster_changes_only_its_units_rows(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    mine = roster_2020.only(REHSOS)
    first = mine.rows[AGENTS][0]
    removed = first[mine.col(AGENTS, "NIP")].replace(" ", "")
    changed_unit = mine.rows[UNITS][0][mine.col(UNITS, "Kode unit")]
    upload = (mine.edited(UNITS, 0, **{"Kebutuhan agen": 9})
              .appended(AGENTS, new_agent(mine, "19900101 201501 1 901", "Agen Baru Satu"))
              .appended(AGENTS, new_agent(mine, "19900101 201501 1 902", "Agen Baru Dua")))
    upload = replace(upload, rows={**upload.rows, AGENTS: upload.rows[AGENTS][1:]})

    outcome = importer.import_sources(engine, [upload.file("rehsos_2020.xlsx")],
                                      settings_for(sample_db_url), uploader="admin.rehsos",
                                      principal=AS_REHSOS)

    assert outcome.ok and outcome.commit.created, outcome.validation.report.errors[:3]
    before, after = store.load_snapshot(engine, 2).tables, store.load_snapshot(engine, 3).tables
    assert store.current_version(engine).id == 3
    keys = keys_of(before, REHSOS)
    assert len(keys) == len(roster_2020.unit_codes(REHSOS)) == 43
    # Every other unit's rows, in every dataset, exactly as in the previous version.
    kept_before, kept_after = outside(before, keys), outside(after, keys)
    for name in kept_before:
        assert len(kept_before[name]) > 0
        pd.testing.assert_frame_equal(kept_after[name], kept_before[name], obj=name)
    # The scope's rows are the upload's: one agent gone, two new, one unit's need changed.
    nips = lambda t: set(t["agents"].loc[t["agents"]["unit_key"].isin(keys), "nip"])  # noqa: E731
    assert nips(after) == nips(before) - {removed} | {"199001012015011901", "199001012015011902"}
    assert len(after["agents"]) == len(before["agents"]) + 1
    needs = after["units"].set_index("unit_key")["agents_needed"]
    assert needs[changed_unit] == 9
    assert keys_of(after, REHSOS) == keys
    assert removed not in set(after["attendance"]["nip"])


@on_both_backends
def test_scoped_version_stores_its_files_and_a_manifest_and_audits_the_scope(sample_db_url,
                                                                           roster_2020):
    engine = store.connect(sample_db_url)
    outcome = importer.import_sources(engine, [roster_2020.only(REHSOS).file("rehsos.xlsx")],
                                      settings_for(sample_db_url), uploader="admin.rehsos",
                                      principal=AS_REHSOS)
    version = outcome.commit.version
    assert version.files == ["rehsos.xlsx", scoped.MANIFEST_NAME]
    manifest = json.loads(store.version_files(engine, version.id)[1].data)
    assert manifest == {"scope": {"eselon1": [REHSOS], "units": []}, "base_version": 2,
                        "datasets": ["units", "agents", "attendance", "zi_history",
                                     "action_plans"]}
    event = store.list_events(engine).iloc[0]
    assert (event["kind"], event["actor"], event["version_id"]) == ("upload", "admin.rehsos", 3)
    assert event["detail"] == f"rehsos.xlsx (scope eselon1={REHSOS})"


def test_an_unscoped_admin_imports_as_before(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    root = Principal(name="root", role="superadmin")
    outcome = importer.import_sources(engine, [roster_2020.file("semua.xlsx")],
                                      settings_for(sample_db_url), uploader="root",
                                      principal=root)
    assert outcome.ok and outcome.commit.version.files == ["semua.xlsx"]
    assert outcome.commit.version.counts["units"] == 81


# Rows outside the scope ---------------------------------------------------------------------


@on_both_backends
def test_a_row_of_another_eselon1_is_refused_at_its_row_and_nothing_is_stored(sample_db_url,
                                                                             roster_2020):
    engine = store.connect(sample_db_url)
    mine = roster_2020.only(REHSOS)
    upload = mine.edited(AGENTS, 4, **{"Unit kerja": "Biro Hukum"})
    outcome = importer.import_sources(engine, [upload.file("salah.xlsx")],
                                      settings_for(sample_db_url), uploader="admin.rehsos",
                                      principal=AS_REHSOS)
    assert outcome.commit is None
    errors = outcome.validation.report.errors
    assert [(i.sheet, i.row, i.column, i.code) for i in errors] == [
        (AGENTS, mine.first_row(AGENTS) + 4, "Unit kerja", "scope_outside")]
    assert errors[0].message("id") == (
        f"Baris ini milik Eselon I {SETJEN}, di luar cakupan akun ini. Akun ini hanya dapat "
        f"mengunggah data untuk: {REHSOS}. Hapus baris ini, atau minta admin {SETJEN} atau "
        "superadmin mengunggahnya.")
    assert errors[0].message("en").startswith(
        f"This row belongs to Eselon I {SETJEN}, outside this account's scope. This account may "
        f"upload data only for: {REHSOS}.")
    assert [v.id for v in store.list_versions(engine)] == [2, 1]
    event = store.list_events(engine).iloc[0]
    assert (event["kind"], event["actor"]) == ("upload_refused", "admin.rehsos")
    assert "scope_outside" in event["detail"]


def _plan(roster: Roster, nip: str | None, unit: str | None) -> list:
    row = list(roster.rows[PLANS][0])
    row[roster.col(PLANS, "NIP")] = nip
    row[roster.col(PLANS, "Unit kerja")] = unit
    return row


def _history(roster: Roster, unit: str) -> list:
    row = list(roster.rows[HISTORY][0])
    row[roster.col(HISTORY, "Unit kerja")] = unit
    row[roster.col(HISTORY, "Tahun")] = 2016
    return row


def _setjen_agent(full: Roster) -> list:
    return next(r for r in full.rows[AGENTS] if r[full.col(AGENTS, "Eselon I")] == SETJEN)


def _agent(mine: Roster, nip: str, unit: str, eselon1: str) -> list:
    row = new_agent(mine, nip, "Agen Luar")
    row[mine.col(AGENTS, "Unit kerja")], row[mine.col(AGENTS, "Eselon I")] = unit, eselon1
    return row


def _units_row(full: Roster, name: str, **cells: object) -> list:
    row = list(next(r for r in full.rows[UNITS] if r[full.col(UNITS, "Unit kerja")] == name))
    for header, value in cells.items():
        row[full.col(UNITS, header)] = value
    return row


# (case, how the Rehsos roster is changed, sheet, column, code, the Eselon I the message names:
# only where the row itself names its unit; a unit or NIP another scope holds names nobody's)
OUTSIDE = [
    ("units row of another Eselon I",
     lambda mine, full: mine.appended(UNITS, _units_row(full, "Biro Hukum")),
     UNITS, "Eselon I", "scope_outside", SETJEN),
    ("another Eselon I's unit claimed",
     lambda mine, full: mine.appended(UNITS, _units_row(full, "Biro Hukum", **{"Eselon I": REHSOS})),
     UNITS, "Kode unit", "scope_unit_elsewhere", None),
    ("agent of a unit outside",
     lambda mine, full: mine.appended(AGENTS, _agent(mine, "19900101 201501 1 903", "Biro Hukum",
                                                     SETJEN)),
     AGENTS, "Unit kerja", "scope_outside", SETJEN),
    ("NIP another Eselon I holds",
     lambda mine, full: mine.appended(AGENTS, _agent(
         mine, _setjen_agent(full)[1], mine.rows[AGENTS][0][mine.col(AGENTS, "Unit kerja")],
         REHSOS)),
     AGENTS, "NIP", "scope_nip_elsewhere", None),
    ("history of a unit outside",
     lambda mine, full: mine.appended(HISTORY, _history(mine, "Biro Hukum")),
     HISTORY, "Unit kerja", "scope_outside", SETJEN),
    ("plan of a unit outside",
     lambda mine, full: mine.appended(PLANS, _plan(mine, None, "Biro Hukum")),
     PLANS, "Unit kerja", "scope_outside", SETJEN),
    ("plan of an agent outside",
     lambda mine, full: mine.appended(PLANS, _plan(mine, _setjen_agent(full)[1], None)),
     PLANS, "NIP", "scope_agent_outside", None),  # where that agent works is not named
    ("plan of an agent nobody knows",
     lambda mine, full: mine.appended(PLANS, _plan(mine, "19900101 201501 1 904", None)),
     PLANS, "NIP", "scope_unresolved", None),
]


@pytest.mark.parametrize(("edit", "sheet", "column", "code", "belongs"),
                         [case[1:] for case in OUTSIDE], ids=[case[0] for case in OUTSIDE])
def test_each_kind_of_row_outside_the_scope_is_an_error_at_its_row(
        sample_db_url, roster_2020, edit, sheet, column, code, belongs):
    engine = store.connect(sample_db_url)
    mine = roster_2020.only(REHSOS)
    upload = edit(mine, roster_2020)
    result = importer.validate_against_current(engine, [upload.file()],
                                               settings_for(sample_db_url), principal=AS_REHSOS)
    errors = result.report.errors
    last_row = upload.first_row(sheet) + len(upload.rows[sheet]) - 1
    assert [(i.sheet, i.row, i.column, i.code) for i in errors] == [
        (sheet, last_row, column, code)]
    for lang in ("id", "en"):
        message = errors[0].message(lang)
        assert REHSOS in message and "{" not in message
        if belongs:
            assert belongs in message
        else:
            assert SETJEN not in message


# A unit or NIP another scope holds: the message says so and what to do, never whose it is.
ELSEWHERE = {
    "scope_unit_elsewhere": (
        "Unit kerja ini sudah terdaftar di cakupan lain pada versi saat ini, bukan di cakupan "
        f"akun ini ({REHSOS}). Hapus baris ini, atau minta admin cakupan unit itu atau admin "
        "nasional (admin tanpa cakupan atau superadmin) mengubahnya.",
        "This work unit is already registered in another scope in the current version, not in "
        f"this account's scope ({REHSOS}). Remove the row, or ask an admin of that unit's scope "
        "or a national admin (an admin without a scope, or a superadmin) to change it."),
    "scope_nip_elsewhere": (
        "NIP ini sudah terdaftar sebagai agen di cakupan lain pada versi saat ini, bukan di "
        f"cakupan akun ini ({REHSOS}). Satu NIP hanya ada di satu unit: hapus baris ini, atau "
        "minta admin cakupan itu menghapusnya lebih dulu, atau admin nasional (admin tanpa "
        "cakupan atau superadmin) memindahkannya.",
        "This NIP is already registered as an agent in another scope in the current version, "
        f"not in this account's scope ({REHSOS}). One NIP belongs to one unit: remove the row, "
        "or ask an admin of that scope to remove it first, or a national admin (an admin "
        "without a scope, or a superadmin) to move it."),
}


@pytest.mark.parametrize("case", ["another Eselon I's unit claimed", "NIP another Eselon I holds"])
def test_a_row_another_scope_holds_is_refused_without_naming_that_scopes_data(
        sample_db_url, roster_2020, case):
    engine = store.connect(sample_db_url)
    edit = next(c[1] for c in OUTSIDE if c[0] == case)
    upload = edit(roster_2020.only(REHSOS), roster_2020)
    result = importer.validate_against_current(engine, [upload.file()],
                                               settings_for(sample_db_url), principal=AS_REHSOS)
    [issue] = result.report.errors
    assert (issue.message("id"), issue.message("en")) == ELSEWHERE[issue.code]
    # Nothing of the other scope rides along, not even unshown in the parameters.
    assert issue.params == {"scope": [REHSOS]}
    theirs = _setjen_agent(roster_2020)
    for secret in (SETJEN, "Biro Hukum", theirs[2], theirs[3]):
        assert secret not in issue.message("id") + issue.message("en") + str(issue.params)


def test_attendance_rows_follow_their_agents(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    mine, setjen = roster_2020.only(REHSOS), _setjen_agent(roster_2020)
    ours = mine.rows[AGENTS][0][mine.col(AGENTS, "NIP")]
    sheet = [["NIP", "Kegiatan", "Tanggal", "Mode kehadiran"],
             [ours, "Rapat ZI", "2020-09-01", "Virtual"],
             [setjen[1], "Rapat ZI", "2020-09-01", "Virtual"],
             ["19900101 201501 1 905", "Rapat ZI", "2020-09-01", "Virtual"]]
    result = importer.validate_against_current(
        engine, [SourceFile("kehadiran.xlsx", xlsx({"Kehadiran": sheet}))],
        settings_for(sample_db_url), principal=AS_REHSOS)
    assert [(i.row, i.column, i.code) for i in result.report.errors] == [
        (3, "NIP", "scope_agent_outside"), (4, "NIP", "scope_unresolved")]
    # An NIP's Eselon I would say where that person works: the message names only the scope.
    assert result.report.errors[0].message("en") == (
        f"The agent with this NIP is registered in a work unit outside this account's scope "
        f"({REHSOS}). Remove the row, or ask an admin of that agent's scope or a national admin "
        "(an admin without a scope, or a superadmin) to upload it.")
    # The same sheet from an unscoped admin: the other Eselon I's agent is fine.
    unscoped = importer.validate_against_current(
        engine, [SourceFile("kehadiran.xlsx", xlsx({"Kehadiran": sheet}))],
        settings_for(sample_db_url))
    assert not unscoped.report.errors


# References over the merged result -----------------------------------------------------------


def test_units_of_other_scopes_are_never_dropped(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    units_only = roster_2020.only(REHSOS).sheets_only(UNITS)
    result = importer.validate_against_current(engine, [units_only.file()],
                                               settings_for(sample_db_url), principal=AS_REHSOS)
    assert result.report.ok and result.counts() == {"units": 43}


def test_a_scope_unit_dropped_while_inherited_rows_use_it_is_an_error(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    units_only = roster_2020.only(REHSOS).sheets_only(UNITS)
    dropped = units_only.rows[UNITS][0][units_only.col(UNITS, "Unit kerja")]
    upload = replace(units_only, rows={UNITS: units_only.rows[UNITS][1:]})
    result = importer.validate_against_current(engine, [upload.file()],
                                               settings_for(sample_db_url), principal=AS_REHSOS)
    errors = result.report.errors
    assert {i.code for i in errors} == {"inherited_unit_missing"}
    assert sorted(i.params["dataset"] for i in errors) == ["action_plans", "agents",
                                                           "zi_history"]
    assert all(i.params["units"] == [dropped] and i.params["unit_count"] == 1 for i in errors)


def test_a_left_out_column_warns_about_the_scope_values_only(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    mine = roster_2020.only(REHSOS).sheets_only(UNITS)
    provinces = sum(1 for r in mine.rows[UNITS] if r[mine.col(UNITS, "Provinsi")])
    upload = mine.without_column(UNITS, "Provinsi")
    result = importer.validate_against_current(engine, [upload.file()],
                                               settings_for(sample_db_url), principal=AS_REHSOS)
    dropped = [i for i in result.report.warnings if i.code == "column_dropped"]
    assert [(i.params["field"], i.params["count"]) for i in dropped] == [("province", provinces)]
    assert provinces == 43


# The preview --------------------------------------------------------------------------------


def test_the_diff_shows_only_the_scope_and_matches_what_is_stored(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    mine = roster_2020.only(REHSOS)
    upload = mine.appended(AGENTS, new_agent(mine, "19900101 201501 1 906", "Agen Baru"))
    files = [upload.file()]
    settings = settings_for(sample_db_url)
    before = store.load_snapshot(engine)
    result = importer.validate_against_current(engine, files, settings, principal=AS_REHSOS)
    # What the upload page shows: the session's scoped snapshot against the validated rows.
    preview = store.diff_tables(access.scope_tables(before.tables, AS_REHSOS), result.tables)
    rehsos_agents = sum(1 for r in mine.rows[AGENTS])
    assert (preview.counts["units_before"], preview.counts["units_after"]) == (43, 43)
    assert (preview.counts["agents_before"], preview.counts["agents_after"]) == (
        rehsos_agents, rehsos_agents + 1)
    assert preview.agents_added["name"].tolist() == ["Agen Baru"]
    assert preview.agents_removed.empty and preview.units_removed.empty
    importer.import_sources(engine, files, settings, uploader="admin.rehsos",
                            validation=result, principal=AS_REHSOS, validated_on=2)
    after = store.load_snapshot(engine, 3)
    stored = store.diff_tables(access.scope_tables(before.tables, AS_REHSOS),
                               access.scope_tables(after.tables, AS_REHSOS))
    assert stored.counts == preview.counts
    assert after.version.counts["agents"] == 292


# Rosters gathered into one national version -------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_scoped_admins_committing_in_turn_build_one_national_version(db_url, roster_2020):
    engine = store.connect(db_url)
    settings = settings_for(db_url)
    rehsos, dayasos = roster_2020.only(REHSOS), roster_2020.only(DAYASOS)
    first = importer.import_sources(engine, [rehsos.file("rehsos.xlsx")], settings,
                                    uploader="admin.rehsos", principal=AS_REHSOS)
    second = importer.import_sources(engine, [dayasos.file("dayasos.xlsx")], settings,
                                     uploader="admin.dayasos", principal=AS_DAYASOS)
    assert first.ok and second.ok and [v.id for v in store.list_versions(engine)] == [2, 1]
    one, both = store.load_snapshot(engine, 1).tables, store.load_snapshot(engine, 2).tables
    expected_units = roster_2020.unit_codes(REHSOS) | roster_2020.unit_codes(DAYASOS)
    assert set(both["units"]["unit_key"]) == expected_units
    expected_nips = {r[1].replace(" ", "") for r in rehsos.rows[AGENTS] + dayasos.rows[AGENTS]}
    assert set(both["agents"]["nip"]) == expected_nips
    dayasos_keys = roster_2020.unit_codes(DAYASOS)
    for name in ("units", "agents", "zi_history", "action_plans"):
        pd.testing.assert_frame_equal(  # the first scope's rows, untouched by the second
            canon(both[name][~both[name]["unit_key"].isin(dayasos_keys)]), canon(one[name]),
            obj=name)
    # Rehsos again, with one change: Dayasos' rows stay exactly as the second commit made them.
    third = importer.import_sources(
        engine, [rehsos.edited(UNITS, 0, **{"Kebutuhan agen": 7}).file("rehsos-2.xlsx")],
        settings, uploader="admin.rehsos", principal=AS_REHSOS)
    assert third.commit.created
    latest = store.load_snapshot(engine).tables
    rehsos_keys = roster_2020.unit_codes(REHSOS)
    for name in ("units", "agents", "zi_history", "action_plans"):
        pd.testing.assert_frame_equal(
            canon(latest[name][~latest[name]["unit_key"].isin(rehsos_keys)]),
            canon(both[name][~both[name]["unit_key"].isin(rehsos_keys)]), obj=name)
    first_code = rehsos.rows[UNITS][0][rehsos.col(UNITS, "Kode unit")]
    assert latest["units"].set_index("unit_key")["agents_needed"][first_code] == 7


def test_a_commit_made_meanwhile_is_kept_by_checking_and_merging_again(sample_db_url, roster_2020,
                                                                      monkeypatch):
    engine = store.connect(sample_db_url)
    settings = settings_for(sample_db_url)
    dayasos = roster_2020.only(DAYASOS).edited(UNITS, 0, **{"Kebutuhan agen": 5})
    rehsos = roster_2020.only(REHSOS).edited(UNITS, 0, **{"Kebutuhan agen": 6})
    real_merge, calls = scoped.merge_scope, []

    def merge_while_another_commits(current, uploaded, principal):
        calls.append(principal.name)
        if len(calls) == 1:  # between Rehsos' load and its commit, Dayasos commits
            assert importer.import_sources(engine, [dayasos.file("dayasos.xlsx")], settings,
                                           uploader="admin.dayasos", principal=AS_DAYASOS).ok
        return real_merge(current, uploaded, principal)

    monkeypatch.setattr(scoped, "merge_scope", merge_while_another_commits)
    outcome = importer.import_sources(engine, [rehsos.file("rehsos.xlsx")], settings,
                                      uploader="admin.rehsos", principal=AS_REHSOS)
    assert calls == ["admin.rehsos", "admin.dayasos", "admin.rehsos"]
    assert outcome.commit.created and outcome.commit.version.id == 4
    needs = store.load_snapshot(engine).tables["units"].set_index("unit_key")["agents_needed"]
    first = lambda r: r.rows[UNITS][0][r.col(UNITS, "Kode unit")]  # noqa: E731
    assert (needs[first(dayasos)], needs[first(rehsos)]) == (5, 6)
    manifest = json.loads(store.version_files(engine, 4)[1].data)
    assert manifest["base_version"] == 3


def test_the_same_scoped_file_over_another_version_is_a_new_version(sample_db_url, roster_2020):
    engine = store.connect(sample_db_url)
    settings = settings_for(sample_db_url)
    mine = [roster_2020.only(REHSOS).edited(UNITS, 0, **{"Kebutuhan agen": 4}).file("r.xlsx")]
    theirs = [roster_2020.only(DAYASOS).edited(UNITS, 0, **{"Kebutuhan agen": 3}).file("d.xlsx")]

    def upload(files, principal):
        return importer.import_sources(engine, files, settings, uploader=principal.name,
                                       principal=principal).commit

    assert upload(mine, AS_REHSOS).version.id == 3
    assert upload(theirs, AS_DAYASOS).version.id == 4
    again = upload(mine, AS_REHSOS)  # never "identical to version 3", which lacks Dayasos' change
    assert again.created and again.version.id == 5
    needs = store.load_snapshot(engine).tables["units"]["agents_needed"].tolist()
    assert 3 in needs and 4 in needs
    store.rollback(engine, 4, actor="test")
    repeat = upload(mine, AS_REHSOS)  # the same files over the same version: version 5 again
    assert (repeat.created, repeat.version.id) == (False, 5)


# A check made on another version than the one merged onto ----------------------------------

RACE_NIP = "19900101 201501 1 921"
RACE_CODE = "KS-99-921"


def checked_then_taken(engine, settings, roster: Roster, kind: str):
    """Rehsos' roster with a new agent (kind "nip") or a new unit ("unit"), checked on version 2;
    then Dayasos commits that NIP or unit code in its own scope (version 3), as another scope's
    commit can land between a check and the commit. (upload, its files, the check)."""
    def grown(eselon1: str, label: str) -> Roster:
        mine = roster.only(eselon1)
        if kind == "nip":
            return mine.appended(AGENTS, new_agent(mine, RACE_NIP, f"Agen {label}"))
        row = _units_row(roster, mine.rows[UNITS][0][mine.col(UNITS, "Unit kerja")],
                         **{"Kode unit": RACE_CODE, "Unit kerja": f"Loka Uji {label}"})
        return mine.appended(UNITS, row)

    upload = grown(REHSOS, "Rehsos")
    files = [upload.file("rehsos.xlsx")]
    checked = importer.validate_against_current(engine, files, settings, principal=AS_REHSOS)
    assert checked.report.ok, checked.report.errors[:3]
    taken = importer.import_sources(engine, [grown(DAYASOS, "Dayasos").file("dayasos.xlsx")],
                                    settings, uploader="admin.dayasos", principal=AS_DAYASOS)
    assert taken.ok and taken.commit.version.id == 3, taken.validation.report.errors[:3]
    return upload, files, checked


@pytest.mark.parametrize("kind", ["nip", "unit"])
@on_both_backends
def test_merging_a_check_over_a_version_that_holds_its_row_in_another_scope_refuses(
        sample_db_url, roster_2020, kind):
    engine = store.connect(sample_db_url)
    _, _, checked = checked_then_taken(engine, settings_for(sample_db_url), roster_2020, kind)
    newer = store.load_snapshot(engine).tables
    dataset, column, value = (("agents", "nip", RACE_NIP.replace(" ", "")) if kind == "nip"
                              else ("units", "unit_key", RACE_CODE))
    clashes = scoped.clashing_rows(newer, checked.tables, AS_REHSOS)
    assert list(clashes) == [dataset]
    assert checked.tables[dataset].loc[clashes[dataset], column].tolist() == [value]
    for merge in (scoped.kept_rows, scoped.merge_scope):  # never a silent drop of theirs
        with pytest.raises(StoreError, match="another scope"):
            merge(newer, checked.tables, AS_REHSOS)
    assert scoped.clashing_rows(store.load_snapshot(engine, 2).tables, checked.tables,
                                AS_REHSOS) == {}


# (case, what clashes, what the caller says the check was made on)
CLAIMS = [("NIP, checked on 2", "nip", {"validated_on": 2}),
          ("NIP, said to be checked on 3", "nip", {"validated_on": 3}),
          ("NIP, not said", "nip", {}),
          ("unit, said to be checked on 3", "unit", {"validated_on": 3})]


@pytest.mark.parametrize(("kind", "claim"), [c[1:] for c in CLAIMS], ids=[c[0] for c in CLAIMS])
@on_both_backends
def test_a_row_another_scope_committed_meanwhile_refuses_the_upload_at_its_row(
        sample_db_url, roster_2020, kind, claim):
    engine, settings = store.connect(sample_db_url), settings_for(sample_db_url)
    upload, files, checked = checked_then_taken(engine, settings, roster_2020, kind)
    outcome = importer.import_sources(engine, files, settings, uploader="admin.rehsos",
                                      validation=checked, principal=AS_REHSOS, **claim)
    assert outcome.commit is None
    errors = outcome.validation.report.errors
    sheet, column, code = ((AGENTS, "NIP", "scope_nip_elsewhere") if kind == "nip"
                           else (UNITS, "Kode unit", "scope_unit_elsewhere"))
    row = upload.first_row(sheet) + len(upload.rows[sheet]) - 1
    assert [(i.file, i.sheet, i.row, i.column, i.code) for i in errors] == [
        ("rehsos.xlsx", sheet, row, column, code)]
    assert (errors[0].message("id"), errors[0].message("en")) == ELSEWHERE[code]
    # Nothing written: Dayasos' row is where Dayasos put it.
    assert [v.id for v in store.list_versions(engine)] == [3, 2, 1]
    tables = store.load_snapshot(engine).tables
    if kind == "nip":
        agents = tables["agents"].set_index("nip")
        assert agents.at[RACE_NIP.replace(" ", ""), "name"] == "Agen Dayasos"
    else:
        units = tables["units"].set_index("unit_key")
        assert units.loc[RACE_CODE, ["unit_name", "eselon1"]].tolist() == ["Loka Uji Dayasos",
                                                                           DAYASOS]
    event = store.list_events(engine).iloc[0]
    assert (event["kind"], event["actor"]) == ("upload_refused", "admin.rehsos")
    assert code in event["detail"]


def test_a_clash_the_check_misses_is_still_refused_naming_its_sheet_and_column(
        sample_db_url, roster_2020, monkeypatch):
    engine, settings = store.connect(sample_db_url), settings_for(sample_db_url)
    _, files, checked = checked_then_taken(engine, settings, roster_2020, "nip")
    # Were the scope check ever to miss a row another scope holds, the merge still refuses it.
    monkeypatch.setattr(validate, "check_scope", lambda *args: None)
    outcome = importer.import_sources(engine, files, settings, uploader="admin.rehsos",
                                      validation=checked, principal=AS_REHSOS, validated_on=3)
    assert outcome.commit is None
    nip = RACE_NIP.replace(" ", "")
    assert [(i.file, i.sheet, i.row, i.column, i.code, i.value)
            for i in outcome.validation.report.errors] == [
        ("rehsos.xlsx", AGENTS, None, "NIP", "scope_nip_elsewhere", nip)]
    assert [v.id for v in store.list_versions(engine)] == [3, 2, 1]


def first_unit_moved(roster: Roster) -> tuple[Roster, Roster]:
    """Rehsos' agents without its first unit's, plus a new agent there (fine while the unit is
    Rehsos'); and a units sheet for a national admin that moves that unit to the Sekretariat."""
    mine = roster.only(REHSOS)
    unit = mine.rows[UNITS][0][mine.col(UNITS, "Unit kerja")]
    at = mine.col(AGENTS, "Unit kerja")
    upload = mine.sheets_only(AGENTS).where(lambda sheet, row: row[at] != unit)
    upload = upload.appended(AGENTS, new_agent(mine, "19900101 201501 1 931", "Agen Baru"))
    upload = upload.edited(AGENTS, len(upload.rows[AGENTS]) - 1, **{"Unit kerja": unit})
    name = roster.col(UNITS, "Unit kerja")
    index = next(i for i, row in enumerate(roster.rows[UNITS]) if row[name] == unit)
    return upload, roster.sheets_only(UNITS).edited(UNITS, index, **{"Eselon I": SETJEN})


def test_a_check_given_without_its_version_is_made_again_before_merging(sample_db_url,
                                                                        roster_2020):
    engine, settings = store.connect(sample_db_url), settings_for(sample_db_url)
    upload, move = first_unit_moved(roster_2020)
    files = [upload.file("rehsos.xlsx")]
    checked = importer.validate_against_current(engine, files, settings, principal=AS_REHSOS)
    assert checked.report.ok
    root = Principal(name="root", role="superadmin")
    assert importer.import_sources(engine, [move.file("pindah.xlsx")], settings, uploader="root",
                                   principal=root).commit.version.id == 3
    outcome = importer.import_sources(engine, files, settings, uploader="admin.rehsos",
                                      validation=checked, principal=AS_REHSOS)
    assert outcome.commit is None
    row = upload.first_row(AGENTS) + len(upload.rows[AGENTS]) - 1
    assert [(i.sheet, i.row, i.column, i.code) for i in outcome.validation.report.errors] == [
        (AGENTS, row, "Unit kerja", "scope_outside")]
    assert [v.id for v in store.list_versions(engine)] == [3, 2, 1]
