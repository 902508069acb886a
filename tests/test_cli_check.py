"""`python -m zi_dashboard check`: a units sheet with survey indices gives the hand-calculated
WBK/WBBM verdicts and gaps, as JSON and as a readable table, on the current version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbooks import xlsx
from zi_dashboard import cli

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Unit kerja", "Eselon I", "Tahap ZI", "Tahun penilaian", "Nilai LKE",
          "Manajemen Perubahan", "Penataan Tatalaksana", "SDM", "Akuntabilitas", "Pengawasan",
          "Pelayanan Publik", "Capaian kinerja", "TLHP", "Indeks IPAK", "Indeks IPKP"]
UNITS = [
    HEADER,
    # A, 90/2021: 53 + 4,5 + IPAK 3,60 → 15,75 + IPKP 3,20 → 14,00 = 87,25. Meets WBK exactly
    # on IPAK and IPKP; WBBM needs IPKP 15,75: short by 1,75.
    ["Biro Umum", "Sekretariat Jenderal", "WBK", 2022, "87,25", 7, 6, 9, 9, 13, 9, "4,5", None,
     "3,60", "3,20"],
    # B, 90/2021: IPAK 3,59 → 15,70625 misses 15,75 by 0,04375; IPKP 3,60 → 15,75. Not WBK, so
    # WBBM also lacks the title.
    ["Biro Hukum", "Sekretariat Jenderal", "Pembangunan", 2022, "88,96", 7, 6, 9, 9, 13, 9, "4,5",
     None, "3,59", "3,60"],
    # C, 52/2014 (2019): 57 + TLHP 5 + IPAK 3,60 → 13,50 + IPKP 3,19 → 15,95 = 91,45. Meets WBK;
    # WBBM needs IPKP 16: short by 0,05.
    ["Balai Besar Rehabilitasi Sosial Bandung", "Ditjen Rehabilitasi Sosial", "WBK", 2019, "91,45",
     5, 5, 14, 9, 14, 10, None, 5, "3,60", "3,19"],
]


def _gap(requirement, label, value, minimum, gap):
    return {"requirement": requirement, "label": label, "value": value, "minimum": minimum,
            "gap": gap}


EXPECTED = [
    {"unit": "Biro Umum", "eselon1": "Sekretariat Jenderal", "stage": "wbk",
     "evaluation_year": 2022, "rule_set": "90/2021",
     "wbk": {"eligible": True, "gaps": []},
     "wbbm": {"eligible": False, "gaps": [_gap("hasil_ipkp", "Nilai IPKP", 14.0, 15.75, 1.75)]}},
    {"unit": "Biro Hukum", "eselon1": "Sekretariat Jenderal", "stage": "pembangunan",
     "evaluation_year": 2022, "rule_set": "90/2021",
     "wbk": {"eligible": False,
             "gaps": [_gap("hasil_ipak", "Nilai IPAK", 15.70625, 15.75, 0.04375)]},
     "wbbm": {"eligible": False,
              "gaps": [_gap("wbk_title", "Predikat WBK", None, None, None),
                       _gap("hasil_ipak", "Nilai IPAK", 15.70625, 15.75, 0.04375)]}},
    {"unit": "Balai Besar Rehabilitasi Sosial Bandung", "eselon1": "Ditjen Rehabilitasi Sosial",
     "stage": "wbk", "evaluation_year": 2019, "rule_set": "52/2014",
     "wbk": {"eligible": True, "gaps": []},
     "wbbm": {"eligible": False,
              "gaps": [_gap("hasil_ipkp", "Kualitas pelayanan publik (IPKP)", 15.95, 16.0,
                            0.05)]}},
]


@pytest.fixture
def imported(tmp_path, monkeypatch) -> str:
    """A database whose current version holds UNITS (imported through the CLI)."""
    url = f"sqlite:///{tmp_path / 'check.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ZI_LANG", "id")
    path = tmp_path / "units.xlsx"
    path.write_bytes(xlsx({"Unit kerja": UNITS}))
    assert cli.main(["import", str(path), "--by", "test"]) == 0
    return url


def _approx(data):
    """Floats compared to 1e-9, everything else exactly."""
    if isinstance(data, dict):
        return {k: _approx(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_approx(v) for v in data]
    return pytest.approx(data, abs=1e-9) if isinstance(data, float) else data


def test_check_json_gives_the_hand_calculated_verdicts_and_gaps(imported, capsys):
    capsys.readouterr()
    assert cli.main(["check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["version"] == 1
    assert out["units"] == _approx(EXPECTED)


def test_check_json_labels_follow_the_language(imported, capsys):
    capsys.readouterr()
    assert cli.main(["check", "--json", "--lang", "en"]) == 0
    units = json.loads(capsys.readouterr().out)["units"]
    assert [g["label"] for g in units[1]["wbbm"]["gaps"]] == ["WBK title", "IPAK points"]


def test_check_rules_forces_one_rule_set(imported, capsys):
    capsys.readouterr()
    assert cli.main(["check", "--json", "--rules", "90/2021"]) == 0
    units = json.loads(capsys.readouterr().out)["units"]
    assert [u["rule_set"] for u in units] == ["90/2021"] * 3
    assert units[0] == _approx(EXPECTED[0])
    # The Balai has no capaian kinerja, which 90/2021 needs, and its stored IPAK is 13,5 points.
    assert {g["requirement"]: g["gap"] for g in units[2]["wbk"]["gaps"]} == _approx({
        "bersih": None, "hasil_ipak": 2.25, "hasil_capaian_kinerja": None})


def test_check_prints_a_readable_table_in_either_language(imported, capsys):
    capsys.readouterr()
    assert cli.main(["check", "--lang", "id"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Versi 1: 3 unit kerja"
    assert lines[1:4] == ["Biro Umum  [WBK, 2022, PermenPANRB 90/2021]",
                          "  WBK: memenuhi syarat",
                          "  WBBM: Nilai IPKP 14,0 dari minimal 15,75: kurang 1,75"]
    assert "  WBK: Nilai IPAK 15,706 dari minimal 15,75: kurang 0,044" in lines
    assert lines[-1] == "Memenuhi syarat WBK: 2; memenuhi syarat WBBM: 0"
    assert cli.main(["check", "--lang", "en"]) == 0
    english = capsys.readouterr().out.splitlines()
    assert english[4:7] == ["Biro Hukum  [Development, 2022, PermenPANRB 90/2021]",
                            "  WBK: IPAK points 15.706 of minimum 15.75: short by 0.044",
                            "  WBBM: No WBK title yet: WBBM requires a WBK title first; "
                            "IPAK points 15.706 of minimum 15.75: short by 0.044"]


def test_check_on_an_empty_database_says_so_and_exits_0(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}", "ZI_LANG": "en"}
    result = subprocess.run([sys.executable, "-m", "zi_dashboard", "check", "--json"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0
    assert json.loads(result.stdout) == {"version": None, "units": []}
    assert "No data yet" in result.stderr


def test_progres_zi_shows_the_same_hand_calculated_gaps(imported, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ZI_AUTOLOAD_SAMPLE", "0")
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        at.switch_page("pages/progres_zi.py").run()
        assert not at.exception, [e.value for e in at.exception]
        gaps = next(df.value for df in at.dataframe
                    if "Minimal yang belum terpenuhi" in df.value.columns)
        # Kekurangan menuju WBK: only Biro Hukum misses a WBK minimum, IPAK by 15,75 - 15,70625.
        assert gaps["Unit kerja"].tolist() == ["Biro Hukum"]
        assert gaps["Minimal yang belum terpenuhi"].tolist() == ["IPAK kurang 0,04"]
        # The least increase is given in hundredths, rounded up so that the raised score meets
        # the minimum: 0,04375 becomes 0,05 (0,04 would leave IPAK at 15,74625).
        assert gaps["Poin kurang"].tolist() == [pytest.approx(0.05)]
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
