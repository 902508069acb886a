"""The ZI rule sets per regulation version, declared as data: weights, minimums, survey factors.

`rules` evaluates units against them (eligibility, gaps) and re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from zi_dashboard.domain import schema
from zi_dashboard.i18n import t

__all__ = ["EPSILON", "HOLDS_WBK", "RULE_SETS", "Minimum", "RuleSet", "rule_set",
           "rule_set_for_year", "rule_set_keys", "survey_to_points"]

# Scores are typed with two decimals; a sum of floats must not miss a minimum by 1e-15.
EPSILON = 1e-6
# Stages at which a unit holds a WBK title (WBBM requires it): awarded WBK, proposed for WBBM
# (still WBK) or awarded WBBM. A revoked unit (dicabut) holds none.
HOLDS_WBK = ("wbk", "diusulkan_wbbm", "wbbm")


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
    # Survey columns read as a 0–4 index: column → points of a full index 4 (points = index / 4
    # × this). survey_confirmed False: the factor could not be checked against the regulation.
    survey_points: Mapping[str, float] = field(default_factory=dict)
    survey_confirmed: bool = True

    @property
    def bounds(self) -> dict[str, float]:
        """The most each score can be: every area and component its weight, pengungkit the sum
        of the area weights, the total 100."""
        return {**self.area_weights, **self.hasil_max, "pengungkit": sum(self.area_weights.values()),
                "lke_score": 100.0}

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
# Survey index → points before 90/2021 (unconfirmed, DOMAIN.md): index / 4 × the component's
# weight, which puts the IPAK minimum 13,5 at an index of 3,60 as under 90/2021.
_SURVEY_2014 = {"hasil_ipak": 15.0, "hasil_ipkp": 20.0}
_SURVEY_2021 = {"hasil_ipak": 17.5, "hasil_ipkp": 17.5}

RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet("52/2014", "PermenPANRB 52/2014", (None, 2019), True, _WEIGHTS_2014, _HASIL_2014,
            *_rules_2014(75.0, 85.0), survey_points=_SURVEY_2014, survey_confirmed=False),
    RuleSet("10/2019", "PermenPANRB 10/2019", (2020, 2021), False, _WEIGHTS_2014, _HASIL_2014,
            *_rules_2014(75.0, 85.0),
            note_id="Ambang 10/2019 belum terkonfirmasi: dianggap sama dengan 52/2014 "
                    "(total ≥ 75 untuk WBK, ≥ 85 untuk WBBM).",
            note_en="10/2019 thresholds unconfirmed: taken as 52/2014 (total ≥ 75 for WBK, "
                    "≥ 85 for WBBM).", survey_points=_SURVEY_2014, survey_confirmed=False),
    RuleSet("90/2021", "PermenPANRB 90/2021", (2022, None), True, _WEIGHTS_2021, _HASIL_2021,
            (_total(75.0), _pengungkit(40.0), *_areas(_WEIGHTS_2021, 0.60), _bersih_2021(18.25),
             _ipak(15.75), _capaian(2.5), _ipkp(14.0)),
            (_total(85.0), _pengungkit(48.0), *_areas(_WEIGHTS_2021, 0.75), _bersih_2021(19.5),
             _ipak(15.75), _capaian(3.75), _ipkp(15.75)), survey_points=_SURVEY_2021),
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
    # Six decimals: 3,59 → 15,70625 exactly, not rounded to a value that could meet a minimum.
    return round(score_0_4 / 4 * max_points, 6)
