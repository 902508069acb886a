"""Profil Unit as display-ready data: which unit, its scores against both minimums, its stage
timeline, its KPI cards."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from zi_dashboard.analysis import whatif
from zi_dashboard.analysis.profile import UnitFacts
from zi_dashboard.analysis.years import evaluated_text, stage_since_text
from zi_dashboard.domain import schema
from zi_dashboard.domain.rule_sets import RuleSet
from zi_dashboard.i18n import format_number, format_pct, t

__all__ = ["SCORE_COLUMNS", "header_cards", "pick_unit", "score_frame", "stage_line",
           "timeline_frame", "unit_names"]

SCORE_COLUMNS = ("unit_name", "component", "label", "score", "weight", "wbk_minimum",
                 "wbbm_minimum")


def pick_unit(requested: str | None, filtered: Sequence[str], options: Sequence[str]
              ) -> tuple[str | None, str | None]:
    """The unit to show and, when a requested one is not among `options`, that request.

    A request (a link's ?unit=, a click in a chart) wins; then the first unit of the sidebar's
    unit filter; then the first option. Only `options` (the session's scope) can be shown.
    """
    if requested and requested in options:
        return requested, None
    missing = requested if requested else None
    chosen = next((u for u in filtered if u in options), options[0] if options else None)
    return chosen, missing


def score_frame(rule_set: RuleSet, values: Mapping[str, float | None], lang: str,
                unit_name: str = "") -> pd.DataFrame:
    """One row per area and hasil component of `rule_set`: score (None: none yet), weight and
    the WBK and WBBM minimums where the rule set has one for that component. The unit's name
    goes with every row: a downloaded table says whose scores these are."""
    rows = []
    for component in whatif.components(rule_set):
        rows.append((unit_name, component, schema.DATASETS["units"].column(component).label(lang),
                     values.get(component), rule_set.bounds[component],
                     rule_set.minimum("wbk", component), rule_set.minimum("wbbm", component)))
    frame = pd.DataFrame(rows, columns=list(SCORE_COLUMNS))
    for column in ("score", "weight", "wbk_minimum", "wbbm_minimum"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def timeline_frame(zi_history: pd.DataFrame, unit_key: str, unit_name: str = "") -> pd.DataFrame:
    """The unit's stage per year from the ZI history, oldest first (the last entry of a year),
    the unit's name on every row."""
    rows = zi_history[zi_history["unit_key"] == unit_key]
    rows = rows.dropna(subset=["year"]).sort_values("year", kind="stable")
    rows = rows.drop_duplicates("year", keep="last")
    out = rows[["year", "zi_stage", "lke_score"]].reset_index(drop=True)
    out.insert(0, "unit_name", unit_name)
    return out


def stage_line(facts: UnitFacts, lang: str) -> str:
    """"Pembangunan · sejak 2020 · dinilai 2020 (PermenPANRB 10/2019)": the stage in words."""
    stage = schema.STAGES.label(facts.zi_stage, lang) if facts.zi_stage else t("chart.unknown",
                                                                              lang)
    since = stage_since_text(facts.zi_stage, facts.award_year, facts.award_year_derived, lang)
    evaluated = evaluated_text(facts.evaluation_year, facts.rule_set, lang)
    # stage_since_text names the stage itself ("WBK sejak 2017"); without a year, say it here.
    first = since[:1].upper() + since[1:] if since else f"{t('profil.stage', lang)}: {stage}"
    return " · ".join(p for p in (first, evaluated) if p)


def header_cards(facts: UnitFacts, lang: str) -> list[dict]:
    """The three cards at the top: LKE score (its rule set), agents (those needed), plans."""
    score = ("–" if facts.lke_score is None
             else format_number(facts.lke_score, lang, 2, min_decimals=1))
    agents = len(facts.agents)
    needed = (None if facts.agents_needed is None
              else t("profil.agents_needed", lang, n=format_number(facts.agents_needed, lang)))
    progress = "–" if facts.mean_progress is None else format_pct(facts.mean_progress / 100, lang)
    return [
        {"label": t("profil.score", lang), "value": score,
         "help": facts.rule_set.label(lang)},
        {"label": t("profil.agents", lang), "value": format_number(agents, lang), "help": needed},
        {"label": t("profil.plans", lang), "value": format_number(facts.plans, lang),
         "help": t("profil.plans_line", lang, plans=format_number(facts.plans, lang),
                   done=format_number(facts.plans_done, lang), progress=progress,
                   overdue=format_number(facts.plans_overdue, lang))},
    ]


def unit_names(units: pd.DataFrame) -> dict[str, str]:
    """Unit key → name, for the charts whose categories are units (a click opens the profile)."""
    return dict(zip(units["unit_key"].astype(str), units["unit_name"].astype(str), strict=True))
