"""The ZI rule sets per regulation version, declared as data: weights, minimums, eligibility, gaps."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zi_dashboard.domain import schema
from zi_dashboard.i18n import format_number, t

__all__ = [
    "Gap",
    "Minimum",
    "RULE_SETS",
    "RuleSet",
    "UnitCheck",
    "area_pct",
    "check_unit",
    "check_units",
    "gaps_frame",
    "rule_set",
    "rule_set_for_year",
    "rule_set_keys",
    "survey_to_points",
]

# Scores are typed with two decimals; a sum of floats must not miss a minimum by 1e-15.
EPSILON = 1e-6


@dataclass(frozen=True)
class Minimum:
    """One requirement: the sum of `components` (default: the column `key`) must reach `value`."""

    key: str
    label_id: str
    label_en: str
    value: float
    components: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.components or (self.key,)

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class RuleSet:
    """The LKE weights and the WBK/WBBM minimums of one regulation version."""

    key: str
    title: str
    years: tuple[int | None, int | None]
    confirmed: bool
    area_weights: dict[str, float]
    hasil_max: dict[str, float]
    wbk: tuple[Minimum, ...]
    wbbm: tuple[Minimum, ...]
    note_id: str = ""
    note_en: str = ""

    def label(self, lang: str) -> str:
        """The title, marked when the thresholds could not be confirmed."""
        if self.confirmed:
            return self.title
        return t("rules.unconfirmed", lang, title=self.title)

    def minima(self, target: str) -> tuple[Minimum, ...]:
        if target not in ("wbk", "wbbm"):
            raise ValueError(f"target must be 'wbk' or 'wbbm', not {target!r}")
        return self.wbk if target == "wbk" else self.wbbm

    def note(self, lang: str) -> str:
        """What a reader should know about these thresholds ("" when nothing)."""
        return self.note_en if lang == "en" else self.note_id

    def minimum(self, target: str, key: str = "lke_score") -> float | None:
        """The WBK or WBBM minimum for `key` (the total by default); None when there is none."""
        return next((m.value for m in self.minima(target) if m.key == key), None)



def _area_label(area: str, lang: str) -> str:
    return schema.DATASETS["units"].column(area).label(lang)


def _total(value: float) -> Minimum:
    return Minimum("lke_score", "Nilai total LKE", "Total LKE score", value)


def _pengungkit(value: float) -> Minimum:
    return Minimum("pengungkit", "Total pengungkit", "Enablers total (pengungkit)", value,
                   schema.LKE_AREAS)


def _areas(weights: Mapping[str, float], share: float) -> tuple[Minimum, ...]:
    """Each area at `share` of its weight (90/2021: 60 % for WBK, 75 % for WBBM)."""
    return tuple(Minimum(a, _area_label(a, "id"), _area_label(a, "en"), round(w * share, 4))
                 for a, w in weights.items())


def _ipak(value: float) -> Minimum:
    return Minimum("hasil_ipak", "Nilai IPAK", "IPAK points", value)


def _ipkp(value: float, label_id: str = "Nilai IPKP", label_en: str = "IPKP points") -> Minimum:
    return Minimum("hasil_ipkp", label_id, label_en, value)


def _capaian(value: float) -> Minimum:
    return Minimum("hasil_capaian_kinerja", "Capaian kinerja", "Performance achievement", value)


def _tlhp(value: float) -> Minimum:
    return Minimum("hasil_tlhp", "TLHP", "Audit follow-up (TLHP)", value)


def _bersih_2021(value: float) -> Minimum:
    return Minimum("bersih", "Birokrasi bersih dan akuntabel", "Clean and accountable bureaucracy",
                   value, ("hasil_ipak", "hasil_capaian_kinerja"))


def _bersih_2014(value: float) -> Minimum:
    return Minimum("bersih", "Bersih dan bebas KKN", "Clean and free of corruption (KKN)", value,
                   ("hasil_ipak", "hasil_tlhp"))


_WEIGHTS_2014 = dict(zip(schema.LKE_AREAS, (5.0, 5.0, 15.0, 10.0, 15.0, 10.0), strict=True))
_WEIGHTS_2021 = dict(zip(schema.LKE_AREAS, (8.0, 7.0, 10.0, 10.0, 15.0, 10.0), strict=True))
_HASIL_2014 = {"hasil_ipak": 15.0, "hasil_tlhp": 5.0, "hasil_ipkp": 20.0}
_HASIL_2021 = {"hasil_ipak": 17.5, "hasil_capaian_kinerja": 5.0, "hasil_ipkp": 17.5}
_SERVICE_2014 = ("Kualitas pelayanan publik (IPKP)", "Public service quality (IPKP)")


def _rules_2014(total_wbk: float, total_wbbm: float) -> tuple[tuple[Minimum, ...], ...]:
    wbk = (_total(total_wbk), _bersih_2014(18.0), _ipak(13.5), _tlhp(3.5))
    wbbm = (_total(total_wbbm), _bersih_2014(18.0), _ipak(13.5), _tlhp(3.5),
            _ipkp(16.0, *_SERVICE_2014))
    return wbk, wbbm


# Oldest first. Every threshold lives here and nowhere else (DOMAIN.md "Thresholds").
RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet("52/2014", "PermenPANRB 52/2014", (None, 2019), True, _WEIGHTS_2014, _HASIL_2014,
            *_rules_2014(75.0, 85.0)),
    RuleSet("10/2019", "PermenPANRB 10/2019", (2020, 2021), False, _WEIGHTS_2014, _HASIL_2014,
            *_rules_2014(75.0, 85.0),
            note_id="Ambang 10/2019 belum terkonfirmasi: dianggap sama dengan 52/2014 "
                    "(total ≥ 75 untuk WBK, ≥ 85 untuk WBBM).",
            note_en="10/2019 thresholds unconfirmed: taken as 52/2014 (total ≥ 75 for WBK, "
                    "≥ 85 for WBBM)."),
    RuleSet("90/2021", "PermenPANRB 90/2021", (2022, None), True, _WEIGHTS_2021, _HASIL_2021,
            (_total(75.0), _pengungkit(40.0), *_areas(_WEIGHTS_2021, 0.60), _bersih_2021(18.25),
             _ipak(15.75), _capaian(2.5), _ipkp(14.0)),
            (_total(85.0), _pengungkit(48.0), *_areas(_WEIGHTS_2021, 0.75), _bersih_2021(19.5),
             _ipak(15.75), _capaian(3.75), _ipkp(15.75))),
)


def rule_set(key: str) -> RuleSet:
    """The rule set with this key ("52/2014", "10/2019", "90/2021")."""
    for rules in RULE_SETS:
        if rules.key == key:
            return rules
    raise ValueError(f"unknown rule set {key!r}; known: {[r.key for r in RULE_SETS]}")


def rule_set_keys(years: object) -> np.ndarray:
    """The rule set key of each evaluation year: the set whose years hold it; no year (or one
    no set holds) means the newest. The one lookup by year: every caller goes through it."""
    numbers = pd.to_numeric(pd.Series(years, dtype=object), errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan)
    keys = np.full(len(numbers), RULE_SETS[-1].key, dtype=object)
    assigned = np.isnan(numbers)
    for rules in RULE_SETS:
        low, high = rules.years
        mask = ~assigned & (numbers >= (-np.inf if low is None else low)) & (
            numbers <= (np.inf if high is None else high))
        keys[mask] = rules.key
        assigned |= mask
    return keys


def rule_set_for_year(year: int | None) -> RuleSet:
    """The rule set of one evaluation year (rule_set_keys)."""
    return rule_set(rule_set_keys([year])[0])


def survey_to_points(score_0_4: float, max_points: float = 17.5) -> float:
    """A survey index on the 0–4 scale as LKE points: 3.60 → 15.75, 3.20 → 14.00."""
    if not 0 <= score_0_4 <= 4:
        raise ValueError(f"a survey score is between 0 and 4, not {score_0_4}")
    return round(score_0_4 / 4 * max_points, 4)


def _format_score(value: float, lang: str) -> str:
    """At least one decimal (9,0), as many as needed up to three (18,25)."""
    return format_number(value, lang, 3, min_decimals=1)


@dataclass(frozen=True)
class Gap:
    """One minimum a unit does not reach; `actual` None means the score is missing."""

    target: str
    key: str
    label_id: str
    label_en: str
    minimum: float
    actual: float | None
    shortfall: float | None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def message(self, lang: str = "id") -> str:
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


def _evaluate(frame: pd.DataFrame, rules: RuleSet) -> tuple[list[list[Gap]], list[list[Gap]],
                                                              np.ndarray]:
    """Per row: WBK gaps, WBBM gaps, and whether every needed score was present."""
    n = len(frame)
    columns = {c: _numbers(frame, c) for c in {c for m in rules.wbk + rules.wbbm
                                              for c in m.columns} | set(_SCORE_COLUMNS)}
    # A unit without any LKE score gets one gap (the total), not one per requirement.
    no_data = np.all([np.isnan(columns[c]) for c in _SCORE_COLUMNS], axis=0)
    complete = np.ones(n, dtype=bool)
    found: dict[str, list[list[Gap]]] = {}
    for target in ("wbk", "wbbm"):
        gaps: list[list[Gap]] = [[] for _ in range(n)]
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
    """One unit (a units clean-table row) against the rule set of its stage year, or the one given."""
    rules = rule_set or rule_set_for_year(row.get("stage_year"))
    frame = pd.DataFrame({c: pd.Series([row.get(c)], dtype=object) for c in _SCORE_COLUMNS})
    wbk, wbbm, complete = _evaluate(frame, rules)
    return UnitCheck(str(row.get("unit_key")), rules.key, not wbk[0], not wbbm[0], tuple(wbk[0]),
                     tuple(wbbm[0]), bool(complete[0]))


def _rule_keys(units: pd.DataFrame, rule_set_key: str | None) -> pd.Series:
    """The rule set key of each unit: the one given, else by stage year (none: the newest)."""
    if rule_set_key is not None:
        return pd.Series(rule_set(rule_set_key).key, index=units.index, dtype=object)
    years = units["stage_year"] if "stage_year" in units.columns else [None] * len(units)
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


def check_units(units: pd.DataFrame, rule_set_key: str | None = None,
                lang: str = "id") -> pd.DataFrame:
    """One row per unit: rule set, total, pengungkit, WBK/WBBM eligibility and the gaps as text."""
    keys, wbk, wbbm, complete = _checks(units, rule_set_key)
    out = _info(units, ("unit_key", "unit_name", "eselon1", "zi_stage", "stage_year"))
    frame = units.reset_index(drop=True)
    out["rule_set"] = keys.to_numpy()
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


_GAP_COLUMNS = ("unit_key", "unit_name", "eselon1", "rule_set", "requirement_key", "requirement",
                "minimum", "actual", "shortfall", "message")


def gaps_frame(units: pd.DataFrame, target: str = "wbk", lang: str = "id",
               rule_set_key: str | None = None) -> pd.DataFrame:
    """One row per unmet minimum; units closest to the target (highest total) first."""
    if target not in ("wbk", "wbbm"):
        raise ValueError(f"target must be 'wbk' or 'wbbm', not {target!r}")
    keys, wbk, wbbm, _ = _checks(units, rule_set_key)
    info = _info(units, ("unit_key", "unit_name", "eselon1"))
    totals = _numbers(units.reset_index(drop=True), "lke_score")
    rows = []
    for pos, gaps in enumerate(wbk if target == "wbk" else wbbm):
        for order, gap in enumerate(gaps):
            rows.append((-totals[pos] if not math.isnan(totals[pos]) else math.inf, pos, order,
                         *info.iloc[pos], keys.iat[pos], gap.key, gap.label(lang), gap.minimum,
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
