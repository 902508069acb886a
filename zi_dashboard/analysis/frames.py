"""Helpers the aggregations share: a table or its empty stand-in, unit names, shares, grids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from zi_dashboard.domain import schema

__all__ = ["Tables", "UNIT_INFO", "count_grid", "positions", "share", "table_of", "unit_info", "with_units"]

# The clean tables of one version (or a filtered view of them), by dataset name.
Tables = Mapping[str, pd.DataFrame]
UNIT_INFO = ("unit_key", "unit_name", "eselon1")


def table_of(tables: Tables, name: str) -> pd.DataFrame:
    """The clean table `name`, or an empty one with its columns."""
    frame = tables.get(name)
    if frame is None:
        return pd.DataFrame(columns=[c for c, _ in schema.clean_columns(name)])
    return frame


def unit_info(tables: Tables) -> pd.DataFrame:
    """unit_key, unit_name and eselon1 of every unit, once each."""
    return table_of(tables, "units")[list(UNIT_INFO)].drop_duplicates("unit_key")


def with_units(frame: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Attach unit_name and eselon1 of the unit; the unit's Eselon I wins over a typed one."""
    info = unit_info(tables).rename(columns={"eselon1": "_unit_eselon1"})
    merged = frame.merge(info, on="unit_key", how="left")
    if "eselon1" in merged:
        merged["eselon1"] = merged["_unit_eselon1"].fillna(merged["eselon1"])
        return merged.drop(columns="_unit_eselon1")
    return merged.rename(columns={"_unit_eselon1": "eselon1"})


def share(part: pd.Series, whole: pd.Series | float) -> pd.Series:
    """part / whole as float64."""
    return (part / whole).astype("float64")


def positions(keys: Sequence) -> dict:
    """key → its position in `keys`, for sorting by a declared order."""
    return {k: i for i, k in enumerate(keys)}


def count_grid(frame: pd.DataFrame, by: str, column: str, keys: Sequence, value: str) -> pd.DataFrame:
    """Counts per (by, column) in long form, every key of `column` present (zeros included)."""
    grid = pd.crosstab(frame[by], frame[column]).reindex(columns=list(keys), fill_value=0)
    grid.columns.name = column
    out = grid.reset_index().melt(id_vars=by, var_name=column, value_name=value)
    out = out.assign(_k=out[column].map(positions(keys))).sort_values([by, "_k"])
    return out.drop(columns="_k").astype({value: "int64"}).reset_index(drop=True)
