"""Native PowerPoint charts: data, categories and the dashboard figure's colours."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.util import Inches

from zi_dashboard.exports.pptx_chart import NATIVE_KINDS, add_native_chart, category_label

BOX = (0.5, 0.5, 9.0, 5.0)


def _chart(kind: str, frame: pd.DataFrame, **kwargs):
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    return add_native_chart(slide, kind, frame, BOX, **kwargs).chart


def _fill(point) -> str:
    return str(point.format.fill.fore_color.rgb)


@pytest.mark.parametrize(("value", "expected"), [
    ("Setjen", "Setjen"), (2020.0, "2020"), (2020.5, "2020.5"), (7, "7"), (None, "–"),
    (math.nan, "–"), (pd.NA, "–"),
])
def test_category_label(value, expected):
    assert category_label(value) == expected


@pytest.mark.parametrize("kind", NATIVE_KINDS)
def test_every_kind_builds_with_missing_values(kind):
    frame = pd.DataFrame({"cat": ["a", "b", None], "x": [1.0, None, 3.0], "y": [2, 2, 2]})
    chart = _chart(kind, frame)
    series = chart.plots[0].series[0]
    assert list(chart.plots[0].categories) == ["a", "b", "–"]
    assert list(series.values) == [1.0, None, 3.0]


def test_bar_colours_come_from_the_figure_by_shown_label():
    # As charts.stage_bar draws it: keys on the axis, wrapped labels as tick text, one colour a bar.
    fig = go.Figure(go.Bar(x=["belum", "penilaian_tpi"], y=[20, 13],
                           marker_color=["#D9D9D9", "#A39B73"]))
    fig.update_xaxes(tickvals=["belum", "penilaian_tpi"], ticktext=["Belum", "Penilaian<br>TPI"])
    frame = pd.DataFrame({"Tahap": ["Penilaian TPI", "Belum"], "Unit": [13, 20]})
    points = _chart("bar", frame, figure=fig).plots[0].series[0].points
    assert [_fill(points[0]), _fill(points[1])] == ["A39B73", "D9D9D9"]


def test_series_colours_come_from_trace_names_and_given_colours_win():
    fig = go.Figure([go.Bar(name="Tatap muka", x=[1], y=["a"], marker_color="#0072B2"),
                     go.Bar(name="Virtual", x=[1], y=["a"], marker_color="#E69F00")])
    frame = pd.DataFrame({"e": ["a"], "Tatap muka": [1], "Virtual": [2]})
    chart = _chart("stacked_bar", frame, figure=fig, colors={"Virtual": "#000000"})
    assert [str(s.format.fill.fore_color.rgb) for s in chart.plots[0].series] == [
        "0072B2", "000000"]


def test_alt_text_and_number_format():
    frame = pd.DataFrame({"unit": ["a", "b"], "progres": [12.5, 80.0]})
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    shape = add_native_chart(slide, "barh", frame, BOX, number_format="0.0", alt="Progres RTL")
    assert shape._element.nvGraphicFramePr.cNvPr.get("descr") == "Progres RTL"
    assert shape.chart.plots[0].data_labels.number_format == "0.0"
    assert shape.chart.category_axis.reverse_order


def test_pie_uses_the_first_series_only():
    frame = pd.DataFrame({"mode": ["Tatap muka", "Virtual"], "Agen": [120, 171],
                          "Lain": [1, 1]})
    chart = _chart("pie", frame)
    assert [s.name for s in chart.plots[0].series] == ["Agen"]
    assert chart.has_legend


def test_a_bar_without_its_own_colour_keeps_the_series_colour():
    frame = pd.DataFrame({"Tahap": ["Belum", "Lainnya", "WBK"], "Unit": [3, 2, 1]})
    chart = _chart("bar", frame, colors={"Belum": "#D9D9D9", "WBK": "#009E73",
                                         "Unit": "#0072B2"})
    points = chart.plots[0].series[0].points
    assert [_fill(points[i]) for i in range(3)] == ["D9D9D9", "0072B2", "009E73"]
