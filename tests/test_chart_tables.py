"""The *Lihat data* table under a chart: headers in the UI language, coded values as labels,
numbers written the reader's way, values kept as numbers (present.chart_tables)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from zi_dashboard.present.chart_tables import view_table

# One chart's numbers as the metrics give them, and how a reader sees them in each language.
AGENTS_PER_ESELON1 = pd.DataFrame({"eselon1": ["Sekretariat Jenderal"], "agents": [1234],
                                   "units": [43], "units_with_agents": [40],
                                   "share": [0.058419]})


@pytest.mark.parametrize(("lang", "header", "row"), [
    ("id", ["Eselon I", "Jumlah agen", "Jumlah unit", "Unit dengan agen", "Porsi"],
     ["Sekretariat Jenderal", "1.234", "43", "40", "5,8%"]),
    ("en", ["Echelon I", "Agents", "Units", "Units with agents", "Share"],
     ["Sekretariat Jenderal", "1,234", "43", "40", "5.8%"]),
])
def test_headers_and_numbers_speak_the_ui_language(lang, header, row):
    shown = view_table(AGENTS_PER_ESELON1, lang).text()
    assert list(shown.columns) == header
    assert shown.iloc[0].tolist() == row


@pytest.mark.parametrize(("frame", "lang", "row"), [
    (pd.DataFrame({"zi_stage": ["diusulkan_wbbm"], "units": [3], "share": [0.5]}), "id",
     ["Diusulkan WBBM", "3", "50,0%"]),
    (pd.DataFrame({"zi_stage": ["diusulkan_wbbm"], "units": [3], "share": [0.5]}), "en",
     ["Proposed for WBBM", "3", "50.0%"]),
    (pd.DataFrame({"mode": ["tatap_muka"], "agents": [120]}), "en", ["In person", "120"]),
    (pd.DataFrame({"status": ["berjalan"], "plans": [146]}), "id", ["Berjalan", "146"]),
    (pd.DataFrame({"status": ["berjalan"], "plans": [146]}), "en", ["In progress", "146"]),
    # Years without separators, also in a column of years and text; scores to two places at most.
    (pd.DataFrame({"year": [2020], "lke_score": [86.03]}), "id", ["2020", "86,03"]),
    (pd.DataFrame({"appointed_year": pd.Series([2017, "lainnya"], dtype=object)}), "id",
     ["2017"]),
    (pd.DataFrame({"area_sdm": [84.39999999999999]}), "en", ["84.4"]),
    (pd.DataFrame({"has_agents": [False]}), "id", ["Tidak"]),
    (pd.DataFrame({"date": pd.to_datetime(["2020-08-04"])}), "id", ["4 Agustus 2020"]),
    (pd.DataFrame({"date": pd.to_datetime([None])}), "en", ["–"]),
])
def test_values_are_written_for_readers(frame, lang, row):
    assert view_table(frame, lang).text().iloc[0].tolist() == row


def test_a_column_it_does_not_know_passes_through():
    # A page table already labelled (Rencana Tindak Lanjut, Sebaran Agen) keeps its headers.
    frame = pd.DataFrame({"Unit kerja": ["Biro Hukum"], "Porsi selesai": [0.25]})
    view = view_table(frame, "id")
    assert list(view.frame.columns) == ["Unit kerja", "Porsi selesai"]
    assert view.text().iloc[0].tolist() == ["Biro Hukum", "0,25"]


def test_values_stay_numbers_so_the_table_sorts_them_as_numbers():
    view = view_table(AGENTS_PER_ESELON1, "id")
    assert view.frame["Jumlah agen"].tolist() == [1234]
    assert view.frame["Porsi"].tolist() == [0.058419]
    html = view.styler().to_html()
    assert "1.234" in html and "5,8%" in html


def test_a_long_list_is_cut_and_says_so():
    frame = pd.DataFrame({"unit_name": [f"Unit {i}" for i in range(2_500)], "agents": 1})
    view = view_table(frame, "id")
    assert (len(view.frame), view.rows, view.capped) == (1_000, 2_500, True)
    assert not view_table(frame.head(10), "id").capped


def test_the_input_is_left_alone():
    frame = pd.DataFrame({"zi_stage": ["wbk"], "day": [dt.date(2020, 8, 4)]})
    view_table(frame, "en")
    assert frame.columns.tolist() == ["zi_stage", "day"] and frame["zi_stage"].tolist() == ["wbk"]
