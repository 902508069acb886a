"""The look of every chart: the Plotly template, labels, alt text and shared primitives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from zi_dashboard.charts.fold import OTHERS_KEY
from zi_dashboard.charts.palette import (
    BACKGROUND,
    FONT_FAMILY,
    GRID_COLOR,
    LINE_COLOR,
    MAIN_COLOR,
    MUTED_COLOR,
    SERIES,
    TEXT_COLOR,
    UNKNOWN_COLOR,
    text_on,
)
from zi_dashboard.domain import schema
from zi_dashboard.i18n import format_number, format_pct, t
from zi_dashboard.present.text import plotly_text

__all__ = [
    "Spec", "add_stacked_bars", "alt_text", "bar_height", "build_template", "category_axis",
    "chart_config", "count_axis", "custom_text", "empty_figure", "enum_label", "finish_figure",
    "format_value", "group_labels", "hover", "merge", "parts_alt", "ranked_alt", "ranked_hbar",
    "row_height", "shorten", "spec", "update_axis", "wrap", "wrap_title", "TEMPLATE",
]

SOURCE_MARGIN = 90  # px below the plot that the source line needs
TITLE_SIZE = 16
TITLE_WIDTH = 32  # characters per title line at 16 px: fits the 260 px columns of Ringkasan
TITLE_LINE = 20  # px each extra title line adds to the top margin
GROUP_WIDTH = 22  # characters per line of an Eselon I label
THICKEST_BAR = 36  # px: one or two lying bars (a filtered view) stay bars, not slabs


def build_template() -> go.layout.Template:
    """A fresh copy of the dashboard's Plotly template (never shared, never mutated in place)."""
    axis = dict(gridcolor=GRID_COLOR, zeroline=False, automargin=True, linecolor=LINE_COLOR,
                ticks="", title=dict(font=dict(size=13, color=MUTED_COLOR), standoff=8))
    return go.layout.Template(layout=dict(
        font=dict(family=FONT_FAMILY, size=13, color=TEXT_COLOR),
        # Title and legend placed in pixels from the edges, so tall bar charts look the same.
        title=dict(x=0, xanchor="left", xref="container", y=1, yanchor="top",
                   yref="container", pad=dict(l=12, t=14), font=dict(size=TITLE_SIZE)),
        margin=dict(l=12, r=24, t=96, b=56, pad=2),  # t is set per figure by finish_figure
        colorway=list(SERIES),
        paper_bgcolor=BACKGROUND,
        plot_bgcolor=BACKGROUND,
        hoverlabel=dict(bgcolor=BACKGROUND, bordercolor=LINE_COLOR, align="left",
                        font=dict(family=FONT_FAMILY, size=13, color=TEXT_COLOR)),
        legend=dict(orientation="h", x=0, xanchor="left", y=1, yanchor="bottom",
                    font=dict(size=12), title=dict(font=dict(size=12, color=MUTED_COLOR))),
        xaxis=axis,
        yaxis=axis,
        bargap=0.25,
        uniformtext=dict(minsize=10, mode="hide"),
    ))


# Registered as Plotly's default: every go.Figure starts themed on Plotly's fast path (no copy,
# no validation). Assigning a Template to each figure cost about 15 ms a chart.
TEMPLATE = "zi_dashboard"
pio.templates[TEMPLATE] = build_template()
pio.templates.default = TEMPLATE


# A figure is built as plain data, a Spec: {"data": [trace dicts], "layout": {...}}. Primitives
# add to it, and finish_figure makes the go.Figure from it once. Plotly validates a whole figure
# given at once in one pass; every update_layout, update_xaxes or add_trace on a go.Figure is
# another pass over what it already holds. Progres ZI's six charts of one national Eselon I,
# best of 40: 69 ms built step by step, 37 ms from their finished Specs.
Spec = dict


def spec(*traces: dict, **layout: object) -> Spec:
    """A figure under construction: its traces (dicts with a `type`) and layout, as plain data."""
    return {"data": list(traces), "layout": merge({}, layout)}


def merge(target: dict, updates: Mapping) -> dict:
    """`updates` deep-merged into `target` (nested dicts merged key by key, any other value
    replaced), the way update_layout merges; returns `target`. Dicts are copied in, not shared;
    lists (annotations, shapes) go in as they are. Keys are Plotly's nested names (`title` with
    `text`): a magic-underscore key (`title_text`) would not meet its nested twin."""
    for key, value in updates.items():
        if isinstance(value, Mapping):
            current = target.get(key)
            target[key] = merge(current if isinstance(current, dict) else {}, value)
        else:
            target[key] = value
    return target


def update_axis(fig: Spec, name: str, **settings: object) -> None:
    """Settings merged into the figure's x or y axis (`name` "x" or "y")."""
    merge(fig["layout"].setdefault(f"{name}axis", {}), settings)


# Label makers take data as it is and return Plotly text: the cut or wrapped text escaped
# (charts never show a name's <b> or <a href> as markup), joined by Plotly's own <br>.


def _cut(text: object, width: int) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _lines(text: object, width: int) -> list[str]:
    lines: list[str] = []
    for word in ("" if text is None else str(text)).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def shorten(text: object, width: int = 42) -> str:
    """A label cut to `width` characters with an ellipsis; the full text goes in the hover."""
    return plotly_text(_cut(text, width))


def wrap(text: object, width: int = 16, limit: int | None = None) -> str:
    """A label (first cut to `limit` characters) broken into lines of about `width` characters
    (<br>), for axis ticks and tiles."""
    text = text if limit is None else _cut(text, limit)
    return "<br>".join(plotly_text(line) for line in _lines(text, width))


def wrap_title(text: object, width: int = TITLE_WIDTH) -> str:
    """A title in balanced lines of at most about `width` characters (Plotly never wraps)."""
    text = "" if text is None else " ".join(str(text).split())
    if len(text) <= width:
        return plotly_text(text)
    lines = -(-len(text) // width)
    return wrap(text, -(-len(text) // lines) + 3)


def group_labels(names: Sequence[object], width: int = GROUP_WIDTH, lines: int = 3
                 ) -> list[str]:
    """Eselon I names as tick labels of up to `lines` lines, so narrow columns keep the bars."""
    labels = []
    for name in names:
        parts = _lines(name, width)
        if len(parts) > lines:
            parts = [*parts[: lines - 1], _cut(" ".join(parts[lines - 1:]), width)]
        labels.append("<br>".join(plotly_text(part) for part in parts))
    return labels


def custom_text(rows: Iterable[Iterable[object]]) -> np.ndarray:
    """customdata rows whose text is escaped: a hovertemplate prints them as Plotly text. One
    object array (rows × fields): Plotly checks a list of lists item by item, an array whole."""
    cleaned = [[plotly_text(v) if isinstance(v, str) else v for v in row] for row in rows]
    out = np.empty((len(cleaned), len(cleaned[0]) if cleaned else 0), dtype=object)
    out[:] = cleaned
    return out


def row_height(labels: Sequence[str]) -> int:
    """Pixels per bar row that tick labels of several lines need (22 for one line)."""
    lines = max((label.count("<br>") + 1 for label in labels), default=1)
    return 22 if lines == 1 else 16 * lines + 6  # 13 px text: a 16 px line, and air between


def count_axis(fig: Spec, values: list, name: str = "x") -> None:
    """Whole-number ticks on a count axis (no 0,5 agent when counts are small)."""
    top = max([v for v in values if v is not None and not pd.isna(v)], default=0)
    settings = dict(dtick=1) if top <= 8 else dict(tickformat=",d")
    update_axis(fig, name, rangemode="tozero", **settings)


def bar_height(rows: int, per_row: int = 22, minimum: int = 320) -> int:
    """Figure height for `rows` horizontal bars: every label stays readable, 22 px a bar."""
    return max(minimum, 150 + per_row * rows)


def finish_figure(fig: Spec, *, lang: str, title: str, alt: str, source: str | None = None,
                  height: int | None = None) -> go.Figure:
    """The go.Figure of a Spec, with theme, title, number format, alt text
    (fig.layout.meta["alt"]) and the source line."""
    data, layout = fig["data"], fig["layout"]
    shown = wrap_title(title)
    # Room for the legend row under the title only where Plotly draws a legend.
    legend = layout.get("showlegend") is not False and (
        len(data) > 1 or any(trace.get("type") == "pie" for trace in data))
    margin = dict(t=(96 if legend else 64) + TITLE_LINE * shown.count("<br>"))
    if source:
        margin["b"] = SOURCE_MARGIN
    merge(layout, dict(title=dict(text=shown), separators=",." if lang == "id" else ".,",
                       meta={"alt": alt}, margin=margin))
    if pio.templates.default != TEMPLATE:  # made under another default
        layout["template"] = pio.templates[TEMPLATE]
    if height is not None:
        layout["height"] = height
        rows = _lying_rows(fig)
        if rows:
            # The plot is about 200 px shorter than the figure (title, axis, source line).
            plot = max(height - 200, 60)
            layout["bargap"] = max(0.25, min(0.8, round(1 - THICKEST_BAR * rows / plot, 2)))
    if source:
        # Right-aligned to the plot: long axis labels push the plot's left edge so far right
        # in a narrow column that a left-aligned line ran off the figure.
        layout["annotations"] = [*layout.get("annotations", ()), dict(
            text=plotly_text(source), xref="paper", yref="paper", x=1, y=0, xanchor="right",
            yanchor="top", yshift=-(SOURCE_MARGIN - 22), showarrow=False,
            font=dict(size=11, color=MUTED_COLOR), name="source")]
    return go.Figure(fig)


def _lying_rows(fig: Spec) -> int:
    """How many rows a chart of horizontal bars has (0 for any other chart)."""
    if not any(trace.get("type") == "bar" and trace.get("orientation") == "h"
               for trace in fig["data"]):
        return 0
    categories = fig["layout"].get("yaxis", {}).get("categoryarray")
    return 0 if categories is None else len(categories)


def alt_text(fig: go.Figure) -> str:
    """The alt text a builder stored in fig.layout.meta["alt"] ("" if none)."""
    meta = fig.layout.meta
    return str(meta.get("alt", "")) if isinstance(meta, dict) else ""


def format_value(value: float, lang: str) -> str:
    """A threshold or score as text: no decimals when whole (75), else up to two (75,5)."""
    return format_number(value, lang, 2, min_decimals=0)


def chart_config(filename: str) -> dict:
    """`config` for st.plotly_chart: no logo, no cloud or lasso buttons, PNG export at 2x."""
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", filename).strip("_") or "chart"
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["sendDataToCloud", "editInChartStudio", "lasso2d",
                                   "select2d", "toggleSpikelines"],
        "toImageButtonOptions": {"format": "png", "filename": safe, "scale": 2},
    }


def enum_label(enum: schema.Enum | None, key: object, lang: str) -> str:
    """A key's label in `lang`; "Tidak diketahui"/"Unknown" when missing; other text as is."""
    if key is None or (not isinstance(key, str) and pd.isna(key)):
        return t("chart.unknown", lang)
    return enum.label(key, lang) if enum is not None and key in enum.keys() else str(key)


def hover(lang: str, name: str, *lines: tuple[str, str]) -> str:
    """A hovertemplate: the full name in bold, then `label: value` lines (labels are i18n keys)."""
    body = "".join(f"<br>{t(label, lang)}: {value}" for label, value in lines)
    return f"<b>{name}</b>{body}<extra></extra>"


def category_axis(fig: Spec, keys: list, labels: list[str], name: str = "y") -> None:
    """Categories by key (unique, clickable) in the given order, shown with readable labels."""
    # Arrays, not lists: Plotly checks a list item by item (20 ms for 150 rows), an array whole.
    keys, labels = np.asarray(keys, dtype=object), np.asarray(labels, dtype=object)
    settings = dict(type="category", categoryorder="array", categoryarray=keys, tickmode="array",
                    tickvals=keys, ticktext=labels)
    if name == "y":
        # First row on top; a fixed range keeps markers from padding the ends of tall charts.
        settings.update(range=[len(keys) - 0.5, -0.5], autorange=False)
    update_axis(fig, name, **settings)


def empty_figure(title: str, lang: str, source: str | None = None) -> go.Figure:
    """The empty state: the title and "Tidak ada data untuk filter ini"."""
    fig = spec(annotations=[dict(text=t("chart.no_data", lang), showarrow=False, xref="paper",
                                 yref="paper", x=0.5, y=0.5,
                                 font=dict(size=15, color=MUTED_COLOR))],
               xaxis=dict(visible=False), yaxis=dict(visible=False))
    return finish_figure(fig, lang=lang, title=title, source=source, height=260,
                         alt=t("chart.alt.empty", lang, title=title))


def ranked_alt(kind: str, title: str, labels: list[str], values: list, lang: str,
               decimals: int = 0) -> str:
    """Alt text of a ranked chart: how many items, the highest and the lowest."""
    top = max(range(len(values)), key=values.__getitem__)
    low = min(range(len(values)), key=values.__getitem__)
    return t("chart.alt.ranked", lang, kind=t(f"chart.kind.{kind}", lang), title=title,
             n=len(values), top=labels[top], top_value=format_number(values[top], lang, decimals),
             low=labels[low], low_value=format_number(values[low], lang, decimals))


def parts_alt(kind: str, title: str, labels: list[str], values: list, lang: str,
              base: float | None = None) -> str:
    """Alt text listing every part with its count and share of `base` (default: the total)."""
    total = (sum(values) if base is None else base) or 1
    parts = "; ".join(f"{label} {format_number(v, lang)} ({format_pct(v / total, lang)})"
                      for label, v in zip(labels, values, strict=True))
    return t("chart.alt.parts", lang, kind=t(f"chart.kind.{kind}", lang), title=title,
             parts=parts)


def ranked_hbar(keys: list[str], names: list[str], values: list, *, lang: str, title: str,
                axis: str, source: str | None, lines: Sequence[tuple[str, str]] = (),
                custom: list | None = None, fmt: str = "%{x:,}", decimals: int = 0,
                ticks: list[str] | None = None, traces: Sequence[dict] = (),
                xaxis: Mapping | None = None, **bar) -> go.Figure:
    """A ranked horizontal bar chart: first row on top, short labels, full names in the hover.

    `names` and `custom` are data as is (escaped here); `ticks`, Plotly text, replaces the
    shortened names as tick labels (e.g. group_labels for Eselon I). `traces` are drawn over
    the bars; `xaxis` settings are merged into the value axis; `bar` goes into the bar trace.
    """
    custom = custom_text(custom or [[n] for n in names])
    fig = spec(dict(type="bar",
        x=np.asarray(values), y=np.asarray(keys, dtype=object), orientation="h",
        texttemplate=fmt, textposition="outside",
        cliponaxis=False, customdata=custom, name=t(axis, lang),
        hovertemplate=hover(lang, "%{customdata[0]}", (axis, fmt), *lines),
        **{"marker_color": MAIN_COLOR, **bar}), *traces)
    ticks = ticks or [shorten(n) for n in names]
    category_axis(fig, keys, ticks)
    update_axis(fig, "x", title=dict(text=t(axis, lang)))
    if fmt == "%{x:,}":
        count_axis(fig, values)
    merge(fig["layout"], dict(xaxis=xaxis or {}))
    return finish_figure(fig, lang=lang, title=title, source=source,
                         height=bar_height(len(keys), row_height(ticks)),
                         alt=ranked_alt("bar", title, names, values, lang, decimals))


def add_stacked_bars(fig: Spec, data: pd.DataFrame, *, level: str, series: str,
                     value: str, keys: list, enum: schema.Enum, colours: dict, lang: str,
                     horizontal: bool, line: str) -> None:
    """One bar trace per series key in enum order, then "unknown" for a missing key.

    Each trace holds its own rows in `keys` order (series keys with no data are skipped); data
    needs `_name` (full name of the level, as is: escaped here) and `_count`; `line` is the
    hover line, § the label. Rows of one trace and category are summed (unknown keys share
    one trace); a row without a value, or of a category not in `keys`, draws nothing.
    """
    # One pass over the rows in plain Python: per-trace pandas masks and reindexing cost a
    # national chart a tenth of a second.
    known, position = set(enum.keys()), {k: i for i, k in enumerate(keys)}
    cells: dict[object, dict[int, list]] = {}
    for key, at, amount, name, count in zip(
            data[series].tolist(), data[level].tolist(), data[value].tolist(),
            data["_name"].tolist(), data["_count"].tolist(), strict=True):
        row = position.get(at)
        if row is None or amount is None or pd.isna(amount):
            continue
        trace = key if isinstance(key, str) and (key in known or key == OTHERS_KEY) else None
        cell = cells.setdefault(trace, {}).get(row)
        count = 0 if count is None or pd.isna(count) else count
        name = "" if name is None or (not isinstance(name, str) and pd.isna(name)) else name
        if cell is None:
            cells[trace][row] = [amount, name, count]
        else:
            cell[0] += amount
            cell[2] += count
    traces = []
    for key in (*enum.keys(), None, OTHERS_KEY):
        part = cells.get(key)
        if not part or sum(v[0] for v in part.values()) == 0:
            continue  # no rows, or only zeros: no trace
        label = plotly_text(t("chart.others_series", lang) if key == OTHERS_KEY
                            else enum_label(enum, key, lang))
        rows = sorted(part)
        # Arrays: Plotly checks a list item by item (~1.3 ms a 250-row trace), an array whole.
        at = np.array([keys[r] for r in rows], dtype=object)
        values = np.array([part[r][0] for r in rows])
        xy = dict(x=values, y=at, orientation="h") if horizontal else dict(x=at, y=values)
        custom = custom_text((part[r][1], part[r][2]) for r in rows)
        fill = colours.get(key, UNKNOWN_COLOR)
        # A hairline of background between segments: neighbouring stages stay apart.
        traces.append(dict(type="bar", **xy, name=label, marker=dict(color=fill, line=dict(
                               color=BACKGROUND, width=1)),
                           insidetextfont=dict(color=text_on(fill)),
                           customdata=custom, hovertemplate="<b>%{customdata[0]}</b><br>"
                           + line.replace("§", label) + "<extra></extra>"))
    fig["data"].extend(traces)
    merge(fig["layout"], dict(barmode="stack", legend=dict(traceorder="normal")))  # enum order
