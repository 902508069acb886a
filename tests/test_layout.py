"""Sheet layouts: two-row headers, tick columns, total rows, other tables, hidden rows and sheets."""

import datetime as dt
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.workbooks import NIP_L1, NIP_L2, NIP_L3, NIP_P1, NIP_P2, NIP_P3, xlsx
from zi_dashboard.domain.errors import UnreadableFileError
from zi_dashboard.ingest import layout
from zi_dashboard.ingest.reader import ReadOptions, read_sheet, read_source
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import validate_sources
from zi_dashboard.ingest.workbook import Grid

LIMITS = {"max_bytes": 5 * 1024 * 1024, "max_uncompressed_bytes": 50 * 1024 * 1024}
SKIP = ReadOptions(skip_hidden=True)


def notes_of(sheet) -> list[tuple]:
    """(severity, code, row, value) of a sheet's layout notes."""
    return [(n.severity, n.code, n.row, n.value) for n in sheet.notes]


# --- header rows ------------------------------------------------------------------------------

TWO_ROW_MERGED = [
    ["No", "NIP", "Nama", "Pangkat/Gol", None, "Kehadiran", None, "Unit Kerja"],
    [None, None, None, "Gol.", "TMT", "Tatap Muka", "Virtual", None],
]
# The merges of TWO_ROW_MERGED: No, NIP, Nama, Unit Kerja down two rows; the groups across.
MERGES = ((0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 4), (0, 5, 0, 6), (0, 7, 1, 7))


@pytest.mark.parametrize("rows, h, merged, top, bottom, labels, ticks", [
    # One header row.
    ([["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"]], 0, (), 0, 0,
     ("NIP", "Nama", "Unit Kerja"), []),
    # Merged groups over sub-columns: the sub-label wins ("TMT" is a detail of the rank read
    # under "Gol.", left out); ticks under Kehadiran.
    (TWO_ROW_MERGED, 0, MERGES, 0, 1,
     ("No", "NIP", "Nama", "Gol.", "", "Kehadiran", "", "Unit Kerja"),
     [("Kehadiran", (5, 6), ("Tatap Muka", "Virtual"))]),
    # The same header written as CSV: group labels followed by blanks, no merge information.
    (TWO_ROW_MERGED, 0, (), 0, 1,
     ("No", "NIP", "Nama", "Gol.", "", "Kehadiran", "", "Unit Kerja"),
     [("Kehadiran", (5, 6), ("Tatap Muka", "Virtual"))]),
    # The group row is above the row with the most known headers.
    ([["", "", "", "Kehadiran", ""], ["No", "NIP", "Nama", "Luring", "Daring"]], 1, (), 0, 1,
     ("No", "NIP", "Nama", "Kehadiran", ""), [("Kehadiran", (3, 4), ("Luring", "Daring"))]),
    # An unknown sub-label under an unknown group is named with its group.
    ([["Identitas", None, "Unit Kerja"], ["NIP", "Hobi", None]], 1, (), 0, 1,
     ("NIP", "Hobi (Identitas)", "Unit Kerja"), []),
    # A group that gives context: "Tahun" over "Penetapan" reads as "Tahun Penetapan".
    ([["NIP", "Nama", "Tahun", None], [None, None, "Penetapan", "SK"]], 0, (), 0, 1,
     ("NIP", "Nama", "Tahun Penetapan", "SK"), []),
    # Jenis Kelamin over L | P: ticks of the gender column.
    ([["NIP", "Nama", "Jenis Kelamin", None], [None, None, "L", "P"]], 0, (), 0, 1,
     ("NIP", "Nama", "Jenis Kelamin", ""), [("Jenis Kelamin", (2, 3), ("L", "P"))]),
    # A title merged over the whole header is no group.
    ([["Lokakarya 2020", None, None], ["NIP", "Nama", "Unit Kerja"]], 1, ((0, 0, 0, 2),), 1, 1,
     ("NIP", "Nama", "Unit Kerja"), []),
    # A data row under a header with a blank column is no row of sub-labels.
    ([["Unit Kerja", "Eselon I", None], ["Biro Umum", "Setjen", "Pusat"]], 0, (), 0, 0,
     ("Unit Kerja", "Eselon I", None), []),
    # Nor is a row of NIPs, or a row of column numbers.
    ([["NIP", "Nama", None], [NIP_L1, "Andi", "x"]], 0, (), 0, 0, ("NIP", "Nama", None), []),
    ([["NIP", "Pangkat/Gol", None], [1, 2, 3]], 0, (), 0, 0, ("NIP", "Pangkat/Gol", None), []),
])
def test_read_header(rows, h, merged, top, bottom, labels, ticks):
    header = layout.read_header(rows, h, merged)
    assert (header.top, header.bottom, header.labels) == (top, bottom, labels)
    assert [(t.label, t.columns, t.values) for t in header.ticks] == ticks


@pytest.mark.parametrize("marks, values, both, unreadable", [
    ([["✓", None], [None, "v"], ["x", ""], [1, None], [None, None], ["-", "0"]],
     ["Tatap Muka", "Virtual", "Tatap Muka", "Tatap Muka", None, None], [False] * 6, [False] * 6),
    ([["✓", "✓"], [True, 1.0], ["V", "X"]], [None] * 3, [True] * 3, [False] * 3),
    ([["hadir", None], [None, 2], ["?", "✓"]], [None] * 3, [False] * 3, [True] * 3),
    ([["ya", "tidak"], [False, "Yes"], ["✗", "√"]], ["Tatap Muka", "Virtual", "Virtual"],
     [False] * 3, [False] * 3),
])
def test_read_ticks(marks, values, both, unreadable):
    columns = [pd.Series([m[k] for m in marks], dtype=object) for k in range(2)]
    value, conflict, bad = layout.read_ticks(columns, ["Tatap Muka", "Virtual"])
    assert value.tolist() == values
    assert conflict.tolist() == both and bad.tolist() == unreadable


@pytest.mark.parametrize("label, total", [
    ("JUMLAH", True), ("Jumlah Agen", True), ("TOTAL", True), ("Sub Total", True),
    ("Sub-total", True), ("Grand Total", True), ("Rekap", True), ("Rekapitulasi", True),
    ("Jumlah: 2 orang", True), ("Jml", True), ("Totalitas Pelayanan", False),
    ("Andi Sanjaya", False), ("Biro Umum", False),
])
def test_total_row_labels(label, total):
    cells = pd.DataFrame([[None, label, None, 12]], dtype=object)
    assert layout.total_rows(cells) == ({0: label} if total else {})


def test_total_label_in_the_first_filled_cell_beyond_the_first_columns():
    cells = pd.DataFrame([[None] * 5 + ["Jumlah", 6], [1, NIP_L1, "Andi"] + [None] * 4],
                         dtype=object)
    assert layout.total_rows(cells) == {0: "Jumlah"}


@pytest.mark.parametrize("rows, start", [
    # A recap title after a blank row opens another table.
    ([[1, NIP_L1, "Andi"], [None] * 3, ["REKAP PER ESELON I", None, None],
      ["Eselon I", "Jumlah", None], ["Setjen", 2, None]], 2),
    # So does a header row of known headers.
    ([[1, NIP_L1, "Andi"], [None] * 3, ["NIP", "Nama", None], [NIP_P1, "Rina", None]], 2),
    # A spacer row inside the table, a signature block and a total row do not.
    ([[1, NIP_L1, "Andi"], [None] * 3, [2, NIP_P1, "Rina"]], None),
    ([[None, NIP_L1, "Andi"], [None] * 3, [None, NIP_P1, "Rina"]], None),
    ([[1, NIP_L1, "Andi"], [None] * 3, ["Mengetahui,", None, "Jakarta, 10 Agustus 2020"],
      [None, None, "NIP. 19700101 199503 1 001"]], None),
    ([[1, NIP_L1, "Andi"], [None] * 3, ["JUMLAH", None, 1]], None),
])
def test_table_below(rows, start):
    assert layout.table_below(pd.DataFrame(rows, dtype=object)) == start


@pytest.mark.parametrize("rows, labels, main, others", [
    ([["NIP", "Nama", None, "Eselon I", "Jumlah"], [NIP_L1, "Andi", None, "Setjen", 1]],
     ["NIP", "Nama", None, "Eselon I", "Jumlah"], (0, 1), [(3, 4)]),
    # The table with the most known headers wins, wherever it is.
    ([["Rekap", None, "NIP", "Nama", "Unit Kerja"], [3, None, NIP_L1, "Andi", "Biro"]],
     ["Rekap", None, "NIP", "Nama", "Unit Kerja"], (2, 4), [(0, 0)]),
    # A column without a header but with data belongs to the table.
    ([["NIP", None, "Nama"], [NIP_L1, "catatan", "Andi"]], ["NIP", None, "Nama"], (0, 2), []),
    # Past an empty spacer column, known headers over the table's rows go on with the table …
    ([["NIP", "Nama", None, "Email", "Kehadiran"], [NIP_L1, "Andi", None, None, "luring"],
      [NIP_P1, "Rina", None, "r@x.id", None]], ["NIP", "Nama", None, "Email", "Kehadiran"],
     (0, 4), []),
    # … but not when they run on below it.
    ([["NIP", "Nama", None, "Email"], [NIP_L1, "Andi", None, None], [None, None, None, "a@x.id"]],
     ["NIP", "Nama", None, "Email"], (0, 1), [(3, 3)]),
])
def test_table_columns(rows, labels, main, others):
    assert layout.table_columns(pd.DataFrame(rows, dtype=object), labels) == (main, others)


@pytest.mark.parametrize("rows, text", [
    ([12], "12"), ([12, 15, 16, 17], "12, 15–17"), ([3, 1, 2, 2, 9, 10], "1–3, 9–10"), ([], ""),
])
def test_compact_rows(rows, text):
    assert layout.compact_rows(rows) == text


@pytest.mark.parametrize("bounds, text", [
    ((19, 0, 24, 3), "A20:D25"), ((0, 25, 0, 26), "Z1:AA1"), ((3, 701, 9, 702), "ZZ4:AAA10"),
])
def test_cell_range(bounds, text):
    assert layout.cell_range(*bounds) == text


# --- sheets as the reader reads them ------------------------------------------------------------

TITLE = [["DAFTAR NOMINATIF AGEN PERUBAHAN"], ["KEMENTERIAN SOSIAL 2020"], []]
HEADER = ["No", "NIP", "Nama", "Unit Kerja"]
AGENTS = [[1, NIP_L1, "Andi", "Biro Umum"], [2, NIP_P1, "Rina", "Biro Hukum"],
          [3, NIP_L2, "Bambang", "Biro Umum"]]


@pytest.mark.parametrize("grid, options, header_row, index, notes", [
    # Title rows, header on row 4, a JUMLAH row under the table: skipped and named.
    (Grid("Agen", TITLE + [HEADER] + AGENTS + [["JUMLAH", None, None, 3]]), ReadOptions(), 4,
     [5, 6, 7], [("info", "total_row_skipped", 8, "JUMLAH")]),
    # A Sub Total inside the table and a Grand Total under it, labels in the second column.
    (Grid("Agen", [HEADER, AGENTS[0], [None, "Sub Total", None, 1], AGENTS[1],
                   [None, "Grand Total", None, 2]]), ReadOptions(), 1, [2, 4],
     [("info", "total_row_skipped", 3, "Sub Total"), ("info", "total_row_skipped", 5,
                                                       "Grand Total")]),
    # A recap table below, after a blank row: ignored, from its title row.
    (Grid("Agen", [HEADER] + AGENTS + [[], ["REKAP PER ESELON I"], ["Eselon I", "Jumlah"],
                                       ["Setjen", 3]]), ReadOptions(), 1, [2, 3, 4],
     [("info", "table_ignored", 6, None)]),
    # The same header again below (printed on every page): the table goes on past it.
    (Grid("Agen", [HEADER] + AGENTS[:1] + [[], HEADER] + AGENTS[1:]), ReadOptions(), 1, [2, 5, 6],
     [("info", "header_repeated", 4, None)]),
    # A titled table below whose header looks like a dataset: a warning too.
    (Grid("Agen", [HEADER] + AGENTS[:1] + [[], ["RINGKASAN PER UNIT"], HEADER] + AGENTS[1:]),
     ReadOptions(), 1, [2], [("warning", "table_ignored", 4, None)]),
    # A recap table to the right after a blank column.
    (Grid("Agen", [HEADER + [None, "Eselon I", "Jumlah"], AGENTS[0] + [None, "Setjen", 3]]
          + AGENTS[1:]), ReadOptions(), 1, [2, 3, 4], [("info", "table_ignored", 1, None)]),
    # Hidden rows (0-based 2 and 3 = Excel rows 3 and 4) are read, with a warning …
    (Grid("Agen", [HEADER] + AGENTS, hidden_rows=frozenset({2, 3})), ReadOptions(), 1,
     [2, 3, 4], [("warning", "hidden_rows_imported", None, None)]),
    # … or left out when the admin asks; a hidden title row is no data row.
    (Grid("Agen", TITLE + [HEADER] + AGENTS, hidden_rows=frozenset({0, 5})), SKIP, 4, [5, 7],
     [("info", "hidden_rows_skipped", None, None)]),
    (Grid("Agen", TITLE + [HEADER] + AGENTS, hidden_rows=frozenset({1})), SKIP, 4, [5, 6, 7],
     []),
])
def test_read_sheet_layouts(grid, options, header_row, index, notes):
    sheet = read_sheet("a.xlsx", grid, options)
    assert sheet.dataset == "agents" and sheet.header_row == header_row
    assert sheet.frame.index.tolist() == index
    assert sheet.frame["name"].notna().all()
    assert notes_of(sheet) == notes


@pytest.mark.parametrize("grid, text", [
    (Grid("Agen", [HEADER] + AGENTS + [[], ["REKAP PER ESELON I"], ["Eselon I", "Jumlah"],
                                       ["Setjen", 3]]),
     "Sheet 'Agen' holds another table at A6:B8 (from row 6), outside the table that was read."),
    (Grid("Agen", [HEADER + [None, "Eselon I", "Jumlah"], AGENTS[0] + [None, "Setjen", 3]]),
     "Sheet 'Agen' holds another table at F1:G2 (from row 1), outside the table that was read."),
    (Grid("Agen", [HEADER] + AGENTS + [AGENTS[0]] * 3, hidden_rows=frozenset({1, 4, 5, 6})),
     "Hidden rows of sheet 'Agen' are imported: rows 2, 5–7 (4 in all)."),
])
def test_layout_messages_name_the_place(grid, text):
    (note,) = read_sheet("a.xlsx", grid).notes
    assert note.message("en").startswith(text)


def test_two_row_header_with_ticks_becomes_the_attendance_mode():
    rows = TITLE + TWO_ROW_MERGED + [
        [1, NIP_L1, "Andi", "III/a", "01/04/2015", "✓", None, "Biro Umum"],
        [2, NIP_P1, "Rina", "III/b", "01/04/2016", None, "v", "Biro Umum"],
        [3, NIP_L2, "Bambang", "IV/a", None, "1", "1", "Biro Hukum"],
        [4, NIP_P2, "Siti", "III/c", None, None, None, "Biro Hukum"],
        [5, NIP_L3, "Ahmad", "IV/b", None, "hadir", None, "Biro Umum"],
    ]
    merged = tuple((r0 + 3, c0, r1 + 3, c1) for r0, c0, r1, c1 in MERGES)
    sheet = read_sheet("a.xlsx", Grid("Agen", rows, merged=merged))
    assert sheet.header_rows == (4, 5) and sheet.frame.index.tolist() == [6, 7, 8, 9, 10]
    assert sheet.headers == {"nip": "NIP", "name": "Nama", "rank": "Gol.",
                             "attendance_mode": "Kehadiran", "unit": "Unit Kerja"}
    assert sheet.columns == {"nip": 2, "name": 3, "rank": 4, "attendance_mode": 6, "unit": 8}
    assert sheet.unknown_headers == [] and sheet.samples == {}
    assert sheet.frame["attendance_mode"].tolist() == ["Tatap Muka", "Virtual", None, None, None]
    assert [(n.code, n.row, n.column, n.value) for n in sheet.notes] == [
        ("ticks_conflict", 8, "Kehadiran", "1 / 1"), ("tick_unreadable", 10, "Kehadiran",
                                                       "hadir / ")]
    assert sheet.notes[0].message("id").startswith(
        "Lebih dari satu pilihan 'Kehadiran' dicentang (Tatap Muka / Virtual, kolom F–G)")


def test_a_sheet_not_read_as_a_dataset_has_no_layout_notes():
    rows = [["NIP", "Nama", "Jabatan"], [NIP_L1, "Andi", "Analis"], ["JUMLAH", None, 1]]
    sheet = read_sheet("a.xlsx", Grid("Agen", rows, hidden_rows=frozenset({1})))
    assert (sheet.dataset, sheet.candidate, sheet.notes) == (None, "agents", [])


def test_ticks_of_many_rows_are_summed_up_beyond_the_cap(monkeypatch):
    monkeypatch.setattr("zi_dashboard.ingest.reader.MAX_ROW_NOTES", 2)
    rows = [["NIP", "Nama", "Unit Kerja", "Kehadiran", None],
            [None, None, None, "Luring", "Daring"]] + [
        [NIP_L1, f"Agen {k}", "Biro Umum", "✓", "✓"] for k in range(5)]
    notes = read_sheet("a.csv", Grid("a", rows)).notes
    assert [(n.code, n.row) for n in notes] == [
        ("ticks_conflict", 3), ("ticks_conflict", 4), ("too_many_issues", None)]
    assert notes[-1].params == {"count": 3, "other_code": "ticks_conflict"}


# --- workbooks as ministries send them ----------------------------------------------------------

UNIT_ROWS = [["Unit Kerja", "Eselon I"], ["Biro Umum", "Sekretariat Jenderal"],
             ["Biro Hukum", "Sekretariat Jenderal"],
             ["Balai Besar Rehabilitasi Sosial Bandung", "Ditjen Rehabilitasi Sosial"]]
BALAI = "Balai Besar Rehabilitasi Sosial Bandung"


def ministry_roster() -> bytes:
    """Title rows, a two-row merged header with ticks, a recap beside, a hidden row (Excel row
    8), a JUMLAH row (12), a signature block; and a units sheet."""
    book = Workbook()
    ws = book.active
    ws.title = "Agen Perubahan"
    for row in [
        ["DAFTAR NOMINATIF AGEN PERUBAHAN"],
        ["KEMENTERIAN SOSIAL REPUBLIK INDONESIA TAHUN 2020"],
        [],
        ["No", "NIP", "Nama", "Unit Kerja", "Pangkat/Gol", None, "Kehadiran", None,
         "Email Dinas", None, "REKAP PER ESELON I"],
        [None, None, None, None, "Gol.", "TMT", "Tatap Muka", "Virtual", None, None, "Eselon I",
         "Jumlah"],
        [1, NIP_L1, "Andi", "Biro Umum", "III/a", "01/04/2015", "✓", "-", "andi@kemensos.go.id",
         None, "Sekretariat Jenderal", 4],
        [2, NIP_P1, "Rina", "Biro Hukum", "III/b", "01/04/2016", None, "✓", None, None,
         "Ditjen Rehabilitasi Sosial", 2],
        [3, NIP_L2, "Bambang", BALAI, "IV/a", None, "v"],
        [4, NIP_P2, "Siti", "Biro Umum", "III/c", None, None, "V"],
        [5, NIP_L3, "Ahmad", "Biro Hukum", "IV/a", None, 1],
        [6, NIP_P3, "Nur", BALAI, "III/a", None, None, "x"],
        ["JUMLAH", None, None, None, None, None, 3, 3],
        [],
        [None] * 7 + ["Jakarta, 10 Agustus 2020"],
        [None] * 7 + ["Kepala Biro Organisasi dan Tata Laksana"],
        [None] * 7 + ["NIP. 19700101 199503 1 001"],
    ]:
        ws.append(row)
    for cells in ("A1:I1", "A2:I2", "A4:A5", "B4:B5", "C4:C5", "D4:D5", "E4:F4", "G4:H4",
                  "I4:I5", "A12:F12"):
        ws.merge_cells(cells)
    ws.row_dimensions[8].hidden = True   # Bambang has left
    units = book.create_sheet("Unit")
    for row in UNIT_ROWS:
        units.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_ministry_roster_validates_with_warnings_only():
    result = validate_sources([SourceFile("roster.xlsx", ministry_roster())])
    assert [(i.severity, i.code, i.sheet, i.row) for i in result.report.issues] == [
        ("warning", "hidden_rows_imported", "Agen Perubahan", None),
        ("info", "table_ignored", "Agen Perubahan", 4),
        ("warning", "unknown_header", "Agen Perubahan", 4),
        ("info", "total_row_skipped", "Agen Perubahan", 12),
    ]
    issues = result.report.issues
    assert issues[0].message("en").startswith(
        "Hidden rows of sheet 'Agen Perubahan' are imported: rows 8 (1 in all).")
    assert issues[1].params == {"range": "K4:L7"}
    assert issues[2].params == {"headers": ["Email Dinas"]}
    assert issues[3].value == "JUMLAH"
    assert result.counts() == {"units": 3, "agents": 6, "attendance": 6}
    agents = result.tables["agents"]
    assert agents["name"].tolist() == ["Andi", "Rina", "Bambang", "Siti", "Ahmad", "Nur"]
    assert agents["rank"].tolist() == ["III/a", "III/b", "IV/a", "III/c", "IV/a", "III/a"]
    assert agents["attendance_mode"].tolist() == ["tatap_muka", "virtual"] * 3
    counts = result.attendance_counts()
    assert (counts["tatap_muka"], counts["virtual"]) == (3, 3)
    # Info lines come after the warnings in the report.
    assert [r["code"] for r in result.report.to_records()][-2:] == ["table_ignored",
                                                                    "total_row_skipped"]


def test_a_ministry_roster_without_its_hidden_rows():
    result = validate_sources([SourceFile("roster.xlsx", ministry_roster())], options=SKIP)
    (note,) = [i for i in result.report.issues if i.code.startswith("hidden")]
    assert (note.severity, note.code, note.params) == ("info", "hidden_rows_skipped",
                                                       {"rows": "8", "count": 1})
    assert note.message("id") == ("Baris tersembunyi di sheet 'Agen Perubahan' dilewati, sesuai "
                                  "pilihan Anda: baris 8 (1 baris).")
    assert result.counts() == {"units": 3, "agents": 5, "attendance": 5}
    assert "Bambang" not in result.tables["agents"]["name"].tolist()


def test_a_total_row_is_never_read_as_an_nip():
    rows = [["NIP", "Nama", "Unit Kerja", "Tahun Penetapan"],
            [NIP_L1, "Andi", "Biro Umum", 2020], [NIP_P1, "Rina", "Biro Hukum", 2020],
            [None, "JUMLAH", None, 2], ["TOTAL", None, None, 2]]
    result = validate_sources([SourceFile("a.xlsx", xlsx({"Agen": rows, "Unit": UNIT_ROWS}))])
    assert [(i.severity, i.code, i.row, i.value) for i in result.report.issues] == [
        ("info", "total_row_skipped", 4, "JUMLAH"), ("info", "total_row_skipped", 5, "TOTAL")]
    assert result.counts()["agents"] == 2


def test_a_csv_with_a_two_row_header_and_ticks():
    lines = ["NIP;Nama;Unit Kerja;Kehadiran;", ";;;Luring;Daring",
             f"{NIP_L1};Andi;Biro Umum;v;", f"{NIP_P1};Rina;Biro Hukum;;v",
             f"{NIP_L2};Bambang;Biro Umum;v;v"]
    files = [SourceFile("agen.csv", "\r\n".join(lines).encode()),
             SourceFile("unit.xlsx", xlsx({"Unit": UNIT_ROWS}))]
    result = validate_sources(files)
    assert [(i.severity, i.code, i.row, i.column, i.value) for i in result.report.issues] == [
        ("warning", "ticks_conflict", 5, "Kehadiran", "v / v")]
    assert result.tables["agents"]["attendance_mode"].tolist() == ["tatap_muka", "virtual", None]


def _book(hidden_rows: list[list] | None, visible: bool = True) -> bytes:
    book = Workbook()
    book.remove(book.active)
    # openpyxl needs one visible sheet: a note when the roster is not there.
    shown = [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"]] if visible else [
        ["Catatan rapat"]]
    agen = book.create_sheet("Agen")
    for row in shown:
        agen.append(row)
    lama = book.create_sheet("Lama")
    for row in hidden_rows or []:
        lama.append(row)
    lama.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


OLD_ROWS = [["NIP", "Nama", "Unit Kerja"], [NIP_P1, "Rina", "Biro Hukum"],
            [NIP_L2, "Bambang", "Biro Umum"]]


@pytest.mark.parametrize("hidden, options, sheets, notes", [
    (OLD_ROWS, ReadOptions(), ["Agen", "Lama"],
     [("Lama", "warning", "hidden_sheet_imported", {"count": 2})]),
    (OLD_ROWS, SKIP, ["Agen"], [("Lama", "info", "hidden_sheet_skipped", {"count": 2})]),
    # A hidden list of choices is no data, whatever the option says.
    ([["Tatap muka"], ["Virtual"]], ReadOptions(), ["Agen"],
     [("Lama", "info", "hidden_sheet_not_read", {})]),
    (OLD_ROWS[:1], ReadOptions(), ["Agen"], [("Lama", "info", "hidden_sheet_not_read", {})]),
])
def test_hidden_sheets(hidden, options, sheets, notes):
    read = read_source(SourceFile("a.xlsx", _book(hidden)), **LIMITS, options=options)
    assert [s.sheet for s in read] == sheets
    assert [(n.sheet, n.severity, n.code, n.params) for s in read for n in s.notes] == notes


def test_a_file_whose_only_table_is_hidden_and_left_out_says_so():
    with pytest.raises(UnreadableFileError) as caught:
        read_source(SourceFile("a.xlsx", _book(OLD_ROWS, visible=False)), **LIMITS, options=SKIP)
    assert (caught.value.code, caught.value.params) == ("file_only_hidden", {"sheets": ["Lama"]})
    (issue,) = validate_sources([SourceFile("a.xlsx", _book(OLD_ROWS, visible=False))],
                                options=SKIP).report.issues
    assert issue.message("en").startswith("Every data table in this file is on a hidden sheet "
                                          "(Lama), and you chose to leave hidden ones out.")


# --- whatever the grid, the reader answers -------------------------------------------------------

CELL = st.one_of(
    st.none(), st.just(""), st.sampled_from(["NIP", "Nama", "Unit Kerja", "Kehadiran", "Tatap Muka",
                                             "Virtual", "Pangkat/Gol", "Gol.", "JUMLAH", "REKAP",
                                             "REKAP PER ESELON I", "✓", "v", "x", NIP_L1, "  "]),
    st.text(max_size=12), st.integers(-5, 10**6), st.floats(allow_nan=True), st.booleans(),
    st.just(dt.datetime(2020, 8, 4)))
MERGE = st.tuples(st.integers(0, 9), st.integers(0, 6), st.integers(0, 3), st.integers(0, 3)).map(
    lambda m: (m[0], m[1], m[0] + m[2], m[1] + m[3]))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(CELL, max_size=8), max_size=14), st.lists(MERGE, max_size=4),
       st.frozensets(st.integers(0, 15), max_size=5), st.booleans())
def test_the_reader_never_raises(rows, merged, hidden_rows, skip):
    grid = Grid("S", rows, hidden_rows=hidden_rows, merged=tuple(merged))
    sheet = read_sheet("a.xlsx", grid, ReadOptions(skip_hidden=skip))
    if sheet is None:
        return
    assert set(sheet.frame.index) <= set(range(1, len(rows) + 1))
    if skip:
        assert not set(sheet.frame.index) & {r + 1 for r in hidden_rows}
    for note in sheet.notes:
        assert note.message("id") and note.message("en")


# Records that only look like totals, titles or headers (review of issue 9).

@pytest.mark.parametrize("row, total", [
    ([NIP_L1, "Total Sutrisno", "Biro Umum"], False),          # a name, with its NIP
    ([NIP_P1, "Jumlah", "Biro Hukum"], False),                 # a one-word name, with its NIP
    (["Total Rehabilitasi Sosial Center", "Ditjen Rehabilitasi Sosial", "Pembangunan"], False),
    (["Rekap Data Center", "Sekretariat Jenderal", None], False),
    (["TOTAL", None, "6 orang"], True),                        # a total label and a count
    ([None, "Jumlah Agen:", 291], True),
])
def test_a_row_labelled_like_a_total_is_a_total_only_without_a_record_in_it(row, total):
    cells = pd.DataFrame([row], dtype=object)
    assert layout.total_rows(cells) == ({0: next(v for v in row if isinstance(v, str))}
                                        if total else {})


def test_a_record_mentioning_per_unit_after_a_spacer_row_is_no_recap_title():
    rows = [[NIP_L1, "Andi", "Lokakarya", "luring"], [None] * 4,
            [NIP_P1, "Rina", "Monev per unit kerja", "luring"]]
    assert layout.table_below(pd.DataFrame(rows, dtype=object)) is None


def test_a_header_printed_again_on_the_next_page_is_skipped_and_the_rows_below_read():
    rows = [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"], [None] * 3,
            ["NIP", "Nama", "Unit Kerja"], [NIP_P1, "Rina", "Biro Hukum"],
            [NIP_L2, "Bambang", "Biro Umum"]]
    units = [["Unit Kerja", "Eselon I"], ["Biro Umum", "Setjen"], ["Biro Hukum", "Setjen"]]
    result = validate_sources([SourceFile("a.xlsx", xlsx({"Agen": rows, "Unit": units}))],
                              today=dt.date(2024, 6, 1))
    assert [(i.severity, i.code, i.row) for i in result.report.issues] == [
        ("info", "header_repeated", 4)]
    assert result.tables["agents"]["name"].tolist() == ["Andi", "Rina", "Bambang"]


def test_an_excel_error_or_an_uncomputed_formula_is_a_warning_at_its_cell_not_a_silent_blank():
    book = Workbook()
    sheet = book.active
    sheet.title = "Unit"
    sheet.append(["Unit Kerja", "Eselon I", "Tahun Penilaian", "Nilai LKE"])
    sheet.append(["Biro Umum", "Setjen", 2022, 80])
    sheet.append(["Biro Hukum", "Setjen", 2022, "=SUM(E3:J3)"])   # openpyxl saves no result
    buffer = io.BytesIO()
    book.save(buffer)
    from tests.test_worker import edit_sheet_xml

    def as_error(xml: bytes) -> bytes:   # an error cell, as Excel writes one
        edited = xml.replace(b'<c r="D2" t="n"><v>80</v></c>',
                             b'<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
        assert edited != xml
        return edited

    data = edit_sheet_xml(buffer.getvalue(), as_error)
    result = validate_sources([SourceFile("u.xlsx", data)], today=dt.date(2024, 6, 1))
    assert [(i.severity, i.code, i.row, i.column, i.value) for i in result.report.issues] == [
        ("warning", "cell_unreadable", 2, "Nilai LKE", "#DIV/0!"),
        ("warning", "cell_unreadable", 3, "Nilai LKE", "=SUM(E3:J3)")]
    assert result.tables["units"]["lke_score"].isna().all()
