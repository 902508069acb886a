"""One unit whole, as plain data: stage, score under its rule set, areas, agents, plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from zi_dashboard.analysis import action_plans, metrics, whatif, years
from zi_dashboard.analysis.frames import Tables
from zi_dashboard.domain import attendance, rules, schema

__all__ = ["AreaScore", "UnitFacts", "unit_facts"]

_MODES = tuple(schema.ATTENDANCE_MODES.keys())


@dataclass(frozen=True)
class AreaScore:
    """One pengungkit area of a unit: score, weight and the minimum shares of the rule set."""

    area: str
    score: float | None
    weight: float
    wbk_share: float | None  # minimum as a fraction of the weight; None when the rules set none
    wbbm_share: float | None

    @property
    def pct(self) -> float | None:
        return None if self.score is None else self.score / self.weight * 100


@dataclass(frozen=True)
class UnitFacts:
    """Everything one fact sheet shows about a unit, as plain data."""

    unit_key: str
    unit_name: str
    eselon1: str
    unit_type: str
    city: str
    province: str
    zi_stage: str | None
    evaluation_year: int | None  # picks the rule set
    award_year: int | None       # since when zi_stage holds ("WBK sejak 2017")
    award_year_derived: bool     # True: blank in the units table, taken from the ZI history
    lke_score: float | None
    rule_set: rules.RuleSet
    check: rules.UnitCheck
    areas: tuple[AreaScore, ...]
    agents: tuple[tuple[str, str, str, str | None], ...]  # (name, position, rank, mode)
    agents_needed: int | None
    event: str | None
    plans: int
    plans_done: int
    plans_overdue: int
    mean_progress: float | None
    wbk_plan: whatif.Plan | None = None  # the least increases to each (None: scores incomplete)
    wbbm_plan: whatif.Plan | None = None

    def minimum(self, target: str, key: str = "lke_score") -> float | None:
        """The rule set's WBK or WBBM minimum for `key` (the total by default), if it has one."""
        return self.rule_set.minimum(target, key)

    def attendance(self) -> dict[str | None, int]:
        """Agents per attendance mode at the event (None: no record), every mode present."""
        counts: dict[str | None, int] = {m: 0 for m in (*_MODES, None)}
        for *_, mode in self.agents:
            counts[mode if mode in _MODES else None] += 1
        return counts


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _year(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _areas(row: Mapping, rule_set: rules.RuleSet) -> tuple[AreaScore, ...]:
    out = []
    for area, weight in rule_set.area_weights.items():
        wbk, wbbm = rule_set.minimum("wbk", area), rule_set.minimum("wbbm", area)
        out.append(AreaScore(area, _number(row.get(area)), weight,
                             None if wbk is None else wbk / weight,
                             None if wbbm is None else wbbm / weight))
    return tuple(out)


def _latest_modes(tables: Tables) -> tuple[str | None, dict[str, str]]:
    """The latest event and each agent's best mode there (domain.attendance)."""
    event = metrics.latest_event(tables)
    if event is None:
        return None, {}
    att = tables["attendance"]
    best = attendance.best_modes(att[att["event"] == event], "nip")
    return event, dict(zip(best["nip"], best["mode"], strict=True))


def unit_facts(tables: Tables, *, today: dt.date) -> list[UnitFacts]:
    """One UnitFacts per unit, in the units table's order; plans overdue as of `today`."""
    units = tables["units"]
    event, modes = _latest_modes(tables)
    agents = metrics.active_agents(tables).sort_values("name", kind="stable")
    by_unit: dict[str, list] = {}
    for key, nip, *texts in zip(*(agents[c] for c in ("unit_key", "nip", "name", "position",
                                                       "rank")), strict=True):
        by_unit.setdefault(key, []).append((*map(_text, texts), modes.get(nip)))
    progress = action_plans.plan_progress(tables, "unit_key").set_index("unit_key")
    overdue = action_plans.overdue_plans(tables, today).groupby("unit_key").size()
    facts = []
    # One vectorised lookup for all units: rule_set_for_year per row would build a Series each.
    evaluated = (units["evaluation_year"] if "evaluation_year" in units.columns
                 else [None] * len(units))
    rule_sets = [rules.rule_set(key) for key in rules.rule_set_keys(evaluated)]
    awards = years.award_years(tables)
    for row, rule_set, award, derived in zip(
            units.to_dict("records"), rule_sets, awards["award_year"], awards["award_year_derived"],
            strict=True):
        key = row["unit_key"]
        plans = progress.loc[key] if key in progress.index else None
        check = rules.check_unit(row, rule_set)
        targets = {target: (whatif.least_increases(row, {}, target, rule_set)
                            if check.complete else None) for target in ("wbk", "wbbm")}
        facts.append(UnitFacts(
            unit_key=key, unit_name=_text(row["unit_name"]), eselon1=_text(row["eselon1"]),
            unit_type=_text(row.get("unit_type")), city=_text(row.get("city")),
            province=_text(row.get("province")), zi_stage=_text(row.get("zi_stage")) or None,
            evaluation_year=_year(row.get("evaluation_year")),
            award_year=_year(award), award_year_derived=bool(derived),
            lke_score=_number(row.get("lke_score")), rule_set=rule_set,
            check=check, areas=_areas(row, rule_set),
            agents=tuple(by_unit.get(key, ())),
            agents_needed=None if pd.isna(row.get("agents_needed")) else int(row["agents_needed"]),
            event=event, plans=0 if plans is None else int(plans["plans"]),
            plans_done=0 if plans is None else int(plans["done"]),
            plans_overdue=int(overdue.get(key, 0)),
            mean_progress=None if plans is None else _number(plans["mean_progress"]),
            wbk_plan=targets["wbk"], wbbm_plan=targets["wbbm"]))
    return facts
