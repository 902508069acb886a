"""Metrics on small hand-computed tables: every expected number below was worked out by hand."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from zi_dashboard.analysis import action_plans, metrics
from zi_dashboard.domain import schema
from zi_dashboard.i18n import format_delta, format_pct

_DTYPES = {"int": "Int64", "year": "Int64", "float": "float64", "bool": "bool"}
SETJEN = "Sekretariat Jenderal"
REHSOS = "Direktorat Jenderal Rehabilitasi Sosial"
ITJEN = "Inspektorat Jenderal"


def make(name: str, rows: list[dict]) -> pd.DataFrame:
    """A clean table with exactly the contract's columns and dtypes."""
    columns = schema.clean_columns(name)
    frame = pd.DataFrame({c: [r.get(c) for r in rows] for c, _ in columns})
    for column, kind in columns:
        if kind == "date":
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
        elif kind == "bool":
            frame[column] = frame[column].fillna(False).astype("bool")
        elif kind in _DTYPES:
            frame[column] = frame[column].astype(_DTYPES[kind])
    return frame


def unit(key, name, eselon1, stage, lke, needed, **extra):
    return dict(unit_key=key, unit_code=key, unit_name=name, eselon1=eselon1, zi_stage=stage,
                lke_score=lke, agents_needed=needed, **extra)


def agent(nip, key, gender, rank, year, status="aktif", position="Analis"):
    return dict(nip=nip, name=f"Agen {nip}", unit=key, unit_key=key, gender=gender, rank=rank,
                appointed_year=year, status=status, position=position)


def att(nip, event, date, mode):
    return dict(nip=nip, event=event, date=date, mode=mode)


E19, E20 = "Lokakarya 2019", "Lokakarya 2020"
FUNNEL = ["belum", "pencanangan", "pembangunan", "penilaian_tpi", "diusulkan_wbk",
          "evaluasi_tpn", "wbk", "diusulkan_wbbm", "wbbm"]
STAGES = [*FUNNEL, "dicabut"]


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    units = make("units", [
        unit("U1", "Biro Perencanaan", SETJEN, "wbk", 80.0, 3, unit_type="Pusat",
             province="DKI Jakarta"),
        unit("U2", "Balai A", REHSOS, "pembangunan", 70.5, 2, unit_type="Balai",
             province="Jawa Barat"),
        unit("U3", "Balai B", REHSOS, "wbbm", 88.0, None, unit_type="Balai",
             province="Sumatera Utara"),
        unit("U4", "Loka C", REHSOS, "belum", None, 1, unit_type="Loka", province="Jawa Barat"),
        unit("U5", "Pusat D", ITJEN, "dicabut", 60.0, 0, unit_type="Pusat",
             province="DKI Jakarta"),
    ])
    agents = make("agents", [
        agent("1", "U1", "L", "III/a", 2019),
        agent("2", "U1", "P", "IV/a", 2020, position="Kepala"),
        agent("3", "U2", "P", "III/b", 2020),
        agent("4", "U2", "L", "II/c", None, status=None),
        agent("5", "U3", "P", "III/a", 2019, status="nonaktif"),
        agent("6", "U3", None, "IV/a", 2020, position=None),
    ])
    # The 2020 rows come first: event order must follow dates, not row order.
    attendance = make("attendance", [
        att("1", E20, "2020-08-04", "virtual"), att("1", E20, "2020-08-05", "tatap_muka"),
        att("2", E20, "2020-08-04", "virtual"), att("3", E20, "2020-08-04", "tidak_hadir"),
        att("5", E20, "2020-08-04", "tatap_muka"), att("6", E20, "2020-08-05", "virtual"),
        att("1", E19, "2019-08-01", "tatap_muka"), att("3", E19, "2019-08-01", "virtual"),
    ])
    history = make("zi_history", [
        dict(unit_key="U1", unit="U1", year=y, zi_stage=s)
        for y, s in ((2018, "pembangunan"), (2019, "penilaian_tpi"), (2020, "wbk"))
    ] + [dict(unit_key="U2", unit="U2", year=y, zi_stage="pembangunan") for y in (2018, 2019, 2020)]
      + [dict(unit_key="U3", unit="U3", year=y, zi_stage="wbbm") for y in (2019, 2020)]
      + [dict(unit_key="U4", unit="U4", year=2018, zi_stage="belum")]
      + [dict(unit_key="U5", unit="U5", year=y, zi_stage=s)
         for y, s in ((2019, "wbk"), (2020, "dicabut"), (2020, "wbk"))])
    plans = make("action_plans", [
        dict(nip="1", unit_key="U1", title="Digitalisasi arsip", status="selesai",
             progress_pct=100.0, due_date="2020-06-30", integrated="ya"),
        dict(nip="2", unit_key="U1", title="SOP layanan", status="berjalan", progress_pct=50.0,
             due_date="2020-09-30", integrated="tidak"),
        dict(nip="3", unit_key="U2", title="Survei kepuasan", status="selesai",
             progress_pct=None, due_date="2020-12-31", integrated="tidak"),
        dict(nip="3", unit_key="U2", title="Inovasi aduan", status="batal", progress_pct=10.0,
             due_date="2020-03-01"),
        dict(nip="4", unit_key="U2", title="Pojok integritas", status=None, progress_pct=20.0,
             due_date="2020-01-10"),
        dict(unit="U3", unit_key="U3", title="Zona bebas pungli", status="selesai",
             progress_pct=100.0, due_date="2019-11-30", integrated="ya"),
        dict(nip="1", unit_key="U1", title="Whistleblowing", status="rencana", progress_pct=0.0,
             due_date="2020-10-15"),
    ])
    return {"units": units, "agents": agents, "attendance": attendance, "zi_history": history,
            "action_plans": plans}


@pytest.fixture
def empty() -> dict[str, pd.DataFrame]:
    return {name: make(name, []) for name in schema.DATASETS}


def roster(n_agents: int) -> dict[str, pd.DataFrame]:
    """A version with n active agents spread over three units."""
    units = make("units", [unit(f"K{i}", f"Unit {i}", SETJEN, "pembangunan", None, None)
                           for i in range(3)])
    agents = make("agents", [agent(str(i), f"K{i % 3}", "L", "III/a", 2020)
                             for i in range(n_agents)])
    return {"units": units, "agents": agents}


# --- agents ---------------------------------------------------------------------------------

def test_agents_per_unit_lists_every_unit_with_gap(tables):
    out = metrics.agents_per_unit(tables)
    assert list(out["unit_key"]) == ["U2", "U1", "U3", "U4", "U5"]  # ties by name
    assert list(out["agents"]) == [2, 2, 1, 0, 0]
    assert list(out["has_agents"]) == [True, True, True, False, False]
    gaps = out.set_index("unit_key")["gap"]
    assert gaps["U1"] == 1 and gaps["U2"] == 0 and gaps["U4"] == 1 and gaps["U5"] == 0
    assert pd.isna(gaps["U3"])


def test_units_without_agents(tables):
    assert list(metrics.units_without_agents(tables)["unit_name"]) == ["Loka C", "Pusat D"]


def test_agents_per_eselon1_sorted_with_unit_counts(tables):
    out = metrics.agents_per_eselon1(tables)
    assert list(out["eselon1"]) == [REHSOS, SETJEN, ITJEN]
    assert list(out["agents"]) == [3, 2, 0]
    assert list(out["units"]) == [3, 1, 1]
    assert list(out["units_with_agents"]) == [2, 1, 0]
    assert out["share"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(("field", "values", "counts"), [
    ("gender", ["L", "P", None], [2, 2, 1]),
    # Golongan order, not by count (IV/a has the most agents).
    ("rank", ["II/c", "III/a", "III/b", "IV/a"], [1, 1, 1, 2]),
    ("appointed_year", [2019, 2020, None], [1, 3, 1]),
    ("position", ["Analis", "Kepala", None], [3, 1, 1]),
])
def test_agents_by(tables, field, values, counts):
    out = metrics.agents_by(tables, field)
    assert [None if pd.isna(v) else v for v in out[field]] == values
    assert list(out["agents"]) == counts
    assert out["share"].sum() == pytest.approx(1.0)


# --- attendance -----------------------------------------------------------------------------

def test_events_in_date_order(tables):
    out = metrics.events(tables)
    assert list(out["event"]) == [E19, E20]
    assert list(out["days"]) == [1, 2]
    assert list(out["agents"]) == [2, 5]
    assert out["date"].iloc[1] == pd.Timestamp("2020-08-04")


def test_attendance_overall_latest_event_best_mode_per_agent(tables):
    out = metrics.attendance_overall(tables)
    # "hadir" (present, mode not stated; issue 9) has its own place before the absent.
    assert list(out["mode"]) == ["tatap_muka", "virtual", "hadir", "tidak_hadir"]
    assert list(out["agents"]) == [2, 2, 0, 1]
    assert list(out["share"]) == pytest.approx([0.4, 0.4, 0.0, 0.2])


def test_attendance_overall_named_event(tables):
    assert list(metrics.attendance_overall(tables, E19)["agents"]) == [1, 1, 0, 0]


def test_attendance_by_eselon1_is_100_percent_and_sorted(tables):
    out = metrics.attendance_by(tables, "eselon1")
    assert list(out["eselon1"].unique()) == [SETJEN, REHSOS]  # 1/2 in person before 1/3
    assert out.groupby("eselon1")["share"].sum().tolist() == pytest.approx([1.0, 1.0])
    rehsos = out[out["eselon1"] == REHSOS]
    assert list(rehsos["mode"]) == ["tatap_muka", "virtual", "hadir", "tidak_hadir"]
    assert list(rehsos["agents"]) == [1, 1, 0, 1]


def test_attendance_by_unit_carries_names(tables):
    out = metrics.attendance_by(tables, "unit_key")
    assert list(out["unit_key"].unique()) == ["U1", "U3", "U2"]  # 0.5, 0.5, 0.0 in person
    assert out.set_index("unit_key")["unit_name"].loc["U2"].iloc[0] == "Balai A"
    assert out.groupby("unit_key")["share"].sum().tolist() == pytest.approx([1.0] * 3)


def test_attendance_by_event_counts_per_day(tables):
    out = metrics.attendance_by_event(tables)
    got = {(e, d.strftime("%m-%d"), m): n for e, d, m, n in out.itertuples(index=False)}
    assert got == {
        (E19, "08-01", "tatap_muka"): 1, (E19, "08-01", "virtual"): 1,
        (E20, "08-04", "tatap_muka"): 1, (E20, "08-04", "virtual"): 2,
        (E20, "08-04", "tidak_hadir"): 1,
        (E20, "08-05", "tatap_muka"): 1, (E20, "08-05", "virtual"): 1,
    }
    assert list(out["event"]) == [E19] * 2 + [E20] * 5


def test_absent_agents_missing_or_marked_absent(tables):
    out = metrics.absent_agents(tables)
    assert sorted(out["nip"]) == ["3", "4"]  # nip 5 is inactive
    assert set(out.columns) >= {"unit_name", "eselon1", "mode"}
    assert sorted(metrics.absent_agents(tables, E19)["nip"]) == ["2", "4", "6"]


# --- ZI -------------------------------------------------------------------------------------

def test_stage_counts_in_stage_order(tables):
    out = metrics.stage_counts(tables["units"])
    assert list(out["zi_stage"]) == STAGES
    assert list(out["units"]) == [1, 0, 1, 0, 0, 0, 1, 0, 1, 1]


def test_stage_funnel_is_cumulative_without_revoked(tables):
    out = metrics.stage_funnel(tables["units"])
    assert list(out["zi_stage"]) == FUNNEL  # no "dicabut": a revoked unit left the path
    assert list(out["units"]) == [4, 3, 3, 2, 2, 2, 2, 1, 1]
    assert out["share"].iloc[-1] == pytest.approx(0.25)  # 1 of the 4 units on the path


def test_stages_by_eselon1(tables):
    out = metrics.stages_by_eselon1(tables["units"])
    nonzero = out[out["units"] > 0]
    assert {(e, s): n for e, s, n in nonzero.itertuples(index=False)} == {
        (ITJEN, "dicabut"): 1, (REHSOS, "belum"): 1, (REHSOS, "pembangunan"): 1,
        (REHSOS, "wbbm"): 1, (SETJEN, "wbk"): 1}
    assert len(out) == 30  # 3 Eselon I × 10 stages, zeros included


def test_stage_movement_keeps_furthest_stage_per_year(tables):
    out = metrics.stage_movement(metrics.stage_years(tables["zi_history"]))
    got = {(int(y), s): n for y, s, n in out.itertuples(index=False) if n}
    assert got == {
        (2018, "belum"): 1, (2018, "pembangunan"): 2,
        (2019, "pembangunan"): 1, (2019, "penilaian_tpi"): 1, (2019, "wbk"): 1,
        (2019, "wbbm"): 1,
        (2020, "pembangunan"): 1, (2020, "wbk"): 1, (2020, "wbbm"): 1, (2020, "dicabut"): 1,
    }


def test_stalled_units(tables):
    out = metrics.stalled_units(tables["zi_history"], units=tables["units"])
    assert list(out["unit_key"]) == ["U4", "U2", "U3"]
    assert list(out["years_at_stage"]) == [3, 3, 2]
    assert list(out["since_year"]) == [2018, 2018, 2019]
    assert list(out["holds_title"]) == [False, False, True]
    assert out["unit_name"].iloc[0] == "Loka C"
    assert list(metrics.stalled_units(tables["zi_history"], min_years=3)["unit_key"]) == [
        "U4", "U2"]


def test_stage_runs_one_row_per_unit_from_the_first_year_of_its_current_stage():
    history = make("zi_history", [
        dict(unit_key=k, unit=k, year=y, zi_stage=s)
        for k, y, s in (("X", 2017, "pembangunan"), ("X", 2018, "wbk"), ("X", 2019, "wbk"),
                        ("Y", 2019, "belum"), ("Y", 2018, "belum"),
                        ("Y", 2019, "pembangunan"))])  # two rows in 2019: the furthest counts
    out = metrics.stage_runs(history)
    got = {k: (s, since, latest) for k, s, since, latest in
           out[["unit_key", "zi_stage", "since_year", "latest_year"]].itertuples(index=False)}
    assert got == {"X": ("wbk", 2018, 2019), "Y": ("pembangunan", 2019, 2019)}
    # Passing the runs gives what stalled_units finds from the history itself.
    assert_frame_equal(metrics.stalled_units(history, 1, runs=out),
                       metrics.stalled_units(history, 1))
    assert list(metrics.stalled_units(history, 2, runs=out)["unit_key"]) == ["X"]


def test_stage_years_one_row_per_unit_and_year_with_the_furthest_stage():
    history = make("zi_history", [
        dict(unit_key=k, unit=k, year=y, zi_stage=s)
        for k, y, s in (("Y", 2019, "belum"), ("X", 2018, "wbk"), ("Y", 2018, "belum"),
                        ("Y", 2019, "pembangunan"), ("X", 2017, "pembangunan"),
                        ("X", None, "wbbm"))])  # no year: not a year's stage
    out = metrics.stage_years(history)
    assert list(out.columns) == ["unit_key", "year", "zi_stage"]
    assert [(k, int(y), s) for k, y, s in out.itertuples(index=False)] == [
        ("X", 2017, "pembangunan"), ("X", 2018, "wbk"), ("Y", 2018, "belum"),
        ("Y", 2019, "pembangunan")]
    counts = metrics.stage_movement(out)
    assert {(int(y), s): n for y, s, n in counts.itertuples(index=False) if n} == {
        (2017, "pembangunan"): 1, (2018, "wbk"): 1, (2018, "belum"): 1,
        (2019, "pembangunan"): 1}


def test_stalled_units_a_change_back_restarts_the_count():
    history = make("zi_history", [
        dict(unit_key="X", unit="X", year=y, zi_stage=s)
        for y, s in ((2017, "pembangunan"), (2018, "penilaian_tpi"), (2019, "pembangunan"))])
    out = metrics.stalled_units(history, min_years=1)
    assert out["since_year"].tolist() == [2019]


def test_lke_by_unit(tables):
    out = metrics.lke_by_unit(tables["units"])
    assert list(out["unit_key"]) == ["U3", "U1", "U2", "U5"]
    assert list(out["lke_score"]) == [88.0, 80.0, 70.5, 60.0]


# --- action plans ---------------------------------------------------------------------------

def test_plan_status_counts(tables):
    out = action_plans.plan_status_counts(tables)
    assert [None if pd.isna(s) else s for s in out["status"]] == [
        "rencana", "berjalan", "selesai", "batal", None]
    assert list(out["plans"]) == [1, 1, 3, 1, 1]


def test_plan_status_counts_per_eselon1(tables):
    out = action_plans.plan_status_counts(tables, level="eselon1")
    rehsos = out[out["eselon1"] == REHSOS].set_index("status")["plans"]
    assert rehsos["selesai"] == 2 and rehsos["batal"] == 1 and rehsos["rencana"] == 0
    assert out["plans"].sum() == 7


def test_plan_progress_per_unit(tables):
    out = action_plans.plan_progress(tables, "unit_key")
    assert list(out["unit_key"]) == ["U3", "U2", "U1"]
    assert list(out["plans"]) == [1, 2, 3]  # the cancelled plan of U2 does not count
    assert list(out["done"]) == [1, 1, 1]
    assert list(out["mean_progress"]) == pytest.approx([100.0, 60.0, 50.0])
    assert out["unit_name"].iloc[0] == "Balai B"


def test_plan_progress_per_eselon1(tables):
    out = action_plans.plan_progress(tables, "eselon1").set_index("eselon1")
    assert out.loc[REHSOS, "plans"] == 3 and out.loc[REHSOS, "done"] == 2
    assert out.loc[SETJEN, "done_share"] == pytest.approx(1 / 3)


def test_overdue_plans_with_fixed_today(tables):
    out = action_plans.overdue_plans(tables, dt.date(2020, 10, 15))
    assert list(out["title"]) == ["Pojok integritas", "SOP layanan"]
    assert list(out["days_overdue"]) == [279, 15]
    assert list(out["unit_name"]) == ["Balai A", "Biro Perencanaan"]
    assert action_plans.overdue_plans(tables, dt.date(2020, 1, 1)).empty


def test_reform_ratios(tables):
    out = action_plans.reform_ratios(tables).set_index("unit_key")
    assert out.loc["U1", "changes_per_agent"] == pytest.approx(0.5)
    assert out.loc["U3", "changes_per_agent"] == pytest.approx(1.0)
    assert out.loc["U1", "integrated_share"] == pytest.approx(1.0)
    assert out.loc["U2", "integrated_share"] == pytest.approx(0.0)
    assert math.isnan(out.loc["U4", "changes_per_agent"])
    assert math.isnan(out.loc["U4", "integrated_share"])


def test_reform_ratios_for_one_year(tables):
    out = action_plans.reform_ratios(tables, year=2020).set_index("unit_key")
    assert out.loc["U3", "plans_done"] == 0 and out.loc["U3", "changes_per_agent"] == 0.0
    assert math.isnan(out.loc["U3", "integrated_share"])
    assert out.loc["U2", "plans_done"] == 1


# --- headline and growth --------------------------------------------------------------------

def test_headline(tables):
    head = metrics.headline(tables)
    assert (head["agents"], head["units"], head["units_with_agents"]) == (5, 5, 3)
    assert head["latest_event"] == E20
    assert head["attendance"] == {"tatap_muka": 2, "virtual": 2, "hadir": 0, "tidak_hadir": 1}
    assert (head["tatap_muka"], head["virtual"]) == (2, 2)
    assert head["stages"]["wbk"] == 1 and head["stages"]["dicabut"] == 1
    assert (head["wbk"], head["wbbm"]) == (2, 1)
    assert head["mean_lke"] == pytest.approx(74.625)
    assert head["delta"] == {}


def test_headline_delta_291_vs_265():
    head = metrics.headline(roster(291), previous_tables=roster(265))
    delta = head["delta"]["agents"]
    assert delta["abs"] == 26
    assert delta["pct"] == pytest.approx(0.0981, abs=1e-4)
    assert format_delta(delta["abs"]) == "+26"
    assert format_pct(delta["pct"]) == "9,8%"
    assert head["delta"]["units"] == {"abs": 0, "pct": 0.0}
    assert head["delta"]["mean_lke"] is None  # no scores in either version


# --- empty inputs ---------------------------------------------------------------------------

EMPTY_CASES = [
    ("agents_per_unit", lambda t: metrics.agents_per_unit(t)),
    ("units_without_agents", lambda t: metrics.units_without_agents(t)),
    ("agents_per_eselon1", lambda t: metrics.agents_per_eselon1(t)),
    ("agents_by", lambda t: metrics.agents_by(t, "rank")),
    ("events", lambda t: metrics.events(t)),
    ("attendance_overall", lambda t: metrics.attendance_overall(t)),
    ("attendance_by", lambda t: metrics.attendance_by(t, "eselon1")),
    ("attendance_by_unit", lambda t: metrics.attendance_by(t, "unit_key")),
    ("attendance_by_event", lambda t: metrics.attendance_by_event(t)),
    ("absent_agents", lambda t: metrics.absent_agents(t)),
    ("stage_counts", lambda t: metrics.stage_counts(t["units"])),
    ("stage_funnel", lambda t: metrics.stage_funnel(t["units"])),
    ("stages_by_eselon1", lambda t: metrics.stages_by_eselon1(t["units"])),
    ("stage_movement", lambda t: metrics.stage_movement(metrics.stage_years(t["zi_history"]))),
    ("stage_years", lambda t: metrics.stage_years(t["zi_history"])),
    ("stalled_units", lambda t: metrics.stalled_units(t["zi_history"])),
    ("stage_runs", lambda t: metrics.stage_runs(t["zi_history"])),
    ("lke_by_unit", lambda t: metrics.lke_by_unit(t["units"])),
    ("plan_status_counts", lambda t: action_plans.plan_status_counts(t)),
    ("plan_status_by_unit", lambda t: action_plans.plan_status_counts(t, "unit_key")),
    ("plan_progress", lambda t: action_plans.plan_progress(t)),
    ("overdue_plans", lambda t: action_plans.overdue_plans(t, dt.date(2020, 1, 1))),
    ("reform_ratios", lambda t: action_plans.reform_ratios(t)),
]


@pytest.mark.parametrize(("name", "call"), EMPTY_CASES, ids=[c[0] for c in EMPTY_CASES])
def test_empty_tables_give_empty_frames_with_the_same_columns(tables, empty, name, call):
    full, none = call(tables), call(empty)
    assert none.empty
    assert list(none.columns) == list(full.columns)


def test_object_text_columns_give_the_same_results(tables):
    """The contract allows object or str for text: both must aggregate alike."""
    as_object = {name: frame.astype({c: object for c in frame.columns
                                     if pd.api.types.is_string_dtype(frame[c])})
                 for name, frame in tables.items()}
    assert metrics.headline(as_object) == metrics.headline(tables)
    for call in (metrics.attendance_by, action_plans.plan_progress, action_plans.reform_ratios):
        pd.testing.assert_frame_equal(call(as_object), call(tables), check_dtype=False)


def test_missing_datasets_are_empty(tables):
    only_units = {"units": tables["units"]}
    assert metrics.headline(only_units)["agents"] == 0
    assert metrics.attendance_overall(only_units).empty
    assert action_plans.plan_progress(only_units).empty


def test_headline_of_empty_version(empty):
    head = metrics.headline(empty, previous_tables=empty)
    assert head["agents"] == 0 and head["mean_lke"] is None and head["latest_event"] is None
    assert head["attendance"] == {} and head["stages"] == {}
    assert head["delta"]["agents"] == {"abs": 0, "pct": None}
