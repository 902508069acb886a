"""Profil Unit's figures: one unit's scores against both minimums, and its stage timeline."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from zi_dashboard.charts.palette import INK, MAIN_COLOR, MUTED_COLOR, UNKNOWN_COLOR, stage_colors
from zi_dashboard.charts.theme import (
    category_axis,
    empty_figure,
    enum_label,
    finish_figure,
    format_value,
    spec,
    update_axis,
)
from zi_dashboard.domain import schema
from zi_dashboard.i18n import t
from zi_dashboard.present.text import plotly_text

__all__ = ["stage_timeline", "unit_scores"]


def unit_scores(frame: pd.DataFrame, lang: str = "id", *, unit: str = "",
                source: str | None = None) -> go.Figure:
    """Each area and component (present.profile.score_frame): the score as a bar over its
    weight, the WBK minimum as a dashed mark and the WBBM minimum as a solid one."""
    title = t("profil.scores", lang) + (f": {unit}" if unit else "")
    if frame.empty or frame["score"].isna().all():
        return empty_figure(title, lang, source)
    keys = frame["component"].astype(str).to_numpy(dtype=object)
    labels = [plotly_text(label) for label in frame["label"]]
    scores = frame["score"].astype(float).to_numpy()
    fig = spec(dict(type="bar", x=frame["weight"].to_numpy(dtype=float), y=keys,
                    orientation="h", marker=dict(color="rgba(0,0,0,0)",
                                                 line=dict(color=MUTED_COLOR, width=1)),
                    name=t("profil.weight", lang), hoverinfo="skip"),
               dict(type="bar", x=np.nan_to_num(scores), y=keys, orientation="h",
                    marker=dict(color=MAIN_COLOR), name=t("profil.score_bar", lang), width=0.5,
                    text=[("–" if np.isnan(s) else format_value(s, lang)) for s in scores],
                    textposition="outside", cliponaxis=False,
                    customdata=np.array([[lb] for lb in labels], dtype=object),
                    hovertemplate="<b>%{customdata[0]}</b><br>%{x:.2f}<extra></extra>"),
               barmode="overlay")
    for column, name, symbol in (("wbk_minimum", "profil.wbk_mark", "line-ns-open"),
                                 ("wbbm_minimum", "profil.wbbm_mark", "diamond-tall")):
        marks = frame[frame[column].notna()]
        if marks.empty:
            continue
        fig["data"].append(dict(
            type="scatter", x=marks[column].to_numpy(dtype=float),
            y=marks["component"].astype(str).to_numpy(dtype=object), mode="markers",
            marker=dict(symbol=symbol, size=18, color=INK, line=dict(width=2.5, color=INK)),
            name=t(name, lang), hovertemplate=t(name, lang) + ": %{x:.2f}<extra></extra>"))
    category_axis(fig, keys.tolist(), labels)
    update_axis(fig, "y", autorange="reversed")
    update_axis(fig, "x", title=dict(text=t("profil.scores_axis", lang)), rangemode="tozero")
    shown = [f"{lb} {('–' if np.isnan(s) else format_value(s, lang))}"
             for lb, s in zip(frame["label"], scores, strict=True)]
    alt = f"{title}: " + "; ".join(shown)
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=max(320, 150 + 34 * len(keys)), alt=alt)


def stage_timeline(frame: pd.DataFrame, lang: str = "id", *, unit: str = "",
                   source: str | None = None) -> go.Figure:
    """The unit's stage per year (present.profile.timeline_frame) as a step line over the stages
    in path order, each point coloured by its stage."""
    title = t("profil.timeline", lang) + (f": {unit}" if unit else "")
    if frame.empty:
        return empty_figure(title, lang, source)
    order = list(schema.STAGES.keys())
    stages = frame["zi_stage"].tolist()
    years = frame["year"].astype(int).to_numpy()
    labels = [enum_label(schema.STAGES, s, lang) for s in stages]
    colours = stage_colors()
    fig = spec(dict(type="scatter",
        x=years, y=np.array([s if s in order else "" for s in stages], dtype=object),
        mode="lines+markers", line=dict(shape="hv", color=MUTED_COLOR, width=2),
        marker=dict(size=14, color=[colours.get(s, UNKNOWN_COLOR) for s in stages],
                    line=dict(color=INK, width=1)),
        customdata=np.array([[plotly_text(lb)] for lb in labels], dtype=object),
        hovertemplate="%{x}: <b>%{customdata[0]}</b><extra></extra>", showlegend=False))
    used = [s for s in order if s in set(stages)]
    category_axis(fig, used, [plotly_text(enum_label(schema.STAGES, s, lang)) for s in used])
    update_axis(fig, "x", title=dict(text=t("chart.axis.year", lang)), tickmode="array",
                tickvals=years, ticktext=[str(y) for y in years])
    alt = f"{title}: " + "; ".join(f"{y} {lb}" for y, lb in zip(years, labels, strict=True))
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=max(300, 160 + 40 * len(used)), alt=alt)
