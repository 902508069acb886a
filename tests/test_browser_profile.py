"""Into Profil Unit from other pages, in Chromium: a click on a unit's bar, a picked row of the
gap table, and a shared link."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import settled

pytestmark = pytest.mark.browser

WAIT = 90_000
TALL = {"width": 1280, "height": 3600}


def _open(page, url: str, heading: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)


def _profile_unit(page) -> str:
    """The unit key Profil Unit shows, from the URL it writes."""
    page.get_by_role("heading", name="Profil Unit", exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)
    return parse_qs(urlsplit(page.url).query)["unit"][0]


def test_a_click_on_a_units_bar_offers_its_profile(served_app, page):
    page.set_viewport_size(TALL)
    _open(page, f"{served_app}/progres_zi", "Progres ZI")
    chart = page.locator('[class*="st-key-chart-progres-lke"]')
    chart.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=WAIT)
    bar = chart.locator(".barlayer .point path").first
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()  # Plotly's drag layer takes the click and selects the bar under it
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    link = page.get_by_role("link", name=re.compile(r"^Buka profil "))
    link.wait_for(timeout=WAIT)
    name = link.inner_text().split("Buka profil ", 1)[1].strip()  # after the icon's name
    link.click()
    _profile_unit(page)
    assert page.get_by_role("heading", name=name, exact=True).is_visible()


def test_a_picked_row_of_the_gap_table_opens_its_profile(served_app, page):
    page.set_viewport_size(TALL)
    _open(page, f"{served_app}/progres_zi", "Progres ZI")
    grid = page.locator('[class*="st-key-progres-table-gaps-False"] [data-testid="stDataFrame"]')
    grid.wait_for(timeout=WAIT)
    box = grid.bounding_box()
    # The first row's selection box: the row-marker column, one header row down.
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)
    unit = _profile_unit(page)
    assert re.fullmatch(r"KS-\d\d-\d\d\d", unit), unit
    assert page.get_by_text("Minimal yang belum terpenuhi", exact=True).first.is_visible()


def test_a_shared_link_opens_the_unit_in_a_new_browser(served_app, browser):
    context = browser.new_context(viewport=TALL)
    try:
        page = context.new_page()
        page.goto(f"{served_app}/profil_unit?unit=KS-07-008", wait_until="domcontentloaded")
        assert _profile_unit(page) == "KS-07-008"
        assert page.get_by_role("heading", name=re.compile("Bandung$")).is_visible()
    finally:
        context.close()
