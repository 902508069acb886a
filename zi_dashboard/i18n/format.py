"""Numbers, percentages and dates in `id` or `en`, by CLDR's rules (Babel): 1.234,5 and 9,8%."""

from __future__ import annotations

import datetime as dt
import functools
import math

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal, format_percent

__all__ = ["format_date", "format_delta", "format_number", "format_pct"]

MISSING = "–"


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse("en" if lang == "en" else "id")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _pattern(decimals: int, suffix: str = "", min_decimals: int | None = None) -> str:
    """A CLDR pattern: `decimals` places, of which at least `min_decimals` (default all) shown."""
    shown = decimals if min_decimals is None else min(min_decimals, decimals)
    places = "0" * shown + "#" * (decimals - shown)
    return "#,##0" + ("." + places if places else "") + suffix


def format_number(value: float | int | None, lang: str = "id", decimals: int = 0, *,
                  min_decimals: int | None = None) -> str:
    """1234.5 → '1.234,5' (id) or '1,234.5' (en); missing values → '–'.

    With `min_decimals`, trailing zeros beyond it are dropped: (75.5, 2, min_decimals=0) → '75,5'.
    """
    if _missing(value):
        return MISSING
    return format_decimal(value, format=_pattern(decimals, min_decimals=min_decimals),
                          locale=_locale(lang))


def format_pct(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """A share (0.098) → '9,8%' (id) or '9.8%' (en)."""
    if _missing(value):
        return MISSING
    return format_percent(value, format=_pattern(decimals, "%"), locale=_locale(lang))


def format_delta(value: float | int, lang: str = "id", decimals: int = 0) -> str:
    """A signed change: +26 / −3 (a typographic minus, so it never reads as a hyphen)."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return sign + format_number(abs(value), lang, decimals)


def format_date(value: dt.date | dt.datetime | None, lang: str = "id") -> str:
    """4 Agustus 2020 (id) or 4 August 2020 (en)."""
    if value is None:
        return MISSING
    return _babel_date(value, format="d MMMM y", locale=_locale(lang))
