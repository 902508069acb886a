"""One unit's fact sheet drawn on an A4 page with fpdf2 primitives: no browser, bundled fonts."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from zi_dashboard.analysis import years
from zi_dashboard.analysis.profile import UnitFacts
from zi_dashboard.charts import palette
from zi_dashboard.charts.palette import rgb
from zi_dashboard.domain import rules, schema
from zi_dashboard.i18n import format_date, format_number, format_pct, t
from zi_dashboard.present import gaps as gap_texts

__all__ = ["BASE_CHARS", "draw_sheet", "new_pdf", "subset_fonts"]

# Latin-1, Latin Extended-A and the signs the sheets' own texts use; the data adds its own.
BASE_CHARS = frozenset([chr(c) for c in range(0x20, 0x180) if not 0x7F <= c < 0xA0]
                       + list("‐–—‘’‚“”„•…‰€−×÷≤≥≈→"))
TEXT, MUTED, LINE = rgb(palette.TEXT_COLOR), rgb(palette.MUTED_COLOR), rgb(palette.LINE_COLOR)
BLUE = rgb(palette.MAIN_COLOR)
GREEN, RED = rgb(palette.GOOD_COLOR), rgb(palette.ALERT_COLOR)
GREEN_TEXT, RED_TEXT = rgb(palette.GOOD_TEXT), rgb(palette.ALERT_TEXT)  # 4.5:1 for words
TRACK, PANEL = rgb(palette.GRID_COLOR), rgb(palette.PANEL_COLOR)
HEADING, STRIPE = rgb(palette.HEADER_FILL), rgb(palette.STRIPE_FILL)
MODE_RGB = {**{m: rgb(c) for m, c in palette.attendance_colors().items()}, None: TRACK}
LEFT, WIDTH, BOTTOM = 15.0, 180.0, 297.0 - 16.0  # mm: margin, text width, last usable y
PAGES_ALIAS = "{nb-pages}"  # wide enough for the page count of a 10,000-unit combined PDF


def subset_fonts(directory: Path, chars: set[str]) -> dict[str, Path]:
    """DejaVu cut down to `chars`: each PDF then loads it in a few ms instead of ~25 ms."""
    from fontTools import subset, ttLib

    options = subset.Options()
    options.drop_tables += ["FFTM"]  # a timestamp table fontTools cannot subset
    options.notdef_outline = True
    paths = {}
    for style, source in palette.PDF_FONTS.items():
        name = source.name
        font = ttLib.TTFont(source, recalcTimestamp=False)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes={ord(c) for c in chars})
        # fontTools logs each dropped table at INFO/WARNING; nothing a user could act on.
        logger = logging.getLogger("fontTools.subset")
        level = logger.level
        logger.setLevel(logging.ERROR)
        try:
            subsetter.subset(font)
        finally:
            logger.setLevel(level)
        paths[style] = directory / name
        font.save(paths[style])
    return paths


def new_pdf(fonts: dict[str, Path], footer: str, lang: str, title: str) -> Any:
    """An A4-portrait FPDF with the given fonts as "DejaVu" and the footer on every page."""
    from fpdf import FPDF

    class SheetPdf(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("DejaVu", size=7)
            self.set_text_color(*MUTED)
            self.cell(150, 5, _fit(self, footer, 150))
            self.cell(0, 5, t("factsheet.page", lang, page=self.page_no(), pages=PAGES_ALIAS),
                      align="R")

    pdf = SheetPdf(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, 12, LEFT)
    pdf.alias_nb_pages(PAGES_ALIAS)
    for style, path in fonts.items():
        pdf.add_font("DejaVu", style, path)
    pdf.set_title(title)
    pdf.set_author(t("brief.organisation", lang))
    pdf.set_lang("en-GB" if lang == "en" else "id-ID")
    return pdf


# --- drawing --------------------------------------------------------------------------------

def _fit(pdf: Any, text: str, width: float) -> str:
    """`text` cut with … so it fits `width` mm in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _put(pdf: Any, box: tuple[float, float, float, float], text: str, size: float, *,
         bold: bool = False, color: tuple[int, int, int] = TEXT, align: str = "L") -> None:
    """One line of text in box (x, y, w, h) mm, cut to fit."""
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*color)
    x, y, w, h = box
    pdf.set_xy(x, y)
    pdf.cell(w, h, _fit(pdf, text, w - 2 * pdf.c_margin), align=align)


def _fill(pdf: Any, rgb: tuple[int, int, int], x: float, y: float, w: float, h: float) -> None:
    if w > 0:
        pdf.set_fill_color(*rgb)
        pdf.rect(x, y, w, h, style="F")


def _rule(pdf: Any, x1: float, y1: float, x2: float, y2: float, width: float = 0.2,
          rgb: tuple[int, int, int] = LINE) -> None:
    pdf.set_draw_color(*rgb)
    pdf.set_line_width(width)
    pdf.line(x1, y1, x2, y2)


def _heading(pdf: Any, text: str, y: float) -> float:
    _put(pdf, (LEFT, y, WIDTH, 6), text, 10.5, bold=True)
    _rule(pdf, LEFT, y + 6.5, LEFT + WIDTH, y + 6.5)
    return y + 8.5


def _score(value: float | None, lang: str, decimals: int = 2) -> str:
    return "–" if value is None else format_number(value, lang, decimals)


def _draw_header(pdf: Any, f: UnitFacts, lang: str) -> float:
    _fill(pdf, BLUE, 0, 0, 4, 297)
    _put(pdf, (LEFT, 10, WIDTH, 4),
         f"{t('brief.organisation', lang)} · {t('factsheet.kind', lang)}", 8, color=MUTED)
    pdf.set_font("DejaVu", "B", 16)
    pdf.set_text_color(*TEXT)
    pdf.set_xy(LEFT, 15)
    pdf.multi_cell(WIDTH, 7, f.unit_name, align="L")
    place = ", ".join(p for p in (f.city, f.province) if p)
    _put(pdf, (LEFT, pdf.get_y(), WIDTH, 5),
         " · ".join(p for p in (f.eselon1, f.unit_type, place) if p), 9.5, color=MUTED)
    return pdf.get_y() + 7


def _kpis(f: UnitFacts, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, note) of the four boxes under the title."""
    stage = schema.STAGES.label(f.zi_stage, lang) if f.zi_stage in schema.STAGES.keys() else (
        f.zi_stage or "–")
    wbk, wbbm = (f.minimum(target) for target in ("wbk", "wbbm"))
    n, needed = len(f.agents), f.agents_needed
    need = t("factsheet.no_need", lang) if needed is None else t(
        "factsheet.needed_met", lang, n=format_number(needed, lang)) if n >= needed else t(
        "factsheet.of_needed", lang, n=format_number(needed, lang),
        short=format_number(needed - n, lang))
    progress = "" if f.mean_progress is None else t(
        "factsheet.mean_progress", lang, pct=format_pct(f.mean_progress / 100, lang, 0))
    return [
        (t("factsheet.stage", lang), stage, "" if f.award_year is None else t(
            "factsheet.since_history" if f.award_year_derived else "factsheet.since", lang,
            year=f.award_year)),
        (t("factsheet.lke", lang), t("factsheet.not_scored", lang) if f.lke_score is None
         else _score(f.lke_score, lang),
         t("factsheet.minima", lang, wbk=_score(wbk, lang, 0), wbbm=_score(wbbm, lang, 0))),
        (t("factsheet.agents", lang), format_number(n, lang), need),
        (t("factsheet.plans_done", lang),
         f"{format_number(f.plans_done, lang)} / {format_number(f.plans, lang)}", progress),
    ]


def _draw_kpis(pdf: Any, f: UnitFacts, lang: str, y: float) -> float:
    gap, h = 3.0, 19.0
    w = (WIDTH - 3 * gap) / 4
    for i, (label, value, note) in enumerate(_kpis(f, lang)):
        x = LEFT + i * (w + gap)
        _fill(pdf, PANEL, x, y, w, h)
        _put(pdf, (x + 1.5, y + 2, w - 3, 4), label, 7.5, color=MUTED)
        size = 14.0
        pdf.set_font("DejaVu", "B", size)
        while size > 9 and pdf.get_string_width(value) > w - 5:  # long stage names shrink
            size -= 0.5
            pdf.set_font("DejaVu", "B", size)
        _put(pdf, (x + 1.5, y + 6.5, w - 3, 6.5), value, size, bold=True)
        _put(pdf, (x + 1.5, y + 13.5, w - 3, 4), note, 7, color=MUTED)
    return y + h + 5


def _draw_scale(pdf: Any, f: UnitFacts, lang: str, y: float) -> float:
    """0–100 track, the score filled, the WBK and WBBM totals as labelled lines."""
    x0, w, h, top = LEFT, WIDTH - 22, 6.0, y + 5
    _fill(pdf, TRACK, x0, top, w, h)
    if f.lke_score is not None:
        color = GREEN if f.check.wbbm_eligible else BLUE if f.check.wbk_eligible else RED
        _fill(pdf, color, x0, top, w * min(max(f.lke_score, 0), 100) / 100, h)
    for target in ("wbk", "wbbm"):
        value = f.minimum(target)
        if value is not None:
            x = x0 + w * value / 100
            _rule(pdf, x, top - 1, x, top + h + 1, 0.5, TEXT)
            _put(pdf, (x - 15, y, 30, 4), f"{target.upper()} {_score(value, lang, 0)}", 7.5,
                 align="C")
    _put(pdf, (x0 - 1, top + h + 1, 10, 3.5), "0", 7, color=MUTED)
    _put(pdf, (x0 + w - 9, top + h + 1, 10, 3.5), "100", 7, color=MUTED, align="R")
    _put(pdf, (x0 + w + 2, top - 0.5, 20, 7), _score(f.lke_score, lang), 12, bold=True,
         align="R")
    # Both years in one line: "WBK sejak 2017 · dinilai 2020 (PermenPANRB 10/2019)".
    since = years.stage_since_text(f.zi_stage, f.award_year, f.award_year_derived, lang)
    evaluated = years.evaluated_text(f.evaluation_year, f.rule_set, lang)
    line = " · ".join(p for p in (since, evaluated) if p)
    _put(pdf, (LEFT, top + h + 5, WIDTH, 4), line[:1].upper() + line[1:], 7.5, color=MUTED)
    return top + h + 10


def _draw_gaps(pdf: Any, f: UnitFacts, lang: str, y: float) -> float:
    """Which WBK minimums the unit misses and by how much; WBBM's once WBK is met."""
    blocks = [("wbk", f.check.wbk_gaps, 8)]
    if f.check.wbk_eligible:
        blocks.append(("wbbm", f.check.wbbm_gaps, 6))
    for target, gaps, limit in blocks:
        heading = t(f"factsheet.{target}_short", lang, n=len(gaps)) if gaps else t(
            f"factsheet.{target}_met", lang)
        _put(pdf, (LEFT, y, WIDTH, 4.8), heading, 9, bold=True, color=RED_TEXT if gaps else GREEN_TEXT)
        y += 4.8
        shown = gaps if len(gaps) <= limit else gaps[: limit - 1]
        lines = [g.message(lang) for g in shown]
        if len(shown) < len(gaps):
            lines.append(t("factsheet.more", lang, n=len(gaps) - len(shown)))
        for line in lines:
            _put(pdf, (LEFT + 3, y, WIDTH - 3, 4.3), f"• {line}", 8.5)
            y += 4.3
        plan = f.wbk_plan if target == "wbk" else f.wbbm_plan
        if gaps and plan is not None:  # what it takes, as Profil Unit's what-if says it
            _put(pdf, (LEFT + 3, y, WIDTH - 3, 4.3), gap_texts.plan_text(plan, lang), 8.5,
                 color=MUTED)
            y += 4.3
        y += 1.5
    if not f.check.wbk_eligible and f.check.wbbm_gaps:
        _put(pdf, (LEFT, y, WIDTH, 4.5), t("factsheet.wbbm_count", lang,
                                           n=len(f.check.wbbm_gaps)), 8.5, color=MUTED)
        y += 6
    return y + 2


def _draw_areas(pdf: Any, f: UnitFacts, lang: str, y: float) -> float:
    y = _heading(pdf, t("factsheet.areas", lang), y)
    if all(a.score is None for a in f.areas):
        _put(pdf, (LEFT, y, WIDTH, 5), t("factsheet.no_areas", lang), 8.5, color=MUTED)
        return y + 8
    label_w, bar_w, row_h = 64.0, 82.0, 5.6
    bar_x = LEFT + label_w + 1
    for a in f.areas:
        _put(pdf, (LEFT, y, label_w, row_h - 1),
             schema.DATASETS["units"].column(a.area).label(lang), 8.5)
        _fill(pdf, TRACK, bar_x, y + 0.6, bar_w, row_h - 2.2)
        if a.pct is not None:
            low = a.wbk_share is not None and a.pct < a.wbk_share * 100 - rules.EPSILON
            _fill(pdf, RED if low else BLUE, bar_x, y + 0.6, bar_w * min(a.pct, 100) / 100,
                  row_h - 2.2)
        for share in (a.wbk_share, a.wbbm_share):
            if share is not None:
                _rule(pdf, bar_x + bar_w * share, y, bar_x + bar_w * share, y + row_h - 1, 0.35,
                      TEXT)
        value = "–" if a.pct is None else (f"{_score(a.score, lang)} / "
                                           f"{format_number(a.weight, lang)} · "
                                           f"{format_pct(a.pct / 100, lang, 0)}")
        _put(pdf, (bar_x + bar_w, y, LEFT + WIDTH - bar_x - bar_w, row_h - 1), value, 8.5,
             align="R")
        y += row_h
    first = next((a for a in f.areas if a.wbk_share is not None), None)
    note = t("factsheet.no_area_minima", lang) if first is None else t(
        "factsheet.area_lines", lang, wbk=format_pct(first.wbk_share, lang, 0),
        wbbm=format_pct(first.wbbm_share, lang, 0))
    _put(pdf, (LEFT, y + 0.5, WIDTH, 4), note, 7.5, color=MUTED)
    return y + 8


def _draw_attendance(pdf: Any, f: UnitFacts, lang: str, x: float, y: float, w: float) -> None:
    _put(pdf, (x, y, w, 5), t("factsheet.attendance", lang), 9, bold=True)
    counts = f.attendance()
    total = sum(counts.values())
    if f.event is None or total == 0:
        _put(pdf, (x, y + 6, w, 5), t("factsheet.no_attendance", lang) if f.event is None
             else t("factsheet.no_agents", lang), 8.5, color=MUTED)
        return
    _put(pdf, (x, y + 5, w, 4), f.event, 7.5, color=MUTED)
    left = x
    for mode, n in counts.items():
        _fill(pdf, MODE_RGB[mode], left, y + 10, w * n / total, 4.5)
        left += w * n / total
    shown = [(mode, n) for mode, n in counts.items() if mode is not None or n]
    for i, (mode, n) in enumerate(shown):
        cx, cy = x + (i % 2) * w / 2, y + 16 + (i // 2) * 5
        _fill(pdf, MODE_RGB[mode], cx + 1, cy + 1, 3, 3)
        name = schema.ATTENDANCE_MODES.label(mode, lang) if mode else t("factsheet.no_record",
                                                                        lang)
        _put(pdf, (cx + 4, cy, w / 2 - 4, 5), f"{name}: {format_number(n, lang)}", 8.5)


def _draw_plans(pdf: Any, f: UnitFacts, lang: str, box: tuple[float, float, float],
                today: dt.date) -> None:
    x, y, w = box
    _put(pdf, (x, y, w, 5), t("factsheet.rtl", lang), 9, bold=True)
    if f.plans == 0:
        _put(pdf, (x, y + 6, w, 5), t("factsheet.no_plans", lang), 8.5, color=MUTED)
        return
    _put(pdf, (x, y + 5, w, 4), t("factsheet.rtl_progress", lang, pct=format_pct(
        (f.mean_progress or 0) / 100, lang, 0)), 7.5, color=MUTED)
    _fill(pdf, TRACK, x, y + 10, w, 4.5)
    _fill(pdf, GREEN, x, y + 10, w * min(f.mean_progress or 0, 100) / 100, 4.5)
    _put(pdf, (x, y + 16, w, 5), t("factsheet.rtl_plans", lang, n=format_number(f.plans, lang),
                                   done=format_number(f.plans_done, lang),
                                   share=format_pct(f.plans_done / f.plans, lang, 0)), 8.5)
    _put(pdf, (x, y + 21, w, 5), t("factsheet.rtl_overdue", lang,
                                   n=format_number(f.plans_overdue, lang),
                                   date=format_date(today, lang)), 8.5,
         color=RED_TEXT if f.plans_overdue else TEXT)


def _draw_agents(pdf: Any, f: UnitFacts, lang: str, y: float) -> None:
    y = _heading(pdf, t("factsheet.agent_list", lang, n=format_number(len(f.agents), lang)), y)
    if not f.agents:
        _put(pdf, (LEFT, y, WIDTH, 5), t("factsheet.no_agents", lang), 8.5, color=MUTED)
        return
    if not any(name for name, *_ in f.agents):
        # Names are required in a roster, so none means the access policy withheld them (an
        # anonymous visitor): a row per person (rank, attendance) would still be row-level data.
        _put(pdf, (LEFT, y, WIDTH, 5), t("access.rows_hidden", lang), 8.5, color=MUTED)
        return
    widths = (9.0, 63.0, 58.0, 22.0, 28.0)
    heads = ("No", t("col.name", lang), t("col.position", lang), t("col.rank", lang),
             t("factsheet.col_mode", lang))
    row_h = 5.0
    fits = int((BOTTOM - y) // row_h) - 1  # rows under the header; the last may say "… more"
    shown = f.agents if len(f.agents) <= fits else f.agents[: fits - 1]
    _fill(pdf, HEADING, LEFT, y, WIDTH, row_h)
    rows = [(heads, True)] + [((str(i), name, position or "–", rank or "–",
                                schema.ATTENDANCE_MODES.label(mode, lang) if mode else "–"),
                               False) for i, (name, position, rank, mode) in enumerate(shown, 1)]
    for i, (values, bold) in enumerate(rows):
        if i and i % 2 == 0:
            _fill(pdf, STRIPE, LEFT, y, WIDTH, row_h)
        x = LEFT
        for value, width in zip(values, widths, strict=True):
            _put(pdf, (x, y, width, row_h), value, 8, bold=bold)
            x += width
        y += row_h
    if len(shown) < len(f.agents):
        _put(pdf, (LEFT, y, WIDTH, row_h), t("factsheet.more", lang, n=len(f.agents) - len(shown)),
             8, color=MUTED)


def draw_sheet(pdf: Any, f: UnitFacts, lang: str, today: dt.date) -> None:
    pdf.add_page()
    y = _draw_header(pdf, f, lang)
    y = _draw_kpis(pdf, f, lang, y)
    y = _draw_gaps(pdf, f, lang, _draw_scale(pdf, f, lang, _heading(
        pdf, t("factsheet.thresholds", lang), y)))
    y = _draw_areas(pdf, f, lang, y)
    half = (WIDTH - 10) / 2
    _draw_attendance(pdf, f, lang, LEFT, y, half)
    _draw_plans(pdf, f, lang, (LEFT + half + 10, y, half), today)
    _draw_agents(pdf, f, lang, y + 29)
