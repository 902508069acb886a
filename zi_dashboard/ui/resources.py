"""What one server process holds for every session: its settings, the engine, the exporter."""

from __future__ import annotations

import gc
import threading

import streamlit as st
from sqlalchemy import Engine

from zi_dashboard import store
from zi_dashboard.config import Settings, load_settings
from zi_dashboard.exports.images import ImageExporter
from zi_dashboard.store import importer

__all__ = ["engine_for", "freeze_startup_objects", "get_engine", "get_exporter", "get_settings"]

_frozen = threading.Lock()


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """The settings of this server process."""
    return load_settings()


@st.cache_resource(show_spinner=False)
def get_exporter() -> ImageExporter:
    """One image exporter (a warm Chromium) per server process; its calls are serialised."""
    return ImageExporter(get_settings().browser_path)


@st.cache_resource(show_spinner="Menyiapkan basis data… / Preparing the database…")
def engine_for(url: str, autoload_sample: bool, lock_timeout: float) -> Engine:
    """The engine of one database URL, migrated (and filled with the sample when asked)."""
    engine = store.connect(url, lock_timeout)
    if autoload_sample:
        importer.load_sample_if_empty(engine, get_settings())
    return engine


def get_engine() -> Engine:
    """The shared engine; an empty database is filled with the sample on first use."""
    settings = get_settings()
    return engine_for(settings.database_url, settings.autoload_sample,
                      settings.lock_timeout_seconds)


def freeze_startup_objects() -> bool:
    """Once per process, at the first script run: collect, then move every object alive now
    (the modules, classes and tables of streamlit, pandas, Plotly and the app, ~160,000 of them)
    into the collector's permanent generation (gc.freeze). They live as long as the process
    anyway, and each full collection no longer walks them: at national scale a full collection
    took ~130 ms, inside some unlucky user's rerun. True on the call that froze."""
    if not _frozen.acquire(blocking=False):
        return False
    gc.collect()
    gc.freeze()
    return True
