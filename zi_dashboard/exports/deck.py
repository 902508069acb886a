"""A briefing (title, then one chart per item) and its PPTX and PNG ZIP; the PDF is in deck_pdf."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from zi_dashboard.charts.palette import MAIN_COLOR, MUTED_COLOR, TEXT_COLOR
from zi_dashboard.exports.images import ImageExporter, ImageExportError, figure_height, png_size
from zi_dashboard.exports.pptx_chart import NATIVE_KINDS, add_native_chart, pptx_rgb
from zi_dashboard.i18n import t

__all__ = ["NATIVE_KINDS", "Deck", "DeckItem", "build_png_zip", "build_pptx", "png_names"]

Progress = Callable[[float, str], None]
IMAGE_WIDTH = 1000  # px at scale 1 (rendered at scale 2): 13 px text reads at about 10-11 pt
ZIP_WIDTH = 1200  # the ZIP's PNGs match the dashboard's own downloads

@dataclass
class DeckItem:
    """One chart of a briefing: a slide in the PPTX, a page in the PDF, a PNG in the ZIP."""

    key: str
    title: str
    narrative: str  # one sentence, computed by the caller
    figure: go.Figure
    kind: str  # one of NATIVE_KINDS, or "image"
    data: pd.DataFrame | None = None  # first column: categories; the others: series (numbers)
    alt: str = ""
    number_format: str = "#,##0"
    colors: Mapping[str, str] | None = None  # series (or, for one series, category) → "#RRGGBB"


@dataclass
class Deck:
    """A whole briefing; the texts arrive already formatted in `lang`."""

    title: str
    organisation: str
    date_text: str
    version_text: str
    filters_text: str
    source_text: str
    lang: str
    items: list[DeckItem]
    sections: list[tuple[str, list[DeckItem]]] | None = None  # when set: order and dividers


def deck_parts(deck: Deck) -> list[tuple[str, list[DeckItem]]]:
    """(section title, items) in order; one untitled part when the deck has no sections."""
    return [(name, list(items)) for name, items in deck.sections] if deck.sections else [
        ("", list(deck.items))]


def all_items(deck: Deck) -> list[DeckItem]:
    return [item for _, items in deck_parts(deck) for item in items]


def item_alt(item: DeckItem) -> str:
    """The item's alt text, else the one its chart builder stored, else its title."""
    meta = item.figure.layout.meta if item.figure is not None else None
    return item.alt or (str(meta.get("alt", "")) if isinstance(meta, dict) else "") or item.title


def _native(item: DeckItem) -> bool:
    return (item.kind in NATIVE_KINDS and item.data is not None and len(item.data) > 0
            and item.data.shape[1] >= 2)


def footer_text(deck: Deck) -> str:
    return " · ".join(part for part in (deck.source_text, deck.version_text) if part)


def render_images(deck: Deck, items: list[DeckItem], exporter: ImageExporter | None,
            report: Progress, share: float, aspect: float) -> tuple[list[bytes | None], str]:
    """PNGs of `items` in one warm-browser batch; (Nones, reason) when that cannot be done.

    Each image is at least as tall as the page area's `aspect` asks, so it fills the area.
    """
    if not items:
        return [], ""
    if exporter is None or not exporter.available():
        reason = exporter.unavailable_message(deck.lang) if exporter is not None else ""
        return [None] * len(items), reason

    def tick(done: int, total: int) -> None:
        report(share * done / total, t("deck.rendering", deck.lang, done=done, total=total))

    try:
        heights = [max(figure_height(item.figure), round(IMAGE_WIDTH / aspect)) for item in items]
        # The page already shows the title: the image leaves it out (a copy; items are unchanged).
        figures = [go.Figure(item.figure).update_layout(title_text="") for item in items]
        images = exporter.to_images(figures, "png", width=IMAGE_WIDTH, height=heights, scale=2,
                                    progress=tick)
    except ImageExportError as exc:
        return [None] * len(items), exporter.unavailable_message(deck.lang) or str(exc)
    return list(images), ""


def reporter(progress: Progress | None) -> Progress:
    return progress if progress is not None else (lambda fraction, label: None)


# --- PPTX ---------------------------------------------------------------------------------------

def _textbox(slide: Any, box: tuple[float, float, float, float], text: str, size: float, *,
             bold: bool = False, color: str = TEXT_COLOR, align: str = "left") -> Any:
    """A wrapped text box at (left, top, width, height) in inches."""
    from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.RIGHT if align == "right" else PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = pptx_rgb(color)
    return shape


def _add_picture(slide: Any, png: bytes, alt: str, box: tuple[float, float, float, float]) -> Any:
    """The PNG fitted inside `box` (inches), centred, with its alt text."""
    from pptx.util import Inches

    left, top, width, height = box
    px_w, px_h = png_size(png)
    scale = min(width / px_w, height / px_h)
    w, h = px_w * scale, px_h * scale
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(left + (width - w) / 2),
                                       Inches(top + (height - h) / 2), Inches(w), Inches(h))
    picture._element.nvPicPr.cNvPr.set("descr", alt)
    return picture


SLIDE_W, SLIDE_H = 13.333, 7.5
CONTENT = (0.6, 1.75, 12.13, 5.05)  # left, top, width, height of a chart, in inches


def _slide_frame(prs: Any, deck: Deck, number: int, total: int) -> Any:
    """A blank slide with the source footer and its number."""
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    _textbox(slide, (0.6, 6.95, 10.6, 0.35), footer_text(deck), 10, color=MUTED_COLOR)
    _textbox(slide, (11.3, 6.95, 1.43, 0.35), f"{number} / {total}", 10, color=MUTED_COLOR,
             align="right")
    return slide


def _accent(slide: Any, height: float = SLIDE_H) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.22), Inches(height))
    bar.fill.solid()
    bar.fill.fore_color.rgb = pptx_rgb(MAIN_COLOR)
    bar.line.fill.background()


def build_pptx(deck: Deck, exporter: ImageExporter | None,
               progress: Progress | None = None) -> bytes:
    """The briefing as a 16:9 PPTX with native charts, images for the rest, notes and footers."""
    from pptx import Presentation
    from pptx.util import Inches

    report = reporter(progress)
    parts = deck_parts(deck)
    items = all_items(deck)
    pictured = [item for item in items if not _native(item)]
    share = 0.6 if pictured else 0.0
    images, reason = render_images(deck, pictured, exporter, report, share, CONTENT[2] / CONTENT[3])
    png_of = {id(item): png for item, png in zip(pictured, images, strict=True)}

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    total = 1 + len(items) + sum(1 for name, _ in parts if name)
    slide = _slide_frame(prs, deck, 1, total)
    _accent(slide)
    _textbox(slide, (0.9, 1.2, 11.6, 0.5), deck.organisation, 18, color=MUTED_COLOR)
    _textbox(slide, (0.9, 1.8, 11.6, 1.6), deck.title, 40, bold=True)
    _textbox(slide, (0.9, 3.7, 11.6, 0.5), deck.date_text, 20)
    _textbox(slide, (0.9, 4.3, 11.6, 0.45), deck.version_text, 16, color=MUTED_COLOR)
    _textbox(slide, (0.9, 4.85, 11.6, 1.6), deck.filters_text, 16, color=MUTED_COLOR)
    number, done = 1, 0
    for name, section in parts:
        if name:
            number += 1
            slide = _slide_frame(prs, deck, number, total)
            _accent(slide)
            _textbox(slide, (0.9, 2.4, 11.6, 1.2), name, 36, bold=True)
            _textbox(slide, (0.9, 3.7, 11.6, 3.0), "\n".join(i.title for i in section), 16,
                     color=MUTED_COLOR)
        for item in section:
            number, done = number + 1, done + 1
            report(share + (1 - share) * (done - 1) / max(len(items), 1), item.title)
            slide = _slide_frame(prs, deck, number, total)
            # Sizes by length: PowerPoint only shrinks text to fit once it is edited.
            size = 28 if len(item.title) <= 60 else 22 if len(item.title) <= 90 else 18
            _textbox(slide, (0.6, 0.35, 12.13, 0.85), item.title, size, bold=True)
            _textbox(slide, (0.6, 1.1, 12.13, 0.6), item.narrative,
                     16 if len(item.narrative) <= 200 else 13, color=MUTED_COLOR)
            if _native(item):
                add_native_chart(slide, item.kind, item.data, CONTENT,
                                 number_format=item.number_format, figure=item.figure,
                                 colors=item.colors, alt=item_alt(item))
            elif (png := png_of.get(id(item))) is not None:
                _add_picture(slide, png, item_alt(item), CONTENT)
            else:
                message = t("deck.no_image", deck.lang) + (f"\n{reason}" if reason else "")
                _textbox(slide, (1.5, 3.2, 10.3, 1.5), message, 16, color=MUTED_COLOR)
            notes = [item.narrative, item_alt(item)] if item_alt(item) != item.title else [item.narrative]
            slide.notes_slide.notes_text_frame.text = "\n\n".join(n for n in notes if n)
    report(1.0, t("deck.done", deck.lang))
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


# --- PNG ZIP ------------------------------------------------------------------------------------

def png_names(items: list[DeckItem]) -> list[str]:
    """File names `NN_<key>.png`, numbered in deck order."""
    digits = max(2, len(str(len(items))))
    return [f"{i:0{digits}d}_{re.sub(r'[^A-Za-z0-9_.-]+', '_', item.key).strip('_') or 'chart'}"
            ".png" for i, item in enumerate(items, 1)]


def build_png_zip(deck: Deck, exporter: ImageExporter,
                  progress: Progress | None = None) -> bytes:
    """Every chart of the briefing as a PNG (scale 2) in one ZIP; needs a working exporter."""
    report = reporter(progress)
    items = all_items(deck)
    if exporter is None or not exporter.available():
        raise ImageExportError(exporter.unavailable_reason if exporter else "no image exporter")

    def tick(done: int, total: int) -> None:
        report(0.95 * done / total, t("deck.rendering", deck.lang, done=done, total=total))

    images = exporter.to_images([item.figure for item in items], "png", width=ZIP_WIDTH,
                                scale=2, progress=tick) if items else []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:  # PNGs are compressed
        for name, png in zip(png_names(items), images, strict=True):
            archive.writestr(name, png)
    report(1.0, t("deck.done", deck.lang))
    return buffer.getvalue()
