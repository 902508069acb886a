"""Display-ready data for pages: KPI cards, labelled tables, treemap picks, agent search."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zi_dashboard.present import dashboard

PER_UNIT = pd.DataFrame({"unit_key": ["a", "b", "c"], "eselon1": ["E1", "E1", "E2"]})


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (None, None),
        ({"selection": {"points": []}}, None),
        ({"selection": {"points": [{"id": "unit:b"}]}}, ["b"]),
        ({"selection": {"points": [{"id": "eselon1:E1"}]}}, ["a", "b"]),
        ({"selection": {"points": [{"id": "eselon1:E2"}, {"id": "unit:c"}]}}, ["c"]),
        ({"selection": {"points": [{"customdata": ["a", "Unit A", "unit"]}]}}, ["a"]),
        ({"selection": {"points": [{"customdata": ["", "E2", "eselon1"]}]}}, ["c"]),
        ({"selection": {"points": [{"id": "eselon1:Tidak ada"}]}}, None),
    ],
)
def test_picked_units(event, expected):
    assert dashboard.picked_units(event, PER_UNIT) == expected


def _tables():
    units = pd.DataFrame({"unit_key": ["u1", "u2"], "unit_name": ["Biro Hukum", "Balai Efata"],
                          "eselon1": ["Sekretariat Jenderal", "Ditjen Rehsos"]})
    agents = pd.DataFrame({
        "nip": ["198601012010011001", "199002022015032002", "198703032012011003"],
        "name": ["Andi Sanjaya, S.E.", "Siti Aminah", "Budi Hartono"],
        "unit_key": ["u1", "u2", "u2"], "eselon1": [None, None, None],
        "position": ["Analis Hukum", "Pekerja Sosial", "Pranata Komputer"],
    })
    return {"units": units, "agents": agents}


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["Budi Hartono", "Siti Aminah", "Andi Sanjaya, S.E."]),
        ("efata", ["Budi Hartono", "Siti Aminah"]),
        ("siti efata", ["Siti Aminah"]),
        ("1986", ["Andi Sanjaya, S.E."]),
        ("HUKUM", ["Andi Sanjaya, S.E."]),
        ("tidak ada", []),
    ],
)
def test_agents_view_searches_every_word(query, names):
    assert dashboard.agents_view(_tables(), query)["name"].tolist() == names


def test_label_table_orders_columns_labels_enums_and_translates_headers():
    frame = pd.DataFrame({"extra": [1], "mode": ["tatap_muka"], "nip": ["1"], "name": ["A"],
                          "unit_name": ["U"], "eselon1": ["E"]})
    out_id = dashboard.label_table(frame, "absent", "id")
    assert list(out_id.columns) == ["NIP", "Nama", "Unit kerja", "Eselon I", "Mode kehadiran"]
    assert out_id.iloc[0, -1] == "Tatap muka"
    out_en = dashboard.label_table(frame, "absent", "en")
    assert out_en.iloc[0, -1] == "In person" and out_en.columns[-1] == "Attendance mode"


def test_kpi_cards_show_the_delta_with_its_share():
    head = {"agents": 291, "units": 81, "units_with_agents": 81, "tatap_muka": 120,
            "virtual": 171, "wbk": 2, "wbbm": 0, "mean_lke": 70.2,
            "delta": {"agents": {"abs": 26, "pct": 26 / 265}, "units": {"abs": 0, "pct": 0.0}}}
    cards = {c["label"]: c for c in dashboard.kpi_cards(head, "id")}
    assert cards["Agen perubahan"]["value"] == "291"
    assert cards["Agen perubahan"]["delta"] == "+26 (+9,8%)"
    assert cards["Unit kerja"]["delta"] is None
    assert cards["Tatap muka"]["help"] == "41,2% dari peserta yang hadir"
    assert cards["Rata-rata nilai LKE"]["value"] == "70,2"


def test_ready_to_propose_keeps_eligible_units_still_building():
    checks = pd.DataFrame({"unit_key": ["a", "b", "c", "d"], "wbk_eligible": [True, True, False, True],
                           "lke_score": [80.0, 90.0, 70.0, 78.0]})
    units = pd.DataFrame({"unit_key": ["a", "b", "c", "d"],
                          "zi_stage": ["pembangunan", "wbk", "pembangunan", "penilaian_tpi"]})
    assert dashboard.ready_to_propose(checks, units)["unit_key"].tolist() == ["a", "d"]


def test_export_frames_label_sheets_headers_and_enum_values():
    tables = {
        "units": pd.DataFrame({"unit_name": ["Biro Hukum"], "eselon1": ["Setjen"],
                               "zi_stage": ["wbk"], "unit_key": ["u1"]}),
        "agents": pd.DataFrame(columns=["nip", "name", "unit"]),
    }
    frames = dashboard.export_frames(tables, "id")
    assert list(frames) == ["Unit kerja"]
    sheet = frames["Unit kerja"]
    assert list(sheet.columns) == ["Unit kerja", "Eselon I", "Tahap ZI"]
    assert sheet.iloc[0]["Tahap ZI"] == "WBK"
    assert list(dashboard.export_frames(tables, "en")) == ["Work units"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from([70.0, 75.0, 80.0, None]),
                          st.sampled_from(["pembangunan", "penilaian_tpi", "wbk"]),
                          st.booleans()), min_size=1, max_size=60))
def test_ready_to_propose_narrowed_is_the_subsets_own_result(rows):
    # Progres ZI computes it once for every unit and narrows it to the filtered ones
    # (ui.page.run_units): ties in the score must keep the same order either way.
    keys = [f"u{i}" for i in range(len(rows))]
    checks = pd.DataFrame({"unit_key": keys, "wbk_eligible": [r[0] for r in rows],
                           "lke_score": [r[1] for r in rows]})
    units = pd.DataFrame({"unit_key": keys, "zi_stage": [r[2] for r in rows]})
    chosen = [k for k, r in zip(keys, rows, strict=True) if r[3]]
    full = dashboard.ready_to_propose(checks, units)
    narrowed = full[full["unit_key"].isin(chosen)].reset_index(drop=True)
    own = dashboard.ready_to_propose(checks[checks["unit_key"].isin(chosen)],
                                     units[units["unit_key"].isin(chosen)])
    pd.testing.assert_frame_equal(narrowed, own)
