"""The shared page pieces: language, header with the data line, KPI cards, chart cards."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from zi_dashboard import charts, store
from zi_dashboard.i18n import format_date, t
from zi_dashboard.ui.data import get_settings

__all__ = ["chart_card", "current_lang", "empty_state", "kpi_row", "page_header"]

LANG_KEY = "app.lang"


def current_lang() -> str:
    """The UI language chosen in the sidebar (default from settings)."""
    return st.session_state.get(LANG_KEY) or get_settings().lang


def page_header(title_key: str, snapshot: store.Snapshot, lang: str) -> None:
    """Title and the line 'Data per <date> · versi <n>' every page shows."""
    st.title(t(title_key, lang))
    if snapshot.version is None:
        st.caption(t("app.no_version", lang))
        return
    st.caption(t("app.data_line", lang, date=format_date(snapshot.version.created_at, lang),
                 version=snapshot.version.id))


def empty_state(message_key: str, lang: str, **params: object) -> None:
    """A friendly note where there is nothing to show."""
    st.info(t(message_key, lang, **params), icon=":material/info:")


def kpi_row(cards: list[dict]) -> None:
    """Metric cards: dicts with label, value, and optional delta and help."""
    columns = st.columns(len(cards)) if cards else []
    for column, card in zip(columns, cards, strict=True):
        with column:
            st.metric(card["label"], card["value"], delta=card.get("delta"),
                      help=card.get("help"), border=True,
                      delta_color=card.get("delta_color", "normal"))


def chart_card(fig: go.Figure, *, key: str, data: pd.DataFrame | None, lang: str,
               filename: str | None = None) -> None:
    """A chart, its alt text for screen readers, and a 'lihat data' table of its numbers."""
    st.plotly_chart(fig, key=f"chart.{key}", config=charts.chart_config(filename or key),
                    width="stretch")
    alt = charts.alt_text(fig)
    if alt:
        st.caption(alt)
    if data is not None:
        with st.expander(t("chart.view_data", lang), icon=":material/table:"):
            st.dataframe(data, hide_index=True, width="stretch")
