"""The admin flow in Chromium: sign in, upload through the file chooser, read the report, commit,
see Ringkasan change, roll back on Riwayat Data. Screenshots go to test-artifacts/."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from tests.conftest import ADMIN_PASSWORD, settled, sign_in_browser
from zi_dashboard import sample

pytestmark = pytest.mark.browser

AGENTS_SHEET = "Agen Perubahan"
WAIT = 90_000  # ms: a Streamlit rerun on a cold server can take a while


def _sample_2020() -> bytes:
    return sample.sample_paths()[1].read_bytes()


def _edited(edit) -> bytes:
    book = load_workbook(io.BytesIO(_sample_2020()))
    ws = book[AGENTS_SHEET]
    header = next(r[0].row for r in ws.iter_rows(max_row=10) if any(c.value == "NIP" for c in r))
    cols = {c.value: c.column for c in ws[header] if c.value}
    edit(ws, header, cols)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _bad_nip(ws, header, cols):
    ws.cell(header + 6, cols["NIP"], "19880501 201206 1 07")


def _three_more(ws, header, cols):
    last = max(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["NIP"]).value)
    template = [c.value for c in ws[last]]
    ws.insert_rows(last + 1, 3)
    digit = "1" if template[cols["Jenis kelamin"] - 1] == "L" else "2"
    for k in range(3):
        for j, value in enumerate(template, start=1):
            ws.cell(last + 1 + k, j, value)
        ws.cell(last + 1 + k, cols["NIP"], f"19900101 201501 {digit} 8{k:02d}")
        ws.cell(last + 1 + k, cols["Nama"], f"Agen Peramban {k + 1}")


def _data_line(page, version: int) -> None:
    """Wait for Ringkasan's own run on `version`: its data line, then the run's end. A bare
    "versi N" also matches the page left behind ("Versi 2 sekarang aktif"), whose stale
    "Agen perubahan" card then read 294 before Ringkasan replaced it."""
    page.get_by_role("heading", name="Ringkasan").wait_for(timeout=WAIT)
    page.get_by_text(re.compile(rf"^Data per .+ · versi {version}$")).wait_for(timeout=WAIT)
    settled(page)


def _agents_card(page):
    card = page.get_by_test_id("stMetric").filter(has_text="Agen perubahan").first
    card.wait_for(timeout=WAIT)
    return card


def test_admin_uploads_reads_the_report_commits_and_rolls_back(served_admin_app, page,
                                                              artifacts, tmp_path):
    bad, good = tmp_path / "roster_salah.xlsx", tmp_path / "roster_tambah.xlsx"
    bad.write_bytes(_edited(_bad_nip))
    good.write_bytes(_edited(_three_more))
    page.set_viewport_size({"width": 1400, "height": 2000})  # Streamlit scrolls inside: show all
    page.goto(served_admin_app)
    before = _agents_card(page).get_by_test_id("stMetricValue").inner_text()
    assert re.fullmatch(r"\d+", before.replace(".", ""))
    assert page.locator(".st-key-nav").get_by_text("Unggah Data").count() == 0

    sign_in_browser(page, ADMIN_PASSWORD, timeout=WAIT)
    page.locator(".st-key-nav").get_by_text("Unggah Data").click()
    chooser = page.locator("input[type=file]")
    chooser.wait_for(state="attached", timeout=WAIT)
    page.screenshot(path=artifacts / "admin_1_unggah.png")

    chooser.set_input_files(bad)
    blocked = page.get_by_test_id("stAlertContentError").filter(has_text="Data belum dapat")
    blocked.wait_for(timeout=WAIT)
    text = blocked.inner_text()
    assert "1 kesalahan" in text and "baris 10" in text and "NIP" in text
    assert page.get_by_role("button", name="Simpan sebagai versi baru").count() == 0
    page.get_by_role("button", name="Unduh laporan (xlsx, sel bermasalah ditandai)").wait_for()
    page.screenshot(path=artifacts / "admin_2_report_error.png")

    page.get_by_role("button", name="Remove roster_salah.xlsx").click()
    page.get_by_text("Pilih satu atau beberapa berkas").wait_for(timeout=WAIT)
    chooser.set_input_files(good)
    page.get_by_text("Tidak ada masalah").wait_for(timeout=WAIT)
    page.get_by_role("tab", name="Agen baru (3)").wait_for(timeout=WAIT)
    expected = str(int(before.replace(".", "")) + 3)
    preview = _agents_card(page)
    assert preview.get_by_test_id("stMetricValue").inner_text() == expected
    assert "+3" in preview.get_by_test_id("stMetricDelta").inner_text()
    page.get_by_role("button", name="Simpan sebagai versi baru").wait_for(timeout=WAIT)
    page.screenshot(path=artifacts / "admin_3_preview.png")

    page.get_by_label("Catatan versi").fill("Uji peramban: tiga agen baru")
    page.get_by_role("button", name="Simpan sebagai versi baru").click()
    saved = page.get_by_text(re.compile(r"Tersimpan sebagai versi \d+"))
    saved.wait_for(timeout=WAIT)
    version = int(re.search(r"versi (\d+)", saved.inner_text()).group(1))
    page.get_by_text("Berkas di atas sudah diproses").wait_for(timeout=WAIT)
    page.screenshot(path=artifacts / "admin_4_saved.png")

    page.get_by_role("link", name="Lihat Ringkasan").click()
    _data_line(page, version)
    after = _agents_card(page)
    assert after.get_by_test_id("stMetricValue").inner_text() == expected
    assert "+3" in after.get_by_test_id("stMetricDelta").inner_text()
    page.screenshot(path=artifacts / "admin_5_ringkasan.png")

    # Put the shared served app back on the version it showed before (other tests read it).
    page.locator(".st-key-nav").get_by_text("Riwayat Data").click()
    page.get_by_role("heading", name="Kembalikan ke versi lain").wait_for(timeout=WAIT)
    page.get_by_text("Saya yakin ingin mengaktifkan versi yang dipilih.").click()
    page.get_by_role("button", name="Aktifkan versi ini").click()
    page.get_by_text(re.compile(rf"Versi {version - 1} sekarang aktif")).wait_for(timeout=WAIT)
    page.screenshot(path=artifacts / "admin_6_riwayat.png")
    page.locator(".st-key-nav").get_by_text("Ringkasan").click()
    _data_line(page, version - 1)
    assert _agents_card(page).get_by_test_id("stMetricValue").inner_text() == before
