"""The session's data, in one place: versions, their scoped and filtered tables and derived
results, all keyed by data version (and scope, filters), in one memory-bounded cache.

Tables are already cut to what the session's principal may see (`access.scope_tables`) before
any page, chart or download gets them. The current-version pointer is read once per rerun, and
every key holds the version id, so a commit made by another replica shows at the next rerun.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from zi_dashboard import access, store
from zi_dashboard.access import Principal
from zi_dashboard.analysis.filters import (
    Filters,
    LazyTables,
    filter_table,
    filter_units,
    unit_positions,
)
from zi_dashboard.ui.cache import BoundedCache
from zi_dashboard.ui.resources import engine_for, get_engine, get_exporter, get_settings
from zi_dashboard.ui.session import current_principal

__all__ = [
    "cache",
    "clear_data_caches",
    "current_snapshot",
    "derived",
    "filtered_tables",
    "get_engine",
    "get_exporter",
    "get_settings",
    "snapshot_for",
]


@st.cache_resource(show_spinner=False)
def cache() -> BoundedCache:
    """This process's cache of versions and derived results (ZI_CACHE_MB)."""
    return BoundedCache(get_settings().cache_bytes)


def _url() -> str:
    return get_settings().database_url


def _loaded(url: str, version_id: int) -> store.Snapshot:
    settings = get_settings()
    return cache().get(("version", url, version_id), lambda: store.load_snapshot(
        engine_for(url, settings.autoload_sample, settings.lock_timeout_seconds), version_id))


def _principal_of(scope_key: tuple) -> Principal:
    # The cache key holds what the tables depend on; rebuild a principal that sees just that.
    scoped, eselon1, units, contacts, names = scope_key
    if scoped and not (eselon1 or units):  # a scoped role with an empty scope: sees nothing
        return Principal(name="scope", role="unit", policy="aggregates")
    role = "admin" if contacts else ("pimpinan" if names else None)
    return Principal(name="scope" if role else None, role=role, eselon1=eselon1, units=units,
                     policy="aggregates")


def _scope_key(principal: Principal) -> tuple | None:
    """None for a principal who sees everything (the loaded tables as they are)."""
    if not principal.scoped and principal.sees_contacts and principal.sees_names:
        return None
    return principal.cache_key()


def _tables(url: str, version_id: int, scope_key: tuple | None) -> dict[str, pd.DataFrame]:
    full = _loaded(url, version_id).tables
    if scope_key is None:
        return full
    return cache().get(("scoped", url, version_id, scope_key),
                       lambda: access.scope_tables(full, _principal_of(scope_key)))


def snapshot_for(version_id: int, principal: Principal | None = None) -> store.Snapshot:
    """A version's data as the session (or `principal`) may see it, loaded once per version."""
    url = _url()
    scope_key = _scope_key(principal or current_principal())
    return store.Snapshot(_loaded(url, version_id).version,
                          dict(_tables(url, version_id, scope_key)))


def current_snapshot() -> store.Snapshot:
    """The current version as the session may see it (one cheap query per rerun for its id).
    With no version the tables are empty ones, never a fresh read: a commit landing between the
    two reads would hand over that version's tables uncut by the session's scope."""
    version = store.current_version(get_engine())
    return store.empty_snapshot() if version is None else snapshot_for(version.id)


def clear_data_caches() -> None:
    """Forget every loaded version and derived result (the engine stays). Keys hold the version
    id, so an upload or rollback needs no clearing to be seen; tests start clean with this."""
    cache().clear()


def filtered_tables(snapshot: store.Snapshot, filters: Filters) -> Mapping[str, pd.DataFrame]:
    """A session's tables under the sidebar filters: each one cut when a page first reads it,
    once per (version, scope, filters, table)."""
    if snapshot.version is None or filters.is_empty() or "units" not in snapshot.tables:
        return dict(snapshot.tables)
    url, version_id = _url(), snapshot.version.id
    scope_key = _scope_key(current_principal())
    tables = _tables(url, version_id, scope_key)
    key = ("filtered", url, version_id, scope_key, filters)
    units = cache().get((*key, "units"), lambda: filter_units(tables["units"], filters))

    def cut(name: str) -> pd.DataFrame:
        positions = cache().get(("positions", url, version_id, scope_key),
                                lambda: unit_positions(tables))
        return cache().get((*key, name), lambda: filter_table(
            tables, name, units["unit_key"].tolist(), positions))

    return LazyTables(tables, cut, ready={"units": units})


def derived(snapshot: store.Snapshot, filters: Filters, name: str, compute: Callable[[], Any],
            *parts: Hashable) -> Any:
    """A result computed from the session's filtered tables (rule checks, gaps, metrics), once
    per (version, scope, filters, name, parts): `parts` are whatever else it depends on (rule set,
    language, a widget's value). The result is shared: don't change it in place."""
    if snapshot.version is None:
        return compute()
    key = ("derived", _url(), snapshot.version.id, _scope_key(current_principal()), filters,
           name, parts)
    return cache().get(key, compute)
