"""A version's tables cut to a principal's scope and personal-data policy, in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from zi_dashboard.access.principal import Principal

__all__ = ["PERSONAL_COLUMNS", "in_scope_units", "pseudonyms", "scope_rows", "scope_tables"]

# Columns that identify or reach a person, per dataset. The NIP also encodes birth date and
# gender. They are replaced (NIP by a pseudonym that keeps the joins) for roles that may not see
# them, rather than dropped, so every metric downstream still runs.
# An absence reason may say "sakit" (health data under UU 27/2022): it goes with the contacts.
PERSONAL_COLUMNS = {"agents": ("nip", "email", "phone"), "attendance": ("nip", "absence_reason"),
                    "action_plans": ("nip",)}
_NAME_COLUMNS = {"agents": ("name", "position"), "attendance": ("name",)}
_BY_UNIT = ("agents", "zi_history", "action_plans")


def _folded(values: Iterable[object]) -> set[str]:
    return {str(v).strip().casefold() for v in values if str(v).strip()}


def in_scope_units(units: pd.DataFrame, principal: Principal) -> pd.Series:
    """Which units rows the principal's scope holds (all when unscoped).

    An Eselon I scope matches the unit's Eselon I name, whole, ignoring case and surrounding
    spaces (an Eselon I has no key: its name is its identity). A unit scope holds unit keys
    (`present.accounts.checked_scope` stores them) and matches `unit_key` exactly, never a code
    spelled otherwise nor a name: names repeat ("Bagian Umum" in several Eselon I) and an upload
    may give another unit a stored name, so a name would widen the scope. There is no fallback
    for a stored value that is no key of the version (a name kept before keys, or edited by
    hand): it matches no unit, as an empty scope does, until `users migrate-scopes` or the
    Pengguna page turns it into the key the superadmin confirms.
    """
    if not principal.scoped:
        return pd.Series(True, index=units.index)
    keep = pd.Series(False, index=units.index)
    if principal.eselon1:
        keep |= units["eselon1"].astype("string").str.strip().str.casefold().isin(
            _folded(principal.eselon1))
    if principal.units and "unit_key" in units:
        keep |= units["unit_key"].astype("string").isin({str(u) for u in principal.units})
    return keep.fillna(False).astype(bool)


def pseudonyms(tables: Mapping[str, pd.DataFrame]) -> pd.Series:
    """NIP → "AGEN-000001" (a Series indexed by NIP), numbered in roster order, then attendance,
    then plans (never in NIP order, which is birth order)."""
    nips = [tables[d]["nip"].dropna().astype(str) for d in ("agents", "attendance", "action_plans")
            if d in tables and "nip" in tables[d]]
    every = pd.concat(nips, ignore_index=True) if nips else pd.Series([], dtype=object)
    codes, uniques = pd.factorize(every, sort=False)  # first appearance order
    numbers = pd.Series(range(1, len(uniques) + 1)).astype(str).str.zfill(6)
    return pd.Series(("AGEN-" + numbers).to_numpy(dtype=object), index=pd.Index(uniques))


def _cut(tables: Mapping[str, pd.DataFrame], principal: Principal) -> dict[str, pd.DataFrame]:
    out = dict(tables)
    units = tables.get("units")
    if not principal.scoped or units is None:
        return out
    keep = in_scope_units(units, principal)
    out["units"] = units[keep]
    keys = set(units.loc[keep, "unit_key"].dropna())
    for name in _BY_UNIT:
        if name in tables:
            out[name] = tables[name][tables[name]["unit_key"].isin(keys)]
    if "attendance" in tables:
        # Attendance names no unit: it follows its agents (rows of unknown NIPs are left out).
        nips = set(out["agents"]["nip"]) if "agents" in out else set()
        out["attendance"] = tables["attendance"][tables["attendance"]["nip"].isin(nips)]
    return out


def _blank(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    present = [c for c in columns if c in frame]
    if not present:
        return frame
    frame = frame.copy(deep=False)  # copy-on-write: the unchanged columns stay shared
    for column in present:
        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="object")
    return frame


def scope_rows(tables: Mapping[str, pd.DataFrame], principal: Principal
               ) -> dict[str, pd.DataFrame]:
    """The rows a principal's scope holds, values untouched: for comparing two versions by their
    real NIPs (pseudonyms are numbered per version). Nothing from it may be shown without the
    principal's policy: show names only when `principal.sees_rows`, never contacts or NIPs."""
    return _cut(tables, principal)


def scope_tables(tables: Mapping[str, pd.DataFrame], principal: Principal
                 ) -> dict[str, pd.DataFrame]:
    """The tables a principal may see: rows in scope, personal columns only where allowed."""
    out = _cut(tables, principal)
    if not principal.sees_contacts:
        codes = pseudonyms(out)
        for dataset, columns in PERSONAL_COLUMNS.items():
            if dataset not in out:
                continue
            frame = _blank(out[dataset], [c for c in columns if c != "nip"])
            if "nip" in frame:
                frame = frame.copy(deep=False)
                frame["nip"] = frame["nip"].astype("object").map(codes).astype("object")
            out[dataset] = frame
    if not principal.sees_names:
        for dataset, columns in _NAME_COLUMNS.items():
            if dataset in out:
                out[dataset] = _blank(out[dataset], columns)
    return out
