"""The ministry-shaped corpus: every layout and value variant gives the verdict worked out by hand
for each row, and the combined roster of issue 9's "done when" validates with warnings only."""

import datetime as dt
import json

import pytest

from tests.ministry_corpus import CASES, Case, roster_of_record, workbook
from zi_dashboard.cli import main
from zi_dashboard.ingest.reader import ReadOptions
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import validate_sources

TODAY = dt.date(2024, 6, 1)


def validate(case: Case):
    return validate_sources([case.source()], today=TODAY, options=ReadOptions(**case.options))


def test_the_corpus_holds_at_least_25_workbooks_with_distinct_names():
    names = [c.name for c in CASES]
    assert len(names) >= 25 and len(set(names)) == len(names)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_workbook_gives_its_verdict_per_row(case):
    result = validate(case)
    found = tuple(sorted(((i.severity, i.code, i.row) for i in result.report.issues), key=repr))
    assert found == case.issues, [i.message("en") for i in result.report.issues]
    assert {k: v for k, v in result.counts().items() if v} == case.counts
    for (dataset, column), expected in case.values.items():
        values = result.tables[dataset][column].astype(object)
        assert values.where(values.notna(), None).tolist() == expected


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_message_reads_in_both_languages(case):
    for issue in validate(case).report.issues:
        indonesian, english = issue.message("id"), issue.message("en")
        assert indonesian and english and indonesian != english
        assert "{" not in indonesian + english, (indonesian, english)


def test_the_roster_of_record_validates_with_warnings_only_and_the_right_counts():
    source = SourceFile("roster.xlsx", workbook(roster_of_record()))
    result = validate_sources([source], today=TODAY)
    assert result.report.errors == []
    assert {(i.severity, i.code) for i in result.report.issues} == {
        ("warning", "hidden_rows_imported"), ("warning", "unknown_header"),
        ("info", "total_row_skipped"), ("info", "table_ignored")}
    assert result.counts() == {"units": 4, "agents": 6, "attendance": 6}
    assert result.attendance_counts() == {"tatap_muka": 3, "virtual": 3, "hadir": 0,
                                          "tidak_hadir": 0}
    skipped = result.tables["agents"]
    assert skipped["rank"].tolist() == ["III/a", "III/b", "IV/a", "III/c", "IV/a", "III/a"]


def test_the_roster_of_record_through_the_cli_maps_the_email_column_on_its_own(
        tmp_path, capsys, monkeypatch):
    path = tmp_path / "roster.xlsx"
    path.write_bytes(workbook(roster_of_record()))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'zi.db'}")
    code = main(["validate", str(path), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    codes = {(i["severity"], i["code"]) for i in report["issues"]}
    assert ("warning", "hidden_rows_imported") in codes and ("warning", "unknown_header") not in codes
    assert report["counts"]["agents"] == 6
