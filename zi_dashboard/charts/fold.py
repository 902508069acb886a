"""Per-unit charts at national scale: the first MAX_BARS units drawn, the rest folded into one
"Lainnya (n unit)" bar or row. Ten thousand bars help nobody; the full list stays in the chart's
*Lihat data* table, which the page gets unfolded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from zi_dashboard.i18n import format_number, t

__all__ = ["MAX_BARS", "OTHERS_KEY", "TREEMAP_UNITS", "fold_long", "fold_wide", "others_label"]

OTHERS_KEY = "__others__"  # the unit_key of the "others" bar of a folded chart
MAX_BARS = 150  # a ministry's units (81 at Kemensos) are all drawn; a national roll-up is not
TREEMAP_UNITS = 200  # unit tiles of the treemap; beyond, small units share a tile per Eselon I


def others_label(n: int, lang: str, *, mean: bool = False) -> str:
    """"Lainnya (9.850 unit)", or "… rata-rata" where the bar is the others' mean."""
    key = "chart.others_mean" if mean else "chart.others"
    return t(key, lang, n=format_number(n, lang))


def fold_wide(frame: pd.DataFrame, lang: str, *, n: int = MAX_BARS, key: str = "unit_key",
              name: str = "unit_name", sums: Sequence[str] = (), means: Sequence[str] = (),
              weights: Mapping[str, str] | None = None, fill: Mapping[str, object] | None = None
              ) -> pd.DataFrame:
    """The first `n - 1` rows as they are, and one row for the rest: `sums` summed, `means`
    averaged over the rows that have a value (weighted by the column `weights[mean]` names),
    `fill` set as given, other columns empty."""
    if len(frame) <= n:
        return frame
    head, rest = frame.iloc[: n - 1], frame.iloc[n - 1:]
    row: dict[str, object] = {c: None for c in frame.columns}
    row.update({key: OTHERS_KEY, name: others_label(len(rest), lang, mean=bool(means) and not sums)})
    row.update({c: rest[c].sum() for c in sums})
    for column in means:
        values = pd.to_numeric(rest[column], errors="coerce")
        weight = (pd.to_numeric(rest[(weights or {})[column]], errors="coerce")
                  if column in (weights or {}) else pd.Series(1.0, index=rest.index))
        have = values.notna() & weight.notna()
        total = float(weight[have].sum())
        row[column] = float((values[have] * weight[have]).sum() / total) if total else None
    row.update(fill or {})
    others = pd.DataFrame([row], columns=frame.columns)
    return pd.concat([head.astype(object), others.astype(object)], ignore_index=True)


def fold_long(frame: pd.DataFrame, lang: str, *, level: str, series: str, count: str,
              share: str | None = None, name: str = "unit_name", n: int = MAX_BARS
              ) -> pd.DataFrame:
    """Long data (one row per level × series): the first `n - 1` levels in their order, and the
    rest summed per series into one OTHERS_KEY level; `share` recomputed within each level."""
    levels = frame[level].drop_duplicates()
    if len(levels) <= n:
        return frame
    kept = set(levels.iloc[: n - 1])
    head, rest = frame[frame[level].isin(kept)], frame[~frame[level].isin(kept)]
    others = rest.groupby(series, sort=False, dropna=False)[count].sum().reset_index()
    others[level] = OTHERS_KEY
    if name in frame.columns:
        others[name] = others_label(rest[level].nunique(), lang)
    if share:
        others[share] = others[count] / max(float(others[count].sum()), 1.0)
    return pd.concat([head, others[[c for c in frame.columns if c in others.columns]]],
                     ignore_index=True)
