"""The Streamlit layer: caches, page frame, sidebar filters, admin gate. Only pages import it."""

from zi_dashboard.ui.data import (
    clear_data_caches,
    current_snapshot,
    filtered_tables,
    get_engine,
    get_exporter,
    get_settings,
    previous_snapshot,
)
from zi_dashboard.ui.frame import (
    PageContext,
    agent_columns,
    chart_card,
    current_lang,
    data_download,
    date_columns,
    empty_state,
    kpi_row,
    open_page,
    page_header,
    share_columns,
)
from zi_dashboard.ui.sidebar import active_filters, render_filters

__all__ = [
    "PageContext",
    "agent_columns",
    "active_filters",
    "chart_card",
    "clear_data_caches",
    "current_lang",
    "current_snapshot",
    "data_download",
    "date_columns",
    "share_columns",
    "empty_state",
    "filtered_tables",
    "get_engine",
    "get_exporter",
    "get_settings",
    "kpi_row",
    "open_page",
    "page_header",
    "previous_snapshot",
    "render_filters",
]
