"""Briefing renderers: PPTX with native charts, PDF with a Unicode font, ZIP of PNGs."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pandas as pd
import plotly.graph_objects as go
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from tests.conftest import PDFTOTEXT, need
from zi_dashboard.exports.deck import (
    Deck,
    DeckItem,
    build_png_zip,
    build_pptx,
    png_names,
)
from zi_dashboard.exports.deck_pdf import build_pdf
from zi_dashboard.exports.images import ImageExporter, ImageExportError, png_size

SOURCE = "Sumber: Dasbor ZI, versi data 7"


@pytest.fixture
def no_browser(tmp_path) -> ImageExporter:
    return ImageExporter(str(tmp_path / "no-chromium"))


def _fig(title: str) -> go.Figure:
    # Distinct bars per figure: the PDF stores identical images only once.
    return go.Figure(go.Bar(x=["a", title], y=[1, 2]), layout={"title": {"text": title}})


def _items() -> list[DeckItem]:
    eselon = pd.DataFrame({"eselon1": ["Sekretariat Jenderal", "Inspektorat Jenderal",
                                       "Direktorat Jenderal Rehabilitasi Sosial"],
                           "Agen": [40, 16, 1234]})
    modes = pd.DataFrame({"mode": ["Tatap muka", "Virtual"], "Agen": [120, 171]})
    wide = pd.DataFrame({"eselon1": ["Setjen", "Itjen"], "Tatap muka": [30, 10],
                         "Virtual": [10, 6]})
    years = pd.DataFrame({"tahun": [2019.0, 2020.0], "Agen": [265, 291]})
    return [
        DeckItem("agen_eselon1", "Agen per Eselon I", "291 agen di 81 unit kerja.",
                 _fig("Agen per Eselon I"), "barh", eselon),
        DeckItem("kehadiran", "Mode kehadiran", "120 tatap muka dan 171 virtual.",
                 _fig("Mode"), "pie", modes, colors={"Tatap muka": "#0072B2",
                                                     "Virtual": "#E69F00"}),
        DeckItem("kehadiran_eselon1", "Kehadiran per Eselon I", "Itjen paling banyak hadir.",
                 _fig("Kehadiran"), "stacked_bar_100", wide),
        DeckItem("tren", "Agen per tahun", "Naik 26 agen.", _fig("Tren"), "line", years),
        DeckItem("lke_heatmap", "Nilai area ≥ 60 % – é", "5 unit di bawah minimum.",
                 _fig("Heatmap"), "image", alt="Peta panas: 8 unit × 6 area"),
    ]


def _deck(lang: str = "id", sections: bool = False) -> Deck:
    items = _items()
    grouped = [("Ringkasan", items[:1]), ("Kehadiran", items[1:3]),
               ("Progres ZI", items[3:])] if sections else None
    return Deck("Briefing Zona Integritas", "Kementerian Sosial", "1 Oktober 2020",
                "Data per 1 Oktober 2020 · versi 7", "Eselon I: Semua", SOURCE, lang, items,
                grouped)


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _charts(slide) -> list:
    return [shape for shape in slide.shapes if getattr(shape, "has_chart", False)
            and shape.has_chart]


def _pictures(slide) -> list:
    return [shape for shape in slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE


# --- PPTX ---------------------------------------------------------------------------------------

def test_pptx_slides_titles_notes_and_footers(exporter):
    deck = _deck()
    prs = Presentation(io.BytesIO(build_pptx(deck, exporter)))
    slides = list(prs.slides)
    assert len(slides) == 6  # the title slide and five items
    assert round(prs.slide_width / prs.slide_height, 2) == round(16 / 9, 2)
    assert {"Kementerian Sosial", "Briefing Zona Integritas", "Eselon I: Semua",
            "Data per 1 Oktober 2020 · versi 7"} <= set(_texts(slides[0]))
    for slide, item in zip(slides[1:], deck.items, strict=True):
        texts = _texts(slide)
        assert item.title in texts and item.narrative in texts
        assert item.narrative in slide.notes_slide.notes_text_frame.text
    for number, slide in enumerate(slides, 1):
        assert any(SOURCE in text and "versi 7" in text for text in _texts(slide))
        assert f"{number} / 6" in _texts(slide)


@pytest.mark.parametrize(("index", "chart_type", "categories", "series", "legend"), [
    (0, XL_CHART_TYPE.BAR_CLUSTERED,
     ["Sekretariat Jenderal", "Inspektorat Jenderal", "Direktorat Jenderal Rehabilitasi Sosial"],
     {"Agen": [40.0, 16.0, 1234.0]}, False),
    (1, XL_CHART_TYPE.PIE, ["Tatap muka", "Virtual"], {"Agen": [120.0, 171.0]}, True),
    (2, XL_CHART_TYPE.BAR_STACKED_100, ["Setjen", "Itjen"],
     {"Tatap muka": [30.0, 10.0], "Virtual": [10.0, 6.0]}, True),
    # Years stored as 2019.0 are shown as 2019.
    (3, XL_CHART_TYPE.LINE_MARKERS, ["2019", "2020"], {"Agen": [265.0, 291.0]}, False),
])
def test_pptx_native_charts_hold_the_data(no_browser, index, chart_type, categories, series,
                                          legend):
    prs = Presentation(io.BytesIO(build_pptx(_deck(), no_browser)))
    charts = _charts(list(prs.slides)[1 + index])
    assert len(charts) == 1
    chart = charts[0].chart
    assert chart.chart_type == chart_type
    plot = chart.plots[0]
    assert list(plot.categories) == categories
    assert {s.name: list(s.values) for s in plot.series} == series
    assert [s.name for s in plot.series] == list(series)  # in the table's column order
    assert chart.has_legend == legend


def test_pptx_horizontal_bars_read_top_down_with_formatted_labels(no_browser):
    prs = Presentation(io.BytesIO(build_pptx(_deck(), no_browser)))
    chart = _charts(list(prs.slides)[1])[0].chart
    assert chart.category_axis.reverse_order
    assert chart.plots[0].has_data_labels
    assert chart.plots[0].data_labels.number_format == "#,##0"
    assert chart.value_axis.tick_labels.number_format == "#,##0"


def test_pptx_pie_takes_the_given_colours(no_browser):
    prs = Presentation(io.BytesIO(build_pptx(_deck(), no_browser)))
    points = _charts(list(prs.slides)[2])[0].chart.plots[0].series[0].points
    assert [str(points[i].format.fill.fore_color.rgb) for i in range(2)] == ["0072B2", "E69F00"]


def test_pptx_image_item_is_a_picture_with_alt_text(exporter):
    deck = _deck()
    prs = Presentation(io.BytesIO(build_pptx(deck, exporter)))
    slide = list(prs.slides)[5]
    pictures = _pictures(slide)
    assert len(pictures) == 1 and not _charts(slide)
    assert pictures[0]._element.nvPicPr.cNvPr.get("descr") == "Peta panas: 8 unit × 6 area"
    assert "Peta panas" in slide.notes_slide.notes_text_frame.text


@pytest.mark.parametrize(("lang", "message"), [("id", "tidak dapat dibuat"),
                                               ("en", "could not be rendered")])
def test_pptx_without_browser_puts_a_message_where_the_image_goes(no_browser, lang, message):
    prs = Presentation(io.BytesIO(build_pptx(_deck(lang), no_browser)))
    slide = list(prs.slides)[5]
    assert not _pictures(slide)
    assert any(message in text for text in _texts(slide))
    prs = Presentation(io.BytesIO(build_pptx(_deck(lang), None)))  # no exporter at all
    assert any(message in text for text in _texts(list(prs.slides)[5]))


def test_pptx_sections_get_divider_slides(no_browser):
    deck = _deck(sections=True)
    slides = list(Presentation(io.BytesIO(build_pptx(deck, no_browser))).slides)
    assert len(slides) == 9  # title, 3 section dividers, 5 items
    assert "Ringkasan" in _texts(slides[1])
    assert "Agen per Eselon I" in _texts(slides[2])
    assert "Kehadiran" in _texts(slides[3])
    assert any("Mode kehadiran" in t for t in _texts(slides[3]))  # the section's contents


def test_progress_runs_from_zero_to_one(exporter):
    calls = []
    build_pptx(_deck(), exporter, lambda fraction, label: calls.append((fraction, label)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and 0 <= fractions[0] and fractions[-1] == 1.0
    labels = [label for _, label in calls]
    assert "Membuat gambar 1 dari 1" in labels and "Agen per tahun" in labels


# --- PDF ----------------------------------------------------------------------------------------

def _pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "deck.pdf"
    path.write_bytes(data)
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True,
                          check=True, text=True).stdout


def test_pdf_pages_and_text(exporter, tmp_path):
    deck = _deck(sections=True)
    data = build_pdf(deck, exporter)
    assert data.startswith(b"%PDF")
    assert _pdf_pages(data) == 9  # title, 3 section dividers, 5 items
    assert data.count(b"/Subtype /Image") >= 5
    need(PDFTOTEXT, "pdftotext (poppler-utils)")
    text = _pdf_text(data, tmp_path)
    assert text.count("\f") == 9
    for item in deck.items:
        assert item.title in text and item.narrative in text
    assert "Nilai area ≥ 60 % – é" in text  # the bundled DejaVu font carries these glyphs
    assert "Halaman 2 dari 9" in text and SOURCE in text


def test_pdf_without_browser_shows_the_data_as_tables(no_browser, tmp_path):
    deck = _deck("en")
    data = build_pdf(deck, no_browser)
    assert _pdf_pages(data) == 6
    assert b"/Subtype /Image" not in data
    need(PDFTOTEXT, "pdftotext (poppler-utils)")
    text = _pdf_text(data, tmp_path)
    assert "could not be rendered" in text
    assert "Direktorat Jenderal Rehabilitasi Sosial" in text and "1,234" in text
    assert "Page 1 of 6" in text


# --- ZIP ----------------------------------------------------------------------------------------

def test_png_zip_has_one_png_per_item(exporter):
    deck = _deck()
    with zipfile.ZipFile(io.BytesIO(build_png_zip(deck, exporter))) as archive:
        names = archive.namelist()
        assert names == ["01_agen_eselon1.png", "02_kehadiran.png", "03_kehadiran_eselon1.png",
                         "04_tren.png", "05_lke_heatmap.png"]
        for name in names:
            assert png_size(archive.read(name))[0] == 2400  # 1200 px at scale 2


def test_png_zip_needs_a_browser(no_browser):
    with pytest.raises(ImageExportError):
        build_png_zip(_deck(), no_browser)


@pytest.mark.parametrize(("keys", "expected"), [
    (["a"], ["01_a.png"]),
    (["kehadiran per eselon/1", "é"], ["01_kehadiran_per_eselon_1.png", "02_chart.png"]),
    ([f"k{i}" for i in range(100)], None),
])
def test_png_names(keys, expected):
    items = [DeckItem(k, k, "", go.Figure(), "image") for k in keys]
    names = png_names(items)
    if expected is None:
        assert names[0] == "001_k0.png" and names[-1] == "100_k99.png"
    else:
        assert names == expected
