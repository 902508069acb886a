"""Figures of agents: per Eselon I, per unit (against need), the treemap, breakdowns."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from zi_dashboard.charts import palette
from zi_dashboard.charts.fold import MAX_BARS, TREEMAP_UNITS, fold_wide, others_label
from zi_dashboard.charts.palette import MAIN_COLOR, SERIES, TEXT_COLOR, text_on
from zi_dashboard.charts.theme import (
    category_axis,
    count_axis,
    custom_text,
    empty_figure,
    enum_label,
    finish_figure,
    group_labels,
    hover,
    ranked_alt,
    ranked_hbar,
    shorten,
    spec,
    update_axis,
    wrap,
)
from zi_dashboard.domain import schema
from zi_dashboard.i18n import format_number, t
from zi_dashboard.present.text import plotly_text

__all__ = [
    "agents_by_bar", "agents_per_eselon1_bar", "agents_per_unit_bar",
    "treemap_eselon1_unit",
]

def agents_per_eselon1_bar(frame: pd.DataFrame, lang: str = "id", *,
                           source: str | None = None) -> go.Figure:
    """Agents per Eselon I (metrics.agents_per_eselon1), most on top."""
    title = t("chart.agents_per_eselon1.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    data = frame.sort_values(["agents", "eselon1"], ascending=[False, True])
    names = data["eselon1"].astype(str).tolist()
    share = (data["agents"] / max(int(data["agents"].sum()), 1)).tolist()
    return ranked_hbar(names, names, data["agents"].astype(int).tolist(), lang=lang,
                       title=title, axis="chart.axis.agents", source=source,
                       custom=[list(p) for p in zip(names, share, strict=True)],
                       lines=[("chart.hover.share", "%{customdata[1]:.1%}")],
                       ticks=group_labels(names))


def agents_per_unit_bar(frame: pd.DataFrame, lang: str = "id", *, top_n: int | None = None,
                        source: str | None = None) -> go.Figure:
    """Agents per unit (metrics.agents_per_unit), zero in red, each unit's need as a tick.

    All units are drawn up to MAX_BARS (the 81 of a ministry); a national roll-up gets the top
    MAX_BARS and an "others" bar unless `top_n` says otherwise.
    """
    title = t("chart.agents_per_unit.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    data = frame.sort_values(["agents", "unit_name"], ascending=[False, True])
    limit = MAX_BARS if top_n is None else top_n
    if len(data) > limit:  # the first limit units, and one bar summing the others
        data = fold_wide(data, lang, n=limit + 1, sums=("agents",))
    keys, names = data["unit_key"].astype(str).tolist(), data["unit_name"].astype(str).tolist()
    values = data["agents"].astype(int).tolist()
    custom = [list(p) for p in zip(names, data["eselon1"].fillna("").astype(str), strict=True)]
    needed = pd.to_numeric(data["agents_needed"], errors="coerce").astype("float64")
    marks = [dict(type="scatter",
        x=[None if pd.isna(v) else v for v in needed], y=keys, mode="markers",
        name=t("chart.needed", lang), customdata=custom_text(custom),
        marker=dict(symbol="line-ns-open", size=16, color=palette.INK, line=dict(width=3)),
        hovertemplate=hover(lang, "%{customdata[0]}", ("chart.needed", "%{x:,}")))
    ] if needed.notna().any() else []
    return ranked_hbar(keys, names, values, lang=lang, title=title, axis="chart.axis.agents",
                       source=source, custom=custom, traces=marks,
                       lines=[("filter.eselon1", "%{customdata[1]}")],
                       textfont_color=[palette.ALERT_TEXT if v == 0 else TEXT_COLOR for v in values])


def treemap_eselon1_unit(frame: pd.DataFrame, lang: str = "id", *,
                         source: str | None = None) -> go.Figure:
    """Agents by Eselon I → unit (metrics.agents_per_unit); customdata[0] is the unit_key."""
    title = t("chart.treemap.title", lang)
    data = frame[frame["agents"] > 0] if len(frame) else frame
    if data.empty:
        return empty_figure(title, lang, source)
    totals = data.groupby("eselon1", sort=True)["agents"].sum()
    alt = t("chart.alt.treemap", lang, title=title, groups=len(totals), units=len(data),
            top=totals.idxmax(), top_value=format_number(int(totals.max()), lang))
    tiles = _treemap_tiles(data[["unit_key", "unit_name", "eselon1", "agents"]], lang)
    # customdata: [unit_key ("" on an Eselon I), full name, level]; a click filters by the id:
    # "eselon1:<name>", "unit:<key>", or "others:<Eselon I>" for a folded tile.
    custom = ([["", str(e), "eselon1"] for e in totals.index]
              + [[str(k), str(n), "others" if str(k).startswith("others:") else "unit"]
                 for k, n in zip(tiles["unit_key"], tiles["unit_name"], strict=True)])
    # Each Eselon I its own series colour, its units the same; words in black or white,
    # whichever reads on the tile (Plotly's own pick gave 3.9:1 on vermillion).
    hue = {e: SERIES[i % len(SERIES)]  # the largest Eselon I in blue
           for i, e in enumerate(totals.sort_values(ascending=False, kind="stable").index)}
    fills = [hue[e] for e in totals.index] + [hue[e] for e in tiles["eselon1"]]
    fig = spec(dict(type="treemap",
        marker=dict(colors=fills), textfont=dict(color=[text_on(c) for c in fills]),
        ids=[f"eselon1:{e}" for e in totals.index]
            + [k if k.startswith("others:") else f"unit:{k}" for k in tiles["unit_key"]],
        # Unit names wrapped in short lines: far more of them fit a small tile than one line.
        labels=[shorten(c[1], 28) if c[2] == "eselon1" else wrap(c[1], 14, limit=48)
                for c in custom],
        parents=[""] * len(totals) + [f"eselon1:{e}" for e in tiles["eselon1"]],
        values=totals.astype(int).tolist() + tiles["agents"].astype(int).tolist(),
        branchvalues="total", customdata=custom_text(custom),
        texttemplate="%{label}<br>%{value:,}",
        hovertemplate=hover(lang, "%{customdata[1]}", ("chart.axis.agents", "%{value:,}"))),
        uniformtext=dict(minsize=9))  # more unit names fit their tiles
    return finish_figure(fig, lang=lang, title=title, source=source, height=560, alt=alt)


def _treemap_tiles(units: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One tile per unit, up to TREEMAP_UNITS; beyond, the units with at least 1 % of the agents
    keep theirs and the rest of each Eselon I share one "Lainnya (n unit)" tile. Thousands of
    slivers would cost seconds to draw and, their labels being one size, hide every name."""
    if len(units) <= TREEMAP_UNITS:
        return units
    big = units[units["agents"] >= 0.01 * units["agents"].sum()].head(TREEMAP_UNITS)
    rest = units.drop(big.index).groupby("eselon1", sort=True).agg(
        agents=("agents", "sum"), n=("unit_key", "size")).reset_index()
    folded = pd.DataFrame({"unit_key": "others:" + rest["eselon1"].astype(str),
                           "unit_name": [others_label(int(n), lang) for n in rest["n"]],
                           "eselon1": rest["eselon1"], "agents": rest["agents"]})
    return pd.concat([big, folded], ignore_index=True)


def agents_by_bar(frame: pd.DataFrame, field: str, lang: str = "id", *,
                  source: str | None = None) -> go.Figure:
    """Agents by gender, rank, appointed_year or position (metrics.agents_by), in its order."""
    title = t(f"chart.agents_by.{field}.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    enum = schema.GENDERS if field == "gender" else None
    labels = [enum_label(enum, v, lang) for v in frame[field]]
    values = frame["agents"].astype(int).tolist()
    custom = [[label, s] for label, s in zip(labels, frame["share"], strict=True)]
    ticks = [plotly_text(label) for label in labels]
    keys = [str(i) for i in range(len(labels))]  # positions: a missing value is a category too
    share = [("chart.hover.share", "%{customdata[1]:.1%}")]
    if field == "position":  # long free-text labels read better on the side
        return ranked_hbar(keys, labels, values, lang=lang, title=title,
                           axis="chart.axis.agents", source=source, custom=custom, lines=share)
    fig = spec(dict(type="bar",
        x=keys, y=values, marker_color=MAIN_COLOR, texttemplate="%{y:,}", textposition="outside",
        cliponaxis=False, customdata=custom_text(custom),
        hovertemplate=hover(lang, "%{customdata[0]}", ("chart.axis.agents", "%{y:,}"), *share)))
    category_axis(fig, keys, ticks, "x")
    update_axis(fig, "y", title=dict(text=t("chart.axis.agents", lang)))
    count_axis(fig, values, "y")
    return finish_figure(fig, lang=lang, title=title, source=source, height=380,
                         alt=ranked_alt("bar", title, labels, values, lang))
