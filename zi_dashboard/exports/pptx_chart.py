"""Category data → a native, editable PowerPoint chart, in the dashboard figure's colours."""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from zi_dashboard.charts.palette import GRID_COLOR, SERIES
from zi_dashboard.exports.sheets import XLSXWRITER_OPTIONS, clean_text

__all__ = ["NATIVE_KINDS", "add_native_chart", "category_label", "pptx_rgb"]

NATIVE_KINDS = ("bar", "barh", "stacked_bar", "stacked_bar_100", "pie", "line")


def pptx_rgb(color: str) -> Any:
    """'#0072B2' as python-pptx's RGBColor."""
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(color.lstrip("#").upper()[:6])


def _chart_data(number_format: str) -> Any:
    """python-pptx chart data whose embedded workbook keeps every text as text.

    python-pptx writes a chart's data with XlsxWriter, which by default turns a category such
    as "=HYPERLINK(…)" into a live formula; XLSXWRITER_OPTIONS (exports.sheets) switch that off.
    """
    from pptx.chart.data import CategoryChartData
    from pptx.chart.xlsx import CategoryWorkbookWriter
    from xlsxwriter import Workbook

    class SafeWriter(CategoryWorkbookWriter):
        @contextmanager
        def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
            workbook = Workbook(xlsx_file, dict(XLSXWRITER_OPTIONS))
            yield workbook, workbook.add_worksheet()
            workbook.close()

    class SafeChartData(CategoryChartData):
        @property
        def _workbook_writer(self) -> CategoryWorkbookWriter:
            return SafeWriter(self)

    return SafeChartData(number_format=number_format)


def category_label(value: Any) -> str:
    """A category as text: 2020.0 → "2020", missing → "–"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any) -> float | None:
    if value is None or pd.isna(value):
        return None
    return float(value)


def _figure_colors(fig: go.Figure | None) -> tuple[dict[str, str], list[str]]:
    """Colours the dashboard figure already uses: per trace name or pie label, and its colorway."""
    named: dict[str, str] = {}
    if fig is None:
        return named, list(SERIES)
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        color = getattr(marker, "color", None) if marker is not None else None
        if isinstance(color, str) and color.startswith("#") and trace.name:
            named[str(trace.name)] = color
        colors = getattr(marker, "colors", None) if trace.type == "pie" else None
        if colors is not None and trace.labels is not None:
            for label, value in zip(trace.labels, colors, strict=False):
                if isinstance(value, str) and value.startswith("#"):
                    named[str(label)] = value
    template = fig.layout.template
    colorway = template.layout.colorway if fig.data and template else None
    return named, list(colorway or SERIES)


def _point_colors(fig: go.Figure | None) -> dict[str, str]:
    """Per-bar colours of a one-trace bar figure, keyed by the bars' shown labels."""
    if fig is None or len(fig.data) != 1 or fig.data[0].type != "bar":
        return {}
    trace = fig.data[0]
    colors = trace.marker.color
    keys = trace.y if trace.orientation == "h" else trace.x
    if isinstance(colors, str) or colors is None or keys is None or len(colors) != len(keys):
        return {}
    axis = fig.layout.yaxis if trace.orientation == "h" else fig.layout.xaxis
    shown = dict(zip(_items(axis.tickvals), _items(axis.ticktext), strict=False))
    custom = [row[0] if len(row) else None for row in _items(trace.customdata)]
    out = {}
    for i, (key, color) in enumerate(zip(keys, colors, strict=True)):
        for label in (key, shown.get(key), custom[i] if i < len(custom) else None):
            if isinstance(label, str) and isinstance(color, str):
                # Figure text is escaped for Plotly (&lt;, &amp;); the native chart's is not.
                out[html.unescape(label.replace("<br>", " "))] = color
    return out


def _color_series(chart: Any, kind: str, categories: list[str], figure: go.Figure | None,
                  colors: Mapping[str, str]) -> None:
    """The dashboard's colours on the native chart: given, else the figure's, else a palette."""
    named, colorway = _figure_colors(figure)
    plot = chart.plots[0]
    per_point = kind == "pie" or (kind in ("bar", "barh") and len(plot.series) == 1)
    points = {**(_point_colors(figure) if per_point else {}), **named, **colors}
    if per_point and (kind == "pie" or any(c in points for c in categories)):
        # A bar without a colour of its own keeps the series colour; pie slices need each one.
        fallback = colors.get(plot.series[0].name) or named.get(plot.series[0].name)
        for i, category in enumerate(categories):
            fill = plot.series[0].points[i].format.fill
            fill.solid()
            other = colorway[i % len(colorway)] if kind == "pie" else fallback or colorway[0]
            fill.fore_color.rgb = pptx_rgb(points.get(category) or other)
        return
    for i, series in enumerate(plot.series):
        color = pptx_rgb(colors.get(series.name) or named.get(series.name)
                     or colorway[i % len(colorway)])
        if kind == "line":
            series.format.line.color.rgb = color
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = color
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = color


def add_native_chart(slide: Any, kind: str, frame: pd.DataFrame,
                     box: tuple[float, float, float, float], *, number_format: str = "#,##0",
                     figure: go.Figure | None = None, colors: Mapping[str, str] | None = None,
                     alt: str = "") -> Any:
    """A native chart of `frame` (categories, then series) in `box` (inches) on `slide`."""
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.oxml.ns import qn
    from pptx.util import Inches, Pt

    kinds = {"bar": XL_CHART_TYPE.COLUMN_CLUSTERED, "barh": XL_CHART_TYPE.BAR_CLUSTERED,
             "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
             "stacked_bar_100": XL_CHART_TYPE.BAR_STACKED_100, "pie": XL_CHART_TYPE.PIE,
             "line": XL_CHART_TYPE.LINE_MARKERS}
    series_names = [clean_text(str(c)) for c in frame.columns[1:]][: 1 if kind == "pie" else None]
    categories = [clean_text(category_label(v)) for v in frame.iloc[:, 0].tolist()]
    data = _chart_data(number_format)
    data.categories = categories
    for i, name in enumerate(series_names, 1):
        data.add_series(name, [_number(v) for v in frame.iloc[:, i].tolist()])
    shape = slide.shapes.add_chart(kinds[kind], *(Inches(v) for v in box), data)
    chart = shape.chart
    n = len(categories)
    size = 14 if n <= 8 else 12 if n <= 16 else 10 if n <= 30 else 8 if n <= 60 else 6
    chart.font.size = Pt(size)
    chart.has_title = False
    chart.has_legend = kind == "pie" or len(series_names) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    plot = chart.plots[0]
    stacked = kind.startswith("stacked")
    if n * len(series_names) <= 200 and not (stacked and n > 30):
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.size = Pt(max(size - 1, 6))
        if kind == "pie":
            # Value and share: each keeps its own format (one format would garble the other).
            labels.show_value, labels.show_percentage = True, True
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
        else:
            labels.number_format, labels.number_format_is_linked = number_format, False
        if kind in ("bar", "barh"):
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
        elif stacked:
            labels.position = XL_LABEL_POSITION.CENTER
    if kind != "pie":
        if kind in ("bar", "barh") or stacked:
            plot.gap_width = 50
        values = chart.value_axis
        values.has_major_gridlines = True
        values.major_gridlines.format.line.color.rgb = pptx_rgb(GRID_COLOR)
        # A 100 % stack's axis runs 0–1 whatever the data's own format.
        values.tick_labels.number_format = ("0%" if kind == "stacked_bar_100"
                                            else number_format)
        values.tick_labels.number_format_is_linked = False
        values.format.line.fill.background()
        if kind in ("barh", "stacked_bar", "stacked_bar_100"):
            # First row on top, as in the dashboard, with the value axis still at the bottom.
            # (c:valAx/c:crosses = max: python-pptx exposes only the category axis' crossing.)
            chart.category_axis.reverse_order = True
            values._element.find(qn("c:crosses")).set("val", "max")
    _color_series(chart, kind, categories, figure, colors or {})
    shape._element.nvGraphicFramePr.cNvPr.set("descr", alt)
    return shape


def _items(values) -> list:
    """A figure's array property as a list (Plotly keeps lists, tuples or numpy arrays)."""
    return [] if values is None else list(values)
