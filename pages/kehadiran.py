"""Kehadiran: how agents attended the workshops, overall, per Eselon I and unit, per event."""

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import metrics
from zi_dashboard.i18n import t
from zi_dashboard.present import dashboard

page = ui.open_page("page.kehadiran")
lang, tables = page.lang, page.tables

events = metrics.events(tables)
if events.empty:
    ui.empty_state("kehadiran.no_events", lang)
    st.stop()
event = st.selectbox(t("kehadiran.event", lang), events["event"].tolist(),
                     index=len(events) - 1, key="kehadiran.event")

overall = metrics.attendance_overall(tables, event)
left, right = st.columns([2, 3])
with left:
    ui.chart_card(charts.attendance_donut(overall, lang, event=event, source=page.source),
                  key="kehadiran.overall", data=overall, lang=lang, filename="kehadiran")
with right:
    data = metrics.attendance_by(tables, "eselon1", event)
    ui.chart_card(charts.attendance_stacked_100(data, lang, level="eselon1", source=page.source),
                  key="kehadiran.eselon1", data=data, lang=lang, filename="kehadiran_per_eselon1")

data = metrics.attendance_by(tables, "unit_key", event)
ui.chart_card(charts.attendance_stacked_100(data, lang, level="unit_key", source=page.source),
              key="kehadiran.unit", data=data, lang=lang, filename="kehadiran_per_unit")

if len(events) > 1 or int(events["days"].max()) > 1:
    data = metrics.attendance_by_event(tables)
    ui.chart_card(charts.attendance_by_event(data, lang, source=page.source),
                  key="kehadiran.events", data=data, lang=lang, filename="kehadiran_per_acara")

absent = metrics.absent_agents(tables, event)
st.subheader(t("kehadiran.absent", lang, n=len(absent)))
if absent.empty:
    st.success(t("kehadiran.none_absent", lang), icon=":material/check_circle:")
elif not page.principal.sees_rows:
    ui.empty_state("access.rows_hidden", lang)
else:
    st.dataframe(dashboard.label_table(absent, "absent", lang, hide=page.principal.hidden_columns()),
                 hide_index=True, width="stretch")
