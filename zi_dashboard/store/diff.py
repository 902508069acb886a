"""What changed between two sets of clean tables: agents by NIP, units by key."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zi_dashboard.domain import schema
from zi_dashboard.store.frames import empty_table, plain_values

__all__ = ["Diff", "diff_tables"]

FLOAT_TOLERANCE = 1e-9
_ROW_DATASETS = ("attendance", "zi_history", "action_plans")


@dataclass
class Diff:
    """Changes from an old to a new set of clean tables.

    `*_added` / `*_removed` hold clean rows. `*_changed` are long: one row per key and changed
    field (key, name, field, old, new); moves and attendance changes appear there too. Each
    DataFrame has a count of the same name in `counts` (distinct keys for long tables), next to
    agents/units before/after and `<dataset>_rows_before/after` for the other datasets.
    """

    agents_added: pd.DataFrame
    agents_removed: pd.DataFrame
    agents_changed: pd.DataFrame      # nip, name, field, old, new
    agents_moved: pd.DataFrame        # nip, name, old_unit_key, new_unit_key, old_unit, new_unit
    attendance_changed: pd.DataFrame  # nip, name, old, new (attendance_mode of the agents sheet)
    units_added: pd.DataFrame
    units_removed: pd.DataFrame
    units_changed: pd.DataFrame       # unit_key, unit_name, field, old, new
    units_stage_changed: pd.DataFrame  # unit_key, unit_name, old, new
    units_score_changed: pd.DataFrame  # unit_key, unit_name, old, new, delta (lke_score)
    counts: dict[str, int]

    @property
    def is_empty(self) -> bool:
        """True when neither agents nor units differ."""
        return not any(v for k, v in self.counts.items()
                       if not k.endswith(("_before", "_after")))


def _table(tables: Mapping[str, pd.DataFrame], dataset: str) -> pd.DataFrame:
    frame = tables.get(dataset)
    return empty_table(dataset) if frame is None else frame


def _keyed(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    # Validation guarantees unique keys; if not, the first row wins rather than failing a preview.
    return frame[frame[key].notna()].drop_duplicates(key, keep="first").reset_index(drop=True)


def _plain(series: pd.Series, kind: str) -> np.ndarray:
    values = np.empty(len(series), dtype=object)
    values[:] = plain_values(series, kind)
    return values


def _differs(old: pd.Series, new: pd.Series, kind: str) -> np.ndarray:
    """Elementwise 'not equal': missing equals missing, floats within FLOAT_TOLERANCE."""
    na_old, na_new = old.isna().to_numpy(), new.isna().to_numpy()
    if kind == "float":
        a = pd.to_numeric(old, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        b = pd.to_numeric(new, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore"):
            unequal = ~(np.abs(a - b) <= FLOAT_TOLERANCE)
    else:
        unequal = np.asarray(_plain(old, kind) != _plain(new, kind), dtype=bool)
    return (na_old != na_new) | (~na_old & ~na_new & unequal)


def _objects(values) -> pd.Series:
    return pd.Series(values, dtype=object)


@dataclass
class _Aligned:
    """The rows whose key is on both sides, old and new, and where each field differs."""

    key: str
    label: str
    kinds: dict[str, str]
    before: pd.DataFrame
    after: pd.DataFrame

    def __post_init__(self) -> None:
        self.keys = self.after.index.to_numpy(dtype=object)
        self.names = (_plain(self.after[self.label], "text") if self.label in self.after.columns
                      else self.keys)
        self.masks = {f: _differs(self.before[f], self.after[f], self.kinds.get(f, "text"))
                      for f in self.after.columns if f in self.before.columns}

    def changes(self, field: str) -> pd.DataFrame:
        """key, label, old, new of the rows whose `field` changed."""
        mask = self.masks.get(field, np.zeros(len(self.keys), dtype=bool))
        kind = self.kinds.get(field, "text")
        side = lambda frame: (_plain(frame[field], kind)[mask] if field in frame.columns  # noqa: E731
                              else [None] * int(mask.sum()))
        return pd.DataFrame({self.key: _objects(self.keys[mask]), self.label: _objects(self.names[mask]),
                             "old": _objects(side(self.before)), "new": _objects(side(self.after))})

    def long(self) -> pd.DataFrame:
        """One row per key and changed field: key, label, field, old, new."""
        pieces = [self.changes(f).assign(field=f) for f, mask in self.masks.items() if mask.any()]
        columns = [self.key, self.label, "field", "old", "new"]
        if not pieces:
            return pd.DataFrame({c: _objects([]) for c in columns})
        return pd.concat(pieces, ignore_index=True)[columns].sort_values(
            self.key, kind="stable", ignore_index=True)


def _compare(old: pd.DataFrame, new: pd.DataFrame, dataset: str, key: str, label: str):
    """Rows added, rows removed, and the rows on both sides aligned by key."""
    old, new = _keyed(old, key), _keyed(new, key)
    added = new[~new[key].isin(old[key])].reset_index(drop=True)
    removed = old[~old[key].isin(new[key])].reset_index(drop=True)
    common = new[key][new[key].isin(old[key])].to_numpy()
    aligned = _Aligned(key, label, dict(schema.clean_columns(dataset)),
                       old.set_index(key).loc[common], new.set_index(key).loc[common])
    return added, removed, aligned


def _moved(agents: _Aligned, old_units: pd.DataFrame, new_units: pd.DataFrame) -> pd.DataFrame:
    moves = agents.changes("unit_key").rename(columns={"old": "old_unit_key", "new": "new_unit_key"})
    texts = agents.changes("unit")  # the unit as written, when the units table lacks the key
    text_of = dict(zip(texts["nip"], zip(texts["old"], texts["new"])))
    old_names, new_names = (dict(zip(u["unit_key"], u["unit_name"])) for u in (
        _keyed(old_units, "unit_key"), _keyed(new_units, "unit_key")))
    return moves.assign(
        old_unit=_objects([old_names.get(k, text_of.get(n, (None, None))[0])
                           for n, k in zip(moves["nip"], moves["old_unit_key"])]),
        new_unit=_objects([new_names.get(k, text_of.get(n, (None, None))[1])
                           for n, k in zip(moves["nip"], moves["new_unit_key"])]))


def diff_tables(old: Mapping[str, pd.DataFrame], new: Mapping[str, pd.DataFrame]) -> Diff:
    """Compare two clean-table dicts; a dataset absent from `new` counts as unchanged."""
    new = {**old, **new}  # absent = inherited, as commit_version stores it
    old_units, new_units = _table(old, "units"), _table(new, "units")
    a_added, a_removed, agents = _compare(_table(old, "agents"), _table(new, "agents"), "agents",
                                          "nip", "name")
    u_added, u_removed, units = _compare(old_units, new_units, "units", "unit_key", "unit_name")
    a_changed, u_changed = agents.long(), units.long()
    moved = _moved(agents, old_units, new_units)
    attendance = agents.changes("attendance_mode")
    stages = units.changes("zi_stage")
    scores = units.changes("lke_score")
    scores["delta"] = (pd.to_numeric(scores["new"]).astype("float64")
                       - pd.to_numeric(scores["old"]).astype("float64"))
    counts = {
        "agents_before": len(agents.keys) + len(a_removed), "agents_after": len(agents.keys) + len(a_added),
        "agents_added": len(a_added), "agents_removed": len(a_removed),
        "agents_changed": a_changed["nip"].nunique(), "agents_moved": len(moved),
        "attendance_changed": len(attendance),
        "units_before": len(units.keys) + len(u_removed), "units_after": len(units.keys) + len(u_added),
        "units_added": len(u_added), "units_removed": len(u_removed),
        "units_changed": u_changed["unit_key"].nunique(), "units_stage_changed": len(stages),
        "units_score_changed": len(scores),
    }
    for dataset in _ROW_DATASETS:
        counts[f"{dataset}_rows_before"] = len(_table(old, dataset))
        counts[f"{dataset}_rows_after"] = len(_table(new, dataset))
    return Diff(a_added, a_removed, a_changed, moved, attendance, u_added, u_removed, u_changed,
                stages, scores, counts)
