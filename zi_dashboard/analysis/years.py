"""The two years of a unit: the evaluation year (its rule set) and the award year (its "sejak").

DOMAIN.md "Two different years": a unit that holds WBK since 2017 is still "WBK sejak 2017" in
the 2020 roster, evaluated in 2020 under PermenPANRB 10/2019.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from zi_dashboard.analysis.frames import Tables, table_of
from zi_dashboard.domain import rules, schema
from zi_dashboard.i18n import t

__all__ = ["award_years", "evaluated_text", "history_award_years", "since_groups",
           "stage_since_text"]


def history_award_years(units: pd.DataFrame, zi_history: pd.DataFrame) -> pd.Series:
    """Per unit_key: the first year of the unit's current stage in its latest unbroken run.

    The run must reach the unit's latest history year with the stage the units table gives:
    when the history ends at another stage it cannot say since when, and the unit has none.
    """
    current = units.dropna(subset=["zi_stage"]).drop_duplicates("unit_key")
    hist = zi_history.dropna(subset=["year", "zi_stage"])
    hist = hist[hist["unit_key"].isin(current["unit_key"])]
    if hist.empty:
        return pd.Series(dtype="Int64", name="award_year").rename_axis("unit_key")
    stage = hist["unit_key"].map(dict(zip(current["unit_key"], current["zi_stage"], strict=True)))
    same = hist["zi_stage"].eq(stage)
    # The last year at another stage; rows after it at the current stage form the current run.
    broke = hist["year"].where(~same).groupby(hist["unit_key"]).transform("max")
    run = hist[same & (broke.isna() | (hist["year"] > broke))]
    return run.groupby("unit_key")["year"].min().astype("Int64").rename("award_year")


def award_years(tables: Tables) -> pd.DataFrame:
    """unit_key, award_year (Int64) and award_year_derived (True: taken from the ZI history).

    The units table's own award year wins; a blank one is derived from the history.
    """
    units = table_of(tables, "units")
    given = pd.array(units["award_year"] if "award_year" in units.columns
                     else [pd.NA] * len(units), dtype="Int64")
    derived = pd.array(units["unit_key"].map(
        history_award_years(units, table_of(tables, "zi_history"))), dtype="Int64")
    blank = pd.isna(given)
    return pd.DataFrame({"unit_key": units["unit_key"].to_numpy(dtype=object),
                         "award_year": pd.array(np.where(blank, derived, given), dtype="Int64"),
                         "award_year_derived": blank & ~pd.isna(derived)})


def stage_since_text(stage: str | None, award_year: int | None, derived: bool, lang: str) -> str:
    """ "WBK sejak 2017" (marked when taken from the history); the stage alone without a year."""
    if not stage:
        return ""
    label = schema.STAGES.label(stage, lang) if stage in schema.STAGES.keys() else stage
    if award_year is None:
        return label
    text = t("years.stage_since", lang, stage=label, year=award_year)
    return t("years.from_history", lang, text=text) if derived else text


def evaluated_text(evaluation_year: int | None, rule_set: rules.RuleSet, lang: str) -> str:
    """ "dinilai 2020 (PermenPANRB 10/2019)", or the rule set assumed without a year."""
    if evaluation_year is None:
        return t("years.no_evaluation_year", lang, rules=rule_set.label(lang))
    key = "years.evaluated" if rule_set.confirmed else "years.evaluated_unconfirmed"
    return t(key, lang, year=evaluation_year, rules=rule_set.title)


def since_groups(tables: Tables, stages: tuple[str, ...], lang: str,
                 limit: int = 3) -> list[tuple[str, list[str], int]]:
    """(“WBK sejak 2017”, first `limit` unit names, units left out) per stage and award year.

    Units of `stages` only, in the stages' order then by year; a unit without any award year is
    grouped under the stage alone.
    """
    units = table_of(tables, "units")
    awards = award_years(tables)
    frame = pd.DataFrame({"stage": units["zi_stage"].to_numpy(dtype=object),
                          "name": units["unit_name"].astype(str).to_numpy(dtype=object),
                          "year": awards["award_year"].array,
                          "derived": awards["award_year_derived"].to_numpy()})
    frame = frame[frame["stage"].isin(stages)]
    frame = frame.assign(_rank=frame["stage"].map({s: i for i, s in enumerate(stages)}))
    out = []
    for (_, stage, year, derived), group in frame.sort_values(["_rank", "year", "name"]).groupby(
            ["_rank", "stage", "year", "derived"], sort=False, dropna=False):
        year = None if pd.isna(year) else int(year)
        out.append((stage_since_text(stage, year, bool(derived), lang),
                    group["name"].head(limit).tolist(), max(0, len(group) - limit)))
    return out
