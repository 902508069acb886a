"""Consistency of stages, scores and ZI history across datasets: warnings after every check.

One timeline per unit joins the ZI history (uploaded, else current) with each unit's stage now
(units sheet, else current): the history rows at their year, the unit's stage at its award year
(else its evaluation year, else after every history year). Only uploaded rows are flagged; the
current data gives context.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from zi_dashboard.domain.rule_sets import EPSILON, HOLDS_WBK, rule_set, rule_set_keys
from zi_dashboard.domain.schema import STAGES, stage_order
from zi_dashboard.i18n import format_number

__all__ = ["PROPOSALS", "REPROPOSAL_WAIT_YEARS", "check_consistency"]

# A revoked unit may not be proposed again for 2 years (DOMAIN.md): a proposal fewer than this
# many calendar years after the revocation year is certainly too early.
REPROPOSAL_WAIT_YEARS = 2
# Stages that mean the unit was proposed to the national team.
PROPOSALS = ("diusulkan_wbk", "evaluasi_tpn", "diusulkan_wbbm")
_NOW = np.inf
_LANGS = ("id", "en")


def _column(values: Mapping[str, pd.Series] | pd.DataFrame, name: str, n: int) -> pd.Series:
    series = values.get(name) if hasattr(values, "get") else None
    if series is None:
        return pd.Series([None] * n, dtype=object)
    return pd.Series(series).reset_index(drop=True)


def _numbers(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)


def _entries(source, src: str, uploaded: bool) -> pd.DataFrame:
    """One dataset as timeline entries (unit, year, stage, score, evaluation year, position)."""
    values, keep = source
    n = len(keep)
    frame = pd.DataFrame({"unit_key": _column(values, "unit_key", n),
                          "stage": _column(values, "zi_stage", n)})
    if src == "units":
        evaluation = _numbers(_column(values, "evaluation_year", n))
        award = _numbers(_column(values, "award_year", n))
        year = np.where(np.isnan(award), evaluation, award)
        frame["name"] = _column(values, "unit_name", n)
    else:
        evaluation = year = _numbers(_column(values, "year", n))
        frame["name"] = _column(values, "unit", n)
    frame["year"] = np.where(np.isnan(year), _NOW, year)
    frame["evaluation_year"] = evaluation
    frame["score"] = _numbers(_column(values, "lke_score", n))
    frame["src"] = src
    frame["pos"] = np.arange(n) if uploaded else -1
    frame["order"] = 0 if src == "zi_history" else 1
    return frame[np.asarray(keep, dtype=bool) & frame["unit_key"].notna().to_numpy()]


def _year_text(year: float, lang: str) -> str:
    return str(int(year)) if np.isfinite(year) else ("saat ini" if lang == "id" else "now")


def _local(value: float, lang: str) -> str:
    return format_number(float(value), lang, 3, min_decimals=1)


def _per_lang(show, value) -> dict[str, str]:
    """A parameter shown per language (Issue.message picks the one of the message)."""
    return {lang: show(value, lang) for lang in _LANGS}


class _Flagger:
    """Turns flagged timeline entries into warnings at their uploaded row."""

    def __init__(self, located: Mapping, names: Mapping[str, str]):
        self.located, self.names = located, names

    def __call__(self, code: str, entries: pd.DataFrame, column: str, params) -> None:
        for src, group in entries[entries["pos"] >= 0].groupby("src"):
            rows = self.located[src][0]
            mask = np.zeros(len(rows.frame), dtype=bool)
            mask[group["pos"].to_numpy(dtype=int)] = True
            by_pos = {int(p): record for p, record in zip(group["pos"], group.to_dict("records"),
                                                          strict=True)}

            def extra(pos: int, by_pos=by_pos) -> dict:
                record = by_pos[pos]
                unit = self.names.get(record["unit_key"]) or record["name"] or record["unit_key"]
                return {"unit": unit, **params(record)}

            rows.flag(code, mask, column, severity="warning", params=extra)


def _below_minimum(timeline: pd.DataFrame, flag: _Flagger) -> None:
    """A unit at WBK/WBBM whose score in its evaluation year is below that rule set's minimum."""
    held = timeline[timeline["stage"].isin(HOLDS_WBK) & timeline["score"].notna()
                    & timeline["evaluation_year"].notna() & (timeline["pos"] >= 0)].copy()
    if held.empty:
        return
    held["rules"] = rule_set_keys(held["evaluation_year"].to_numpy())
    held["target"] = np.where(held["stage"].eq("wbbm"), "wbbm", "wbk")
    minima = {(k, t): rule_set(k).minimum(t) for k in pd.unique(held["rules"])
              for t in ("wbk", "wbbm")}
    held["minimum"] = pd.Series(list(zip(held["rules"], held["target"], strict=True)),
                                index=held.index).map(minima).astype("float64")
    below = held[held["score"] < held["minimum"] - EPSILON]

    def params(r: dict) -> dict:
        return {"title": r["target"].upper(), "year": int(r["evaluation_year"]),
                "rule_set": rule_set(r["rules"]).title,
                "score": _per_lang(_local, r["score"]),
                "minimum": _per_lang(_local, r["minimum"])}

    flag("stage_below_minimum", below, "lke_score", params)


def _wbbm_without_wbk(timeline: pd.DataFrame, flag: _Flagger) -> None:
    """The first WBBM entry of a unit (per dataset) with no WBK title in an earlier year."""
    has_history = timeline.loc[timeline["src"].eq("zi_history"), "unit_key"].unique()
    wbk = timeline[timeline["stage"].isin(("wbk", "diusulkan_wbbm"))].groupby("unit_key")[
        "year"].min()
    wbbm = timeline[timeline["stage"].eq("wbbm") & timeline["unit_key"].isin(has_history)
                    & (timeline["pos"] >= 0)]
    missing = wbbm[~(wbbm["unit_key"].map(wbk).astype("float64") < wbbm["year"]).to_numpy()]
    # One warning per unit: its earliest such entry, the history's before the units sheet's.
    missing = missing.sort_values(["year", "order"], kind="stable").drop_duplicates("unit_key")
    flag("wbbm_without_wbk", missing, "zi_stage",
         lambda r: {"year": _per_lang(_year_text, r["year"])})


def _level(stages: pd.Series) -> np.ndarray:
    """The title a stage holds: 2 WBBM, 1 WBK, 0 none."""
    return np.select([stages.eq("wbbm"), stages.isin(HOLDS_WBK)], [2, 1], 0)


def _title_lost(timeline: pd.DataFrame, flag: _Flagger) -> None:
    """A title that goes back (WBBM to WBK, or WBK to no title) without a revocation between."""
    staged = timeline[timeline["stage"].notna()]
    ordered = staged.assign(_rank=staged["stage"].map(stage_order)).sort_values(
        ["unit_key", "year", "order", "_rank"], kind="stable")
    level = pd.Series(_level(ordered["stage"]), index=ordered.index)
    before = ordered.groupby("unit_key")["stage"].shift()
    before_year = ordered.groupby("unit_key")["year"].shift()
    # A revocation has level 0, so whatever follows it starts again from no title.
    dropped = (level < level.groupby(ordered["unit_key"]).shift()) & ordered["stage"].ne("dicabut")
    lost = ordered[dropped.to_numpy()].assign(before=before[dropped], before_year=before_year[
        dropped])

    def params(r: dict) -> dict:
        return {"before": _per_lang(lambda s, lang: STAGES.label(s, lang), r["before"]),
                "after": _per_lang(lambda s, lang: STAGES.label(s, lang), r["stage"]),
                "year": _per_lang(_year_text, r["year"]),
                "before_year": _year_text(r["before_year"], "id")}

    flag("title_lost_without_revocation", lost, "zi_stage", params)


def _proposed_too_soon(timeline: pd.DataFrame, flag: _Flagger) -> None:
    """A proposal within REPROPOSAL_WAIT_YEARS of the unit's latest earlier revocation."""
    revoked = timeline.loc[timeline["stage"].eq("dicabut") & np.isfinite(timeline["year"]),
                           ["unit_key", "year"]].rename(columns={"year": "revoked_year"})
    proposed = timeline[timeline["stage"].isin(PROPOSALS) & np.isfinite(timeline["year"])
                        & (timeline["pos"] >= 0)].reset_index(drop=True)
    if revoked.empty or proposed.empty:
        return
    pairs = proposed.reset_index().merge(revoked, on="unit_key")
    pairs = pairs[pairs["revoked_year"] <= pairs["year"]]
    latest = pairs.sort_values("revoked_year").drop_duplicates("index", keep="last")
    soon = latest[(latest["year"] - latest["revoked_year"]) < REPROPOSAL_WAIT_YEARS]
    # The units sheet's stage repeats the history's row of the same year: warn once.
    soon = soon.sort_values(["order"], kind="stable").drop_duplicates(["unit_key", "year"])
    flag("proposed_after_revocation", soon, "zi_stage",
         lambda r: {"year": int(r["year"]), "revoked_year": int(r["revoked_year"]),
                    "years": int(r["year"] - r["revoked_year"])})


def check_consistency(located: Mapping[str, tuple], current: Mapping[str, pd.DataFrame]) -> None:
    """Warnings on the uploaded units and history rows that contradict each other or the rules.

    `located`: dataset → (Rows, values) of this upload; `current`: the stored clean tables.
    """
    sources = []
    for src in ("units", "zi_history"):
        if src in located:
            rows, values = located[src]
            sources.append(_entries((values, ~rows.bad), src, True))
        elif current.get(src) is not None and len(current[src]):
            table = current[src]
            sources.append(_entries((table, np.ones(len(table), dtype=bool)), src, False))
    if not sources:
        return
    timeline = pd.concat(sources, ignore_index=True)
    units = timeline[timeline["src"].eq("units")]
    flag = _Flagger(located, dict(zip(units["unit_key"], units["name"], strict=True)))
    _below_minimum(timeline, flag)
    if timeline["src"].eq("zi_history").any():
        _wbbm_without_wbk(timeline, flag)
        _title_lost(timeline, flag)
        _proposed_too_soon(timeline, flag)
