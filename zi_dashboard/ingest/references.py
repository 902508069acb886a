"""What an upload would lose without saying so: stored rows the new version inherits that point
at units the upload no longer lists, and stored values of columns an uploaded sheet leaves out."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from zi_dashboard.domain.schema import DATASETS
from zi_dashboard.ingest.cells import normalize_values
from zi_dashboard.ingest.report import Issue

__all__ = ["dropped_column_issues", "inherited_unit_issues"]

# Datasets whose rows point at a unit (by unit_key), in the order the report names them.
_UNIT_REFERRERS = ("agents", "zi_history", "action_plans")
# Units named per issue; a longer list is summarised by its count.
_EXAMPLES = 5


def _unit_names(units: pd.DataFrame | None) -> dict[str, str]:
    """unit_key → unit name as stored (the key itself when the name is missing)."""
    if units is None or units.empty:
        return {}
    known = units[units["unit_key"].notna()]
    return dict(zip(known["unit_key"], known["unit_name"].fillna(known["unit_key"]),
                    strict=True))


def inherited_unit_issues(uploaded: Mapping[str, pd.DataFrame],
                          current: Mapping[str, pd.DataFrame], origin: tuple[str, str | None]
                          ) -> list[Issue]:
    """One error per inherited dataset whose rows point at units the uploaded units sheet drops.

    `uploaded`: the key columns of every uploaded row, errors or not (a unit row with a bad cell
    is an error of its own, not a lost unit). Only a partial upload can break references this
    way: a dataset that is uploaded is checked against the uploaded units row by row already.
    `origin` is the (file, sheet) of the units sheet, where the issue is reported.
    """
    new_units = uploaded.get("units")
    if new_units is None:
        return []
    kept = set(new_units["unit_key"].dropna())
    # Units still listed under the same name but keyed anew (a code added or changed): their
    # inherited rows would point at the old key, which is its own error with its own remedy.
    names = set(normalize_values(new_units["unit_name"]).dropna()) if (
        "unit_name" in new_units) else set()
    stored = _unit_names(current.get("units"))
    stored_names = pd.Series(stored, dtype=object)
    issues = []
    for name in _UNIT_REFERRERS:
        table = current.get(name)
        if name in uploaded or table is None or table.empty:
            continue
        keys = table["unit_key"].dropna()
        lost = keys[~keys.isin(kept)]
        if lost.empty:
            continue
        renamed = normalize_values(lost.map(stored_names)).isin(names).to_numpy()
        for code, part in (("inherited_unit_missing", lost[~renamed]),
                           ("inherited_unit_rekeyed", lost[renamed])):
            if part.empty:
                continue
            counts = part.value_counts(sort=False).sort_values(ascending=False, kind="stable")
            units = [stored.get(key, key) for key in counts.index[:_EXAMPLES]]
            issues.append(Issue("error", code, origin[0], origin[1],
                                params={"dataset": name, "rows": int(len(part)),
                                        "units": units, "unit_count": int(len(counts))}))
    return issues


# Columns validation fills in itself when a sheet leaves them out: nothing is lost.
_FILLED = {"agents": {"gender"}, "attendance": {"name"}}


def dropped_column_issues(present: Mapping[str, tuple[set[str], str, str | None, int]],
                          current: Mapping[str, pd.DataFrame]) -> list[Issue]:
    """A warning per column a dataset's uploaded sheets leave out while the current version holds
    values in it: the new version replaces the dataset whole, so those values would be emptied
    (a roster without LKE columns would blank every stored score).

    `present`: dataset → (columns read from its sheets, file, sheet, header row)."""
    issues = []
    for name, (columns, file, sheet, row) in present.items():
        table = current.get(name)
        if table is None or table.empty:
            continue
        for column in DATASETS[name].columns:
            if column.name in columns or column.name in _FILLED.get(name, ()) or (
                    column.name not in table):
                continue
            held = int(table[column.name].notna().sum())
            if held:
                issues.append(Issue("warning", "column_dropped", file, sheet, row,
                                    params={"dataset": name, "field": column.name,
                                            "count": held}))
    return issues
