"""Columns no dataset lists: suggested targets from header similarity and from the cells' content.

A suggestion ranks the columns of the sheet's dataset (or the dataset it comes closest to). It
is *unambiguous* when the content points at exactly one column the sheet lacks, by a specific
kind of value (NIPs, e-mails, phones, golongan, dates, attendance modes, ZI stages, genders,
statuses), at least two samples are given and nearly all fit, and the header does not point
elsewhere. Only then may the CLI apply it on its own; numbers, years and yes/no never qualify.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from zi_dashboard import i18n
from zi_dashboard.domain.schema import DATASETS, ENUMS, Column, normalize_header
from zi_dashboard.ingest.cells import parse_date, parse_number, parse_rank
from zi_dashboard.ingest.reader import RawSheet
from zi_dashboard.ingest.report import Issue

__all__ = [
    "AUTO_REASONS", "Candidate", "MappingColumn", "Reason", "all_columns", "applied_issues",
    "auto_mappings", "mapping_columns", "parse_map_args", "suggest", "unambiguous",
]

# Content reasons specific enough to map a column without asking (see the module docstring).
# A date says the type, not the meaning (a start date, a birth date, TMT): never automatic.
AUTO_REASONS = frozenset({"nip", "email", "phone", "rank", "attendance", "stage",
                          "gender", "status", "plan_status"})
# How far each kind of evidence is trusted: a share of fitting samples is scaled by it.
_WEIGHT = {"header": 0.9, "year": 0.7, "yes_no": 0.7, "score": 0.6, "number": 0.4}
_ENUM_REASON = {"attendance_mode": "attendance", "zi_stage": "stage", "gender": "gender",
                "status": "status", "plan_status": "plan_status", "yes_no": "yes_no"}
_MIN_SHARE = 0.6      # a content reason needs most samples to fit
_AUTO_SHARE = 0.8     # ... and nearly all for the CLI to act on it
_MIN_SIMILARITY = 0.75
_HEADER_VETO = 0.85   # a header this close to another column makes content ambiguous

_NIP = re.compile(r"\d{18}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?:\+?62|0)?8\d{7,11}|0\d{2,3}\d{5,8}")
_YEAR_IN_STAGE = re.compile(r"[\s(]*\d{4}\s*\)?$")
_LETTERS = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Reason:
    """Why a column is suggested: `code` (header, nip, email, …) and how strongly, 0–1."""

    code: str
    strength: float
    like: str = ""  # header reasons: the accepted spelling the header resembles

    def text(self, lang: str) -> str:
        return i18n.t(f"mapping.reason.{self.code}", lang, like=self.like)


@dataclass(frozen=True)
class Candidate:
    """One possible target column, with its reasons and a confidence 0–1."""

    column: str
    confidence: float
    reasons: tuple[Reason, ...]

    def explain(self, lang: str) -> str:
        """The reasons as one phrase ("isinya NIP; judulnya mirip 'NIP'")."""
        return "; ".join(r.text(lang) for r in self.reasons)


@dataclass(frozen=True)
class MappingColumn:
    """An unrecognised (or mapped) column of one sheet, with samples and ranked candidates."""

    file: str
    sheet: str
    header_row: int
    dataset: str          # the sheet's dataset, or the one it comes closest to
    header: str           # as written
    samples: tuple
    present: frozenset    # columns the sheet has under headers the dataset lists
    candidates: tuple[Candidate, ...]
    mapped: str | None = None  # what a mapping reads it as ("" = ignored); None: unmapped

    @property
    def key(self) -> str:
        return normalize_header(self.header)

    @property
    def suggestion(self) -> Candidate | None:
        """The best candidate the sheet still lacks."""
        return next((c for c in self.candidates if c.column not in self.present), None)

    def choices(self) -> list[str]:
        """"" (ignore) and every column of the dataset the sheet lacks, in schema order."""
        return [""] + [c.name for c in DATASETS[self.dataset].columns
                       if c.name not in self.present]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _is_nip(value: object) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 1e17 <= value < 1e18   # an NIP typed as a number (its last digits are lost)
    return isinstance(value, str) and bool(_NIP.fullmatch(re.sub(r"[\s.]", "", value)))


def _is_phone(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return False
    return bool(_PHONE.fullmatch(re.sub(r"[\s.()\-]", "", _text(value))))


def _is_rank(value: object) -> bool:
    # Short text only: the golongan pattern also finds "I D" inside "…@kemensos.go.id".
    return (isinstance(value, str) and len(value) <= 40 and "@" not in value
            and not re.search(r"\d{5}", value)
            and parse_rank(pd.Series([value], dtype=object))[0].iloc[0] is not None)


def _is_date(value: object) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    # Plain numbers may be Excel serials, but scores and counts too: only text dates count.
    return isinstance(value, str) and not parse_date(pd.Series([value], dtype=object))[1].iloc[0]


def _enum_fits(enum: str, value: object) -> bool:
    # Digits fit gender (1/2) and yes/no (1/0): only text with letters is evidence here.
    if not isinstance(value, str) or not _LETTERS.search(value):
        return False
    text = _YEAR_IN_STAGE.sub("", value) if enum == "zi_stage" else value
    return ENUMS[enum].parse(text) is not None


def _numbers(values: Sequence) -> list[float | None]:
    parsed, bad = parse_number(pd.Series(list(values), dtype=object))
    return [None if b or pd.isna(v) else float(v) for v, b in zip(parsed, bad, strict=True)]


def _is_email(value: object) -> bool:
    return isinstance(value, str) and bool(_EMAIL.fullmatch(value.strip()))


# Column kind → the test a sample value passes when it is of that kind.
_TESTS = {"nip": _is_nip, "email": _is_email, "phone": _is_phone, "date": _is_date,
          "rank": _is_rank}


def _content_reason(column: Column, values: Sequence) -> Reason | None:
    """How well the samples fit `column`'s kind of value, or None."""
    kind = column.kind
    if kind in _TESTS:
        code, fits = kind, [_TESTS[kind](v) for v in values]
    elif kind == "enum" and column.enum in ENUMS:
        code = _ENUM_REASON.get(column.enum, "enum")
        fits = [_enum_fits(column.enum, v) for v in values]
    elif kind in ("int", "float", "year"):
        numbers = _numbers(values)
        low = column.min if column.min is not None else float("-inf")
        high = column.max if column.max is not None else float("inf")
        fits = [n is not None and low <= n <= high and not _is_nip(v) and (
            kind != "year" or n.is_integer()) for n, v in zip(numbers, values, strict=True)]
        code = "year" if kind == "year" else "score" if high == 100 else "number"
    else:
        return None
    share = sum(fits) / len(values)
    return Reason(code, share) if share >= _MIN_SHARE else None


def _header_reason(key: str, column: Column) -> Reason | None:
    """How close the header is to one of the column's accepted spellings, or None."""
    best, like = 0.0, ""
    for spelling in (column.label_id, column.label_en, *column.aliases):
        target = normalize_header(spelling)
        if not target or not key:
            continue
        score = difflib.SequenceMatcher(None, key, target).ratio()
        if len(target) >= 4 and target in key:  # "Satker Induk" holds "satker"
            score = max(score, 0.75 + 0.25 * len(target) / len(key))
        if score > best:
            best, like = score, spelling
    return Reason("header", round(best, 3), like) if best >= _MIN_SIMILARITY else None


def suggest(header: str, samples: Iterable, dataset: str) -> list[Candidate]:
    """Candidate columns of `dataset` for a header and its sample values, best first."""
    values = [v for v in samples if v is not None and not (isinstance(v, str) and not v.strip())]
    key = normalize_header(header)
    found = []
    for order, column in enumerate(DATASETS[dataset].columns):
        reasons = [r for r in (_content_reason(column, values) if values else None,
                               _header_reason(key, column)) if r is not None]
        if not reasons:
            continue
        missing = 1.0
        for reason in reasons:
            missing *= 1 - reason.strength * _WEIGHT.get(reason.code, 1.0)
        found.append((round(1 - missing, 3), -order, Candidate(column.name, round(1 - missing, 3),
                                                               tuple(reasons))))
    return [c for *_, c in sorted(found, key=lambda f: f[:2], reverse=True)]


def mapping_columns(layouts: Sequence[RawSheet]) -> list[MappingColumn]:
    """Every unrecognised or mapped column of the sheets read, in a stable order."""
    out = []
    for raw in layouts:
        dataset = raw.dataset or raw.candidate
        if not raw.header_row or dataset not in DATASETS:
            continue
        present = frozenset(set(raw.headers) - set(raw.mapped.values()))
        items = [(h, raw.samples.get(h, []), None) for h in raw.unknown_headers]
        items += [(h, list(raw.frame[c].dropna()) if c in raw.frame else [], c)
                  for h, c in raw.mapped.items()]
        for header, samples, mapped in sorted(items, key=lambda i: normalize_header(i[0])):
            samples = tuple(samples[:5])
            out.append(MappingColumn(raw.file, raw.sheet, raw.header_row, dataset, header, samples,
                                     present, tuple(suggest(header, samples, dataset)), mapped))
    return out


def unambiguous(column: MappingColumn) -> Candidate | None:
    """The candidate the CLI may apply on its own (module docstring), or None."""
    if len(column.samples) < 2:
        return None
    strong = [c for c in column.candidates if c.column not in column.present and any(
        r.code in AUTO_REASONS and r.strength >= _AUTO_SHARE for r in c.reasons)]
    if len(strong) != 1:
        return None
    other_header = any(r.code == "header" and r.strength >= _HEADER_VETO
                       for c in column.candidates if c.column != strong[0].column
                       for r in c.reasons)
    return None if other_header else strong[0]


def auto_mappings(columns: Sequence[MappingColumn]) -> dict[str, tuple[MappingColumn, Candidate]]:
    """header key → (column, candidate) for the unmapped columns with an unambiguous suggestion.

    A target two columns of one sheet would take, and a header that would mean different
    columns in different sheets, are left to the admin."""
    picks: dict[str, tuple[MappingColumn, Candidate]] = {}
    refused: set[str] = set()
    taken: dict[tuple[str, str, str], str] = {}
    for col in columns:
        best = unambiguous(col) if col.mapped is None else None
        if best is None:
            continue
        where = (col.file, col.sheet, best.column)
        if where in taken and taken[where] != col.key:
            refused |= {col.key, taken[where]}
        taken[where] = col.key
        if col.key in picks and picks[col.key][1].column != best.column:
            refused.add(col.key)
        picks.setdefault(col.key, (col, best))
    return {k: v for k, v in picks.items() if k not in refused}


def all_columns() -> list[str]:
    """Every canonical column name of every dataset, once, in schema order."""
    return list(dict.fromkeys(c.name for d in DATASETS.values() for c in d.columns))


def parse_map_args(values: Iterable[str], lang: str = "id") -> dict[str, str]:
    """`--map "HEADER=column"` values as {normalised header: column}; "-" ignores the column.

    Raises ValueError with a message in `lang` for a malformed value or an unknown column."""
    known = all_columns()
    out: dict[str, str] = {}
    for value in values:
        header, sep, column = value.rpartition("=")
        column = column.strip()
        if not sep or not normalize_header(header):
            raise ValueError(i18n.t("mapping.cli.bad_map", lang, value=value))
        if column not in (*known, "-", ""):
            raise ValueError(i18n.t("mapping.cli.bad_column", lang, value=value, column=column,
                                    columns=", ".join(known)))
        out[normalize_header(header)] = "" if column in ("-", "") else column
    return out


def applied_issues(layouts: Sequence[RawSheet], origins: Mapping[str, str],
                   auto: Mapping[str, tuple[MappingColumn, Candidate]] | None = None
                   ) -> list[Issue]:
    """An issue per column read through a mapping: info for stored and chosen mappings
    (`origins`: header key → "stored" | "chosen"), a warning naming the reason for automatic
    ones (`auto`, from auto_mappings)."""
    auto = auto or {}
    issues = []
    for raw in layouts:
        dataset = raw.dataset or raw.candidate
        for header, column in raw.mapped.items():
            key = normalize_header(header)
            params = {"header": header, "dataset": dataset}
            if column:
                params["field"] = column
            if key in auto and column:
                reason = next(r.code for r in auto[key][1].reasons if r.code in AUTO_REASONS)
                issues.append(Issue("warning", f"column_auto_{reason}", raw.file, raw.sheet,
                                    raw.header_row, column=header, params=params))
                continue
            origin = origins.get(key, "chosen")
            code = f"column_{'mapped' if column else 'ignored'}_{origin}"
            issues.append(Issue("info", code, raw.file, raw.sheet, raw.header_row, column=header,
                                params=params))
    return issues
