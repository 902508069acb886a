"""Kehadiran: how agents attended the workshops, overall, per Eselon I and unit, per event."""

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import metrics
from zi_dashboard.i18n import t
from zi_dashboard.present import dashboard

page = ui.open_page("page.kehadiran")
lang, tables = page.lang, page.tables

# page.run: each result computed once per data version, scope and filters (ui.data.derived);
# page.run_units: per-unit rows computed once for all units, then narrowed to the filtered ones.
run, run_units, source = page.run, page.run_units, page.source
events = run(metrics.events, tables)
if events.empty:
    ui.empty_state("kehadiran.no_events", lang)
    st.stop()
event = st.selectbox(t("kehadiran.event", lang), events["event"].tolist(),
                     index=len(events) - 1, key="kehadiran.event")

overall = run(metrics.attendance_overall, tables, event)
left, right = st.columns([2, 3])
with left:
    ui.chart_card(run(charts.attendance_donut, overall, lang, event=event, source=source),
                  key="kehadiran.overall", data=overall, lang=lang, filename="kehadiran")
with right:
    data = run(metrics.attendance_by, tables, "eselon1", event)
    ui.chart_card(run(charts.attendance_stacked_100, data, lang, level="eselon1", source=source),
                  key="kehadiran.eselon1", data=data, lang=lang, filename="kehadiran_per_eselon1")

data = run_units(metrics.attendance_by, tables, "unit_key", event)
ui.chart_card(run(charts.attendance_stacked_100, data, lang, level="unit_key", source=source),
              key="kehadiran.unit", data=data, lang=lang, filename="kehadiran_per_unit")

if len(events) > 1 or int(events["days"].max()) > 1:
    data = run(metrics.attendance_by_event, tables)
    ui.chart_card(run(charts.attendance_by_event, data, lang, source=source),
                  key="kehadiran.events", data=data, lang=lang, filename="kehadiran_per_acara")

absent = run_units(metrics.absent_agents, tables, event)
st.subheader(t("kehadiran.absent", lang, n=len(absent)))
if absent.empty:
    st.success(t("kehadiran.none_absent", lang), icon=":material/check_circle:")
elif not page.principal.sees_rows:
    ui.empty_state("access.rows_hidden", lang)
else:
    shown = run(dashboard.first_rows, absent)
    st.dataframe(run(dashboard.label_table, shown, "absent", lang,
                     hide=page.principal.hidden_columns()), hide_index=True, width="stretch")
    ui.row_count_caption(len(shown), len(absent), len(absent), lang, what="agents_absent")
