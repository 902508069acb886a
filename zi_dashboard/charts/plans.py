"""Figures of action plans (RTL): plans per status and mean progress."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from zi_dashboard.charts.fold import fold_wide
from zi_dashboard.charts.palette import (
    UNKNOWN_COLOR,
    plan_status_colors,
)
from zi_dashboard.charts.theme import (
    add_stacked_bars,
    bar_height,
    category_axis,
    count_axis,
    empty_figure,
    enum_label,
    finish_figure,
    group_labels,
    hover,
    merge,
    parts_alt,
    ranked_alt,
    ranked_hbar,
    row_height,
    shorten,
    spec,
    update_axis,
)
from zi_dashboard.domain import schema
from zi_dashboard.i18n import t
from zi_dashboard.present.text import plotly_text

__all__ = ["plan_progress_bar", "plan_status_bar"]

def plan_status_bar(frame: pd.DataFrame, lang: str = "id", *, level: str | None = None,
                    source: str | None = None) -> go.Figure:
    """Plans per status (action_plans.plan_status_counts), overall or stacked per Eselon I / unit."""
    title = t("chart.plan_status.title", lang)
    if frame.empty or frame["plans"].sum() == 0:
        return empty_figure(title, lang, source)
    colours = plan_status_colors()
    if level is None:
        statuses, values = frame["status"].tolist(), frame["plans"].astype(int).tolist()
        labels = [enum_label(schema.PLAN_STATUSES, s, lang) for s in statuses]
        shown = [plotly_text(label) for label in labels]
        fig = spec(dict(type="bar",
            x=shown, y=values, texttemplate="%{y:,}", textposition="outside", cliponaxis=False,
            marker_color=[colours.get(s, UNKNOWN_COLOR) for s in statuses],
            hovertemplate=hover(lang, "%{x}", ("chart.axis.plans", "%{y:,}"))),
            xaxis=dict(type="category", categoryorder="array", categoryarray=shown),
            yaxis=dict(title=dict(text=t("chart.axis.plans", lang))))
        count_axis(fig, values, "y")
        return finish_figure(fig, lang=lang, title=title, source=source, height=380,
                             alt=parts_alt("bar", title, labels, values, lang))
    names = frame["unit_name"] if "unit_name" in frame.columns else frame[level]
    data = frame.assign(_name=names.astype(str), _count=frame["plans"],
                        **{level: frame[level].astype(str)})
    totals = data.groupby(level)["plans"].sum().sort_values(ascending=False, kind="stable")
    keys = totals.index.tolist()
    full = dict(zip(data[level], data["_name"], strict=True))
    fig = spec()
    add_stacked_bars(fig, data, level=level, series="status", value="plans", keys=keys,
           enum=schema.PLAN_STATUSES, colours=colours, lang=lang, horizontal=True,
           line="§: %{x:,}")
    ticks = (group_labels([full[k] for k in keys]) if level == "eselon1"
             else [shorten(full[k]) for k in keys])
    category_axis(fig, keys, ticks)
    update_axis(fig, "x", title=dict(text=t("chart.axis.plans", lang)))
    count_axis(fig, totals.tolist())
    merge(fig["layout"], dict(legend=dict(title=dict(text=t("chart.legend.status", lang)))))
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=bar_height(len(keys), row_height(ticks)),
                         alt=ranked_alt("stacked", title, [full[k] for k in keys],
                                        totals.astype(int).tolist(), lang))


def plan_progress_bar(frame: pd.DataFrame, lang: str = "id", *, level: str = "unit_key",
                      source: str | None = None) -> go.Figure:
    """Mean progress % per unit or Eselon I (action_plans.plan_progress), in its order."""
    title = t(f"chart.plan_progress.{level}.title", lang)
    data = frame.dropna(subset=["mean_progress"]) if len(frame) else frame
    if data.empty:
        return empty_figure(title, lang, source)
    if level == "unit_key":  # a national roll-up: the first units, and the rest as one bar
        data = fold_wide(data, lang, sums=("plans", "done"), means=("mean_progress",),
                         weights={"mean_progress": "plans"})
    names = (data["unit_name"] if level == "unit_key" else data[level]).astype(str).tolist()
    custom = [[n, int(p), int(d)] for n, p, d in zip(names, data["plans"], data["done"],
                                                     strict=True)]
    return ranked_hbar(data[level].astype(str).tolist(), names, data["mean_progress"].tolist(),
                       lang=lang, title=title, axis="chart.axis.progress", source=source,
                       custom=custom, fmt="%{x:.0f} %", decimals=1,
                       lines=[("chart.axis.plans", "%{customdata[1]:,}"),
                              ("chart.hover.done", "%{customdata[2]:,}")],
                       ticks=group_labels(names) if level == "eselon1" else None,
                       xaxis=dict(range=[0, 105]))
