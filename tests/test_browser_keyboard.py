"""The dashboard by keyboard alone, in Chromium: Tab and Shift+Tab reach each control, Enter uses
it. Change a filter, switch pages, open *Lihat data*, download a chart's CSV, sign in.

Each step walks the focus with the keyboard (at most `LIMIT` presses) to the control it needs, so
a control the keyboard cannot reach fails the test."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD, settled

pytestmark = pytest.mark.browser

WAIT = 90_000  # ms: the first run of a page on a fresh server builds the caches
LIMIT = 150  # key presses to reach a control
# What has the focus: tag | aria-label | text | href (one line).
FOCUSED = """() => { const e = document.activeElement; if (!e) return '';
  return [e.tagName, e.getAttribute('aria-label') || '', (e.innerText || '').slice(0, 60),
          e.getAttribute('href') || ''].join('|').replace(/\\s+/g, ' '); }"""


def _walk_to(page, wanted: Callable[[str], bool], key: str = "Tab") -> str:
    """Press `key` until the focused element is `wanted`; what it is."""
    seen = []
    for _ in range(LIMIT):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if wanted(focused):
            return focused
        seen.append(focused)
    raise AssertionError(f"not reached by {key} in {LIMIT} presses; focus went: {seen[-20:]}")


def test_filter_pages_data_download_and_sign_in_by_keyboard_alone(served_app, page, artifacts):
    page.goto(served_app, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)

    # A filter: the Eselon I box, a typed name, Enter picks it.
    _walk_to(page, lambda f: f.startswith("INPUT|Eselon I|"))
    page.keyboard.type("Sekretariat Jenderal")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settled(page, WAIT)
    assert "eselon1=Sekretariat+Jenderal" in page.url
    # Ringkasan's first card counts agents: the Sekretariat Jenderal's, fewer than the 291.
    agents = int(page.get_by_test_id("stMetricValue").first.inner_text())
    assert 0 < agents < 291

    # Another page, through the sidebar navigation (back from the filter with Shift+Tab).
    _walk_to(page, lambda f: f.startswith("A|") and f.split("|")[2].strip().endswith("Kehadiran")
             and f.rstrip("/").endswith("kehadiran"), key="Shift+Tab")
    # The focused link wears a ring (ui/focus.css), not only the current page's tint.
    ring = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }""")
    assert ring == ["solid", "2px", "rgb(31, 95, 139)"]  # the theme's primaryColor, #1F5F8B
    page.screenshot(path=artifacts / "keyboard_link_focused.png")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Kehadiran", exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)
    assert "eselon1=Sekretariat+Jenderal" in page.url  # the filter went with it

    # The first chart's numbers: Lihat data opens with Enter.
    _walk_to(page, lambda f: f.startswith("SUMMARY|") and "Lihat data" in f)
    page.keyboard.press("Enter")
    page.locator('[data-testid="stExpander"] [data-testid="stDataFrame"]').first.wait_for(
        timeout=WAIT)
    settled(page, WAIT)

    # Its download menu, then CSV: the attendance of the filtered agents.
    _walk_to(page, lambda f: f.startswith("BUTTON|") and "Unduh" in f)
    page.keyboard.press("Enter")
    page.get_by_test_id("stPopoverBody").wait_for(timeout=WAIT)
    _walk_to(page, lambda f: f.startswith("BUTTON|") and "CSV" in f)
    with page.expect_download(timeout=WAIT) as info:
        page.keyboard.press("Enter")
    rows = list(csv.DictReader(io.StringIO(
        Path(info.value.path()).read_text(encoding="utf-8-sig"))))
    assert sum(int(r["agents"]) for r in rows if r["mode"] in ("tatap_muka", "virtual")) == agents
    page.keyboard.press("Escape")

    # Sign in: the sidebar's account panel, the password, Enter submits the form.
    _walk_to(page, lambda f: f.startswith("SUMMARY|") and "Masuk ke akun" in f, key="Shift+Tab")
    page.keyboard.press("Enter")
    _walk_to(page, lambda f: f.startswith("INPUT|") and "Kata sandi" in page.evaluate(
        "() => document.activeElement.labels?.[0]?.innerText || ''"))
    page.keyboard.type(ADMIN_PASSWORD)
    page.keyboard.press("Enter")
    settled(page, WAIT)
    page.get_by_test_id("stSidebar").get_by_role("button", name="Keluar").wait_for(timeout=WAIT)
    page.screenshot(path=artifacts / "keyboard_signed_in.png")
