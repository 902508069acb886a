"""Units against the ZI rule sets (declared in rule_sets): eligibility, gaps, area shares."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zi_dashboard.domain import schema
from zi_dashboard.domain.rule_sets import (
    EPSILON,
    HOLDS_WBK,
    RULE_SETS,
    Minimum,
    RuleSet,
    rule_set,
    rule_set_for_year,
    rule_set_keys,
    survey_to_points,
)
from zi_dashboard.i18n import format_number, t

__all__ = [
    "HOLDS_WBK",
    "Gap",
    "Minimum",
    "RULE_SETS",
    "RuleSet",
    "UnitCheck",
    "area_pct",
    "check_records",
    "check_unit",
    "check_units",
    "gaps_frame",
    "holds_wbk",
    "rule_set",
    "rule_set_for_year",
    "rule_set_keys",
    "survey_to_points",
    "unit_gaps",
]


def _format_score(value: float, lang: str) -> str:
    """At least one decimal (9,0), as many as needed up to three (18,25)."""
    return format_number(value, lang, 3, min_decimals=1)


@dataclass(frozen=True)
class Gap:
    """One minimum a unit does not reach; `actual` None means the score is missing. The WBBM
    gap `wbk_title` (no WBK held yet) has no minimum, actual or shortfall."""

    target: str
    key: str
    label_id: str
    label_en: str
    minimum: float | None
    actual: float | None
    shortfall: float | None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def message(self, lang: str = "id") -> str:
        if self.minimum is None:
            return t("lke.gap_wbk_title", lang)
        label, minimum = self.label(lang), _format_score(self.minimum, lang)
        if self.actual is None:
            return t("rules.gap_no_score", lang, label=label, minimum=minimum)
        actual, short = _format_score(self.actual, lang), _format_score(self.shortfall or 0, lang)
        return t("rules.gap", lang, label=label, actual=actual, minimum=minimum, short=short)


@dataclass(frozen=True)
class UnitCheck:
    """A unit tested against the WBK and WBBM minimums of one rule set."""

    unit_key: str
    rule_set: str
    wbk_eligible: bool
    wbbm_eligible: bool
    wbk_gaps: tuple[Gap, ...]
    wbbm_gaps: tuple[Gap, ...]
    complete: bool


_SCORE_COLUMNS = ("lke_score", *schema.LKE_AREAS, *schema.LKE_HASIL)


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), np.nan)
    return pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


_TITLE_GAP = Gap("wbbm", "wbk_title", "Predikat WBK", "WBK title", None, None, None)


def holds_wbk(frame: pd.DataFrame) -> np.ndarray:
    """Per row: whether the unit holds a WBK title now (zi_stage in HOLDS_WBK)."""
    if "zi_stage" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame["zi_stage"].isin(HOLDS_WBK).to_numpy(dtype=bool)


def _evaluate(frame: pd.DataFrame, rules: RuleSet) -> tuple[list[list[Gap]], list[list[Gap]],
                                                              np.ndarray]:
    """Per row: WBK gaps, WBBM gaps (the first: no WBK title yet, when so), and whether every
    needed score was present."""
    n = len(frame)
    held = holds_wbk(frame)
    columns = {c: _numbers(frame, c) for c in {c for m in rules.wbk + rules.wbbm
                                              for c in m.columns} | set(_SCORE_COLUMNS)}
    # A unit without any LKE score gets one gap (the total), not one per requirement.
    no_data = np.all([np.isnan(columns[c]) for c in _SCORE_COLUMNS], axis=0)
    complete = np.ones(n, dtype=bool)
    found: dict[str, list[list[Gap]]] = {}
    for target in ("wbk", "wbbm"):
        gaps: list[list[Gap]] = [[] if target == "wbk" or h else [_TITLE_GAP] for h in held]
        for m in rules.minima(target):
            actual = np.sum([columns[c] for c in m.columns], axis=0)
            missing = np.isnan(actual)
            complete &= ~missing
            failing = missing | (actual < m.value - EPSILON)
            if m.key != "lke_score":
                failing &= ~no_data
            for i in np.flatnonzero(failing):
                value = None if missing[i] else round(float(actual[i]), 6)
                short = None if value is None else round(m.value - value, 6)
                gaps[i].append(Gap(target, m.key, m.label_id, m.label_en, m.value, value, short))
        found[target] = gaps
    return found["wbk"], found["wbbm"], complete


def check_unit(row: Mapping, rule_set: RuleSet | None = None) -> UnitCheck:
    """One unit (a units clean-table row) against its evaluation year's rule set, or the one
    given; WBBM also needs a WBK title held (zi_stage in HOLDS_WBK)."""
    rules = rule_set or rule_set_for_year(row.get("evaluation_year"))
    frame = pd.DataFrame({c: pd.Series([row.get(c)], dtype=object)
                          for c in (*_SCORE_COLUMNS, "zi_stage")})
    wbk, wbbm, complete = _evaluate(frame, rules)
    return UnitCheck(str(row.get("unit_key")), rules.key, not wbk[0], not wbbm[0], tuple(wbk[0]),
                     tuple(wbbm[0]), bool(complete[0]))


def _rule_keys(units: pd.DataFrame, rule_set_key: str | None) -> pd.Series:
    """The rule set key of each unit: the one given, else by evaluation year (none: the newest)."""
    if rule_set_key is not None:
        return pd.Series(rule_set(rule_set_key).key, index=units.index, dtype=object)
    years = units["evaluation_year"] if "evaluation_year" in units.columns else [None] * len(units)
    return pd.Series(rule_set_keys(years), index=units.index, dtype=object)


def _info(units: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """The identifying columns of units (missing ones as None), index reset."""
    return pd.DataFrame({c: (units[c].reset_index(drop=True) if c in units.columns
                             else pd.Series([None] * len(units), dtype=object)) for c in columns})


def _checks(units: pd.DataFrame, rule_set_key: str | None
            ) -> tuple[pd.Series, list[list[Gap]], list[list[Gap]], np.ndarray]:
    """Rule key, WBK gaps, WBBM gaps and completeness per unit (positional), by rule-set group."""
    frame = units.reset_index(drop=True)
    keys = _rule_keys(frame, rule_set_key)
    wbk: list[list[Gap]] = [[] for _ in range(len(frame))]
    wbbm: list[list[Gap]] = [[] for _ in range(len(frame))]
    complete = np.ones(len(frame), dtype=bool)
    for key in keys.unique():
        positions = np.flatnonzero(keys.to_numpy() == key)
        group_wbk, group_wbbm, group_complete = _evaluate(frame.iloc[positions], rule_set(key))
        for j, pos in enumerate(positions):
            wbk[pos], wbbm[pos] = group_wbk[j], group_wbbm[j]
        complete[positions] = group_complete
    return keys, wbk, wbbm, complete


def unit_gaps(units: pd.DataFrame, rule_set_key: str | None = None
              ) -> tuple[list[str], list[list[Gap]], list[list[Gap]], list[bool]]:
    """Per unit (positional): its rule set key, WBK gaps, WBBM gaps, and whether every needed
    score was present; vectorised per rule set (check_unit is one unit's)."""
    keys, wbk, wbbm, complete = _checks(units, rule_set_key)
    return keys.tolist(), wbk, wbbm, complete.tolist()


def check_units(units: pd.DataFrame, rule_set_key: str | None = None,
                lang: str = "id") -> pd.DataFrame:
    """One row per unit: rule set, total, pengungkit, WBK/WBBM eligibility and the gaps as text.

    WBBM-eligible needs the WBBM minimums and a WBK title held (HOLDS_WBK); holds_wbk says which.
    """
    keys, wbk, wbbm, complete = _checks(units, rule_set_key)
    out = _info(units, ("unit_key", "unit_name", "eselon1", "zi_stage", "evaluation_year"))
    frame = units.reset_index(drop=True)
    out["rule_set"] = keys.to_numpy()
    out["holds_wbk"] = holds_wbk(frame)
    out["lke_score"] = _numbers(frame, "lke_score")
    out["pengungkit"] = np.sum([_numbers(frame, a) for a in schema.LKE_AREAS], axis=0)
    out["wbk_eligible"] = np.array([not g for g in wbk], dtype=bool)
    out["wbbm_eligible"] = np.array([not g for g in wbbm], dtype=bool)
    out["complete"] = complete
    out["wbk_gap_count"] = np.array([len(g) for g in wbk], dtype="int64")
    out["wbbm_gap_count"] = np.array([len(g) for g in wbbm], dtype="int64")
    out["wbk_gaps"] = ["; ".join(g.message(lang) for g in gaps) for gaps in wbk]
    out["wbbm_gaps"] = ["; ".join(g.message(lang) for g in gaps) for gaps in wbbm]
    return out


def _gap_record(gap: Gap, lang: str) -> dict:
    return {"requirement": gap.key, "label": gap.label(lang), "value": gap.actual,
            "minimum": gap.minimum, "gap": gap.shortfall}


def check_records(units: pd.DataFrame, rule_set_key: str | None = None,
                  lang: str = "id") -> list[dict]:
    """Each unit's verdicts as JSON-ready dicts (the `check` command): unit, eselon1, stage,
    evaluation_year, rule_set, and per target {"eligible", "gaps": [requirement, label, value,
    minimum, gap]}; the same engine as check_units."""
    keys, wbk, wbbm, _ = _checks(units, rule_set_key)
    info = _info(units, ("unit_name", "eselon1", "zi_stage", "evaluation_year"))
    years = _numbers(info, "evaluation_year")
    out = []
    for pos, (name, eselon1, stage, _) in enumerate(info.itertuples(index=False)):
        name, eselon1, stage = (v if isinstance(v, str) else None for v in (name, eselon1, stage))
        out.append({"unit": name, "eselon1": eselon1, "stage": stage,
                    "evaluation_year": None if np.isnan(years[pos]) else int(years[pos]),
                    "rule_set": keys.iat[pos],
                    **{target: {"eligible": not gaps[pos],
                                "gaps": [_gap_record(g, lang) for g in gaps[pos]]}
                       for target, gaps in (("wbk", wbk), ("wbbm", wbbm))}})
    return out


_GAP_COLUMNS = ("unit_key", "unit_name", "eselon1", "rule_set", "requirement_key", "requirement",
                "minimum", "actual", "shortfall", "message")


def gaps_frame(units: pd.DataFrame, target: str = "wbk", lang: str = "id",
               rule_set_key: str | None = None) -> pd.DataFrame:
    """One row per unmet minimum; units closest to the target (highest total) first."""
    if target not in ("wbk", "wbbm"):
        raise ValueError(f"target must be 'wbk' or 'wbbm', not {target!r}")
    keys, wbk, wbbm, _ = _checks(units, rule_set_key)
    info = list(_info(units, ("unit_key", "unit_name", "eselon1")).itertuples(index=False,
                                                                               name=None))
    totals = _numbers(units.reset_index(drop=True), "lke_score")
    rule_keys = keys.tolist()
    rows = []
    for pos, gaps in enumerate(wbk if target == "wbk" else wbbm):
        for order, gap in enumerate(gaps):
            rows.append((-totals[pos] if not math.isnan(totals[pos]) else math.inf, pos, order,
                         *info[pos], rule_keys[pos], gap.key, gap.label(lang), gap.minimum,
                         gap.actual, gap.shortfall, gap.message(lang)))
    rows.sort(key=lambda r: r[:3])
    frame = pd.DataFrame([r[3:] for r in rows], columns=list(_GAP_COLUMNS))
    for column in ("minimum", "actual", "shortfall"):
        frame[column] = frame[column].astype("float64")
    for column in ("unit_key", "unit_name", "eselon1", "rule_set", "requirement_key",
                   "requirement", "message"):
        frame[column] = frame[column].astype(object)
    return frame


def area_pct(units: pd.DataFrame, rule_set_key: str | None = None) -> pd.DataFrame:
    """Units with area scores × the six areas as % of each area's weight, strongest first."""
    keys = _rule_keys(units, rule_set_key)
    frame = units.reset_index(drop=True)
    out = _info(units, ("unit_key", "unit_name", "eselon1"))
    out["rule_set"] = keys.to_numpy()
    weights = {k: rule_set(k).area_weights for k in keys.unique()}
    for area in schema.LKE_AREAS:
        weight = keys.map(lambda k, area=area: weights[k][area]).to_numpy(dtype="float64")
        out[area] = _numbers(frame, area) / weight * 100
    areas = out[list(schema.LKE_AREAS)]
    out = out[areas.notna().any(axis=1).to_numpy()]
    order = out[list(schema.LKE_AREAS)].mean(axis=1).sort_values(ascending=False, kind="stable")
    return out.loc[order.index].reset_index(drop=True)
