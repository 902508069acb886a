"""The command line through subprocess, on real files and a real database (SQLite, and
PostgreSQL where the test stores data)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tests.workbooks import BASE, NIP_L1, NIP_L2, NIP_P1, xlsx
from zi_dashboard import store
from zi_dashboard.analysis import metrics

ROOT = Path(__file__).resolve().parent.parent

SAMPLE_2019 = ROOT / "data" / "sample_2019.xlsx"
SAMPLE_2020 = ROOT / "data" / "sample_2020.xlsx"


def cli(*args: str, db_url: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": db_url, "ZI_LANG": "id"}
    return subprocess.run([sys.executable, "-m", "zi_dashboard", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, input=stdin, timeout=240)


@pytest.fixture
def empty_db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def bad_nip_copy(tmp_path: Path) -> Path:
    """The 2020 sample with one agent's NIP cut short; returns its path and the Excel row."""
    wb = openpyxl.load_workbook(SAMPLE_2020)
    sheet = next(ws for ws in wb.worksheets if any(
        str(c.value).strip() == "NIP" for row in ws.iter_rows(max_row=8) for c in row))
    header_row, nip_col = next((c.row, c.column) for row in sheet.iter_rows(max_row=8)
                               for c in row if str(c.value).strip() == "NIP")
    sheet.cell(header_row + 5, nip_col).value = "19860926 2015"
    path = tmp_path / "bad_nip.xlsx"
    wb.save(path)
    return path, header_row + 5


def test_validate_the_2020_sample_reports_the_seed_numbers(empty_db):
    result = cli("validate", str(SAMPLE_2020), "--json", db_url=empty_db)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["counts"]["agents"] == 291
    assert report["counts"]["units"] == 81
    assert report["attendance"]["tatap_muka"] == 120
    assert report["attendance"]["virtual"] == 171
    assert [i for i in report["issues"] if i["severity"] == "error"] == []


def test_validate_a_bad_file_exits_1_naming_the_row(empty_db, tmp_path):
    path, row = bad_nip_copy(tmp_path)
    result = cli("validate", str(path), "--json", "--lang", "en", db_url=empty_db)
    assert result.returncode == 1
    issues = json.loads(result.stdout)["issues"]
    bad = [i for i in issues if i["severity"] == "error"]
    assert {(i["code"], i["row"], i["column"]) for i in bad} == {("nip_invalid_length", row, "NIP")}
    assert set(bad[0]) == {"severity", "file", "sheet", "row", "column", "code", "message", "value"}


def test_import_status_diff_rollback_round_trip(db_url, tmp_path):
    assert cli("import", str(SAMPLE_2019), "--note", "2019", "--by", "uji", db_url=db_url).returncode == 0
    assert cli("import", str(SAMPLE_2020), "--note", "2020", db_url=db_url).returncode == 0

    status = json.loads(cli("status", "--json", db_url=db_url).stdout)
    assert status["version"]["id"] == 2
    assert (status["agents"], status["units"]) == (291, 81)
    assert status["attendance"]["tatap_muka"] == 120
    assert sum(status["stages"].values()) == 81

    versions = json.loads(cli("versions", "--json", db_url=db_url).stdout)
    assert [v["id"] for v in versions] == [2, 1]
    assert versions[1]["uploader"] == "uji" and versions[0]["current"] is True

    diff = json.loads(cli("diff", "1", "2", "--json", db_url=db_url).stdout)
    counts = diff["counts"]
    assert counts["agents_after"] - counts["agents_before"] == 26
    assert counts["agents_added"] - counts["agents_removed"] == 26

    assert cli("rollback", "1", db_url=db_url).returncode == 0
    status = json.loads(cli("status", "--json", db_url=db_url).stdout)
    assert (status["version"]["id"], status["agents"]) == (1, 265)


def test_import_refuses_a_bad_file_and_changes_nothing(db_url, tmp_path):
    assert cli("import", str(SAMPLE_2019), db_url=db_url).returncode == 0
    path, _ = bad_nip_copy(tmp_path)
    result = cli("import", str(path), db_url=db_url)
    assert result.returncode == 1
    assert "nip_invalid_length" in result.stdout
    versions = json.loads(cli("versions", "--json", db_url=db_url).stdout)
    assert [v["id"] for v in versions] == [1]


def test_importing_identical_files_twice_makes_no_new_version(db_url):
    assert cli("import", str(SAMPLE_2019), db_url=db_url).returncode == 0
    again = cli("import", str(SAMPLE_2019), db_url=db_url)
    assert again.returncode == 0
    assert "already version 1" in again.stdout
    assert len(json.loads(cli("versions", "--json", db_url=db_url).stdout)) == 1


def test_rollback_to_an_unknown_version_fails_cleanly(db_url):
    result = cli("rollback", "99", db_url=db_url)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_template_and_hash_password(empty_db, tmp_path):
    out = tmp_path / "template.xlsx"
    assert cli("template", str(out), db_url=empty_db).returncode == 0
    assert len(openpyxl.load_workbook(out).sheetnames) >= 6
    hashed = cli("hash-password", "--stdin", db_url=empty_db, stdin="rahasia-kuat\n")
    from zi_dashboard.access import passwords as auth

    assert auth.verify_password("rahasia-kuat", hashed.stdout.strip())


def test_a_missing_file_is_a_clear_error(empty_db):
    result = cli("validate", "tidak_ada.xlsx", db_url=empty_db)
    assert result.returncode != 0
    assert "file not found" in result.stderr


def test_cli_and_dashboard_agree_on_the_latest_event_of_several(db_url, tmp_path):
    """Workshop A runs 1 and 10 August, seminar B on 5 August: B starts last, so B is the latest
    event (domain.attendance). By its last day A would win: the old validate copy chose A."""
    sheets = {name: rows for name, rows in BASE.items() if name in ("Unit", "Agen")}
    sheets["Agen"] = [row[:6] + row[7:] for row in sheets["Agen"]]  # no attendance column
    sheets["Kehadiran"] = [
        ["NIP", "Kegiatan", "Tanggal", "Mode Kehadiran"],
        [NIP_L1, "Lokakarya A", "01/08/2020", "Virtual"],
        [NIP_L1, "Lokakarya A", "10/08/2020", "Tatap muka"],  # one day in person: in person
        [NIP_P1, "Lokakarya A", "10/08/2020", "Tatap muka"],
        [NIP_L1, "Seminar B", "05/08/2020", "Virtual"],
        [NIP_P1, "Seminar B", "05/08/2020", "Virtual"],
        [NIP_L2, "Seminar B", "05/08/2020", "Tatap muka"],
    ]
    path = tmp_path / "events.xlsx"
    path.write_bytes(xlsx(sheets))
    validated = cli("validate", str(path), "--json", db_url=db_url)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert json.loads(validated.stdout)["attendance"] == {"tatap_muka": 1, "virtual": 2,
                                                          "hadir": 0, "tidak_hadir": 0}
    imported = cli("import", str(path), db_url=db_url)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    status = json.loads(cli("status", "--json", db_url=db_url).stdout)
    assert status["attendance"] == {"tatap_muka": 1, "virtual": 2, "hadir": 0, "tidak_hadir": 0}
    engine = store.connect(db_url)
    head = metrics.headline(store.load_snapshot(engine).tables)  # what Ringkasan shows
    engine.dispose()
    assert head["latest_event"] == "Seminar B"
    assert (head["tatap_muka"], head["virtual"]) == (1, 2)
