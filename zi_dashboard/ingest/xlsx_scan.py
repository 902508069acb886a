"""A pass over an .xlsx's sheet XML before calamine reads it: far cells, lying dimensions, hidden rows.

calamine builds a dense grid up to the farthest cell with a value, so one stray value at
XFD1048576 asks for 512 GB. This pass finds every cell or row reference beyond the limits
with one regular expression (cheap when there are none) and decides:
- an empty or style-only far cell, or a far empty row, is harmless (calamine skips it);
- a blank text far away, or a value beyond the last column allowed, is dropped (columns past
  MAX_COLUMNS are never read);
- a value beyond the last row allowed refuses the file, naming the sheet and cell;
- a declared <dimension> beyond the limits is removed (it is optional, and may lie).
It also collects hidden rows (<row r="N" hidden="1">) for Grid.hidden_rows, and the cells
calamine would read as blank though they hold something: an Excel error (#DIV/0!, #REF!) or a
formula saved without its computed value (files written by scripts), for Grid.unreadable.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field

from zi_dashboard.domain.errors import UnreadableFileError

__all__ = ["MAX_UNREADABLE", "SheetScan", "column_letters", "column_number", "greater_than",
           "scan_xlsx"]

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["'][^>]*>""")
_HIDDEN = re.compile(rb"""hidden\s*=\s*["'](?:1|true)["']""")
_ROW_R = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
_ROW_START = re.compile(rb"<(?:\w+:)?row\b")
_TAG_NAME = re.compile(rb"<(?:\w+:)?(\w+)")
_REF = re.compile(rb"([A-Z]*)(\d+)")
_ERROR_CELL = re.compile(rb"""<c\b[^>]*\bt\s*=\s*["']e["'][^>]*>""")
_FORMULA = re.compile(rb"<f\b")
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]+)(\d+)["']""")
_CACHED = re.compile(rb"<v>([^<]*)</v>")
_HAS_RESULT = re.compile(rb"<v>\s*[^<\s]")   # openpyxl writes an empty <v></v>
_FORMULA_TEXT = re.compile(rb"<f\b[^>]*>([^<]*)</f>")
# Unreadable cells collected per sheet: enough to show the pattern, bounded for huge sheets.
MAX_UNREADABLE = 1000
# A value: a <v> or text <t> with something in it (a formula's cached result is a <v>).
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)(?:\s[^>]*)?>\s*[^<\s]")


def column_number(letters: str) -> int:
    """1 for A, 27 for AA, 16384 for XFD."""
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    """A for 1, AA for 27, XFD for 16384."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def greater_than(limit: str, alphabet: str) -> str:
    """A regex for the words over `alphabet` (ordered) that sort after `limit`, longer ones too."""
    first, rest = alphabet[0], f"[{alphabet[0]}-{alphabet[-1]}]"
    # Longer words: a leading zero does not count for numbers.
    start = f"[{alphabet[1]}-{alphabet[-1]}]" if first == "0" else rest
    options = [f"{start}{rest}{{{len(limit)},}}"]
    for i, char in enumerate(limit):
        following = alphabet[alphabet.index(char) + 1:]
        if following:
            options.append(f"{limit[:i]}[{following[0]}-{following[-1]}]{rest}{{{len(limit) - i - 1}}}")
    lead = "0*" if first == "0" else ""
    return f"{lead}(?:{'|'.join(options)})"


def _far_pattern(max_rows: int, max_columns: int) -> re.Pattern[bytes]:
    """r="…" of a cell or row beyond the limits (starts with a literal, so the search is fast)."""
    rows = greater_than(str(max_rows), _DIGITS)
    columns = greater_than(column_letters(max_columns), _LETTERS)
    return re.compile(f"""r=["'](?:[A-Z]*{rows}|{columns}[0-9]+)["']""".encode())


@dataclass
class SheetScan:
    """What the pass found in one worksheet part."""

    hidden_rows: frozenset[int] = frozenset()
    cuts: list[tuple[int, int]] = field(default_factory=list)
    # (0-based row, 0-based column) → what the cell shows instead of a value.
    unreadable: dict[tuple[int, int], str] = field(default_factory=dict)


def _attrs(text: bytes) -> dict[str, str]:
    """A tag's attributes by local name (r:id is "id"), entities decoded."""
    return {m[1].decode().rsplit(":", 1)[-1]:
            html.unescape((m[2] if m[2] is not None else m[3]).decode("utf-8", "replace"))
            for m in _ATTR.finditer(text)}


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> list[tuple[str, str]]:
    """(sheet name, part path) of each worksheet, in workbook order."""
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return []
    targets = {}
    for m in _RELATION.finditer(archive.read("xl/_rels/workbook.xml.rels")):
        attrs = _attrs(m[1])
        target = attrs.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        targets[attrs.get("Id")] = path
    parts = []
    for m in _SHEET.finditer(archive.read("xl/workbook.xml")):
        attrs = _attrs(m[1])
        path = targets.get(attrs.get("id"))
        if path in names and "name" in attrs:
            parts.append((attrs["name"], path))
    return parts


def _hidden_rows(xml: bytes, max_rows: int) -> frozenset[int]:
    """0-based indices (row 1 is 0) of the rows marked hidden."""
    found = set()
    for m in _HIDDEN.finditer(xml):
        start = xml.rfind(b"<", 0, m.start())
        tag = _TAG_NAME.match(xml, start)
        if not tag or tag[1] != b"row":
            continue
        head = xml[start:xml.find(b">", m.end()) + 1]
        number = _ROW_R.search(head)
        # Without r= a row follows the one before it: count the rows up to here.
        row = int(number[1]) if number else len(_ROW_START.findall(xml, 0, m.start()))
        if 1 <= row <= max_rows:
            found.add(row - 1)
    return frozenset(found)


def _element(xml: bytes, start: int, name: bytes) -> tuple[int, bytes]:
    """End offset of the element whose tag opens at `start`, and its content."""
    head_end = xml.find(b">", start)
    if head_end < 0:
        return len(xml), b""
    if xml[head_end - 1:head_end] == b"/":
        return head_end + 1, b""
    close = re.compile(rb"</(?:\w+:)?" + name + rb"\s*>").search(xml, head_end)
    end = close.end() if close else len(xml)
    return end, xml[head_end + 1:close.start() if close else len(xml)]


def _unreadable_cells(xml: bytes, max_rows: int, max_columns: int
                      ) -> dict[tuple[int, int], str]:
    """Cells with an Excel error, or a formula without its computed value, within the limits."""
    found: dict[tuple[int, int], str] = {}
    # Plain byte searches first: a regex without a literal prefix costs a second on 20 MB.
    errors = b't="e"' in xml or b"t='e'" in xml
    if b"<f" not in xml and not errors:
        return found

    def add(head: bytes, shown: str) -> None:
        ref = _CELL_REF.search(head)
        if ref and int(ref[2]) <= max_rows and column_number(ref[1].decode()) <= max_columns:
            found.setdefault((int(ref[2]) - 1, column_number(ref[1].decode()) - 1), shown)

    for m in _ERROR_CELL.finditer(xml) if errors else ():
        cached = _CACHED.search(_element(xml, m.start(), b"c")[1])
        add(m[0], cached[1].decode("utf-8", "replace") if cached else "#ERROR")
        if len(found) >= MAX_UNREADABLE:
            return found
    for m in _FORMULA.finditer(xml):
        start = xml.rfind(b"<c ", 0, m.start())
        end, content = _element(xml, start, b"c") if start >= 0 else (0, b"")
        if end < m.start() or _HAS_RESULT.search(content):
            continue  # not inside a cell, or Excel saved the result with it
        text = _FORMULA_TEXT.search(content)
        add(xml[start:xml.find(b">", start) + 1],
            "=" + (text[1].decode("utf-8", "replace")[:60] if text else ""))
        if len(found) >= MAX_UNREADABLE:
            break
    return found


def _scan_sheet(xml: bytes, sheet: str, far: re.Pattern[bytes], file: str, max_rows: int,
                max_columns: int) -> SheetScan:
    scan = SheetScan(_hidden_rows(xml, max_rows))
    scan.unreadable = _unreadable_cells(xml, max_rows, max_columns)
    dimension = _DIMENSION.search(xml)
    if dimension:
        last = _REF.fullmatch(dimension[1].rsplit(b":", 1)[-1].replace(b"$", b""))
        if not last or int(last[2]) > max_rows or column_number(last[1].decode()) > max_columns:
            scan.cuts.append(dimension.span())
    done = 0
    for m in far.finditer(xml):
        if m.start() < done or xml[m.start() - 1:m.start()] not in (b" ", b"\t", b"\n", b"\r"):
            continue
        start = xml.rfind(b"<", 0, m.start())
        tag = _TAG_NAME.match(xml, start)
        if not tag or tag[1] not in (b"c", b"row"):
            continue
        end, content = _element(xml, start, tag[1])
        if not content.strip():
            continue  # empty or style only: calamine skips it
        ref = xml[m.start() + 3:m.end() - 1].decode()
        letters, number = _REF.fullmatch(ref.encode()).groups()
        if _VALUE.search(content) and (tag[1] == b"row" or int(number) > max_rows):
            inner = re.search(rb"""\sr\s*=\s*["']([A-Z]+\d+)["']""", content)
            cell = inner[1].decode() if tag[1] == b"row" and inner else (
                ref if letters else f"A{ref}")
            raise UnreadableFileError("cell_out_of_range", file, sheet_name=sheet, cell=cell,
                                      max_rows=max_rows, max_column=column_letters(max_columns))
        # A blank text far away, or a value past the last column read: dropped.
        scan.cuts.append((start, end))
        done = end
    return scan


def _cut(xml: bytes, cuts: list[tuple[int, int]]) -> bytes:
    pieces, at = [], 0
    for start, end in sorted(cuts):
        pieces.append(xml[at:start])
        at = max(at, end)
    pieces.append(xml[at:])
    return b"".join(pieces)


def scan_xlsx(data: bytes, file: str, *, max_rows: int, max_columns: int
              ) -> tuple[bytes, dict[str, SheetScan]]:
    """The workbook to read (rewritten only when something had to be cut) and each sheet's
    scan (hidden rows, unreadable cells); raises UnreadableFileError for a value beyond the
    last row allowed."""
    far = _far_pattern(max_rows, max_columns)
    hidden: dict[str, SheetScan] = {}
    rewritten: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {i.filename for i in archive.infolist()}
            for sheet, path in _sheet_parts(archive, names):
                xml = archive.read(path)
                scan = _scan_sheet(xml, sheet, far, file, max_rows, max_columns)
                hidden[sheet] = scan
                if scan.cuts:
                    rewritten[path] = _cut(xml, scan.cuts)
            if not rewritten:
                return data, hidden
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as copy:
                for info in archive.infolist():
                    copy.writestr(info.filename, rewritten.get(info.filename)
                                  or archive.read(info))
            return out.getvalue(), hidden
    except UnreadableFileError:
        raise
    except Exception as exc:  # zipfile and zlib raise many kinds of errors on damaged archives
        raise UnreadableFileError("file_corrupt", file) from exc
