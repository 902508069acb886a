"""The palette against WCAG 2.2: words at 4.5:1 on what they sit on (1.4.3), the marks that carry
data at 3:1 on the chart's background (1.4.11), and the charts really drawing words that way."""

from __future__ import annotations

import pandas as pd
import plotly.io as pio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zi_dashboard import charts
from zi_dashboard.charts import palette
from zi_dashboard.charts.theme import TEMPLATE

WHITE = "#FFFFFF"


@pytest.mark.parametrize(("first", "second", "ratio"), [
    ("#000000", "#FFFFFF", 21.0),  # the scale's ends
    ("#FFFFFF", "#FFFFFF", 1.0),
    ("#767676", "#FFFFFF", 4.54),  # WebAIM's darkest grey that passes AA on white
    ("#777777", "#FFFFFF", 4.48),  # … and the next step, which fails
    ("#FFFFFF", "#767676", 4.54),  # order does not matter
    ("#0000FF", "#FFFFFF", 8.59),  # WebAIM contrast checker's value for pure blue
])
def test_contrast_matches_published_ratios(first, second, ratio):
    assert palette.contrast(first, second) == pytest.approx(ratio, abs=0.01)


def _data_colours() -> list[tuple[str, str]]:
    named = {f"SERIES[{i}]": c for i, c in enumerate(palette.SERIES)}
    named |= {f"stage:{k}": c for k, c in palette.stage_colors().items()}
    named |= {f"mode:{k}": c for k, c in palette.attendance_colors().items()}
    named |= {f"plan:{k}": c for k, c in palette.plan_status_colors().items()}
    for name in ("MAIN_COLOR", "ALERT_COLOR", "GOOD_COLOR", "ABSENT_COLOR", "UNKNOWN_COLOR",
                 "NOT_STARTED_COLOR", "REVOKED_COLOR", "INK"):
        named[name] = getattr(palette, name)
    return sorted(named.items())


@pytest.mark.parametrize(("name", "colour"), _data_colours())
def test_every_mark_colour_stands_out_from_the_background(name, colour):
    assert palette.contrast(colour, palette.BACKGROUND) >= palette.GRAPHIC_CONTRAST, name


def test_charts_cycle_only_through_colours_at_three_to_one():
    colorway = pio.templates[TEMPLATE].layout.colorway
    assert list(colorway) == list(palette.SERIES)


@pytest.mark.parametrize(("text", "ground"), [
    ("TEXT_COLOR", "BACKGROUND"), ("MUTED_COLOR", "BACKGROUND"), ("ALERT_TEXT", "BACKGROUND"),
    ("GOOD_TEXT", "BACKGROUND"), ("MAIN_COLOR", "BACKGROUND"),  # slide titles
    ("MUTED_COLOR", "PANEL_COLOR"), ("TEXT_COLOR", "HEADER_FILL"), ("TEXT_COLOR", "STRIPE_FILL"),
    ("TEXT_COLOR", "ERROR_FILL"), ("TEXT_COLOR", "WARNING_FILL"), ("TEXT_COLOR", "INFO_FILL"),
])
def test_words_read_on_what_they_sit_on(text, ground):
    ratio = palette.contrast(getattr(palette, text), getattr(palette, ground))
    assert ratio >= palette.TEXT_CONTRAST, f"{text} on {ground}: {ratio:.2f}"


@given(st.tuples(*[st.integers(0, 255)] * 3))
def test_text_on_any_fill_reads_at_four_and_a_half(channels):
    fill = "#{:02X}{:02X}{:02X}".format(*channels)
    assert palette.contrast(palette.text_on(fill), fill) >= palette.TEXT_CONTRAST


def test_text_on_picks_the_better_of_black_and_white():
    assert palette.text_on("#0072B2") == WHITE  # 5.2:1 white against 4.0:1 black
    assert palette.text_on("#BD8300") == palette.INK  # 6.4:1 black against 3.3:1 white
    assert palette.text_on("#D55E00") == palette.INK  # 5.4:1 black; Plotly chose white, 3.9:1


def _pairs(colours, texts) -> list[tuple[str, str]]:
    colours = [colours] * len(texts) if isinstance(colours, str) else list(colours)
    texts = [texts] * len(colours) if isinstance(texts, str) else list(texts)
    assert len(colours) == len(texts)
    return list(zip(texts, colours, strict=True))


def _treemap():
    frame = pd.DataFrame({"unit_key": [f"U{i}" for i in range(10)],
                          "unit_name": [f"Balai {i}" for i in range(10)],
                          "eselon1": [f"Eselon {i % 9}" for i in range(10)],
                          "agents": list(range(1, 11))})
    trace = charts.treemap_eselon1_unit(frame, "id").data[0]
    assert len(set(trace.marker.colors)) == len(palette.SERIES)  # 9 groups: the cycle wraps
    return _pairs(trace.marker.colors, trace.textfont.color)


def _funnel():
    stages = [k for k in palette.stage_colors() if k != "dicabut"]
    frame = pd.DataFrame({"zi_stage": stages, "units": list(range(len(stages), 0, -1)),
                          "share": 0.1})
    trace = charts.stage_funnel(frame, "id").data[0]
    return _pairs(trace.marker.color, trace.insidetextfont.color)


def _stacked():
    frame = pd.DataFrame([("A", m, 1, 0.25) for m in palette.attendance_colors()],
                         columns=["eselon1", "mode", "agents", "share"])
    fig = charts.attendance_stacked_100(frame, "id")
    assert {t.texttemplate for t in fig.data} == {"%{x:.0%}"}  # words inside every segment
    return [p for t in fig.data for p in _pairs(t.marker.color, t.insidetextfont.color)]


@pytest.mark.parametrize("build", [_treemap, _funnel, _stacked], ids=lambda f: f.__name__[1:])
def test_words_inside_a_chart_read_on_their_fill(build):
    pairs = build()
    assert pairs
    for text, fill in pairs:
        assert palette.contrast(text, fill) >= palette.TEXT_CONTRAST, (text, fill)


def test_profile_outlines_and_lines_stand_out_from_the_background():
    scores = pd.DataFrame({"component": ["area_sdm"], "label": ["SDM"], "score": [5.0],
                           "weight": [10.0], "wbk_minimum": [6.0], "wbbm_minimum": [8.0]})
    weight = charts.unit_scores(scores, "id").data[0]
    assert weight.marker.color == "rgba(0,0,0,0)"  # drawn by its outline alone
    timeline = charts.stage_timeline(pd.DataFrame({"year": [2019, 2020],
                                                   "zi_stage": ["pembangunan", "wbk"]}), "id")
    for colour in (weight.marker.line.color, timeline.data[0].line.color,
                   timeline.data[0].marker.line.color, *timeline.data[0].marker.color):
        assert palette.contrast(colour, palette.BACKGROUND) >= palette.GRAPHIC_CONTRAST, colour
