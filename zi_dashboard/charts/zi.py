"""Figures of the road to WBK/WBBM: stages, the funnel, LKE scores and areas, movement."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from zi_dashboard.charts import palette
from zi_dashboard.charts.fold import OTHERS_KEY, fold_wide
from zi_dashboard.charts.palette import UNKNOWN_COLOR, stage_colors, text_on
from zi_dashboard.charts.theme import (
    add_stacked_bars,
    bar_height,
    category_axis,
    count_axis,
    empty_figure,
    enum_label,
    finish_figure,
    format_value,
    group_labels,
    hover,
    merge,
    parts_alt,
    ranked_alt,
    row_height,
    shorten,
    spec,
    update_axis,
    wrap,
)
from zi_dashboard.domain import rules, schema
from zi_dashboard.i18n import format_number, t
from zi_dashboard.present.text import plotly_text

__all__ = [
    "area_heatmap", "lke_bar", "stage_bar", "stage_funnel", "stage_movement",
    "stages_by_eselon1",
]

def stage_bar(frame: pd.DataFrame, lang: str = "id", *, source: str | None = None) -> go.Figure:
    """Units per ZI stage (metrics.stage_counts), stages in path order, stage colours."""
    title = t("chart.stage_bar.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    colours = stage_colors()
    stages, values = frame["zi_stage"].tolist(), frame["units"].astype(int).tolist()
    labels = [enum_label(schema.STAGES, s, lang) for s in stages]
    shown = [plotly_text(label) for label in labels]
    # Lying bars, stages top to bottom: ten stage names stay level in a half-width column
    # (standing bars turned them on end, over the source line).
    fig = spec(dict(type="bar",
        x=values, y=stages, orientation="h", texttemplate="%{x:,}", textposition="outside",
        cliponaxis=False, marker_color=[colours.get(s, UNKNOWN_COLOR) for s in stages],
        customdata=[[label] for label in shown],
        hovertemplate=hover(lang, "%{customdata[0]}", ("chart.axis.units", "%{x:,}"))))
    category_axis(fig, stages, shown)
    update_axis(fig, "x", title=dict(text=t("chart.axis.units", lang)))
    count_axis(fig, values)
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=bar_height(len(stages), 26, 400),
                         alt=parts_alt("bar", title, labels, values, lang))


def stage_funnel(frame: pd.DataFrame, lang: str = "id", *, source: str | None = None
                 ) -> go.Figure:
    """Units that reached at least each stage (metrics.stage_funnel)."""
    title = t("chart.stage_funnel.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    colours = stage_colors()
    stages, values = frame["zi_stage"].tolist(), frame["units"].astype(int).tolist()
    labels = [enum_label(schema.STAGES, s, lang) for s in stages]
    shown = [plotly_text(label) for label in labels]
    fills = [colours.get(s, UNKNOWN_COLOR) for s in stages]
    fig = spec(dict(type="funnel",
        y=shown, x=values, marker_color=fills,
        # "auto": a stage too narrow for its number gets it beside the bar, not hidden.
        texttemplate="%{x:,} (%{percentInitial:.0%})", textposition="auto",
        insidetextfont=dict(color=[text_on(c) for c in fills]),
        outsidetextfont=dict(color=palette.TEXT_COLOR),
        connector=dict(fillcolor=palette.CONNECTOR_COLOR, line=dict(width=0)),
        hovertemplate=hover(lang, "%{y}", ("chart.axis.units", "%{x:,}"),
                            ("chart.hover.share", "%{percentInitial:.1%}"))),
               yaxis=dict(categoryorder="array", categoryarray=shown))
    return finish_figure(fig, lang=lang, title=title, source=source, height=440,
                         alt=parts_alt("funnel", title, labels, values, lang, base=values[0]))


def _stage_stack(frame: pd.DataFrame, level: str, names: list[str], lang: str, title: str,
                 horizontal: bool, source: str | None, height: int,
                 level_title: str | None = None) -> go.Figure:
    data = frame.assign(_name=frame[level].astype(str), _count=frame["units"],
                        **{level: frame[level].astype(str)})
    fig = spec()
    add_stacked_bars(fig, data, level=level, series="zi_stage", value="units", keys=names,
           enum=schema.STAGES, colours=stage_colors(), lang=lang, horizontal=horizontal,
           line="§: %{customdata[1]:,} " + t("unit.units", lang))
    ticks = group_labels(names) if horizontal else [shorten(n, 40) for n in names]
    values, levels = ("x", "y") if horizontal else ("y", "x")
    category_axis(fig, names, ticks, levels)
    update_axis(fig, values, title=dict(text=t("chart.axis.units", lang)))
    if level_title:
        update_axis(fig, levels, title=dict(text=level_title))
    merge(fig["layout"], dict(legend=dict(title=dict(text=t("chart.legend.stage", lang)))))
    totals = data.groupby(level, sort=False)["units"].sum().reindex(names)
    count_axis(fig, totals.tolist(), values)
    return finish_figure(fig, lang=lang, title=title, source=source, height=height,
                         alt=ranked_alt("stacked", title, names, totals.astype(int).tolist(),
                                        lang))


def stages_by_eselon1(frame: pd.DataFrame, lang: str = "id", *, source: str | None = None
                      ) -> go.Figure:
    """Units per Eselon I stacked by stage (metrics.stages_by_eselon1), most units on top."""
    title = t("chart.stages_by_eselon1.title", lang)
    if frame.empty or frame["units"].sum() == 0:
        return empty_figure(title, lang, source)
    totals = frame.groupby("eselon1")["units"].sum().reset_index().sort_values(
        ["units", "eselon1"], ascending=[False, True])
    names = totals["eselon1"].astype(str).tolist()
    return _stage_stack(frame, "eselon1", names, lang, title, True, source,
                        bar_height(len(names), row_height(group_labels(names))))


def stage_movement(frame: pd.DataFrame, lang: str = "id", *, source: str | None = None
                   ) -> go.Figure:
    """Units per year stacked by stage (metrics.stage_movement), years in order."""
    title = t("chart.stage_movement.title", lang)
    if frame.empty or frame["units"].sum() == 0:
        return empty_figure(title, lang, source)
    years = sorted({int(y) for y in frame["year"]})
    return _stage_stack(frame.assign(year=frame["year"].astype("int64")), "year",
                        [str(y) for y in years], lang, title, False, source, 420,
                        level_title=t("chart.axis.year", lang))


def lke_bar(frame: pd.DataFrame, lang: str = "id", *, rule_set: rules.RuleSet | None = None,
            source: str | None = None) -> go.Figure:
    """LKE score per unit (metrics.lke_by_unit) coloured by stage, with the WBK and WBBM total
    minimums of `rule_set` (default: the newest) as lines."""
    title = t("chart.lke.title", lang)
    marks = rule_set or rules.RULE_SETS[-1]
    wbk, wbbm = marks.minimum("wbk"), marks.minimum("wbbm")
    if frame.empty:
        return empty_figure(title, lang, source)
    data = frame.sort_values(["lke_score", "unit_name"], ascending=[False, True])
    scores = data["lke_score"].astype(float)
    alt = ranked_alt("bar", title, data["unit_name"].astype(str).tolist(), scores.tolist(), lang,
                     decimals=2) + " " + t(
        "chart.alt.thresholds", lang, wbk=format_value(wbk, lang), wbbm=format_value(wbbm, lang),
        n_wbk=int((scores >= wbk).sum()), n_wbbm=int((scores >= wbbm).sum()))
    # A national roll-up: the top units, and the others' mean as one grey bar.
    data = fold_wide(data, lang, means=("lke_score",), fill={"zi_stage": OTHERS_KEY})
    data = data.assign(_name=data["unit_name"].astype(str), _count=data["lke_score"],
                       unit_key=data["unit_key"].astype(str))
    keys, names = data["unit_key"].tolist(), data["_name"].tolist()
    fig = spec()
    add_stacked_bars(fig, data, level="unit_key", series="zi_stage", value="lke_score", keys=keys,
                     enum=schema.STAGES, colours=stage_colors(), lang=lang, horizontal=True,
                     line=t("chart.axis.lke", lang) + ": %{x:,.2f} · §")
    # The minimums as lines, labelled at their foot (rows are sorted: the lowest scores sit
    # there). Plain layout shapes: add_vline's axis machinery cost 14 ms a chart.
    marks_at = (("WBK", wbk, "dash"), ("WBBM", wbbm, "dot"))
    merge(fig["layout"], dict(
        shapes=[dict(type="line", xref="x", yref="paper", x0=mark, x1=mark, y0=0, y1=1,
                     line=dict(color=palette.INK, width=1.5, dash=dash))
                for _, mark, dash in marks_at],
        annotations=[dict(text=f"{name} {format_value(mark, lang)}", x=mark, xref="x", y=0,
                          yref="paper", yanchor="bottom", xanchor="left", showarrow=False,
                          bgcolor="rgba(255,255,255,0.85)") for name, mark, _ in marks_at]))
    category_axis(fig, keys, [shorten(n) for n in names])
    update_axis(fig, "x", title=dict(text=t("chart.axis.lke", lang)), range=[0, 100])
    merge(fig["layout"], dict(legend=dict(title=dict(text=t("chart.legend.stage", lang)))))
    return finish_figure(fig, lang=lang, title=title, source=source, height=bar_height(len(keys)),
                         alt=alt)


def area_heatmap(frame: pd.DataFrame, lang: str = "id", *, source: str | None = None
                 ) -> go.Figure:
    """Units × the six LKE areas in % of each area's weight (0–100), e.g. rules.area_pct.

    Rows are named by a unit_name column, else unit_key, else the index; the area columns are
    those of schema.LKE_AREAS present in the frame.
    """
    title = t("chart.area_heatmap.title", lang)
    areas = [a for a in schema.LKE_AREAS if a in frame.columns]
    if frame.empty or not areas:
        return empty_figure(title, lang, source)
    name_col = next((c for c in ("unit_name", "unit_key") if c in frame.columns), None)
    values = pd.Series(frame[areas].astype("float64").to_numpy().ravel()).dropna()
    alt = t("chart.alt.heatmap", lang, title=title, units=len(frame), areas=len(areas),
            low=format_number(values.min() if len(values) else None, lang),
            high=format_number(values.max() if len(values) else None, lang))
    if name_col:  # a national roll-up: the first units, and the others' mean per area
        frame = fold_wide(frame, lang, key=name_col, name=name_col, means=areas)
    names = (frame[name_col] if name_col else pd.Series(frame.index)).astype(str).tolist()
    keys = [f"{i}" for i in range(len(names))]  # row positions: names need not be unique
    units = schema.DATASETS["units"]
    labels = [units.column(a).label(lang) for a in areas]
    z = frame[areas].astype("float64").to_numpy()
    fig = spec(dict(type="heatmap",
        z=z, x=areas, y=keys, zmin=0, zmax=100, colorscale="Cividis", xgap=1, ygap=1,
        texttemplate="%{z:.0f}",
        # An array: Plotly checks nested lists item by item (half this chart's time).
        customdata=np.array([[[plotly_text(n), plotly_text(lab)] for lab in labels]
                             for n in names], dtype=object),
        colorbar=dict(title=dict(text="%"), ticksuffix=" %", lenmode="pixels",
                      len=min(320, max(120, 24 * len(names))), y=1, yanchor="top"),
        hovertemplate=hover(lang, "%{customdata[0]}", ("chart.hover.area", "%{customdata[1]}"),
                            ("chart.axis.area_pct", "%{z:.1f} %"))))
    category_axis(fig, keys, [shorten(n, 36) for n in names])
    category_axis(fig, areas, [wrap(lab) for lab in labels], "x")
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=bar_height(len(names), 24, 360), alt=alt)
