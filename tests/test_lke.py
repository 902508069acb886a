"""LKE numbers in context, computed by hand: survey indices as points, weights, the rule set.

Every expected value is worked out on paper from DOMAIN.md's tables: points = index / 4 × 17,5
under 90/2021 (index / 4 × 15 for IPAK and × 20 for IPKP under 52/2014, unconfirmed).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.workbooks import source
from zi_dashboard.domain import rules
from zi_dashboard.ingest.validate import validate_sources

TODAY = dt.date(2026, 1, 15)
AREA_HEADERS = ["Manajemen Perubahan", "Penataan Tatalaksana", "SDM", "Akuntabilitas",
                "Pengawasan", "Pelayanan Publik"]
# 90/2021: areas 7 + 6 + 9 + 9 + 13 + 9 = 53 (each ≥ 75 % of its weight), capaian 4,5.
AREAS_2021 = [7, 6, 9, 9, 13, 9]
# 52/2014: areas 5 + 5 + 14 + 9 + 14 + 10 = 57, TLHP 5 (bersih = IPAK + 5 ≥ 18 with IPAK ≥ 13).
AREAS_2014 = [5, 5, 14, 9, 14, 10]


def units_sheet(year, ipak_header, ipak, ipkp_header, ipkp, *, stage="WBK", total="90",
                areas=None, extra=("Capaian kinerja", "4,5")):
    """A one-unit units sheet; the sixth area onwards as given, every other score fixed."""
    areas = areas or (AREAS_2021 if year is None or year >= 2022 else AREAS_2014)
    header = ["Unit kerja", "Eselon I", "Tahap ZI", "Tahun penilaian", "Nilai LKE",
              *AREA_HEADERS, extra[0], ipak_header, ipkp_header]
    row = ["Biro Umum", "Sekretariat Jenderal", stage, year, total, *areas, extra[1], ipak, ipkp]
    return {"Unit kerja": [header, row]}


def validate(sheets):
    return validate_sources([source("unit.xlsx", sheets)], today=TODAY)


def gaps_of(result, target):
    (record,) = rules.check_records(result.tables["units"])
    return {g["requirement"]: g["gap"] for g in record[target]["gaps"]}


# (year, IPAK header, IPAK cell, IPKP header, IPKP cell, target, IPAK points, IPKP points,
#  expected gaps {requirement: shortfall})
CASES_2021 = [
    # IPAK index at, just below and just above the 3,60 minimum (15,75 points)
    (2022, "Indeks IPAK", "3,60", "IPKP", "16,5", "wbk", 15.75, 16.5, {}),
    (2022, "Indeks IPAK", "3,59", "IPKP", "16,5", "wbk", 15.70625, 16.5, {"hasil_ipak": 0.04375}),
    (2022, "Indeks IPAK", "3,61", "IPKP", "16,5", "wbk", 15.79375, 16.5, {}),
    (2022, "Indeks IPAK", "3,60", "IPKP", "16,5", "wbbm", 15.75, 16.5, {}),
    (2022, "Indeks IPAK", "3,59", "IPKP", "16,5", "wbbm", 15.70625, 16.5, {"hasil_ipak": 0.04375}),
    # a value ≤ 4 under a plain header is an index too
    (2022, "IPAK", 3.6, "IPKP", "16,5", "wbk", 15.75, 16.5, {}),
    (2022, "Indeks Persepsi Anti Korupsi (IPAK)", "3,6", "IPKP", "16,5", "wbk", 15.75, 16.5, {}),
    # IPKP index: WBK minimum 3,20 (14,00), WBBM minimum 3,60 (15,75)
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,20", "wbk", 16.5, 14.0, {}),
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,19", "wbk", 16.5, 13.95625, {"hasil_ipkp": 0.04375}),
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,21", "wbk", 16.5, 14.04375, {}),
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,20", "wbbm", 16.5, 14.0, {"hasil_ipkp": 1.75}),
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,40", "wbk", 16.5, 14.875, {}),
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,40", "wbbm", 16.5, 14.875, {"hasil_ipkp": 0.875}),
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,60", "wbbm", 16.5, 15.75, {}),
    (2022, "IPAK", "16,5", "Indeks IPKP", "3,59", "wbbm", 16.5, 15.70625, {"hasil_ipkp": 0.04375}),
    # written as points: taken as they are
    (2022, "IPAK", "15,75", "IPKP", "14", "wbk", 15.75, 14.0, {}),
    (2022, "IPAK", "15,74", "IPKP", "14", "wbk", 15.74, 14.0, {"hasil_ipak": 0.01}),
    (2022, "IPAK", "15,76", "IPKP", "13,99", "wbk", 15.76, 13.99, {"hasil_ipkp": 0.01}),
]

CASES_2014 = [
    # 52/2014 (unconfirmed factor): IPAK index / 4 × 15, minimum 13,5 = index 3,60
    (2019, "Indeks IPAK", "3,60", "IPKP", "18", "wbk", 13.5, 18.0, {}),
    (2019, "Indeks IPAK", "3,59", "IPKP", "18", "wbk", 13.4625, 18.0, {"hasil_ipak": 0.0375}),
    (2019, "Indeks IPAK", "3,61", "IPKP", "18", "wbk", 13.5375, 18.0, {}),
    # IPKP index / 4 × 20, WBBM service minimum 16 = index 3,20
    (2019, "IPAK", "14", "Indeks IPKP", "3,20", "wbbm", 14.0, 16.0, {}),
    (2019, "IPAK", "14", "Indeks IPKP", "3,19", "wbbm", 14.0, 15.95, {"hasil_ipkp": 0.05}),
    (2019, "IPAK", "14", "Indeks IPKP", "3,21", "wbbm", 14.0, 16.05, {}),
    (2019, "IPAK", "13,5", "IPKP", "16", "wbbm", 13.5, 16.0, {}),
    (2019, "IPAK", "13,49", "IPKP", "16", "wbk", 13.49, 16.0, {"hasil_ipak": 0.01}),
]


@pytest.mark.parametrize(("year", "ipak_header", "ipak", "ipkp_header", "ipkp", "target",
                          "ipak_points", "ipkp_points", "gaps"), CASES_2021 + CASES_2014)
def test_hand_calculated_verdicts_with_indices_and_points(year, ipak_header, ipak, ipkp_header,
                                                          ipkp, target, ipak_points, ipkp_points,
                                                          gaps):
    extra = ("Capaian kinerja", "4,5") if year >= 2022 else ("TLHP", "5")
    result = validate(units_sheet(year, ipak_header, ipak, ipkp_header, ipkp, extra=extra))
    assert result.report.ok, result.report.to_records("en")
    units = result.tables["units"]
    assert units.loc[0, "hasil_ipak"] == pytest.approx(ipak_points, abs=1e-9)
    assert units.loc[0, "hasil_ipkp"] == pytest.approx(ipkp_points, abs=1e-9)
    found = gaps_of(result, target)
    assert found.keys() == gaps.keys()
    for key, short in gaps.items():
        assert found[key] == pytest.approx(short, abs=1e-9)
    converted = [i for i in result.report.issues if i.code.startswith("survey_index_converted")]
    assert len(converted) == (ipak_points != _number(ipak)) + (ipkp_points != _number(ipkp))
    assert all(i.severity == "info" for i in converted)


def _number(cell) -> float:
    return float(str(cell).replace(",", "."))


def test_the_conversion_is_shown_with_the_value_and_the_points():
    result = validate(units_sheet(2022, "Indeks IPAK", "3,60", "IPKP", 3.4))
    by_column = {i.column: i for i in result.report.issues if i.code == "survey_index_converted"}
    assert [(i.row, i.value) for i in by_column.values()] == [(2, "3,60"), (2, "3.4")]
    assert by_column["Indeks IPAK"].message("id") == (
        "Indeks IPAK 3,60 dibaca sebagai indeks survei (skala 0–4), bukan poin LKE: dikonversi "
        "menjadi 3,60 / 4 × 17,5 = 15,75 poin menurut PermenPANRB 90/2021.")
    assert by_column["IPKP"].message("en") == (
        "IPKP 3.4 is read as a survey index (0–4 scale), not as LKE points: converted to "
        "3.40 / 4 × 17.5 = 14.875 points under PermenPANRB 90/2021.")


def test_the_52_2014_conversion_says_it_is_unconfirmed():
    result = validate(units_sheet(2019, "Indeks IPAK", "3,6", "IPKP", "18",
                                  extra=("TLHP", "5")))
    (issue,) = [i for i in result.report.issues if i.code.startswith("survey_index")]
    assert (issue.code, issue.severity) == ("survey_index_converted_unconfirmed", "info")
    assert "3,60 / 4 × 15,0 = 13,50 poin menurut PermenPANRB 52/2014" in issue.message("id")
    assert "belum terkonfirmasi" in issue.message("id")
    assert "unconfirmed" in issue.message("en")
    assert rules.rule_set("52/2014").survey_points == {"hasil_ipak": 15.0, "hasil_ipkp": 20.0}
    assert not rules.rule_set("52/2014").survey_confirmed
    assert rules.rule_set("90/2021").survey_confirmed


def test_a_value_above_4_under_an_index_header_stays_points_with_a_warning():
    result = validate(units_sheet(2022, "Indeks IPAK", "15,75", "IPKP", "16,5"))
    (issue,) = [i for i in result.report.issues if i.code.startswith("survey_index")]
    assert (issue.code, issue.severity, issue.row, issue.column) == (
        "survey_index_header_points", "warning", 2, "Indeks IPAK")
    assert result.tables["units"].loc[0, "hasil_ipak"] == 15.75


def test_the_total_is_checked_against_the_converted_points():
    # 53 + 4,5 + 15,75 (IPAK 3,60) + 14,00 (IPKP 3,20) = 87,25: no mismatch once converted
    # (the indices read as points would add up to 64,3).
    result = validate(units_sheet(2022, "Indeks IPAK", "3,60", "Indeks IPKP", "3,20",
                                  total="87,25"))
    assert not [i for i in result.report.issues if i.code == "lke_total_mismatch"]
    off = validate(units_sheet(2022, "Indeks IPAK", "3,60", "Indeks IPKP", "3,20", total="90"))
    (issue,) = [i for i in off.report.issues if i.code == "lke_total_mismatch"]
    assert (issue.severity, issue.params) == ("warning", {"total": 87.25})


# (year, header, cell, weight, rule set): one score above its weight, refused at its cell.
ABOVE_WEIGHT = [
    (2022, "Manajemen Perubahan", "9,5", 8.0, "PermenPANRB 90/2021"),
    (2022, "Manajemen Perubahan", "8,01", 8.0, "PermenPANRB 90/2021"),
    (2022, "Penataan Tatalaksana", "7,5", 7.0, "PermenPANRB 90/2021"),
    (2022, "SDM", "10,5", 10.0, "PermenPANRB 90/2021"),
    (2022, "Akuntabilitas", "11", 10.0, "PermenPANRB 90/2021"),
    (2022, "Pelayanan Publik", "10,25", 10.0, "PermenPANRB 90/2021"),
    (2022, "IPAK", "17,6", 17.5, "PermenPANRB 90/2021"),
    (2022, "IPKP", "18", 17.5, "PermenPANRB 90/2021"),
    (2019, "Manajemen Perubahan", "5,5", 5.0, "PermenPANRB 52/2014"),
    (2019, "Penataan Tatalaksana", "6", 5.0, "PermenPANRB 52/2014"),
    (2019, "IPAK", "15,5", 15.0, "PermenPANRB 52/2014"),
    (2021, "Manajemen Perubahan", "5,5", 5.0, "PermenPANRB 10/2019"),
]

WITHIN_WEIGHT = [
    (2022, "Manajemen Perubahan", "8"),
    (2022, "Manajemen Perubahan", "5,5"),
    (2022, "IPAK", "17,5"),
    (2019, "Manajemen Perubahan", "5"),
    (2019, "SDM", "15"),
    (2019, "IPKP", "18"),   # 20 under 52/2014, 17,5 under 90/2021
]


def _one_score(year: int, header: str, cell: str):
    """A unit whose only scores are one column (so nothing else can fail)."""
    sheet = [["Unit kerja", "Eselon I", "Tahun penilaian", header],
             ["Biro Umum", "Sekretariat Jenderal", year, cell]]
    return validate({"Unit kerja": sheet})


@pytest.mark.parametrize(("year", "header", "cell", "weight", "title"), ABOVE_WEIGHT)
def test_a_score_above_its_weight_is_refused_at_its_row_and_column(year, header, cell, weight,
                                                                   title):
    result = _one_score(year, header, cell)
    assert [(i.severity, i.code, i.row, i.column, i.value) for i in result.report.errors] == [
        ("error", "lke_above_weight", 2, header, cell)]
    assert result.report.errors[0].params == {"weight": weight, "rule_set": title}
    assert result.tables["units"].empty


@pytest.mark.parametrize(("year", "header", "cell"), WITHIN_WEIGHT)
def test_a_score_at_or_below_its_weight_is_accepted(year, header, cell):
    result = _one_score(year, header, cell)
    assert result.report.ok
    assert len(result.tables["units"]) == 1


def test_the_weight_message_names_the_rule_set_and_the_weight():
    (issue,) = _one_score(2022, "Manajemen Perubahan", "9,5").report.errors
    assert issue.message("id").startswith(
        "Manajemen Perubahan 9,5 melebihi bobotnya 8 menurut PermenPANRB 90/2021:")
    assert issue.message("en").startswith(
        "Manajemen Perubahan 9,5 is above its weight of 8 under PermenPANRB 90/2021:")
    (ipak,) = _one_score(2022, "IPAK", "17,6").report.errors
    assert "bobotnya 17,5 menurut" in ipak.message("id")


def test_scores_without_an_evaluation_year_name_the_rule_set_assumed():
    result = validate(units_sheet(None, "IPAK", "16", "IPKP", "16"))
    (issue,) = [i for i in result.report.issues if i.code == "lke_no_evaluation_year"]
    assert (issue.severity, issue.row, issue.column) == ("warning", 2, "Tahun penilaian")
    assert issue.message("id") == (
        "Ada nilai LKE tetapi tahun penilaian kosong, sehingga unit ini dinilai menurut "
        "PermenPANRB 90/2021 (aturan terbaru). Tambahkan kolom 'Tahun penilaian' (atau isi "
        "selnya) agar dipakai aturan tahun penilaiannya.")
    assert "judged under PermenPANRB 90/2021 (the newest rules)" in issue.message("en")
    assert len(result.tables["units"]) == 1   # a warning: the unit is kept


def test_without_the_year_column_one_warning_per_sheet():
    sheet = [["Unit kerja", "Eselon I", "Nilai LKE"], ["Biro Umum", "Setjen", "80"],
             ["Biro Hukum", "Setjen", "76"]]
    issues = [i for i in validate({"Unit kerja": sheet}).report.issues
              if i.code == "lke_no_evaluation_year"]
    assert [(i.severity, i.row, i.column) for i in issues] == [("warning", 1, None)]


def test_units_without_scores_need_no_evaluation_year():
    sheet = [["Unit kerja", "Eselon I", "Tahap ZI"], ["Biro Umum", "Setjen", "Pembangunan"]]
    assert validate({"Unit kerja": sheet}).report.issues == []


def test_a_column_that_mixes_indices_and_points_warns_at_each_index_and_zero_is_zero():
    from tests.workbooks import source
    from zi_dashboard.ingest.validate import validate_sources

    header = ["Unit Kerja", "Eselon I", "Tahun Penilaian", "IPAK"]
    rows = [header, ["Biro Umum", "Setjen", 2022, "15,75"], ["Biro Hukum", "Setjen", 2022, 4],
            ["Biro Keuangan", "Setjen", 2022, 0]]
    result = validate_sources([source("u.xlsx", {"Unit": rows})])
    found = [(i.severity, i.code, i.row) for i in result.report.issues
             if i.code.startswith("survey")]
    # 4 is read as an index (4 / 4 × 17,5 = 17,5) but the column also holds points: a warning.
    assert found == [("warning", "survey_scale_mixed", 3)]
    assert result.tables["units"]["hasil_ipak"].tolist() == [15.75, 17.5, 0.0]
