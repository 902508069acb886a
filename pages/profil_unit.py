"""Profil Unit: one unit whole (stage, LKE against both minimums, agents, attendance, plans) and
a what-if that names the least increases to WBK and WBBM. URL: ?unit=KEY."""

import dataclasses
import datetime as dt

import streamlit as st

from zi_dashboard import charts, ui
from zi_dashboard.analysis import metrics, whatif
from zi_dashboard.analysis.filters import Filters
from zi_dashboard.analysis.profile import unit_facts
from zi_dashboard.i18n import t
from zi_dashboard.present import profile as present
from zi_dashboard.present.text import markdown_text
from zi_dashboard.ui import links, profile

page = ui.open_page("page.profil")
lang, source = page.lang, page.source

# The picker lists the units of the scope under every sidebar filter but the unit one, which
# only says which unit comes first.
pool = ui.filtered_tables(page.snapshot, dataclasses.replace(page.filters, unit=()))
units = pool["units"].sort_values("unit_name", kind="stable")
options = units["unit_key"].astype(str).tolist()
names = dict(zip(options, units["unit_name"].astype(str), strict=True))
if not options:
    ui.empty_state("profil.none", lang)
    st.stop()
chosen, missing = present.pick_unit(links.request() or st.session_state.get(links.PICKER),
                                    page.filters.unit, options)
if missing:
    st.warning(t("profil.not_found", lang), icon=":material/search_off:")  # the ask not echoed
st.session_state[links.PICKER] = chosen
key = st.selectbox(t("profil.pick", lang), options, key=links.PICKER, format_func=names.get,
                   help=t("profil.pick_hint", lang))
links.shown(key)

tables = ui.filtered_tables(page.snapshot, Filters(unit=(key,)))
today = dt.date.today()
facts = unit_facts(tables, today=today)[0]
row = tables["units"].iloc[0].to_dict()

st.subheader(markdown_text(facts.unit_name))  # names are data: text, never markup
place = ", ".join(p for p in (facts.city, facts.province) if p)
st.caption(markdown_text(" · ".join(p for p in (facts.eselon1, facts.unit_type, place) if p)))
st.markdown(present.stage_line(facts, lang))
ui.kpi_row(present.header_cards(facts, lang))

left, right = st.columns(2)
with left:
    timeline = present.timeline_frame(tables["zi_history"], key, facts.unit_name)
    if timeline.empty:
        ui.empty_state("profil.no_history", lang)
    else:
        ui.chart_card(charts.stage_timeline(timeline, lang, unit=facts.unit_name, source=source),
                      key="profil.timeline",
                      data=timeline, lang=lang, filename="riwayat_tahap")
with right:
    scores = present.score_frame(facts.rule_set, whatif.start_values(row, facts.rule_set), lang,
                                 facts.unit_name)
    if scores["score"].isna().all():
        ui.empty_state("profil.no_scores", lang)
    else:
        ui.chart_card(charts.unit_scores(scores, lang, unit=facts.unit_name, source=source),
                      key="profil.scores",
                      data=scores, lang=lang, filename="nilai_area")

profile.gaps_block(row, facts, lang)
profile.what_if_panel(row, facts, scores, lang)

st.subheader(t("profil.attendance", lang))
attended = metrics.attendance_by_event(tables)
if attended.empty:
    ui.empty_state("profil.no_attendance", lang)
else:
    ui.chart_card(charts.attendance_by_event(attended, lang, source=source),
                  key="profil.attendance", data=attended, lang=lang, filename="kehadiran_unit")

profile.people_block(tables, facts, page.principal, today, lang)
