"""Every page's frame: the language, the header with the data line, the empty state."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from zi_dashboard import store
from zi_dashboard.access import Principal
from zi_dashboard.analysis.filters import Filters, LazyTables, rows_at, rows_by_key
from zi_dashboard.i18n import t
from zi_dashboard.i18n.format import format_datetime, is_zone
from zi_dashboard.present import accounts
from zi_dashboard.present.text import markdown_text
from zi_dashboard.ui.data import (
    current_snapshot,
    derived,
    filtered_tables,
    get_engine,
    get_settings,
    snapshot_for,
)
from zi_dashboard.ui.session import current_principal
from zi_dashboard.ui.sidebar import active_filters

__all__ = ["LANG_KEY", "PageContext", "current_lang", "current_zone", "empty_state",
           "ensure_navigation", "open_page", "page_header", "scope_text"]

LANG_KEY = "app.lang"


def current_lang() -> str:
    """The UI language chosen in the sidebar (default from settings)."""
    return st.session_state.get(LANG_KEY) or get_settings().lang


def current_zone() -> str:
    """The viewer's time zone as the browser says it, else ZI_TIMEZONE (Asia/Jakarta)."""
    # None when the client sent no zone (AppTest without a context, a bare websocket).
    zone = st.context.timezone
    return zone if isinstance(zone, str) and is_zone(zone) else get_settings().timezone


def page_header(title_key: str, snapshot: store.Snapshot, lang: str) -> None:
    """Title and the line 'Data per <time, zone named> · versi <n>' every page shows."""
    st.title(t(title_key, lang))
    if snapshot.version is None:
        st.caption(t("app.no_version", lang))
        return
    when = format_datetime(snapshot.version.created_at, lang, current_zone())
    st.caption(t("app.data_line", lang, date=when, version=snapshot.version.id))


def empty_state(message_key: str, lang: str, **params: object) -> None:
    """A friendly note where there is nothing to show."""
    st.info(t(message_key, lang, **params), icon=":material/info:")


@dataclass
class PageContext:
    """What every dashboard page starts from."""

    lang: str
    snapshot: store.Snapshot
    filters: Filters
    tables: Mapping[str, pd.DataFrame]  # filtered ones are cut when first read (LazyTables)
    source: str
    principal: Principal
    # id -> (the result itself, its token): holding the result keeps its id from being reused
    # by another object during the run, should the cache drop it meanwhile.
    _tokens: dict[int, tuple[Any, Hashable]] = field(default_factory=dict, repr=False)
    # id of a run_units result -> (it, the unfiltered result it was narrowed from).
    _wide: dict[int, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    _unfiltered: PageContext | None = field(default=None, repr=False)

    def run(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """`func(*args, **kwargs)`, computed once per version, scope and filters and shared by
        every session of the process (ui.data.derived).

        The page's tables (or one of them) and the results of earlier `run` calls may be
        arguments: they are named by where they come from, not hashed. Any other argument must
        be hashable (lists become tuples); a call with one that is not is computed uncached.
        """
        try:
            key = (func.__module__, func.__qualname__, tuple(self._token(a) for a in args),
                   tuple(sorted((k, self._token(v)) for k, v in kwargs.items())))
            hash(key)
        except TypeError:
            return func(*args, **kwargs)
        result = derived(self.snapshot, self.filters, "run", lambda: func(*args, **kwargs), key)
        self._tokens[id(result)] = (result, ("result", key))
        return result

    def run_units(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> pd.DataFrame:
        """`run` for a result with one row per unit (a unit_key column) where each row comes
        from that unit's own rows: rule checks, gaps, award years, area scores.

        Every filter selects whole units, so the result for the filtered units is the result
        for all of them (computed once per version and scope, and shared with the unfiltered
        view) narrowed to those units, order kept. A filter change then costs a selection: for
        one Eselon I of a 10,000-unit roll-up, ~1 ms instead of ~60 ms of checks and gaps.
        Arguments follow `run`'s rules; the page's tables and earlier `run_units` results are
        passed on unfiltered. Any other frame argument makes it a plain `run`.
        """
        if self.filters.is_empty():
            return self.run(func, *args, **kwargs)
        try:
            key = (func.__module__, func.__qualname__, tuple(self._token(a) for a in args),
                   tuple(sorted((k, self._token(v)) for k, v in kwargs.items())))
            hash(key)
            wide_args = [self._widened(a) for a in args]
            wide_kwargs = {k: self._widened(v) for k, v in kwargs.items()}
        except (TypeError, LookupError):
            return self.run(func, *args, **kwargs)
        full = self._whole().run(func, *wide_args, **wide_kwargs)
        # Each unit's rows found once per full result: a selection, not a scan of all rows.
        by_unit = derived(self.snapshot, Filters(), "run_units_rows",
                          lambda: rows_by_key(full["unit_key"]), key)
        keys = self.tables["units"]["unit_key"]
        result = derived(self.snapshot, self.filters, "run_units", lambda: full.iloc[
            rows_at(by_unit, keys)].reset_index(drop=True), key)
        self._tokens[id(result)] = (result, ("result", key))
        self._wide[id(result)] = (result, full)
        return result

    def _whole(self) -> PageContext:
        """The same page without the sidebar filters (its `run` results are the unfiltered
        view's own)."""
        if self._unfiltered is None:
            self._unfiltered = PageContext(self.lang, self.snapshot, Filters(),
                                           dict(self.snapshot.tables), self.source,
                                           self.principal)
        return self._unfiltered

    def _widened(self, value: Any) -> Any:
        """An argument of a filtered `run_units` as the unfiltered one: the page's tables, and
        earlier results widened; a frame of any other origin raises LookupError."""
        whole = self._whole()
        if value is self.tables:
            return whole.tables
        for name, frame in _read(self.tables).items():
            if value is frame:
                return whole.tables[name]
        known = self._wide.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if isinstance(value, (pd.DataFrame, pd.Series, Mapping)):
            raise LookupError("a frame not from the page's tables or run_units")
        return value

    def previous_version(self) -> store.Version | None:
        """The version before this one (for deltas), without loading its data."""
        if self.snapshot.version is None:
            return None
        return store.previous_version(get_engine(), self.snapshot.version.id)

    def previous_tables(self) -> Mapping[str, pd.DataFrame] | None:
        """The previous version's tables, in the same scope and filters (loaded on demand)."""
        previous = self.previous_version()
        if previous is None:
            return None
        return filtered_tables(snapshot_for(previous.id), self.filters)

    def run_with_previous(self, func: Callable[..., Any], *args: Any) -> Any:
        """`func(tables, previous_tables, *args)`, cached like `run` and keyed by the previous
        version's id: the previous version is loaded only when the result is not cached."""
        previous = self.previous_version()
        key = (func.__module__, func.__qualname__, previous.id if previous else None,
               tuple(self._token(a) for a in args))
        return derived(self.snapshot, self.filters, "run_with_previous",
                       lambda: func(self.tables, self.previous_tables(), *args), key)

    def _token(self, value: Any) -> Hashable:
        if value is self.tables:
            return ("tables",)
        for name, frame in _read(self.tables).items():
            if value is frame:
                return ("tables", name)
        known = self._tokens.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if isinstance(value, (pd.DataFrame, pd.Series, Mapping)):
            raise TypeError("a frame not from the page's tables")
        if isinstance(value, list):
            return tuple(self._token(v) for v in value)
        return value


def _read(tables: Mapping[str, pd.DataFrame]) -> Mapping[str, pd.DataFrame]:
    """The tables already at hand: an argument can only be one the page has read."""
    return tables.loaded() if isinstance(tables, LazyTables) else tables


def ensure_navigation() -> None:
    """Run the page through app.py's navigation, even on a fresh server's first direct link.

    Until some session has run app.py, Streamlit treats `pages/` as a legacy page folder and
    runs a linked page alone (no sidebar, every file listed). Switch that mode off and rerun:
    the rerun goes through app.py and `st.navigation` resolves the same URL.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def open_page(title_key: str) -> PageContext:
    """Header, data line, active filters; stops with an empty state when there is no data."""
    ensure_navigation()
    lang = current_lang()
    principal = current_principal()
    if not principal.may_view:
        st.info(t("access.sign_in_required", lang), icon=":material/lock:")
        st.stop()
    snapshot = current_snapshot()
    page_header(title_key, snapshot, lang)
    if snapshot.version is None:
        empty_state("app.no_data", lang)
        st.stop()
    # Unit and Eselon I names are data: text in these captions, never markup.
    if principal.scoped:
        st.caption(":material/shield_person: " + t("access.scope_note", lang,
                                                   scope=markdown_text(scope_text(
                                                       principal, snapshot.tables["units"]))))
    filters = active_filters()
    if not filters.is_empty():
        st.caption(":material/filter_alt: "
                   + markdown_text(filters.describe(lang, snapshot.tables["units"])))
    return PageContext(lang, snapshot, filters, filtered_tables(snapshot, filters),
                       t("app.source", lang, version=snapshot.version.id), principal)


def scope_text(principal: Principal, units: pd.DataFrame) -> str:
    """The scope as a reader says it: "Sekretariat Jenderal", units as "Biro Umum (KS-01-005)"."""
    return accounts.scope_text(principal, units)
