"""Clean tables as plain values and back: what the store writes and reads, and empty tables."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from zi_dashboard.domain import schema

__all__ = ["empty_table", "plain_values", "typed_frame"]


def plain_values(series: pd.Series, kind: str) -> list:
    """A clean column as plain Python values (int, float, date, bool, str), missing as None."""
    if kind in ("int", "year"):
        return pd.array(series, dtype="Int64").to_numpy(dtype=object, na_value=None).tolist()
    if kind == "float":
        values = pd.to_numeric(series).to_numpy(dtype="float64", na_value=np.nan).tolist()
        return [None if v != v else v for v in values]
    if kind == "date":
        stamps = pd.to_datetime(series)
        values = stamps.dt.date.to_numpy(dtype=object, copy=True)
        values[stamps.isna().to_numpy()] = None
        return values.tolist()
    values = series.to_numpy(dtype=object, na_value=None).tolist()
    if kind == "bool":
        return [None if v is None else bool(v) for v in values]
    if series.dtype == object:  # object columns may hold numbers typed into a text column
        return [v if v is None or isinstance(v, str) else str(v) for v in values]
    return values


def _typed_column(values: Sequence, kind: str) -> pd.Series:
    """Plain values back to the clean-table dtype of their kind ("date" keeps any time; "time"
    is a moment, aware datetimes as datetime64 in UTC)."""
    if kind in ("int", "year"):
        return pd.Series(pd.array(list(values), dtype="Int64"))
    if kind == "float":
        return pd.Series(np.array(values, dtype="float64"))
    if kind == "date":
        return pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ns]")
    if kind == "time":
        stamps = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
        return stamps.astype("datetime64[ns, UTC]")
    if kind == "bool":
        return pd.Series(np.array(values, dtype=bool))
    return pd.Series(pd.array(list(values), dtype="str"))


def typed_frame(rows: Sequence[Sequence], columns: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """Rows of plain values as a frame with the clean-table dtype of each (name, kind)."""
    data = list(zip(*rows)) if rows else [()] * len(columns)
    return pd.DataFrame({name: _typed_column(values, kind)
                         for (name, kind), values in zip(columns, data)})


def empty_table(dataset: str) -> pd.DataFrame:
    """A clean table with no rows: the contract's columns and dtypes."""
    return typed_frame([], schema.clean_columns(dataset))
