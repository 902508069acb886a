"""Sebaran Agen: where the agents are, by Eselon I and unit, gender, rank and year appointed."""

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import metrics
from zi_dashboard.analysis.filters import Filters, filter_lazily
from zi_dashboard.i18n import t
from zi_dashboard.present import dashboard, profile

page = ui.open_page("page.sebaran")
lang, tables = page.lang, page.tables

per_unit = page.run(metrics.agents_per_unit, tables)
treemap = st.plotly_chart(page.run(charts.treemap_eselon1_unit, per_unit, lang, source=page.source),
                          key="sebaran.treemap", on_select="rerun", selection_mode="points",
                          config=charts.chart_config("treemap_agen"), theme=None)
st.caption(t("sebaran.treemap_hint", lang))
picked = dashboard.picked_units(treemap, per_unit)
if picked is not None:
    tables = filter_lazily(tables, Filters(unit=tuple(picked)))  # cut as read
    per_unit = metrics.agents_per_unit(tables)
    st.info(t("sebaran.picked", lang, units=len(picked)), icon=":material/ads_click:")
    if len(picked) == 1:  # one unit's tile: its whole profile is a click away
        ui.profile_link(picked[0], dict(zip(per_unit["unit_key"], per_unit["unit_name"],
                                            strict=True)).get(picked[0], picked[0]), lang)

left, right = st.columns(2)
with left:
    data = page.run(metrics.agents_per_eselon1, tables)
    ui.chart_card(page.run(charts.agents_per_eselon1_bar, data, lang, source=page.source),
                  key="sebaran.eselon1", data=data, lang=lang, filename="agen_per_eselon1")
with right:
    fields = ["gender", "rank", "appointed_year", "position"]
    fields = fields if page.principal.sees_names else fields[:3]  # positions: names' policy
    field = st.segmented_control(t("sebaran.by", lang), fields,
                                 format_func=lambda f: t(f"col.{f}", lang), default="gender",
                                 key="sebaran.by") or "gender"
    data = page.run(metrics.agents_by, tables, field)
    ui.chart_card(page.run(charts.agents_by_bar, data, field, lang, source=page.source),
                  key="sebaran.by_chart", data=data, lang=lang, filename=f"agen_per_{field}")

ui.chart_card(page.run(charts.agents_per_unit_bar, per_unit, lang, source=page.source),
              key="sebaran.unit", data=page.run(dashboard.label_table, per_unit, "per_unit", lang),
              lang=lang, filename="agen_per_unit",
              units=page.run(profile.unit_names, tables["units"]))

missing = page.run(metrics.units_without_agents, tables)
st.subheader(t("sebaran.without_agents", lang, n=len(missing)))
if missing.empty:
    st.success(t("sebaran.all_units_have_agents", lang), icon=":material/check_circle:")
else:
    st.dataframe(dashboard.label_table(missing, "units_without_agents", lang), hide_index=True)

st.subheader(t("sebaran.table", lang))
if not page.principal.sees_rows:
    ui.empty_state("access.rows_hidden", lang)
    st.stop()
query = st.text_input(t("sebaran.search", lang), key="sebaran.search",
                      placeholder=t("sebaran.search_hint", lang))
hidden = page.principal.hidden_columns()
agents = page.run(dashboard.agents_view, tables, query, hide=hidden)
shown = dashboard.label_table(agents.head(dashboard.TABLE_ROWS), "agents", lang, hide=hidden)
st.dataframe(shown, hide_index=True, width="stretch", column_config=ui.agent_columns(lang))
ui.row_count_caption(len(shown), len(agents), len(tables["agents"]), lang)
