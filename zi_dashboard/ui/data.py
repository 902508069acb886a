"""The session's data, in one place: snapshots keyed by data version and scope, already cut to
what the session's principal may see (`access.scope_tables`), and the filtered tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from zi_dashboard import access, store
from zi_dashboard.access import Principal
from zi_dashboard.analysis.filters import Filters, apply_filters
from zi_dashboard.ui.resources import engine_for, get_engine, get_exporter, get_settings
from zi_dashboard.ui.session import current_principal

__all__ = [
    "clear_data_caches",
    "current_snapshot",
    "filtered_tables",
    "get_engine",
    "get_exporter",
    "get_settings",
    "previous_snapshot",
    "snapshot_for",
]


@st.cache_data(max_entries=8, show_spinner=False)
def _snapshot(url: str, version_id: int) -> store.Snapshot:
    # Keyed by version id: an upload or a rollback makes a new key, so no stale data is served
    # even when several replicas share one database.
    return store.load_snapshot(engine_for(url, get_settings().autoload_sample), version_id)


def _principal_of(scope_key: tuple) -> Principal:
    # The cache key holds what the tables depend on; rebuild a principal that sees just that.
    eselon1, units, contacts, names = scope_key
    role = "admin" if contacts else ("pimpinan" if names else None)
    return Principal(name="scope" if role else None, role=role, eselon1=eselon1, units=units,
                     policy="aggregates")


@st.cache_data(max_entries=16, show_spinner=False)
def _scoped(url: str, version_id: int, scope_key: tuple) -> dict[str, pd.DataFrame]:
    return access.scope_tables(_snapshot(url, version_id).tables, _principal_of(scope_key))


def _sees_everything(principal: Principal) -> bool:
    return not principal.scoped and principal.sees_contacts and principal.sees_names


def snapshot_for(version_id: int, principal: Principal | None = None) -> store.Snapshot:
    """A version's data as the session (or `principal`) may see it, loaded once per version."""
    principal = principal or current_principal()
    url = get_settings().database_url
    full = _snapshot(url, version_id)
    if _sees_everything(principal):
        return full
    return store.Snapshot(full.version, _scoped(url, version_id, principal.cache_key()))


def current_snapshot() -> store.Snapshot:
    """The current version as the session may see it (one cheap query per rerun for its id)."""
    engine = get_engine()
    version = store.current_version(engine)
    if version is None:
        return store.load_snapshot(engine)
    return snapshot_for(version.id)


def previous_snapshot(snapshot: store.Snapshot) -> store.Snapshot | None:
    """The version created just before the given one, for KPI deltas (same scope)."""
    if snapshot.version is None:
        return None
    previous = store.previous_version(get_engine(), snapshot.version.id)
    return snapshot_for(previous.id) if previous else None


def clear_data_caches() -> None:
    """After an upload or rollback: drop cached snapshots (the engine stays)."""
    _snapshot.clear()
    _scoped.clear()
    _filtered.clear()


@st.cache_data(max_entries=32, show_spinner=False)
def _filtered(url: str, version_id: int, scope_key: tuple | None, filters: Filters
              ) -> dict[str, pd.DataFrame]:
    tables = (_snapshot(url, version_id).tables if scope_key is None
              else _scoped(url, version_id, scope_key))
    return apply_filters(tables, filters)


def filtered_tables(snapshot: store.Snapshot, filters: Filters) -> dict[str, pd.DataFrame]:
    """A session's tables under the sidebar filters, computed once per (version, scope, filters)."""
    if snapshot.version is None or filters.is_empty():
        return dict(snapshot.tables)
    principal = current_principal()
    scope_key = None if _sees_everything(principal) else principal.cache_key()
    return _filtered(get_settings().database_url, snapshot.version.id, scope_key, filters)
