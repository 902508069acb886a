"""Per-unit charts at national scale draw MAX_BARS categories, the rest folded into one bar."""

from __future__ import annotations

import pandas as pd
import pytest

from zi_dashboard import charts
from zi_dashboard.charts.fold import MAX_BARS, OTHERS_KEY, fold_long, fold_wide
from zi_dashboard.domain import schema


def test_fold_wide_sums_averages_and_weights_the_rest():
    frame = pd.DataFrame({"unit_key": ["a", "b", "c", "d"], "unit_name": ["A", "B", "C", "D"],
                          "plans": [10, 5, 1, 3], "progress": [90.0, 50.0, 10.0, None],
                          "score": [80.0, 70.0, 60.0, 40.0]})
    out = fold_wide(frame, "id", n=2, sums=("plans",), means=("progress", "score"),
                    weights={"progress": "plans"})
    assert out["unit_key"].tolist() == ["a", OTHERS_KEY]
    others = out.iloc[-1]
    assert others["unit_name"] == "Lainnya (3 unit)"
    assert others["plans"] == 9
    assert others["progress"] == pytest.approx((50 * 5 + 10 * 1) / 6)  # d has no value
    assert others["score"] == pytest.approx((70 + 60 + 40) / 3)


def test_fold_wide_leaves_a_short_frame_alone():
    frame = pd.DataFrame({"unit_key": ["a", "b"], "unit_name": ["A", "B"], "v": [1, 2]})
    assert fold_wide(frame, "id", n=2, sums=("v",)) is frame


def test_fold_long_sums_each_series_and_recomputes_shares():
    frame = pd.DataFrame({
        "unit_key": ["a", "a", "b", "b", "c", "c"], "unit_name": ["A", "A", "B", "B", "C", "C"],
        "mode": ["tatap_muka", "virtual"] * 3, "agents": [3, 1, 2, 2, 0, 4],
        "share": [0.75, 0.25, 0.5, 0.5, 0.0, 1.0]})
    out = fold_long(frame, "en", level="unit_key", series="mode", count="agents",
                    share="share", n=2)
    others = out[out["unit_key"] == OTHERS_KEY].set_index("mode")
    assert others.loc["tatap_muka", "agents"] == 2 and others.loc["virtual", "agents"] == 6
    assert others.loc["virtual", "share"] == pytest.approx(6 / 8)
    assert set(others["unit_name"]) == {"Others (2 units)"}
    assert out[out["unit_key"] == "a"]["agents"].tolist() == [3, 1]


def _units(n: int) -> pd.DataFrame:
    keys = [f"U{i:05d}" for i in range(n)]
    return pd.DataFrame({"unit_key": keys, "unit_name": [f"Unit {i:05d}" for i in range(n)],
                         "eselon1": [f"Eselon I {i % 40:02d}" for i in range(n)]})


def _categories(fig) -> set:
    return {y for trace in fig.data for y in (trace.y if trace.y is not None else ())}


N = 2_000


def test_the_lke_chart_folds_a_national_roll_up():
    units = _units(N).assign(zi_stage="pembangunan", evaluation_year=2020,
                             lke_score=[50 + (i % 500) / 10 for i in range(N)])
    fig = charts.lke_bar(units.sort_values("lke_score", ascending=False), "id")
    keys = _categories(fig)
    assert len(keys) == MAX_BARS and OTHERS_KEY in keys
    names = [t.name for t in fig.data]
    assert "Lainnya" in names
    # The alt text still speaks of every unit, not of the folded bars: scores 50.0 … 99.9 by
    # tenths, each four times: 1,000 units at 75 or more, 600 at 85 or more.
    alt = charts.alt_text(fig)
    assert "2000 batang" in alt and "terendah Unit 00000 (50,00)" in alt
    assert "1000 unit bernilai ≥ 75 (WBK), 600 unit ≥ 85 (WBBM)" in alt


def test_the_area_heatmap_folds_a_national_roll_up():
    areas = {a: [10 + i % 80 for i in range(N)] for a in schema.LKE_AREAS}
    fig = charts.area_heatmap(_units(N).assign(**areas), "en")
    assert len(fig.data[0].y) == MAX_BARS
    assert fig.data[0].customdata[-1][0][0].startswith("Others (")


def test_attendance_and_plan_progress_per_unit_fold_a_national_roll_up():
    units = _units(N)
    long = pd.concat([units.assign(mode=m, agents=k) for m, k in (("tatap_muka", 2),
                                                                 ("virtual", 1))])
    long["share"] = long["agents"] / 3
    fig = charts.attendance_stacked_100(long, "id", level="unit_key")
    assert len(_categories(fig)) == MAX_BARS
    progress = units.assign(plans=4, done=1, done_share=0.25, mean_progress=50.0)
    fig = charts.plan_progress_bar(progress, "id", level="unit_key")
    assert len(fig.data[0].y) == MAX_BARS and fig.data[0].y[-1] == OTHERS_KEY
    assert fig.data[0].x[-1] == pytest.approx(50.0)


def test_the_treemap_folds_small_units_per_eselon1_and_a_folded_tile_picks_them():
    from zi_dashboard.present import dashboard

    per_unit = _units(N).assign(agents=[1 + i % 3 for i in range(N)])
    fig = charts.treemap_eselon1_unit(per_unit, "id")
    ids = list(fig.data[0].ids)
    # No unit holds 1 % of the agents: 40 Eselon I tiles, each with one folded tile.
    assert len(ids) == 80 and sum(i.startswith("others:") for i in ids) == 40
    assert sum(fig.data[0].values[:40]) == per_unit["agents"].sum()
    assert "2000 unit" in charts.alt_text(fig)
    picked = dashboard.picked_units({"selection": {"points": [{"id": "others:Eselon I 07"}]}},
                                    per_unit)
    assert picked == per_unit.loc[per_unit["eselon1"] == "Eselon I 07", "unit_key"].tolist()
