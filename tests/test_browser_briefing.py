"""Unduh Briefing in Chromium: build the pack, download it, open the file."""

from __future__ import annotations

import time
import zipfile

import pytest
from pptx import Presentation

pytestmark = pytest.mark.browser

BUILD_TIMEOUT_MS = 120_000


def _open(page, served_app: str) -> None:
    page.goto(f"{served_app}/unduh_briefing", wait_until="domcontentloaded")
    page.get_by_role("heading", name="Unduh Briefing").wait_for(timeout=60_000)


def _build_and_download(page, tmp_path, name: str):
    start = time.monotonic()
    page.get_by_role("button", name="Buat paket").click()
    button = page.get_by_role("button", name=f"Unduh {name}")
    button.wait_for(timeout=BUILD_TIMEOUT_MS)
    built = time.monotonic() - start
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == name
    path = tmp_path / name
    download.save_as(path)
    return path, built


def test_download_the_pptx_pack(served_app, page, artifacts, tmp_path):
    _open(page, served_app)
    page.get_by_text("Filter: Semua data").wait_for()
    path, built = _build_and_download(page, tmp_path, "briefing_zi_v2.pptx")
    page.screenshot(path=str(artifacts / "briefing_pptx_ready.png"), full_page=True)
    prs = Presentation(str(path))
    texts = [shape.text_frame.text for slide in prs.slides for shape in slide.shapes
             if shape.has_text_frame]
    text = "\n".join(texts)
    assert "Briefing Agen Perubahan dan Zona Integritas" in text
    assert "Terdapat 291 agen perubahan di 81 unit kerja" in text
    assert "120 agen hadir tatap muka dan 171 secara virtual" in text
    assert sum(shape.has_chart for slide in prs.slides for shape in slide.shapes) >= 8
    assert len(prs.slides) == 18
    print(f"PPTX built in the page in {built:.1f} s")  # shown with -s; the issue asks < 10 s


def test_download_the_unit_sheets(served_app, page, artifacts, tmp_path):
    _open(page, served_app)
    page.get_by_text("Lembar fakta per unit (ZIP)", exact=True).click()
    path, _ = _build_and_download(page, tmp_path, "fakta_unit_zi_v2.zip")
    page.screenshot(path=str(artifacts / "briefing_unit_sheets_ready.png"), full_page=True)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert len(names) == 82 and "semua-unit.pdf" in names
        assert names[0] == "001_biro-perencanaan.pdf"
        assert archive.read(names[0]).startswith(b"%PDF-")
