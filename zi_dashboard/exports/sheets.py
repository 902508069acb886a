"""Tables to XLSX and CSV that no spreadsheet can turn into formulas; the safety rules, once.

Every workbook the app writes (dashboard downloads, the validation report, the template, the
data inside native PowerPoint charts) and every CSV takes its text through here:
- `clean_text`: no characters XML forbids, at most Excel's 32,767 per cell;
- `looks_like_formula`: text starting with = + - @ (or tab/CR), after any leading spaces or
  line breaks, is written as text, never as a formula (openpyxl: quotePrefix; CSV: a leading ';
  XlsxWriter: XLSXWRITER_OPTIONS);
- `header_style`: the one look of a table heading.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from zi_dashboard.charts import palette
from zi_dashboard.i18n import t

__all__ = ["HEADER_FILL", "MAX_CELL_CHARS", "XLSXWRITER_OPTIONS", "clean_text", "header_style",
           "looks_like_formula", "neutralize", "sheet_title", "text_cell", "to_csv", "to_xlsx"]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Blanks some spreadsheets trim on import before they look for a formula (" =1+1").
_LEADING_BLANKS = " \n\x0b\x0c\xa0\u3000"
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
INT_FORMAT = "#,##0"
FLOAT_FORMAT = "#,##0.00"
SHARE_FORMAT = "0.0%"
POINTS_FORMAT = "0.0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
HEADER_FILL = palette.HEADER_FILL.lstrip("#")  # openpyxl wants RRGGBB
MAX_CELL_CHARS = 32767
# For XlsxWriter (python-pptx writes a native chart's data with it): text stays text.
XLSXWRITER_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                      "strings_to_numbers": False}


def clean_text(value: str) -> str:
    """Text without the control characters XML forbids, cut to Excel's cell limit."""
    return _ILLEGAL_XML.sub("", value)[:MAX_CELL_CHARS]


def looks_like_formula(text: str) -> bool:
    """True for text a spreadsheet would evaluate: it starts with = + - @ (or tab/CR), also
    after leading blanks."""
    return text.lstrip(_LEADING_BLANKS).startswith(_FORMULA_START)


def header_style() -> dict[str, Any]:
    """openpyxl styles of a table heading: bold, filled, a rule under it."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    return dict(font=Font(bold=True), fill=PatternFill("solid", fgColor=HEADER_FILL),
                border=Border(bottom=Side(style="thin", color=palette.RULE_COLOR.lstrip("#"))),
                alignment=Alignment(vertical="center"))


def neutralize(value: Any) -> Any:
    """A text starting with = + - @ (or tab/CR) prefixed with ' so no spreadsheet runs it."""
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def _column_format(name: str, series: pd.Series) -> str | None:
    """Excel number format of a column, from its dtype and (for shares and %) its name."""
    lowered = name.lower()
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_datetime64_any_dtype(series):
        clean = series.dropna()
        has_time = bool(len(clean)) and bool((clean.dt.normalize() != clean).any())
        return DATETIME_FORMAT if has_time else DATE_FORMAT
    if pd.api.types.is_integer_dtype(series):
        return INT_FORMAT
    if pd.api.types.is_float_dtype(series):
        if lowered == "share" or lowered.endswith("_share"):
            return SHARE_FORMAT  # fractions 0–1
        if lowered.endswith("_pct"):
            return POINTS_FORMAT  # already percentage points 0–100 (e.g. progress_pct)
        return FLOAT_FORMAT
    return None


def _cell_value(value: Any) -> Any:
    """A pandas/numpy value as something openpyxl writes (None for missing)."""
    if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
        value = value.item()  # numpy scalar
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value)
                         and pd.isna(value)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value if isinstance(value, (str, bool, int, float, dt.date, dt.time)) else str(value)


def sheet_title(name: object, used: set[str]) -> str:
    """A valid, unique (case-insensitive) Excel sheet title for `name`; records it in `used`."""
    base = _SHEET_BAD.sub("_", str(name)).strip("'").strip() or "Sheet"
    title, n = base[:31], 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def _text_width(value: Any, number_format: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return 16 if number_format == DATETIME_FORMAT else 10
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return len(f"{value:,.2f}") if number_format != INT_FORMAT else len(f"{value:,.0f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def text_cell(ws: Any, value: str, header: Mapping[str, Any] | None = None) -> Any:
    """A text cell of a write-only sheet; one that looks like a formula stays text."""
    from openpyxl.cell import WriteOnlyCell

    text = clean_text(value)
    guarded = looks_like_formula(text)
    if not (guarded or header):
        return text
    # quotePrefix is Excel's own leading apostrophe: the text shows unchanged ("+62 812…"
    # phone numbers keep their look), is never evaluated, and stays text when edited.
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type, cell.quotePrefix = "s", guarded
    for name, style in (header or {}).items():
        setattr(cell, name, style)
    return cell


def _write_sheet(wb: Any, title: str, frame: pd.DataFrame, formats: Mapping[str, str]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    names = [str(c) for c in frame.columns]
    number_formats = [formats.get(n) or _column_format(n, frame.iloc[:, i])
                      for i, n in enumerate(names)]
    columns = [[_cell_value(v) for v in frame.iloc[:, i].astype(object).tolist()]
               for i in range(len(names))]
    # Widths from the header and the first rows: enough to read, cheap on 100,000 rows.
    for i, name in enumerate(names):
        width = max([len(name) + 2, *(_text_width(v, number_formats[i])
                                      for v in columns[i][:2000])])
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    header = header_style()
    ws.append([text_cell(ws, name, header) for name in names])
    for values in zip(*columns, strict=True) if columns else ():
        row = []
        for value, number_format in zip(values, number_formats, strict=True):
            if isinstance(value, str):
                value = text_cell(ws, value)
            elif number_format is not None and value is not None:
                value = WriteOnlyCell(ws, value=value)
                value.number_format = number_format
            row.append(value)
        ws.append(row)
    if names:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(len(frame), 1) + 1}"


def to_xlsx(frames: Mapping[str, pd.DataFrame], *, lang: str = "id", title: str | None = None,
            formats: Mapping[str, str] | None = None) -> bytes:
    """One formatted sheet per frame: bold filled header, frozen, filtered, fitted, formatted.

    Number formats follow the dtype (ints, floats, dates) and the name ("share" columns are
    fractions shown as %); `formats` ({column: Excel format}) overrides them.
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    if title:
        wb.properties.title = title
    used: set[str] = set()
    for name, frame in frames.items():
        _write_sheet(wb, sheet_title(name, used), frame, formats or {})
    if not frames:
        message = t("chart.no_data", lang)
        _write_sheet(wb, sheet_title("Data", used), pd.DataFrame({message: []}, dtype=object),
                     {})
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (Excel then reads the accents right), formula-like text guarded."""
    safe = frame.copy()
    safe.columns = [neutralize(str(c)) for c in frame.columns]
    for column in safe.columns:
        series = safe[column]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series)):
            safe[column] = series.astype(object).map(neutralize)
    return safe.to_csv(index=False).encode("utf-8-sig")
