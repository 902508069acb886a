"""Ringkasan: the headline numbers with deltas against the previous version, and small charts."""

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import metrics
from zi_dashboard.i18n import t
from zi_dashboard.present import dashboard

page = ui.open_page("page.ringkasan")
lang, tables = page.lang, page.tables

previous = page.previous_version()
head = page.run_with_previous(metrics.headline)
if previous is not None:
    st.caption(t("ring.delta_note", lang, version=previous.id))

cards = dashboard.kpi_cards(head, lang)
ui.kpi_row(cards[:4])
ui.kpi_row(cards[4:])

left, middle, right = st.columns(3)
with left:
    data = page.run(metrics.agents_per_eselon1, tables)
    ui.chart_card(page.run(charts.agents_per_eselon1_bar, data, lang, source=page.source),
                  key="ring.eselon1", data=data, lang=lang, filename="agen_per_eselon1")
    st.page_link("pages/sebaran_agen.py", label=t("ring.more_sebaran", lang),
                 icon=":material/arrow_forward:")
with middle:
    data = page.run(metrics.attendance_overall, tables)
    ui.chart_card(page.run(charts.attendance_donut, data, lang, event=head["latest_event"],
                           source=page.source),
                  key="ring.attendance", data=data, lang=lang, filename="kehadiran")
    st.page_link("pages/kehadiran.py", label=t("ring.more_kehadiran", lang),
                 icon=":material/arrow_forward:")
with right:
    data = page.run(metrics.stage_funnel, tables["units"])
    ui.chart_card(page.run(charts.stage_funnel, data, lang, source=page.source),
                  key="ring.funnel", data=data, lang=lang, filename="corong_zi")
    st.page_link("pages/progres_zi.py", label=t("ring.more_progres", lang),
                 icon=":material/arrow_forward:")
