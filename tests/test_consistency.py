"""Consistency warnings between a unit's stage, its scores and its ZI history; WBBM needs WBK."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.workbooks import source
from zi_dashboard.domain import rules
from zi_dashboard.ingest.validate import validate_sources
from zi_dashboard.present import dashboard

TODAY = dt.date(2026, 1, 15)
UNIT_HEADER = ["Unit kerja", "Eselon I", "Tahap ZI", "Tahun penilaian", "Nilai LKE"]
HISTORY_HEADER = ["Unit kerja", "Tahun", "Tahap ZI", "Nilai LKE"]
CODES = ("stage_below_minimum", "wbbm_without_wbk", "title_lost_without_revocation",
         "proposed_after_revocation")


def check(units, history=None, current=None):
    """(code, sheet, row) of every consistency warning, and the validation result."""
    sheets = {"Unit kerja": [UNIT_HEADER, *units]}
    if history is not None:
        sheets["Riwayat ZI"] = [HISTORY_HEADER, *history]
    result = validate_sources([source("zi.xlsx", sheets)], today=TODAY, current=current)
    found = [(i.code, i.sheet, i.row) for i in result.report.issues if i.code in CODES]
    assert all(i.severity == "warning" for i in result.report.issues if i.code in CODES)
    return found, result


def unit(name="Biro Umum", stage="WBK", year=2022, score="80"):
    return [name, "Sekretariat Jenderal", stage, year, score]


# (units rows, expected [(code, sheet, row)]): the score in the evaluation year against the
# minimum of that year's rule set (WBK 75 and WBBM 85 under every set).
BELOW_MINIMUM = [
    ([unit(score="75")], []),
    ([unit(score="74,99")], [("stage_below_minimum", "Unit kerja", 2)]),
    ([unit(stage="Diusulkan WBBM", score="74")], [("stage_below_minimum", "Unit kerja", 2)]),
    ([unit(stage="WBBM", score="85")], []),
    ([unit(stage="WBBM", score="84,9")], [("stage_below_minimum", "Unit kerja", 2)]),
    ([unit(stage="WBK", year=2019, score="74")], [("stage_below_minimum", "Unit kerja", 2)]),
    ([unit(stage="Penilaian TPI", score="60")], []),         # no title: nothing to contradict
    ([unit(stage="Dicabut", score="60")], []),
    ([unit(stage="WBK", year=None, score="60")], []),         # no evaluation year: no such year
]


@pytest.mark.parametrize(("units", "expected"), BELOW_MINIMUM)
def test_a_title_with_a_score_below_its_minimum(units, expected):
    assert check(units)[0] == expected


def test_the_below_minimum_message_names_score_year_minimum_and_rule_set():
    _, result = check([unit(stage="WBBM", year=2020, score="84,5")])
    (issue,) = [i for i in result.report.issues if i.code == "stage_below_minimum"]
    assert issue.column == "Nilai LKE"
    assert issue.message("id") == (
        "Biro Umum tercatat WBBM, tetapi nilai LKE 84,5 pada tahun penilaian 2020 di bawah "
        "minimal WBBM 85,0 menurut PermenPANRB 10/2019. Periksa tahapnya, nilainya, atau "
        "tahun penilaiannya.")
    assert issue.message("en").startswith(
        "Biro Umum is recorded at WBBM, but its LKE score of 84.5 in evaluation year 2020 is "
        "below the WBBM minimum of 85.0 under PermenPANRB 10/2019.")


def test_history_rows_are_checked_against_the_rule_set_of_their_year():
    found, _ = check([unit(score="80")], [["Biro Umum", 2019, "WBK", "74"],
                                          ["Biro Umum", 2020, "WBK", "75"]])
    assert found == [("stage_below_minimum", "Riwayat ZI", 2)]


# (units rows, history rows, expected): WBBM needs a WBK title in an earlier year.
WBBM_ORDER = [
    ([unit(stage="WBBM", score="90")], [["Biro Umum", 2019, "WBK", None],
                                        ["Biro Umum", 2021, "WBBM", None]], []),
    ([unit(stage="WBBM", score="90")], [["Biro Umum", 2019, "Pembangunan", None],
                                        ["Biro Umum", 2021, "WBBM", None]],
     [("wbbm_without_wbk", "Riwayat ZI", 3)]),
    # the same year is not earlier
    ([unit(stage="WBBM", score="90")], [["Biro Umum", 2021, "WBK", None],
                                        ["Biro Umum", 2021, "WBBM", None]],
     [("wbbm_without_wbk", "Riwayat ZI", 3)]),
    # a units sheet at WBBM whose history never shows WBK
    ([unit(stage="WBBM", score="90")], [["Biro Umum", 2020, "Pembangunan", None]],
     [("wbbm_without_wbk", "Unit kerja", 2)]),
    # proposed for WBBM counts as holding WBK
    ([unit(stage="WBBM", score="90")], [["Biro Umum", 2020, "Diusulkan WBBM", None]], []),
    # no history for this unit: nothing to compare with
    ([unit(stage="WBBM", score="90"), unit(name="Biro Hukum", stage="Pembangunan")],
     [["Biro Hukum", 2020, "Pembangunan", None]], []),
]


@pytest.mark.parametrize(("units", "history", "expected"), WBBM_ORDER)
def test_wbbm_without_an_earlier_wbk(units, history, expected):
    assert check(units, history)[0] == expected


# (history rows, expected): a title may only go back through a revocation.
TITLE_ORDER = [
    ([["Biro Umum", 2019, "WBK", None], ["Biro Umum", 2020, "Pembangunan", None]],
     [("title_lost_without_revocation", "Riwayat ZI", 3)]),
    ([["Biro Umum", 2019, "WBK", None], ["Biro Umum", 2020, "Dicabut", None],
      ["Biro Umum", 2021, "Pembangunan", None]], []),
    ([["Biro Umum", 2021, "WBBM", None], ["Biro Umum", 2019, "WBK", None],
      ["Biro Umum", 2022, "WBK", None]], [("title_lost_without_revocation", "Riwayat ZI", 4)]),
    # a proposal that is not awarded is no title lost
    ([["Biro Umum", 2020, "Diusulkan WBK", None], ["Biro Umum", 2021, "Pembangunan", None]], []),
    ([["Biro Umum", 2020, "WBK", None], ["Biro Umum", 2021, "Diusulkan WBBM", None],
      ["Biro Umum", 2022, "WBK", None]], []),
    # rows out of order in the sheet are sorted by year first
    ([["Biro Umum", 2021, "WBK", None], ["Biro Umum", 2019, "Pembangunan", None]], []),
]


@pytest.mark.parametrize(("history", "expected"), TITLE_ORDER)
def test_a_title_lost_without_revocation(history, expected):
    units = [unit(stage="Pembangunan", score=None)]
    found, _ = check(units, history)
    assert [f for f in found if f[1] == "Riwayat ZI"] == expected


def test_the_units_stage_continues_the_history():
    # WBK since 2019 in the history, the units sheet now says Pembangunan without a revocation.
    found, result = check([unit(stage="Pembangunan", score=None)],
                          [["Biro Umum", 2019, "WBK", None]])
    assert found == [("title_lost_without_revocation", "Unit kerja", 2)]
    (issue,) = [i for i in result.report.issues if i.code == "title_lost_without_revocation"]
    assert issue.message("id").startswith(
        "Riwayat Biro Umum mundur dari WBK (2019) ke Pembangunan (2022) tanpa pencabutan.")
    assert issue.message("en").startswith(
        "The history of Biro Umum goes back from WBK (2019) to Development (2022) without a "
        "revocation.")


# (history rows, expected): a proposal within 2 years of a revocation.
REPROPOSALS = [
    ([["Biro Umum", 2021, "Dicabut", None], ["Biro Umum", 2022, "Diusulkan WBK", None]],
     [("proposed_after_revocation", "Riwayat ZI", 3)]),
    ([["Biro Umum", 2021, "Dicabut", None], ["Biro Umum", 2021, "Diusulkan WBK", None]],
     [("proposed_after_revocation", "Riwayat ZI", 3)]),
    ([["Biro Umum", 2021, "Dicabut", None], ["Biro Umum", 2023, "Diusulkan WBK", None]], []),
    ([["Biro Umum", 2018, "Dicabut", None], ["Biro Umum", 2022, "Evaluasi TPN", None]], []),
    # a proposal before the revocation is not a re-proposal
    ([["Biro Umum", 2020, "Diusulkan WBK", None], ["Biro Umum", 2021, "Dicabut", None]], []),
]


@pytest.mark.parametrize(("history", "expected"), REPROPOSALS)
def test_proposed_again_too_soon_after_a_revocation(history, expected):
    units = [unit(stage="Pembangunan", score=None)]
    found, _ = check(units, history)
    assert [f for f in found if f[0] == "proposed_after_revocation"] == expected


def test_the_units_sheet_proposal_is_checked_against_the_stored_history():
    current = {"zi_history": pd.DataFrame({
        "unit": ["Biro Umum", "Biro Umum"], "year": pd.array([2020, 2021], dtype="Int64"),
        "zi_stage": ["wbk", "dicabut"], "lke_score": [80.0, None],
        "unit_key": ["biro_umum", "biro_umum"]})}
    found, result = check([unit(stage="Diusulkan WBK", year=2022, score="80")], current=current)
    assert found == [("proposed_after_revocation", "Unit kerja", 2)]
    (issue,) = [i for i in result.report.issues if i.code == "proposed_after_revocation"]
    assert issue.message("id").startswith(
        "Biro Umum diusulkan lagi pada 2022, 1 tahun setelah predikatnya dicabut (2021).")


def test_stored_rows_give_context_but_are_never_flagged():
    current = {"zi_history": pd.DataFrame({
        "unit": ["Biro Umum"], "year": pd.array([2019], dtype="Int64"), "zi_stage": ["wbk"],
        "lke_score": [60.0], "unit_key": ["biro_umum"]})}
    found, _ = check([unit(stage="WBK", score="80")], current=current)
    assert found == []


# --- WBBM eligibility needs a WBK title -------------------------------------------------------

# WBBM-level scores under 90/2021 (areas 53, IPAK 16,5, capaian 4,5, IPKP 16,5, total 90,5).
WBBM_SCORES = dict(zip(("area_manajemen_perubahan", "area_tatalaksana", "area_sdm",
                        "area_akuntabilitas", "area_pengawasan", "area_pelayanan_publik"),
                       (7.0, 6.0, 9.0, 9.0, 13.0, 9.0), strict=True)) | dict(
    hasil_ipak=16.5, hasil_capaian_kinerja=4.5, hasil_ipkp=16.5, lke_score=90.5,
    evaluation_year=2022)


@pytest.mark.parametrize(("stage", "wbbm_eligible"), [
    ("pembangunan", False), ("penilaian_tpi", False), ("diusulkan_wbk", False),
    ("evaluasi_tpn", False), ("wbk", True), ("diusulkan_wbbm", True), ("wbbm", True),
    ("dicabut", False), (None, False),
])
def test_wbbm_eligible_only_when_the_unit_holds_wbk(stage, wbbm_eligible):
    units = pd.DataFrame([WBBM_SCORES | {"unit_key": "u", "unit_name": "U", "eselon1": "E",
                                         "zi_stage": stage}])
    checks = rules.check_units(units)
    assert checks["wbk_eligible"].tolist() == [True]
    assert checks["wbbm_eligible"].tolist() == [wbbm_eligible]
    assert checks["holds_wbk"].tolist() == [wbbm_eligible]
    expected_gaps = "" if wbbm_eligible else (
        "Belum berpredikat WBK: WBBM mensyaratkan predikat WBK lebih dulu")
    assert checks["wbbm_gaps"].tolist() == [expected_gaps]
    assert rules.check_unit(units.iloc[0]).wbbm_eligible is wbbm_eligible


def test_progres_zi_counts_wbbm_eligible_units_that_hold_wbk():
    units = pd.DataFrame([WBBM_SCORES | {"unit_key": k, "unit_name": k, "eselon1": "E",
                                         "zi_stage": s}
                          for k, s in (("a", "pembangunan"), ("b", "wbk"), ("c", "dicabut"),
                                       ("d", "wbbm"))])
    cards = dashboard.check_cards(rules.check_units(units), "id")
    values = {c["label"]: c["value"] for c in cards}
    assert values["Memenuhi syarat WBK"] == "4"
    assert values["Memenuhi syarat WBBM"] == "2"
