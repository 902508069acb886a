"""Profil Unit's blocks: the missed minimums, the what-if, the unit's agents and plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from zi_dashboard.access.principal import Principal
from zi_dashboard.analysis import action_plans, whatif
from zi_dashboard.analysis.profile import UnitFacts
from zi_dashboard.i18n import format_number, t
from zi_dashboard.present import dashboard, gaps
from zi_dashboard.ui.cards import agent_columns, date_columns, kpi_row
from zi_dashboard.ui.page import empty_state

__all__ = ["gaps_block", "people_block", "what_if_panel"]


def gaps_block(row: Mapping, facts: UnitFacts, lang: str) -> None:
    """Every WBK and WBBM minimum the unit misses, in one line each, and the least increases."""
    st.subheader(t("profil.gaps", lang))
    st.caption(facts.rule_set.label(lang))
    for target, found in (("wbk", facts.check.wbk_gaps), ("wbbm", facts.check.wbbm_gaps)):
        if not found:
            st.success(t("profil.gaps_none", lang, target=target.upper()),
                       icon=":material/check_circle:")
            continue
        st.markdown(f"**{target.upper()}**: " + gaps.gap_cell(found, lang))  # labels: no data
        st.caption(gaps.plan_text(whatif.least_increases(row, {}, target, facts.rule_set), lang))


def what_if_panel(row: Mapping, facts: UnitFacts, scores: pd.DataFrame, lang: str) -> None:
    """Number inputs per area and component from today's scores; what follows, live. Nothing is
    saved: the inputs are this session's, keyed by unit."""
    unit = str(row.get("unit_key"))
    start = whatif.start_values(row, facts.rule_set)
    widget = {c: f"profil.whatif.{unit}.{c}" for c in start}

    def reset() -> None:
        for component, value in start.items():
            st.session_state[widget[component]] = value or 0.0

    with st.expander(t("profil.whatif", lang), icon=":material/tune:", expanded=True):
        st.caption(t("profil.whatif_help", lang))
        for component, value in start.items():
            st.session_state.setdefault(widget[component], value or 0.0)
        values = {}
        for i, (component, label) in enumerate(zip(scores["component"], scores["label"],
                                                   strict=True)):
            # A row of three at a time: on a phone the columns stack, and the inputs still
            # read in the score table's order.
            if i % 3 == 0:
                columns = st.columns(3)
            with columns[i % 3]:
                values[component] = st.number_input(
                    label, min_value=0.0, max_value=float(facts.rule_set.bounds[component]),
                    step=0.25, format="%.2f", key=widget[component],
                    help=None if start[component] is not None
                    else t("profil.whatif_missing", lang))
        st.button(t("profil.whatif_reset", lang), on_click=reset, icon=":material/restart_alt:",
                  key=f"profil.whatif.{unit}.reset")
        result = whatif.what_if(row, values, facts.rule_set)
        kpi_row([{"label": t(label, lang),
                  "value": "–" if value is None else format_number(value, lang, 2)}
                 for label, value in (("profil.whatif_total", result.total),
                                      ("profil.whatif_pengungkit", result.pengungkit))])
        for target in ("wbk", "wbbm"):
            still = result.gaps(target)
            line = (gaps.gap_cell(still, lang) if still
                    else t("profil.gaps_none", lang, target=target.upper()))
            st.markdown(f"**{target.upper()}**: " + line)
            st.caption(gaps.plan_text(
                whatif.least_increases(row, values, target, facts.rule_set), lang))


def people_block(tables: Mapping[str, pd.DataFrame], facts: UnitFacts, principal: Principal,
                 today: dt.date, lang: str) -> None:
    """The unit's agents and its overdue plans: rows only for those who may see rows."""
    st.subheader(t("profil.agents_table", lang))
    if not facts.agents:
        empty_state("profil.no_agents", lang)
    elif not principal.sees_rows:
        empty_state("access.rows_hidden", lang)
    else:
        hidden = principal.hidden_columns()
        agents = dashboard.agents_view(tables, hide=hidden)
        st.dataframe(dashboard.label_table(agents, "agents", lang,
                                           hide=hidden | {"unit_name", "eselon1"}),
                     hide_index=True, width="stretch", column_config=agent_columns(lang))
    st.subheader(t("profil.plans_table", lang))
    overdue = action_plans.overdue_plans(tables, today)
    if not facts.plans:
        empty_state("profil.no_plans", lang)
    elif overdue.empty:
        st.success(t("rtl.none_overdue", lang), icon=":material/check_circle:")
    elif not principal.sees_rows:  # plan titles are the agents' own words, row by row
        empty_state("rtl.overdue_hidden", lang)
    else:
        st.dataframe(dashboard.label_table(overdue, "overdue", lang,
                                           rename=(("status", "plan_status"),),
                                           hide=("unit_name", "eselon1")),
                     hide_index=True, width="stretch",
                     column_config=date_columns(lang, ["due_date"]))
