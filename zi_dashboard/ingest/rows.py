"""Row rules per dataset: parse columns by kind, check keys and references, flag issues."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from zi_dashboard.domain.schema import Column, Dataset, canonical_key
from zi_dashboard.ingest import cells, lke, unit_match, variants
from zi_dashboard.ingest.reader import RawSheet
from zi_dashboard.ingest.report import Issue

__all__ = ["CHECKS", "MAX_ISSUES_PER_COLUMN", "REF_COLUMNS", "Context", "Rows"]

# Beyond this many issues of one code in one column, one summary issue stands for the rest.
MAX_ISSUES_PER_COLUMN = 1000
# Columns kept from every uploaded row (errors or not) for references between datasets.
REF_COLUMNS = ("nip", "name", "unit_code", "unit_name", "unit_key", "unit_alias")
_SUGGEST_MAX_UNKNOWN = 50
# Stage columns whose text may carry a year ("WBK 2019"): the year column it fills when blank,
# and whether a different year in that column is worth a warning (in the history a row's year
# and the year a title dates from may both be right).
_STAGE_YEARS = MappingProxyType({
    "units": {"zi_stage": ("award_year", True), "target_stage": ("target_year", True)},
    "zi_history": {"zi_stage": ("year", False)},
})
_NIP_ERRORS = ("nip_numeric", "nip_invalid_chars", "nip_invalid_length",
               "nip_invalid_birth_date", "nip_invalid_start")


def _shown(value: object) -> str | None:
    """A cell as text for a report, as Excel shows it (1.98609E+17 for a long number)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) >= 1e15:
        return f"{float(value):.6G}"
    return value if isinstance(value, str) else cells.cell_text(value)


@dataclass
class Rows:
    """One dataset's rows gathered from its sheets, with where each row came from."""

    spec: Dataset
    sheets: list[RawSheet]
    frame: pd.DataFrame
    src: np.ndarray
    row: np.ndarray
    issues: list[Issue]
    bad: np.ndarray

    @classmethod
    def gather(cls, spec: Dataset, sheets: list[RawSheet], issues: list[Issue]) -> Rows:
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
        written = self.sheets[self.src[pos]].headers.get(column)
        return written or self.spec.column(column).label("id")

    def flag(self, code: str, mask, column: str | None = None, *, severity: str = "error",
             params: dict | Callable[[int], dict] | None = None) -> None:
        """One issue per masked row, showing the raw cell; an error also marks the row bad."""
        mask = np.asarray(mask, dtype=bool)
        if severity == "error":
            self.bad |= mask
        shown = self.raw(column) if column else None
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

    def origin(self) -> tuple[str, str]:
        """File and sheet of the first sheet, for issues about the dataset as a whole."""
        return self.sheets[0].file, self.sheets[0].sheet


@dataclass
class Context:
    """What checks across datasets need: today, the current tables, the uploaded references."""

    today: dt.date
    current: Mapping[str, pd.DataFrame]
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
                    codes = cells.normalize_values(units["unit_code"])
                    lookup.update(zip(codes[codes.notna()], units["unit_key"][codes.notna()]))
                names = cells.normalize_values(units["unit_name"])
                named = names.notna()
                for norm, key in zip(names[named], units["unit_key"][named]):
                    lookup.setdefault(norm, key)
                for alias, key in unit_match.alias_lookup(units).items():
                    lookup.setdefault(alias, key)
                display = dict(zip(names[named], units["unit_name"][named]))
                self._lookups["units"] = (lookup, display)
        return self._lookups["units"]

    def unit_matcher(self) -> unit_match.UnitMatcher:
        """The known units by the words of their names and aliases (for abbreviations)."""
        if "matcher" not in self._lookups:
            self._lookups["matcher"] = unit_match.UnitMatcher.from_units(self.table("units"))
        return self._lookups["matcher"]

    def agent_units(self) -> pd.Series | None:
        """NIP → unit_key of the known agents (uploaded, else current)."""
        agents = self.table("agents")
        if agents is None:
            return None
        agents = agents[agents["nip"].notna()].drop_duplicates("nip")
        return agents.set_index("nip")["unit_key"]


def _parse_column(rows: Rows, column: Column) -> pd.Series:
    """One column parsed by kind; unreadable cells are flagged and become missing.

    Unreadable is an error in a required column and a warning ("left empty") in an optional one.
    """
    raw, name = rows.raw(column.name), column.name
    severity, empty = ("error", {}) if column.required else ("warning", {"left_empty": True})
    if column.kind == "enum":
        values, bad = variants.parse_enum_variant(raw, column.enum)
        rows.flag("enum_unknown", bad, name, severity=severity, params={"enum": column.enum,
                                                                         **empty})
        return values
    if column.kind == "rank":
        values, bad = cells.parse_rank(raw)
        rows.flag("rank_invalid", bad, name, severity=severity, params=empty)
        return values
    if column.kind == "date":
        values, bad = cells.parse_date(raw)
        rows.flag("date_invalid", bad, name, severity=severity, params=empty)
        return values
    if column.kind in ("int", "year", "float"):
        values, bad = cells.parse_number(raw)
        if column.kind != "float":
            bad = bad | (values.notna() & values.ne(values.round()))
        rows.flag("number_invalid", bad, name, severity=severity, params=empty)
        values = values.where(~bad)
        if column.min is not None:
            out = values.notna() & ((values < column.min) | (values > column.max))
            # 75.500 read as 75500: say why, and how to write the decimal that was meant.
            dotted = variants.thousands_reading(raw)
            thousands = out & dotted["dotted"]
            bounds = {"min": column.min, "max": column.max}
            rows.flag("number_thousands_ambiguous", thousands, name, params=lambda pos: {
                **bounds, "read": float(values.iat[pos]), "written": dotted["written"].iat[pos]})
            rows.flag("out_of_range", out & ~thousands, name, params=bounds)
            values = values.where(~out)
        return values
    values = cells.text_values(raw)
    if column.kind == "email":
        rows.flag("email_invalid", ~cells.valid_email(raw), name, severity="warning")
    return values


def _parse_rows(rows: Rows, skip: tuple[str, ...] = ()) -> dict[str, pd.Series]:
    """Every column present (except NIP and `skip`) parsed; required ones checked for blanks.

    A year written with a stage ("WBK 2019") fills its year column where that is blank.
    """
    values = {}
    years = {target: (variants.stage_years(rows.raw(stage), rows.spec.column(target)), warn)
             for stage, (target, warn) in _STAGE_YEARS.get(rows.spec.name, {}).items()
             if rows.has(stage)}
    for column in rows.spec.columns:
        name = column.name
        if name in years and not rows.has(name):
            values[name] = years[name][0]
        if column.kind == "nip" or not rows.has(name) or name in skip:
            continue
        values[name] = parsed = _parse_column(rows, column)
        blank = rows.raw(name).isna()
        if name in years:
            stage_year, warn = years[name]
            differ = ~blank & parsed.notna() & stage_year.notna() & stage_year.ne(parsed) & warn
            rows.flag("stage_year_mismatch", differ, name, severity="warning",
                      params=lambda pos, y=stage_year: {"stage_year": float(y.iat[pos])})
            values[name] = parsed.where(~blank, stage_year)
        if column.required:
            rows.flag("missing_value", blank & values[name].isna(), name)
    return values


def _flag_duplicates(rows: Rows, key: pd.Series, code: str, column: str,
                     severity: str = "error") -> pd.Series:
    """Flag every repeat of a key after its first row; returns the repeat mask."""
    dup = key.notna() & key.duplicated(keep="first")
    if dup.any():
        known = key.notna()
        first = pd.Series(rows.row, index=key.index)[known].groupby(key[known]).transform("first")
        rows.flag(code, dup, column, severity=severity,
                  params=lambda pos: {"first_row": int(first.loc[pos])})
    return dup


def _check_nips(rows: Rows, ctx: Context, *, required: bool) -> pd.DataFrame:
    """NIP rules; returns check_nip's frame (nip is None where invalid)."""
    raw = rows.raw("nip")
    nips = cells.check_nip(raw, ctx.today)
    clean = nips["nip"].fillna("").astype(str)
    for code in _NIP_ERRORS:
        rows.flag(code, nips["error"].eq(code), "nip",
                  params=lambda pos: {"length": len(clean.iat[pos]), "birth": clean.iat[pos][:8],
                                      "start": clean.iat[pos][8:14]})
    rows.flag("nip_pppk", nips["pppk"], "nip", severity="warning",
              params=lambda pos: {"month": clean.iat[pos][12:14]})
    rows.flag("nip_invalid_gender", nips["gender_bad"], "nip", severity="warning")
    for code in ("nip_digits_normalised", "nip_invisible_normalised"):
        rows.flag(code, nips["note"].eq(code), "nip", severity="info",
                  params=lambda pos: {"nip": clean.iat[pos]})
    if required:
        rows.flag("missing_value", nips["nip"].isna() & nips["error"].isna(), "nip")
    nips["nip"] = nips["nip"].where(nips["error"].isna(), None)
    return nips


def _resolve_units(rows: Rows, ctx: Context, names: pd.Series) -> pd.Series:
    """unit_key of each row's unit (name or code); unknown units are flagged with suggestions."""
    known = ctx.unit_lookup()
    if known is None:
        file, sheet = rows.origin()
        rows.issues.append(Issue("error", "units_missing", file, sheet,
                                 params={"dataset": rows.spec.name}))
        rows.bad |= names.notna().to_numpy()
        return names.map({v: canonical_key(v) for v in names.dropna().unique()})
    lookup, display = known
    norm = cells.normalize_values(names)
    keys = norm.map(lookup)
    unknown = names.notna() & keys.isna()
    if unknown.any():  # abbreviations ("BRSPDI Temanggung") resolve when exactly one unit fits
        matcher = ctx.unit_matcher()
        found = matcher.match_all(names[unknown].unique())
        matched = names.where(unknown).map({n: m.key for n, m in found.items()})
        rows.flag("unit_name_resolved", matched.notna(), "unit", severity="info",
                  params=lambda pos: {"unit": matcher.name_of(matched.iat[pos])})
        keys, unknown = keys.where(matched.isna(), matched), unknown & matched.isna()
        ambiguous = names.where(unknown).map({n: list(m.candidates) for n, m in found.items()})
    if unknown.any():
        choices = list(display)
        suggestions = {u: [display[m] for m in difflib.get_close_matches(u, choices, n=3)]
                       for u in norm[unknown].unique()[:_SUGGEST_MAX_UNKNOWN]}
        suggestions.update((n, c) for n, c in zip(norm[unknown], ambiguous[unknown])
                           if isinstance(c, list) and c)
        rows.flag("unit_unknown", unknown, "unit",
                  params=lambda pos: {"suggestions": suggestions.get(norm.iat[pos], [])})
    return keys.astype(object).where(keys.notna(), None)


def check_unit_rows(rows: Rows, ctx: Context) -> dict[str, pd.Series]:
    """Units: unit_key from the code or the name, no repeated unit, LKE numbers in context
    (survey indices as points, weights, the rule set, the total: ingest/lke.py)."""
    values = _parse_rows(rows)
    names = values["unit_name"]
    derived = names.map({v: canonical_key(v) for v in names.dropna().unique()})
    code = values.get("unit_code")
    key = derived if code is None else code.where(code.notna(), derived)
    values["unit_key"] = key
    dup = _flag_duplicates(rows, key, "duplicate_unit", "unit_code" if code is not None and
                           code.notna().any() else "unit_name")
    if code is not None:
        norm = cells.normalize_values(names).where(~dup)
        _flag_duplicates(rows, norm, "duplicate_unit_name", "unit_name", severity="warning")
    lke.check_scores(rows, values)
    return values


def check_agent_rows(rows: Rows, ctx: Context) -> dict[str, pd.Series]:
    """Agents: NIP rules, one row per NIP, a known unit, gender from the NIP when missing."""
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


def _check_nip_reference(rows: Rows, ctx: Context, nip: pd.Series, code: str) -> pd.Series:
    """Flag (as warnings) NIPs that no known agent has; returns each row's agent unit_key."""
    agents = ctx.agent_units()
    if agents is None:
        return pd.Series(None, index=nip.index, dtype=object)
    rows.flag(code, nip.notna() & ~nip.isin(agents.index), "nip", severity="warning")
    return nip.map(agents)


def check_attendance_rows(rows: Rows, ctx: Context) -> dict[str, pd.Series]:
    """Attendance: NIP rules, NIPs of known agents, names filled in from the agents.

    A date range ("4–7 Agustus 2020") gives the first day and `end_date`; a reason written as
    the mode ("Izin", "Tidak hadir (sakit)") is kept in `absence_reason`.
    """
    values = _parse_rows(rows, skip=("date",))
    if rows.has("date"):
        values["date"], end, bad = variants.parse_date_range(rows.raw("date"))
        rows.flag("date_invalid", bad, "date", severity="warning", params={"left_empty": True})
        values["end_date"] = variants.first_given(values.get("end_date"), end)
    if "mode" in values:
        reason = variants.absence_reasons(rows.raw("mode")).where(values["mode"].eq("tidak_hadir"))
        values["absence_reason"] = variants.first_given(values.get("absence_reason"), reason)
    values["nip"] = _check_nips(rows, ctx, required=True)["nip"]
    _check_nip_reference(rows, ctx, values["nip"], "attendance_unknown_nip")
    agents = ctx.table("agents")
    if agents is not None:
        agents = agents[agents["nip"].notna()].drop_duplicates("nip")
        names = values["nip"].map(agents.set_index("nip")["name"])
        values["name"] = values["name"].where(values["name"].notna(), names) if "name" in values \
            else names
    return values


def check_history_rows(rows: Rows, ctx: Context) -> dict[str, pd.Series]:
    """ZI history: every row refers to a known unit."""
    values = _parse_rows(rows)
    values["unit_key"] = _resolve_units(rows, ctx, values["unit"])
    return values


def check_plan_rows(rows: Rows, ctx: Context) -> dict[str, pd.Series]:
    """Action plans: a NIP or a unit on every row; unit_key from the unit or the agent."""
    values = _parse_rows(rows)
    nip = _check_nips(rows, ctx, required=False)["nip"] if rows.has("nip") else rows.raw("nip")
    values["nip"] = nip
    unit = values.get("unit", pd.Series(None, index=rows.frame.index, dtype=object))
    neither = nip.isna() & unit.isna() & rows.raw("nip").isna()
    rows.flag("missing_nip_or_unit", neither, "nip" if rows.has("nip") else "unit")
    by_unit = _resolve_units(rows, ctx, unit) if unit.notna().any() else unit
    by_agent = _check_nip_reference(rows, ctx, nip, "plan_unknown_nip")
    values["unit_key"] = by_unit.where(by_unit.notna(), by_agent)
    return values


CHECKS = MappingProxyType({"units": check_unit_rows, "agents": check_agent_rows,
                          "attendance": check_attendance_rows,
                          "zi_history": check_history_rows, "action_plans": check_plan_rows})
