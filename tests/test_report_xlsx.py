"""The downloadable validation report: marked cells in copies of the uploaded sheets, 'Laporan'."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.workbooks import NIP_L1, NIP_P1, csv_bytes, xlsx
from zi_dashboard.ingest.report import Issue, Report
from zi_dashboard.ingest.report_workbook import (
    ERROR_FILL,
    INFO_FILL,
    WARNING_FILL,
    locate_column,
    report_workbook,
)
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import validate_sources

TITLE_ROWS = [["DAFTAR NOMINATIF AGEN PERUBAHAN"], ["TAHUN 2020"], []]
HEADER = ["No", "NIP", "Nama Pegawai", "Satuan Kerja", "Email"]


def _roster(rows: list[list]) -> SourceFile:
    return SourceFile("roster.xlsx", xlsx({"Agen": TITLE_ROWS + [HEADER] + rows}))


def _sheet(files: list[SourceFile], report: Report, lang: str = "id"):
    return load_workbook(io.BytesIO(report_workbook(files, report, lang)))


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:] if cell.fill and cell.fill.fill_type else ""


def _sheets(file: str, sheet: str, header_row: int) -> list[dict]:
    return [{"file": file, "sheet": sheet, "dataset": "agents", "rows": 2,
             "header_row": header_row}]


@pytest.mark.parametrize(("severity", "row", "header", "cell", "fill"), [
    ("error", 5, "NIP", "B5", ERROR_FILL),
    ("warning", 6, "Email", "E6", WARNING_FILL),
    ("error", 6, "nama  pegawai", "C6", ERROR_FILL),      # case and spacing ignored
    ("warning", 5, "Kolom yang tidak ada", "A5", WARNING_FILL),  # header not found: first cell
    ("error", 5, None, "A5", ERROR_FILL),                 # a row issue without a column
    ("info", 6, "Satuan Kerja", "D6", INFO_FILL),         # a note: pale blue, not amber
])
def test_issue_marks_the_cell_at_its_row_and_header(severity, row, header, cell, fill):
    source = _roster([[1, NIP_L1, "Andi", "Biro Umum", "a@x.id"],
                      [2, NIP_P1, "Rina", "Biro Hukum", "bad@"]])
    issue = Issue(severity, "missing_value", "roster.xlsx", "Agen", row, header, "x")
    report = Report([issue], _sheets("roster.xlsx", "Agen", 4))
    book = _sheet([source], report)
    marked = book["Agen"][cell]
    assert _fill(marked) == fill
    assert issue.message("id") in marked.comment.text
    others = [c.coordinate for r in book["Agen"].iter_rows() for c in r
              if c.comment and c.coordinate != cell]
    assert others == []


def test_copy_keeps_every_cell_value_and_the_title_rows():
    rows = [[1, NIP_L1, "Andi", "Biro Umum", "a@x.id"], [2, NIP_P1, "Rina", "Biro Hukum", None]]
    source = _roster(rows)
    report = Report([Issue("error", "x", "roster.xlsx", "Agen", 6, "NIP", None)],
                    _sheets("roster.xlsx", "Agen", 4))
    ws = _sheet([source], report)["Agen"]
    assert ws["A1"].value == "DAFTAR NOMINATIF AGEN PERUBAHAN"
    assert [c.value for c in ws[4]] == HEADER
    assert [c.value for c in ws[6]][1:4] == [NIP_P1, "Rina", "Biro Hukum"]
    assert ws.freeze_panes == "A5"


def test_error_wins_over_warning_and_the_comment_holds_both():
    source = _roster([[1, NIP_L1, "Andi", "Biro Umum", "a@x.id"]])
    issues = [Issue("warning", "nip_pppk", "roster.xlsx", "Agen", 5, "NIP", NIP_L1, {"month": 13}),
              Issue("error", "duplicate_nip", "roster.xlsx", "Agen", 5, "NIP", NIP_L1,
                    {"first_row": 3})]
    ws = _sheet([source], Report(issues, _sheets("roster.xlsx", "Agen", 4)))["Agen"]
    assert _fill(ws["B5"]) == ERROR_FILL
    assert "Kesalahan:" in ws["B5"].comment.text and "Peringatan:" in ws["B5"].comment.text


def test_real_validation_of_a_bad_nip_marks_that_nip_cell():
    source = _roster([[1, NIP_L1, "Andi", "Biro Umum", "a@x.id"],
                      [2, "1986092620150510", "Rina", "Biro Umum", "r@x.id"]])
    units = SourceFile("units.xlsx", xlsx({"Unit": [["Unit Kerja", "Eselon I"],
                                                    ["Biro Umum", "Sekretariat Jenderal"]]}))
    report = validate_sources([units, source]).report
    assert [(i.code, i.row, i.column) for i in report.errors] == [
        ("nip_invalid_length", 6, "NIP")]
    book = _sheet([units, source], report)
    assert _fill(book["Agen"]["B6"]) == ERROR_FILL
    assert _fill(book["Agen"]["B5"]) == ""
    assert book.sheetnames == ["Laporan", "Unit", "Agen"]


def test_csv_rows_become_a_sheet_split_by_their_delimiter():
    rows = [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"],
            ["123", "Rina", "Biro Umum"]]
    source = SourceFile("agen.csv", csv_bytes(rows, delimiter=";"))
    report = Report([Issue("error", "nip_invalid_length", "agen.csv", "agen", 3, "NIP", "123",
                           {"length": 3})], _sheets("agen.csv", "agen", 1))
    ws = _sheet([source], report)["agen"]
    assert [c.value for c in ws[1]] == rows[0]
    assert ws["A3"].value == "123" and _fill(ws["A3"]) == ERROR_FILL
    assert ws["C2"].value == "Biro Umum"


def test_formula_like_text_from_a_file_stays_text():
    source = SourceFile("agen.csv", csv_bytes([["NIP", "Nama", "Unit Kerja"],
                                               [NIP_L1, "=HYPERLINK(\"http://x\")", "@SUM(1)"]],
                                              delimiter=","))
    report = Report([Issue("error", "x", "agen.csv", "agen", 2, "Nama", None)],
                    _sheets("agen.csv", "agen", 1))
    ws = _sheet([source], report)["agen"]
    assert ws["B2"].data_type == "s" and ws["B2"].value.startswith("=HYPERLINK")
    assert ws["C2"].data_type == "s"


def test_report_sheet_lists_errors_first_with_the_marked_cell():
    source = _roster([[1, NIP_L1, "Andi", "Biro Umum", "bad@"]])
    issues = [Issue("warning", "email_invalid", "roster.xlsx", "Agen", 5, "Email", "bad@"),
              Issue("error", "missing_value", "roster.xlsx", "Agen", 5, "Nama Pegawai", None),
              Issue("error", "file_corrupt", "other.xlsx")]
    book = _sheet([source], Report(issues, _sheets("roster.xlsx", "Agen", 4)), lang="en")
    assert book.sheetnames[0] == "Report"
    rows = list(book["Report"].iter_rows(values_only=True))
    assert rows[0] == ("Severity", "File", "Sheet", "Row", "Column", "Cell", "Code", "Message",
                       "Value")
    assert [r[0] for r in rows[1:]] == ["Error", "Error", "Warning"]
    by_code = {r[6]: r for r in rows[1:]}
    assert by_code["missing_value"][5] == "'Agen'!C5"
    assert by_code["email_invalid"][5] == "'Agen'!E5"
    assert by_code["file_corrupt"][5] is None
    assert by_code["file_corrupt"][7] == issues[2].message("en")


def test_same_sheet_name_in_two_files_gets_two_copies_each_with_its_own_marks():
    first = SourceFile("a.xlsx", xlsx({"Agen": [["NIP", "Nama"], [NIP_L1, "Andi"]]}))
    second = SourceFile("b.xlsx", xlsx({"Agen": [["NIP", "Nama"], [NIP_P1, "Rina"]]}))
    sheets = [{"file": f, "sheet": "Agen", "dataset": "agents", "rows": 1, "header_row": 1}
              for f in ("a.xlsx", "b.xlsx")]
    report = Report([Issue("error", "x", "b.xlsx", "Agen", 2, "Nama", "Rina")], sheets)
    book = _sheet([first, second], report)
    assert book.sheetnames == ["Laporan", "Agen", "Agen (2)"]
    assert book["Agen"]["B2"].comment is None
    assert _fill(book["Agen (2)"]["B2"]) == ERROR_FILL
    assert list(book["Laporan"].iter_rows(values_only=True))[1][5] == "'Agen (2)'!B2"


def test_unreadable_file_gives_only_the_report_sheet():
    broken = SourceFile("rusak.xlsx", b"PK\x03\x04 not really a zip")
    report = validate_sources([broken]).report
    book = _sheet([broken], report)
    assert book.sheetnames == ["Laporan"]
    assert list(book["Laporan"].iter_rows(values_only=True))[1][6] == report.errors[0].code


@pytest.mark.parametrize(("header_row", "header", "expected"), [
    (2, "NIP", 2),
    (2, " nip ", 2),
    (2, "Nama   Pegawai", 3),
    (1, "NIP", None),        # wrong header row
    (2, None, None),
    (9, "NIP", None),        # beyond the sheet
])
def test_locate_column(header_row, header, expected):
    rows = [["Judul", "", ""], ["No", "NIP", "Nama Pegawai"], [1, NIP_L1, "Andi"]]
    assert locate_column(rows, header_row, header) == expected


def test_a_sub_label_column_of_a_two_row_header_is_marked_at_its_own_cell():
    # "Gol." sits under the merged "Pangkat/Gol" (D4:E4), in row 5; V/a is no golongan.
    rows = [["DAFTAR AGEN"], [], [],
            ["No", "NIP", "Nama", "Pangkat/Gol", None, "Unit Kerja"],
            [None, None, None, "Gol.", "TMT", None],
            [1, NIP_L1, "Andi", "V/a", "01/04/2019", "Biro Umum"]]
    source = SourceFile("roster.xlsx", xlsx({"Agen": rows}, merges={"Agen": [
        "A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5"]}))
    units = SourceFile("unit.xlsx", xlsx({"Unit": [["Unit Kerja", "Eselon I"],
                                                   ["Biro Umum", "Sekretariat Jenderal"]]}))
    report = validate_sources([source, units]).report
    assert [(i.code, i.row, i.column) for i in report.issues] == [("rank_invalid", 6, "Gol.")]
    book = _sheet([source, units], report)
    assert _fill(book["Agen"]["D6"]) == WARNING_FILL
    assert book["Agen"].freeze_panes == "A6"


def test_the_copied_sheet_is_read_as_validation_reads_it_without_the_stray_far_cell():
    # A value at XFD3 (column 16,384) is dropped before parsing; the report's copy must not
    # re-read the file raw and widen every row to 16,384 cells.
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "Agen"
    for row in [HEADER, [1, "NIP ini salah", "Andi", "Biro Umum", "a@x.id"]]:
        sheet.append(row)
    sheet["XFD3"] = "catatan nyasar"
    buffer = io.BytesIO()
    book.save(buffer)
    source = SourceFile("roster.xlsx", buffer.getvalue())
    report = validate_sources([source]).report
    assert report.sheets and report.sheets[0]["sheet"] == "Agen"
    copy = _sheet([source], report)["Agen"]
    assert copy.max_column == 5
