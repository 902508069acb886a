"""Pure aggregations of the action plans (rencana tindak lanjut, RTL): status, progress, overdue."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from zi_dashboard.analysis.metrics import (
    Tables,
    agents_per_unit,
    count_grid,
    share,
    table_of,
    unit_info,
    with_units,
)
from zi_dashboard.domain import schema

__all__ = ["overdue_plans", "plan_progress", "plan_status_counts", "reform_ratios"]

_CLOSED_PLANS = ("selesai", "batal")


def _plans(tables: Tables) -> pd.DataFrame:
    plans = table_of(tables, "action_plans")
    return with_units(plans.drop(columns=["unit"], errors="ignore"), tables)


def plan_status_counts(tables: Tables, level: str | None = None) -> pd.DataFrame:
    """Plans per status (every status in order, None for a missing status), optionally per level."""
    plans = _plans(tables)
    keys = [*([level] if level else []), *(["unit_name"] if level == "unit_key" else []),
            "status", "plans"]
    if plans.empty:
        return pd.DataFrame(columns=keys)
    missing = "__missing__"  # stand-in so a missing status survives the crosstab
    statuses = list(schema.PLAN_STATUSES.keys()) + ([missing] if plans["status"].isna().any()
                                                      else [])
    status = plans["status"].astype(object).fillna(missing)
    plans = plans.assign(status=status, _all="")
    out = count_grid(plans.dropna(subset=[level or "_all"]), level or "_all", "status", statuses,
                "plans")
    out["status"] = out["status"].astype(object).where(out["status"] != missing, None)
    if level == "unit_key":
        out = out.merge(unit_info(tables)[["unit_key", "unit_name"]], on="unit_key", how="left")
    return out[keys]


def _progress(plans: pd.DataFrame) -> pd.Series:
    # A plan marked done without a percentage is done: count it as 100 %.
    progress = plans["progress_pct"].astype("float64")
    return progress.where(progress.notna() | (plans["status"] != "selesai"), 100.0)


def plan_progress(tables: Tables, level: str = "unit_key") -> pd.DataFrame:
    """Plans (cancelled excluded), done, done share and mean progress % per unit or Eselon I."""
    columns = [level, *(["unit_name", "eselon1"] if level == "unit_key" else []), "plans",
               "done", "done_share", "mean_progress"]
    plans = _plans(tables)
    plans = plans[(plans["status"] != "batal") | plans["status"].isna()].dropna(subset=[level])
    if plans.empty:
        return pd.DataFrame(columns=columns)
    plans = plans.assign(_done=plans["status"] == "selesai", _progress=_progress(plans))
    out = plans.groupby(level).agg(plans=("_done", "size"), done=("_done", "sum"),
                                   mean_progress=("_progress", "mean")).reset_index()
    out = out.astype({"plans": "int64", "done": "int64", "mean_progress": "float64"})
    out["done_share"] = share(out["done"], out["plans"])
    if level == "unit_key":
        out = out.merge(unit_info(tables), on="unit_key", how="left")
    out = out.sort_values(["mean_progress", level], ascending=[False, True], na_position="last")
    return out[columns].reset_index(drop=True)


def overdue_plans(tables: Tables, today: dt.date) -> pd.DataFrame:
    """Open plans (not done, not cancelled) whose due date is before `today`, most late first."""
    plans = _plans(tables)
    due = plans["due_date"]
    late = due.notna() & (due < pd.Timestamp(today)) & ~plans["status"].isin(_CLOSED_PLANS)
    out = plans[late].copy()
    out["days_overdue"] = (pd.Timestamp(today) - out["due_date"]).dt.days.astype("int64")
    return out.sort_values(["days_overdue", "title"], ascending=[False, True], ignore_index=True)


def reform_ratios(tables: Tables, year: int | None = None) -> pd.DataFrame:
    """Per unit: done plans per active agent ("one agent, one change") and integrated share.

    With `year`, only plans due in that year count (the data has no completion date).
    """
    plans = table_of(tables, "action_plans")
    done = plans[plans["status"] == "selesai"]
    if year is not None:
        done = done[done["due_date"].dt.year == year]
    done = done.assign(_integrated=done["integrated"] == "ya")
    per_unit = agents_per_unit(tables)[["unit_key", "unit_name", "eselon1", "agents"]]
    counts = done.groupby("unit_key").agg(plans_done=("status", "size"),
                                          integrated_done=("_integrated", "sum"))
    out = per_unit.merge(counts, left_on="unit_key", right_index=True, how="left")
    out = out.fillna({"plans_done": 0, "integrated_done": 0}).astype(
        {"plans_done": "int64", "integrated_done": "int64"})
    out["changes_per_agent"] = share(out["plans_done"], out["agents"].where(out["agents"] > 0))
    out["integrated_share"] = share(out["integrated_done"],
                                     out["plans_done"].where(out["plans_done"] > 0))
    out = out.sort_values(["changes_per_agent", "unit_name"], ascending=[False, True],
                          na_position="last", ignore_index=True)
    return out[["unit_key", "unit_name", "eselon1", "agents", "plans_done", "changes_per_agent",
                "integrated_done", "integrated_share"]]
