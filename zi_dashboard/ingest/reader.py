"""Grids to sheets: find each sheet's header row and dataset, and collect its table's cells."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from zi_dashboard.domain.errors import UnreadableFileError
from zi_dashboard.domain.schema import DATASETS, known_header_count, normalize_header
from zi_dashboard.ingest import layout
from zi_dashboard.ingest.cells import cell_text
from zi_dashboard.ingest.report import Issue
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.workbook import HEADER_SCAN_ROWS, Grid, read_grids

__all__ = ["MAX_ROW_NOTES", "ReadOptions", "RawSheet", "find_header_row", "match_dataset",
           "read_sheet", "read_source"]

# Sample values kept per unrecognised column, for the column-mapping step.
SAMPLE_VALUES = 5
# Beyond this many row issues of one code in one sheet, one summary stands for the rest.
MAX_ROW_NOTES = 1000

# Row-number columns carry no data: ignored without a warning.
_IGNORED_HEADERS = frozenset({"", "no", "nomor", "nourut", "nomorurut", "urut"})
# What the lines of a signature block under a table start or end with.
_SIGNATURE = re.compile(
    r"^(?:nip\b|mengetahui|menyetujui|kepala\b|plt\b|plh\b|a\.?\s?n\.?\s|ditetapkan|dibuat|pada "
    r"tanggal|sekretaris|direktur|ttd|tanda tangan|pejabat|kasubbag|kabag|ketua)"
    r"|,\s*\d{1,2}\s+\w+\s+\d{4}$", re.IGNORECASE)


@dataclass(frozen=True)
class ReadOptions:
    """How an upload is read, as the admin chose.

    skip_hidden: leave hidden rows and sheets out (else they are read, with a warning).
    mappings: normalised header → canonical column name, for headers no dataset lists; an
        empty name means "ignore this column".
    """

    skip_hidden: bool = False
    mappings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass
class RawSheet:
    """One sheet as read: where it is, what it holds, and its cells under canonical names."""

    file: str
    sheet: str
    dataset: str | None
    header_row: int
    headers: dict[str, str]
    unknown_headers: list[str]
    frame: pd.DataFrame
    # When dataset is None: the dataset the headers come closest to (headers are mapped for it).
    candidate: str | None = None
    matched: int = 0
    # Unrecognised header as written → up to SAMPLE_VALUES non-blank cells under it.
    samples: dict[str, list] = field(default_factory=dict)
    # What the reader found about the layout (hidden rows, total rows, other tables, ticks).
    notes: list[Issue] = field(default_factory=list)
    # Canonical column → its 1-based Excel column; the Excel rows of the header (first, last).
    columns: dict[str, int] = field(default_factory=dict)
    header_rows: tuple[int, int] = (0, 0)
    # Header as written → the column an admin's mapping read it as ("" = ignored by a mapping).
    mapped: dict[str, str] = field(default_factory=dict)


def _header_key(cell: object) -> str:
    if cell is None or cell == "":
        return ""
    return normalize_header(cell if isinstance(cell, str) else cell_text(cell))


def find_header_row(rows: list[list], mapped: frozenset[str] = frozenset()) -> int | None:
    """Index of the row (among the first 30) matching the most known headers; at least two.
    `mapped`: normalised headers the admin has mapped, counted as known."""
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = known_header_count(row) + (sum(1 for c in row if isinstance(c, str) and (
            normalize_header(c) in mapped)) if mapped else 0)
        if score > best_score:
            best, best_score = i, score
    return best


def match_dataset(header_cells: list, mappings: Mapping[str, str] = MappingProxyType({})
                  ) -> tuple[str | None, str | None, dict[int, str], int]:
    """(dataset, closest dataset, column index → canonical name, matched count) of a header row.

    `mappings` (normalised header → column) add to each dataset's aliases, for the datasets that
    have that column; an empty column name ignores the header."""
    # The dataset has all its required columns and the most matches. The same alias can mean
    # different columns per dataset (Unit Kerja: unit_name or unit), so each maps on its own.
    keys = [_header_key(c) for c in header_cells]
    ranked = []
    for order, spec in enumerate(DATASETS.values()):
        header_map = spec.header_map()
        if mappings:
            names = {c.name for c in spec.columns}
            header_map = {**header_map, **{k: v for k, v in mappings.items() if v in names}}
        mapping: dict[int, str] = {}
        # Listed headers first, then mapped ones for the columns still free: a stored mapping
        # ("Nama Panggilan" = name) never takes a column a listed header ("Nama") holds.
        for mapped in (False, True):
            for j, key in enumerate(keys):
                column = header_map.get(key)
                if (key in mappings) == mapped and column and column not in mapping.values():
                    mapping[j] = column
        mapping = dict(sorted(mapping.items()))
        found = set(mapping.values())
        eligible = all(r in found for r in spec.required) and all(
            any(c in found for c in group) for group in spec.one_of)
        ranked.append((eligible, len(found), -order, spec.name, mapping))
    eligible, count, _, name, mapping = max(ranked, key=lambda r: r[:3])
    return (name if eligible else None), name, mapping, count


def _is_number_row(row: list) -> bool:
    """A row that only numbers the columns: 1, 2, 3, … (often written under the header)."""
    cells = [str(c).strip(" ()") for c in row if c not in ("", None)]
    try:
        numbers = [float(c) for c in cells]
    except ValueError:
        return False
    return len(numbers) >= 2 and numbers == [float(i) for i in range(1, len(numbers) + 1)]


def _clean_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip text cells and turn blank ones into None (other cells keep their Python value)."""
    # A plain comprehension beats pandas' .str.strip on object columns by ~2x here.
    columns = {name: [(v.strip() or None) if v.__class__ is str else v for v in column.to_numpy()]
               for name, column in frame.items()}
    return pd.DataFrame(columns, index=frame.index, columns=frame.columns, dtype=object)


def _trim_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop blank spacer rows and the signature block or notes under the table."""
    filled = frame.notna().sum(axis=1).to_numpy()
    keep = filled > 0
    records = np.flatnonzero(filled >= 2)
    end = records[-1] + 1 if len(records) else 0
    # A record fills at least two columns: lone cells under the last record are notes/signatures.
    keep[end:] = False
    # Then peel off, from the bottom, short blocks after a blank row that read like a signature.
    while True:
        blanks = np.flatnonzero(filled[:end] == 0)
        if not len(blanks) or not np.any(filled[:blanks[-1]] >= 2):
            break
        start = blanks[-1] + 1
        texts = [v for v in frame.iloc[start:end].to_numpy().ravel() if isinstance(v, str)]
        if end - start > 8 or filled[start:end].max() > 2 or not any(
                _SIGNATURE.search(t) for t in texts):
            break
        keep[start:end] = False
        end = blanks[-1]
        while end > 0 and filled[end - 1] == 0:
            end -= 1
    return frame[keep]


def _padded(rows: list[list]) -> list[list]:
    """Rows of one width (ragged rows get None cells), for a DataFrame."""
    width = max((len(r) for r in rows), default=0)
    return [r if len(r) == width else [*r, *([None] * (width - len(r)))] for r in rows]


def _notes_capped(notes: list[Issue], found: list[Issue]) -> None:
    """Row issues of one code, the ones beyond MAX_ROW_NOTES summed up in one."""
    notes.extend(found[:MAX_ROW_NOTES])
    if len(found) > MAX_ROW_NOTES:
        first = found[0]
        notes.append(Issue(first.severity, "too_many_issues", first.file, first.sheet, None,
                           first.column, None, {"count": len(found) - MAX_ROW_NOTES,
                                                "other_code": first.code}))


def _side_notes(file: str, sheet: str, cells: pd.DataFrame, top: int,
                others: list[tuple[int, int]]) -> list[Issue]:
    """An issue per table beside the one read (a warning when it looks like a dataset)."""
    notes = []
    for c0, c1 in others:
        part = cells.loc[:, c0:c1]
        used = np.flatnonzero(part.notna().any(axis=1).to_numpy())
        heads = [[v for v in part.iloc[r].tolist() if v is not None] for r in used[:5]]
        severity = "warning" if any(known_header_count(h) >= 2 for h in heads) else "info"
        r0, r1 = top + int(used[0]), top + int(used[-1])
        notes.append(Issue(severity, "table_ignored", file, sheet, r0 + 1,
                           params={"range": layout.cell_range(r0, c0, r1, c1)}))
    return notes


def _below_note(file: str, sheet: str, rest: pd.DataFrame, a: int) -> Issue:
    """The issue for a table below the one read (`rest`: from its first row; `a`: the first
    column of `rest`); a warning when its header looks like a dataset."""
    filled = rest.notna()
    used_rows = np.flatnonzero(filled.sum(axis=1).to_numpy() >= 2)
    used_cols = np.flatnonzero(filled.any(axis=0).to_numpy())
    r0 = int(rest.index[0]) - 1
    r1 = int(rest.index[used_rows[-1]]) - 1 if len(used_rows) else r0
    heads = [rest.iloc[k].dropna().tolist() for k in range(min(3, len(rest)))]
    severity = "warning" if any(known_header_count(h) >= 2 for h in heads) else "info"
    return Issue(severity, "table_ignored", file, sheet, r0 + 1, params={
        "range": layout.cell_range(r0, a + int(used_cols[0]), r1, a + int(used_cols[-1]))})


def _tick_notes(file: str, sheet: str, frame: pd.DataFrame, body: pd.DataFrame,
                ticks: dict[str, layout.Tick], headers: dict[str, str]) -> list[Issue]:
    """Fill each tick column's value from its marks; issues for rows that can't be read."""
    notes: list[Issue] = []
    for name, tick in ticks.items():
        marks = [body.loc[frame.index, j] for j in tick.columns]
        value, both, unreadable = layout.read_ticks(marks, tick.values)
        frame[name] = value
        letters = "–".join(dict.fromkeys((layout.column_letter(tick.columns[0]),
                                          layout.column_letter(tick.columns[-1]))))
        params = {"group": tick.label, "options": " / ".join(tick.values), "letters": letters}
        for code, mask in (("ticks_conflict", both), ("tick_unreadable", unreadable)):
            found = [Issue("warning", code, file, sheet, int(row), headers[name],
                           " / ".join("" if m[row] is None else cell_text(m[row]) for m in marks),
                           params) for row in frame.index[mask.to_numpy()]]
            _notes_capped(notes, found)
    return notes


def _hidden_notes(file: str, sheet: str, frame: pd.DataFrame, hidden_rows: frozenset[int],
                  skip: bool) -> tuple[pd.DataFrame, list[Issue]]:
    """The table without or with its hidden rows, and the issue that names them."""
    hidden = (frame.index[frame.index.isin([r + 1 for r in hidden_rows])].tolist()
              if hidden_rows else [])
    if not hidden:
        return frame, []
    params = {"rows": layout.compact_rows(hidden), "count": len(hidden)}
    if skip:
        return frame.drop(index=hidden), [Issue("info", "hidden_rows_skipped", file, sheet,
                                                params=params)]
    return frame, [Issue("warning", "hidden_rows_imported", file, sheet, params=params)]


def read_sheet(file: str, grid: Grid, options: ReadOptions = ReadOptions()) -> RawSheet | None:
    """Find the header, table and dataset of one sheet and collect its cells; None if blank."""
    rows, sheet = grid.rows, grid.sheet
    if not any(c not in ("", None) for row in rows[:HEADER_SCAN_ROWS] for c in row):
        return None
    mappings = options.mappings
    h = find_header_row(rows, frozenset(k for k, v in mappings.items() if v))
    if h is None:
        return RawSheet(file, sheet, None, 0, {}, [], pd.DataFrame())
    header = layout.read_header(rows, h, grid.merged)
    first = header.bottom + 1
    if first < len(rows) and _is_number_row(rows[first]):
        first += 1
    cells = _clean_cells(pd.DataFrame(_padded(rows[header.top:]), dtype=object))
    (a, b), others = layout.table_columns(cells, header.labels)
    labels = [v if a <= j <= b else "" for j, v in enumerate(header.labels)]
    dataset, candidate, mapping, matched = match_dataset(labels, mappings)
    headers = {col: str(labels[j]).strip() for j, col in mapping.items()}
    notes = _side_notes(file, sheet, cells, header.top, others)
    body = cells.iloc[first - header.top:].reindex(columns=range(a, b + 1))
    body.index = pd.RangeIndex(first + 1, first + 1 + len(body))
    heading = cells.iloc[:header.bottom - header.top + 1].reindex(columns=range(a, b + 1))
    repeats = layout.repeated_headers(body, heading.to_numpy(dtype=object).tolist())
    notes += [Issue("info", "header_repeated", file, sheet, int(body.index[p])) for p in repeats]
    body = body.drop(index=body.index[repeats])
    below = layout.table_below(body)
    if below is not None:
        notes.append(_below_note(file, sheet, body.iloc[below:], a))
        body = body.iloc[:below]
    totals = layout.total_rows(body)
    notes += [Issue("info", "total_row_skipped", file, sheet, int(body.index[pos]), value=label)
              for pos, label in totals.items()]
    body = body.drop(index=body.index[list(totals)])
    ignored = _IGNORED_HEADERS | {k for k, v in mappings.items() if not v}
    unknown_at = [j for j in range(a, b + 1) if j < len(labels)
                  and j not in mapping and _header_key(labels[j]) not in ignored]
    unknown = [str(labels[j]).strip() for j in unknown_at]
    samples = {str(labels[j]).strip(): body[j].dropna().head(SAMPLE_VALUES).tolist()
               for j in unknown_at}
    mapped = {str(c).strip(): mappings[k] for j, c in enumerate(labels)
              if (k := _header_key(c)) and k in mappings and mapping.get(j, "") == mappings[k]}
    frame = body[list(mapping)].set_axis(list(mapping.values()), axis=1)
    ticks = {mapping[t.columns[0]]: t for t in header.ticks if t.columns[0] in mapping}
    for name, tick in ticks.items():
        # Until the marks are read, any mark counts as a filled cell for trimming.
        frame[name] = layout.first_filled(body[list(tick.columns)])
    frame = _trim_rows(frame)
    frame, hidden = _hidden_notes(file, sheet, frame, grid.hidden_rows, options.skip_hidden)
    notes += hidden + _tick_notes(file, sheet, frame, body, ticks, headers)
    rows_read = set(frame.index)
    notes += [Issue("warning", "cell_unreadable", file, sheet, r + 1, headers[mapping[c]], shown)
              for r, c, shown in grid.unreadable if r + 1 in rows_read and c in mapping]
    return RawSheet(file, sheet, dataset, header.top + 1, headers, unknown, frame,
                    candidate=None if dataset else candidate, matched=matched, samples=samples,
                    # The layout of a sheet that is not read as a dataset is no news.
                    notes=notes if dataset else [],
                    columns={c: j + 1 for j, c in mapping.items()},
                    header_rows=(header.top + 1, header.bottom + 1), mapped=mapped)


def read_source(source: SourceFile, *, max_bytes: int, max_uncompressed_bytes: int,
                options: ReadOptions = ReadOptions()) -> list[RawSheet]:
    """Every non-blank sheet of a file (hidden ones as `options` say); raises
    UnreadableFileError for what cannot be read."""
    grids: list[Grid] = read_grids(source, max_bytes=max_bytes,
                                   max_uncompressed_bytes=max_uncompressed_bytes)
    name = source.name
    sheets: list[RawSheet] = []
    notes: list[Issue] = []
    skipped: list[str] = []
    for grid in grids:
        raw = read_sheet(name, grid, options)
        if raw is None:
            continue
        if grid.hidden:
            # A hidden sheet without a table of rows is a list or a scratch sheet: not data.
            if raw.dataset is None or raw.frame.empty:
                notes.append(Issue("info", "hidden_sheet_not_read", name, grid.sheet))
                continue
            params = {"count": len(raw.frame)}
            if options.skip_hidden:
                notes.append(Issue("info", "hidden_sheet_skipped", name, grid.sheet,
                                   params=params))
                skipped.append(grid.sheet)
                continue
            raw.notes.insert(0, Issue("warning", "hidden_sheet_imported", name, grid.sheet,
                                      params=params))
        sheets.append(raw)
    if not any(s.header_row for s in sheets):
        if skipped:
            raise UnreadableFileError("file_only_hidden", name, sheets=skipped)
        raise UnreadableFileError("file_empty", name)
    # Notes about sheets that are not returned travel with the first one.
    sheets[0].notes[:0] = notes
    return sheets
