"""Progres ZI: stages, the funnel, LKE scores against the WBK/WBBM rules, gaps, movement."""

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import metrics
from zi_dashboard.domain import rules
from zi_dashboard.i18n import t
from zi_dashboard.present import dashboard, gaps
from zi_dashboard.present import profile as present_profile
from zi_dashboard.ui import links

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

# page.run: each result computed once per data version, scope and filters (ui.data.derived);
# page.run_units: per-unit rows computed once for all units, then narrowed to the filtered ones.
run, run_units, source = page.run, page.run_units, page.source
left, right = st.columns(2)
with left:
    data = run(metrics.stage_counts, units)
    ui.chart_card(run(charts.stage_bar, data, lang, source=source), key="progres.stages",
                  data=data, lang=lang, filename="tahap_zi")
with right:
    data = run(metrics.stage_funnel, units)
    ui.chart_card(run(charts.stage_funnel, data, lang, source=source), key="progres.funnel",
                  data=data, lang=lang, filename="corong_zi")

data = run(metrics.stages_by_eselon1, units)
ui.chart_card(run(charts.stages_by_eselon1, data, lang, source=source), key="progres.eselon1",
              data=data, lang=lang, filename="tahap_per_eselon1")

checks = run_units(dashboard.with_award_years, run_units(rules.check_units, units, rule_key), tables)
st.subheader(t("progres.check_title", lang))
ui.kpi_row(dashboard.check_cards(checks, lang))
short = run_units(gaps.gap_table, units, "wbk", lang, rule_key)
ready = run_units(dashboard.ready_to_propose, checks, units)
tab_short, tab_ready, tab_all = st.tabs([t("progres.tab_short", lang), t("progres.tab_ready", lang),
                                         t("progres.tab_all", lang)])
for tab, frame, table in ((tab_short, short, "gaps"), (tab_ready, ready, "checks"),
                          (tab_all, checks, "checks")):
    with tab:
        shown = run(dashboard.first_rows, frame)
        # One row picked opens that unit's Profil Unit.
        event = st.dataframe(run(dashboard.label_table, shown, table, lang), hide_index=True,
                             width="stretch", on_select="rerun", selection_mode="single-row",
                             key=f"progres.table.{table}.{tab is tab_all}",
                             column_config=ui.gap_columns(lang) if table == "gaps" else None)
        links.open_picked_row(event, shown)
        ui.row_count_caption(min(len(frame), dashboard.TABLE_ROWS), len(frame), len(frame), lang,
                             what="units")
        st.caption(t("profil.open_hint", lang))

names = run(present_profile.unit_names, units)
data = run_units(metrics.lke_by_unit, units)
marks = rules.rule_set(rule_key) if rule_key else None
ui.chart_card(run(charts.lke_bar, data, lang, rule_set=marks, source=source), key="progres.lke",
              data=data, lang=lang, filename="nilai_lke", units=names)
data = run_units(rules.area_pct, units, rule_key)
ui.chart_card(run(charts.area_heatmap, data, lang, source=source), key="progres.areas",
              data=data, lang=lang, filename="area_pengungkit")

years = run_units(metrics.stage_years, tables["zi_history"])  # each unit's stage per year
data = run(metrics.stage_movement, years)
ui.chart_card(run(charts.stage_movement, data, lang, source=source), key="progres.movement",
              data=data, lang=lang, filename="pergerakan_tahap")
runs = run_units(metrics.stage_runs, tables["zi_history"])  # each unit's run of one stage
stalled = run(metrics.stalled_units, tables["zi_history"], 2, units, runs=runs)
st.subheader(t("progres.stalled", lang, n=len(stalled)))
st.dataframe(run(dashboard.label_table, run(dashboard.first_rows, stalled), "stalled", lang),
             hide_index=True, width="stretch")
