"""LKE numbers in context: survey indices to points, scores within their weights, the rule set.

Runs inside the units check (rows.check_unit_rows) on the parsed values, so the stored tables
hold points and every conversion or refusal is an issue at its row and column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from zi_dashboard.domain.rule_sets import EPSILON, RULE_SETS, rule_set, rule_set_keys
from zi_dashboard.domain.schema import LKE_AREAS, LKE_HASIL, normalize_header
from zi_dashboard.i18n import format_number
from zi_dashboard.ingest.report import Issue

__all__ = ["INDEX_SCALE", "SURVEY_COLUMNS", "check_scores", "score_rule_keys"]

# Surveys (IPAK, IPKP) are scored 0–4; the LKE counts points (DOMAIN.md "Numbers in context").
INDEX_SCALE = 4.0
SURVEY_COLUMNS = ("hasil_ipak", "hasil_ipkp")
# A header with one of these words declares the column an index ("Indeks IPKP", "IPAK index").
_INDEX_WORDS = ("indeks", "index")
_SCORES = ("lke_score", *LKE_AREAS, *LKE_HASIL)
# A total may differ from the sum of its parts by this much (rounding in the recap).
_TOTAL_TOLERANCE = 0.5


def _local(value: float, lang: str, least: int = 2) -> str:
    """A number with every decimal it has (up to six), at least `least`: 14,00, 15,70625."""
    return format_number(round(float(value), 6), lang, 6, min_decimals=least)


def score_rule_keys(values: dict[str, pd.Series], n: int) -> np.ndarray:
    """The rule set key of each row, by its evaluation year (none: the newest)."""
    years = values.get("evaluation_year")
    return rule_set_keys([None] * n if years is None else years)


def _per_row(keys: np.ndarray, pick) -> np.ndarray:
    """One number per row from each row's rule set (NaN where the set has none)."""
    table = {k: pick(rule_set(k)) for k in pd.unique(keys)}
    return pd.Series(keys, dtype=object).map(table).to_numpy(dtype="float64")


def _index_header(rows, column: str) -> np.ndarray:
    """Per row: whether its sheet's header for `column` names an index."""
    flags = np.array([any(w in normalize_header(s.headers.get(column) or "") for w in _INDEX_WORDS)
                      for s in rows.sheets], dtype=bool)
    return flags[rows.src]


def _convert_surveys(rows, values: dict[str, pd.Series], keys: np.ndarray) -> None:
    """Survey cells written as a 0–4 index become points (index / 4 × the set's factor)."""
    titles = {k: rule_set(k).title for k in pd.unique(keys)}
    confirmed = _per_row(keys, lambda r: float(r.survey_confirmed)) == 1.0
    for column in SURVEY_COLUMNS:
        if column not in values:
            continue
        score = values[column].astype("float64")
        header = _index_header(rows, column)
        given = score.notna().to_numpy()
        # A value above 4 cannot be an index, whatever the header says: it stays points, and
        # under an index header a warning says so.
        as_index = given & (score <= INDEX_SCALE).to_numpy()
        rows.flag("survey_index_header_points", given & header & ~as_index, column,
                  severity="warning")
        # Zero is zero on either scale: nothing to convert or to say.
        as_index &= (score != 0).to_numpy()
        if not as_index.any():
            continue
        # A sheet whose column also holds points (> 4) mixes the scales: each index is still
        # converted, but as a warning the admin confirms, since one misread flips a verdict.
        mixed_sheets = np.intersect1d(rows.src[as_index], rows.src[given & ~as_index & (
            score > INDEX_SCALE).to_numpy()])
        mixed = as_index & np.isin(rows.src, mixed_sheets)
        factor = _per_row(keys, lambda r, c=column: r.survey_points.get(c, np.nan))
        index = score.to_numpy()
        points = np.round(index / INDEX_SCALE * factor, 6)

        def params(pos: int, index=index, factor=factor, points=points) -> dict:
            # Per language, with every decimal: the report's float display stops at two.
            shown = {name: {lang: _local(number[pos], lang, least) for lang in ("id", "en")}
                     for name, number, least in (("index", index, 2), ("factor", factor, 1),
                                                 ("points", points, 2))}
            return shown | {"rule_set": titles[keys[pos]]}

        rows.flag("survey_index_converted", as_index & confirmed & ~mixed, column,
                  severity="info", params=params)
        rows.flag("survey_index_converted_unconfirmed", as_index & ~confirmed & ~mixed, column,
                  severity="info", params=params)
        rows.flag("survey_scale_mixed", mixed, column, severity="warning", params=params)
        values[column] = score.where(~as_index, pd.Series(points, index=score.index))


def _check_weights(rows, values: dict[str, pd.Series], keys: np.ndarray) -> None:
    """An area or component above its weight under the row's rule set is an error.

    The total is bounded by the schema range (0–100), and pengungkit, the sum of the areas, by
    the areas' own bounds, so neither needs a check of its own here.
    """
    titles = {k: rule_set(k).title for k in pd.unique(keys)}
    for column in (*LKE_AREAS, *LKE_HASIL):
        if column not in values:
            continue
        weight = _per_row(keys, lambda r, c=column: r.bounds.get(c, np.nan))
        above = (values[column].astype("float64").to_numpy() > weight + EPSILON)
        rows.flag("lke_above_weight", above, column,
                  params=lambda pos, weight=weight: {"weight": float(weight[pos]),
                                                     "rule_set": titles[keys[pos]]})


def _check_year(rows, values: dict[str, pd.Series], keys: np.ndarray) -> None:
    """Scores without an evaluation year: say which rule set is assumed and what to add."""
    scored = np.zeros(len(rows.frame), dtype=bool)
    for column in _SCORES:
        if column in values:
            scored |= values[column].notna().to_numpy()
    newest = {"rule_set": RULE_SETS[-1].title}
    year = values.get("evaluation_year")
    if year is not None:
        rows.flag("lke_no_evaluation_year", scored & year.isna().to_numpy(), "evaluation_year",
                  severity="warning", params=newest)
        return
    # No such column at all: one warning per sheet that has scores, not one per unit.
    for index in pd.unique(rows.src[scored]):
        sheet = rows.sheets[index]
        rows.issues.append(Issue("warning", "lke_no_evaluation_year", sheet.file, sheet.sheet,
                                 sheet.header_row, params=dict(newest)))


def _check_total(rows, values: dict[str, pd.Series]) -> None:
    """A total that differs from its parts by more than rounding is a warning."""
    if not all(c in values for c in (*LKE_AREAS, "lke_score")):
        return
    hasil = [values[c] for c in LKE_HASIL if c in values]
    total = pd.concat([values[c] for c in LKE_AREAS], axis=1).sum(axis=1, min_count=6)
    total = total + (pd.concat(hasil, axis=1).sum(axis=1, min_count=1) if hasil else np.nan)
    off = total.notna() & values["lke_score"].notna() & (
        total - values["lke_score"]).abs().gt(_TOTAL_TOLERANCE)
    rows.flag("lke_total_mismatch", off, "lke_score", severity="warning",
              params=lambda pos: {"total": round(float(total.iat[pos]), 2)})


def check_scores(rows, values: dict[str, pd.Series]) -> np.ndarray:
    """Every LKE check of the units rows, in place on `values`; returns each row's rule set key."""
    keys = score_rule_keys(values, len(rows.frame))
    _convert_surveys(rows, values, keys)
    _check_weights(rows, values, keys)
    _check_year(rows, values, keys)
    _check_total(rows, values)
    return keys
