"""What it would take: a unit's LKE scores changed by hand, checked by the one rule engine, and
the least increases that make it meet WBK or WBBM.

A what-if works on the scores a rule set weighs: its six pengungkit areas and its hasil
components. The total follows them: today's total plus every change (so an unchanged what-if is
exactly today's verdict, `check --json` included); a unit without a total gets their sum.

The least increases: every minimum is a sum of components (an area, IPAK; bersih = IPAK + capaian
or TLHP; pengungkit = the six areas; the total = all), and these sums nest (each pair is either
disjoint or one holds the other). Meeting them from the smallest sum up, each short sum raised
by exactly its shortfall, gives the least total increase there is: an increase inside a sum also
counts for every sum holding it, and no sum can be met with less than its own shortfall. Within
a sum, the points go first to a component already raised, then to the one with the most room
under its weight, so few components change. Increases are rounded up to hundredths (scores are
typed with two decimals).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from zi_dashboard.domain import rules
from zi_dashboard.domain.rule_sets import EPSILON, RuleSet

__all__ = ["Plan", "WhatIf", "apply", "components", "least_increases", "start_values", "what_if"]


def components(rule_set: RuleSet) -> tuple[str, ...]:
    """The scores a what-if changes under `rule_set`: its areas, then its hasil components."""
    return (*rule_set.area_weights, *rule_set.hasil_max)


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def start_values(row: Mapping, rule_set: RuleSet) -> dict[str, float | None]:
    """Today's score of each component (None: the unit has none)."""
    return {c: _number(row.get(c)) for c in components(rule_set)}


@dataclass(frozen=True)
class Plan:
    """The least increases that meet a target: component → points to add, in the order given.
    `reachable` False: even every component at its weight does not meet it (`increases` then
    holds what was possible). `needs_title`: WBBM also needs a WBK title, which no score gives."""

    target: str
    increases: tuple[tuple[str, float], ...]
    reachable: bool
    needs_title: bool = False

    @property
    def total(self) -> float:
        return round(sum(points for _, points in self.increases), 2)

    @property
    def met_already(self) -> bool:
        return self.reachable and not self.increases and not self.needs_title


@dataclass(frozen=True)
class WhatIf:
    """A unit with its component scores set to `values`, checked under `rule_set`."""

    values: dict[str, float | None]
    total: float | None
    pengungkit: float | None
    check: rules.UnitCheck

    def gaps(self, target: str) -> tuple[rules.Gap, ...]:
        return self.check.wbk_gaps if target == "wbk" else self.check.wbbm_gaps


def _total(row: Mapping, start: Mapping[str, float | None],
           values: Mapping[str, float | None]) -> float | None:
    """Today's total plus every change; no total today: the sum of the values (None if none)."""
    today = _number(row.get("lke_score"))
    if today is None:
        known = [v for v in values.values() if v is not None]
        return round(sum(known), 6) if known else None
    change = sum((values[c] or 0.0) - (start[c] or 0.0) for c in values)
    return round(today + change, 6)


def what_if(row: Mapping, values: Mapping[str, float | None],
            rule_set: RuleSet | None = None) -> WhatIf:
    """`row` (a units clean-table row) with the components in `values` replaced, checked by
    rules.check_unit; components not in `values` keep today's score."""
    rule_set = rule_set or rules.rule_set_for_year(row.get("evaluation_year"))
    start = start_values(row, rule_set)
    merged = {c: (_number(values[c]) if c in values else start[c]) for c in start}
    changed = {**dict(row), **merged, "lke_score": _total(row, start, merged)}
    areas = [merged[a] for a in rule_set.area_weights]
    pengungkit = None if any(a is None for a in areas) else round(sum(areas), 6)
    return WhatIf(merged, changed["lke_score"], pengungkit, rules.check_unit(changed, rule_set))


def _ceil_hundredth(points: float) -> float:
    return math.ceil(round(points * 100, 6)) / 100


def least_increases(row: Mapping, values: Mapping[str, float | None], target: str,
                    rule_set: RuleSet | None = None) -> Plan:
    """The least increases of the components (from `values`, else today's scores) that make the
    unit meet `target` ("wbk" or "wbbm") under its rule set; a missing score counts as 0."""
    rule_set = rule_set or rules.rule_set_for_year(row.get("evaluation_year"))
    start = start_values(row, rule_set)
    current = {c: (_number(values[c]) if c in values else start[c]) or 0.0 for c in start}
    offset = (_total(row, start, current) or 0.0) - sum(current.values())
    bounds = rule_set.bounds
    raised: dict[str, float] = {}
    reachable = True
    # Smallest sums first: every sum nested in a larger one is met before it.
    minima = sorted(rule_set.minima(target), key=lambda m: len(_columns(m, current)))
    for minimum in minima:
        columns = _columns(minimum, current)
        needed = minimum.value - (offset if minimum.key == "lke_score" else 0.0)
        short = needed - sum(current[c] for c in columns)
        if short <= EPSILON:
            continue
        order = sorted(columns, key=lambda c: (c not in raised, -(bounds[c] - current[c])))
        for column in order:
            room = bounds[column] - current[column]
            if room <= EPSILON:
                continue
            add = min(_ceil_hundredth(short), round(room, 6))
            current[column] = round(current[column] + add, 6)
            raised[column] = round(raised.get(column, 0.0) + add, 6)
            short -= add
            if short <= EPSILON:
                break
        reachable &= short <= EPSILON
    increases = tuple((c, round(raised[c], 2)) for c in start if c in raised)
    needs_title = target == "wbbm" and row.get("zi_stage") not in rules.HOLDS_WBK
    return Plan(target, increases, reachable, needs_title)


def apply(values: Mapping[str, float | None], plan: Plan) -> dict[str, float | None]:
    """`values` with the plan's increases added (a missing score counts as 0)."""
    out = dict(values)
    for column, points in plan.increases:
        out[column] = round((out.get(column) or 0.0) + points, 6)
    return out


def _columns(minimum: rules.Minimum, current: Mapping[str, float]) -> tuple[str, ...]:
    """The components a minimum sums: the total sums them all."""
    if minimum.key == "lke_score":
        return tuple(current)
    return tuple(c for c in minimum.columns if c in current)

