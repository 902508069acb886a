"""Dashboard filters as plain data: URL round trip, options, application to the clean tables."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from types import MappingProxyType

import numpy as np
import pandas as pd

from zi_dashboard.domain import schema
from zi_dashboard.i18n import t

__all__ = ["QUERY_KEYS", "Filters", "LazyTables", "apply_filters", "filter_lazily",
           "filter_options", "filter_table", "filter_units", "sanitize", "rows_at", "rows_by_key",
           "unit_positions", "units_within"]

# Filter field → URL query key (short, stable: links are shared by chat and e-mail).
QUERY_KEYS = MappingProxyType({"eselon1": "eselon1", "unit_type": "type", "province": "prov",
                               "zi_stage": "stage", "unit": "unit"})
# Filter field → units column it matches.
_COLUMNS = MappingProxyType({"eselon1": "eselon1", "unit_type": "unit_type",
                             "province": "province", "zi_stage": "zi_stage", "unit": "unit_key"})


def _clean_values(values: object) -> tuple[str, ...]:
    """Any value or list of values → distinct non-empty strings, in first-seen order."""
    if values is None:
        return ()
    items = [values] if isinstance(values, str) or not isinstance(values, Iterable) else values
    seen: dict[str, None] = {}
    for item in items:
        text = "" if item is None else str(item).strip()
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


@dataclass(frozen=True)
class Filters:
    """The active filters; an empty tuple means "no restriction" on that field."""

    eselon1: tuple[str, ...] = ()
    unit_type: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    zi_stage: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()  # unit_key values

    def __post_init__(self) -> None:
        # Lists from widgets become tuples so a Filters is hashable and usable as a cache key.
        for field in fields(self):
            object.__setattr__(self, field.name, _clean_values(getattr(self, field.name)))

    def is_empty(self) -> bool:
        """True when no field restricts the data."""
        return not any(getattr(self, f) for f in QUERY_KEYS)

    def to_query(self) -> dict[str, list[str]]:
        """Query parameters for the URL (`st.query_params.from_dict`); empty fields omitted."""
        return {key: list(getattr(self, f)) for f, key in QUERY_KEYS.items() if getattr(self, f)}

    @classmethod
    def from_query(cls, params: Mapping[str, str | list[str]]) -> Filters:
        """Filters from query parameters: unknown keys ignored, a value or a list per key.

        Values are not split on commas: Eselon I names contain them ("Badan Pendidikan,
        Penelitian dan Penyuluhan Sosial"); several values come as repeated keys.
        """
        return cls(**{f: _clean_values(params.get(key)) for f, key in QUERY_KEYS.items()})

    def describe(self, lang: str, units: pd.DataFrame) -> str:
        """The active filters as text: "Eselon I: …; Tahap ZI: WBK" ("Semua data" if none)."""
        if self.is_empty():
            return t("filter.all_data", lang)
        chosen = units[units["unit_key"].isin(self.unit)] if self.unit else units.iloc[:0]
        names = dict(zip(chosen["unit_key"], chosen["unit_name"], strict=True))
        parts = []
        for field in QUERY_KEYS:
            values = list(getattr(self, field))
            if not values:
                continue
            if field == "zi_stage":
                values = [schema.STAGES.label(v, lang) if v in schema.STAGES.keys() else v
                          for v in sorted(values, key=schema.stage_order)]
            elif field == "unit":
                values = [str(names.get(v, v)) for v in values]
            parts.append(f"{t(f'filter.{field}', lang)}: {', '.join(values)}")
        return "; ".join(parts)


def _distinct(values: pd.Series) -> list[str]:
    return sorted({str(v) for v in values.dropna()}, key=lambda v: (v.casefold(), v))


def filter_options(units: pd.DataFrame) -> dict[str, list]:
    """Choices per field: sorted values, stages in path order, units as (key, name) by name."""
    stages = set(units["zi_stage"].dropna())
    pairs = units[["unit_key", "unit_name"]].dropna(subset=["unit_key"]).drop_duplicates(
        "unit_key")
    unit_pairs = sorted(((str(k), str(n)) for k, n in pairs.itertuples(index=False)),
                        key=lambda p: (p[1].casefold(), p[0]))
    return {
        "eselon1": _distinct(units["eselon1"]),
        "unit_type": _distinct(units["unit_type"]),
        "province": _distinct(units["province"]),
        "zi_stage": sorted(stages, key=schema.stage_order),
        "unit": unit_pairs,
    }


def units_within(units: pd.DataFrame, filters: Filters, keys: Iterable[str]) -> list[str]:
    """Those of `keys` (in their order) that the filters other than `unit` leave: the unit
    filter's choices once an Eselon I, type, province or stage is picked."""
    left = set(apply_filters({"units": units}, replace(filters, unit=()))["units"]["unit_key"])
    return [k for k in keys if k in left]


def sanitize(filters: Filters, options: Mapping[str, list]) -> Filters:
    """Drop values the data does not hold (a stale link, a unit renamed since)."""
    kept = {}
    for field in QUERY_KEYS:
        allowed = {p[0] if isinstance(p, tuple) else p for p in options.get(field, [])}
        kept[field] = tuple(v for v in getattr(filters, field) if v in allowed)
    return Filters(**kept)


def unit_positions(tables: Mapping[str, pd.DataFrame]) -> dict[str, dict[str, np.ndarray]]:
    """Per dataset, the row positions of each unit (attendance by its agent's unit): made once
    per version, it turns a filter into a few array lookups instead of scans of 700,000 rows."""
    out = {}
    for name in ("agents", "zi_history", "action_plans"):
        if name in tables:
            out[name] = rows_by_key(tables[name]["unit_key"])
    if "attendance" in tables and "agents" in tables:
        agents = tables["agents"].drop_duplicates("nip")
        unit_of = pd.Series(agents["unit_key"].to_numpy(), index=agents["nip"].to_numpy())
        out["attendance"] = rows_by_key(tables["attendance"]["nip"].map(unit_of))
    return out


def rows_by_key(keys: pd.Series) -> dict[str, np.ndarray]:
    """key → the positions of its rows, in order; rows without a key are left out."""
    codes, uniques = pd.factorize(keys.astype(object), use_na_sentinel=True)
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    return {str(key): order[bounds[i]:bounds[i + 1]] for i, key in enumerate(uniques)}


def rows_at(by_key: Mapping[str, np.ndarray], keys: Iterable[str]) -> np.ndarray:
    """The positions of the rows of `keys` (rows_by_key), in row order."""
    found = [by_key[k] for k in set(keys) if k in by_key]
    return np.sort(np.concatenate(found)) if found else np.array([], dtype=np.intp)


def filter_units(units: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The units the filters leave (all of them when no field restricts)."""
    keep = pd.Series(True, index=units.index)
    for field, column in _COLUMNS.items():
        values = getattr(filters, field)
        if values:
            keep &= units[column].isin(values)
    return units[keep]


def filter_table(tables: Mapping[str, pd.DataFrame], name: str, unit_keys: Iterable[str],
                 positions: Mapping[str, Mapping[str, np.ndarray]] | None = None
                 ) -> pd.DataFrame:
    """One table cut to the rows of `unit_keys` (attendance through its agents' NIP); a table
    with no unit (units itself aside) is returned whole. `positions` (unit_positions of the
    same tables) gives the same rows faster."""
    table = tables[name]
    if positions is not None and name in positions:
        return table.iloc[rows_at(positions[name], unit_keys)]
    keys = set(unit_keys)
    if name == "units" or "unit_key" in table.columns:
        return table[table["unit_key"].isin(keys)]
    if name == "attendance" and "agents" in tables:
        agents = tables["agents"]
        return table[table["nip"].isin(set(agents.loc[agents["unit_key"].isin(keys), "nip"]))]
    if name == "attendance":
        return table.iloc[:0]
    return table


def apply_filters(tables: Mapping[str, pd.DataFrame], filters: Filters,
                  positions: Mapping[str, Mapping[str, np.ndarray]] | None = None
                  ) -> dict[str, pd.DataFrame]:
    """The tables restricted to the filtered units (attendance through the agents' NIP).

    `positions` (unit_positions of the same tables) gives the same result faster."""
    out = dict(tables)
    units = tables.get("units")
    if filters.is_empty() or units is None:
        return out
    out["units"] = filter_units(units, filters)
    keys = set(out["units"]["unit_key"])
    for name in ("agents", "zi_history", "action_plans", "attendance"):
        if name in tables:
            out[name] = filter_table(tables, name, keys, positions)
    return out


class LazyTables(Mapping):
    """Tables by name, each made by `load(name)` when first asked for, then kept.

    A page's filtered tables: Progres ZI reads units and the ZI history, and a filter change
    then cuts just those two, not the 600,000 rows of attendance and plans of a national
    roll-up. `in`, iteration and len never load a table; `loaded()` has those made so far.
    """

    def __init__(self, names: Iterable[str], load: Callable[[str], pd.DataFrame],
                 ready: Mapping[str, pd.DataFrame] | None = None) -> None:
        self._names = tuple(names)
        self._load = load
        self._made: dict[str, pd.DataFrame] = dict(ready or {})

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._made:
            if name not in self._names:
                raise KeyError(name)
            self._made[name] = self._load(name)
        return self._made[name]

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"LazyTables({list(self._names)}, loaded={list(self._made)})"

    def loaded(self) -> dict[str, pd.DataFrame]:
        """The tables made so far, by name."""
        return dict(self._made)


def filter_lazily(tables: Mapping[str, pd.DataFrame], filters: Filters
                  ) -> Mapping[str, pd.DataFrame]:
    """apply_filters with each table but units cut when first read (LazyTables)."""
    if filters.is_empty() or "units" not in tables:
        return dict(tables)
    units = filter_units(tables["units"], filters)
    keys = units["unit_key"].tolist()
    return LazyTables(tables, lambda name: filter_table(tables, name, keys),
                      ready={"units": units})
