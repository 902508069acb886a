"""UI strings and number/date formatting in Bahasa Indonesia (`id`, default) and English (`en`)."""

from __future__ import annotations

import datetime as dt
import math

__all__ = [
    "LANGS",
    "MONTHS_EN",
    "MONTHS_ID",
    "format_date",
    "format_delta",
    "format_number",
    "format_pct",
    "t",
]

LANGS = {"id": "Bahasa Indonesia", "en": "English"}

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# key → (Bahasa Indonesia, English). Strings may hold {placeholders} filled by `t(**params)`.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Dasbor Zona Integritas", "Zona Integritas Dashboard"),
    "app.subtitle": ("Agen Perubahan dan pembangunan Zona Integritas menuju WBK/WBBM",
                     "Agents of change and the road to WBK/WBBM"),
    "app.data_line": ("Data per {date} · versi {version}", "Data as of {date} · version {version}"),
    "app.no_data": ("Belum ada data. Admin dapat mengunggah roster di halaman Unggah Data.",
                    "No data yet. An admin can upload rosters on the Upload Data page."),
    "app.source": ("Sumber: Dasbor ZI, versi data {version}", "Source: ZI Dashboard, data version {version}"),
    "app.language": ("Bahasa", "Language"),
    "kpi.agents": ("Agen perubahan", "Agents of change"),
    "kpi.units": ("Unit kerja", "Work units"),
    "kpi.units_with_agents": ("Unit dengan agen", "Units with agents"),
    "kpi.tatap_muka": ("Tatap muka", "In person"),
    "kpi.virtual": ("Virtual", "Virtual"),
    "kpi.wbk": ("Unit WBK", "WBK units"),
    "kpi.wbbm": ("Unit WBBM", "WBBM units"),
    "kpi.mean_lke": ("Rata-rata nilai LKE", "Mean LKE score"),
    "unit.agents": ("agen", "agents"),
    "unit.units": ("unit", "units"),
    "unit.points": ("poin", "points"),
}


def t(key: str, lang: str = "id", **params: object) -> str:
    """The UI string `key` in `lang`, with `params` filled in; the key itself if unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


def format_number(value: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (id) or '1,234.5' (en); missing values → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_pct(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """A share (0.098) → '9,8 %' (id) or '9.8%' (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = format_number(value * 100, lang, decimals)
    return f"{number} %" if lang == "id" else f"{number}%"


def format_delta(value: float | int, lang: str = "id", decimals: int = 0) -> str:
    """A signed change: +26 / −3."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return sign + format_number(abs(value), lang, decimals)


def format_date(value: dt.date | dt.datetime | None, lang: str = "id") -> str:
    """4 Agustus 2020 (id) or 4 August 2020 (en)."""
    if value is None:
        return "–"
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"
