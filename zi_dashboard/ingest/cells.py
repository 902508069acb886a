"""Vectorised parsing of roster cells: NIP, id-ID numbers, dates, golongan and enumerations."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from types import MappingProxyType

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from zi_dashboard.domain.enums import value_key
from zi_dashboard.domain.schema import RANKS, Enum, normalize_header

__all__ = [
    "MONTHS",
    "cell_text",
    "check_nip",
    "normalize_values",
    "parse_date",
    "parse_enum",
    "parse_number",
    "parse_rank",
    "str_mask",
    "text_values",
    "valid_email",
]

# infer_dtype results that guarantee no cell holds text (so `.str` is not needed).
_NO_TEXT = frozenset({"empty", "floating", "integer", "mixed-integer-float", "boolean", "date",
                      "datetime", "datetime64"})
_NUMERIC = frozenset({"empty", "floating", "integer", "mixed-integer-float"})
# Placeholders people type for "nothing here" in number and date columns.
_NULLISH = frozenset({"-", "–", "—", "--", "#n/a", "n/a"})

_THOUSANDS_ID = r"[-+]?\d{1,3}(?:\.\d{3})+(?:,\d+)?"
_THOUSANDS_EN = r"[-+]?\d{1,3}(?:,\d{3})+\.\d+"
_PLAIN = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"

MONTHS = MappingProxyType({
    **{m: i for i, m in enumerate(("januari", "februari", "maret", "april", "mei", "juni", "juli",
                                   "agustus", "september", "oktober", "november", "desember"), 1)},
    **{m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july",
                                   "august", "september", "october", "november", "december"), 1)},
    "jan": 1, "feb": 2, "peb": 2, "pebruari": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "agt": 8, "agu": 8, "ags": 8, "aug": 8, "agust": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10,
    "nov": 11, "nop": 11, "nopember": 11, "des": 12, "dec": 12,
})
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: \d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?")
_D_MONTH_Y = re.compile(r"(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})")
_DAY_NAME = re.compile(r"^[a-z']+,\s*")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

_RANK = re.compile(r"\b(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])\b")
_ROMAN = MappingProxyType({"1": "I", "2": "II", "3": "III", "4": "IV"})
# Pangkat names without the golongan (PP 99/2000), for rosters that write only the name.
_PANGKAT = MappingProxyType({normalize_header(name): rank for name, rank in (
    ("Juru Muda", "I/a"), ("Juru Muda Tingkat I", "I/b"), ("Juru", "I/c"),
    ("Juru Tingkat I", "I/d"),
    ("Pengatur Muda", "II/a"), ("Pengatur Muda Tingkat I", "II/b"), ("Pengatur", "II/c"),
    ("Pengatur Tingkat I", "II/d"), ("Penata Muda", "III/a"), ("Penata Muda Tingkat I", "III/b"),
    ("Penata", "III/c"), ("Penata Tingkat I", "III/d"), ("Pembina", "IV/a"),
    ("Pembina Tingkat I", "IV/b"), ("Pembina Utama Muda", "IV/c"),
    ("Pembina Utama Madya", "IV/d"), ("Pembina Utama", "IV/e"),
)} | {normalize_header(name).replace("tingkat", "tk"): rank for name, rank in (
    ("Juru Muda Tingkat I", "I/b"), ("Juru Tingkat I", "I/d"), ("Pengatur Muda Tingkat I", "II/b"),
    ("Pengatur Tingkat I", "II/d"), ("Penata Muda Tingkat I", "III/b"),
    ("Penata Tingkat I", "III/d"), ("Pembina Tingkat I", "IV/b"),
)})

_EMAIL = r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}"
_NIP_PREFIX = r"^\W*(?:[Nn][Ii][Pp]\b)?"
_NIP_DROP = str.maketrans("", "", " .:-\u00a0'’_\t/")
_NIP_ORDER = ("nip_numeric", "nip_invalid_chars", "nip_invalid_length", "nip_invalid_birth_date",
              "nip_invalid_start")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_NIP_SCIENTIFIC = r"\d(?:[.,]\d+)?[eE]\+?\d+"
# Characters copied in from web pages and PDFs that nobody sees: zero-width space and joiners,
# word joiner, BOM, soft hyphen and the no-break spaces. They are dropped from an NIP.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u202f\u2007\u2009\u180e"
_INVISIBLE_DROP = str.maketrans("", "", _INVISIBLE)


def _ascii_digits(text: str) -> str:
    """Full-width, Arabic-Indic and other Unicode decimal digits as ASCII digits."""
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and c.isdecimal() else c
                   for c in text)


def _nip_note(text: str) -> tuple[str, str | None]:
    """An NIP cell without invisible characters and with ASCII digits, and what was changed."""
    visible = text.translate(_INVISIBLE_DROP)
    digits = _ascii_digits(visible)
    note = ("nip_digits_normalised" if digits != visible else
            "nip_invisible_normalised" if visible != text else None)
    return digits, note


def str_mask(s: pd.Series) -> pd.Series:
    """True where a cell holds text."""
    kind = infer_dtype(s, skipna=True)
    if kind == "string":
        return s.notna()
    if kind in _NO_TEXT:
        return pd.Series(False, index=s.index)
    return s.map(type).eq(str)


def cell_text(value: object) -> str:
    """One non-text cell as the text a user sees (3.0 → '3', a date → '2020-08-04')."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def text_values(s: pd.Series) -> pd.Series:
    """Every cell as text (numbers and dates written out), missing as None."""
    other = s.notna() & ~str_mask(s)
    if not other.any():
        return s.astype(object)
    out = s.astype(object).copy()
    out[other] = s[other].map(cell_text)
    return out


def normalize_values(s: pd.Series) -> pd.Series:
    """normalize_header of every cell, computed once per distinct value."""
    text = text_values(s)
    uniques = pd.Series(text.dropna().unique(), dtype=object)
    if len(uniques) < 200:
        keys = uniques.map(normalize_header)
    else:  # the same steps as normalize_header, vectorised for long lists of names
        if not "".join(uniques).isascii():
            uniques_ascii = uniques.str.normalize("NFKD").str.encode("ascii", "ignore")
            keys = uniques_ascii.str.decode("ascii")
        else:
            keys = uniques
        keys = keys.str.lower().str.replace(r"[^a-z0-9]", "", regex=True)
    return text.map(dict(zip(uniques, keys)))


def parse_enum(s: pd.Series, enum: Enum) -> tuple[pd.Series, pd.Series]:
    """Canonical keys (None where missing or unknown) and the mask of unknown values."""
    norm = normalize_values(s)
    symbols = norm.eq("")
    if symbols.any():  # ticks and dashes ("✓", "-") normalise to "": keep their symbols
        text = text_values(s)[symbols]
        norm = norm.where(~symbols, text.map({v: value_key(v) for v in text.unique()}))
    keys = norm.map(enum.lookup()).astype(object)
    keys = keys.where(keys.notna(), None)
    return keys, s.notna() & keys.isna()


def _text_numbers(text: pd.Series) -> pd.Series:
    """id-ID number text to floats: '75,50' → 75.5, '1.234,5' → 1234.5; NaN where unreadable."""
    text = text.str.replace(r"[\s\u00a0%]", "", regex=True)
    thousands_id = text.str.fullmatch(_THOUSANDS_ID)
    thousands_en = text.str.fullmatch(_THOUSANDS_EN)
    text = text.where(~thousands_id, text.str.replace(".", "", regex=False))
    text = text.where(~thousands_en, text.str.replace(",", "", regex=False))
    text = text.str.replace(",", ".", regex=False)
    return pd.to_numeric(text.where(text.str.fullmatch(_PLAIN)), errors="coerce").astype(float)


def parse_number(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Floats (NaN where missing or unreadable) and the mask of unreadable cells."""
    kind = infer_dtype(s, skipna=True)
    if kind in _NUMERIC:
        out = s.astype(float)
        infinite = pd.Series(np.isinf(out.to_numpy()), index=s.index)
        return out.where(~infinite), infinite
    out = pd.Series(np.nan, index=s.index, dtype=float)
    isstr = str_mask(s)
    present = s.notna()
    number = present & ~isstr & s.map(lambda v: isinstance(v, (int, float))
                                      and not isinstance(v, bool))
    out[number] = s[number].astype(float)
    text = s[isstr].astype(object)
    nullish = text.str.lower().isin(_NULLISH)
    out[text.index] = _text_numbers(text).to_numpy()
    bad = present & out.isna()
    bad[nullish[nullish].index] = False
    infinite = pd.Series(np.isinf(out.to_numpy()), index=s.index)
    return out.where(~infinite), bad | infinite


def _date_of(value: object) -> dt.datetime | None:
    """One cell as a plausible date (1900–2200) at midnight, or None."""
    found = _any_date(value)
    return found if found is not None and 1900 <= found.year <= 2200 else None


def _any_date(value: object) -> dt.datetime | None:
    """One cell as a date at midnight, or None when it is not a readable date."""
    if isinstance(value, (dt.datetime, dt.date)):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Excel serial day numbers (1900 system); the range keeps plain years out.
        return _EXCEL_EPOCH + dt.timedelta(days=int(value)) if 10_000 <= value <= 100_000 else None
    if not isinstance(value, str):
        return None
    text = _DAY_NAME.sub("", value.strip().lower())
    try:
        if m := _ISO.fullmatch(text):
            return dt.datetime(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.fullmatch(text):
            return dt.datetime(int(m[3]), int(m[2]), int(m[1]))
        if (m := _D_MONTH_Y.fullmatch(text)) and m[2] in MONTHS:
            return dt.datetime(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        return None
    if text.isdigit() and len(text) == 5:
        return _any_date(int(text))
    return None


def parse_date(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """datetime64[ns] at midnight (NaT where missing or unreadable) and the unreadable mask."""
    present = s.notna()
    table = {v: _date_of(v) for v in s[present].unique()}
    out = pd.to_datetime(s.map(table), errors="coerce").astype("datetime64[ns]")
    nullish = str_mask(s) & s.where(str_mask(s)).str.strip().str.lower().isin(_NULLISH)
    return out, present & out.isna() & ~nullish


def _rank_of(value: object) -> str | None:
    """One golongan cell as 'III/a', or None."""
    text = cell_text(value) if not isinstance(value, str) else value
    if m := _RANK.search(text.upper()):
        rank = f"{_ROMAN.get(m[1], m[1])}/{m[2].lower()}"
        return rank if rank in RANKS else None
    return _PANGKAT.get(normalize_header(text))


def parse_rank(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Golongan in 'III/a' form (None where missing or unknown) and the unknown mask."""
    table = {v: _rank_of(v) for v in s.dropna().unique()}
    out = s.map(table).astype(object)
    out = out.where(out.notna(), None)
    return out, s.notna() & out.isna()


def valid_email(s: pd.Series) -> pd.Series:
    """True where a text cell looks like an e-mail address (missing counts as valid)."""
    text = text_values(s)
    return text.isna() | text.astype(str).str.fullmatch(_EMAIL)


def _digit_matrix(nips: list[str]) -> np.ndarray:
    """18-digit strings as an (n, 18) integer matrix, for arithmetic on all NIPs at once."""
    joined = "".join(nips).encode("ascii")
    return np.frombuffer(joined, dtype=np.uint8).reshape(-1, 18).astype(np.int64) - 48


def _number(digits: np.ndarray) -> np.ndarray:
    return digits @ (10 ** np.arange(digits.shape[1] - 1, -1, -1))


def _valid_dates(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = np.array(_MONTH_DAYS)[np.clip(month - 1, 0, 11)] + ((month == 2) & leap)
    return (month >= 1) & (month <= 12) & (day >= 1) & (day <= last)


def check_nip(s: pd.Series, today: dt.date) -> pd.DataFrame:
    """Per cell: nip (cleaned text), error (first code), pppk, gender, gender_bad (digit 15), note.

    nip is None where the cell is blank or a number; gender is 'L'/'P' from digit 15 or None;
    note names what was normalised (nip_digits_normalised, nip_invisible_normalised) or is None.
    """
    isstr = str_mask(s)
    text = s.astype(object).where(isstr, None)
    note = pd.Series(None, index=s.index, dtype=object)
    if isstr.any() and not "".join(text[isstr].unique()).isascii():
        foreign = isstr & ~text.map(lambda v: isinstance(v, str) and v.isascii())
        table = {v: _nip_note(v) for v in text[foreign].unique()}
        text[foreign] = text[foreign].map(lambda v: table[v][0])
        note[foreign] = s[foreign].map(lambda v: table[v][1])
    clean = text.str.translate(_NIP_DROP)
    odd = isstr & ~clean.str.isdecimal().fillna(False).astype(bool)
    if odd.any():  # a written prefix ("NIP. 1986…") or a number saved as text by Excel
        clean[odd] = text[odd].str.replace(_NIP_PREFIX, "", regex=True).str.translate(_NIP_DROP)
    numeric = s.notna() & ~isstr
    if odd.any():
        numeric[odd] = text[odd].str.fullmatch(_NIP_SCIENTIFIC).to_numpy(dtype=bool)
    digits = isstr & ~numeric & clean.str.isdecimal().fillna(False).astype(bool)
    if digits.any() and not "".join(clean[digits]).isascii():
        digits &= clean.map(lambda v: isinstance(v, str) and v.isascii())
    full = (digits & clean.str.len().eq(18)).to_numpy()
    n = len(s)
    pppk, gender_bad = np.zeros(n, bool), np.zeros(n, bool)
    bad_birth, bad_start = np.zeros(n, bool), np.zeros(n, bool)
    gender = np.full(n, None, dtype=object)
    if full.any():
        d = _digit_matrix(clean[full].tolist())
        birth_year, start_year, start_month = _number(d[:, :4]), _number(d[:, 8:12]), _number(
            d[:, 12:14])
        bad_birth[full] = ~_valid_dates(birth_year, _number(d[:, 4:6]), _number(d[:, 6:8])) | (
            birth_year < 1940) | (birth_year > today.year - 17)
        bad_start[full] = (start_month == 0) | (start_year < birth_year + 17) | (
            start_year > today.year + 1)
        pppk[full] = start_month > 12
        gender[full] = np.where(d[:, 14] == 1, "L", np.where(d[:, 14] == 2, "P", None))
        gender_bad[full] = (d[:, 14] != 1) & (d[:, 14] != 2)
    blank = clean.isna() | clean.eq("")
    error = np.select(
        [numeric.to_numpy(), (isstr & ~digits & ~blank).to_numpy(), (digits & ~blank).to_numpy()
         & ~full, bad_birth, bad_start],
        list(_NIP_ORDER), default=None)
    error = pd.Series(error, index=s.index, dtype=object)
    return pd.DataFrame({"nip": clean.where(~numeric & ~blank, None).astype(object),
                         "error": error,
                         "pppk": pppk, "gender": pd.Series(gender, index=s.index, dtype=object),
                         "gender_bad": gender_bad, "note": note.where(note.notna() & error.isna(), None)},
                        index=s.index)
