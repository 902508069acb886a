"""Vectorised readers of value variants: stages with a year, date ranges, presence words, 75.500.

Each reader parses every distinct value once and maps the result back, so a 100,000-row
roster costs as many parses as it has different spellings.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from zi_dashboard.domain.enums import ABSENCE_REASONS, ENUMS, STAGES
from zi_dashboard.domain.schema import Column
from zi_dashboard.ingest import cells

__all__ = ["absence_reasons", "first_given", "parse_date_range", "parse_enum_variant",
           "parse_stage_year", "stage_years", "thousands_reading"]

# A year written with a stage: "WBK 2019", "Predikat WBBM (2021)", "WBK Tahun 2019", "WBK TA 2019".
_STAGE_YEAR = re.compile(r"[\s,;:/-]*\(?\s*(?:tahun|thn|th|ta)?\.?\s*((?:19|20|21)\d{2})\s*\)?\s*",
                         re.IGNORECASE)
# Range separators rewritten to " - ": en/em dashes, "s.d.", "s/d", "sd", "sampai", "hingga".
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‒": "-"})
_WORDS = r"s\.?\s?/?\s?d\.?|sampai(?: dengan)?|hingga|until|to"
_SEPARATOR = re.compile(rf"\s*(?:-|\b(?:{_WORDS})(?=\s|\d))\s*")
# Between two whole dates the separator has spaces around it: ISO dates hold dashes too.
_SPACED_SEPARATOR = re.compile(rf"\s+(?:-|{_WORDS})\s+")
_DAYS_MONTH = re.compile(r"(\d{1,2}) - (\d{1,2}) ([a-z]+)\.? (\d{4})")
_DAYS_NUMERIC = re.compile(r"(\d{1,2}) - (\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_DAY_MONTH_TWICE = re.compile(r"(\d{1,2}) ([a-z]+)\.? - (\d{1,2}) ([a-z]+)\.? (\d{4})")
_LONGEST_EVENT_DAYS = 366
# Absence written with its reason: "Tidak hadir (sakit)", "Tidak hadir - izin", "Absen: cuti".
_ABSENT_PREFIX = re.compile(r"^\s*(?:tidak hadir|tdk hadir|absen|berhalangan(?: hadir)?)\W*",
                            re.IGNORECASE)
_ONE_DOT_THOUSANDS = r"[-+]?\d{1,3}\.\d{3}"


def _stage_year_of(value: object) -> tuple[str | None, float]:
    """One stage cell as (stage key, year written with it, NaN when none)."""
    if not isinstance(value, str):
        return STAGES.parse(cells.cell_text(value)), np.nan
    found = list(_STAGE_YEAR.finditer(value))
    if len(found) != 1:  # no year, or two years ("WBK 2019/2020"): read the text as it is
        return STAGES.parse(value), np.nan
    match = found[0]
    rest = (value[:match.start()] + " " + value[match.end():]).strip()
    stage = STAGES.parse(rest) if rest else None
    return stage, float(match[1]) if stage is not None else np.nan


def parse_stage_year(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """ZI stage keys (None where missing or unknown), the year written with them, unknown mask."""
    present = s.notna()
    table = {v: _stage_year_of(v) for v in s[present].unique()}
    parsed = s[present].map(table)
    stage = pd.Series(None, index=s.index, dtype=object)
    year = pd.Series(np.nan, index=s.index, dtype=float)
    if len(parsed):
        stage[present] = parsed.map(lambda t: t[0]).to_numpy()
        year[present] = parsed.map(lambda t: t[1]).to_numpy(dtype=float)
    stage = stage.where(stage.notna(), None)
    return stage, year, present & stage.isna()


def stage_years(s: pd.Series, column: Column) -> pd.Series:
    """The year written with each stage ('WBK 2019' → 2019), NaN outside `column`'s range."""
    year = parse_stage_year(s)[1]
    return year.where(year.between(column.min, column.max)) if column.min is not None else year


def first_given(given: pd.Series | None, fallback: pd.Series) -> pd.Series:
    """`given` where it holds a value, `fallback` elsewhere (all of it without `given`)."""
    return fallback if given is None else given.where(given.notna(), fallback)


def _date(year: str, month: int | str | None, day: str) -> dt.datetime | None:
    """A date from its parts (month as a number or an Indonesian/English name), None if none."""
    number = cells.MONTHS.get(month) if isinstance(month, str) and not month.isdigit() else month
    try:
        return dt.datetime(int(year), int(number), int(day)) if number is not None else None
    except ValueError:
        return None


def _short_range(text: str) -> tuple[dt.datetime | None, dt.datetime | None]:
    """'4 - 7 agustus 2020', '4 - 7/8/2020', '30 juli - 2 agustus 2020' as (first, last) days."""
    if m := _DAYS_MONTH.fullmatch(text):
        return _date(m[4], m[3], m[1]), _date(m[4], m[3], m[2])
    if m := _DAYS_NUMERIC.fullmatch(text):
        return _date(m[4], m[3], m[1]), _date(m[4], m[3], m[2])
    if m := _DAY_MONTH_TWICE.fullmatch(text):
        end = _date(m[5], m[4], m[3])
        first_month = cells.MONTHS.get(m[2])
        # "28 Desember – 2 Januari 2021": the first day falls in the year before.
        year = int(m[5]) - 1 if end and first_month and first_month > end.month else int(m[5])
        return _date(str(year), m[2], m[1]), end
    return None, None


def _range_of(value: object) -> tuple[dt.datetime | None, dt.datetime | None]:
    """One event-date cell as (first day, last day), (None, None) when it is not a range."""
    if not isinstance(value, str):
        return None, None
    text = " ".join(value.translate(_DASHES).lower().split())
    start = end = None
    sides = _SPACED_SEPARATOR.split(text)
    if len(sides) == 2:  # two whole dates: "04/08/2020 - 07/08/2020", "2020-08-04 s.d. 2020-08-07"
        start, end = (None if pd.isna(d) else d for d in
                      cells.parse_date(pd.Series(sides, dtype=object))[0].tolist())
    if start is None or end is None:
        start, end = _short_range(_SEPARATOR.sub(" - ", text))
    if start is None or end is None or not 0 <= (end - start).days <= _LONGEST_EVENT_DAYS:
        return None, None
    return start, end


def parse_date_range(s: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """First days, last days (NaT for a single day) and the unreadable mask of an event column."""
    start, bad = cells.parse_date(s)
    end = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns]")
    if bad.any():
        table = {v: _range_of(v) for v in s[bad].unique()}
        ranges = s[bad].map(table)
        first = pd.to_datetime(ranges.map(lambda t: t[0]), errors="coerce")
        last = pd.to_datetime(ranges.map(lambda t: t[1]), errors="coerce")
        start[bad] = first.astype("datetime64[ns]").to_numpy()
        end[bad] = last.astype("datetime64[ns]").to_numpy()
        bad = bad & start.isna()
    return start, end, bad


def absence_reasons(s: pd.Series) -> pd.Series:
    """The reason an attendance cell gives for an absence ('Izin', 'Tidak hadir (sakit)'), else None."""
    present = s.notna()
    table = {}
    for value in s[present].unique():
        text = value if isinstance(value, str) else cells.cell_text(value)
        table[value] = ABSENCE_REASONS.parse(text) or (
            ABSENCE_REASONS.parse(_ABSENT_PREFIX.sub("", text).strip(" ()[]-:"))
            if _ABSENT_PREFIX.match(text) else None)
    out = s.map(table).astype(object)
    return out.where(out.notna(), None)


def parse_enum_variant(s: pd.Series, enum: str) -> tuple[pd.Series, pd.Series]:
    """cells.parse_enum of the enumeration `enum`, with the variants its cells are written in.

    A stage may carry its year ("WBK 2019"); an absence its reason ("Tidak hadir (sakit)").
    """
    if enum == "zi_stage":
        stage, _, bad = parse_stage_year(s)
        return stage, bad
    values, bad = cells.parse_enum(s, ENUMS[enum])
    if enum == "attendance_mode" and bad.any():
        absent = bad & absence_reasons(s.where(bad)).notna()
        values, bad = values.where(~absent, "tidak_hadir"), bad & ~absent
    return values, bad


def thousands_reading(s: pd.Series) -> pd.DataFrame:
    """Where a text cell like '75.500' was read with '.' as the thousands separator.

    Columns: `dotted` (mask) and `written` ('75,5': the decimal the writer probably meant).
    """
    text = s.where(cells.str_mask(s)).astype(object)
    stripped = text.str.strip()
    dotted = stripped.str.fullmatch(_ONE_DOT_THOUSANDS).fillna(False).astype(bool)
    written = pd.Series(None, index=s.index, dtype=object)
    if dotted.any():
        whole, _, frac = (stripped[dotted].str.partition(".")[i] for i in range(3))
        frac = frac.str.rstrip("0")
        written[dotted] = (whole + np.where(frac.eq(""), "", "," + frac)).to_numpy()
    return pd.DataFrame({"dotted": dotted, "written": written}, index=s.index)
