"""Raw sheets to clean tables and a Report: bad content becomes issues, never exceptions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from zi_dashboard import config
from zi_dashboard.access import Principal, scope_tables
from zi_dashboard.domain import attendance
from zi_dashboard.domain.errors import UnreadableFileError
from zi_dashboard.domain.schema import DATASETS, clean_columns, normalize_header
from zi_dashboard.ingest.consistency import check_consistency
from zi_dashboard.ingest.reader import RawSheet, ReadOptions, read_source
from zi_dashboard.ingest.references import dropped_column_issues, inherited_unit_issues
from zi_dashboard.ingest.report import Issue, Report
from zi_dashboard.ingest.rows import CHECKS, REF_COLUMNS, Context, Rows
from zi_dashboard.ingest.scope_check import check_scope, with_other_scopes
from zi_dashboard.ingest.sources import SourceFile

__all__ = ["Issue", "ReadOptions", "Report", "ValidationResult", "validate_sources"]



def _clean_frame(name: str, values: Mapping[str, pd.Series], keep: np.ndarray) -> pd.DataFrame:
    """The clean-table contract: schema columns in order, dtypes by kind, kept rows only."""
    n, everything = int(keep.sum()), bool(keep.all())
    out = {}
    for column, kind in clean_columns(name):
        series = values.get(column)
        if series is None:
            series = pd.Series([None] * n, dtype=object)
        else:
            series = (series if everything else series[keep]).reset_index(drop=True)
        if kind in ("int", "year"):
            out[column] = series.astype(float).round().astype("Int64")
        elif kind == "float":
            out[column] = series.astype(float)
        elif kind == "date":
            out[column] = pd.to_datetime(series).astype("datetime64[ns]")
        elif kind == "bool":
            out[column] = series.astype(object).fillna(False).astype(bool)
        else:
            series = series.astype(object)
            out[column] = series.where(series.notna(), None) if series.hasnans else series
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
                spellings: dict[str, str] = {}
                for spelling in (col.label_id, col.label_en, *col.aliases):
                    spellings.setdefault(normalize_header(spelling), spelling)
                accepted = list(spellings.values())[:10]
                issues.append(Issue("error", "missing_column", raw.file, raw.sheet, raw.header_row,
                                    params={"dataset": spec.name, "field": name,
                                            "accepted": accepted}))
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
    # Every sheet as read, with only its first rows: headers, unknown columns and their samples,
    # and mapped columns, for the column-mapping step (ingest.mapping).
    layouts: list[RawSheet] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Rows per dataset."""
        return {name: len(frame) for name, frame in self.tables.items()}

    def attendance_counts(self) -> dict[str, int]:
        """Agents per attendance mode at the latest event (each agent counted once)."""
        att = self.tables.get("attendance")
        if att is None or att.empty:
            return {}
        latest = att[att["event"] == attendance.latest_event(att)]
        counts = attendance.best_modes(latest, "nip")["mode"].value_counts()
        return {key: int(counts.get(key, 0)) for key in attendance.MODES}


def validate_sources(files: Sequence[SourceFile], *,
                     current: Mapping[str, pd.DataFrame] | None = None,
                     max_bytes: int | None = None, max_uncompressed_bytes: int | None = None,
                     default_event: str | None = None, today: dt.date | None = None,
                     options: ReadOptions | None = None,
                     scope: Principal | None = None) -> ValidationResult:
    """Read and check every file; the tables hold only the rows without errors.

    Limits and the event name default to the settings' declared defaults (config); `options`
    carry the admin's choices (hidden rows, column mappings). `scope`: a scoped uploader, whose
    rows outside its scope are errors and whose references resolve over the version it would
    make (its rows plus the current rows of every other unit: ingest.scope_check).
    """
    options = options or ReadOptions()
    settled = config.defaults()
    max_bytes = settled.max_upload_bytes if max_bytes is None else max_bytes
    max_uncompressed_bytes = (settled.max_uncompressed_bytes if max_uncompressed_bytes is None
                              else max_uncompressed_bytes)
    default_event = settled.default_event if default_event is None else default_event
    # Sheets of one dataset (in one file or several) are checked as one table, so a NIP repeated
    # across them is a duplicate. A dataset sheet without rows is skipped: a partial upload
    # keeps the stored data of what it leaves out.
    issues: list[Issue] = []
    sheets: list[dict] = []
    found: dict[str, list[RawSheet]] = {}
    layouts: list[RawSheet] = []
    for source in files:
        try:
            raws = read_source(source, max_bytes=max_bytes,
                               max_uncompressed_bytes=max_uncompressed_bytes, options=options)
        except UnreadableFileError as exc:
            # A refusal that names a sheet (a far cell, a long text) shows it in the report too.
            issues.append(Issue("error", exc.code, exc.file, exc.params.get("sheet_name"),
                                params=dict(exc.params)))
            continue
        for raw in raws:
            layouts.append(replace(raw, frame=raw.frame.head(20)))
            sheets.append({"file": raw.file, "sheet": raw.sheet, "dataset": raw.dataset,
                           "rows": len(raw.frame) if raw.dataset else 0,
                           "header_row": raw.header_row,
                           "header_last": raw.header_rows[1] or raw.header_row})
            issues.extend(raw.notes)   # what the reader found about the layout
            if _sheet_issues(raw, issues):
                found.setdefault(raw.dataset, []).append(raw)
    if not found and not any(i.severity == "error" for i in issues):
        issues.append(Issue("error", "no_data", files[0].name if files else ""))
    ctx = Context(today or dt.date.today(), current or {})
    tables: dict[str, pd.DataFrame] = {}
    located: dict[str, tuple[Rows, dict]] = {}
    for name in DATASETS:   # units first: the other datasets refer to them
        if name not in found:
            continue
        rows = Rows.gather(DATASETS[name], found[name], issues)
        values = CHECKS[name](rows, ctx)
        if scope is not None:
            check_scope(rows, values, ctx, scope)
        tables[name] = _clean_frame(name, values, ~rows.bad)
        ctx.refs[name] = pd.DataFrame({c: values[c] for c in REF_COLUMNS if c in values})
        if scope is not None:
            ctx.refs[name] = with_other_scopes(name, values, ctx, scope)
        located[name] = (rows, values)
    # Stages, scores and history against each other, once every dataset is checked.
    check_consistency(located, current or {})
    if "units" in found:
        first = found["units"][0]
        issues += inherited_unit_issues(ctx.refs, current or {}, (first.file, first.sheet))
    # A scoped upload empties a left-out column only in its scope's rows.
    held = scope_tables(current, scope) if scope is not None and current else current
    issues += dropped_column_issues({name: ({c for raw in raws for c in raw.frame.columns},
                                            raws[0].file, raws[0].sheet, raws[0].header_row)
                                     for name, raws in found.items()}, held or {})
    agents = tables.get("agents")
    modes_given = agents is not None and bool(agents["attendance_mode"].notna().any())
    if "attendance" not in tables and modes_given:
        tables["attendance"] = _attendance_from_agents(agents, default_event)
    position = {(s["file"], s["sheet"]): i for i, s in enumerate(sheets)}
    issues.sort(key=lambda i: (position.get((i.file, i.sheet), -1), i.row or 0))
    return ValidationResult(tables, Report(issues, sheets), layouts)
