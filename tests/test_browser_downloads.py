"""Downloads as a visitor makes them in Chromium: a chart's XLSX and CSV, and the sidebar's XLSX.

Each button builds its file on click (a callable), so only a real click proves the file exists.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import ADMIN_PASSWORD, settled, sign_in_browser

pytestmark = pytest.mark.browser

WAIT = 90_000  # ms: the first run of a page on a fresh server builds the caches


def _open_ringkasan(page, served_app: str) -> None:
    page.goto(served_app, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)
    page.wait_for_function(
        """() => document.querySelectorAll('[data-testid="stPlotlyChart"] .main-svg').length >= 3""",
        timeout=WAIT)


def _open_menu(page, menu) -> None:
    """Click the icon button until its popover shows (a click during a rerun can be lost)."""
    body = page.get_by_test_id("stPopoverBody")
    for _ in range(5):
        if body.is_visible():
            return
        menu.click()
        try:
            body.wait_for(timeout=5_000)
        except PlaywrightTimeout:
            settled(page, WAIT)
    body.wait_for(timeout=5_000)


def _download(page, button) -> bytes:
    with page.expect_download(timeout=WAIT) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def test_chart_card_xlsx_and_csv_hold_the_chart_numbers(served_app, page):
    _open_ringkasan(page, served_app)
    # The first chart card of Ringkasan: agents per Eselon I. Its download menu is a popover
    # button named "Unduh" (its icon is decoration), the first of the page's chart cards.
    menu = page.get_by_test_id("stPopover").get_by_role("button", name=re.compile(r"\bUnduh$")).first
    _open_menu(page, menu)
    xlsx = _download(page, page.get_by_test_id("stPopoverBody").get_by_role("button", name="XLSX", exact=True))
    sheet = load_workbook(io.BytesIO(xlsx)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("eselon1", "agents")
    # The sample's 291 agents (DOMAIN: Kemensos 2020) are spread over the Eselon I rows.
    assert sum(r[1] for r in rows[1:]) == 291
    _open_menu(page, menu)  # the menu may have closed after the download
    text = _download(page, page.get_by_test_id("stPopoverBody").get_by_role("button", name="CSV", exact=True)).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["eselon1", "agents"]
    assert sum(int(r[1]) for r in table[1:]) == 291


def test_sidebar_xlsx_has_one_sheet_per_dataset(served_app, page):
    _open_ringkasan(page, served_app)
    # Row-level data: a visitor who has not signed in is not offered it (ZI_ANONYMOUS=aggregates).
    assert page.get_by_role("button", name="Unduh data (XLSX)").count() == 0
    sign_in_browser(page, ADMIN_PASSWORD)
    data = _download(page, page.get_by_role("button", name="Unduh data (XLSX)"))
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert {"Unit kerja", "Agen perubahan"} <= set(book.sheetnames)
    agents = list(book["Agen perubahan"].iter_rows(values_only=True))
    assert len(agents) == 1 + 291
