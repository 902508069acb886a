"""PageContext.run_units: per-unit results computed once for every unit, then narrowed to the
filtered ones, are the same as computing them on the filtered tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from zi_dashboard import store
from zi_dashboard.analysis import action_plans, metrics
from zi_dashboard.analysis.filters import Filters, apply_filters
from zi_dashboard.domain import rules
from zi_dashboard.present import dashboard, gaps

EVENT = "Lokakarya Penguatan Agen Perubahan 2020"
TODAY = dt.date(2021, 6, 30)


def _results(filters: dict, event: str, today) -> None:
    """What Progres ZI, Kehadiran and RTL ask run_units for, under `filters`, kept in the
    session state."""
    import streamlit as st

    from zi_dashboard.analysis import action_plans, metrics
    from zi_dashboard.analysis.filters import Filters
    from zi_dashboard.domain import rules
    from zi_dashboard.present import dashboard, gaps
    from zi_dashboard.ui import data, page, session

    snapshot = data.current_snapshot()
    chosen = Filters(**filters)
    ctx = page.PageContext("id", snapshot, chosen, data.filtered_tables(snapshot, chosen), "src",
                           session.current_principal())
    units = ctx.tables["units"]
    checks = ctx.run_units(rules.check_units, units, None)
    runs = ctx.run_units(metrics.stage_runs, ctx.tables["zi_history"])
    st.session_state["seen"] = snapshot.tables  # as the session may see them (names hidden)
    st.session_state["results"] = {
        "checks": checks,
        "awards": ctx.run_units(dashboard.with_award_years, checks, ctx.tables),
        "ready": ctx.run_units(dashboard.ready_to_propose, checks, units),
        "gaps": ctx.run_units(gaps.gap_table, units, "wbk", "en", None),
        "areas": ctx.run_units(rules.area_pct, units, "10/2019"),
        "lke": ctx.run_units(metrics.lke_by_unit, units),
        "attendance": ctx.run_units(metrics.attendance_by, ctx.tables, "unit_key", event),
        "absent": ctx.run_units(metrics.absent_agents, ctx.tables, event),
        "progress": ctx.run_units(action_plans.plan_progress, ctx.tables, "unit_key"),
        "overdue": ctx.run_units(action_plans.overdue_plans, ctx.tables, today),
        "reform": ctx.run_units(action_plans.reform_ratios, ctx.tables),
        "runs": runs,
        "years": ctx.run_units(metrics.stage_years, ctx.tables["zi_history"]),
        # Counted up to the latest year of the filtered units' history, not of everyone's.
        "stalled": ctx.run(metrics.stalled_units, ctx.tables["zi_history"], 1, units, runs=runs),
        # A frame the page made itself cannot be widened: computed as it is.
        "own": ctx.run_units(metrics.lke_by_unit, units.head(3)),
        "unfiltered_checks": ctx._whole().run(rules.check_units, ctx._whole().tables["units"],
                                              None),
    }


@pytest.fixture
def sample_tables(app_env) -> dict[str, pd.DataFrame]:
    engine = store.connect(app_env)
    try:
        return store.load_snapshot(engine).tables
    finally:
        engine.dispose()


def _filter_cases() -> list[dict]:
    return [{"eselon1": ("Direktorat Jenderal Rehabilitasi Sosial",)},
            {"zi_stage": ("pembangunan", "wbk")},
            {"eselon1": ("Inspektorat Jenderal",), "zi_stage": ("pembangunan",)}]


@pytest.mark.parametrize("filters", _filter_cases())
def test_narrowed_results_equal_the_results_on_the_filtered_tables(app_env, sample_tables,
                                                                   filters):
    at = AppTest.from_function(_results, args=(filters, EVENT, TODAY), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    got, seen = at.session_state["results"], at.session_state["seen"]
    assert len(seen["units"]) == len(sample_tables["units"])  # an anonymous visitor: every unit
    tables = apply_filters(seen, Filters(**filters))
    units = tables["units"]
    assert 0 < len(units) < len(sample_tables["units"])  # the filter narrows, to something
    checks = rules.check_units(units, None)
    expected = {
        "checks": checks,
        "awards": dashboard.with_award_years(checks, tables),
        "ready": dashboard.ready_to_propose(checks, units),
        "gaps": gaps.gap_table(units, "wbk", "en", None),
        "areas": rules.area_pct(units, "10/2019"),
        "lke": metrics.lke_by_unit(units),
        "attendance": metrics.attendance_by(tables, "unit_key", EVENT),
        "absent": metrics.absent_agents(tables, EVENT),
        "progress": action_plans.plan_progress(tables, "unit_key"),
        "overdue": action_plans.overdue_plans(tables, TODAY),
        "reform": action_plans.reform_ratios(tables),
        "runs": metrics.stage_runs(tables["zi_history"]),
        "years": metrics.stage_years(tables["zi_history"]),
        "stalled": metrics.stalled_units(tables["zi_history"], 1, units),
        "own": metrics.lke_by_unit(units.head(3)),
    }
    for name, frame in expected.items():
        assert_frame_equal(got[name], frame, obj=name)
    assert len(got["gaps"]) > 0 and set(got["checks"]["unit_key"]) == set(units["unit_key"])
    assert len(got["attendance"]) > 0 and len(got["progress"]) > 0 and len(got["overdue"]) > 0
    assert len(got["runs"]) > 0 and len(got["stalled"]) > 0 and len(got["years"]) > 0
    # The wide result is every unit's, the one the unfiltered view shows.
    assert_frame_equal(got["unfiltered_checks"], rules.check_units(seen["units"], None))


def _cuts(filters: dict) -> None:
    """Reads a filtered page's tables one by one, noting the cache's size after each."""
    import streamlit as st

    from zi_dashboard.analysis.filters import Filters
    from zi_dashboard.ui import data

    data.clear_data_caches()
    snapshot = data.current_snapshot()
    tables = data.filtered_tables(snapshot, Filters(**filters))
    sizes = [("start", len(data.cache()))]
    for name in ("units", "zi_history", "zi_history", "agents", "attendance", "agents"):
        tables[name]
        sizes.append((name, len(data.cache())))
    st.session_state["sizes"] = sizes
    st.session_state["cut"] = dict(tables)
    st.session_state["seen"] = snapshot.tables


def test_filtered_tables_are_cut_when_first_read(app_env):
    filters = _filter_cases()[0]
    at = AppTest.from_function(_cuts, args=(filters,), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    sizes = dict(enumerate(n for _, n in at.session_state["sizes"]))
    # units come with the mapping; the first other table adds the unit positions and itself,
    # each later one itself; a table read again is not cut again.
    assert sizes[1] == sizes[0]
    assert (sizes[2] - sizes[1], sizes[3] - sizes[2]) == (2, 0)
    assert (sizes[4] - sizes[3], sizes[5] - sizes[4], sizes[6] - sizes[5]) == (1, 1, 0)
    expected = apply_filters(at.session_state["seen"], Filters(**filters))
    for name, frame in at.session_state["cut"].items():
        assert_frame_equal(frame, expected[name], obj=name)
