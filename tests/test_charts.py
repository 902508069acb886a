"""Figures checked on their data: traces, order, values, titles, number format, alt text."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from zi_dashboard import charts
from zi_dashboard.charts import palette, theme
from zi_dashboard.domain import rules, schema

SETJEN = "Sekretariat Jenderal"
REHSOS = "Direktorat Jenderal Rehabilitasi Sosial"
ITJEN = "Inspektorat Jenderal"
LONG = ("Balai Besar Rehabilitasi Sosial Penyandang Disabilitas Fisik \"Prof. Dr. Soeharso\" "
        "Surakarta")
STAGE_ORDER = ["belum", "pencanangan", "pembangunan", "penilaian_tpi", "diusulkan_wbk",
               "evaluasi_tpn", "wbk", "diusulkan_wbbm", "wbbm", "dicabut"]
# The stage colours pinned: grey, Viridis from 0.55 down to 0 along the path, dark red.
STAGE_COLOURS = {"belum": "#8C8C8C", "pencanangan": "#1F9D89", "pembangunan": "#24898D",
                 "penilaian_tpi": "#2B768E", "diusulkan_wbk": "#33638D",
                 "evaluasi_tpn": "#3C4D8A", "wbk": "#44367F", "diusulkan_wbbm": "#471D6D",
                 "wbbm": "#440154", "dicabut": "#7F1D1D"}
# Okabe–Ito, orange darkened to 3:1 on white; VERMILLION_TEXT darkened to 4.5:1 for words.
VERMILLION, BLUE, ORANGE, GREEN = "#D55E00", "#0072B2", "#BD8300", "#009E73"
VERMILLION_TEXT = "#BE5400"


def per_eselon1() -> pd.DataFrame:
    return pd.DataFrame({"eselon1": [SETJEN, REHSOS, ITJEN], "agents": [120, 1171, 0],
                         "units": [10, 60, 4], "units_with_agents": [9, 58, 0],
                         "share": [120 / 1291, 1171 / 1291, 0.0]})


def per_unit(n: int = 4) -> pd.DataFrame:
    names = [LONG, "Biro Hukum", "Balai A", "Loka C"] + [f"Unit {i:02d}" for i in range(4, n)]
    eselon1 = [REHSOS, SETJEN, REHSOS, REHSOS] + [ITJEN] * (n - 4)
    agents = [7, 3, 5, 0] + [1] * (n - 4)
    return pd.DataFrame({
        "unit_key": [f"U{i}" for i in range(n)], "unit_name": names[:n], "eselon1": eselon1[:n],
        "agents": agents[:n], "agents_needed": pd.array([6, None, 5, 2] + [1] * (n - 4),
                                                        dtype="Int64")[:n],
    })


def stage_counts() -> pd.DataFrame:
    keys = schema.STAGES.keys()
    units = [3, 0, 10, 4, 2, 1, 5, 1, 2, 1]
    return pd.DataFrame({"zi_stage": keys, "units": units,
                         "share": [u / sum(units) for u in units]})


def attendance_by_eselon1() -> pd.DataFrame:
    rows = [(SETJEN, "tatap_muka", 3, 0.75), (SETJEN, "virtual", 1, 0.25),
            (SETJEN, "tidak_hadir", 0, 0.0), (REHSOS, "tatap_muka", 1, 0.2),
            (REHSOS, "virtual", 3, 0.6), (REHSOS, "tidak_hadir", 1, 0.2)]
    return pd.DataFrame(rows, columns=["eselon1", "mode", "agents", "share"])


def lke_frame() -> pd.DataFrame:
    return pd.DataFrame({"unit_key": ["U1", "U2", "U3", "U4"],
                         "unit_name": ["Balai B", "Biro Perencanaan", "Balai A", "Pusat D"],
                         "eselon1": [REHSOS, SETJEN, REHSOS, ITJEN],
                         "zi_stage": ["wbbm", "wbk", "pembangunan", None],
                         "evaluation_year": pd.array([2020] * 4, dtype="Int64"),
                         "lke_score": [88.0, 80.25, 70.5, 60.0]})


def area_frame() -> pd.DataFrame:
    frame = pd.DataFrame({"unit_key": ["U1", "U2"], "unit_name": ["Balai B", "Balai A"]})
    for i, area in enumerate(schema.LKE_AREAS):
        frame[area] = [100.0 - i * 10, 40.0 + i]
    return frame


def plan_status(level: bool = False) -> pd.DataFrame:
    if not level:
        return pd.DataFrame({"status": ["rencana", "berjalan", "selesai", "batal", None],
                             "plans": [1, 2, 3, 0, 1]})
    return pd.DataFrame({"unit_key": ["U1"] * 5 + ["U2"] * 5,
                         "unit_name": ["Balai A"] * 5 + ["Balai B"] * 5,
                         "status": ["rencana", "berjalan", "selesai", "batal", None] * 2,
                         "plans": [1, 0, 1, 0, 0, 0, 2, 2, 1, 1]})


# Every builder, called with a small frame: (name, call(lang, source), title id, title en).
BUILDERS = [
    ("agents_per_eselon1", lambda lang, s: charts.agents_per_eselon1_bar(per_eselon1(), lang,
                                                                         source=s),
     "Agen perubahan per Eselon I", "Agents of change per Echelon I"),
    ("agents_per_unit", lambda lang, s: charts.agents_per_unit_bar(per_unit(), lang, source=s),
     "Agen perubahan per unit kerja", "Agents of change per work unit"),
    ("treemap", lambda lang, s: charts.treemap_eselon1_unit(per_unit(), lang, source=s),
     "Sebaran agen: Eselon I dan unit kerja", "Agents by Echelon I and work unit"),
    ("agents_by_rank", lambda lang, s: charts.agents_by_bar(pd.DataFrame(
        {"rank": ["III/a", "IV/a"], "agents": [2, 1], "share": [2 / 3, 1 / 3]}), "rank", lang,
        source=s), "Agen menurut pangkat/golongan", "Agents by rank"),
    ("attendance_donut", lambda lang, s: charts.attendance_donut(pd.DataFrame(
        {"mode": ["tatap_muka", "virtual", "tidak_hadir"], "agents": [120, 171, 0],
         "share": [120 / 291, 171 / 291, 0.0]}), lang, source=s),
     "Mode kehadiran lokakarya", "Workshop attendance mode"),
    ("attendance_stacked", lambda lang, s: charts.attendance_stacked_100(
        attendance_by_eselon1(), lang, source=s),
     "Mode kehadiran per Eselon I", "Attendance mode per Echelon I"),
    ("attendance_by_event", lambda lang, s: charts.attendance_by_event(pd.DataFrame(
        {"event": ["Lokakarya 2020"] * 2, "date": pd.to_datetime(["2020-08-04"] * 2),
         "mode": ["tatap_muka", "virtual"], "agents": [120, 171]}), lang, source=s),
     "Kehadiran per kegiatan dan hari", "Attendance per event and day"),
    ("stage_bar", lambda lang, s: charts.stage_bar(stage_counts(), lang, source=s),
     "Unit kerja per tahap ZI", "Work units per ZI stage"),
    ("stage_funnel", lambda lang, s: charts.stage_funnel(pd.DataFrame(
        {"zi_stage": list(schema.FUNNEL_STAGES), "units": [20, 17, 17, 7, 3, 1, 1, 0, 0],
         "share": [1.0] * 9}), lang, source=s),
     "Unit yang telah mencapai tiap tahap ZI", "Units that reached each ZI stage"),
    ("stages_by_eselon1", lambda lang, s: charts.stages_by_eselon1(pd.DataFrame(
        {"eselon1": [SETJEN, SETJEN, REHSOS, REHSOS], "zi_stage": ["wbk", "belum"] * 2,
         "units": [1, 0, 2, 3]}), lang, source=s), "Tahap ZI per Eselon I",
     "ZI stages per Echelon I"),
    ("stage_movement", lambda lang, s: charts.stage_movement(pd.DataFrame(
        {"year": pd.array([2019, 2019, 2020, 2020], dtype="Int64"),
         "zi_stage": ["pembangunan", "wbk"] * 2, "units": [3, 1, 2, 2]}), lang, source=s),
     "Tahap ZI dari tahun ke tahun", "ZI stages year by year"),
    ("lke", lambda lang, s: charts.lke_bar(lke_frame(), lang, source=s),
     "Nilai LKE per unit kerja", "LKE score per work unit"),
    ("area_heatmap", lambda lang, s: charts.area_heatmap(area_frame(), lang, source=s),
     "Nilai area pengungkit (% dari bobot)", "Enabler areas (% of weight)"),
    ("plan_status", lambda lang, s: charts.plan_status_bar(plan_status(), lang, source=s),
     "Status rencana tindak lanjut (RTL)", "Action plan status"),
    ("plan_progress", lambda lang, s: charts.plan_progress_bar(pd.DataFrame(
        {"unit_key": ["U1", "U2"], "unit_name": ["Balai B", "Balai A"], "eselon1": [REHSOS] * 2,
         "plans": [2, 4], "done": [2, 1], "done_share": [1.0, 0.25],
         "mean_progress": [100.0, 42.5]}), lang, source=s),
     "Progres RTL per unit kerja", "Action plan progress per work unit"),
]
IDS = [b[0] for b in BUILDERS]


@pytest.mark.parametrize(("name", "build", "title_id", "title_en"), BUILDERS, ids=IDS)
def test_title_separators_alt_text_and_theme(name, build, title_id, title_en):
    for lang, title, separators in (("id", title_id, ",."), ("en", title_en, ".,")):
        fig = build(lang, None)
        shown = fig.layout.title.text.split("<br>")  # long titles wrap for narrow columns
        assert " ".join(shown) == title
        assert all(len(line) <= 32 for line in shown)  # 32 characters fit a 260 px column
        assert fig.layout.separators == separators
        template = fig.layout.template.layout
        assert template.title.x == 0 and template.title.xanchor == "left"
        assert template.font.family == ('"Source Sans", "Source Sans Pro", "Source Sans 3", '
                                        'Arial, sans-serif')
        alt = charts.alt_text(fig)
        assert title in alt and len(alt) > len(title) + 10
        assert "$" not in title  # no LaTeX: MathJax is never loaded


@pytest.mark.parametrize(("name", "build", "title_id", "title_en"), BUILDERS, ids=IDS)
def test_source_line_only_when_given(name, build, title_id, title_en):
    line = "Sumber: Dasbor ZI · versi 7"
    with_source = [a.text for a in build("id", line).layout.annotations]
    without = [a.text for a in build("id", None).layout.annotations]
    assert line in with_source and line not in without


@pytest.mark.parametrize(("name", "build", "title_id", "title_en"), BUILDERS, ids=IDS)
def test_figures_serialise_to_json(name, build, title_id, title_en):
    # pd.NA or numpy scalars that leak into a figure break st.plotly_chart and kaleido.
    json.loads(build("en", "src").to_json())


EMPTY = [
    lambda lang: charts.agents_per_eselon1_bar(per_eselon1().iloc[:0], lang),
    lambda lang: charts.agents_per_unit_bar(per_unit().iloc[:0], lang),
    lambda lang: charts.treemap_eselon1_unit(per_unit().assign(agents=0), lang),
    lambda lang: charts.agents_by_bar(pd.DataFrame(columns=["gender", "agents", "share"]),
                                      "gender", lang),
    lambda lang: charts.attendance_donut(pd.DataFrame(columns=["mode", "agents", "share"]), lang),
    lambda lang: charts.attendance_stacked_100(attendance_by_eselon1().iloc[:0], lang),
    lambda lang: charts.attendance_by_event(
        pd.DataFrame(columns=["event", "date", "mode", "agents"]), lang),
    lambda lang: charts.stage_bar(stage_counts().iloc[:0], lang),
    lambda lang: charts.stage_funnel(pd.DataFrame(columns=["zi_stage", "units", "share"]), lang),
    lambda lang: charts.stages_by_eselon1(
        pd.DataFrame(columns=["eselon1", "zi_stage", "units"]), lang),
    lambda lang: charts.stage_movement(pd.DataFrame(columns=["year", "zi_stage", "units"]), lang),
    lambda lang: charts.lke_bar(lke_frame().iloc[:0], lang),
    lambda lang: charts.area_heatmap(pd.DataFrame(columns=["unit_name"]), lang),
    lambda lang: charts.plan_status_bar(pd.DataFrame(columns=["status", "plans"]), lang),
    lambda lang: charts.plan_progress_bar(pd.DataFrame(
        columns=["unit_key", "unit_name", "eselon1", "plans", "done", "done_share",
                 "mean_progress"]), lang),
]


@pytest.mark.parametrize("build", EMPTY, ids=IDS)
def test_empty_frames_give_an_empty_state(build):
    fig = build("en")
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == ["No data for these filters."]
    assert charts.alt_text(fig).endswith("no data for these filters.")
    assert build("id").layout.annotations[0].text == "Tidak ada data untuk filter ini."


# --- agents ---------------------------------------------------------------------------------

def test_agents_per_eselon1_sorted_most_on_top():
    fig = charts.agents_per_eselon1_bar(per_eselon1(), "id")
    bar = fig.data[0]
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.y) == [REHSOS, SETJEN, ITJEN] and list(bar.x) == [1171, 120, 0]
    assert list(fig.layout.yaxis.categoryarray) == [REHSOS, SETJEN, ITJEN]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # first category on top
    assert fig.layout.xaxis.title.text == "Jumlah agen"
    assert "tertinggi Direktorat Jenderal Rehabilitasi Sosial (1.171)" in charts.alt_text(fig)


def test_eselon1_names_wrap_so_a_narrow_column_keeps_its_bars():
    fig = charts.agents_per_eselon1_bar(per_eselon1(), "id")
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks[0] == "Direktorat Jenderal<br>Rehabilitasi Sosial"
    assert ticks[1] == SETJEN  # short names stay on one line
    assert theme.row_height(ticks) == 38  # two 16 px lines and 6 px air, not 22 for one line
    assert fig.layout.height == 320  # 150 + 3 rows × 38 = 264, under the 320 px minimum
    assert fig.data[0].customdata[0][0] == REHSOS  # the hover keeps the full name


def test_seven_eselon1_rows_of_three_line_labels_grow_the_chart():
    names = ["Sekretariat Jenderal", "Direktorat Jenderal Perlindungan dan Jaminan Sosial",
             REHSOS, "Direktorat Jenderal Pemberdayaan Sosial",
             "Direktorat Jenderal Penanganan Fakir Miskin", ITJEN,
             "Badan Pendidikan, Penelitian dan Penyuluhan Sosial"]
    frame = pd.DataFrame({"eselon1": names, "agents": [7, 6, 5, 4, 3, 2, 1], "units": [1] * 7,
                          "units_with_agents": [1] * 7, "share": [n / 28 for n in range(7, 0, -1)]})
    fig = charts.agents_per_eselon1_bar(frame, "id")
    assert fig.layout.yaxis.ticktext[1] == "Direktorat Jenderal<br>Perlindungan dan<br>Jaminan Sosial"
    # Three-line labels: 16 × 3 + 6 = 54 px a row; 150 + 7 × 54 = 528 (22 px rows: 320).
    assert fig.layout.height == 528


@pytest.mark.parametrize("build", [
    lambda: charts.attendance_stacked_100(attendance_by_eselon1(), "id"),
    lambda: charts.stages_by_eselon1(pd.DataFrame(
        {"eselon1": [REHSOS], "zi_stage": ["wbk"], "units": [2]}), "id"),
    lambda: charts.plan_progress_bar(pd.DataFrame(
        {"eselon1": [REHSOS], "plans": [3], "done": [1], "done_share": [1 / 3],
         "mean_progress": [40.0]}), "id", level="eselon1"),
], ids=["attendance", "stages", "plan_progress"])
def test_every_eselon1_axis_wraps_its_names(build):
    ticks = list(build().layout.yaxis.ticktext)
    assert "Direktorat Jenderal<br>Rehabilitasi Sosial" in ticks


@pytest.mark.parametrize(("rows", "height", "gap"), [
    # 320 px minimum, plot 320 − 200 = 120 px: one bar 120 × (1 − 0.7) = 36 px thick.
    (1, 320, 0.7),
    # Two bars: 120 / 2 × (1 − 0.4) = 36 px each.
    (2, 320, 0.4),
    # 150 + 81 × 22 = 1932 px; 1 − 36 × 81 / 1732 < 0.25: the usual spacing.
    (81, 1932, 0.25),
])
def test_few_lying_bars_stay_bars_not_slabs(rows, height, gap):
    fig = charts.agents_per_unit_bar(per_unit(max(rows, 4)).iloc[:rows], "id")
    assert fig.layout.height == height
    assert fig.layout.bargap == pytest.approx(gap)


def test_agents_per_unit_keeps_long_names_readable():
    frame = per_unit(81)
    fig = charts.agents_per_unit_bar(frame, "en")
    bar, needed = fig.data
    assert len(bar.y) == 81 and fig.layout.height == 1932  # 150 + 81 rows × 22 px
    assert list(bar.y[:3]) == ["U0", "U2", "U1"]  # 7, 5, 3 agents
    first_tick = fig.layout.yaxis.ticktext[0]
    assert first_tick.endswith("…") and len(first_tick) <= 42
    assert bar.customdata[0][0] == LONG  # the hover shows the full name
    assert needed.type == "scatter" and needed.x[0] == 6 and needed.x[1] == 5
    assert needed.x[2] is None  # Biro Hukum: need unknown


def test_agents_per_unit_zero_units_are_flagged_in_red():
    fig = charts.agents_per_unit_bar(per_unit(), "id")
    colours = dict(zip(fig.data[0].y, fig.data[0].textfont.color, strict=True))
    assert colours["U3"] == VERMILLION_TEXT and colours["U0"] != VERMILLION_TEXT


def test_agents_per_unit_top_n_adds_an_others_bucket():
    fig = charts.agents_per_unit_bar(per_unit(10), "id", top_n=3)
    bar = fig.data[0]
    assert list(bar.y) == ["U0", "U2", "U1", charts.OTHERS_KEY]
    assert bar.x[-1] == 6 * 1 + 0  # six one-agent units and Loka C
    assert fig.layout.yaxis.ticktext[-1] == "Lainnya (7 unit)"


def test_agents_per_unit_caps_a_national_roll_up():
    fig = charts.agents_per_unit_bar(per_unit(170), "id")
    assert len(fig.data[0].y) == 151  # the top 150 units and one "others" bar
    assert fig.data[0].y[-1] == charts.OTHERS_KEY
    assert fig.layout.yaxis.ticktext[-1] == "Lainnya (20 unit)"
    assert len(charts.agents_per_unit_bar(per_unit(81), "id").data[0].y) == 81


def test_agents_per_unit_without_needs_has_no_need_marks():
    fig = charts.agents_per_unit_bar(per_unit().assign(agents_needed=pd.NA), "id")
    assert [trace.type for trace in fig.data] == ["bar"]


def test_agents_per_unit_with_need_marks_leaves_room_for_its_legend():
    # Two traces: Plotly draws a legend under the title, so the top margin holds its row.
    with_needs = charts.agents_per_unit_bar(per_unit(), "id")
    without = charts.agents_per_unit_bar(per_unit().assign(agents_needed=pd.NA), "id")
    assert [trace.type for trace in with_needs.data] == ["bar", "scatter"]
    assert (with_needs.layout.margin.t, without.layout.margin.t) == (96, 64)


def test_treemap_carries_unit_key_for_clicks():
    fig = charts.treemap_eselon1_unit(per_unit(), "id")
    tree = fig.data[0]
    assert tree.type == "treemap" and tree.branchvalues == "total"
    nodes = {i: (p, v, list(c)) for i, p, v, c in zip(tree.ids, tree.parents, tree.values,
                                                tree.customdata, strict=True)}
    assert nodes[f"eselon1:{REHSOS}"][1] == 12 and nodes[f"eselon1:{REHSOS}"][0] == ""
    assert nodes["unit:U0"] == (f"eselon1:{REHSOS}", 7, ["U0", LONG, "unit"])
    assert "unit:U3" not in nodes  # zero agents: nothing to draw


@pytest.mark.parametrize(("lang", "labels"), [
    ("id", ["Laki-laki", "Perempuan", "Tidak diketahui"]),
    ("en", ["Male", "Female", "Unknown"]),
])
def test_agents_by_gender_labels_in_ui_language(lang, labels):
    frame = pd.DataFrame({"gender": ["L", "P", None], "agents": [150, 140, 1],
                          "share": [150 / 291, 140 / 291, 1 / 291]})
    fig = charts.agents_by_bar(frame, "gender", lang)
    assert list(fig.layout.xaxis.ticktext) == labels
    assert list(fig.data[0].y) == [150, 140, 1]


def test_agents_by_rank_keeps_the_metric_order_and_position_lies_flat():
    ranks = pd.DataFrame({"rank": ["II/c", "III/a", "IV/a"], "agents": [1, 1, 5],
                          "share": [1 / 7, 1 / 7, 5 / 7]})
    fig = charts.agents_by_bar(ranks, "rank", "id")
    assert list(fig.layout.xaxis.ticktext) == ["II/c", "III/a", "IV/a"]
    positions = ranks.rename(columns={"rank": "position"})
    assert charts.agents_by_bar(positions, "position", "id").data[0].orientation == "h"


# --- attendance -----------------------------------------------------------------------------

def test_attendance_donut_labels_only_slices_that_exist():
    frame = pd.DataFrame({"mode": ["tatap_muka", "virtual", "tidak_hadir"],
                          "agents": [17, 0, 0], "share": [1.0, 0.0, 0.0]})
    pie = charts.attendance_donut(frame, "id").data[0]
    assert pie.texttemplate[0] != "" and list(pie.texttemplate[1:]) == ["", ""]
    assert pie.automargin is True  # outside labels push the margins, never clipped


def test_attendance_donut_counts_and_colours():
    frame = pd.DataFrame({"mode": ["tatap_muka", "virtual"], "agents": [1200, 171],
                          "share": [1200 / 1371, 171 / 1371]})
    fig = charts.attendance_donut(frame, "id", event="Lokakarya 2020")
    pie = fig.data[0]
    assert pie.type == "pie" and pie.hole > 0 and pie.sort is False
    assert list(pie.labels) == ["Tatap muka", "Virtual"] and list(pie.values) == [1200, 171]
    assert list(pie.marker.colors) == [BLUE, ORANGE]
    assert fig.layout.title.text == "Mode kehadiran: Lokakarya 2020"
    assert "<b>1.371</b>" in fig.layout.annotations[0].text
    assert "Tatap muka 1.200 (87,5%)" in charts.alt_text(fig)


def test_attendance_stacked_100_traces_per_mode_in_metric_order():
    fig = charts.attendance_stacked_100(attendance_by_eselon1(), "en")
    assert [trace.name for trace in fig.data] == ["In person", "Virtual", "Absent"]
    assert fig.layout.barmode == "stack" and fig.layout.xaxis.tickformat == ".0%"
    in_person = fig.data[0]
    assert list(in_person.y) == [SETJEN, REHSOS] and list(in_person.x) == [0.75, 0.2]
    for i in range(2):
        assert sum(trace.x[i] for trace in fig.data) == pytest.approx(1.0)


def test_attendance_stacked_100_per_unit_shows_unit_names():
    frame = attendance_by_eselon1().rename(columns={"eselon1": "unit_key"})
    frame["unit_name"] = frame["unit_key"].map({SETJEN: "Biro Hukum", REHSOS: LONG})
    fig = charts.attendance_stacked_100(frame, "id", level="unit_key")
    assert fig.layout.title.text == "Mode kehadiran per unit kerja"
    assert fig.layout.yaxis.ticktext[0] == "Biro Hukum"
    assert fig.data[0].customdata[1][0] == LONG


@pytest.mark.parametrize(("lang", "day"), [("id", "4 Agustus 2020"), ("en", "4 August 2020")])
def test_attendance_by_event_days_in_order(lang, day):
    frame = pd.DataFrame({"event": ["Lokakarya 2019", "Lokakarya 2020", "Lokakarya 2020"],
                          "date": pd.to_datetime(["2019-08-01", "2020-08-04", "2020-08-04"]),
                          "mode": ["virtual", "tatap_muka", "virtual"], "agents": [5, 120, 171]})
    fig = charts.attendance_by_event(frame, lang)
    assert [trace.type for trace in fig.data] == ["bar", "bar"]
    keys = list(fig.layout.xaxis.categoryarray)
    assert len(keys) == 2 and keys[0].startswith("Lokakarya 2019|")
    assert keys[1] == f"Lokakarya 2020|{day}"
    assert fig.layout.xaxis.ticktext[1].endswith(day)
    virtual = fig.data[1]
    assert list(virtual.y) == [5, 171]


# --- Zona Integritas ------------------------------------------------------------------------

def test_stage_bar_lies_flat_in_stage_order_with_stage_colours():
    fig = charts.stage_bar(stage_counts(), "en")
    bar = fig.data[0]
    assert bar.orientation == "h"  # stage names stay level in a half-width column
    assert list(bar.y) == STAGE_ORDER
    assert list(fig.layout.yaxis.categoryarray) == STAGE_ORDER
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # first stage on top
    assert list(bar.x) == [3, 0, 10, 4, 2, 1, 5, 1, 2, 1]
    assert list(bar.marker.color) == [STAGE_COLOURS[k] for k in STAGE_ORDER]
    assert fig.layout.yaxis.ticktext[-1] == "Revoked"
    assert "<br>" not in "".join(fig.layout.yaxis.ticktext)


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_stage_palette_is_sequential_with_distinct_ends():
    colours = palette.stage_colors()
    path = [colours[k] for k in STAGE_ORDER[1:-1]]  # pencanangan … wbbm
    lightness = [_luminance(c) for c in path]
    assert lightness == sorted(lightness, reverse=True)  # later stage, darker
    assert len(set(colours.values())) == len(colours)
    assert _luminance(colours["belum"]) > lightness[0]  # a lighter grey before the path
    r, g, b = (int(colours["dicabut"][i:i + 2], 16) for i in (1, 3, 5))
    assert r > g and r > b  # revoked: a dark red, outside the blue-yellow path


def test_stage_funnel_keeps_path_order():
    fig = charts.stage_funnel(pd.DataFrame({"zi_stage": ["belum", "pencanangan", "wbk"],
                                            "units": [20, 17, 1], "share": [1, 0.85, 0.05]}),
                              "id")
    funnel = fig.data[0]
    assert funnel.type == "funnel"
    assert list(funnel.y) == ["Belum", "Pencanangan", "WBK"] and list(funnel.x) == [20, 17, 1]
    assert "WBK 1 (5,0%)" in charts.alt_text(fig)


def test_stages_by_eselon1_stacks_stages_in_order_most_units_on_top():
    frame = pd.DataFrame({"eselon1": [SETJEN] * 3 + [REHSOS] * 3,
                          "zi_stage": ["wbk", "belum", "dicabut"] * 2, "units": [1, 0, 0, 2, 3, 1]})
    fig = charts.stages_by_eselon1(frame, "id")
    assert [trace.name for trace in fig.data] == ["Belum", "WBK", "Dicabut"]
    assert list(fig.layout.yaxis.categoryarray) == [REHSOS, SETJEN]
    wbk = fig.data[1]
    assert list(wbk.x) == [2, 1] and wbk.marker.color == STAGE_COLOURS["wbk"]


def test_stage_movement_years_in_order():
    frame = pd.DataFrame({"year": pd.array([2020, 2019, 2020, 2019], dtype="Int64"),
                          "zi_stage": ["wbk", "wbk", "pembangunan", "pembangunan"],
                          "units": [2, 1, 2, 3]})
    fig = charts.stage_movement(frame, "en")
    assert list(fig.layout.xaxis.categoryarray) == ["2019", "2020"]
    assert [trace.name for trace in fig.data] == ["Development", "WBK"]
    assert list(fig.data[0].y) == [3, 2] and list(fig.data[1].y) == [1, 2]


@pytest.mark.parametrize(("lang", "wbk", "wbbm", "texts"), [
    ("id", 75, 85, ["WBK 75", "WBBM 85"]),
    ("en", 75.5, 85, ["WBK 75.5", "WBBM 85"]),
    ("id", 75.5, 87.25, ["WBK 75,5", "WBBM 87,25"]),
])
def test_lke_bar_reference_lines(lang, wbk, wbbm, texts):
    # The lines are the total minimums of the rule set given (here one made for the test).
    newest = rules.RULE_SETS[-1]
    marks = dataclasses.replace(
        newest, wbk=(rules.Minimum("lke_score", "Total", "Total", wbk), *newest.wbk[1:]),
        wbbm=(rules.Minimum("lke_score", "Total", "Total", wbbm), *newest.wbbm[1:]))
    fig = charts.lke_bar(lke_frame(), lang, rule_set=marks)
    lines = [shape.x0 for shape in fig.layout.shapes]
    assert lines == [wbk, wbbm]
    assert [a.text for a in fig.layout.annotations] == texts
    assert list(fig.layout.xaxis.range) == [0, 100]


@pytest.mark.parametrize(("key", "lines"), [("52/2014", [75, 85]), ("90/2021", [75, 85])])
def test_lke_bar_lines_come_from_the_rule_set(key, lines):
    fig = charts.lke_bar(lke_frame(), "id", rule_set=rules.rule_set(key))
    assert [shape.x0 for shape in fig.layout.shapes] == lines


def test_lke_bar_sorted_and_coloured_by_stage():
    fig = charts.lke_bar(lke_frame().iloc[::-1], "id")
    assert list(fig.layout.yaxis.categoryarray) == ["U1", "U2", "U3", "U4"]
    names = [trace.name for trace in fig.data]
    assert names == ["Pembangunan", "WBK", "WBBM", "Tidak diketahui"]
    wbk = fig.data[1]
    assert list(wbk.y) == ["U2"] and list(wbk.x) == [80.25]
    assert wbk.marker.color == STAGE_COLOURS["wbk"]
    alt = charts.alt_text(fig)
    assert "2 unit bernilai ≥ 75 (WBK), 1 unit ≥ 85 (WBBM)" in alt


def test_area_heatmap_units_by_areas():
    fig = charts.area_heatmap(area_frame(), "en")
    heat = fig.data[0]
    assert heat.type == "heatmap" and (heat.zmin, heat.zmax) == (0, 100)
    assert list(heat.x) == ["area_manajemen_perubahan", "area_tatalaksana", "area_sdm",
                            "area_akuntabilitas", "area_pengawasan", "area_pelayanan_publik"]
    assert [list(row) for row in heat.z] == [[100, 90, 80, 70, 60, 50], [40, 41, 42, 43, 44, 45]]
    assert list(fig.layout.yaxis.ticktext) == ["Balai B", "Balai A"]
    assert fig.layout.xaxis.ticktext[0] == "Change<br>management"
    assert "2 units × 6 areas; values 40–100%" in charts.alt_text(fig)


def test_area_heatmap_uses_the_areas_present_and_the_index():
    frame = pd.DataFrame({"area_sdm": [50.0], "area_tatalaksana": [70.0]}, index=["Balai X"])
    heat = charts.area_heatmap(frame, "id").data[0]
    assert list(heat.x) == ["area_tatalaksana", "area_sdm"]  # schema order
    assert heat.customdata[0][0][0] == "Balai X"


# --- action plans ---------------------------------------------------------------------------

def test_plan_status_bar_overall():
    fig = charts.plan_status_bar(plan_status(), "en")
    bar = fig.data[0]
    assert list(bar.x) == ["Planned", "In progress", "Done", "Cancelled", "Unknown"]
    assert list(bar.y) == [1, 2, 3, 0, 1]
    assert bar.marker.color[2] == GREEN  # selesai


def test_plan_status_bar_per_unit_stacks_statuses():
    fig = charts.plan_status_bar(plan_status(level=True), "id", level="unit_key")
    assert [trace.name for trace in fig.data] == ["Rencana", "Berjalan", "Selesai", "Batal",
                                                 "Tidak diketahui"]
    assert list(fig.layout.yaxis.categoryarray) == ["U2", "U1"]  # 6 plans before 2
    assert list(fig.layout.yaxis.ticktext) == ["Balai B", "Balai A"]


def test_plan_progress_bar():
    frame = pd.DataFrame({"eselon1": [REHSOS, SETJEN], "plans": [3, 4], "done": [3, 1],
                          "done_share": [1.0, 0.25], "mean_progress": [100.0, 40.0]})
    fig = charts.plan_progress_bar(frame, "id", level="eselon1")
    assert fig.layout.title.text == "Progres RTL per Eselon I"
    assert list(fig.data[0].y) == [REHSOS, SETJEN] and list(fig.data[0].x) == [100.0, 40.0]
    assert "terendah Sekretariat Jenderal (40,0)" in charts.alt_text(fig)


# --- theme ----------------------------------------------------------------------------------

def test_chart_config():
    config = charts.chart_config("agen per unit/2020")
    assert config["displaylogo"] is False
    assert {"sendDataToCloud", "lasso2d", "select2d"} <= set(config["modeBarButtonsToRemove"])
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "agen_per_unit_2020",
                                              "scale": 2}


def test_template_is_a_fresh_copy_each_time():
    first = theme.build_template()
    first.layout.font.size = 40
    assert theme.build_template().layout.font.size != 40
    colours = palette.stage_colors()
    colours["wbk"] = "#000000"
    assert palette.stage_colors()["wbk"] != "#000000"


@pytest.mark.parametrize(("target", "updates", "expected"), [
    ({}, {"a": 1}, {"a": 1}),
    ({"a": {"b": 1, "c": 2}}, {"a": {"b": 3}}, {"a": {"b": 3, "c": 2}}),  # nested: merged
    ({"a": {"b": 1}}, {"a": {"d": {"e": 4}}}, {"a": {"b": 1, "d": {"e": 4}}}),
    ({"a": 1}, {"a": {"b": 2}}, {"a": {"b": 2}}),  # a value replaced by a dict
    ({"a": {"b": 1}}, {"a": 5}, {"a": 5}),  # a dict replaced by a value
    ({"a": [1, 2]}, {"a": [3]}, {"a": [3]}),  # lists are replaced, never appended to
])
def test_merge_is_a_deep_update(target, updates, expected):
    assert theme.merge(target, updates) == expected


def test_merge_copies_dicts_in():
    source = {"title": {"text": "A"}}
    fig = theme.spec(xaxis=source)
    theme.update_axis(fig, "x", title=dict(text="B"))
    assert source == {"title": {"text": "A"}}  # the caller's dict is not changed
    assert fig["layout"]["xaxis"] == {"title": {"text": "B"}}


def test_finish_figure_validates_the_whole_spec():
    # Built as plain data, checked by Plotly once at the end: a wrong property still fails.
    with pytest.raises(ValueError, match="colour"):
        theme.finish_figure(theme.spec(dict(type="bar", x=[1], y=[1], colour="red")),
                            lang="id", title="T", alt="T")
    with pytest.raises(ValueError, match="bargapp"):
        theme.finish_figure(theme.spec(bargapp=0.2), lang="id", title="T", alt="T")


def test_alt_text_of_a_foreign_figure_is_empty():
    assert charts.alt_text(go.Figure()) == ""


@pytest.mark.parametrize(("text", "width", "expected"), [
    ("Biro Hukum", 42, "Biro Hukum"),
    ("Balai Rehabilitasi Sosial Anak", 12, "Balai Rehab…"),
    (None, 10, ""),
])
def test_shorten(text, width, expected):
    assert theme.shorten(text, width) == expected


@pytest.mark.parametrize(("title", "lines", "top"), [
    # 27 characters fit the 32 of a line: no wrap, the 64 px top margin.
    ("Agen perubahan per Eselon I", ["Agen perubahan per Eselon I"], 64),
    # 55 characters: 2 lines of at most 28 + 3 = 31; one extra line adds 20 px.
    ("Mode kehadiran: Lokakarya Penguatan Agen Perubahan 2020",
     ["Mode kehadiran: Lokakarya", "Penguatan Agen Perubahan 2020"], 84),
    # 77 characters: 3 lines of at most 26 + 3 = 29; 64 + 2 × 20.
    ("Attendance mode: National Workshop of Agents of Change, second batch, Jakarta",
     ["Attendance mode: National", "Workshop of Agents of Change,", "second batch, Jakarta"],
     104),
])
def test_long_titles_wrap_in_balanced_lines_with_room_above_the_plot(title, lines, top):
    assert theme.wrap_title(title) == "<br>".join(lines)
    fig = theme.finish_figure(theme.spec(dict(type="bar", x=[1], y=[1])), lang="id",
                              title=title, alt=title)
    assert fig.layout.title.text == "<br>".join(lines)
    assert fig.layout.margin.t == top


def test_source_line_is_right_aligned_so_it_never_runs_off_a_narrow_figure():
    fig = charts.agents_per_eselon1_bar(per_eselon1(), "id", source="Sumber: Dasbor ZI")
    note = next(a for a in fig.layout.annotations if a.text == "Sumber: Dasbor ZI")
    assert (note.x, note.xanchor, note.xref) == (1, "right", "paper")


@pytest.mark.parametrize(("name", "expected"), [
    ("Inspektorat Jenderal", "Inspektorat Jenderal"),
    ("Direktorat Jenderal Rehabilitasi Sosial", "Direktorat Jenderal<br>Rehabilitasi Sosial"),
    ("Badan Pendidikan, Penelitian dan Penyuluhan Sosial",
     "Badan Pendidikan,<br>Penelitian dan<br>Penyuluhan Sosial"),
    ("Direktorat Jenderal Pengelolaan Sumber Dana Bantuan Sosial Nasional",
     "Direktorat Jenderal<br>Pengelolaan Sumber<br>Dana Bantuan Sosial N…"),
])
def test_group_labels(name, expected):
    assert theme.group_labels([name]) == [expected]


def test_row_height_grows_with_label_lines():
    assert theme.row_height(["Biro Hukum", "Biro Umum"]) == 22
    assert theme.row_height(["a<br>b"]) == 38  # 16 × 2 + 6
    assert theme.row_height(["a", "a<br>b<br>c"]) == 54  # the tallest label: 16 × 3 + 6


def test_wrap_and_bar_height():
    wrapped = theme.wrap("Penguatan Akuntabilitas Kinerja", 16)
    assert wrapped == "Penguatan<br>Akuntabilitas<br>Kinerja"
    assert theme.bar_height(81) == 1932  # 150 + 81 × 22
    assert theme.bar_height(1) == 320


def test_stacked_bars_one_trace_per_key_in_enum_order_then_unknown_then_others():
    from zi_dashboard.charts.fold import OTHERS_KEY
    from zi_dashboard.charts.theme import add_stacked_bars
    data = pd.DataFrame({
        "unit_key": ["U1", "U2", "U1", "U3", "U2", "U2", "U9", "U3", "U1", OTHERS_KEY],
        "zi_stage": ["wbk", "pencanangan", "pencanangan", "wbk", "lain", None, "wbk", "wbbm",
                     "belum", OTHERS_KEY],
        "units": [2, 1, 3, float("nan"), 4, 5, 7, 0, 0, 6],
        "_name": ["Balai A", "Balai B", "Balai A", "Balai C", "Balai B", "Balai B", "Balai Z",
                  "Balai C", "Balai A", "Lainnya"],
        "_count": [2, 1, 3, 0, 4, 5, 7, 0, 0, 6],
    })
    built = theme.spec()
    add_stacked_bars(built, data, level="unit_key", series="zi_stage", value="units",
                     keys=["U3", "U2", "U1", OTHERS_KEY], enum=schema.STAGES,
                     colours=STAGE_COLOURS, lang="id", horizontal=True, line="§: %{x}")
    fig = go.Figure(built)
    # belum and wbbm hold only zeros, U3's wbk has no value, U9 is not a category: no bars;
    # "lain" and the missing stage are one unknown trace (summed per unit).
    assert [(tr.name, list(tr.y), list(tr.x)) for tr in fig.data] == [
        ("Pencanangan", ["U2", "U1"], [1, 3]),
        ("WBK", ["U1"], [2]),
        ("Tidak diketahui", ["U2"], [9]),
        ("Lainnya", [OTHERS_KEY], [6]),
    ]
    assert [list(row) for row in fig.data[2].customdata] == [["Balai B", 9]]
    assert fig.data[1].marker.color == STAGE_COLOURS["wbk"]
    assert fig.layout.barmode == "stack"
