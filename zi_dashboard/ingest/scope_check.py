"""Rows a scoped account may not upload: units of another Eselon I and rows that point at them.

An admin scoped to some Eselon I uploads for its units only; the new version keeps every other
unit's rows from the current version (store.scoped). Its upload is therefore checked against that
merged result: references resolve to the units and agents the new version will hold, and a row
that belongs outside the scope is an error at its row, naming the Eselon I it belongs to. A unit
key or NIP that another scope already holds is an error saying only that: the other scope's unit
and Eselon I are not the uploader's to learn.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from zi_dashboard.access import Principal, in_scope_units
from zi_dashboard.ingest.rows import Context, Rows

__all__ = ["check_scope", "scope_keys", "with_other_scopes"]

_MISSING = "—"


def scope_keys(current_units: pd.DataFrame | None, uploaded_units: pd.DataFrame | None,
               principal: Principal) -> set[str]:
    """unit_key of every unit in the scope: the current version's and the upload's."""
    keys: set[str] = set()
    for units in (current_units, uploaded_units):
        if units is not None and len(units) and "eselon1" in units:
            keys |= set(units.loc[in_scope_units(units, principal), "unit_key"].dropna())
    return keys


def _scope(principal: Principal) -> list[str]:
    return [*principal.eselon1, *principal.units]


def _text(value: object) -> str:
    return _MISSING if value is None or value is pd.NA or (
        isinstance(value, float) and np.isnan(value)) else str(value)


def _column(values: Mapping[str, pd.Series], name: str, n: int) -> pd.Series:
    series = values.get(name)
    return pd.Series([None] * n, dtype=object) if series is None else series.reset_index(drop=True)


def _eselon_of(ctx: Context) -> dict[str, object]:
    """unit_key → Eselon I over the uploaded and the current units (the upload's first)."""
    found: dict[str, object] = {}
    for units in (ctx.refs.get("units"), ctx.current.get("units")):
        if units is not None and "eselon1" in units:
            for key, eselon1 in zip(units["unit_key"], units["eselon1"], strict=True):
                if key is not None and key == key:
                    found.setdefault(key, eselon1)
    return found


def with_other_scopes(name: str, values: Mapping[str, pd.Series], ctx: Context,
                      principal: Principal) -> pd.DataFrame:
    """An uploaded dataset's references plus the current rows outside the scope, which the new
    version keeps: units (with their Eselon I, for the checks) and agents (for NIP references)."""
    refs = ctx.refs[name]
    current = ctx.current.get(name)
    if name == "units":
        refs = refs.assign(eselon1=_column(values, "eselon1", len(refs)).to_numpy())
        others = None if current is None else current[
            ~in_scope_units(current, principal) & ~current["unit_key"].isin(refs["unit_key"])]
    elif name == "agents":
        inside = scope_keys(ctx.current.get("units"), ctx.refs.get("units"), principal)
        others = None if current is None else current[
            ~current["unit_key"].isin(inside) & ~current["nip"].isin(refs["nip"].dropna())]
    else:
        return refs
    if others is None or others.empty:
        return refs
    shared = [c for c in refs.columns if c in others.columns]
    return pd.concat([refs, others[shared].astype(object)], ignore_index=True)


def _check_units(rows: Rows, values: Mapping[str, pd.Series], ctx: Context,
                 principal: Principal) -> None:
    n, scope = len(rows.frame), _scope(principal)
    frame = pd.DataFrame({c: _column(values, c, n)
                          for c in ("unit_key", "unit_code", "unit_name", "eselon1")})
    inside = in_scope_units(frame, principal).to_numpy()
    eselon1 = frame["eselon1"]
    rows.flag("scope_outside", eselon1.notna().to_numpy() & ~inside, "eselon1",
              params=lambda pos: {"eselon1": _text(eselon1.iat[pos]), "scope": scope})
    current = ctx.current.get("units")
    if current is None or current.empty:
        return
    # The same unit key under another Eselon I: a move between Eselon I, not this scope's row.
    # The message says only that another scope holds it: whose, and as what, is not this
    # account's to learn.
    owners = current.loc[~in_scope_units(current, principal), "unit_key"]
    taken = inside & frame["unit_key"].isin(owners).to_numpy()
    column = "unit_code" if rows.has("unit_code") else "unit_name"
    rows.flag("scope_unit_elsewhere", taken, column, params={"scope": scope})


def _check_by_unit(rows: Rows, values: Mapping[str, pd.Series], ctx: Context,
                   principal: Principal) -> None:
    """Agents, ZI history and action plans: the unit each row resolved to must be in scope."""
    n, scope = len(rows.frame), _scope(principal)
    inside = scope_keys(ctx.current.get("units"), ctx.refs.get("units"), principal)
    eselon_of = _eselon_of(ctx)
    keys = _column(values, "unit_key", n)
    already = rows.bad.copy()
    outside = (keys.notna() & ~keys.isin(inside)).to_numpy()
    unit_given = _column(values, "unit", n).notna().to_numpy()

    def params(pos: int) -> dict:
        return {"eselon1": _text(eselon_of.get(keys.iat[pos])), "scope": scope}

    rows.flag("scope_outside", outside & unit_given, "unit", params=params)
    # An action plan's unit may come from its agent: the NIP is then the cell to point at.
    # Where the NIP gave the unit, the Eselon I would tell where that person works: not named.
    rows.flag("scope_agent_outside", outside & ~unit_given, "nip", params={"scope": scope})
    if rows.spec.name == "action_plans":
        rows.flag("scope_unresolved", keys.isna().to_numpy() & ~already,
                  "nip" if rows.has("nip") else "unit", params={"scope": scope})
    if rows.spec.name == "agents":
        _check_nips_elsewhere(rows, values, ctx, inside, outside, scope)


def _check_nips_elsewhere(rows: Rows, values: Mapping[str, pd.Series], ctx: Context,
                          inside: set[str], outside: np.ndarray, scope: list[str]) -> None:
    """An agent the current version keeps under a unit outside the scope: one NIP, one unit.
    The message names neither that unit nor its Eselon I (another scope's data)."""
    current = ctx.current.get("agents")
    if current is None or current.empty:
        return
    kept = current.loc[~current["unit_key"].isin(inside), "nip"].dropna()
    nips = _column(values, "nip", len(rows.frame))
    clash = nips.notna().to_numpy() & nips.isin(kept).to_numpy() & ~outside
    rows.flag("scope_nip_elsewhere", clash, "nip", params={"scope": scope})


def _check_attendance(rows: Rows, values: Mapping[str, pd.Series], ctx: Context,
                      principal: Principal) -> None:
    """Attendance names no unit: each row follows its agent (uploaded, else kept or current)."""
    n, scope = len(rows.frame), _scope(principal)
    inside = scope_keys(ctx.current.get("units"), ctx.refs.get("units"), principal)
    agents = ctx.table("agents")
    unit_of = (pd.Series(dtype=object) if agents is None else
               agents[agents["nip"].notna()].drop_duplicates("nip").set_index("nip")["unit_key"])
    nips = _column(values, "nip", n)
    keys = nips.map(unit_of)
    already = rows.bad.copy()
    outside = (keys.notna() & ~keys.isin(inside)).to_numpy()
    # The unit comes from the agent's NIP: where that person works is not named.
    rows.flag("scope_agent_outside", outside, "nip", params={"scope": scope})
    rows.flag("scope_unresolved", (nips.notna() & keys.isna()).to_numpy() & ~already, "nip",
              params={"scope": scope})


def check_scope(rows: Rows, values: Mapping[str, pd.Series], ctx: Context,
                principal: Principal) -> None:
    """Flag, as errors at their rows, the rows of one dataset outside the principal's scope."""
    if rows.spec.name == "units":
        _check_units(rows, values, ctx, principal)
    elif rows.spec.name == "attendance":
        _check_attendance(rows, values, ctx, principal)
    else:
        _check_by_unit(rows, values, ctx, principal)
