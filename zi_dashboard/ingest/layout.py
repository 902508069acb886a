"""Layout of one sheet's grid: header rows (two-row headers too), the table's columns, other
tables beside or below it, total rows and tick-mark columns. Pure functions over cells."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from zi_dashboard.domain.schema import DATASETS, ENUMS, known_header_count, normalize_header

__all__ = ["Group", "Header", "Tick", "cell_range", "column_letter", "compact_rows", "first_filled",
           "read_header", "read_ticks", "table_below", "table_columns", "total_rows"]

# Labels of total and recap rows, at the start of a cell ("JUMLAH", "Jumlah Agen", "Sub Total").
_TOTAL = re.compile(r"^(?:grand\s*-?\s*total|sub\s*-?\s*total|total|jumlah|jml|rekap(?:itulasi)?)"
                    r"(?![a-z])", re.IGNORECASE)
_TOTAL_INITIALS = frozenset("JjTtSsGgRr")
# A label that is a total and nothing else ("JUMLAH", "Jumlah Agen:", "Grand Total").
_TOTAL_ONLY = re.compile(
    r"(?:grand\s*-?\s*total|sub\s*-?\s*total|total|jumlah|jml|rekap(?:itulasi)?)"
    r"(?:\s+(?:agen(?:\s+perubahan)?|pegawai|unit(?:\s+kerja)?|seluruhnya|keseluruhan|akhir"
    r"|semua|umum))?\s*[:.]?", re.IGNORECASE)
# Titles of a recap table ("REKAP PER ESELON I", "Ringkasan").
_TITLE = re.compile(r"^(?:rekap(?:itulasi)?|ringkasan|resume|summary)(?![a-z])"
                    r"|\bper\s+(?:eselon|unit|satker|satuan|provinsi|wilayah|jenis|golongan)",
                    re.IGNORECASE)
# A run of eight digits: an NIP or a date, never a header label.
_DATA_DIGITS = re.compile(r"\d{8}")
# Tick marks: what marks a sub-column as chosen, and what leaves it unchosen.
_TICKED = frozenset({"✓", "✔", "√", "☑", "✅", "v", "x", "1", "ya", "y", "yes", "true",
                     "ok"})
_UNTICKED = frozenset({"-", "–", "0", "✗", "✘", "tidak", "no", "n", "t", "false"})


@dataclass(frozen=True)
class Group:
    """A group label over sub-columns `first`..`last` (0-based, inclusive)."""

    label: str
    first: int
    last: int


@dataclass(frozen=True)
class Tick:
    """Sub-columns of one enum column, one per value, marked with ticks."""

    label: str
    columns: tuple[int, ...]
    values: tuple[str, ...]


@dataclass(frozen=True)
class Header:
    """The header of a table: its rows (0-based, inclusive), one label per column, its groups."""

    top: int
    bottom: int
    labels: tuple[object, ...]
    groups: tuple[Group, ...] = ()
    ticks: tuple[Tick, ...] = ()


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _at(row: Sequence, j: int) -> object:
    return row[j] if j < len(row) else None


def _groups(rows: list[list], g: int, s: int, merged: Sequence[tuple[int, int, int, int]]
            ) -> tuple[Group, ...]:
    """The groups of row g over sub-labels in row s; () when s is not a row of sub-labels."""
    top, sub = rows[g], rows[s]
    width = max(len(top), len(sub))
    subs = [j for j in range(width) if not _blank(_at(sub, j))]
    # Sub-labels are text; a row holding numbers, NIPs or dates is data.
    if not subs or any(not isinstance(sub[j], str) or _DATA_DIGITS.search(sub[j]) for j in subs):
        return ()
    groups, covered = [], set()
    for r0, c0, r1, c1 in merged:
        label = _at(rows[r0], c0) if r0 < len(rows) else None
        if r0 <= g <= r1 < s and c1 > c0 and isinstance(label, str) and label.strip():
            groups.append(Group(label.strip(), c0, c1))
            covered.update(range(c0, c1 + 1))
    # Without merge information (CSV): a label followed by blanks, with sub-labels under each.
    for j in range(width):
        label = _at(top, j)
        if j in covered or not isinstance(label, str) or _blank(label) or _blank(_at(sub, j)):
            continue
        last = j
        while (last + 1 < width and last + 1 not in covered and _blank(_at(top, last + 1))
               and not _blank(_at(sub, last + 1))):
            last += 1
        if last > j:
            groups.append(Group(label.strip(), j, last))
            covered.update(range(j, last + 1))
    groups = [grp for grp in groups if any(grp.first <= j <= grp.last for j in subs)]
    for j in subs:
        # Under a single header the lower row is blank or repeats it; anything else is data.
        above = _at(top, j)
        if j not in covered and not _blank(above) and normalize_header(above) != normalize_header(
                sub[j]):
            return ()
    # A title over the whole header is not a group.
    used = subs + [j for j in range(width) if not _blank(_at(top, j))]
    if not groups or any(grp.first <= min(used) and max(used) <= grp.last for grp in groups):
        return ()
    return tuple(sorted(groups, key=lambda grp: grp.first))


def _known(label: str) -> bool:
    return known_header_count([label]) > 0


def _tick(group: Group, sub: Sequence) -> Tick | None:
    """The group as tick columns when it names an enum column and each sub-label is a value."""
    key = normalize_header(group.label)
    columns = [j for j in range(group.first, group.last + 1) if not _blank(_at(sub, j))]
    values = [str(sub[j]).strip() for j in columns]
    for spec in DATASETS.values():
        name = spec.header_map().get(key)
        if name is None or spec.column(name).kind != "enum":
            continue
        parsed = [ENUMS[spec.column(name).enum].parse(v) for v in values]
        if len(parsed) >= 2 and None not in parsed and len(set(parsed)) == len(parsed):
            return Tick(group.label, tuple(columns), tuple(values))
    return None


def _combined(rows: list[list], g: int, s: int, groups: tuple[Group, ...]) -> Header:
    """One label per column: the sub-label wins; the group reads an unknown one in context."""
    top, sub = rows[g], rows[s]
    labels: list[object] = [_at(sub, j) if not _blank(_at(sub, j)) else _at(top, j)
                            for j in range(max(len(top), len(sub)))]
    ticks = []
    for grp in groups:
        tick = _tick(grp, sub)
        if tick is not None:
            ticks.append(tick)
            for j in range(grp.first, grp.last + 1):
                labels[j] = grp.label if j == tick.columns[0] else ""
            continue
        # A known group read through one of its sub-columns ("Gol." under "Pangkat/Gol"): the
        # others are details of it ("TMT"), left out without a word.
        detail = _known(grp.label) and any(
            not _blank(_at(sub, j)) and _known(str(sub[j])) for j in range(grp.first,
                                                                             grp.last + 1))
        for j in range(grp.first, grp.last + 1):
            text = _at(sub, j)
            if _blank(text):
                labels[j] = grp.label if j == grp.first else ""
            elif not _known(str(text)):
                # "Tahun" over "Penetapan" reads as "Tahun Penetapan"; else the group in brackets.
                joined = f"{grp.label} {str(text).strip()}"
                labels[j] = joined if _known(joined) else "" if detail else (
                    f"{str(text).strip()} ({grp.label})")
    return Header(g, s, tuple(labels), groups, tuple(ticks))


def read_header(rows: list[list], h: int, merged: Sequence[tuple[int, int, int, int]] = ()
                ) -> Header:
    """The header around row h: h with the row of sub-labels under it, the row of group labels
    above it, or h alone."""
    for g, s in ((h, h + 1), (h - 1, h)):
        if g >= 0 and s < len(rows):
            groups = _groups(rows, g, s, merged)
            if groups:
                return _combined(rows, g, s, groups)
    return Header(h, h, tuple(rows[h]))


def _runs(filled: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive True values as (first, last)."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], filled.astype(np.int8), [0]])))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2])]


def table_columns(cells: pd.DataFrame, labels: Sequence[object]
                  ) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """(first, last) columns of the table, and the other runs of columns, beyond blank columns.

    `cells`: the sheet from the header down, blank cells None; the table is the run of filled
    columns holding the most known headers."""
    width = max(cells.shape[1], len(labels))
    filled = np.zeros(width, bool)
    filled[:cells.shape[1]] = cells.notna().any(axis=0).to_numpy()
    filled[[j for j, v in enumerate(labels) if not _blank(v)]] = True
    runs = _runs(filled)
    if not runs:
        return (0, max(width - 1, 0)), []
    scores = [known_header_count([v for v in labels[a:b + 1] if isinstance(v, str)])
              for a, b in runs]
    k = int(np.argmax(scores))
    used = cells.notna().to_numpy()
    rows_of = [np.flatnonzero(used[:, a:b + 1].any(axis=1)) for a, b in runs]
    last = rows_of[k][-1] if len(rows_of[k]) else 0

    def belongs(i: int) -> bool:
        # Past a blank spacer column the table goes on when every header there is a known one
        # and nothing there runs below the table: a recap beside has a header like "Jumlah".
        heads = [v for v in labels[runs[i][0]:runs[i][1] + 1] if not _blank(v)]
        return (bool(heads) and all(isinstance(v, str) and _known(v) for v in heads)
                and (not len(rows_of[i]) or rows_of[i][-1] <= last))

    lo = hi = k
    while hi + 1 < len(runs) and belongs(hi + 1):
        hi += 1
    while lo > 0 and belongs(lo - 1):
        lo -= 1
    return (runs[lo][0], runs[hi][1]), runs[:lo] + runs[hi + 1:]


def _table_start(row: list) -> str | None:
    """'title' for a recap title, 'header' for a header row, else None."""
    cells = [v for v in row if v is not None]
    if not cells or any(v.__class__ is not str for v in cells):
        return None
    # A title stands alone on its row: "Monev per unit kerja" beside an NIP is a record.
    if len(cells) == 1 and _TITLE.search(cells[0]):
        return "title"
    return "header" if len(cells) >= 2 and known_header_count(cells) >= 2 else None


def table_below(cells: pd.DataFrame) -> int | None:
    """Position of the first row of another table below this one (after a blank row), or None.

    `cells`: the table's body, blank cells None. A title opens a table when rows follow it."""
    filled = cells.notna().sum(axis=1).to_numpy()
    starts = np.flatnonzero((filled[1:] > 0) & (filled[:-1] == 0)) + 1
    records = np.flatnonzero(filled >= 2)
    values = cells.to_numpy(dtype=object)
    for p in starts:
        kind = _table_start(values[p].tolist())
        if kind == "header" or (kind == "title" and records[-1] > p):
            return int(p)
    return None


def repeated_headers(body: pd.DataFrame, header_rows: list[list]) -> list[int]:
    """Positions of body rows that repeat a header row (printed again on every page).

    `body` and each header row cover the same columns, blank cells None."""
    found: set[int] = set()
    values = body.to_numpy(dtype=object)
    for header in header_rows:
        keys = [normalize_header(v) if v.__class__ is str else "" for v in header]
        cols = [j for j, k in enumerate(keys) if k]
        if len(cols) < 2 or not len(values):
            continue
        # The first labelled column, as written, filters cheaply before every cell is compared.
        written = header[cols[0]].strip().casefold()
        first = values[:, cols[0]]
        for pos in np.flatnonzero([v.__class__ is str and v.strip().casefold() == written
                                   for v in first]):
            row = values[pos]
            if all((normalize_header(row[j]) if row[j].__class__ is str else "") == keys[j]
                   for j in cols) and not _titled(values, pos):
                found.add(int(pos))
    return sorted(found)


def _titled(values: np.ndarray, pos: int) -> bool:
    """Whether the row at pos follows a title (blank rows between): then it opens a table of
    its own ("RINGKASAN PER UNIT" over the same columns), not a page of the same one."""
    q = pos - 1
    while q >= 0 and all(v is None for v in values[q]):
        q -= 1
    return q >= 0 and _table_start(values[q].tolist()) == "title"


def first_filled(cells: pd.DataFrame, nth: int = 1) -> pd.Series:
    """The nth filled cell of each row (None where a row has fewer)."""
    values = cells.to_numpy(dtype=object)
    if not values.shape[1]:
        return pd.Series(None, index=cells.index, dtype=object)
    filled, rows = cells.notna().to_numpy().copy(), np.arange(len(values))
    for _ in range(nth - 1):
        filled[rows, filled.argmax(axis=1)] = False
    picked = np.where(filled.any(axis=1), values[rows, filled.argmax(axis=1)], None)
    return pd.Series(picked, index=cells.index, dtype=object)


def total_rows(cells: pd.DataFrame) -> dict[int, str]:
    """Position → label of rows whose first or second filled cell says JUMLAH, TOTAL, …

    `cells`: the table's body, blank cells None."""
    found: dict[int, str] = {}
    if cells.empty:
        return found
    values = cells.to_numpy(dtype=object)
    for nth in (1, 2):
        # The first letter filters cheaply before the pattern runs (rows can be 100,000).
        for pos, v in enumerate(first_filled(cells, nth).to_numpy()):
            if v.__class__ is str and v[:1] in _TOTAL_INITIALS and _TOTAL.match(v) and (
                    _is_total(v, values[pos])):
                found.setdefault(pos, v)
    return dict(sorted(found.items()))


def _is_total(label: str, row: np.ndarray) -> bool:
    """A row labelled like a total that holds no record: no NIP or date digits anywhere, and
    either a label that is a total and nothing else, or no other text beside it. "Total
    Sutrisno" with an NIP, or "Rekap Data Center" with its Eselon I, is a record."""
    others = [v for v in row if v.__class__ is str and v is not label and v.strip()]
    if any(_DATA_DIGITS.search(v) for v in others) or any(
            isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= 1e15
            for v in row):
        return False
    return bool(_TOTAL_ONLY.fullmatch(label.strip())) or not others


def _tick_state(v: object) -> float:
    """1 for a tick, 0 for none, NaN for a mark that can't be read."""
    if v is True or v is False:
        return float(v)
    if isinstance(v, (int, float)) and float(v).is_integer():
        v = str(int(v))
    text = str(v).strip().lower()
    return 1.0 if text in _TICKED else 0.0 if text in _UNTICKED or not text else np.nan


def read_ticks(columns: Sequence[pd.Series], values: Sequence[str]
               ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(value, both ticked, unreadable) per row of tick columns; a row with no tick is None."""
    states = []
    for series in columns:
        marks = series.to_numpy(dtype=object)
        given = ~pd.isna(marks)
        # Marks repeat: read each distinct one once.
        table = {v: _tick_state(v) for v in pd.unique(marks[given])}
        state = np.zeros(len(marks))
        state[given] = [table[v] for v in marks[given]]
        states.append(state)
    grid = np.vstack(states) if states else np.zeros((0, 0))
    index = columns[0].index if columns else pd.RangeIndex(0)
    unreadable = np.isnan(grid).any(axis=0)
    ticked = np.nan_to_num(grid).sum(axis=0)
    pick = np.array(values, dtype=object)[np.nan_to_num(grid).argmax(axis=0)]
    chosen = np.where((ticked == 1) & ~unreadable, pick, None)
    return (pd.Series(chosen, index=index, dtype=object),
            pd.Series((ticked >= 2) & ~unreadable, index=index),
            pd.Series(unreadable, index=index))


def column_letter(j: int) -> str:
    """Excel letters of the 0-based column j (0 → A, 26 → AA)."""
    return get_column_letter(j + 1)


def cell_range(r0: int, c0: int, r1: int, c1: int) -> str:
    """Excel range of 0-based inclusive bounds: (19, 0, 24, 3) → A20:D25."""
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


def compact_rows(rows: Sequence[int]) -> str:
    """Row numbers as a short list: [12, 15, 16, 17] → "12, 15–17"."""
    parts: list[str] = []
    ordered = sorted(set(rows))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        parts.append(str(ordered[i]) if i == j else f"{ordered[i]}–{ordered[j]}")
        i = j + 1
    return ", ".join(parts)
