"""Bytes to grids: tell the format by content, refuse what cannot be a roster, read every sheet's
cells (CSV, .xlsx, .xls, .ods) as rows of Python values. What the rows mean is reader.py's job."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from zi_dashboard import config
from zi_dashboard.domain.errors import UnreadableFileError
from zi_dashboard.domain.schema import known_header_count
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.worker import Isolation, run_isolated
from zi_dashboard.ingest.xlsx_scan import SheetScan, column_letters, scan_xlsx

__all__ = ["HEADER_SCAN_ROWS", "MAX_CELLS", "MAX_COLUMNS", "REFUSAL_CODES", "Grid", "ParseLimits",
           "detect_format", "parse_grids", "read_csv_rows", "read_grids"]

HEADER_SCAN_ROWS = 30
# Columns read per sheet; a roster has a few dozen, so anything beyond is stray content.
MAX_COLUMNS = 512
# Cells of a sheet's used range (rows × columns, as calamine holds them densely): 200,000 rows
# of 50 columns. A stray value at IV65536 would be 16.8 million cells, seconds to build.
MAX_CELLS = 10_000_000
# Codes of UnreadableFileError: a whole file refused before any row is checked.
REFUSAL_CODES = frozenset({
    "file_too_large", "zip_bomb", "file_encrypted", "file_corrupt", "file_not_spreadsheet",
    "file_empty", "file_parse_crashed", "file_parse_timeout", "file_too_complex",
    "cell_out_of_range", "cell_text_too_long", "sheet_too_large"})
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"Rar!",
                 b"7z\xbc\xaf", b"II*\x00", b"MM\x00*", b"RIFF", b"ID3", b"\x7fELF", b"OggS")
# Directory entry names (UTF-16) inside an OLE2 container.
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))


@dataclass(frozen=True)
class Grid:
    """One sheet's cells as read: rows from A1 (ragged; "" or None where blank).

    hidden: the sheet is hidden (or very hidden) in the workbook.
    hidden_rows: 0-based indices into `rows` of rows hidden in the sheet.
    merged: merged ranges as (first row, first column, last row, last column), 0-based, inclusive.
    """

    sheet: str
    rows: list[list]
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    merged: tuple[tuple[int, int, int, int], ...] = ()
    # (0-based row, 0-based column, what it shows) of cells read as blank that hold an Excel
    # error or a formula without its computed value (.xlsx only).
    unreadable: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class ParseLimits:
    """What one parse may use: the worker's memory and time, and the sheet shape and cell size."""

    memory_bytes: int
    timeout_seconds: float
    max_rows: int
    max_cell_chars: int
    max_columns: int = MAX_COLUMNS
    max_cells: int = MAX_CELLS

    @classmethod
    def from_settings(cls, settings: config.Settings) -> ParseLimits:
        return cls(settings.parse_memory_bytes, settings.parse_timeout_seconds,
                   settings.max_rows, settings.max_cell_chars)


def _mb(size: int) -> float:
    return round(size / config.MB, 1)


def detect_format(data: bytes, name: str = "") -> str:
    """'zip', 'xls' or 'text' judged by content; raises UnreadableFileError otherwise."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(_OLE2):
        if _ENCRYPTED in data:  # an .xlsx saved with a password is an OLE2 container
            raise UnreadableFileError("file_encrypted", name)
        if any(stream in data for stream in _XLS_STREAMS):
            return "xls"
        raise UnreadableFileError("file_not_spreadsheet", name)
    if data.startswith(_BINARY_MAGIC):
        raise UnreadableFileError("file_not_spreadsheet", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    head = data[:8192]
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13, 26))
    if b"\x00" in head or controls > len(head) // 100:
        raise UnreadableFileError("file_not_spreadsheet", name)
    return "text"


def _check_zip(data: bytes, name: str, max_uncompressed_bytes: int) -> None:
    """Refuse zip bombs (by declared sizes, before inflating) and zips that hold no workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
            total = sum(m.file_size for m in members)
            if total > max_uncompressed_bytes:
                raise UnreadableFileError("zip_bomb", name, size_mb=_mb(total),
                                          max_mb=_mb(max_uncompressed_bytes))
            # Only the first bytes: this runs in the server, so nothing is inflated whole.
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    mimetype = member.read(80)
    except UnreadableFileError:
        raise
    except Exception as exc:  # zipfile raises many kinds of errors on malformed archives
        raise UnreadableFileError("file_corrupt", name) from exc
    is_xlsx = "xl/workbook.xml" in names or "xl/workbook.bin" in names
    if not is_xlsx and b"opendocument.spreadsheet" not in mimetype:
        raise UnreadableFileError("file_not_spreadsheet", name)


def _read_workbook(data: bytes, name: str, scans: dict[str, SheetScan],
                   max_cells: int = MAX_CELLS) -> list[Grid]:
    """Every worksheet (hidden ones marked), rows from A1, with its merged ranges."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            # Rows are read from A1: the grid holds a Python object per cell up to the last.
            last = sheet.end or (-1, -1)
            if (last[0] + 1) * min(last[1] + 1, MAX_COLUMNS) > max_cells:
                raise UnreadableFileError(
                    "sheet_too_large", name, sheet_name=meta.name,
                    cell=f"{column_letters(last[1] + 1)}{last[0] + 1}",
                    cells=(last[0] + 1) * min(last[1] + 1, MAX_COLUMNS), max_cells=max_cells)
            hidden = meta.visible != SheetVisibleEnum.Visible
            merged = tuple(tuple((*start, *end)) for start, end in sheet.merged_cell_ranges or ())
            if sheet.width <= MAX_COLUMNS:
                rows = sheet.to_python(skip_empty_area=False)
            else:
                # One stray cell far to the right would make every row thousands of cells wide.
                top, left = sheet.start or (0, 0)
                rows = [([""] * left + row)[:MAX_COLUMNS] for row in sheet.iter_rows()]
                # iter_rows skips the empty columns on the left; whether it skips the empty
                # rows above has varied, so pad to Excel row numbers by count.
                padding = top if len(rows) == sheet.height and top else 0
                rows = [[] for _ in range(padding)] + rows
            scan = scans.get(meta.name) or SheetScan()
            unreadable = tuple((r, c, shown) for (r, c), shown in sorted(scan.unreadable.items())
                               if r < len(rows))
            grids.append(Grid(meta.name, rows, hidden,
                              frozenset(i for i in scan.hidden_rows if i < len(rows)), merged,
                              unreadable))
        return grids
    except PasswordError as exc:
        raise UnreadableFileError("file_encrypted", name) from exc
    except UnreadableFileError:
        raise
    except Exception as exc:  # calamine raises many kinds of errors on malformed content
        raise UnreadableFileError("file_corrupt", name) from exc


def _check_cells(grids: list[Grid], name: str, limits: ParseLimits) -> list[Grid]:
    """Refuse a value below the last row allowed or a text longer than the cell limit."""
    checked = []
    for grid in grids:
        rows = grid.rows
        for i, row in enumerate(rows[limits.max_rows:], start=limits.max_rows):
            j = next((j for j, v in enumerate(row) if v not in ("", None)), None)
            if j is not None:
                raise UnreadableFileError(
                    "cell_out_of_range", name, sheet_name=grid.sheet,
                    cell=f"{column_letters(j + 1)}{i + 1}", max_rows=limits.max_rows,
                    max_column=column_letters(limits.max_columns))
        if len(rows) > limits.max_rows:  # blank rows below the limit: nothing to read there
            grid = Grid(grid.sheet, rows[:limits.max_rows], grid.hidden, grid.hidden_rows,
                        grid.merged, grid.unreadable)
        cap = limits.max_cell_chars
        for i, row in enumerate(grid.rows):
            for j, value in enumerate(row):
                if value.__class__ is str and len(value) > cap:
                    raise UnreadableFileError(
                        "cell_text_too_long", name, sheet_name=grid.sheet,
                        cell=f"{column_letters(j + 1)}{i + 1}", length=len(value),
                        max_chars=cap)
        checked.append(grid)
    return checked


def _decode(data: bytes) -> str:
    """Text of a CSV: UTF-16 by BOM, else UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_csv_rows(data: bytes) -> list[list]:
    """Rows of a CSV (padded to one width); the delimiter is the one that yields the best header
    row. The one CSV reading: validation and the report workbook both use it."""
    text = _decode(data)
    sample = text.splitlines()[:HEADER_SCAN_ROWS]

    def score(delimiter: str) -> tuple[int, int]:
        rows = list(csv.reader(sample, delimiter=delimiter))
        best = max((known_header_count(r) for r in rows), default=0)
        return best, max((len(r) for r in rows), default=0)

    delimiter = max((";", ",", "\t", "|"), key=score)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]


def parse_grids(kind: str, data: bytes, name: str, limits: ParseLimits) -> list[Grid]:
    """The sheets of a file already judged by detect_format; runs in the worker process."""
    if kind == "text":
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or name
        try:
            grids = [Grid(stem, read_csv_rows(data))]
        except csv.Error as exc:  # e.g. a field longer than the csv module accepts
            raise UnreadableFileError("file_corrupt", name) from exc
    else:
        scans: dict[str, SheetScan] = {}
        if kind == "zip":
            data, scans = scan_xlsx(data, name, max_rows=limits.max_rows,
                                    max_columns=limits.max_columns)
        grids = _read_workbook(data, name, scans, limits.max_cells)
    return _check_cells(grids, name, limits)


def read_grids(source: SourceFile, *, max_bytes: int, max_uncompressed_bytes: int,
               limits: ParseLimits | None = None) -> list[Grid]:
    """Every sheet of a file as a Grid; raises UnreadableFileError for what cannot be read.

    Sizes and zip bombs are judged here, from declared sizes; the parse itself runs in a worker
    process with `limits` (the settings in force by default)."""
    name, data = source.name, source.data
    if len(data) > max_bytes:
        raise UnreadableFileError("file_too_large", name, size_mb=_mb(len(data)),
                                  max_mb=_mb(max_bytes))
    if not data.strip():
        raise UnreadableFileError("file_empty", name)
    kind = detect_format(data, name)
    if kind == "zip":
        _check_zip(data, name, max_uncompressed_bytes)
    limits = limits or ParseLimits.from_settings(config.load_settings())
    return run_isolated(parse_grids, (kind, data, name, limits), file=name,
                        isolation=Isolation(limits.memory_bytes, limits.timeout_seconds))
