"""Progres ZI: stages, the funnel, LKE scores against the WBK/WBBM rules, gaps, movement."""

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import metrics
from zi_dashboard.domain import rules
from zi_dashboard.i18n import t
from zi_dashboard.present import dashboard

page = ui.open_page("page.progres")
lang, tables = page.lang, page.tables
units = tables["units"]

choices = [None, *(r.key for r in rules.RULE_SETS)]
rule_key = st.segmented_control(
    t("progres.rule_set", lang), choices, default=None, key="progres.rules",
    format_func=lambda k: t("progres.rule_auto", lang) if k is None else rules.rule_set(k).label(lang))
st.caption(t("progres.rule_help", lang))
if rule_key and rules.rule_set(rule_key).note(lang):
    st.info(rules.rule_set(rule_key).note(lang), icon=":material/info:")

left, right = st.columns(2)
with left:
    data = metrics.stage_counts(units)
    ui.chart_card(charts.stage_bar(data, lang, source=page.source), key="progres.stages",
                  data=data, lang=lang, filename="tahap_zi")
with right:
    data = metrics.stage_funnel(units)
    ui.chart_card(charts.stage_funnel(data, lang, source=page.source), key="progres.funnel",
                  data=data, lang=lang, filename="corong_zi")

data = metrics.stages_by_eselon1(units)
ui.chart_card(charts.stages_by_eselon1(data, lang, source=page.source), key="progres.eselon1",
              data=data, lang=lang, filename="tahap_per_eselon1")

checks = dashboard.with_award_years(rules.check_units(units, rule_key), tables)
st.subheader(t("progres.check_title", lang))
ui.kpi_row(dashboard.check_cards(checks, lang))
short = rules.gaps_frame(units, "wbk", lang, rule_key)
tab_short, tab_ready, tab_all = st.tabs([t("progres.tab_short", lang), t("progres.tab_ready", lang),
                                         t("progres.tab_all", lang)])
with tab_short:
    st.dataframe(dashboard.label_table(short, "gaps", lang), hide_index=True, width="stretch")
with tab_ready:
    st.dataframe(dashboard.label_table(dashboard.ready_to_propose(checks, units), "checks", lang),
                 hide_index=True, width="stretch")
with tab_all:
    st.dataframe(dashboard.label_table(checks, "checks", lang), hide_index=True, width="stretch")

data = metrics.lke_by_unit(units)
marks = rules.rule_set(rule_key) if rule_key else None
ui.chart_card(charts.lke_bar(data, lang, rule_set=marks, source=page.source), key="progres.lke",
              data=data, lang=lang, filename="nilai_lke")
data = rules.area_pct(units, rule_key)
ui.chart_card(charts.area_heatmap(data, lang, source=page.source), key="progres.areas",
              data=data, lang=lang, filename="area_pengungkit")

data = metrics.stage_movement(tables["zi_history"])
ui.chart_card(charts.stage_movement(data, lang, source=page.source), key="progres.movement",
              data=data, lang=lang, filename="pergerakan_tahap")
stalled = metrics.stalled_units(tables["zi_history"], 2, units)
st.subheader(t("progres.stalled", lang, n=len(stalled)))
st.dataframe(dashboard.label_table(stalled, "stalled", lang), hide_index=True, width="stretch")
