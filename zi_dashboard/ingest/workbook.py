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

__all__ = ["HEADER_SCAN_ROWS", "MAX_COLUMNS", "Grid", "detect_format", "read_csv_rows",
           "read_grids"]

HEADER_SCAN_ROWS = 30
# Columns read per sheet; a roster has a few dozen, so anything beyond is stray content.
MAX_COLUMNS = 512
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
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except Exception as exc:  # zipfile raises many kinds of errors on malformed archives
        raise UnreadableFileError("file_corrupt", name) from exc
    total = sum(m.file_size for m in members)
    if total > max_uncompressed_bytes:
        raise UnreadableFileError("zip_bomb", name, size_mb=_mb(total),
                                  max_mb=_mb(max_uncompressed_bytes))
    is_xlsx = "xl/workbook.xml" in names or "xl/workbook.bin" in names
    if not is_xlsx and b"opendocument.spreadsheet" not in mimetype:
        raise UnreadableFileError("file_not_spreadsheet", name)


def _read_workbook(data: bytes, name: str) -> list[Grid]:
    """Every worksheet (hidden ones marked), rows from A1, with its merged ranges."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = []
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            hidden = meta.visible != SheetVisibleEnum.Visible
            merged = tuple(tuple((*start, *end)) for start, end in sheet.merged_cell_ranges or ())
            if sheet.width <= MAX_COLUMNS:
                grids.append(Grid(meta.name, sheet.to_python(skip_empty_area=False), hidden,
                                  merged=merged))
                continue
            # One stray cell far to the right would make every row thousands of cells wide.
            top, left = sheet.start or (0, 0)
            rows = [([""] * left + row)[:MAX_COLUMNS] for row in sheet.iter_rows()]
            # iter_rows skips the empty columns on the left; whether it skips the empty rows
            # above has varied, so pad to Excel row numbers by count.
            padding = top if len(rows) == sheet.height and top else 0
            grids.append(Grid(meta.name, [[] for _ in range(padding)] + rows, hidden,
                              merged=merged))
        return grids
    except PasswordError as exc:
        raise UnreadableFileError("file_encrypted", name) from exc
    except Exception as exc:  # calamine raises many kinds of errors on malformed content
        raise UnreadableFileError("file_corrupt", name) from exc


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


def read_grids(source: SourceFile, *, max_bytes: int, max_uncompressed_bytes: int) -> list[Grid]:
    """Every sheet of a file as a Grid; raises UnreadableFileError for what cannot be read."""
    name, data = source.name, source.data
    if len(data) > max_bytes:
        raise UnreadableFileError("file_too_large", name, size_mb=_mb(len(data)),
                                  max_mb=_mb(max_bytes))
    if not data.strip():
        raise UnreadableFileError("file_empty", name)
    kind = detect_format(data, name)
    if kind == "zip":
        _check_zip(data, name, max_uncompressed_bytes)
    if kind != "text":
        return _read_workbook(data, name)
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0] or name
    try:
        return [Grid(stem, read_csv_rows(data))]
    except csv.Error as exc:  # e.g. a field longer than the csv module accepts
        raise UnreadableFileError("file_corrupt", name) from exc
