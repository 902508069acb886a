"""The downloadable validation report: 'Laporan' plus each uploaded sheet with problem cells marked.

Sheets are read as validation reads them (calamine, rows from A1; CSV through the reader's own
`read_csv_rows`), so an issue's Excel row is the copy's row.
The column is found by the header as written in the sheet's header row.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from zi_dashboard import config
from zi_dashboard.charts import palette
from zi_dashboard.domain.errors import UnreadableFileError
from zi_dashboard.exports.sheets import HEADER_FILL, clean_text, looks_like_formula, sheet_title
from zi_dashboard.i18n import t
from zi_dashboard.ingest import workbook
from zi_dashboard.ingest.report import REPORT_COLUMNS, Issue, Report
from zi_dashboard.ingest.sources import SourceFile

__all__ = ["ERROR_FILL", "INFO_FILL", "WARNING_FILL", "locate_column", "report_workbook"]

ERROR_FILL = palette.ERROR_FILL.lstrip("#")  # openpyxl wants RRGGBB
WARNING_FILL = palette.WARNING_FILL.lstrip("#")
INFO_FILL = palette.INFO_FILL.lstrip("#")
_FILLS = {"error": ERROR_FILL, "warning": WARNING_FILL}
_ORDER = {"error": 0, "warning": 1}


def _fill_of(issues: Sequence[Issue]) -> str:
    """The fill of the most serious issue: error, then warning, else a note."""
    worst = min((i.severity for i in issues), key=lambda s: _ORDER.get(s, 2))
    return _FILLS.get(worst, INFO_FILL)
_COMMENT_MAX = 2000


@dataclass
class _Copy:
    """One uploaded sheet to copy: its grid, its title in the report, its marked cells."""

    title: str
    rows: list[list]
    header_row: int
    header_last: int   # the last header row: a two-row header ends one row lower
    marks: dict[tuple[int, int], list[Issue]] = field(default_factory=dict)


def _cell(ws, value: object, **style) -> object:
    """A cell for a write-only sheet; text that looks like a formula stays text."""
    if isinstance(value, str):
        value = clean_text(value)
    if value == "":
        value = None
    guarded = isinstance(value, str) and looks_like_formula(value)
    if not (guarded or style or isinstance(value, (dt.date, dt.time))):
        return value
    cell = WriteOnlyCell(ws, value=value)
    if guarded:
        cell.data_type, cell.quotePrefix = "s", True
    if isinstance(value, dt.datetime):
        cell.number_format = "dd/mm/yyyy hh:mm" if value.time() != dt.time() else "dd/mm/yyyy"
    elif isinstance(value, dt.date):
        cell.number_format = "dd/mm/yyyy"
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def _grids(source: SourceFile, sheets: Sequence[dict]) -> dict[str, list[list]]:
    """The grids of the sheets validation read from one file, read the way validation reads
    them (in the limited worker process: a stray far cell must not take the server down
    here either); {} when the file cannot be read."""
    settings = config.load_settings()
    try:
        grids = workbook.read_grids(source, max_bytes=settings.max_upload_bytes,
                                    max_uncompressed_bytes=settings.max_uncompressed_bytes)
    except UnreadableFileError:  # already an issue in the report; nothing to copy
        return {}
    wanted = {s["sheet"] for s in sheets}
    return {g.sheet: g.rows for g in grids if g.sheet in wanted}


def locate_column(rows: Sequence[Sequence], header_row: int, header: str | None,
                  header_last: int | None = None) -> int | None:
    """1-based column of `header` (as written, spaces ignored) in the 1-based header rows
    `header_row`…`header_last`; a sub-label under a group is found in the lower row first."""
    if header is None or not 0 < header_row <= len(rows):
        return None
    wanted = " ".join(str(header).split()).casefold()
    last = min(max(header_last or header_row, header_row), len(rows))
    for r in range(last, header_row - 1, -1):
        for j, cell in enumerate(rows[r - 1]):
            if cell not in (None, "") and " ".join(str(cell).split()).casefold() == wanted:
                return j + 1
    return None


def _copies(files: Sequence[SourceFile], report: Report, lang: str
            ) -> tuple[list[_Copy], dict[int, str]]:
    """The sheets to copy with their marks, and the cell reference of each located issue."""
    used = {t("unggah.report_sheet", lang).casefold()}
    copies, where = [], {}
    for source in files:
        sheets = [s for s in report.sheets if s["file"] == source.name]
        issues = [(n, i) for n, i in enumerate(report.issues) if i.file == source.name]
        grids = _grids(source, sheets) if sheets else {}
        for info in sheets:
            rows = grids.get(info["sheet"])
            if rows is None:
                continue
            top = int(info.get("header_row") or 0)
            copy = _Copy(sheet_title(info["sheet"], used), rows, top,
                         int(info.get("header_last") or top))
            for n, issue in issues:
                if issue.sheet != info["sheet"] or issue.row is None or issue.row > len(rows):
                    continue
                column = locate_column(rows, copy.header_row, issue.column,
                                       copy.header_last) or 1
                copy.marks.setdefault((issue.row, column), []).append(issue)
                quoted = copy.title.replace("'", "''")
                where[n] = f"'{quoted}'!{get_column_letter(column)}{issue.row}"
            copies.append(copy)
    return copies, where


def _comment(issues: list[Issue], lang: str) -> Comment:
    text = "\n".join(f"{t(f'unggah.severity.{i.severity}', lang)}: {i.message(lang)}"
                     for i in issues)[:_COMMENT_MAX]
    comment = Comment(clean_text(text), t("unggah.report_author", lang))
    comment.width, comment.height = 320, min(60 + 40 * len(issues), 400)
    return comment


def _write_copy(wb: Workbook, copy: _Copy, lang: str) -> None:
    ws = wb.create_sheet(copy.title)
    header = copy.rows[copy.header_row - 1] if 0 < copy.header_row <= len(copy.rows) else []
    for j, cell in enumerate(header):
        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(len(str(cell)) + 4, 10), 45)
    if copy.header_row:
        ws.freeze_panes = f"A{copy.header_last + 1}"
    by_row: dict[int, dict[int, list[Issue]]] = {}
    for (r, c), issues in copy.marks.items():
        by_row.setdefault(r, {})[c] = issues
    for r, values in enumerate(copy.rows, start=1):
        marks = by_row.get(r)
        if not marks:
            ws.append([_cell(ws, v) for v in values])
            continue
        cells = list(values) + [None] * (max(marks) - len(values))
        out = []
        for c, value in enumerate(cells, start=1):
            issues = marks.get(c)
            if issues is None:
                out.append(_cell(ws, value))
                continue
            out.append(_cell(ws, value, fill=PatternFill("solid", fgColor=_fill_of(issues)),
                             comment=_comment(issues, lang)))
        ws.append(out)


def _write_report(wb: Workbook, report: Report, where: Mapping[int, str], lang: str) -> None:
    ws = wb.create_sheet(t("unggah.report_sheet", lang))
    columns = [*REPORT_COLUMNS[:5], "cell", *REPORT_COLUMNS[5:]]
    for j, name in enumerate(columns, start=1):
        width = {"message": 80, "file": 24, "value": 24, "cell": 18}.get(name, 12)
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
    ws.append([_cell(ws, t(f"unggah.col.{c}", lang), font=bold, fill=fill) for c in columns])
    order = sorted(range(len(report.issues)),
                   key=lambda n: _ORDER.get(report.issues[n].severity, 2))
    for n in order:
        record = report.issues[n].record(lang)
        record["severity"] = t(f"unggah.severity.{record['severity']}", lang)
        record["cell"] = where.get(n)
        colour = _fill_of([report.issues[n]])
        ws.append([_cell(ws, record[c], fill=PatternFill("solid", fgColor=colour))
                   if c == "severity" else _cell(ws, record[c]) for c in columns])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(order), 1) + 1}"


def report_workbook(files: Sequence[SourceFile], report: Report, lang: str = "id") -> bytes:
    """The 'Laporan' sheet of every issue, then a copy of each uploaded sheet with marked cells."""
    copies, where = _copies(files, report, lang)
    wb = Workbook(write_only=True)
    wb.properties.title = t("unggah.report_title", lang)
    _write_report(wb, report, where, lang)
    for copy in copies:
        _write_copy(wb, copy, lang)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
