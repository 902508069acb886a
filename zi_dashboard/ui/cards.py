"""What pages show data with: KPI cards, chart cards with their downloads, table columns."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from zi_dashboard import charts, store
from zi_dashboard.analysis.filters import Filters
from zi_dashboard.exports import sheets
from zi_dashboard.i18n import format_number, t
from zi_dashboard.present import chart_tables, dashboard
from zi_dashboard.present.text import markdown_text
from zi_dashboard.ui import links
from zi_dashboard.ui.data import filtered_tables, get_exporter
from zi_dashboard.ui.session import audited, current_principal

__all__ = ["agent_columns", "chart_card", "data_download", "date_columns", "gap_columns", "kpi_row",
           "row_count_caption", "share_columns"]


def kpi_row(cards: list[dict]) -> None:
    """Metric cards: dicts with label, value, and optional delta and help."""
    columns = st.columns(len(cards)) if cards else []
    for column, card in zip(columns, cards, strict=True):
        with column:
            st.metric(card["label"], card["value"], delta=card.get("delta"),
                      help=card.get("help"), border=True,
                      delta_color=card.get("delta_color", "normal"))


def chart_card(fig: go.Figure, *, key: str, data: pd.DataFrame | None, lang: str,
               filename: str | None = None, units: Mapping[str, str] | None = None) -> None:
    """A chart, its alt text for screen readers, and a 'lihat data' table of its numbers.

    `units` (unit key → name): the chart's categories are units; a click on one offers its
    Profil Unit."""
    filename = filename or key
    event = st.plotly_chart(fig, key=f"chart.{key}", config=charts.chart_config(filename),
                            width="stretch", theme=None,
                            **(dict(on_select="rerun", selection_mode="points") if units else {}))
    if units:
        picked = links.picked_unit(event, units)
        if picked:
            links.profile_link(picked, units[picked], lang)
    alt = charts.alt_text(fig)
    if alt:
        st.caption(markdown_text(alt))  # alt text names units: data, never markup
    data_col, download_col = st.columns([5, 1], vertical_alignment="top")
    if data is not None:
        # Lazy: the table (10,000 rows at national scale) is sent only while it is open.
        box = data_col.expander(t("chart.view_data", lang), icon=":material/table:",
                                key=f"view.{key}", on_change="rerun")
        if box.open:
            with box:
                view = chart_tables.view_table(data, lang)
                st.dataframe(view.styler(), hide_index=True, width="stretch")
                if view.capped:
                    st.caption(t("table.view_capped", lang, shown=format_number(len(view.frame),
                                                                                lang),
                                 rows=format_number(view.rows, lang)))
    # A named button, not an icon alone: a screen reader says "Unduh", not "download icon".
    with download_col.popover(t("chart.download", lang), icon=":material/download:",
                              width="stretch"):
        _downloads(fig, data, key, filename, lang)


def _downloads(fig: go.Figure, data: pd.DataFrame | None, key: str, filename: str,
               lang: str) -> None:
    """PNG/SVG made on click by the warm Chromium; CSV/XLSX of the chart's numbers."""
    exporter = get_exporter()
    if exporter.available():
        st.download_button("PNG", audited(f"{filename}.png", lambda: exporter.to_png(fig, scale=2)),
                           f"{filename}.png",
                           "image/png", key=f"dl.{key}.png", on_click="ignore",
                           icon=":material/image:", width="stretch")
        st.download_button("SVG", audited(f"{filename}.svg", lambda: exporter.to_svg(fig)),
                           f"{filename}.svg",
                           "image/svg+xml", key=f"dl.{key}.svg", on_click="ignore",
                           icon=":material/polyline:", width="stretch")
    else:
        st.caption(exporter.unavailable_message(lang))
    if data is not None:
        st.download_button("XLSX", audited(f"{filename}.xlsx", lambda: sheets.to_xlsx(
                               {filename[:31]: data}, lang=lang)),
                           f"{filename}.xlsx", key=f"dl.{key}.xlsx", on_click="ignore",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           icon=":material/table_view:", width="stretch")
        st.download_button("CSV", audited(f"{filename}.csv", lambda: sheets.to_csv(data)),
                           f"{filename}.csv", "text/csv",
                           key=f"dl.{key}.csv", on_click="ignore", icon=":material/csv:",
                           width="stretch")


def row_count_caption(shown: int, matches: int, total: int, lang: str, *,
                      what: str = "agents") -> None:
    """The note that a long table was cut to its first rows; for agents also
    "Menampilkan 291 dari 291 agen" when it was not."""
    if shown < matches:
        st.caption(t("table.capped", lang, shown=format_number(shown, lang),
                     matches=format_number(matches, lang)))
    elif what == "agents":
        st.caption(t("sebaran.count", lang, shown=format_number(shown, lang),
                     total=format_number(total, lang)))


def agent_columns(lang: str) -> dict:
    """Column settings for the agents table: NIP as text, years without separators."""
    return {
        t("col.nip", lang): st.column_config.TextColumn(width="medium"),
        t("col.name", lang): st.column_config.TextColumn(width="medium"),
        t("col.appointed_year", lang): st.column_config.NumberColumn(format="%d"),
    }


def gap_columns(lang: str) -> dict:
    """The one-row-per-unit gap table in pixels that add up to the main column at 1280 px, so
    it reads without scrolling; the missed minimums get the most room."""
    return {
        t("col.unit_name", lang): st.column_config.TextColumn(width=250),
        t("col.eselon1", lang): st.column_config.TextColumn(width=130),
        t("col.missed", lang): st.column_config.TextColumn(width=320),
        # "localized": the browser's number style (0,05 in an Indonesian browser). Streamlit's
        # number formats know no other locale; a printf format always writes 0.05.
        t("col.points_needed", lang): st.column_config.NumberColumn(
            format="localized", width=80, help=t("col.points_needed_help", lang)),
    }


def date_columns(lang: str, columns: list[str]) -> dict:
    """Dates shown as 04/08/2020."""
    return {t(f"col.{c}", lang): st.column_config.DateColumn(format="DD/MM/YYYY") for c in columns}


def share_columns(lang: str, columns: list[str]) -> dict:
    """Shares (0–1) shown as percentages."""
    return {t(f"col.{c}", lang): st.column_config.NumberColumn(format="percent") for c in columns}


def data_download(snapshot: store.Snapshot, filters: Filters, lang: str) -> None:
    """The data behind the dashboard, under the filters in force, as one XLSX (built on click).

    Row-level data, so only for sessions that may see rows; their hidden columns are left out."""
    principal = current_principal()
    if snapshot.version is None or not principal.sees_rows:
        return
    tables = filtered_tables(snapshot, filters)
    name = f"data_zi_v{snapshot.version.id}.xlsx"
    st.download_button(
        t("app.download_data", lang),
        audited(name, lambda: sheets.to_xlsx(
            dashboard.export_frames(tables, lang, principal.hidden_columns()), lang=lang)),
        file_name=name, key="app.download_data",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore", icon=":material/download:", width="stretch",
        help=t("app.download_data_help", lang))
