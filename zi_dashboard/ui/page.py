"""Every page's frame: the language, the header with the data line, the empty state."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from zi_dashboard import store
from zi_dashboard.access import Principal
from zi_dashboard.analysis.filters import Filters
from zi_dashboard.i18n import t
from zi_dashboard.i18n.format import format_datetime, is_zone
from zi_dashboard.present.text import markdown_text
from zi_dashboard.ui.data import current_snapshot, filtered_tables, get_settings
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
    tables: dict[str, pd.DataFrame]
    source: str
    principal: Principal


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
                                                   scope=markdown_text(scope_text(principal))))
    filters = active_filters()
    if not filters.is_empty():
        st.caption(":material/filter_alt: "
                   + markdown_text(filters.describe(lang, snapshot.tables["units"])))
    return PageContext(lang, snapshot, filters, filtered_tables(snapshot, filters),
                       t("app.source", lang, version=snapshot.version.id), principal)


def scope_text(principal: Principal) -> str:
    """The scope as a reader says it: "Sekretariat Jenderal, Ditjen Rehabilitasi Sosial"."""
    return ", ".join((*principal.eselon1, *principal.units))
