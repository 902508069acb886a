"""The Streamlit layer, by concern: `data` (caches), `page` (frame), `cards` (KPI and chart
cards), `sidebar` (filters), `admin` (sign-in gate), `upload`, `packs`. Only pages import it."""

from zi_dashboard.ui.cards import (
    agent_columns,
    chart_card,
    data_download,
    date_columns,
    gap_columns,
    kpi_row,
    row_count_caption,
    share_columns,
)
from zi_dashboard.ui.data import (
    clear_data_caches,
    current_snapshot,
    filtered_tables,
    get_engine,
    get_exporter,
    get_settings,
)
from zi_dashboard.ui.links import profile_link
from zi_dashboard.ui.page import (
    LANG_KEY,
    PageContext,
    current_lang,
    empty_state,
    open_page,
    page_header,
)
from zi_dashboard.ui.session import current_principal
from zi_dashboard.ui.sidebar import active_filters, render_filters

__all__ = [
    "LANG_KEY",
    "PageContext",
    "agent_columns",
    "active_filters",
    "chart_card",
    "clear_data_caches",
    "current_lang",
    "current_principal",
    "current_snapshot",
    "data_download",
    "date_columns",
    "gap_columns",
    "share_columns",
    "empty_state",
    "filtered_tables",
    "get_engine",
    "get_exporter",
    "get_settings",
    "kpi_row",
    "profile_link",
    "open_page",
    "page_header",
    "render_filters",
    "row_count_caption",
]
