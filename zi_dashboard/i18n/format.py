"""Numbers, percentages, dates and times in `id` or `en`, by CLDR's rules (Babel): 1.234,5 and
9,8%; times in the viewer's zone, named: 2 Des 2026 13.05 WIB."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.numbers import format_decimal, format_percent

__all__ = ["DEFAULT_ZONE", "format_as_of", "format_date", "format_datetime", "format_delta",
           "format_number", "format_pct", "is_zone", "zone_name"]

MISSING = "–"
# Where times are shown when the viewer's zone is unknown (ZI_TIMEZONE sets the server's).
DEFAULT_ZONE = "Asia/Jakarta"
_DATETIME_PATTERNS = {"id": "d MMM y HH.mm", "en": "d MMM y, HH:mm"}
_ABBREVIATION = re.compile(r"[A-Za-z]{2,6}")


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
    return _formatted(value, lang, decimals, min_decimals)


# Babel takes ~60 µs a number; a national rule check formats 150,000 of them, mostly repeats
# (minimums, scores to two places). Remembered results are plain strings of plain numbers.
@functools.lru_cache(maxsize=65_536)
def _formatted(value: float | int, lang: str, decimals: int, min_decimals: int | None) -> str:
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


def format_date(value: dt.date | dt.datetime | None, lang: str = "id",
                zone: str = DEFAULT_ZONE) -> str:
    """4 Agustus 2020 (id) or 4 August 2020 (en).

    An aware datetime is a moment: its day in `zone`. A naive one is a calendar day as written
    (dates read from rosters)."""
    if value is None:
        return MISSING
    if isinstance(value, dt.datetime) and value.utcoffset() is not None:
        value = value.astimezone(_zone(zone))
    return _babel_date(value, format="d MMMM y", locale=_locale(lang))


@functools.cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def is_zone(name: object) -> bool:
    """True for an IANA zone name this machine knows ("Asia/Makassar"); False for anything else."""
    if not isinstance(name, str) or not name.strip():
        return False
    try:
        _zone(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _offset_name(offset: dt.timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")


def zone_name(value: dt.datetime, lang: str = "id", zone: str = DEFAULT_ZONE) -> str:
    """The short name of `zone` at the moment `value`: WIB, WITA, WIT, CET, EST, else UTC+14.

    CLDR's short name in the language first (Babel gives WIB only in `id`, EST only in `en`),
    then the tz database's abbreviation, then the offset from UTC.
    """
    local = _aware(value).astimezone(_zone(zone))
    for name in (_babel_datetime(local, "z", tzinfo=_zone(zone), locale=_locale(lang)),
                 local.tzname() or ""):
        if _ABBREVIATION.fullmatch(name):
            return name
    return _offset_name(local.utcoffset() or dt.timedelta(0))


def _aware(value: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise ValueError(f"a time to show must be timezone-aware (UTC from the store), "
                         f"not {value!r}")
    return value


def format_datetime(value: dt.datetime | None, lang: str = "id", zone: str = DEFAULT_ZONE) -> str:
    """A moment in the viewer's zone, the zone named: 2 Des 2026 13.05 WIB (id) or
    2 Dec 2026, 13:05 WIB (en); missing → '–'.

    A naive datetime is refused (ValueError): every stored time is aware UTC, so a naive one
    is a bug upstream, and guessing its zone would show a wrong time without a sign of it.
    """
    if value is None or value != value:  # None, or pandas' NaT
        return MISSING
    local = _aware(value).astimezone(_zone(zone))
    pattern = _DATETIME_PATTERNS["en" if lang == "en" else "id"]
    text = _babel_datetime(local, pattern, tzinfo=_zone(zone), locale=_locale(lang))
    return f"{text} {zone_name(local, lang, zone)}"



def format_as_of(value: dt.date | dt.datetime | None, lang: str = "id",
                 zone: str = DEFAULT_ZONE) -> str:
    """When data is from, for 'Data per …' lines: a stored time with its zone (format_datetime),
    a plain date (a pack built from a given day) as the date."""
    if isinstance(value, dt.datetime):
        return format_datetime(value, lang, zone)
    return format_date(value, lang, zone)
