"""Gap tables at a glance and Profil Unit's display data: written out by hand per language."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.tables import make_table
from zi_dashboard import charts
from zi_dashboard.analysis import whatif
from zi_dashboard.domain import rules
from zi_dashboard.present import gaps, profile

AREAS = ("area_manajemen_perubahan", "area_tatalaksana", "area_sdm", "area_akuntabilitas",
         "area_pengawasan", "area_pelayanan_publik")


def unit(key, name, areas, ipak, capaian, ipkp, total=None, stage="pembangunan"):
    row = {"unit_key": key, "unit_code": key, "unit_name": name, "eselon1": "Inspektorat Jenderal",
           "zi_stage": stage, "evaluation_year": 2023, **dict(zip(AREAS, areas, strict=True)),
           "hasil_ipak": ipak, "hasil_capaian_kinerja": capaian, "hasil_ipkp": ipkp}
    scores = [*areas, ipak, capaian, ipkp]
    row["lke_score"] = total if total is not None else (
        None if None in scores else round(sum(scores), 2))
    return row


UNITS = make_table("units", [
    # Pengawasan 1,2 and IPKP 0,8 short, total 74,5 of 75: the 2,0 points close all three.
    unit("A", "Balai A", (6.0, 5.0, 7.0, 7.0, 7.8, 7.2), 17.5, 3.8, 13.2),
    # Met: not listed.
    unit("B", "Balai B", (6.0, 5.0, 7.0, 7.0, 9.0, 7.2), 16.0, 2.5, 16.3),
    # Only the total, 0,5 short.
    unit("C", "Balai C", (6.0, 5.0, 7.0, 7.0, 9.0, 7.2), 16.0, 2.5, 14.8),
    # IPKP missing: the points are unknown, listed last.
    unit("D", "Balai D", (6.0, 5.0, 7.0, 7.0, 9.0, 7.2), 16.0, 2.5, None, total=70.0),
])


@pytest.mark.parametrize(("lang", "cells"), [
    ("id", ["Total kurang 0,5", "Total kurang 0,5 · Pengawasan kurang 1,2 · IPKP kurang 0,8",
            "Total kurang 5,0 · IPKP belum ada nilai"]),
    ("en", ["Total short by 0.5",
            "Total short by 0.5 · Supervision short by 1.2 · IPKP short by 0.8",
            "Total short by 5.0 · IPKP no score"]),
])
def test_gap_table_is_one_row_per_unit_closest_first(lang, cells):
    table = gaps.gap_table(UNITS, "wbk", lang)
    assert table["unit_key"].tolist() == ["C", "A", "D"]
    assert table["missed"].tolist() == cells
    assert table["missed_count"].tolist() == [1, 3, 2]
    assert table["points_needed"].iloc[:2].tolist() == pytest.approx([0.5, 2.0])
    assert pd.isna(table["points_needed"].iloc[2])


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Naikkan Pengawasan +1,2 dan IPKP +0,8 untuk memenuhi syarat WBK (+2,0 poin)."),
    ("en", "Raise Supervision +1.2 and IPKP +0.8 to meet WBK (+2.0 points)."),
])
def test_plan_text_names_the_increases(lang, text):
    row = UNITS.iloc[0].to_dict()
    assert gaps.plan_text(whatif.least_increases(row, {}, "wbk"), lang) == text


@pytest.mark.parametrize(("plan", "lang", "text"), [
    (whatif.Plan("wbk", (), True), "id", "Sudah memenuhi semua minimal WBK."),
    (whatif.Plan("wbbm", (), True, True), "en", "WBBM also requires a WBK title first."),
    (whatif.Plan("wbk", (("area_sdm", 1.0), ("hasil_ipak", 2.5), ("hasil_ipkp", 0.25)), True),
     "id", "Naikkan SDM +1,0, IPAK +2,5 dan IPKP +0,25 untuk memenuhi syarat WBK (+3,75 poin)."),
    (whatif.Plan("wbk", (("area_sdm", 5.0),), False), "en",
     "WBK cannot be reached: even at the weights, HR +5.0 is not enough."),
])
def test_plan_text_cases(plan, lang, text):
    assert gaps.plan_text(plan, lang) == text


@pytest.mark.parametrize(("requested", "filtered", "options", "expected"), [
    ("B", (), ["A", "B"], ("B", None)),
    ("Z", (), ["A", "B"], ("A", "Z")),
    (None, ("B",), ["A", "B"], ("B", None)),
    (None, ("Z", "B"), ["A", "B"], ("B", None)),
    (None, (), ["A", "B"], ("A", None)),
    ("Z", (), [], (None, "Z")),
])
def test_pick_unit(requested, filtered, options, expected):
    assert profile.pick_unit(requested, filtered, options) == expected


def test_timeline_keeps_a_years_last_entry_in_year_order():
    history = make_table("zi_history", [
        {"unit_key": "A", "year": 2021, "zi_stage": "pembangunan"},
        {"unit_key": "A", "year": 2019, "zi_stage": "pencanangan"},
        {"unit_key": "B", "year": 2020, "zi_stage": "wbk"},
        {"unit_key": "A", "year": 2021, "zi_stage": "penilaian_tpi"},
    ])
    frame = profile.timeline_frame(history, "A", "Balai A")
    assert frame[["year", "zi_stage"]].values.tolist() == [[2019, "pencanangan"],
                                                           [2021, "penilaian_tpi"]]
    assert set(frame["unit_name"]) == {"Balai A"}


def test_unit_scores_marks_both_minimums():
    rule_set = rules.rule_set("90/2021")
    row = UNITS.iloc[0].to_dict()
    frame = profile.score_frame(rule_set, whatif.start_values(row, rule_set), "id", "Balai A")
    fig = charts.unit_scores(frame, "id", unit="Balai A")
    marks = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in fig.data
             if trace.type == "scatter"}
    # 60 % and 75 % of Pengawasan's 15; IPKP 14 and 15,75; no minimum of its own for IPAK's
    # bar beyond 15,75 in both.
    assert marks["Minimal WBK"]["area_pengawasan"] == pytest.approx(9.0)
    assert marks["Minimal WBBM"]["area_pengawasan"] == pytest.approx(11.25)
    assert marks["Minimal WBK"]["hasil_ipkp"] == pytest.approx(14.0)
    assert marks["Minimal WBBM"]["hasil_ipkp"] == pytest.approx(15.75)
    bars = next(trace for trace in fig.data if trace.type == "bar" and trace.name == "Nilai")
    assert dict(zip(bars.y, bars.x, strict=True))["area_pengawasan"] == pytest.approx(7.8)
    assert "Balai A" in fig.layout.title.text
