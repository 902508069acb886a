"""The Streamlit layer: caches, page frame, sidebar filters, admin gate. Only pages import it."""

from zi_dashboard.ui.data import (
    clear_data_caches,
    current_snapshot,
    get_engine,
    get_settings,
    previous_snapshot,
)
from zi_dashboard.ui.frame import chart_card, current_lang, empty_state, kpi_row, page_header
from zi_dashboard.ui.sidebar import active_filters, render_filters

__all__ = [
    "active_filters",
    "chart_card",
    "clear_data_caches",
    "current_lang",
    "current_snapshot",
    "empty_state",
    "get_engine",
    "get_settings",
    "kpi_row",
    "page_header",
    "previous_snapshot",
    "render_filters",
]
