"""Streamlit caches, in one place: settings, the engine, snapshots keyed by data version."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from zi_dashboard import store
from zi_dashboard.analysis.filters import Filters, apply_filters
from zi_dashboard.config import Settings, load_settings
from zi_dashboard.exports.images import ImageExporter
from zi_dashboard.store import importer

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


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """The settings of this server process."""
    return load_settings()


@st.cache_resource(show_spinner=False)
def get_exporter() -> ImageExporter:
    """One image exporter (a warm Chromium) per server process; its calls are serialised."""
    return ImageExporter(get_settings().browser_path)


@st.cache_resource(show_spinner="Menyiapkan basis data… / Preparing the database…")
def _engine_for(url: str, autoload_sample: bool) -> Engine:
    engine = store.connect(url)
    if autoload_sample:
        importer.load_sample_if_empty(engine, get_settings())
    return engine


def get_engine() -> Engine:
    """The shared engine; an empty database is filled with the sample on first use."""
    settings = get_settings()
    return _engine_for(settings.database_url, settings.autoload_sample)


@st.cache_data(max_entries=8, show_spinner=False)
def _snapshot(url: str, version_id: int) -> store.Snapshot:
    # Keyed by version id: an upload or a rollback makes a new key, so no stale data is served
    # even when several replicas share one database.
    return store.load_snapshot(_engine_for(url, get_settings().autoload_sample), version_id)


def snapshot_for(version_id: int) -> store.Snapshot:
    """A version's data, loaded once per version."""
    return _snapshot(get_settings().database_url, version_id)


def current_snapshot() -> store.Snapshot:
    """The current version's data (one cheap query per rerun to learn the current id)."""
    engine = get_engine()
    version = store.current_version(engine)
    if version is None:
        return store.load_snapshot(engine)
    return snapshot_for(version.id)


def previous_snapshot(snapshot: store.Snapshot) -> store.Snapshot | None:
    """The version created just before the given one, for KPI deltas."""
    if snapshot.version is None:
        return None
    previous = store.previous_version(get_engine(), snapshot.version.id)
    return snapshot_for(previous.id) if previous else None


def clear_data_caches() -> None:
    """After an upload or rollback: drop cached snapshots (the engine stays)."""
    _snapshot.clear()


@st.cache_data(max_entries=32, show_spinner=False)
def _filtered(url: str, version_id: int, filters: Filters) -> dict[str, pd.DataFrame]:
    return apply_filters(_snapshot(url, version_id).tables, filters)


def filtered_tables(snapshot: store.Snapshot, filters: Filters) -> dict[str, pd.DataFrame]:
    """A version's tables under the sidebar filters, computed once per (version, filters)."""
    if snapshot.version is None or filters.is_empty():
        return dict(snapshot.tables)
    return _filtered(get_settings().database_url, snapshot.version.id, filters)
