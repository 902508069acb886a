"""A briefing rendered as an A4-landscape PDF: title page, one page per chart (image or table)."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from zi_dashboard.charts.palette import (
    HEADER_FILL,
    LINE_COLOR,
    MAIN_COLOR,
    MUTED_COLOR,
    PDF_FONTS,
    STRIPE_FILL,
    TEXT_COLOR,
    rgb,
)
from zi_dashboard.exports.deck import (
    Deck,
    DeckItem,
    Progress,
    all_items,
    deck_parts,
    footer_text,
    item_alt,
    render_images,
    reporter,
)
from zi_dashboard.exports.images import ImageExporter, png_size
from zi_dashboard.exports.pptx_chart import category_label
from zi_dashboard.i18n import format_number, format_pct, t

__all__ = ["build_pdf"]


PDF_AREA = (267.0, 150.0)  # mm a chart gets under the title and narrative of an A4 page


def _new_pdf(deck: Deck) -> Any:
    """An A4-landscape FPDF with the bundled DejaVu font and the deck's footer."""
    from fpdf import FPDF

    class BriefingPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=8)
            self.set_text_color(*rgb(MUTED_COLOR))
            self.cell(200, 6, footer_text(deck)[:160])
            page = t("deck.page", deck.lang, page=self.page_no(), pages="{nb}")
            self.cell(0, 6, page, align="R")

    pdf = BriefingPdf(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(15, 12, 15)
    for style, path in PDF_FONTS.items():
        pdf.add_font("DejaVu", style, path)
    pdf.set_title(deck.title)
    pdf.set_author(deck.organisation)
    pdf.set_lang("id-ID" if deck.lang != "en" else "en-GB")
    return pdf


def _pdf_text(pdf: Any, text: str, size: float, *, bold: bool = False,
              color: tuple[int, int, int] = rgb(TEXT_COLOR), gap: float = 2) -> None:
    if not text:
        return
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, text, align="L")
    pdf.ln(gap)


def _table_cell(value: Any, number_format: str, lang: str) -> str:
    if isinstance(value, str) or value is None or pd.isna(value):
        return category_label(value)
    if isinstance(value, (int, float)) and "%" in number_format:
        return format_pct(float(value), lang)
    decimals = 0 if float(value).is_integer() else 2
    return format_number(value, lang, decimals)


def _pdf_table(pdf: Any, item: DeckItem, lang: str, bottom: float) -> None:
    """item.data as a simple table (when no image can be made), cut to what fits the page."""
    from fpdf.fonts import FontFace

    frame = item.data
    rows = max(int((bottom - pdf.get_y()) // 7) - 2, 1)
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(*rgb(TEXT_COLOR))
    pdf.set_draw_color(*rgb(LINE_COLOR))
    pdf.set_fill_color(255, 255, 255)  # the rows between the shaded ones
    widths = (110, *([40] * (frame.shape[1] - 1)))
    with pdf.table(line_height=6, align="LEFT", width=min(pdf.epw, sum(widths)),
                   col_widths=widths, text_align=tuple("RIGHT" if n else "LEFT" for n in numeric),
                   headings_style=FontFace(emphasis="BOLD", fill_color=rgb(HEADER_FILL)),
                   cell_fill_color=rgb(STRIPE_FILL), cell_fill_mode="ROWS") as table:
        table.row([str(c) for c in frame.columns])
        for values in frame.head(rows).itertuples(index=False, name=None):
            table.row([_table_cell(v, item.number_format, lang) for v in values])
    if len(frame) > rows:
        pdf.ln(2)
        _pdf_text(pdf, t("deck.more_rows", lang, n=len(frame) - rows), 10, color=rgb(MUTED_COLOR))


def build_pdf(deck: Deck, exporter: ImageExporter | None,
              progress: Progress | None = None) -> bytes:
    """The briefing as an A4-landscape PDF: title page, one page per chart (image or table)."""
    report = reporter(progress)
    items = all_items(deck)
    images, reason = render_images(deck, items, exporter, report, 0.8, PDF_AREA[0] / PDF_AREA[1])
    png_of = {id(item): png for item, png in zip(items, images, strict=True)}
    pdf = _new_pdf(deck)
    pdf.add_page()
    pdf.set_fill_color(*rgb(MAIN_COLOR))
    pdf.rect(0, 0, 5, 210, style="F")
    pdf.set_y(45)
    _pdf_text(pdf, deck.organisation, 14, color=rgb(MUTED_COLOR), gap=4)
    _pdf_text(pdf, deck.title, 28, bold=True, gap=8)
    _pdf_text(pdf, deck.date_text, 14, gap=3)
    _pdf_text(pdf, deck.version_text, 12, color=rgb(MUTED_COLOR), gap=3)
    _pdf_text(pdf, deck.filters_text, 12, color=rgb(MUTED_COLOR))
    bottom, done = 210 - 16, 0
    for name, section in deck_parts(deck):
        if name:
            pdf.add_page()
            pdf.set_y(70)
            _pdf_text(pdf, name, 26, bold=True, gap=6)
            _pdf_text(pdf, "\n".join(i.title for i in section), 12, color=rgb(MUTED_COLOR))
        for item in section:
            done += 1
            report(0.8 + 0.2 * (done - 1) / max(len(items), 1), item.title)
            pdf.add_page()
            _pdf_text(pdf, item.title, 18, bold=True, gap=1)
            _pdf_text(pdf, item.narrative, 12, color=rgb(MUTED_COLOR), gap=3)
            png = png_of.get(id(item))
            if png is not None:
                px_w, px_h = png_size(png)
                top, width = pdf.get_y(), pdf.epw
                scale = min(width / px_w, (bottom - top) / px_h)
                w, h = px_w * scale, px_h * scale
                pdf.image(io.BytesIO(png), x=pdf.l_margin + (width - w) / 2, y=top, w=w, h=h,
                          alt_text=item_alt(item))
                continue
            _pdf_text(pdf, t("deck.no_image", deck.lang) + (f" {reason}" if reason else ""), 10,
                      color=rgb(MUTED_COLOR), gap=3)
            if item.data is not None and len(item.data.columns):
                _pdf_table(pdf, item, deck.lang, bottom)
    report(1.0, t("deck.done", deck.lang))
    return bytes(pdf.output())
