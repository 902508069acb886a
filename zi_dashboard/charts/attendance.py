"""Figures of workshop attendance: the split by mode, 100 % bars, per event and day."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from zi_dashboard.charts import palette
from zi_dashboard.charts.fold import fold_long
from zi_dashboard.charts.palette import (
    UNKNOWN_COLOR,
    attendance_colors,
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
    row_height,
    shorten,
    spec,
    update_axis,
)
from zi_dashboard.domain import schema
from zi_dashboard.i18n import format_date, format_number, format_pct, t
from zi_dashboard.present.text import plotly_text

__all__ = ["attendance_by_event", "attendance_donut", "attendance_stacked_100"]

_MODES = schema.ATTENDANCE_MODES


def attendance_donut(frame: pd.DataFrame, lang: str = "id", *, event: str | None = None,
                     source: str | None = None) -> go.Figure:
    """Attendance split by mode (metrics.attendance_overall): counts, shares, total inside."""
    title = (t("chart.attendance.title_event", lang, event=event) if event
             else t("chart.attendance.title", lang))
    if frame.empty:
        return empty_figure(title, lang, source)
    modes, values = frame["mode"].tolist(), frame["agents"].astype(int).tolist()
    labels = [enum_label(_MODES, m, lang) for m in modes]
    colours = attendance_colors()
    fig = spec(dict(type="pie",
        labels=[plotly_text(label) for label in labels], values=values, hole=0.58, sort=False, direction="clockwise",
        marker=dict(colors=[colours.get(m, UNKNOWN_COLOR) for m in modes],
                    line=dict(color=palette.BACKGROUND, width=2)),
        # No label on an empty slice: its "0" sat on the legend in a one-mode filtered view.
        texttemplate=["%{value:,}<br>%{percent:.1%}" if v else "" for v in values],
        textposition="outside", automargin=True,
        hovertemplate=hover(lang, "%{label}", ("chart.axis.agents", "%{value:,}"),
                            ("chart.hover.share", "%{percent:.1%}"))),
        annotations=[dict(text=f"<b>{format_number(sum(values), lang)}</b><br>"
                               f"{t('unit.agents', lang)}", showarrow=False, x=0.5, y=0.5,
                          xref="paper", yref="paper", font=dict(size=18))])
    return finish_figure(fig, lang=lang, title=title, source=source, height=400,
                         alt=parts_alt("donut", title, labels, values, lang))


def attendance_stacked_100(frame: pd.DataFrame, lang: str = "id", *, level: str = "eselon1",
                           source: str | None = None) -> go.Figure:
    """Share of each mode per Eselon I or unit (metrics.attendance_by), in its order."""
    title = t(f"chart.attendance_by.{level}.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    if level == "unit_key":  # a national roll-up: the first units, and the rest as one bar
        frame = fold_long(frame, lang, level=level, series="mode", count="agents", share="share")
    names = frame["unit_name"] if level == "unit_key" else frame[level]
    data = frame.assign(**{level: frame[level].astype(str), "_name": names.astype(str),
                           "_count": frame["agents"]})
    keys = data[level].drop_duplicates().tolist()
    full = dict(zip(data[level], data["_name"], strict=True))
    fig = spec()
    add_stacked_bars(fig, data, level=level, series="mode", value="share", keys=keys, enum=_MODES,
           colours=attendance_colors(), lang=lang, horizontal=True,
           line="§: %{customdata[1]:,} " + t("unit.agents", lang) + " (%{x:.1%})")
    for trace in fig["data"]:
        trace.update(texttemplate="%{x:.0%}", textposition="inside", insidetextanchor="middle")
    ticks = (group_labels([full[k] for k in keys]) if level == "eselon1"
             else [shorten(full[k]) for k in keys])
    category_axis(fig, keys, ticks)
    update_axis(fig, "x", title=dict(text=t("chart.axis.share", lang)), tickformat=".0%",
                range=[0, 1])
    merge(fig["layout"], dict(legend=dict(title=dict(text=t("chart.legend.mode", lang)))))
    first = data[(data[level] == keys[0]) & (data["mode"] == "tatap_muka")]["share"]
    alt = t("chart.alt.stacked", lang, title=title, n=len(keys), top=full[keys[0]],
            mode=_MODES.label("tatap_muka", lang),
            value=format_pct(float(first.iloc[0]) if len(first) else 0.0, lang))
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=bar_height(len(keys), row_height(ticks)), alt=alt)


def attendance_by_event(frame: pd.DataFrame, lang: str = "id", *,
                        source: str | None = None) -> go.Figure:
    """Agents per event and day stacked by mode (metrics.attendance_by_event), date order."""
    title = t("chart.attendance_by_event.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    days = [format_date(d, lang) if pd.notna(d) else "" for d in frame["date"]]
    events = frame["event"].astype(str).tolist()
    pairs = list(zip(events, days, strict=True))
    data = frame.assign(_key=[f"{e}|{d}" for e, d in pairs], _count=frame["agents"],
                        _name=[f"{e} · {d}" if d else e for e, d in pairs])
    keys = data["_key"].drop_duplicates().tolist()
    ticks = dict(zip(data["_key"], [shorten(e, 28) + (f"<br>{d}" if d else "") for e, d in pairs],
                     strict=True))
    fig = spec()
    add_stacked_bars(fig, data, level="_key", series="mode", value="agents", keys=keys, enum=_MODES,
           colours=attendance_colors(), lang=lang, horizontal=False,
           line="§: %{y:,} " + t("unit.agents", lang))
    category_axis(fig, keys, [ticks[k] for k in keys], "x")
    totals = data.groupby("_key", sort=False).agg(name=("_name", "first"), n=("agents", "sum"))
    update_axis(fig, "y", title=dict(text=t("chart.axis.agents", lang)))
    count_axis(fig, totals["n"].tolist(), "y")
    merge(fig["layout"], dict(legend=dict(title=dict(text=t("chart.legend.mode", lang)))))
    return finish_figure(fig, lang=lang, title=title, source=source, height=420,
                         alt=ranked_alt("stacked", title, totals["name"].tolist(),
                                        totals["n"].astype(int).tolist(), lang))
