"""PageContext.run_units: per-unit results computed once for every unit, then narrowed to the
filtered ones, are the same as computing them on the filtered tables."""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from streamlit.testing.v1 import AppTest

from zi_dashboard import store
from zi_dashboard.analysis import metrics
from zi_dashboard.analysis.filters import Filters, apply_filters
from zi_dashboard.domain import rules
from zi_dashboard.present import dashboard, gaps


def _progres_results(filters: dict) -> None:
    """What Progres ZI asks run_units for, under `filters`, kept in the session state."""
    import streamlit as st

    from zi_dashboard.analysis import metrics
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
    st.session_state["results"] = {
        "checks": checks,
        "awards": ctx.run_units(dashboard.with_award_years, checks, ctx.tables),
        "gaps": ctx.run_units(gaps.gap_table, units, "wbk", "en", None),
        "areas": ctx.run_units(rules.area_pct, units, "10/2019"),
        "lke": ctx.run_units(metrics.lke_by_unit, units),
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
    at = AppTest.from_function(_progres_results, args=(filters,), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    got = at.session_state["results"]
    tables = apply_filters(sample_tables, Filters(**filters))
    units = tables["units"]
    assert 0 < len(units) < len(sample_tables["units"])  # the filter narrows, to something
    checks = rules.check_units(units, None)
    expected = {
        "checks": checks,
        "awards": dashboard.with_award_years(checks, tables),
        "gaps": gaps.gap_table(units, "wbk", "en", None),
        "areas": rules.area_pct(units, "10/2019"),
        "lke": metrics.lke_by_unit(units),
        "own": metrics.lke_by_unit(units.head(3)),
    }
    for name, frame in expected.items():
        assert_frame_equal(got[name], frame, obj=name)
    assert len(got["gaps"]) > 0 and set(got["checks"]["unit_key"]) == set(units["unit_key"])
    # The wide result is every unit's, the one the unfiltered view shows.
    assert_frame_equal(got["unfiltered_checks"], rules.check_units(sample_tables["units"], None))
