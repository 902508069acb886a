"""Metric frames → Plotly figures in the UI language; the look lives in theme.py.

Every builder takes a frame from `metrics` (or rules), `lang` and an optional `source` line, and
returns a go.Figure whose alt text is in fig.layout.meta["alt"] (read it with `alt_text`).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from zi_dashboard import schema
from zi_dashboard.i18n import format_date, format_number, format_pct, t
from zi_dashboard.theme import (
    ALERT_COLOR, MAIN_COLOR, TEXT_COLOR, UNKNOWN_COLOR, add_stacked_bars, alt_text,
    attendance_colors, bar_height, category_axis, chart_config, count_axis, empty_figure,
    enum_label, finish_figure, format_value, group_labels, hover, parts_alt, plan_status_colors,
    ranked_alt, ranked_hbar, row_height, shorten, stage_colors, wrap,
)

__all__ = [
    "MAX_BARS", "OTHERS_KEY", "agents_by_bar", "agents_per_eselon1_bar", "agents_per_unit_bar", "alt_text",
    "area_heatmap", "attendance_by_event", "attendance_donut", "attendance_stacked_100",
    "chart_config", "lke_bar", "plan_progress_bar", "plan_status_bar", "stage_bar",
    "stage_funnel", "stage_movement", "stages_by_eselon1", "treemap_eselon1_unit",
]

OTHERS_KEY = "__others__"  # the unit_key of the "others" bar of a top-n chart
MAX_BARS = 150  # beyond this a per-unit chart shows the top units and one "others" bar
_MODES = schema.ATTENDANCE_MODES


# --- agents ---------------------------------------------------------------------------------

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


def _top_n(frame: pd.DataFrame, top_n: int | None, lang: str) -> pd.DataFrame:
    """The first `top_n` rows and one "others" row summing the rest."""
    if top_n is None or len(frame) <= top_n:
        return frame
    rest = frame.iloc[top_n:]
    others = pd.DataFrame([{"unit_key": OTHERS_KEY, "eselon1": "",
                            "unit_name": t("chart.others", lang, n=len(rest)),
                            "agents": int(rest["agents"].sum()), "agents_needed": None}])
    return pd.concat([frame.iloc[:top_n].astype(object), others.astype(object)],
                     ignore_index=True)


def agents_per_unit_bar(frame: pd.DataFrame, lang: str = "id", *, top_n: int | None = None,
                        source: str | None = None) -> go.Figure:
    """Agents per unit (metrics.agents_per_unit), zero in red, each unit's need as a tick.

    All units are drawn up to MAX_BARS (the 81 of a ministry); a national roll-up gets the top
    MAX_BARS and an "others" bar unless `top_n` says otherwise.
    """
    title = t("chart.agents_per_unit.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    data = _top_n(frame.sort_values(["agents", "unit_name"], ascending=[False, True]),
                  MAX_BARS if top_n is None and len(frame) > MAX_BARS else top_n, lang)
    keys, names = data["unit_key"].astype(str).tolist(), data["unit_name"].astype(str).tolist()
    values = data["agents"].astype(int).tolist()
    custom = [list(p) for p in zip(names, data["eselon1"].fillna("").astype(str), strict=True)]
    fig = ranked_hbar(keys, names, values, lang=lang, title=title, axis="chart.axis.agents",
                      source=source, custom=custom,
                      lines=[("filter.eselon1", "%{customdata[1]}")],
                      textfont_color=[ALERT_COLOR if v == 0 else TEXT_COLOR for v in values])
    needed = pd.to_numeric(data["agents_needed"], errors="coerce").astype("float64")
    if needed.notna().any():
        fig.add_trace(go.Scatter(
            x=[None if pd.isna(v) else v for v in needed], y=keys, mode="markers",
            name=t("chart.needed", lang), customdata=custom,
            marker=dict(symbol="line-ns-open", size=16, color="#000000", line=dict(width=3)),
            hovertemplate=hover(lang, "%{customdata[0]}", ("chart.needed", "%{x:,}"))))
    return fig


def treemap_eselon1_unit(frame: pd.DataFrame, lang: str = "id", *,
                         source: str | None = None) -> go.Figure:
    """Agents by Eselon I → unit (metrics.agents_per_unit); customdata[0] is the unit_key."""
    title = t("chart.treemap.title", lang)
    data = frame[frame["agents"] > 0] if len(frame) else frame
    if data.empty:
        return empty_figure(title, lang, source)
    totals = data.groupby("eselon1", sort=True)["agents"].sum()
    # customdata: [unit_key ("" on an Eselon I), full name, level] so a click can filter.
    custom = ([["", str(e), "eselon1"] for e in totals.index]
              + [[str(k), str(n), "unit"] for k, n in zip(data["unit_key"], data["unit_name"],
                                                           strict=True)])
    fig = go.Figure(go.Treemap(
        ids=[f"eselon1:{e}" for e in totals.index] + [f"unit:{k}" for k in data["unit_key"]],
        # Unit names wrapped in short lines: far more of them fit a small tile than one line.
        labels=[shorten(c[1], 28) if c[2] == "eselon1" else wrap(shorten(c[1], 48), 14)
                for c in custom],
        parents=[""] * len(totals) + [f"eselon1:{e}" for e in data["eselon1"]],
        values=totals.astype(int).tolist() + data["agents"].astype(int).tolist(),
        branchvalues="total", customdata=custom, texttemplate="%{label}<br>%{value:,}",
        hovertemplate=hover(lang, "%{customdata[1]}", ("chart.axis.agents", "%{value:,}"))))
    top = int(totals.to_numpy().argmax())
    alt = t("chart.alt.treemap", lang, title=title, groups=len(totals), units=len(data),
            top=totals.index[top], top_value=format_number(int(totals.iloc[top]), lang))
    fig = finish_figure(fig, lang=lang, title=title, source=source, height=560, alt=alt)
    return fig.update_layout(uniformtext=dict(minsize=9))  # more unit names fit their tiles


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
    keys = [str(i) for i in range(len(labels))]  # positions: a missing value is a category too
    share = [("chart.hover.share", "%{customdata[1]:.1%}")]
    if field == "position":  # long free-text labels read better on the side
        return ranked_hbar(keys, labels, values, lang=lang, title=title,
                           axis="chart.axis.agents", source=source, custom=custom, lines=share)
    fig = go.Figure(go.Bar(
        x=keys, y=values, marker_color=MAIN_COLOR, texttemplate="%{y:,}", textposition="outside",
        cliponaxis=False, customdata=custom,
        hovertemplate=hover(lang, "%{customdata[0]}", ("chart.axis.agents", "%{y:,}"), *share)))
    category_axis(fig, keys, labels, "x")
    fig.update_yaxes(title_text=t("chart.axis.agents", lang))
    count_axis(fig, values, "y")
    return finish_figure(fig, lang=lang, title=title, source=source, height=380,
                         alt=ranked_alt("bar", title, labels, values, lang))


# --- attendance -----------------------------------------------------------------------------

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
    fig = go.Figure(go.Pie(
        labels=labels, values=values, hole=0.58, sort=False, direction="clockwise",
        marker=dict(colors=[colours.get(m, UNKNOWN_COLOR) for m in modes],
                    line=dict(color="#FFFFFF", width=2)),
        # No label on an empty slice: its "0" sat on the legend in a one-mode filtered view.
        texttemplate=["%{value:,}<br>%{percent:.1%}" if v else "" for v in values],
        textposition="outside", automargin=True,
        hovertemplate=hover(lang, "%{label}", ("chart.axis.agents", "%{value:,}"),
                            ("chart.hover.share", "%{percent:.1%}"))))
    fig.add_annotation(text=f"<b>{format_number(sum(values), lang)}</b><br>"
                            f"{t('unit.agents', lang)}", showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font=dict(size=18))
    return finish_figure(fig, lang=lang, title=title, source=source, height=400,
                         alt=parts_alt("donut", title, labels, values, lang))


def attendance_stacked_100(frame: pd.DataFrame, lang: str = "id", *, level: str = "eselon1",
                           source: str | None = None) -> go.Figure:
    """Share of each mode per Eselon I or unit (metrics.attendance_by), in its order."""
    title = t(f"chart.attendance_by.{level}.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    names = frame["unit_name"] if level == "unit_key" else frame[level]
    data = frame.assign(**{level: frame[level].astype(str), "_name": names.astype(str),
                           "_count": frame["agents"]})
    keys = data[level].drop_duplicates().tolist()
    full = dict(zip(data[level], data["_name"], strict=True))
    fig = go.Figure()
    add_stacked_bars(fig, data, level=level, series="mode", value="share", keys=keys, enum=_MODES,
           colours=attendance_colors(), lang=lang, horizontal=True,
           line="§: %{customdata[1]:,} " + t("unit.agents", lang) + " (%{x:.1%})")
    fig.update_traces(texttemplate="%{x:.0%}", textposition="inside", insidetextanchor="middle")
    ticks = (group_labels([full[k] for k in keys]) if level == "eselon1"
             else [shorten(full[k]) for k in keys])
    category_axis(fig, keys, ticks)
    fig.update_xaxes(title_text=t("chart.axis.share", lang), tickformat=".0%", range=[0, 1])
    fig.update_layout(legend_title_text=t("chart.legend.mode", lang))
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
    fig = go.Figure()
    add_stacked_bars(fig, data, level="_key", series="mode", value="agents", keys=keys, enum=_MODES,
           colours=attendance_colors(), lang=lang, horizontal=False,
           line="§: %{y:,} " + t("unit.agents", lang))
    category_axis(fig, keys, [ticks[k] for k in keys], "x")
    totals = data.groupby("_key", sort=False).agg(name=("_name", "first"), n=("agents", "sum"))
    fig.update_yaxes(title_text=t("chart.axis.agents", lang))
    count_axis(fig, totals["n"].tolist(), "y")
    fig.update_layout(legend_title_text=t("chart.legend.mode", lang))
    return finish_figure(fig, lang=lang, title=title, source=source, height=420,
                         alt=ranked_alt("stacked", title, totals["name"].tolist(),
                                        totals["n"].astype(int).tolist(), lang))


# --- Zona Integritas ------------------------------------------------------------------------

def stage_bar(frame: pd.DataFrame, lang: str = "id", *, source: str | None = None) -> go.Figure:
    """Units per ZI stage (metrics.stage_counts), stages in path order, stage colours."""
    title = t("chart.stage_bar.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    colours = stage_colors()
    stages, values = frame["zi_stage"].tolist(), frame["units"].astype(int).tolist()
    labels = [enum_label(schema.STAGES, s, lang) for s in stages]
    # Lying bars, stages top to bottom: ten stage names stay level in a half-width column
    # (standing bars turned them on end, over the source line).
    fig = go.Figure(go.Bar(
        x=values, y=stages, orientation="h", texttemplate="%{x:,}", textposition="outside",
        cliponaxis=False, marker_color=[colours.get(s, UNKNOWN_COLOR) for s in stages],
        customdata=[[label] for label in labels],
        hovertemplate=hover(lang, "%{customdata[0]}", ("chart.axis.units", "%{x:,}"))))
    category_axis(fig, stages, labels)
    fig.update_xaxes(title_text=t("chart.axis.units", lang))
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
    fig = go.Figure(go.Funnel(
        y=labels, x=values, marker_color=[colours.get(s, UNKNOWN_COLOR) for s in stages],
        # "auto": a stage too narrow for its number gets it beside the bar, not hidden.
        texttemplate="%{x:,} (%{percentInitial:.0%})", textposition="auto",
        connector=dict(fillcolor="#EEEEEE", line=dict(width=0)),
        hovertemplate=hover(lang, "%{y}", ("chart.axis.units", "%{x:,}"),
                            ("chart.hover.share", "%{percentInitial:.1%}"))))
    fig.update_yaxes(categoryorder="array", categoryarray=labels)
    return finish_figure(fig, lang=lang, title=title, source=source, height=440,
                         alt=parts_alt("funnel", title, labels, values, lang, base=values[0]))


def _stage_stack(frame: pd.DataFrame, level: str, names: list[str], lang: str, title: str,
                 horizontal: bool, source: str | None, height: int) -> go.Figure:
    data = frame.assign(_name=frame[level].astype(str), _count=frame["units"],
                        **{level: frame[level].astype(str)})
    fig = go.Figure()
    add_stacked_bars(fig, data, level=level, series="zi_stage", value="units", keys=names,
           enum=schema.STAGES, colours=stage_colors(), lang=lang, horizontal=horizontal,
           line="§: %{customdata[1]:,} " + t("unit.units", lang))
    ticks = group_labels(names) if horizontal else [shorten(n, 40) for n in names]
    category_axis(fig, names, ticks, "y" if horizontal else "x")
    (fig.update_xaxes if horizontal else fig.update_yaxes)(title_text=t("chart.axis.units", lang))
    fig.update_layout(legend_title_text=t("chart.legend.stage", lang))
    totals = data.groupby(level, sort=False)["units"].sum().reindex(names)
    count_axis(fig, totals.tolist(), "x" if horizontal else "y")
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
    fig = _stage_stack(frame.assign(year=frame["year"].astype("int64")), "year",
                       [str(y) for y in years], lang, title, False, source, 420)
    return fig.update_xaxes(title_text=t("chart.axis.year", lang))


def lke_bar(frame: pd.DataFrame, lang: str = "id", *, wbk: float = 75.0, wbbm: float = 85.0,
            source: str | None = None) -> go.Figure:
    """LKE score per unit (metrics.lke_by_unit) coloured by stage, WBK and WBBM pass marks."""
    title = t("chart.lke.title", lang)
    if frame.empty:
        return empty_figure(title, lang, source)
    data = frame.sort_values(["lke_score", "unit_name"], ascending=[False, True])
    data = data.assign(_name=data["unit_name"].astype(str), _count=data["lke_score"],
                       unit_key=data["unit_key"].astype(str))
    keys, names = data["unit_key"].tolist(), data["_name"].tolist()
    fig = go.Figure()
    add_stacked_bars(fig, data, level="unit_key", series="zi_stage", value="lke_score", keys=keys,
                     enum=schema.STAGES, colours=stage_colors(), lang=lang, horizontal=True,
                     line=t("chart.axis.lke", lang) + ": %{x:,.2f} · §")
    for name, mark, dash in (("WBK", wbk, "dash"), ("WBBM", wbbm, "dot")):
        # Labels at the foot of the lines: rows are sorted, so the lowest scores sit there.
        fig.add_vline(x=mark, line=dict(color="#000000", width=1.5, dash=dash),
                      annotation=dict(text=f"{name} {format_value(mark, lang)}", yref="paper",
                                      y=0, yanchor="bottom", xanchor="left", showarrow=False,
                                      bgcolor="rgba(255,255,255,0.85)"))
    category_axis(fig, keys, [shorten(n) for n in names])
    fig.update_xaxes(title_text=t("chart.axis.lke", lang), range=[0, 100])
    fig.update_layout(legend_title_text=t("chart.legend.stage", lang))
    scores = data["lke_score"].astype(float)
    alt = ranked_alt("bar", title, names, scores.tolist(), lang, decimals=2) + " " + t(
        "chart.alt.thresholds", lang, wbk=format_value(wbk, lang), wbbm=format_value(wbbm, lang),
        n_wbk=int((scores >= wbk).sum()), n_wbbm=int((scores >= wbbm).sum()))
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
    names = (frame[name_col] if name_col else pd.Series(frame.index)).astype(str).tolist()
    keys = [f"{i}" for i in range(len(names))]  # row positions: names need not be unique
    units = schema.DATASETS["units"]
    labels = [units.column(a).label(lang) for a in areas]
    z = frame[areas].astype("float64").to_numpy()
    fig = go.Figure(go.Heatmap(
        z=z, x=areas, y=keys, zmin=0, zmax=100, colorscale="Cividis", xgap=1, ygap=1,
        texttemplate="%{z:.0f}", customdata=[[[n, lab] for lab in labels] for n in names],
        colorbar=dict(title=dict(text="%"), ticksuffix=" %", lenmode="pixels",
                      len=min(320, max(120, 24 * len(names))), y=1, yanchor="top"),
        hovertemplate=hover(lang, "%{customdata[0]}", ("chart.hover.area", "%{customdata[1]}"),
                            ("chart.axis.area_pct", "%{z:.1f} %"))))
    category_axis(fig, keys, [shorten(n, 36) for n in names])
    category_axis(fig, areas, [wrap(lab) for lab in labels], "x")
    values = pd.Series(z.ravel()).dropna()
    alt = t("chart.alt.heatmap", lang, title=title, units=len(names), areas=len(areas),
            low=format_number(values.min() if len(values) else None, lang),
            high=format_number(values.max() if len(values) else None, lang))
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=bar_height(len(names), 24, 360), alt=alt)


# --- action plans ---------------------------------------------------------------------------

def plan_status_bar(frame: pd.DataFrame, lang: str = "id", *, level: str | None = None,
                    source: str | None = None) -> go.Figure:
    """Plans per status (metrics.plan_status_counts), overall or stacked per Eselon I / unit."""
    title = t("chart.plan_status.title", lang)
    if frame.empty or frame["plans"].sum() == 0:
        return empty_figure(title, lang, source)
    colours = plan_status_colors()
    if level is None:
        statuses, values = frame["status"].tolist(), frame["plans"].astype(int).tolist()
        labels = [enum_label(schema.PLAN_STATUSES, s, lang) for s in statuses]
        fig = go.Figure(go.Bar(
            x=labels, y=values, texttemplate="%{y:,}", textposition="outside", cliponaxis=False,
            marker_color=[colours.get(s, UNKNOWN_COLOR) for s in statuses],
            hovertemplate=hover(lang, "%{x}", ("chart.axis.plans", "%{y:,}"))))
        fig.update_xaxes(type="category", categoryorder="array", categoryarray=labels)
        fig.update_yaxes(title_text=t("chart.axis.plans", lang))
        count_axis(fig, values, "y")
        return finish_figure(fig, lang=lang, title=title, source=source, height=380,
                             alt=parts_alt("bar", title, labels, values, lang))
    names = frame["unit_name"] if "unit_name" in frame.columns else frame[level]
    data = frame.assign(_name=names.astype(str), _count=frame["plans"],
                        **{level: frame[level].astype(str)})
    totals = data.groupby(level)["plans"].sum().sort_values(ascending=False, kind="stable")
    keys = totals.index.tolist()
    full = dict(zip(data[level], data["_name"], strict=True))
    fig = go.Figure()
    add_stacked_bars(fig, data, level=level, series="status", value="plans", keys=keys,
           enum=schema.PLAN_STATUSES, colours=colours, lang=lang, horizontal=True,
           line="§: %{x:,}")
    ticks = (group_labels([full[k] for k in keys]) if level == "eselon1"
             else [shorten(full[k]) for k in keys])
    category_axis(fig, keys, ticks)
    fig.update_xaxes(title_text=t("chart.axis.plans", lang))
    count_axis(fig, totals.tolist())
    fig.update_layout(legend_title_text=t("chart.legend.status", lang))
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=bar_height(len(keys), row_height(ticks)),
                         alt=ranked_alt("stacked", title, [full[k] for k in keys],
                                        totals.astype(int).tolist(), lang))


def plan_progress_bar(frame: pd.DataFrame, lang: str = "id", *, level: str = "unit_key",
                      source: str | None = None) -> go.Figure:
    """Mean progress % per unit or Eselon I (metrics.plan_progress), in its order."""
    title = t(f"chart.plan_progress.{level}.title", lang)
    data = frame.dropna(subset=["mean_progress"]) if len(frame) else frame
    if data.empty:
        return empty_figure(title, lang, source)
    names = (data["unit_name"] if level == "unit_key" else data[level]).astype(str).tolist()
    custom = [[n, int(p), int(d)] for n, p, d in zip(names, data["plans"], data["done"],
                                                     strict=True)]
    fig = ranked_hbar(data[level].astype(str).tolist(), names, data["mean_progress"].tolist(),
                      lang=lang, title=title, axis="chart.axis.progress", source=source,
                      custom=custom, fmt="%{x:.0f} %", decimals=1,
                      lines=[("chart.axis.plans", "%{customdata[1]:,}"),
                             ("chart.hover.done", "%{customdata[2]:,}")],
                      ticks=group_labels(names) if level == "eselon1" else None)
    return fig.update_xaxes(range=[0, 105])
