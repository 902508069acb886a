"""ZI rule sets: every minimum of every regulation version at, just above and just below it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zi_dashboard.domain import rules

AREAS = ("area_manajemen_perubahan", "area_tatalaksana", "area_sdm", "area_akuntabilitas",
         "area_pengawasan", "area_pelayanan_publik")

# 90/2021: a unit well above every WBBM minimum (areas 53.0 + IPAK 16.5 + capaian 4.5 + IPKP 16.5).
# Both bases hold WBK (zi_stage), which WBBM requires (tests/test_lke.py covers units without).
BASE_2021 = dict(zip(AREAS, (7.0, 6.0, 9.0, 9.0, 13.0, 9.0), strict=True)) | dict(zi_stage="wbk",
    hasil_ipak=16.5, hasil_capaian_kinerja=4.5, hasil_ipkp=16.5, lke_score=90.5, evaluation_year=2022,
    unit_key="u")
# 52/2014 and 10/2019: areas 50.0 + IPAK 14.5 + TLHP 4.5 + IPKP 18.0.
BASE_2014 = dict(zip(AREAS, (4.0, 4.0, 12.0, 8.0, 12.0, 10.0), strict=True)) | dict(zi_stage="wbk",
    hasil_ipak=14.5, hasil_tlhp=4.5, hasil_ipkp=18.0, lke_score=87.0, evaluation_year=2019,
    unit_key="u")

# Hand-computed area minimums under 90/2021: 60 % (WBK) and 75 % (WBBM) of 8, 7, 10, 10, 15, 10.
AREA_MIN_WBK = dict(zip(AREAS, (4.8, 4.2, 6.0, 6.0, 9.0, 6.0), strict=True))
AREA_MIN_WBBM = dict(zip(AREAS, (6.0, 5.25, 7.5, 7.5, 11.25, 7.5), strict=True))


def _area_cases(target: str, minimums: dict[str, float]) -> list:
    cases = []
    for area, low in minimums.items():
        cases += [(target, {area: low}, set()), (target, {area: round(low + 0.01, 2)}, set()),
                  (target, {area: round(low - 0.01, 2)}, {area})]
    return cases


CASES_2021 = [
    ("wbk", {}, set()),
    ("wbbm", {}, set()),
    ("wbk", {"lke_score": 75.0}, set()),
    ("wbk", {"lke_score": 75.01}, set()),
    ("wbk", {"lke_score": 74.99}, {"lke_score"}),
    # pengungkit exactly 40 with every area above 60 %, then 40.01, then 39.99 (MP 4.99 ≥ 4.8)
    ("wbk", dict(zip(AREAS, (5.0, 5.0, 7.0, 7.0, 10.0, 6.0), strict=True)), set()),
    ("wbk", dict(zip(AREAS, (5.0, 5.0, 7.0, 7.0, 10.0, 6.01), strict=True)), set()),
    ("wbk", dict(zip(AREAS, (4.99, 5.0, 7.0, 7.0, 10.0, 6.0), strict=True)), {"pengungkit"}),
    *_area_cases("wbk", AREA_MIN_WBK),
    # bersih & akuntabel = IPAK + capaian ≥ 18.25: it cannot fail without a component failing
    ("wbk", {"hasil_ipak": 15.75, "hasil_capaian_kinerja": 2.5}, set()),
    ("wbk", {"hasil_ipak": 15.76, "hasil_capaian_kinerja": 2.5}, set()),
    ("wbk", {"hasil_ipak": 15.75, "hasil_capaian_kinerja": 2.49},
     {"bersih", "hasil_capaian_kinerja"}),
    ("wbk", {"hasil_ipak": 15.75}, set()),
    ("wbk", {"hasil_ipak": 15.76}, set()),
    ("wbk", {"hasil_ipak": 15.74}, {"hasil_ipak"}),
    ("wbk", {"hasil_capaian_kinerja": 2.5}, set()),
    ("wbk", {"hasil_capaian_kinerja": 2.51}, set()),
    ("wbk", {"hasil_capaian_kinerja": 2.49}, {"hasil_capaian_kinerja"}),
    ("wbk", {"hasil_ipkp": 14.0}, set()),
    ("wbk", {"hasil_ipkp": 14.01}, set()),
    ("wbk", {"hasil_ipkp": 13.99}, {"hasil_ipkp"}),
    ("wbbm", {"lke_score": 85.0}, set()),
    ("wbbm", {"lke_score": 85.01}, set()),
    ("wbbm", {"lke_score": 84.99}, {"lke_score"}),
    ("wbbm", dict(zip(AREAS, (6.5, 5.5, 8.0, 8.0, 12.0, 8.0), strict=True)), set()),
    ("wbbm", dict(zip(AREAS, (6.5, 5.5, 8.0, 8.0, 12.0, 8.01), strict=True)), set()),
    ("wbbm", dict(zip(AREAS, (6.49, 5.5, 8.0, 8.0, 12.0, 8.0), strict=True)), {"pengungkit"}),
    *_area_cases("wbbm", AREA_MIN_WBBM),
    ("wbbm", {"hasil_ipak": 15.75, "hasil_capaian_kinerja": 3.75}, set()),
    ("wbbm", {"hasil_ipak": 15.75, "hasil_capaian_kinerja": 3.76}, set()),
    ("wbbm", {"hasil_ipak": 15.75, "hasil_capaian_kinerja": 3.74},
     {"bersih", "hasil_capaian_kinerja"}),
    ("wbbm", {"hasil_ipak": 15.75}, set()),
    ("wbbm", {"hasil_ipak": 15.76}, set()),
    ("wbbm", {"hasil_ipak": 15.74}, {"hasil_ipak"}),
    ("wbbm", {"hasil_capaian_kinerja": 3.75}, set()),
    ("wbbm", {"hasil_capaian_kinerja": 3.76}, set()),
    ("wbbm", {"hasil_capaian_kinerja": 3.74}, {"hasil_capaian_kinerja"}),
    ("wbbm", {"hasil_ipkp": 15.75}, set()),
    ("wbbm", {"hasil_ipkp": 15.76}, set()),
    ("wbbm", {"hasil_ipkp": 15.74}, {"hasil_ipkp"}),
    # A WBK unit need not meet WBBM: IPKP 15 is fine for WBK, short for WBBM.
    ("wbk", {"hasil_ipkp": 15.0}, set()),
    ("wbbm", {"hasil_ipkp": 15.0}, {"hasil_ipkp"}),
]

CASES_2014 = [
    ("wbk", {}, set()),
    ("wbbm", {}, set()),
    ("wbk", {"lke_score": 75.0}, set()),
    ("wbk", {"lke_score": 75.01}, set()),
    ("wbk", {"lke_score": 74.99}, {"lke_score"}),
    # bersih & bebas KKN = IPAK + TLHP ≥ 18 can fail on its own (13.5 + 3.5 = 17)
    ("wbk", {"hasil_ipak": 14.0, "hasil_tlhp": 4.0}, set()),
    ("wbk", {"hasil_ipak": 14.0, "hasil_tlhp": 4.01}, set()),
    ("wbk", {"hasil_ipak": 14.0, "hasil_tlhp": 3.99}, {"bersih"}),
    ("wbk", {"hasil_ipak": 13.5, "hasil_tlhp": 5.0}, set()),
    ("wbk", {"hasil_ipak": 13.51, "hasil_tlhp": 5.0}, set()),
    ("wbk", {"hasil_ipak": 13.49, "hasil_tlhp": 5.0}, {"hasil_ipak"}),
    ("wbk", {"hasil_ipak": 13.49}, {"hasil_ipak", "bersih"}),
    ("wbk", {"hasil_tlhp": 3.5, "hasil_ipak": 15.0}, set()),
    ("wbk", {"hasil_tlhp": 3.51, "hasil_ipak": 15.0}, set()),
    ("wbk", {"hasil_tlhp": 3.49, "hasil_ipak": 15.0}, {"hasil_tlhp"}),
    # No area or service minimum for WBK under these rules.
    ("wbk", {"area_manajemen_perubahan": 0.5, "area_pengawasan": 1.0}, set()),
    ("wbk", {"hasil_ipkp": 5.0}, set()),
    ("wbbm", {"lke_score": 85.0}, set()),
    ("wbbm", {"lke_score": 85.01}, set()),
    ("wbbm", {"lke_score": 84.99}, {"lke_score"}),
    ("wbbm", {"hasil_ipak": 14.0, "hasil_tlhp": 4.0}, set()),
    ("wbbm", {"hasil_ipak": 14.0, "hasil_tlhp": 3.99}, {"bersih"}),
    ("wbbm", {"hasil_ipak": 13.5, "hasil_tlhp": 5.0}, set()),
    ("wbbm", {"hasil_ipak": 13.49, "hasil_tlhp": 5.0}, {"hasil_ipak"}),
    ("wbbm", {"hasil_tlhp": 3.5, "hasil_ipak": 15.0}, set()),
    ("wbbm", {"hasil_tlhp": 3.49, "hasil_ipak": 15.0}, {"hasil_tlhp"}),
    ("wbbm", {"hasil_ipkp": 16.0}, set()),
    ("wbbm", {"hasil_ipkp": 16.01}, set()),
    ("wbbm", {"hasil_ipkp": 15.99}, {"hasil_ipkp"}),
]


def _failing(rule_key: str, target: str, base: dict, overrides: dict) -> set[str]:
    check = rules.check_unit(base | overrides, rules.rule_set(rule_key))
    gaps = check.wbk_gaps if target == "wbk" else check.wbbm_gaps
    eligible = check.wbk_eligible if target == "wbk" else check.wbbm_eligible
    assert eligible == (not gaps)
    assert check.rule_set == rule_key
    return {g.key for g in gaps}


@pytest.mark.parametrize(("target", "overrides", "expected"), CASES_2021)
def test_rules_90_2021(target, overrides, expected):
    assert _failing("90/2021", target, BASE_2021, overrides) == expected


@pytest.mark.parametrize(("target", "overrides", "expected"), CASES_2014)
def test_rules_52_2014(target, overrides, expected):
    assert _failing("52/2014", target, BASE_2014, overrides) == expected


@pytest.mark.parametrize(("target", "overrides", "expected"), CASES_2014)
def test_rules_10_2019_unconfirmed_as_52_2014(target, overrides, expected):
    assert _failing("10/2019", target, BASE_2014 | {"evaluation_year": 2020}, overrides) == expected
    assert not rules.rule_set("10/2019").confirmed
    assert "belum terkonfirmasi" in rules.rule_set("10/2019").label("id")
    assert "unconfirmed" in rules.rule_set("10/2019").label("en")


@pytest.mark.parametrize(("year", "key"), [
    (2010, "52/2014"), (2019, "52/2014"), (2020, "10/2019"), (2021, "10/2019"),
    (2022, "90/2021"), (2030, "90/2021"), (None, "90/2021"), (pd.NA, "90/2021"),
    (np.int64(2019), "52/2014"), (float("nan"), "90/2021"),
])
def test_rule_set_for_year_boundaries(year, key):
    assert rules.rule_set_for_year(year).key == key


def test_rule_sets_declare_weights_and_hasil_summing_to_100():
    expected = {"52/2014": (5, 5, 15, 10, 15, 10), "10/2019": (5, 5, 15, 10, 15, 10),
                "90/2021": (8, 7, 10, 10, 15, 10)}
    assert [r.key for r in rules.RULE_SETS] == list(expected)
    for rule in rules.RULE_SETS:
        assert tuple(rule.area_weights[a] for a in AREAS) == expected[rule.key]
        assert sum(rule.area_weights.values()) + sum(rule.hasil_max.values()) == 100
    assert rules.rule_set("90/2021").hasil_max == {
        "hasil_ipak": 17.5, "hasil_capaian_kinerja": 5, "hasil_ipkp": 17.5}
    with pytest.raises(ValueError):
        rules.rule_set("99/2099")


def test_gap_message_in_both_languages():
    check = rules.check_unit(BASE_2021 | {"area_pengawasan": 7.8})
    (gap,) = check.wbk_gaps
    assert (gap.key, gap.minimum, gap.actual, gap.shortfall) == ("area_pengawasan", 9.0, 7.8, 1.2)
    assert gap.message("id") == "Penguatan Pengawasan 7,8 dari minimal 9,0: kurang 1,2"
    assert gap.message("en") == "Supervision 7.8 of minimum 9.0: short by 1.2"


def test_gap_message_keeps_needed_decimals():
    check = rules.check_unit(BASE_2021 | {"area_tatalaksana": 5.0})
    (gap,) = check.wbbm_gaps
    assert gap.message("id") == "Penataan Tatalaksana 5,0 dari minimal 5,25: kurang 0,25"


def test_missing_total_is_not_eligible_and_incomplete():
    check = rules.check_unit({"unit_key": "x", "evaluation_year": 2020})
    assert not check.wbk_eligible and not check.wbbm_eligible and not check.complete
    assert [(g.key, g.actual, g.shortfall) for g in check.wbk_gaps] == [("lke_score", None, None)]
    assert check.wbk_gaps[0].message("id") == "Nilai total LKE: belum ada nilai (minimal 75,0)"
    # No stage either, so no WBK title: WBBM's first gap says so (issue 9), then the total.
    assert [g.key for g in check.wbbm_gaps] == ["wbk_title", "lke_score"]
    assert check.wbbm_gaps[1].message("en") == "Total LKE score: no score (minimum 85.0)"


def test_check_unit_accepts_pandas_missing_values_and_text_numbers():
    row = BASE_2014 | {"hasil_ipkp": pd.NA, "area_sdm": None, "lke_score": "80", "evaluation_year": pd.NA}
    check = rules.check_unit(row)
    assert check.rule_set == "90/2021" and not check.complete
    assert rules.check_unit(BASE_2014 | {"lke_score": "80"}).wbk_eligible
    assert rules.check_unit(pd.Series(BASE_2014)).wbk_eligible


def test_missing_component_is_a_gap_and_incomplete():
    row = dict(BASE_2021)
    del row["hasil_capaian_kinerja"]
    check = rules.check_unit(row)
    assert not check.complete and not check.wbk_eligible
    assert {g.key: g.actual for g in check.wbk_gaps} == {"bersih": None,
                                                         "hasil_capaian_kinerja": None}
    assert rules.check_unit(BASE_2021).complete


def _units() -> pd.DataFrame:
    rows = [BASE_2021 | {"unit_key": "a", "area_pengawasan": 7.8},
            BASE_2014 | {"unit_key": "b", "lke_score": 70.0},
            {"unit_key": "c", "evaluation_year": 2020},
            BASE_2014 | {"unit_key": "d", "evaluation_year": 2021}]
    frame = pd.DataFrame(rows)
    frame["evaluation_year"] = frame["evaluation_year"].astype("Int64")
    frame["unit_name"] = ["Unit A", "Unit B", "Unit C", "Unit D"]
    frame["eselon1"] = "Eselon"
    return frame


def test_check_units_matches_check_unit_row_by_row():
    units = _units()
    checks = rules.check_units(units)
    assert checks["rule_set"].tolist() == ["90/2021", "52/2014", "10/2019", "10/2019"]
    assert checks["wbk_eligible"].tolist() == [False, False, False, True]
    assert checks["wbk_gap_count"].tolist() == [1, 1, 1, 0]
    assert checks.loc[0, "wbk_gaps"] == "Penguatan Pengawasan 7,8 dari minimal 9,0: kurang 1,2"
    assert checks.loc[0, "pengungkit"] == pytest.approx(47.8)
    for row, out in zip(units.to_dict("records"), checks.to_dict("records"), strict=True):
        one = rules.check_unit(row)
        assert (one.wbk_eligible, one.wbbm_eligible, one.complete) == (
            out["wbk_eligible"], out["wbbm_eligible"], out["complete"])
        assert "; ".join(g.message("id") for g in one.wbbm_gaps) == out["wbbm_gaps"]


def test_check_units_with_a_chosen_rule_set_and_language():
    checks = rules.check_units(_units(), "90/2021", lang="en")
    assert set(checks["rule_set"]) == {"90/2021"}
    # 52/2014-shaped scores have no capaian kinerja: under 90/2021 that is a missing component.
    assert "Performance achievement: no score (minimum 2.5)" in checks.loc[3, "wbk_gaps"]
    assert not checks["complete"].iloc[1:].any()


def test_gaps_frame_lists_each_unmet_minimum_closest_units_first():
    gaps = rules.gaps_frame(_units(), "wbk")
    assert gaps[["unit_key", "requirement_key"]].values.tolist() == [
        ["a", "area_pengawasan"], ["b", "lke_score"], ["c", "lke_score"]]
    assert gaps["shortfall"].tolist()[:2] == pytest.approx([1.2, 5.0])
    assert np.isnan(gaps["actual"].iloc[2])
    english = rules.gaps_frame(_units(), "wbbm", lang="en")
    # Unit a: pengungkit 7 + 6 + 9 + 9 + 7.8 + 9 = 47.8 < 48, then Supervision 7.8 < 11.25.
    assert english["message"].iloc[:2].tolist() == [
        "Enablers total (pengungkit) 47.8 of minimum 48.0: short by 0.2",
        "Supervision 7.8 of minimum 11.25: short by 3.45"]
    with pytest.raises(ValueError):
        rules.gaps_frame(_units(), "gold")


def test_area_pct_uses_the_weights_of_each_rule_set():
    pct = rules.area_pct(_units())
    assert pct["unit_key"].tolist() == ["b", "d", "a"]   # c has no area score; b, d tie
    by_unit = pct.set_index("unit_key")
    assert by_unit.loc["a", "area_manajemen_perubahan"] == pytest.approx(7.0 / 8 * 100)
    assert by_unit.loc["b", "area_manajemen_perubahan"] == pytest.approx(4.0 / 5 * 100)
    assert by_unit.loc["a", "area_pengawasan"] == pytest.approx(7.8 / 15 * 100)
    forced = rules.area_pct(_units(), "90/2021").set_index("unit_key")
    assert forced.loc["b", "area_manajemen_perubahan"] == pytest.approx(50.0)


@pytest.mark.parametrize(("score", "max_points", "points"), [
    (3.60, 17.5, 15.75), (3.20, 17.5, 14.00), (4.0, 17.5, 17.5), (0.0, 17.5, 0.0),
    (3.20, 20.0, 16.0), (2.0, 15.0, 7.5),
])
def test_survey_to_points(score, max_points, points):
    assert rules.survey_to_points(score, max_points) == pytest.approx(points)


def test_survey_points_at_the_ipak_minimum():
    at = rules.check_unit(BASE_2021 | {"hasil_ipak": rules.survey_to_points(3.60)})
    below = rules.check_unit(BASE_2021 | {"hasil_ipak": rules.survey_to_points(3.59)})
    assert at.wbk_eligible and not below.wbk_eligible
    with pytest.raises(ValueError):
        rules.survey_to_points(4.2)
