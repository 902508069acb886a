"""Raw sheets to clean tables and a Report: bad content becomes issues, never exceptions.

Two sheets of the same dataset (in one file or several) are concatenated and checked as one
table, so a NIP repeated across them is a duplicate.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from zi_dashboard import parse
from zi_dashboard.errors import UnreadableFileError
from zi_dashboard.io_excel import RawSheet, read_source
from zi_dashboard.report import MESSAGES, Issue, Report
from zi_dashboard.schema import (ATTENDANCE_MODES, DATASETS, ENUMS, LKE_AREAS, LKE_HASIL, Column,
                                 Dataset, canonical_key, clean_columns)
from zi_dashboard.sources import SourceFile

__all__ = ["DEFAULT_EVENT", "MESSAGES", "Issue", "Report", "ValidationResult", "validate_sources"]

DEFAULT_EVENT = "Lokakarya Penguatan Agen Perubahan 2020"
# Beyond this many issues of one code in one column, one summary issue stands for the rest.
MAX_ISSUES_PER_COLUMN = 1000
_MB = 1024 * 1024
_SUGGEST_MAX_UNKNOWN = 50
_REF_COLUMNS = ("nip", "name", "unit_code", "unit_name", "unit_key")
_NIP_ERRORS = ("nip_numeric", "nip_invalid_chars", "nip_invalid_length",
               "nip_invalid_birth_date", "nip_invalid_start")


def _shown(value: object) -> str | None:
    """A cell as text for a report, as Excel shows it (1.98609E+17 for a long number)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e15:
        return f"{float(value):.6G}"
    return value if isinstance(value, str) else parse.cell_text(value)


@dataclass
class _Rows:
    """One dataset's rows gathered from its sheets, with where each row came from."""

    spec: Dataset
    sheets: list[RawSheet]
    frame: pd.DataFrame
    src: np.ndarray
    row: np.ndarray
    issues: list[Issue]
    bad: np.ndarray

    @classmethod
    def gather(cls, spec: Dataset, sheets: list[RawSheet], issues: list[Issue]) -> _Rows:
        frames = [s.frame.reset_index(drop=True) for s in sheets]
        frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        src = np.repeat(np.arange(len(sheets)), [len(f) for f in frames])
        row = np.concatenate([s.frame.index.to_numpy() for s in sheets])
        return cls(spec, sheets, frame.astype(object), src, row, issues, np.zeros(len(frame), bool))

    def has(self, column: str) -> bool:
        return column in self.frame.columns

    def raw(self, column: str) -> pd.Series:
        if self.has(column):
            return self.frame[column]
        return pd.Series(None, index=self.frame.index, dtype=object)

    def header(self, column: str | None, pos: int) -> str | None:
        if column is None:
            return None
        return self.sheets[self.src[pos]].headers.get(column) or self.spec.column(column).label("id")

    def flag(self, code: str, mask, column: str | None = None, *, severity: str = "error",
             values: pd.Series | None = None,
             params: dict | Callable[[int], dict] | None = None) -> None:
        """One issue per masked row (the shown value from `values` or the raw cell)."""
        mask = np.asarray(mask, dtype=bool)
        if severity == "error":
            self.bad |= mask
        shown = values if values is not None else (self.raw(column) if column else None)
        positions = np.flatnonzero(mask)
        for n, pos in enumerate(positions):
            sheet = self.sheets[self.src[pos]]
            if n == MAX_ISSUES_PER_COLUMN:
                self.issues.append(Issue(severity, "too_many_issues", sheet.file, sheet.sheet,
                                         None, self.header(column, pos), None,
                                         {"count": len(positions) - n, "other_code": code}))
                break
            extra = params(pos) if callable(params) else dict(params or {})
            value = _shown(shown.iat[pos]) if shown is not None else None
            self.issues.append(Issue(severity, code, sheet.file, sheet.sheet, int(self.row[pos]),
                                     self.header(column, pos), value, extra))

    def first_issue_at(self) -> tuple[str, str]:
        return self.sheets[0].file, self.sheets[0].sheet


@dataclass
class _Context:
    """What checks across datasets need: today, the current tables, the uploaded references."""

    today: dt.date
    current: Mapping[str, pd.DataFrame]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    # Key columns of every uploaded row, errors or not, so one bad cell does not cascade into
    # "unknown unit/NIP" issues elsewhere.
    refs: dict[str, pd.DataFrame] = field(default_factory=dict)
    _lookups: dict = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame | None:
        """The uploaded references, else the current table; None when neither has rows."""
        for source in (self.refs, self.current):
            frame = source.get(name)
            if frame is not None and len(frame):
                return frame
        return None

    def unit_lookup(self) -> tuple[dict[str, str], dict[str, str]] | None:
        """(normalised name or code → unit_key, normalised name → name as written)."""
        if "units" not in self._lookups:
            units = self.table("units")
            if units is None:
                self._lookups["units"] = None
            else:
                units = units[units["unit_key"].notna()]
                lookup: dict[str, str] = {}
                if "unit_code" in units:
                    codes = parse.normalize_values(units["unit_code"])
                    lookup.update(zip(codes[codes.notna()], units["unit_key"][codes.notna()]))
                names = parse.normalize_values(units["unit_name"])
                named = names.notna()
                for norm, key in zip(names[named], units["unit_key"][named]):
                    lookup.setdefault(norm, key)
                self._lookups["units"] = (lookup, dict(zip(names[named], units["unit_name"][named])))
        return self._lookups["units"]

    def agent_units(self) -> pd.Series | None:
        """NIP → unit_key of the known agents (uploaded, else current)."""
        agents = self.table("agents")
        if agents is None:
            return None
        agents = agents[agents["nip"].notna()].drop_duplicates("nip")
        return agents.set_index("nip")["unit_key"]


def _parse_column(rows: _Rows, column: Column) -> pd.Series:
    """One column parsed by kind; unreadable cells are flagged and become missing."""
    raw, name = rows.raw(column.name), column.name
    if column.kind == "enum":
        values, bad = parse.parse_enum(raw, ENUMS[column.enum])
        rows.flag("enum_unknown", bad, name, params={"enum": column.enum})
        return values
    if column.kind == "rank":
        values, bad = parse.parse_rank(raw)
        rows.flag("rank_invalid", bad, name)
        return values
    if column.kind == "date":
        values, bad = parse.parse_date(raw)
        rows.flag("date_invalid", bad, name)
        return values
    if column.kind in ("int", "year", "float"):
        values, bad = parse.parse_number(raw)
        if column.kind != "float":
            bad = bad | (values.notna() & values.ne(values.round()))
        rows.flag("number_invalid", bad, name)
        values = values.where(~bad)
        if column.min is not None:
            out = values.notna() & ((values < column.min) | (values > column.max))
            rows.flag("out_of_range", out, name, params={"min": column.min, "max": column.max})
            values = values.where(~out)
        return values
    values = parse.text_values(raw)
    if column.kind == "email":
        rows.flag("email_invalid", ~parse.valid_email(raw), name, severity="warning")
    return values


def _parse_rows(rows: _Rows) -> dict[str, pd.Series]:
    """Every column present (except NIP) parsed; required ones checked for blanks."""
    values = {}
    for column in rows.spec.columns:
        if column.kind == "nip" or not rows.has(column.name):
            continue
        values[column.name] = _parse_column(rows, column)
        if column.required:
            rows.flag("missing_value", rows.raw(column.name).isna(), column.name)
    return values


def _flag_duplicates(rows: _Rows, key: pd.Series, code: str, column: str,
                     severity: str = "error") -> pd.Series:
    """Flag every repeat of a key after its first row; returns the repeat mask."""
    dup = key.notna() & key.duplicated(keep="first")
    if dup.any():
        known = key.notna()
        first = pd.Series(rows.row, index=key.index)[known].groupby(key[known]).transform("first")
        rows.flag(code, dup, column, severity=severity,
                  params=lambda pos: {"first_row": int(first.loc[pos])})
    return dup


def _check_nips(rows: _Rows, ctx: _Context, *, required: bool) -> pd.DataFrame:
    """NIP rules; returns check_nip's frame (nip is None where invalid)."""
    raw = rows.raw("nip")
    nips = parse.check_nip(raw, ctx.today)
    clean = nips["nip"].fillna("").astype(str)
    for code in _NIP_ERRORS:
        rows.flag(code, nips["error"].eq(code), "nip",
                  params=lambda pos: {"length": len(clean.iat[pos]), "birth": clean.iat[pos][:8],
                                      "start": clean.iat[pos][8:14]})
    rows.flag("nip_pppk", nips["pppk"], "nip", severity="warning",
              params=lambda pos: {"month": clean.iat[pos][12:14]})
    rows.flag("nip_invalid_gender", nips["gender_bad"], "nip", severity="warning")
    if required:
        rows.flag("missing_value", nips["nip"].isna() & nips["error"].isna(), "nip")
    nips["nip"] = nips["nip"].where(nips["error"].isna(), None)
    return nips


def _resolve_units(rows: _Rows, ctx: _Context, names: pd.Series) -> pd.Series:
    """unit_key of each row's unit (name or code); unknown units are flagged with suggestions."""
    known = ctx.unit_lookup()
    if known is None:
        file, sheet = rows.first_issue_at()
        rows.issues.append(Issue("error", "units_missing", file, sheet,
                                 params={"dataset": rows.spec.name}))
        rows.bad |= names.notna().to_numpy()
        return names.map({v: canonical_key(v) for v in names.dropna().unique()})
    lookup, display = known
    norm = parse.normalize_values(names)
    keys = norm.map(lookup)
    unknown = names.notna() & keys.isna()
    if unknown.any():
        choices = list(display)
        suggestions = {u: [display[m] for m in difflib.get_close_matches(u, choices, n=3)]
                       for u in norm[unknown].unique()[:_SUGGEST_MAX_UNKNOWN]}
        rows.flag("unit_unknown", unknown, "unit",
                  params=lambda pos: {"suggestions": suggestions.get(norm.iat[pos], [])})
    return keys.astype(object).where(keys.notna(), None)


def _check_units(rows: _Rows, ctx: _Context) -> dict[str, pd.Series]:
    values = _parse_rows(rows)
    names = values["unit_name"]
    derived = names.map({v: canonical_key(v) for v in names.dropna().unique()})
    code = values.get("unit_code")
    key = derived if code is None else code.where(code.notna(), derived)
    values["unit_key"] = key
    dup = _flag_duplicates(rows, key, "duplicate_unit", "unit_code" if code is not None and
                           code.notna().any() else "unit_name")
    if code is not None:
        norm = parse.normalize_values(names).where(~dup)
        _flag_duplicates(rows, norm, "duplicate_unit_name", "unit_name", severity="warning")
    if all(rows.has(c) for c in (*LKE_AREAS, "lke_score")):
        hasil = [values[c] for c in LKE_HASIL if c in values]
        total = pd.concat([values[c] for c in LKE_AREAS], axis=1).sum(axis=1, min_count=6)
        total = total + (pd.concat(hasil, axis=1).sum(axis=1, min_count=1) if hasil else np.nan)
        off = total.notna() & values["lke_score"].notna() & (total - values["lke_score"]).abs().gt(
            0.5)
        rows.flag("lke_total_mismatch", off, "lke_score", severity="warning",
                  params=lambda pos: {"total": round(float(total.iat[pos]), 2)})
    return values


def _check_agents(rows: _Rows, ctx: _Context) -> dict[str, pd.Series]:
    values = _parse_rows(rows)
    nips = _check_nips(rows, ctx, required=True)
    values["nip"] = nips["nip"]
    _flag_duplicates(rows, values["nip"], "duplicate_nip", "nip")
    values["unit_key"] = _resolve_units(rows, ctx, values["unit"])
    values["is_pppk"] = nips["pppk"].astype(bool)
    gender = values.get("gender")
    if gender is None:
        values["gender"] = nips["gender"]
    else:
        mismatch = gender.notna() & nips["gender"].notna() & gender.ne(nips["gender"])
        rows.flag("gender_nip_mismatch", mismatch, "gender", severity="warning",
                  params=lambda pos: {"nip_gender": nips["gender"].iat[pos]})
        values["gender"] = gender.where(gender.notna(), nips["gender"])
    return values


def _check_nip_reference(rows: _Rows, ctx: _Context, nip: pd.Series, code: str) -> pd.Series:
    """Flag (as warnings) NIPs that no known agent has; returns each row's agent unit_key."""
    agents = ctx.agent_units()
    if agents is None:
        return pd.Series(None, index=nip.index, dtype=object)
    rows.flag(code, nip.notna() & ~nip.isin(agents.index), "nip", severity="warning")
    return nip.map(agents)


def _check_attendance(rows: _Rows, ctx: _Context) -> dict[str, pd.Series]:
    values = _parse_rows(rows)
    values["nip"] = _check_nips(rows, ctx, required=True)["nip"]
    _check_nip_reference(rows, ctx, values["nip"], "attendance_unknown_nip")
    agents = ctx.table("agents")
    if agents is not None:
        agents = agents[agents["nip"].notna()].drop_duplicates("nip")
        names = values["nip"].map(agents.set_index("nip")["name"])
        values["name"] = values["name"].where(values["name"].notna(), names) if "name" in values \
            else names
    return values


def _check_history(rows: _Rows, ctx: _Context) -> dict[str, pd.Series]:
    values = _parse_rows(rows)
    values["unit_key"] = _resolve_units(rows, ctx, values["unit"])
    return values


def _check_plans(rows: _Rows, ctx: _Context) -> dict[str, pd.Series]:
    values = _parse_rows(rows)
    nip = _check_nips(rows, ctx, required=False)["nip"] if rows.has("nip") else rows.raw("nip")
    values["nip"] = nip
    unit = values.get("unit", pd.Series(None, index=rows.frame.index, dtype=object))
    neither = nip.isna() & unit.isna() & rows.raw("nip").isna()
    rows.flag("missing_value", neither, "nip" if rows.has("nip") else "unit")
    by_unit = _resolve_units(rows, ctx, unit) if unit.notna().any() else unit
    by_agent = _check_nip_reference(rows, ctx, nip, "plan_unknown_nip")
    values["unit_key"] = by_unit.where(by_unit.notna(), by_agent)
    return values


_CHECKS = {"units": _check_units, "agents": _check_agents, "attendance": _check_attendance,
           "zi_history": _check_history, "action_plans": _check_plans}


def _clean_frame(name: str, values: Mapping[str, pd.Series], keep: np.ndarray) -> pd.DataFrame:
    """The clean-table contract: schema columns in order, dtypes by kind, kept rows only."""
    n = int(keep.sum())
    out = {}
    for column, kind in clean_columns(name):
        series = values.get(column)
        series = (series[keep].reset_index(drop=True) if series is not None
                  else pd.Series([None] * n, dtype=object))
        if kind in ("int", "year"):
            out[column] = series.astype(float).round().astype("Int64")
        elif kind == "float":
            out[column] = series.astype(float)
        elif kind == "date":
            out[column] = pd.to_datetime(series).astype("datetime64[ns]")
        elif kind == "bool":
            out[column] = series.fillna(False).astype(bool)
        else:
            series = series.astype(object)
            out[column] = series.where(series.notna(), None)
    return pd.DataFrame(out, columns=[c for c, _ in clean_columns(name)])


def _attendance_from_agents(agents: pd.DataFrame, event: str) -> pd.DataFrame:
    """Attendance rows for one event from the agents' attendance_mode column."""
    given = agents[agents["attendance_mode"].notna()].reset_index(drop=True)
    values = {"nip": given["nip"], "name": given["name"], "event": pd.Series([event] * len(given)),
              "mode": given["attendance_mode"]}
    return _clean_frame("attendance", values, np.ones(len(given), bool))


def _sheet_issues(raw: RawSheet, issues: list[Issue]) -> bool:
    """Issues about a sheet as a whole; True when its rows should be checked."""
    if raw.dataset is None:
        spec = DATASETS.get(raw.candidate or "")
        found = set(raw.headers)
        if spec is not None and raw.matched >= 2 and found & set(spec.required):
            missing = [c for c in spec.required if c not in found] + [
                group[0] for group in spec.one_of if not found & set(group)]
            for name in missing:
                col = spec.column(name)
                accepted = [col.label_id, col.label_en, *col.aliases]
                issues.append(Issue("error", "missing_column", raw.file, raw.sheet, raw.header_row,
                                    None, None, {"dataset": spec.name, "field": name,
                                                 "accepted": list(dict.fromkeys(accepted))[:10]}))
        else:
            issues.append(Issue("warning", "sheet_unrecognised", raw.file, raw.sheet))
        return False
    if raw.unknown_headers:
        issues.append(Issue("warning", "unknown_header", raw.file, raw.sheet, raw.header_row,
                            params={"headers": raw.unknown_headers}))
    if raw.frame.empty:
        issues.append(Issue("warning", "sheet_empty", raw.file, raw.sheet,
                            params={"dataset": raw.dataset}))
        return False
    return True


@dataclass
class ValidationResult:
    """Clean tables of the datasets present in the upload, and the report."""

    tables: dict[str, pd.DataFrame]
    report: Report

    def counts(self) -> dict[str, int]:
        """Rows per dataset."""
        return {name: len(frame) for name, frame in self.tables.items()}

    def attendance_counts(self) -> dict[str, int]:
        """Agents per attendance mode at the latest event (each agent counted once)."""
        att = self.tables.get("attendance")
        if att is None or att.empty:
            return {}
        events = att.assign(_pos=range(len(att))).groupby("event", sort=False).agg(
            date=("date", "max"), pos=("_pos", "min")).sort_values(["date", "pos"],
                                                                   na_position="first")
        latest = att[att["event"] == events.index[-1]].dropna(subset=["mode"])
        order = {key: i for i, key in enumerate(ATTENDANCE_MODES.keys())}
        best = latest.assign(_rank=latest["mode"].map(order)).sort_values("_rank").drop_duplicates(
            "nip")
        counts = best["mode"].value_counts()
        return {key: int(counts.get(key, 0)) for key in ATTENDANCE_MODES.keys()}


def validate_sources(files: Sequence[SourceFile], *,
                     current: Mapping[str, pd.DataFrame] | None = None,
                     max_bytes: int = 50 * _MB, max_uncompressed_bytes: int = 200 * _MB,
                     default_event: str = DEFAULT_EVENT, today: dt.date | None = None
                     ) -> ValidationResult:
    """Read and check every file; the tables hold only the rows without errors."""
    issues: list[Issue] = []
    sheets: list[dict] = []
    found: dict[str, list[RawSheet]] = {}
    for source in files:
        try:
            raws = read_source(source, max_bytes=max_bytes,
                               max_uncompressed_bytes=max_uncompressed_bytes)
        except UnreadableFileError as exc:
            issues.append(Issue("error", exc.code, exc.file, params=dict(exc.params)))
            continue
        for raw in raws:
            sheets.append({"file": raw.file, "sheet": raw.sheet, "dataset": raw.dataset,
                           "rows": len(raw.frame) if raw.dataset else 0,
                           "header_row": raw.header_row})
            if _sheet_issues(raw, issues):
                found.setdefault(raw.dataset, []).append(raw)
    if not found and not any(i.severity == "error" for i in issues):
        issues.append(Issue("error", "no_data", files[0].name if files else ""))
    ctx = _Context(today or dt.date.today(), current or {})
    for name in DATASETS:
        if name not in found:
            continue
        rows = _Rows.gather(DATASETS[name], found[name], issues)
        values = _CHECKS[name](rows, ctx)
        ctx.tables[name] = _clean_frame(name, values, ~rows.bad)
        ctx.refs[name] = pd.DataFrame({c: values[c] for c in _REF_COLUMNS if c in values})
    agents = ctx.tables.get("agents")
    if "attendance" not in ctx.tables and agents is not None and "attendance_mode" in set().union(
            *(s.headers for s in found["agents"])):
        ctx.tables["attendance"] = _attendance_from_agents(agents, default_event)
    position = {(s["file"], s["sheet"]): i for i, s in enumerate(sheets)}
    issues.sort(key=lambda i: (position.get((i.file, i.sheet), -1), i.row or 0))
    return ValidationResult(ctx.tables, Report(issues, sheets))
