"""What changed between two versions' tables, for the weekly digest: units that newly meet or
newly miss a WBK/WBBM minimum, stage moves, agents added or removed per Eselon I, action plans
newly overdue. Pure: tables (already cut to a principal's scope) in, DataFrames out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from zi_dashboard.analysis.action_plans import overdue_plans
from zi_dashboard.analysis.frames import Tables, table_of, with_units
from zi_dashboard.domain import rules
from zi_dashboard.store.diff import diff_tables

__all__ = ["Changes", "PLAN_KEY", "detect_changes"]

# A plan has no key of its own: the same unit, agent and title is the same plan.
PLAN_KEY = ("unit_key", "nip", "title")
_ELIGIBILITY = ["unit_key", "unit_name", "eselon1", "target", "change", "rule_set",
                "old_rule_set", "gaps"]
_STAGES = ["unit_key", "unit_name", "eselon1", "old", "new"]
_AGENTS = ["nip", "name", "unit_key", "unit_name", "eselon1"]
_PER_ESELON1 = ["eselon1", "added", "removed"]
_OVERDUE = ["unit_key", "unit_name", "eselon1", "nip", "title", "due_date", "days_overdue"]


@dataclass(frozen=True)
class Changes:
    """The digest's four kinds of change; each frame empty when nothing of its kind changed.

    eligibility: one row per unit and target ("wbk"/"wbbm") whose verdict turned, `change` "met"
    or "missed", `rule_set` the new version's (by evaluation year), `gaps` the new unmet minimums.
    stages: units on both sides whose zi_stage changed (old, new). agents_added/removed: the
    agents (by NIP) with their unit and Eselon I; per_eselon1 counts both. overdue: open plans
    overdue at the new point that were not overdue (or not there) at the old one.
    """

    eligibility: pd.DataFrame
    stages: pd.DataFrame
    agents_added: pd.DataFrame
    agents_removed: pd.DataFrame
    per_eselon1: pd.DataFrame
    overdue: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        return all(frame.empty for frame in (self.eligibility, self.stages, self.agents_added,
                                             self.agents_removed, self.overdue))


def _eligibility(old: pd.DataFrame, new: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Verdicts of the one rule engine, each unit under its own evaluation year's rule set, on
    both sides. A unit new in `new` counts as not meeting before; a removed unit is no change
    of verdict (it is gone, not failing)."""
    before = rules.check_units(old, lang=lang).drop_duplicates("unit_key").set_index("unit_key")
    after = rules.check_units(new, lang=lang).drop_duplicates("unit_key")
    rows = []
    for target in ("wbk", "wbbm"):
        held = set(before.index[before[f"{target}_eligible"].to_numpy(dtype=bool)])
        was = after["unit_key"].isin(held)
        now = after[f"{target}_eligible"].astype(bool)
        for change, mask in (("met", now & ~was), ("missed", was & ~now)):
            picked = after[mask.to_numpy()]
            rows.append(pd.DataFrame({
                "unit_key": picked["unit_key"], "unit_name": picked["unit_name"],
                "eselon1": picked["eselon1"], "target": target, "change": change,
                "rule_set": picked["rule_set"],
                "old_rule_set": picked["unit_key"].map(before["rule_set"]),
                "gaps": picked[f"{target}_gaps"] if change == "missed" else ""}))
    out = pd.concat(rows, ignore_index=True)[_ELIGIBILITY].astype(object)
    # WBK before WBBM, met before missed (the order built above), then by name.
    return out.sort_values("unit_name", kind="stable").sort_values(
        ["target", "change"], key=lambda c: c.map({"wbk": 0, "wbbm": 1, "met": 0, "missed": 1}),
        kind="stable", ignore_index=True)


def _stages(diff, new: Tables) -> pd.DataFrame:
    moved = diff.units_stage_changed.rename(columns={"unit_name": "_name"})
    out = with_units(moved, new)
    out["unit_name"] = out["unit_name"].fillna(out["_name"])
    return out[_STAGES].sort_values("unit_name", kind="stable", ignore_index=True)


def _agents(frame: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    out = with_units(frame[["nip", "name", "unit_key", "eselon1"]], tables)
    if "unit_name" not in out:
        out["unit_name"] = None
    out["unit_name"] = out["unit_name"].fillna(frame["unit"].reset_index(drop=True))
    return out[_AGENTS].sort_values(["eselon1", "unit_name", "name"], kind="stable",
                                    ignore_index=True, na_position="last")


def _per_eselon1(added: pd.DataFrame, removed: pd.DataFrame) -> pd.DataFrame:
    counts = pd.DataFrame({
        "added": added["eselon1"].fillna("–").value_counts(),
        "removed": removed["eselon1"].fillna("–").value_counts()}).fillna(0).astype("int64")
    counts.index.name = "eselon1"
    return counts.reset_index().sort_values("eselon1", ignore_index=True)[_PER_ESELON1]


def _keys(plans: pd.DataFrame) -> pd.Series:
    return pd.Series(list(zip(*(plans[c].astype(object).where(plans[c].notna(), None)
                               for c in PLAN_KEY))), index=plans.index, dtype=object)


def _overdue(old: Tables, new: Tables, old_day: dt.date, new_day: dt.date) -> pd.DataFrame:
    late_now = overdue_plans(new, new_day)
    late_before = set(_keys(overdue_plans(old, old_day))) if len(table_of(old, "action_plans")) \
        else set()
    fresh = late_now[~_keys(late_now).isin(late_before)] if len(late_now) else late_now
    return fresh.reindex(columns=_OVERDUE).reset_index(drop=True)


def detect_changes(old: Tables, new: Tables, *, old_day: dt.date, new_day: dt.date,
                   lang: str = "id") -> Changes:
    """What changed from `old` to `new` (the same principal's view of both); plans are judged
    overdue as of `old_day` on the old side and `new_day` on the new one."""
    diff = diff_tables(old, new)
    added = _agents(diff.agents_added, new)
    removed = _agents(diff.agents_removed, old)
    return Changes(
        eligibility=_eligibility(table_of(old, "units"), table_of(new, "units"), lang),
        stages=_stages(diff, new),
        agents_added=added,
        agents_removed=removed,
        per_eselon1=_per_eselon1(added, removed),
        overdue=_overdue(old, new, old_day, new_day),
    )
