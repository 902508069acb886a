"""Plain-data summaries of a version and of a diff, for the CLI's text and JSON output."""

from __future__ import annotations

import pandas as pd

from zi_dashboard import store
from zi_dashboard.analysis import metrics, years
from zi_dashboard.analysis.frames import Tables
from zi_dashboard.domain import rules

__all__ = ["diff_summary", "evaluation_years", "snapshot_status", "title_holders", "version_dict"]


def version_dict(version: store.Version) -> dict:
    """A version as JSON-ready data."""
    return {
        "id": version.id,
        "created_at": version.created_at.isoformat(timespec="seconds"),
        "uploader": version.uploader,
        "note": version.note,
        "files": list(version.files),
        "sha256": version.sha256,
        "counts": dict(version.counts),
        "current": version.is_current,
    }


def snapshot_status(snapshot: store.Snapshot) -> dict:
    """Current version and its headline counts: agents, units, attendance by mode, stages."""
    if snapshot.version is None:
        return {"version": None, "agents": 0, "units": 0, "attendance": {}, "stages": {},
                "evaluation_years": {}, "titles": []}
    head = metrics.headline(snapshot.tables)
    return {
        "version": version_dict(snapshot.version),
        "agents": head["agents"],
        "units": head["units"],
        "attendance": head["attendance"],
        "stages": head["stages"],
        "evaluation_years": evaluation_years(snapshot.tables),
        "titles": title_holders(snapshot.tables),
    }


def evaluation_years(tables: Tables) -> dict[str, int]:
    """Units per evaluation year, oldest first; units without one under "none"."""
    units = tables.get("units")
    if units is None or "evaluation_year" not in units.columns:
        return {}
    column = pd.Series(pd.array(units["evaluation_year"], dtype="Int64"))
    out = {str(int(y)): int(n) for y, n in column.value_counts().sort_index().items()}
    blank = int(column.isna().sum())
    return out | ({"none": blank} if blank else {})


def title_holders(tables: Tables) -> list[dict]:
    """Units holding WBK or WBBM: stage, award year (and whether from the history), rule set."""
    units = tables.get("units")
    if units is None or units.empty:
        return []
    awards = years.award_years(tables)
    evaluated = pd.array(units["evaluation_year"] if "evaluation_year" in units.columns
                         else [None] * len(units), dtype="Int64")
    keys = rules.rule_set_keys(pd.Series(evaluated))
    held = units["zi_stage"].isin(metrics.AWARDED_STAGES).to_numpy()
    return [{"unit": str(name), "stage": str(stage),
             "award_year": None if pd.isna(award) else int(award),
             "award_year_from_history": bool(derived),
             "evaluation_year": None if pd.isna(year) else int(year), "rule_set": str(key)}
            for name, stage, award, derived, year, key, keep in zip(
                units["unit_name"], units["zi_stage"], awards["award_year"],
                awards["award_year_derived"], evaluated, keys, held, strict=True) if keep]


def diff_summary(diff: store.Diff) -> dict:
    """Counts first, then the changed records, as JSON-ready data."""
    return {"counts": dict(diff.counts)}
