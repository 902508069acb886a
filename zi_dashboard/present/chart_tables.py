"""The *Lihat data* table under a chart: the chart's numbers under the UI's column labels, coded
values as their labels, and numbers written the reader's way (5,8% / 5.8%, 1.234 / 1,234).

The values stay numbers (a table sorts them as numbers); `formats` says how each column is shown,
for a pandas Styler. Columns already labelled (a page table passed as a chart's data) pass
through with their values formatted by type. Downloads keep the raw numbers."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from pandas.io.formats.style import Styler

from zi_dashboard.domain import schema
from zi_dashboard.i18n import format_date, format_number, format_pct, t, template
from zi_dashboard.i18n.format import MISSING
from zi_dashboard.present import dashboard

__all__ = ["VIEW_ROWS", "ViewTable", "view_table"]

# Rows the browser table shows at most (formatting 1,000 rows of a Styler costs ~150 ms on 2 cores,
# paid only while the table is open); the whole list is in the chart's XLSX/CSV download.
VIEW_ROWS = 1_000

# The page tables' coded columns; `status` is also a plan's, in the plan charts (the keys of
# the two enums differ, and a key an enum does not know stays as it is).
_ENUMS = {column: (enum,) for column, enum in dashboard.ENUM_COLUMNS.items()} | {
    "status": (schema.PLAN_STATUSES, schema.AGENT_STATUSES)}

Formatter = Callable[[object], str]


@dataclass(frozen=True)
class ViewTable:
    """`frame` (labelled columns, at most VIEW_ROWS rows), how each column is shown, and how
    many rows the data had."""

    frame: pd.DataFrame
    formats: dict[str, Formatter]
    rows: int

    @property
    def capped(self) -> bool:
        return self.rows > len(self.frame)

    def styler(self) -> Styler:
        """The frame with its formats, for st.dataframe: values stay numbers, missing is '–'."""
        return self.frame.style.format(self.formats, na_rep=MISSING)

    def text(self) -> pd.DataFrame:
        """Every cell as it is shown."""
        out = self.frame.astype(object).copy()
        for column in out.columns:
            shown = self.formats.get(column, str)
            out[column] = [MISSING if _missing(v) else shown(v) for v in out[column]]
        return out


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def _is_share(column: str) -> bool:
    return column == "share" or column.endswith("_share")


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_year(column: str) -> bool:
    return column == "year" or column.endswith("_year")


def _formatter(column: str, series: pd.Series, lang: str) -> Formatter | None:
    """How one column's values are written; None: as they are (text)."""
    if pd.api.types.is_bool_dtype(series):
        return lambda v: t("table.yes" if v else "table.no", lang)
    if pd.api.types.is_datetime64_any_dtype(series):
        return lambda v: format_date(v, lang)
    numeric = pd.api.types.is_numeric_dtype(series)
    if _is_year(column) and (numeric or series.map(_is_number).any()):
        return lambda v: str(int(v)) if _is_number(v) else str(v)
    if not numeric:
        return None
    if _is_share(column):
        return lambda v: format_pct(v, lang)
    if pd.api.types.is_integer_dtype(series):
        return lambda v: format_number(v, lang)
    return lambda v: format_number(v, lang, 2, min_decimals=0)


def view_table(data: pd.DataFrame, lang: str, rows: int = VIEW_ROWS) -> ViewTable:
    """`data` (a chart's numbers) ready to read: see the module docstring."""
    frame = data.head(rows).reset_index(drop=True)
    formats: dict[str, Formatter] = {}
    names: dict[str, str] = {}
    for column in frame.columns:
        name = str(column)
        for enum in _ENUMS.get(name, ()):
            frame[column] = enum.labels(frame[column], lang)
        label = t(f"col.{name}", lang) if template(f"col.{name}", lang) else name
        names[column] = label
        shown = _formatter(name, frame[column], lang)
        if shown is not None:
            formats[label] = shown
    return ViewTable(frame.rename(columns=names), formats, len(data))
