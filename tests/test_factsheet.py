"""Per-unit fact sheets: the facts per unit, file names, one page per unit, gap text, language."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import pytest

from tests.conftest import PDFTOTEXT, need
from tests.tables import build_tables, make_table
from zi_dashboard.analysis import profile
from zi_dashboard.exports import factsheet

TODAY = dt.date(2021, 6, 1)
EVENT = "Lokakarya Penguatan Agen Perubahan 2020"

# 90/2021 weights: 8, 7, 10, 10, 15, 10; WBK needs 60 % of each (Pengawasan 15 → 9,0).
SHORT = dict(area_manajemen_perubahan=7.0, area_tatalaksana=6.0, area_sdm=8.0,
             area_akuntabilitas=8.0, area_pengawasan=7.8, area_pelayanan_publik=8.0,
             hasil_ipak=16.0, hasil_capaian_kinerja=4.0, hasil_ipkp=16.0)
STRONG = dict(SHORT, area_pengawasan=13.5, hasil_capaian_kinerja=4.5, area_sdm=9.0,
              area_akuntabilitas=9.0, area_pelayanan_publik=9.0)


def _tables() -> dict:
    units = [
        dict(unit_code="U1", unit_name="Balai Besar Rehabilitasi Sosial \"Prof. Dr. Soeharso\"",
             eselon1="Direktorat Jenderal Rehabilitasi Sosial", unit_type="UPT",
             city="Surakarta", province="Jawa Tengah", zi_stage="penilaian_tpi", evaluation_year=2022,
             award_year=2021, lke_score=78.4, agents_needed=5, unit_key="U1", **SHORT),
        dict(unit_code="U2", unit_name="Biro Perencanaan", eselon1="Sekretariat Jenderal",
             zi_stage="wbk", evaluation_year=2022, lke_score=88.0, unit_key="U2", **STRONG),
        dict(unit_code="U3", unit_name="Loka Rehabilitasi Sosial Ñ Kendari",
             eselon1="Direktorat Jenderal Rehabilitasi Sosial", zi_stage="belum", unit_key="U3"),
    ]
    agents = [dict(nip=f"1980010120100110{i:02d}", name=name, unit="U1", unit_key="U1",
                   position=position, rank="III/a", status=status, is_pppk=False)
              for i, (name, position, status) in enumerate((
                  ("Siti Aminah, S.Sos.", "Pekerja Sosial Ahli Muda", "aktif"),
                  ("Budi Santoso", "Analis Kebijakan", None),
                  ("Andi Sanjaya, S.E., M.Si.", "Penyuluh Sosial", "aktif"),
                  ("Dewi Lestari", "Perencana", "nonaktif")))]
    agents.append(dict(nip="198001012010011099", name="Rina Wati", unit="U2", unit_key="U2",
                       status="aktif", is_pppk=False))
    attendance = [dict(nip=agents[0]["nip"], event=EVENT, date="2020-08-04", mode="virtual"),
                  dict(nip=agents[0]["nip"], event=EVENT, date="2020-08-05", mode="tatap_muka"),
                  dict(nip=agents[1]["nip"], event=EVENT, date="2020-08-04", mode="virtual"),
                  dict(nip=agents[4]["nip"], event=EVENT, date="2020-08-04", mode="tidak_hadir")]
    plans = [dict(unit="U1", unit_key="U1", title=f"RTL {i}", progress_pct=pct, status=status,
                  due_date=due)
             for i, (pct, status, due) in enumerate(((100.0, "selesai", "2021-01-15"),
                                                     (40.0, "berjalan", "2021-03-01"),
                                                     (10.0, "rencana", "2021-12-31"),
                                                     (0.0, "batal", "2021-01-01")))]
    return {"units": make_table("units", units), "agents": make_table("agents", agents),
            "attendance": make_table("attendance", attendance),
            "zi_history": make_table("zi_history", []),
            "action_plans": make_table("action_plans", plans)}


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def _text(pdf: bytes, tmp_path) -> str:
    need(PDFTOTEXT, "pdftotext (poppler-utils)")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    return subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize(("name", "slug"), [
    ("Biro Perencanaan", "biro-perencanaan"),
    ('Balai Besar Rehabilitasi Sosial "Prof. Dr. Soeharso" Surakarta',
     "balai-besar-rehabilitasi-sosial-prof-dr-soeharso-surakarta"),
    ("Loka Ñoño  Kendari / Sultra", "loka-nono-kendari-sultra"),
    ("Pusat Kesejahteraan Sosial (Pusdatin), Jakarta — é", "pusat-kesejahteraan-sosial-pusdatin-jakarta-e"),
    ("“”", "unit"),
    ("Balai " + "Sangat Panjang " * 10, "balai-sangat-panjang-sangat-panjang-sangat-panjang-sangat"),
])
def test_slugify(name, slug):
    assert factsheet.slugify(name) == slug
    assert len(slug) <= 60 and not slug.endswith("-")


def test_sheet_names_are_numbered_and_distinct_for_equal_names():
    tables = _tables()
    units = tables["units"]
    units.loc[1, "unit_name"] = units.loc[0, "unit_name"]
    names = factsheet.sheet_names(profile.unit_facts(tables, today=TODAY))
    assert names[0] == "001_balai-besar-rehabilitasi-sosial-prof-dr-soeharso.pdf"
    assert names[1] == "002_balai-besar-rehabilitasi-sosial-prof-dr-soeharso.pdf"
    assert names[2].startswith("003_loka-rehabilitasi-sosial-n-kendari")


def test_unit_facts_count_active_agents_attendance_and_plans():
    first, second, third = profile.unit_facts(_tables(), today=TODAY)
    # Dewi is nonaktif; a missing status counts as active.
    assert [a[0] for a in first.agents] == ["Andi Sanjaya, S.E., M.Si.", "Budi Santoso",
                                            "Siti Aminah, S.Sos."]
    assert first.agents_needed == 5
    # Siti attended one day in person: in person wins; Andi has no record.
    assert first.attendance() == {"tatap_muka": 1, "virtual": 1, "hadir": 0, "tidak_hadir": 0,
                                  None: 1}
    assert second.attendance() == {"tatap_muka": 0, "virtual": 0, "hadir": 0, "tidak_hadir": 1,
                                   None: 0}
    assert first.event == EVENT
    # The cancelled plan is left out; "berjalan" due in March is overdue on 1 June.
    assert (first.plans, first.plans_done, first.plans_overdue) == (3, 1, 1)
    assert first.mean_progress == pytest.approx(50.0)  # (100 + 40 + 10) / 3
    assert (third.plans, third.agents, third.mean_progress) == (0, (), None)


def test_unit_facts_hold_rules_of_the_evaluation_year_and_gaps():
    first, second, third = profile.unit_facts(_tables(), today=TODAY)
    assert first.rule_set.key == "90/2021"
    assert (first.minimum("wbk"), first.minimum("wbbm")) == (75.0, 85.0)
    pengawasan = next(a for a in first.areas if a.area == "area_pengawasan")
    assert (pengawasan.weight, pengawasan.wbk_share, pengawasan.wbbm_share) == (15.0, 0.6, 0.75)
    assert pengawasan.pct == pytest.approx(52.0)
    messages = [g.message("id") for g in first.check.wbk_gaps]
    assert "Penguatan Pengawasan 7,8 dari minimal 9,0: kurang 1,2" in messages
    assert not first.check.wbk_eligible
    assert second.check.wbk_eligible and second.check.wbbm_eligible
    # No evaluation year: the newest rules; no score at all: one gap, the total.
    assert third.rule_set.key == "90/2021" and len(third.check.wbk_gaps) == 1
    assert all(a.score is None and a.pct is None for a in third.areas)


def test_build_unit_sheets_one_single_page_pdf_per_unit_and_a_combined_one():
    data = factsheet.build_unit_sheets(_tables(), version_id=7, created_at=dt.date(2020, 10, 1),
                                       lang="id", today=TODAY)
    files = _zip(data)
    assert sorted(files) == ["001_balai-besar-rehabilitasi-sosial-prof-dr-soeharso.pdf",
                             "002_biro-perencanaan.pdf",
                             "003_loka-rehabilitasi-sosial-n-kendari.pdf", "semua-unit.pdf"]
    for name, pdf in files.items():
        assert pdf.startswith(b"%PDF-")
        assert _pages(pdf) == (3 if name == "semua-unit.pdf" else 1)


def test_build_unit_sheets_without_combined_pdf():
    files = _zip(factsheet.build_unit_sheets(_tables(), version_id=7, created_at=TODAY,
                                             today=TODAY, combined=False))
    assert len(files) == 3 and all(re.match(r"\d{3}_", name) for name in files)


def test_sheet_text_names_unit_score_gaps_agents_and_plans(tmp_path):
    files = _zip(factsheet.build_unit_sheets(_tables(), version_id=7,
                                             created_at=dt.date(2020, 10, 1), today=TODAY))
    text = _text(files["001_balai-besar-rehabilitasi-sosial-prof-dr-soeharso.pdf"], tmp_path)
    flat = " ".join(text.split())
    assert 'Balai Besar Rehabilitasi Sosial "Prof. Dr. Soeharso"' in flat
    assert "Surakarta, Jawa Tengah" in flat
    # The two years apart: the stage holds since 2021, the scores are of the 2022 evaluation.
    assert "78,40" in flat and "Penilaian TPI" in flat and "sejak 2021" in flat
    assert "Penilaian TPI sejak 2021 · dinilai 2022 (PermenPANRB 90/2021)" in flat
    assert "Belum memenuhi syarat WBK" in flat
    assert "Penguatan Pengawasan 7,8 dari minimal 9,0: kurang 1,2" in flat
    assert "Andi Sanjaya, S.E., M.Si." in flat and "Pekerja Sosial Ahli Muda" in flat
    assert "Dewi Lestari" not in flat  # nonaktif
    assert "kebutuhan 5 · kurang 2" in flat
    assert "3 RTL, 1 selesai" in flat and "1 terlambat per 1 Juni 2021" in flat
    assert "versi data 7" in flat and "Halaman 1 dari 1" in flat
    other = " ".join(_text(files["002_biro-perencanaan.pdf"], tmp_path).split())
    assert "Memenuhi semua syarat WBK." in other and "Memenuhi semua syarat WBBM." in other
    empty = " ".join(_text(files["003_loka-rehabilitasi-sosial-n-kendari.pdf"], tmp_path).split())
    assert "Loka Rehabilitasi Sosial Ñ Kendari" in empty
    assert "Unit ini belum memiliki agen perubahan." in empty and "Belum ada RTL." in empty


def test_sheet_follows_the_language(tmp_path):
    files = _zip(factsheet.build_unit_sheets(_tables(), version_id=7, created_at=TODAY,
                                             lang="en", today=TODAY))
    assert "all-units.pdf" in files
    flat = " ".join(_text(files["001_balai-besar-rehabilitasi-sosial-prof-dr-soeharso.pdf"],
                          tmp_path).split())
    assert "Short of WBK" in flat and "78.40" in flat
    assert "Supervision 7.8 of minimum 9.0: short by 1.2" in flat
    assert "Belum memenuhi" not in flat


def test_long_agent_lists_stay_on_one_page(tmp_path):
    tables = build_tables(seed=5, n_units=2, n_agents=120)
    files = _zip(factsheet.build_unit_sheets(tables, version_id=1, created_at=TODAY,
                                             today=TODAY, combined=False))
    assert len(files) == 2
    for pdf in files.values():
        assert _pages(pdf) == 1
        assert re.search(r"… dan \d+ lainnya", " ".join(_text(pdf, tmp_path).split()))


def test_progress_is_reported_in_order_up_to_done():
    seen = []
    factsheet.build_unit_sheets(_tables(), version_id=1, created_at=TODAY, today=TODAY,
                                progress=lambda fraction, label: seen.append((fraction, label)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[0][1].startswith("Balai Besar") and len(seen) == 3 + 1 + 1


def test_empty_units_give_an_empty_zip():
    tables = {name: frame.iloc[0:0] for name, frame in _tables().items()}
    assert _zip(factsheet.build_unit_sheets(tables, version_id=1, created_at=TODAY)) == {}
