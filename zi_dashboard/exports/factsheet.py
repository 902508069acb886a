"""Per-unit fact sheets: the ZIP of one PDF per unit (and all of them in one)."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from zi_dashboard.analysis.frames import Tables
from zi_dashboard.analysis.profile import UnitFacts, unit_facts
from zi_dashboard.domain import schema
from zi_dashboard.exports import factsheet_pdf
from zi_dashboard.i18n import t
from zi_dashboard.i18n.format import DEFAULT_ZONE, format_as_of

__all__ = ["build_unit_sheets", "sheet_names", "slugify"]

Progress = Callable[[float, str], None]
_MODES = tuple(schema.ATTENDANCE_MODES.keys())


def slugify(text: str, max_length: int = 60) -> str:
    """'Balai Besar "Inten Suweno" Cibinong' → 'balai-besar-inten-suweno-cibinong'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:  # cut at a word boundary when there is one
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug or "unit"


def sheet_names(facts: list[UnitFacts]) -> list[str]:
    """`001_biro-perencanaan.pdf` …: numbered in order, so equal names stay apart."""
    digits = max(3, len(str(len(facts))))
    return [f"{i:0{digits}d}_{slugify(f.unit_name)}.pdf" for i, f in enumerate(facts, 1)]


def _used_chars(tables: Tables) -> set[str]:
    chars = set(factsheet_pdf.BASE_CHARS)
    for name, columns in (("units", ("unit_name", "eselon1", "unit_type", "city", "province")),
                          ("agents", ("name", "position")), ("attendance", ("event",))):
        frame = tables.get(name)
        for column in columns if frame is not None else ():
            chars.update("".join(frame[column].dropna().astype(str).unique()))
    return chars


def build_unit_sheets(tables: Tables, *, version_id: int, created_at: dt.datetime | dt.date,
                      lang: str = "id", progress: Progress | None = None,
                      today: dt.date | None = None, combined: bool = True,
                      zone: str = DEFAULT_ZONE) -> bytes:
    """A ZIP with one single-page PDF per unit (and, with `combined`, all of them in one PDF);
    the version's time in the footer is shown in `zone`, the zone named."""
    report = progress if progress is not None else (lambda fraction, label: None)
    today = today or dt.date.today()
    facts = unit_facts(tables, today=today)
    as_of = format_as_of(created_at, lang, zone)
    footer = (f"{t('app.source', lang, version=version_id)} · "
              f"{t('app.data_line', lang, date=as_of, version=version_id)}")
    title = t("factsheet.kind", lang)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="zi-fonts-") as directory, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        fonts = factsheet_pdf.subset_fonts(Path(directory), _used_chars(tables))
        steps = len(facts) + (1 if combined else 0)
        for i, (name, f) in enumerate(zip(sheet_names(facts), facts, strict=True)):
            report(i / max(steps, 1), f.unit_name)
            pdf = factsheet_pdf.new_pdf(fonts, footer, lang, f"{title}: {f.unit_name}")
            factsheet_pdf.draw_sheet(pdf, f, lang, today)
            archive.writestr(name, bytes(pdf.output()))
        if combined and facts:
            report(len(facts) / steps, t("factsheet.all_units", lang))
            pdf = factsheet_pdf.new_pdf(fonts, footer, lang, title)
            for f in facts:
                factsheet_pdf.draw_sheet(pdf, f, lang, today)
            archive.writestr(f"{t('factsheet.all_units', lang)}.pdf", bytes(pdf.output()))
    report(1.0, "")
    return buffer.getvalue()
