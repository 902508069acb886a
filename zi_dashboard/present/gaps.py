"""Gap tables readable at a glance: one row per unit, its missed minimums in one cell, the
points it needs in all (the what-if's least increases), the closest to the goal first."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from zi_dashboard.analysis import whatif
from zi_dashboard.domain import rules
from zi_dashboard.i18n import format_number, t

__all__ = ["GAP_COLUMNS", "gap_cell", "gap_table", "plan_text"]

GAP_COLUMNS = ("unit_key", "unit_name", "eselon1", "zi_stage", "lke_score", "missed",
               "missed_count", "points_needed")


def _points(value: float, lang: str) -> str:
    return format_number(value, lang, 2, min_decimals=1)


def gap_cell(gaps: Iterable[rules.Gap], lang: str) -> str:
    """"Pengawasan kurang 1,2 · IPKP kurang 0,8": each missed minimum by its short name."""
    parts = []
    for gap in gaps:
        if gap.minimum is None:
            parts.append(t("gap.cell_title", lang))
            continue
        label = t(f"gap.short.{gap.key}", lang)
        parts.append(t("gap.cell_no_score", lang, label=label) if gap.actual is None
                     else t("gap.cell", lang, label=label, short=_points(gap.shortfall or 0, lang)))
    return " · ".join(parts)


def plan_text(plan: whatif.Plan, lang: str) -> str:
    """"Naikkan Pengawasan +1,2 dan IPKP +0,8 untuk memenuhi syarat WBK (+2,0 poin)."""
    target = plan.target.upper()
    increases = [f"{t(f'gap.short.{c}', lang)} +{_points(p, lang)}" for c, p in plan.increases]
    joined = (", ".join(increases[:-1]) + t("profil.and", lang) + increases[-1]
              if len(increases) > 1 else "".join(increases))
    if not plan.reachable:
        text = t("profil.plan_unreachable", lang, target=target, increases=joined)
    elif not plan.increases:
        text = "" if plan.needs_title else t("profil.plan_met", lang, target=target)
    else:
        text = t("profil.plan", lang, increases=joined, target=target,
                 total=_points(plan.total, lang))
    if plan.needs_title:
        text = " ".join(p for p in (text, t("profil.plan_title", lang, target=target)) if p)
    return text


def gap_table(units: pd.DataFrame, target: str = "wbk", lang: str = "id",
              rule_set_key: str | None = None) -> pd.DataFrame:
    """Every unit that misses a `target` minimum, one row each; sorted by the points needed
    (the least increases, whatif), fewest first; units whose scores are incomplete (the points
    unknown) last, by name."""
    if target not in ("wbk", "wbbm"):
        raise ValueError(f"target must be 'wbk' or 'wbbm', not {target!r}")
    keys, wbk, wbbm, complete = rules.unit_gaps(units, rule_set_key)
    rows = []
    for pos, row in enumerate(units.to_dict("records")):
        gaps = (wbk if target == "wbk" else wbbm)[pos]
        if not gaps:
            continue
        needed = np.nan
        if complete[pos]:
            plan = whatif.least_increases(row, {}, target, rules.rule_set(keys[pos]))
            needed = plan.total if plan.reachable else np.nan
        rows.append({"unit_key": row.get("unit_key"), "unit_name": row.get("unit_name"),
                     "eselon1": row.get("eselon1"), "zi_stage": row.get("zi_stage"),
                     "lke_score": row.get("lke_score"), "missed": gap_cell(gaps, lang),
                     "missed_count": len(gaps), "points_needed": needed})
    frame = pd.DataFrame(rows, columns=list(GAP_COLUMNS))
    frame["points_needed"] = pd.to_numeric(frame["points_needed"], errors="coerce")
    frame["lke_score"] = pd.to_numeric(frame["lke_score"], errors="coerce")
    frame["missed_count"] = frame["missed_count"].astype("int64")
    return frame.sort_values(["points_needed", "unit_name"], na_position="last",
                             kind="stable").reset_index(drop=True)
