"""Safe parsing: the worker process, far cells, hidden rows, the cell text cap, audited refusals."""

from __future__ import annotations

import io
import os
import re
import signal
import sys
import time
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from tests.workbooks import NIP_L1, NIP_P1
from zi_dashboard import config, store
from zi_dashboard.domain.errors import UnreadableFileError
from zi_dashboard.ingest import workbook
from zi_dashboard.ingest.report import Issue, Report
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.worker import Isolation, run_isolated
from zi_dashboard.ingest.xlsx_scan import column_letters, column_number, greater_than
from zi_dashboard.store import importer

SIZES = {"max_bytes": 50 * config.MB, "max_uncompressed_bytes": 200 * config.MB}
HEADER = ["NIP", "Nama", "Unit Kerja"]
AGENTS = [[NIP_L1, "Andi", "Biro Umum"], [NIP_P1, "Rina", "Biro Hukum"]]


def book_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def roster(*, at: tuple[int, int] = (1, 1), values: dict[str, object] | None = None,
           styled: tuple[str, ...] = (), hidden: tuple[int, ...] = ()) -> bytes:
    """Header and two agents with the header at `at` (row, column), plus extra cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Agen"
    for i, row in enumerate([HEADER, *AGENTS]):
        for j, value in enumerate(row):
            sheet.cell(at[0] + i, at[1] + j, value)
    for ref, value in (values or {}).items():
        sheet[ref] = value
    for ref in styled:
        sheet[ref].font = Font(bold=True)
    for row in hidden:
        sheet.row_dimensions[row].hidden = True
    return book_bytes(book)


def edit_sheet_xml(data: bytes, edit) -> bytes:
    """The workbook with its first sheet's XML passed through edit(bytes) -> bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = edit(body)
            dst.writestr(info, body)
    return out.getvalue()


def grids(data: bytes, name: str = "roster.xlsx", **limits) -> list[workbook.Grid]:
    chosen = workbook.ParseLimits(**{"memory_bytes": 1024 * config.MB, "timeout_seconds": 30,
                                     "max_rows": 200_000, "max_cell_chars": 32_767, **limits})
    return workbook.read_grids(SourceFile(name, data), **SIZES, limits=chosen)


def refusal(data: bytes, name: str = "roster.xlsx", **limits) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as caught:
        grids(data, name, **limits)
    assert caught.value.file == name
    return caught.value


# Hidden rows: 0-based indices into Grid.rows, whose first row is Excel row 1.

@pytest.mark.parametrize("at, hidden, expected", [
    ((1, 1), (2,), {1}),
    ((1, 1), (2, 3), {1, 2}),
    ((3, 3), (4,), {3}),        # a table starting at C3: still indices from A1
    ((3, 3), (5, 1), {4, 0}),   # a hidden title row above the table counts too
    ((1, 1), (), set()),
    ((1, 1), (40,), set()),     # hidden but past the last row read: nothing to flag
])
def test_hidden_rows_are_indices_from_a1(at, hidden, expected):
    (grid,) = grids(roster(at=at, hidden=hidden))
    assert set(grid.hidden_rows) == expected
    for index in expected:   # the index points at the row as read
        assert grid.rows[index][at[1] - 1] in (*HEADER, NIP_L1, NIP_P1, None, "")


def test_a_hidden_row_holds_the_agent_it_hides():
    (grid,) = grids(roster(hidden=(3,)))
    assert grid.hidden_rows == frozenset({2})
    assert grid.rows[2][:2] == [NIP_P1, "Rina"]


def test_hidden_rows_written_by_hand_without_row_numbers():
    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'<row r="\d+"', b"<row", xml)
        return xml.replace(b"<row", b'<row hidden="true"', 3).replace(
            b'<row hidden="true"', b"<row", 2)
    (grid,) = grids(edit_sheet_xml(roster(), edit))
    assert grid.hidden_rows == frozenset({2})


# Far cells and declared dimensions.

@pytest.mark.parametrize("cell", ["XFD1048576", "CV1048576", "A1048576", "C200001"])
def test_a_value_below_the_last_row_allowed_is_refused_naming_sheet_and_cell(cell):
    error = refusal(roster(values={cell: "x"}))
    assert error.code == "cell_out_of_range"
    assert error.params == {"sheet_name": "Agen", "cell": cell, "max_rows": 200_000,
                            "max_column": "SR"}


@pytest.mark.parametrize("cell, refused", [("A1000", False), ("A1001", True), ("B999", False)])
def test_the_row_limit_is_inclusive(cell, refused):
    data = roster(values={cell: 1})
    if refused:
        assert refusal(data, max_rows=1000).params["cell"] == cell
    else:
        (grid,) = grids(data, max_rows=1000)
        assert len(grid.rows) == int(cell[1:])


@pytest.mark.parametrize("styled", [("XFD1048576",), ("CV1048576",), ("A1048576", "XFD3")])
def test_style_only_far_cells_do_not_stop_a_roster(styled):
    (grid,) = grids(roster(styled=styled))
    assert len(grid.rows) == 3 and max(len(r) for r in grid.rows) == 3
    assert grid.rows[1] == AGENTS[0]


@pytest.mark.parametrize("cell", ["XFD6", "SS2", "AAA1"])
def test_a_value_past_the_last_column_read_is_dropped(cell):
    (grid,) = grids(roster(values={cell: "catatan"}))
    assert max(len(r) for r in grid.rows) == 3
    assert grid.rows[1] == AGENTS[0] and grid.rows[2] == AGENTS[1]


def test_a_value_in_the_last_column_read_is_kept():
    (grid,) = grids(roster(values={"SR2": "catatan"}))
    assert len(grid.rows[1]) == 512 and grid.rows[1][511] == "catatan"


@pytest.mark.parametrize("declared", [b"A1:XFD1048576", b"A1:C3000000", b"A1:ZZZZ9", b"nonsense"])
def test_a_lying_dimension_is_ignored(declared):
    data = edit_sheet_xml(roster(), lambda xml: re.sub(rb'<dimension ref="[^"]*"',
                                                       b'<dimension ref="' + declared + b'"', xml))
    (grid,) = grids(data)
    assert grid.rows == [HEADER, *AGENTS]


def test_a_small_dimension_does_not_hide_a_far_value():
    data = edit_sheet_xml(roster(values={"XFD1048576": 1}), lambda xml: re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C3"', xml))
    assert refusal(data).params["cell"] == "XFD1048576"


def test_a_far_row_without_cell_references_is_refused_at_its_row():
    def edit(xml: bytes) -> bytes:
        far = b'<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>'
        return xml.replace(b"</sheetData>", far + b"</sheetData>")
    error = refusal(edit_sheet_xml(roster(), edit))
    assert error.code == "cell_out_of_range" and error.params["cell"] == "A1048576"


@pytest.mark.parametrize("letters, number", [("A", 1), ("Z", 26), ("AA", 27), ("SR", 512),
                                             ("XFD", 16384)])
def test_column_letters_round_trip(letters, number):
    assert column_number(letters) == number and column_letters(number) == letters


@pytest.mark.parametrize("limit, alphabet, above, not_above", [
    ("200000", "0123456789", ["200001", "300000", "1000000", "0200001"], ["200000", "199999", "9"]),
    ("SR", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", ["SS", "TA", "ZZ", "AAA"], ["SR", "SA", "RZ", "Z", "A"]),
])
def test_greater_than_patterns(limit, alphabet, above, not_above):
    pattern = re.compile(greater_than(limit, alphabet))
    assert [w for w in above if pattern.fullmatch(w)] == above
    assert [w for w in not_above if pattern.fullmatch(w)] == []


# The cell text cap.

@pytest.mark.parametrize("length, refused", [(32_767, False), (32_768, True),
                                             (10_000_000, True)])
def test_a_cell_longer_than_excel_allows_is_refused_naming_the_cell(length, refused):
    # openpyxl cuts a text at 32,767 characters itself: write the long one into the XML.
    data = edit_sheet_xml(roster(values={"B3": "PANJANG"}),
                          lambda xml: xml.replace(b"PANJANG", b"R" * length))
    if not refused:
        assert len(grids(data)[0].rows[2][1]) == 32_767
        return
    error = refusal(data)
    assert error.code == "cell_text_too_long"
    assert error.params == {"sheet_name": "Agen", "cell": "B3", "length": length,
                            "max_chars": 32_767}


def test_the_cap_applies_to_csv_too():
    data = ("NIP;Nama;Unit Kerja\n" + f"{NIP_L1};{'A' * 40_000};Biro\n").encode()
    error = refusal(data, "agen.csv")
    assert (error.code, error.params["cell"], error.params["sheet_name"]) == (
        "cell_text_too_long", "B2", "agen")


def test_a_csv_with_rows_past_the_limit_is_refused():
    data = ("NIP;Nama\n" + "1;a\n" * 30).encode()
    assert refusal(data, "a.csv", max_rows=20).params["cell"] == "A21"
    assert len(grids(data, "a.csv", max_rows=31)[0].rows) == 31


# The worker process: whatever happens inside, one coded error out here.

# Stand-ins for what goes wrong inside a parse, taken from the standard library so the child
# imports nothing to run them.
CSV_LIMITS = workbook.ParseLimits(64 * config.MB, 5, 10, 100)
FAILURES = [
    (os.abort, (), "file_too_complex"),                    # what Rust does when malloc fails
    (signal.raise_signal, (signal.SIGSEGV,), "file_parse_crashed"),
    (os._exit, (3,), "file_parse_crashed"),
    (signal.raise_signal, (signal.SIGKILL,), "file_too_complex"),   # the OOM killer's signal
    (signal.raise_signal, (signal.SIGXCPU,), "file_parse_timeout"),  # RLIMIT_CPU's signal
    (re.match, (r"(a+)+$", "a" * 64 + "b"), "file_parse_timeout"),   # spins on the CPU
    (time.sleep, (60,), "file_parse_timeout"),
    (sys.exit, (1,), "file_parse_crashed"),   # a BaseException, as pyo3's PanicException is
    (bytearray, (2048 * config.MB,), "file_too_complex"),  # MemoryError under the limit
    (workbook.parse_grids, ("zip", b"PK\x03\x04garbage", "x.xlsx", CSV_LIMITS), "file_corrupt"),
]
ISOLATION = Isolation(512 * config.MB, 3)


@pytest.mark.parametrize("func, args, code", FAILURES,
                         ids=[f"{f[0].__name__}-{f[2]}-{i}" for i, f in enumerate(FAILURES)])
def test_every_failure_in_the_worker_is_one_coded_error(func, args, code):
    with pytest.raises(UnreadableFileError) as caught:
        run_isolated(func, args, file="x.xlsx", isolation=ISOLATION)
    assert caught.value.code == code and caught.value.file == "x.xlsx"


def test_the_worker_hands_back_its_answer():
    answer = run_isolated(workbook.parse_grids, ("text", b"NIP;Nama\n1;A\n", "a.csv", CSV_LIMITS),
                          file="a.csv", isolation=ISOLATION)
    assert answer == [workbook.Grid("a", [["NIP", "Nama"], ["1", "A"]])]


@pytest.mark.parametrize("cell", ["XFD1048576", "CV1048576"])
def test_calamine_running_out_of_memory_is_contained(cell):
    # With the limits raised above the far cell the pass lets it through, and calamine itself
    # asks for the dense grid (512 GB, 4 GB): the worker's memory limit stops it, not the host.
    data = roster(values={cell: "x"})
    error = refusal(data, max_rows=2_000_000, max_columns=20_000, memory_bytes=768 * config.MB)
    assert error.code == "file_too_complex" and error.params == {"max_mb": 768}


def test_settings_declare_the_limits():
    settled = config.load_settings({"ZI_PARSE_MEMORY_MB": "512", "ZI_PARSE_TIMEOUT_SECONDS": "5",
                                    "ZI_MAX_ROWS": "1000", "ZI_MAX_CELL_CHARS": "100"})
    assert workbook.ParseLimits.from_settings(settled) == workbook.ParseLimits(
        512 * 1024 * 1024, 5.0, 1000, 100, 512)
    assert workbook.ParseLimits.from_settings(config.defaults()) == workbook.ParseLimits(
        1024 * 1024 * 1024, 30.0, 200_000, 32_767, 512)


# Audit: every refusal leaves an event that names its codes.

@pytest.fixture
def engine(tmp_path):
    return store.connect(f"sqlite:///{tmp_path / 'audit.db'}")


def test_an_unreadable_upload_is_audited_with_its_code(engine):
    files = [SourceFile("jauh.xlsx", roster(values={"XFD1048576": "x"}))]
    outcome = importer.import_sources(engine, files, config.defaults(), uploader="admin")
    assert outcome.commit is None
    events = store.list_events(engine)
    assert events[["kind", "actor", "detail"]].values.tolist() == [
        ["upload_refused", "admin", "jauh.xlsx: 1 error(s): cell_out_of_range"]]
    assert store.list_versions(engine) == []
    (issue,) = outcome.validation.report.errors
    assert (issue.file, issue.sheet, issue.params["cell"]) == ("jauh.xlsx", "Agen", "XFD1048576")


def test_a_dry_run_audits_only_unreadable_files(engine):
    bad_rows = importer.validate_against_current(
        engine, [SourceFile("a.xlsx", roster(values={"A2": "bukan NIP"}))], config.defaults())
    assert not bad_rows.report.ok
    assert not importer.record_refusal(engine, [SourceFile("a.xlsx", b"")], bad_rows.report,
                                       "cli", unreadable_only=True)
    crashed = importer.validate_against_current(
        engine, [SourceFile("b.xlsx", b"PK\x03\x04garbage")], config.defaults())
    assert importer.record_refusal(engine, [SourceFile("b.xlsx", b"")], crashed.report, "cli",
                                   unreadable_only=True)
    assert store.list_events(engine)["detail"].tolist() == ["b.xlsx: 1 error(s): file_corrupt"]


@pytest.mark.parametrize("cell, refused", [("C5000", True), ("C3333", False), ("E2000", True)])
def test_a_used_range_over_the_cell_budget_is_refused_naming_its_last_cell(cell, refused):
    # Rows from A1: C5000 is 5,000 × 3 = 15,000 cells, C3333 is 9,999, E2000 is 10,000 + 0.
    data = roster(values={cell: "x"})
    if not refused:
        assert len(grids(data, max_cells=10_000)[0].rows) == 3333
        return
    error = refusal(data, max_cells=9_999)
    assert error.code == "sheet_too_large"
    assert error.params == {"sheet_name": "Agen", "cell": cell,
                            "cells": {"C5000": 15_000, "E2000": 10_000}[cell], "max_cells": 9_999}


def test_the_audit_line_names_at_most_six_codes():
    report = Report([Issue("error", f"code_{n}", "a.xlsx") for n in range(8)]
                    + [Issue("warning", "w", "a.xlsx")])
    assert importer.refusal_detail([SourceFile("a.xlsx", b""), SourceFile("b.csv", b"")],
                                   report) == ("a.xlsx, b.csv: 8 error(s): code_0, code_1, "
                                               "code_2, code_3, code_4, code_5, …")
