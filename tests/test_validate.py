"""Validation: a realistic roster passes; every rule reports the row and header the user sees."""

import datetime as dt

import pandas as pd
import pytest

from tests.workbooks import (
    BASE,
    NIP_L1,
    NIP_L2,
    NIP_P1,
    NIP_P3,
    ROSTER_AGENTS,
    ROSTER_MODES,
    ROSTER_ROWS,
    changed,
    roster_workbook,
    source,
    units_workbook,
    xlsx,
)
from zi_dashboard.domain.schema import DATASETS, clean_columns
from zi_dashboard.i18n.strings_issues import ISSUE_STRINGS
from zi_dashboard.ingest import rows as row_checks
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import validate_sources

TODAY = dt.date(2024, 6, 1)
A, U, K, R, P = "Agen", "Unit", "Kehadiran", "Riwayat", "RTL"
AREAS = {"Manajemen Perubahan": 4, "Penataan Tatalaksana": 4, "Penataan Sistem Manajemen SDM": 8,
         "Penguatan Akuntabilitas Kinerja": 7, "Penguatan Pengawasan": 10,
         "Peningkatan Kualitas Pelayanan Publik": 7, "IPAK": "15,75"}


def run(sheets, **kwargs):
    return validate_sources([source("upload.xlsx", sheets)], today=TODAY, **kwargs)


def roster_upload(agents=None, **kwargs):
    files = [SourceFile("agen.xlsx", roster_workbook(agents)),
             SourceFile("unit.xlsx", units_workbook())]
    return validate_sources(files, today=TODAY, **kwargs)


def find(report, code):
    return [i for i in report.issues if i.code == code]


# --- the realistic roster -----------------------------------------------------------------------

def test_realistic_roster_with_units_in_another_file_validates_cleanly():
    result = roster_upload()
    # The units file has LKE scores and no evaluation year: one warning names the rule set
    # assumed (issue 9), nothing else.
    assert [(i.severity, i.code, i.sheet, i.params) for i in result.report.issues] == [
        ("warning", "lke_no_evaluation_year", "Unit Kerja", {"rule_set": "PermenPANRB 90/2021"})]
    assert result.counts() == {"units": 3, "agents": 6, "attendance": 6}
    assert result.attendance_counts() == ROSTER_MODES
    assert result.report.sheets == [
        {"file": "agen.xlsx", "sheet": "Agen Perubahan", "dataset": "agents", "rows": 6,
         "header_row": 4, "header_last": 4},
        {"file": "unit.xlsx", "sheet": "Unit Kerja", "dataset": "units", "rows": 3,
         "header_row": 1, "header_last": 1}]
    agents = result.tables["agents"]
    assert agents["nip"].tolist()[:3] == ["198609262015051001", "199004122014032007",
                                          "197512312000121003"]
    assert agents["name"].iloc[0] == "Andi Sanjaya, S.E., M.Si."
    assert agents["rank"].tolist() == ["III/a", "III/b", "IV/a", "III/c", "IV/a", "III/a"]
    assert agents["gender"].tolist() == ["L", "P", "L", "P", "L", "P"]
    assert agents["unit_key"].tolist() == ["biro_umum", "biro_hukum",
                                           "balai_besar_rehabilitasi_sosial_bandung"] * 2
    assert not agents["is_pppk"].any()
    units = result.tables["units"]
    assert units["lke_score"].tolist() == [78.5, 81.25, 75.0]
    assert units["zi_stage"].tolist() == ["pembangunan", "wbk", "penilaian_tpi"]
    attendance = result.tables["attendance"]
    assert set(attendance["event"]) == {"Lokakarya Penguatan Agen Perubahan 2020"} and attendance["date"].isna().all()


def test_roster_issues_carry_the_excel_row_and_the_header_as_written():
    agents = [list(r) if r else None for r in ROSTER_AGENTS]
    agents[2][3] = "V/a"           # third agent: Excel row 8
    agents[5][5] = "Biro Umun"     # fifth agent, after the spacer row: Excel row 11
    result = roster_upload(agents)
    rank, unit = find(result.report, "rank_invalid"), find(result.report, "unit_unknown")
    assert [(i.row, i.column, i.value) for i in rank] == [(8, "Pangkat/Gol", "V/a")]
    assert [(i.row, i.column, i.value) for i in unit] == [(11, "Satuan Kerja", "Biro Umun")]
    assert unit[0].params["suggestions"][0] == "Biro Umum"
    assert "Mungkin maksudnya: Biro Umum" in unit[0].message("id")
    assert "Did you mean: Biro Umum" in unit[0].message("en")
    assert not result.report.ok
    assert ROSTER_ROWS[2] == 8 and ROSTER_ROWS[4] == 11   # (ROSTER_ROWS skips the spacer)


def test_clean_tables_follow_the_contract():
    result = run(BASE)
    assert result.report.issues == []
    assert set(result.tables) == set(DATASETS)
    kinds = {"int": "Int64", "year": "Int64", "float": "float64", "date": "datetime64[ns]",
             "bool": "bool"}
    for name, frame in result.tables.items():
        assert list(frame.columns) == [c for c, _ in clean_columns(name)]
        for column, kind in clean_columns(name):
            expected = kinds.get(kind, "object")
            assert str(frame[column].dtype) == expected, (name, column)
    plans = result.tables["action_plans"]
    assert plans["unit_key"].tolist() == ["biro_umum", "biro_hukum"]   # first via the agent's unit
    assert plans["due_date"].tolist() == [pd.Timestamp("2020-12-31"), pd.Timestamp("2020-11-30")]


# --- one table of bad inputs --------------------------------------------------------------------

BAD_INPUTS = [
    # (edits, dropped column) → (severity, code, sheet, Excel row, header as written)
    ([(A, 3, "Nama", None)], None, ("error", "missing_value", A, 3, "Nama")),
    ([(A, 3, "NIP", None)], None, ("error", "missing_value", A, 3, "NIP")),
    ([(A, 3, "NIP", "19900412 201403 2 07")], None, ("error", "nip_invalid_length", A, 3, "NIP")),
    ([(A, 3, "NIP", "19900412 2014O3 2 007")], None, ("error", "nip_invalid_chars", A, 3, "NIP")),
    ([(A, 3, "NIP", "19901312 201403 2 007")], None,
     ("error", "nip_invalid_birth_date", A, 3, "NIP")),
    ([(A, 3, "NIP", "19900412 200403 2 007")], None, ("error", "nip_invalid_start", A, 3, "NIP")),
    ([(A, 3, "NIP", 1.99004122014032e17)], None, ("error", "nip_numeric", A, 3, "NIP")),
    ([(A, 3, "NIP", "19900412 202113 2 007")], None, ("warning", "nip_pppk", A, 3, "NIP")),
    ([(A, 3, "NIP", "19900412 201403 5 007")], None,
     ("warning", "nip_invalid_gender", A, 3, "NIP")),
    ([(A, 3, "L/P", "L")], None, ("warning", "gender_nip_mismatch", A, 3, "L/P")),
    ([(A, 4, "NIP", NIP_P1)], None, ("error", "duplicate_nip", A, 4, "NIP")),
    ([(A, 3, "Unit Kerja", "Biro Hukm")], None, ("error", "unit_unknown", A, 3, "Unit Kerja")),
    # An unreadable cell of an optional column is a warning and is left empty (issue 9).
    ([(A, 3, "Kehadiran", "telat")], None, ("warning", "enum_unknown", A, 3, "Kehadiran")),
    ([(A, 3, "L/P", "X")], None, ("warning", "enum_unknown", A, 3, "L/P")),
    ([(A, 3, "Status", "cuti")], None, ("warning", "enum_unknown", A, 3, "Status")),
    ([(U, 3, "Tahap ZI", "Sudah")], None, ("warning", "enum_unknown", U, 3, "Tahap ZI")),
    ([(A, 3, "Tahun Penetapan", 1800)], None, ("error", "out_of_range", A, 3, "Tahun Penetapan")),
    ([(A, 3, "Tahun Penetapan", "dua ribu")], None,
     ("warning", "number_invalid", A, 3, "Tahun Penetapan")),
    ([(A, 3, "Tahun Penetapan", "2020,5")], None,
     ("warning", "number_invalid", A, 3, "Tahun Penetapan")),
    ([(A, 3, "Pangkat/Gol", "V/a")], None, ("warning", "rank_invalid", A, 3, "Pangkat/Gol")),
    ([(A, 3, "Email", "rina@")], None, ("warning", "email_invalid", A, 3, "Email")),
    ([(U, 3, "Nilai LKE", "105")], None, ("error", "out_of_range", U, 3, "Nilai LKE")),
    ([(U, 3, "Nilai LKE", "tujuh puluh")], None,
     ("warning", "number_invalid", U, 3, "Nilai LKE")),
    ([(U, 4, "Unit Kerja", "BIRO  UMUM")], None, ("error", "duplicate_unit", U, 4, "Unit Kerja")),
    ([(U, 3, "Eselon I", None)], None, ("error", "missing_value", U, 3, "Eselon I")),
    ([(U, 2, k, v) for k, v in AREAS.items()], None,
     ("warning", "lke_total_mismatch", U, 2, "Nilai LKE")),
    ([(K, 2, "Tanggal", "31/02/2020")], None, ("warning", "date_invalid", K, 2, "Tanggal")),
    ([(K, 3, "Kegiatan", None)], None, ("error", "missing_value", K, 3, "Kegiatan")),
    ([(K, 3, "Mode Kehadiran", "telat")], None, ("error", "enum_unknown", K, 3, "Mode Kehadiran")),
    ([(K, 3, "NIP", NIP_P3)], None, ("warning", "attendance_unknown_nip", K, 3, "NIP")),
    ([(R, 3, "Unit Kerja", "Biro Entah")], None, ("error", "unit_unknown", R, 3, "Unit Kerja")),
    ([(R, 3, "Tahun", 1900)], None, ("error", "out_of_range", R, 3, "Tahun")),
    ([(R, 3, "Tahap ZI", None)], None, ("error", "missing_value", R, 3, "Tahap ZI")),
    ([(P, 2, "Progres", 150)], None, ("error", "out_of_range", P, 2, "Progres")),
    ([(P, 3, "Tenggat", "besok")], None, ("warning", "date_invalid", P, 3, "Tenggat")),
    ([(P, 2, "NIP", NIP_P3)], None, ("warning", "plan_unknown_nip", P, 2, "NIP")),
    ([(P, 3, "Unit Kerja", None)], None, ("error", "missing_nip_or_unit", P, 3, "NIP")),
    ([(P, 2, "Judul RTL", None)], None, ("error", "missing_value", P, 2, "Judul RTL")),
    ([(A, 2, "Hobi", "catur")], None, ("warning", "unknown_header", A, 1, None)),
    ([], (A, "Unit Kerja"), ("error", "missing_column", A, 1, None)),
    ([("Catatan", 2, "Catatan rapat", "bawa laptop")], None,
     ("warning", "sheet_unrecognised", "Catatan", None, None)),
]


@pytest.mark.parametrize("edits, drop, expected", BAD_INPUTS,
                         ids=[f"{e[1]}-{e[2]}{e[3] or ''}-{e[4]}" for _, _, e in BAD_INPUTS])
def test_bad_input_is_reported_where_the_user_sees_it(edits, drop, expected):
    result = run(changed(edits, drop))
    severity, code, sheet, row, column = expected
    issues = [i for i in result.report.issues if i.code == code and i.sheet == sheet]
    assert [(i.severity, i.row, i.column) for i in issues] == [(severity, row, column)], \
        result.report.to_records("en")
    issue = issues[0]
    assert result.report.ok is (severity == "warning" and not result.report.errors)
    for lang in ("id", "en"):
        text = issue.message(lang)
        assert text and "{" not in text and "}" not in text, text
    assert issue.message("id") != issue.message("en")


def test_the_base_upload_is_clean():
    assert run(BASE).report.issues == []


def test_every_code_has_both_languages():
    for code, (id_text, en_text) in ISSUE_STRINGS.items():
        assert id_text.strip() and en_text.strip() and id_text != en_text, code


def test_numeric_nip_is_refused_with_how_to_fix():
    (issue,) = find(run(changed([(A, 3, "NIP", 1.98609262015051e17)])).report, "nip_numeric")
    assert issue.value == "1.98609E+17"
    assert issue.message("id") == (
        "NIP tersimpan sebagai angka sehingga digit terakhir hilang (1.98609E+17). Format kolom "
        "NIP sebagai Teks lalu ketik ulang, atau awali dengan tanda kutip (').")
    assert "Format the NIP column as Text" in issue.message("en")


def test_pppk_number_is_accepted_and_marked():
    result = run(changed([(A, 3, "NIP", "19900412 202113 2 007")]))
    assert result.report.ok
    agents = result.tables["agents"].set_index("nip")
    assert agents.loc["199004122021132007", "is_pppk"]
    assert not agents.loc["198609262015051001", "is_pppk"]
    (issue,) = find(result.report, "nip_pppk")
    assert issue.params["month"] == "13" and "13" in issue.message("en")


def test_duplicate_nip_names_the_first_row_across_sheets():
    extra = [["NIP", "Nama", "Unit Kerja"], [NIP_L2, "Bambang W.", "Biro Hukum"]]
    result = run({**BASE, "Agen tambahan": extra})
    (issue,) = find(result.report, "duplicate_nip")
    assert (issue.sheet, issue.row, issue.params["first_row"]) == ("Agen tambahan", 2, 4)
    assert "baris 4" in issue.message("id")
    assert len(result.tables["agents"]) == 3       # the repeat is left out


def test_unknown_value_lists_the_accepted_values_in_the_message_language():
    (issue,) = find(run(changed([(A, 3, "Kehadiran", "telat")])).report, "enum_unknown")
    assert "Tatap muka, Virtual, Hadir, Tidak hadir" in issue.message("id")
    assert "In person, Virtual, Present, Absent" in issue.message("en")


def test_missing_column_names_the_accepted_headers():
    result = run(changed([], (A, "Unit Kerja")))
    (issue,) = find(result.report, "missing_column")
    assert issue.params["field"] == "unit" and "satker" in issue.params["accepted"]
    assert issue.params["accepted"][:2] == ["Unit kerja", "Work unit"]
    assert len(issue.params["accepted"]) == len({a.lower() for a in issue.params["accepted"]})
    assert "satuan kerja" in issue.message("id") and "Work unit" in issue.message("en")


def test_gender_is_taken_from_the_nip_when_missing():
    result = run(changed([], (A, "L/P")))
    assert result.report.ok
    assert result.tables["agents"]["gender"].tolist() == ["L", "P", "L"]


def test_lke_total_that_adds_up_is_not_flagged():
    edits = [(U, 2, k, v) for k, v in AREAS.items()] + [(U, 2, "Nilai LKE", "55,75")]
    assert find(run(changed(edits)).report, "lke_total_mismatch") == []


def test_units_with_codes_are_referenced_by_code_or_name():
    units = [["Kode Unit", "Unit Kerja", "Eselon I"], ["BU", "Biro Umum", "Setjen"],
             ["BH", "Biro Hukum", "Setjen"], ["BU", "Biro Umum Lama", "Setjen"],
             ["BBRS", "Biro Hukum", "Setjen"]]
    agents = [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "bu"], [NIP_P1, "Rina", "Biro Hukum"]]
    result = run({"Unit": units, "Agen": agents})
    (dup,) = find(result.report, "duplicate_unit")
    assert (dup.row, dup.column, dup.params["first_row"]) == (4, "Kode Unit", 2)
    (same_name,) = find(result.report, "duplicate_unit_name")
    assert (same_name.severity, same_name.row) == ("warning", 5)
    assert result.tables["agents"]["unit_key"].tolist() == ["BU", "BH"]


# --- partial uploads, attendance, several files ---------------------------------------------------

def test_agents_alone_are_checked_against_the_current_units():
    current = run(BASE).tables
    agents = {A: changed([(A, 4, "Unit Kerja", "Biro Entah")])[A]}
    result = run(agents, current=current)
    assert set(result.tables) == {"agents", "attendance"}
    assert [(i.code, i.row) for i in result.report.errors] == [("unit_unknown", 4)]


def test_agents_without_any_units_are_refused():
    result = run({A: BASE[A]})
    assert [i.code for i in result.report.errors] == ["units_missing"]
    assert "Unit kerja" in result.report.errors[0].message("id")


def test_an_uploaded_attendance_sheet_is_used_as_is():
    result = run(BASE, default_event="Tidak dipakai")
    assert set(result.tables["attendance"]["event"]) == {"Lokakarya 2020"}
    assert result.attendance_counts() == {"tatap_muka": 1, "virtual": 2, "hadir": 0,
                                          "tidak_hadir": 0}


def test_attendance_counts_use_the_latest_event_and_count_each_agent_once():
    rows = [["NIP", "Kegiatan", "Tanggal", "Kehadiran"],
            [NIP_L1, "Lokakarya 2019", "05/08/2019", "Virtual"],
            [NIP_L1, "Lokakarya 2020", "04/08/2020", "Virtual"],
            [NIP_L1, "Lokakarya 2020", "05/08/2020", "Tatap muka"],
            [NIP_P1, "Lokakarya 2020", "04/08/2020", "Tidak hadir"]]
    result = run({**BASE, K: rows})
    assert result.attendance_counts() == {"tatap_muka": 1, "virtual": 0, "hadir": 0,
                                          "tidak_hadir": 1}


def test_attendance_names_are_filled_from_the_agents():
    result = run(BASE)
    assert result.tables["attendance"]["name"].tolist() == ["Andi Sanjaya, S.E.", "Rina Kartika",
                                                            "Bambang Wijaya"]


def test_an_unreadable_file_is_one_issue_and_the_others_are_still_checked():
    files = [SourceFile("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
             SourceFile("data.xlsx", xlsx(BASE))]
    result = validate_sources(files, today=TODAY)
    assert [(i.code, i.file, i.row) for i in result.report.issues] == [
        ("file_not_spreadsheet", "foto.png", None)]
    assert result.counts()["agents"] == 3 and not result.report.ok
    assert "Excel" in result.report.issues[0].message("id")


def test_empty_dataset_sheets_are_skipped_with_a_warning():
    result = run({**BASE, "Unit": [BASE[U][0]]}, current=run(BASE).tables)
    (issue,) = find(result.report, "sheet_empty")
    assert issue.sheet == U and result.report.ok and "units" not in result.tables


def test_no_data_when_nothing_is_recognised():
    data = xlsx({"Daftar": [["Unit Kerja", "Eselon I"]]})
    result = validate_sources([SourceFile("a.xlsx", data)])
    assert [i.code for i in result.report.errors] == ["no_data"]


def test_too_many_issues_are_summarised(monkeypatch):
    monkeypatch.setattr(row_checks, "MAX_ISSUES_PER_COLUMN", 2)
    agents = BASE[A][:1] + [[f"1986092620150510{i:02d}", "X", "Biro Hukm"] + [None] * 6
                            for i in range(5)]
    result = run({**BASE, A: agents})
    unknown = find(result.report, "unit_unknown")
    (summary,) = find(result.report, "too_many_issues")
    assert len(unknown) == 2 and summary.params == {"count": 3, "other_code": "unit_unknown"}


def test_report_frame_and_records_put_errors_first():
    report = run(changed([(A, 2, "Email", "andi@"), (A, 4, "Nama", None)])).report
    frame = report.to_frame("en")
    assert list(frame.columns) == ["severity", "file", "sheet", "row", "column", "code", "message",
                                   "value"]
    assert frame["severity"].tolist() == ["error", "warning"]
    assert frame["row"].tolist() == [4, 2]
    records = report.to_records("id")
    assert records[0]["message"] == "Kolom Nama wajib diisi."
    assert [r["code"] for r in records] == ["missing_value", "email_invalid"]


def test_an_empty_attendance_column_makes_no_attendance_table():
    agents = changed([(A, r, "Kehadiran", None) for r in (2, 3, 4)])
    result = run({U: agents[U], A: agents[A]})
    assert result.report.ok and "attendance" not in result.tables
    assert result.attendance_counts() == {}


@pytest.mark.parametrize("name, data, code", [
    ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "file_not_spreadsheet"),
    ("rusak.xlsx", b"PK\x03\x04" + b"\x00" * 64, "file_corrupt"),
    ("kosong.csv", b"", "file_empty"),
    ("besar.csv", b"NIP;Nama\n" * 200_000, "file_too_large"),
])
def test_file_refusals_become_one_error_with_messages(name, data, code):
    result = validate_sources([SourceFile(name, data)], max_bytes=1024 * 1024)
    (issue,) = result.report.issues
    assert (issue.severity, issue.code, issue.file, issue.sheet) == ("error", code, name, None)
    for lang in ("id", "en"):
        assert "{" not in issue.message(lang)
    assert result.tables == {} and not result.report.ok
