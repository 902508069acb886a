"""Two years, not one: the evaluation year picks the rule set, the award year says "sejak"."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, insert

from tests.conftest import PDFTOTEXT, need
from tests.tables import make_table
from zi_dashboard import cli, store
from zi_dashboard.analysis import profile, years
from zi_dashboard.domain import rules, schema
from zi_dashboard.domain.enums import normalize_header
from zi_dashboard.exports import briefing, factsheet
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.template import template_workbook
from zi_dashboard.present import summaries
from zi_dashboard.sample.generate import WBK_2017, WBK_2018, generate_sample
from zi_dashboard.store.database import _create_initial, build_tables, now
from zi_dashboard.store.frames import empty_table

TODAY = dt.date(2020, 10, 1)


def _all(tables: dict) -> dict:
    """Every dataset, the absent ones empty (as a stored version has them)."""
    return {d: tables[d] if d in tables else empty_table(d) for d in schema.DATASET_ORDER}


@pytest.fixture(scope="module")
def sample():
    return {year: _all(tables) for year, tables in generate_sample().items()}


def _one_unit(tables: dict, name: str) -> dict:
    """The tables of one unit only (a fact sheet per unit, fast)."""
    key = tables["units"].loc[tables["units"]["unit_name"] == name, "unit_key"].item()
    return {d: frame[frame["unit_key"] == key].reset_index(drop=True)
            for d, frame in tables.items() if "unit_key" in frame.columns}


# --- the header names ---------------------------------------------------------------------

@pytest.mark.parametrize(("header", "column"), [
    ("Tahun penilaian", "evaluation_year"), ("Tahun Evaluasi", "evaluation_year"),
    ("TAHUN LKE", "evaluation_year"), ("Tahun penilaian LKE", "evaluation_year"),
    ("Evaluation year", "evaluation_year"),
    # The bare year is the evaluation year, as the one year column was; so is the old name.
    ("Tahun", "evaluation_year"), ("Year", "evaluation_year"), ("stage_year", "evaluation_year"),
    ("Tahun predikat", "award_year"), ("Tahun penetapan predikat", "award_year"),
    ("Tahun perolehan", "award_year"), ("Sejak", "award_year"), ("Predikat sejak", "award_year"),
    ("Award year", "award_year"),
    ("Predikat", "zi_stage"),
])
def test_headers_map_to_the_right_year(header, column):
    assert schema.UNITS.header_map()[normalize_header(header)] == column


@pytest.mark.parametrize(("lang", "headers", "award_help"), [
    ("id", ["Tahun penilaian", "Tahun predikat"], "Sejak tahun berapa tahap/predikat saat ini "
     "berlaku (WBK sejak 2017). Kosong: diambil dari riwayat ZI."),
    ("en", ["Evaluation year", "Award year"], "Since when the current stage or title holds (WBK "
     "since 2017). Blank: taken from the ZI history."),
])
def test_template_has_both_years_with_their_help(lang, headers, award_help):
    wb = load_workbook(io.BytesIO(template_workbook(lang)))
    units = [c.value for c in wb[schema.UNITS.label(lang)][1]]
    start = units.index(headers[0])
    assert units[start:start + 2] == headers
    rows = {r[0]: r for r in wb.worksheets[0].iter_rows(values_only=True) if r[0]}
    assert rows[headers[1]][3] == award_help
    assert "LKE" in rows[headers[0]][3]


# --- the rule set follows the evaluation year ---------------------------------------------

@pytest.mark.parametrize(("evaluation_year", "award_year", "rule_set"), [
    (2019, 2022, "52/2014"),
    (2020, 2017, "10/2019"),
    (2021, 2023, "10/2019"),
    (2022, 2019, "90/2021"),
    (None, 2017, "90/2021"),   # no evaluation year: the newest, never the award year's
])
def test_rule_set_is_chosen_by_evaluation_year_not_award_year(evaluation_year, award_year,
                                                              rule_set):
    units = make_table("units", [dict(unit_name="Biro Umum", eselon1="Sekretariat Jenderal",
                                      zi_stage="wbk", evaluation_year=evaluation_year,
                                      award_year=award_year, lke_score=80.0, unit_key="U1")])
    tables = _all({"units": units})
    assert rules.check_units(units)["rule_set"].tolist() == [rule_set]
    assert rules.check_unit(units.iloc[0].to_dict()).rule_set == rule_set
    (facts,) = profile.unit_facts(tables, today=TODAY)
    assert (facts.rule_set.key, facts.evaluation_year, facts.award_year) == (
        rule_set, evaluation_year, award_year)
    assert summaries.title_holders(tables)[0]["rule_set"] == rule_set


@pytest.mark.parametrize(("year", "rules_key", "lang", "text"), [
    (2020, "10/2019", "id", "dinilai 2020 (PermenPANRB 10/2019, belum terkonfirmasi)"),
    (2022, "90/2021", "id", "dinilai 2022 (PermenPANRB 90/2021)"),
    (2019, "52/2014", "en", "evaluated in 2019 (PermenPANRB 52/2014)"),
    (None, "90/2021", "id", "tanpa tahun penilaian: PermenPANRB 90/2021 dipakai"),
])
def test_evaluated_text(year, rules_key, lang, text):
    assert years.evaluated_text(year, rules.rule_set(rules_key), lang) == text


# --- the award year, given or from the history ---------------------------------------------

@pytest.mark.parametrize(("stage", "given", "history", "award", "derived"), [
    ("wbk", None, [(2017, "wbk"), (2018, "wbk"), (2019, "wbk")], 2017, True),
    ("wbk", None, [(2017, "pembangunan"), (2018, "wbk"), (2019, "wbk")], 2018, True),
    # A revocation breaks the run: WBK again only since 2020.
    ("wbk", None, [(2017, "wbk"), (2018, "wbk"), (2019, "dicabut"), (2020, "wbk")], 2020, True),
    # Years out of order in the sheet: the run is read by year.
    ("wbk", None, [(2020, "wbk"), (2018, "pembangunan"), (2019, "wbk")], 2019, True),
    ("pencanangan", None, [(2018, "belum"), (2019, "pencanangan"), (2020, "pencanangan")],
     2019, True),
    # The history ends at another stage: it cannot say since when the unit holds WBK.
    ("wbk", None, [(2018, "pembangunan"), (2019, "diusulkan_wbk")], None, False),
    ("wbk", None, [], None, False),
    # A given award year wins over the history.
    ("wbk", 2016, [(2017, "wbk"), (2018, "wbk")], 2016, False),
    ("wbk", 2017, [], 2017, False),
])
def test_award_year_is_given_or_derived_from_the_history(stage, given, history, award, derived):
    units = make_table("units", [
        dict(unit_name="Direktorat A", eselon1="Ditjen", zi_stage=stage, award_year=given,
             unit_key="A"),
        dict(unit_name="Direktorat B", eselon1="Ditjen", zi_stage="belum", unit_key="B")])
    zi_history = make_table("zi_history", [dict(unit="Direktorat A", year=y, zi_stage=s,
                                                unit_key="A") for y, s in history])
    tables = _all({"units": units, "zi_history": zi_history})
    out = years.award_years(tables)
    assert out["unit_key"].tolist() == ["A", "B"]
    assert [None if pd.isna(v) else int(v) for v in out["award_year"]] == [award, None]
    assert out["award_year_derived"].tolist() == [derived, False]
    first, _ = profile.unit_facts(tables, today=TODAY)
    assert (first.award_year, first.award_year_derived) == (award, derived)


@pytest.mark.parametrize(("stage", "award", "derived", "lang", "text"), [
    ("wbk", 2017, False, "id", "WBK sejak 2017"),
    ("wbk", 2017, True, "id", "WBK sejak 2017 (menurut riwayat ZI)"),
    ("diusulkan_wbbm", 2020, False, "en", "Proposed for WBBM since 2020"),
    ("wbk", None, False, "id", "WBK"),
    (None, 2017, False, "id", ""),
])
def test_stage_since_text(stage, award, derived, lang, text):
    assert years.stage_since_text(stage, award, derived, lang) == text


# --- the sample: the 2017 WBK directorate -------------------------------------------------

@pytest.mark.parametrize(("year", "unit", "stage", "award", "derived"), [
    (2019, WBK_2017, "wbk", 2017, False),
    (2020, WBK_2017, "wbk", 2017, False),
    (2019, WBK_2018, "wbk", 2018, False),
    (2020, WBK_2018, "diusulkan_wbbm", 2020, True),   # proposed in 2020: blank, from history
])
def test_sample_units_carry_both_years(sample, year, unit, stage, award, derived):
    tables = sample[year]
    facts = {f.unit_name: f for f in profile.unit_facts(tables, today=TODAY)}[unit]
    assert (facts.zi_stage, facts.evaluation_year, facts.award_year,
            facts.award_year_derived) == (stage, year, award, derived)
    assert facts.rule_set.key == {2019: "52/2014", 2020: "10/2019"}[year]


def test_fact_sheet_of_the_2017_wbk_directorate_says_wbk_sejak_2017(sample, tmp_path):
    need(PDFTOTEXT, "pdftotext (poppler-utils)")
    data = factsheet.build_unit_sheets(_one_unit(sample[2020], WBK_2017), version_id=2,
                                       created_at=TODAY, today=TODAY, combined=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        (name,) = archive.namelist()
        (tmp_path / "sheet.pdf").write_bytes(archive.read(name))
    text = subprocess.run([PDFTOTEXT, "-layout", str(tmp_path / "sheet.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "WBK sejak 2017 · dinilai 2020 (PermenPANRB 10/2019, belum terkonfirmasi)" in flat
    assert "sejak 2020" not in flat


def test_briefing_names_since_when_units_hold_their_title(sample):
    text = briefing.narrative_wbk(sample[2020], sample[2019], "id")
    assert text == ("2 dari 81 unit telah meraih WBK. "
                    "WBK sejak 2017: Direktorat Rehabilitasi Sosial Anak. "
                    "Diusulkan WBBM sejak 2020 (menurut riwayat ZI): "
                    "Politeknik Kesejahteraan Sosial Bandung.")
    english = briefing.narrative_wbk(sample[2019], None, "en")
    assert english == ("2 of 81 units hold WBK. WBK since 2017: Direktorat Rehabilitasi Sosial "
                       "Anak. WBK since 2018: Politeknik Kesejahteraan Sosial Bandung.")


@pytest.mark.parametrize(("years_by_row", "lang", "tail"), [
    ({}, "id", "51 unit dinilai 2020 (PermenPANRB 10/2019, belum terkonfirmasi)."),
    ({range(0, 11): None, range(11, 21): 2022}, "id",
     "43 unit dinilai 2020 (PermenPANRB 10/2019, belum terkonfirmasi). 3 unit dinilai 2022 "
     "(PermenPANRB 90/2021). 5 unit tanpa tahun penilaian: PermenPANRB 90/2021 dipakai."),
    ({range(0, 81): 2019}, "en", "51 units evaluated in 2019 (PermenPANRB 52/2014)."),
])
def test_briefing_says_when_and_under_which_rules_units_were_evaluated(sample, years_by_row,
                                                                      lang, tail):
    units = sample[2020]["units"].copy()
    for rows_, year in years_by_row.items():
        units.loc[list(rows_), "evaluation_year"] = year
    items = briefing.build_deck({**sample[2020], "units": units}, None, version_id=2,
                                created_at=TODAY, filters_text="", lang=lang,
                                sections=("progres",)).items
    lke = next(item for item in items if item.key == "progres_lke")
    assert tail in lke.narrative


def test_status_lists_title_holders_with_both_years(sample):
    assert summaries.title_holders(sample[2020]) == [
        {"unit": WBK_2017, "stage": "wbk", "award_year": 2017, "award_year_from_history": False,
         "evaluation_year": 2020, "rule_set": "10/2019"},
        {"unit": WBK_2018, "stage": "diusulkan_wbbm", "award_year": 2020,
         "award_year_from_history": True, "evaluation_year": 2020, "rule_set": "10/2019"}]
    assert summaries.evaluation_years(sample[2019]) == {"2019": 81}


def test_cli_status_prints_both_years(sample_db_url, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", sample_db_url)
    assert cli.main(["status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  evaluation_years: {'2020': 81}" in lines
    assert ("  Direktorat Rehabilitasi Sosial Anak: wbk since 2017; evaluated 2020 under 10/2019"
            in lines)
    assert cli.main(["status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["titles"][0] == {
        "unit": WBK_2017, "stage": "wbk", "award_year": 2017, "award_year_from_history": False,
        "evaluation_year": 2020, "rule_set": "10/2019"}


def test_status_counts_units_without_an_evaluation_year():
    units = make_table("units", [dict(unit_name=n, eselon1="E", evaluation_year=y, unit_key=n)
                                 for n, y in (("a", 2021), ("b", None), ("c", 2019), ("d", 2021))])
    assert summaries.evaluation_years({"units": units}) == {"2019": 1, "2021": 2, "none": 1}


# --- the store: a database of the one-year schema -----------------------------------------

def _old_columns(declared):
    """schema.clean_columns as it was: units with one `stage_year` and no award year."""
    def old(dataset):
        columns = declared(dataset)
        if dataset != "units":
            return columns
        return [("stage_year", kind) if name == "evaluation_year" else (name, kind)
                for name, kind in columns if name != "award_year"]
    return old


def _old_database(url: str, monkeypatch, stage_years: list, evaluation_years: list | None):
    """A store made by the previous version: only 0001_initial applied, units with stage_year."""
    monkeypatch.setattr(schema, "clean_columns", _old_columns(schema.clean_columns))
    engine = create_engine(url)
    t = build_tables()
    with engine.begin() as conn:
        t.migrations.create(conn)
        _create_initial(conn, t)
        conn.execute(insert(t.migrations).values(name="0001_initial", applied_at=now()))
        if evaluation_years is not None:  # a column some interim build had already added
            conn.exec_driver_sql("ALTER TABLE units ADD COLUMN evaluation_year INTEGER")
    units = make_table("units", [dict(unit_name=f"Unit {i}", eselon1="Setjen", zi_stage="wbk",
                                      stage_year=y, unit_key=f"u{i}")
                                 for i, y in enumerate(stage_years)])
    assert "stage_year" in units.columns
    store.commit_version(engine, {"units": units}, [SourceFile("old.xlsx", b"old")], uploader="u")
    if evaluation_years is not None:
        with engine.begin() as conn:
            for i, y in enumerate(evaluation_years):
                conn.exec_driver_sql(f"UPDATE units SET evaluation_year = {y or 'NULL'} "
                                     f"WHERE row_no = {i}")
    engine.dispose()
    monkeypatch.undo()


@pytest.mark.parametrize(("stage_years", "evaluation_years", "expected"), [
    ([2017, 2020, None, 2022], None, [2017, 2020, None, 2022]),
    # Both columns: stored evaluation years are kept, blanks take the old stage year.
    ([2017, 2020, None, 2022], [2019, None, None, 2021], [2019, 2020, None, 2021]),
])
def test_migration_keeps_stored_years_as_evaluation_years(tmp_path, monkeypatch, stage_years,
                                                          evaluation_years, expected):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _old_database(url, monkeypatch, stage_years, evaluation_years)
    engine = store.connect(url)   # migrates
    with engine.connect() as conn:
        applied = conn.exec_driver_sql("SELECT name FROM schema_migrations").scalars().all()
    assert "0003_evaluation_and_award_years" in applied and "add_column:units.award_year" in applied
    units = store.load_snapshot(engine).tables["units"]
    assert [None if pd.isna(v) else int(v) for v in units["evaluation_year"]] == expected
    assert units["award_year"].isna().all() and str(units["award_year"].dtype) == "Int64"
    assert store.migrate(engine) == []
    # A new version of the two-year schema stores both years beside the migrated one.
    new = make_table("units", [dict(unit_name="Biro Umum", eselon1="Setjen", zi_stage="wbk",
                                    evaluation_year=2020, award_year=2017, unit_key="b")])
    store.commit_version(engine, {"units": new}, [SourceFile("new.xlsx", b"new")], uploader="u")
    loaded = store.load_snapshot(engine).tables["units"]
    assert (int(loaded.loc[0, "evaluation_year"]), int(loaded.loc[0, "award_year"])) == (2020, 2017)
    engine.dispose()


def test_migration_does_nothing_on_a_new_database(tmp_path):
    engine = store.connect(f"sqlite:///{tmp_path / 'new.db'}")
    with engine.connect() as conn:
        columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(units)")}
    assert {"evaluation_year", "award_year"} <= columns and "stage_year" not in columns
    engine.dispose()

