"""Rencana Tindak Lanjut: action plans per unit and Eselon I, progress, overdue, reform ratios."""

import datetime as dt

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import action_plans
from zi_dashboard.i18n import t
from zi_dashboard.present import dashboard, profile

page = ui.open_page("page.rtl")
lang, tables = page.lang, page.tables

if tables["action_plans"].empty:
    ui.empty_state("rtl.no_plans", lang)
    st.stop()

today = st.date_input(t("rtl.today", lang), value=dt.date.today(), key="rtl.today",
                      format="DD/MM/YYYY", help=t("rtl.today_help", lang))
# page.run: each result computed once per data version, scope and filters (ui.data.derived);
# page.run_units: per-unit rows computed once for all units, then narrowed to the filtered ones.
run, run_units, source = page.run, page.run_units, page.source
overdue = run_units(action_plans.overdue_plans, tables, today)
ui.kpi_row(run(dashboard.plan_cards, tables, overdue, lang))

left, right = st.columns(2)
with left:
    data = run(action_plans.plan_status_counts, tables)
    ui.chart_card(run(charts.plan_status_bar, data, lang, source=source), key="rtl.status",
                  data=data, lang=lang, filename="status_rtl")
with right:
    data = run(action_plans.plan_progress, tables, "eselon1")
    ui.chart_card(run(charts.plan_progress_bar, data, lang, level="eselon1", source=source),
                  key="rtl.eselon1", data=data, lang=lang, filename="progres_rtl_eselon1")

data = run_units(action_plans.plan_progress, tables, "unit_key")
ui.chart_card(run(charts.plan_progress_bar, data, lang, level="unit_key", source=source),
              key="rtl.unit", data=run(dashboard.label_table, data, "progress", lang), lang=lang,
              filename="progres_rtl_unit", units=run(profile.unit_names, tables["units"]))

st.subheader(t("rtl.overdue", lang, n=len(overdue)))
if overdue.empty:
    st.success(t("rtl.none_overdue", lang), icon=":material/check_circle:")
elif not page.principal.sees_rows:  # plan titles are the agents' own words, row by row
    ui.empty_state("rtl.overdue_hidden", lang)
else:
    shown = run(dashboard.first_rows, overdue)
    st.dataframe(run(dashboard.label_table, shown, "overdue", lang, rename=(("status", "plan_status"),)),
                 hide_index=True, width="stretch", column_config=ui.date_columns(lang, ["due_date"]))
    ui.row_count_caption(len(shown), len(overdue), len(overdue), lang, what="plans")

st.subheader(t("rtl.reform", lang))
st.caption(t("rtl.reform_help", lang))
reform = run_units(action_plans.reform_ratios, tables)
st.dataframe(run(dashboard.label_table, run(dashboard.first_rows, reform), "reform", lang),
             hide_index=True, width="stretch", column_config=ui.share_columns(lang, ["integrated_share"]))
ui.row_count_caption(min(len(reform), dashboard.TABLE_ROWS), len(reform), len(reform), lang,
                     what="units")
