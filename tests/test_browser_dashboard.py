"""The dashboard pages in Chromium: charts drawn, Ringkasan's numbers, a filtered link shared with
a second browser, English, a phone screen, nothing from a CDN. Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import settled
from zi_dashboard import store

pytestmark = pytest.mark.browser

FAILED_SHOT = Path(__file__).resolve().parent.parent / "test-artifacts" / "choose_failed.png"
WAIT = 90_000  # ms: the first run of a page on a fresh server builds the caches
ESELON1 = "Sekretariat Jenderal"
TALL = {"width": 1400, "height": 3000}  # the main area scrolls inside: a tall window shows it
PHONE = {"width": 390, "height": 844}
# (url path, page title, charts the page draws at least); "" is Ringkasan, the default page.
PAGES = [
    ("", "Ringkasan", 3),
    ("sebaran_agen", "Sebaran Agen", 4),
    ("kehadiran", "Kehadiran", 3),
    ("progres_zi", "Progres ZI", 6),
    ("rencana_tindak_lanjut", "Rencana Tindak Lanjut", 3),
    ("unduh_briefing", "Unduh Briefing", 0),
]
CHARTS = '[data-testid="stPlotlyChart"]'
DRAWN = f"{CHARTS} .js-plotly-plot .main-svg"


def _open(page, url: str, title: str, charts: int = 0) -> None:
    """Go to `url` and wait until the page title is up, the run is over and `charts` are drawn."""
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=WAIT)
    _settle(page, charts)


def _settle(page, charts: int = 0) -> None:
    settled(page, WAIT)
    if charts:
        page.wait_for_function(
            """n => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                   .filter(c => c.querySelector('.js-plotly-plot .main-svg')).length >= n""",
            arg=charts, timeout=WAIT)


def _fit_height(page, width: int) -> None:
    """Make the window as tall as the page's scrolling main area, so a screenshot shows it all."""
    height = page.evaluate(
        """() => document.querySelector('[data-testid="stMainBlockContainer"]')
                 .getBoundingClientRect().bottom
                 + document.querySelector('[data-testid="stMain"]').scrollTop""")
    page.set_viewport_size({"width": width, "height": min(max(round(height), 800), 12_000)})


def _chart_sizes(page) -> list[tuple[float, float]]:
    """Width and height of the first Plotly SVG in every chart container."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => {
                const svg = c.querySelector('.js-plotly-plot .main-svg');
                const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
                return [box.width, box.height];
            })""")


def _metrics(page) -> dict[str, tuple[str, str]]:
    """KPI cards as {label: (value, delta)}."""
    cards = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetric"]')].map(m => {
                const text = id => (m.querySelector(`[data-testid="${id}"]`) || {}).innerText;
                return [text('stMetricLabel'), text('stMetricValue'), text('stMetricDelta')];
            })""")
    return {label.strip(): (value.strip(), (delta or "").strip()) for label, value, delta in cards}


def _chart_titles(page) -> list[str]:
    """Chart titles as drawn (SVG text has no innerText; wrapped lines are joined by spaces)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .gtitle')]
               .map(t => [...t.querySelectorAll('tspan.line')].map(l => l.textContent)
                         .join(' ') || t.textContent)""")


def _chips(page, label: str) -> list[str]:
    """The values chosen in a sidebar multiselect."""
    return _multiselect(page, label).locator(
        '[data-testid="stMultiSelectTagsContainer"] [data-tag] span[title]').all_inner_texts()


def _choose(page, label: str, option: str, tries: int = 3) -> None:
    """Pick `option` in a sidebar multiselect until its chip shows: on a loaded machine a late
    rerun can redraw the list between opening it and the click, which then picks nothing."""
    for attempt in range(tries):
        if attempt == 0:
            _multiselect(page, label).click()
            page.get_by_role("option", name=option, exact=True).click()
        else:  # then by keyboard: type to filter the list, Enter picks the match
            field = _multiselect(page, label).locator("input")
            field.click()
            field.fill(option)
            page.get_by_role("option", name=option, exact=True).wait_for(timeout=WAIT)
            page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        try:
            _multiselect(page, label).locator(f'span[title="{option}"]').wait_for(timeout=15_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                page.screenshot(path=FAILED_SHOT, full_page=True)
                raise
            _settle(page)


def _multiselect(page, label: str):
    return page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text(label, exact=True))


@pytest.fixture(scope="module")
def expected_setjen(sample_db_file) -> dict[str, int]:
    """Active agents and units of one Eselon I, counted straight from the stored sample."""
    engine = store.connect(f"sqlite:///{sample_db_file}")
    tables = store.load_snapshot(engine).tables
    engine.dispose()
    units, agents = tables["units"], tables["agents"]
    keys = set(units.loc[units["eselon1"] == ESELON1, "unit_key"])
    active = agents[agents["status"].fillna("aktif") == "aktif"]
    return {"agents": int(active["unit_key"].isin(keys).sum()), "units": len(keys)}


@pytest.mark.parametrize(("path", "title", "charts"), PAGES,
                         ids=[p[0] or "ringkasan" for p in PAGES])
def test_every_page_draws_its_charts(served_app, page, artifacts, path, title, charts):
    page.set_viewport_size(TALL)
    _open(page, f"{served_app}/{path}", title, charts)
    assert page.get_by_test_id("stException").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator(DRAWN).count() >= charts
    sizes = _chart_sizes(page)
    assert len(sizes) >= charts
    assert all(w > 100 and h > 100 for w, h in sizes), sizes
    # Every chart fits its column: nothing drawn wider than the main block.
    main = page.get_by_test_id("stMainBlockContainer").bounding_box()
    assert all(w <= main["width"] + 1 for w, _ in sizes)
    _fit_height(page, TALL["width"])
    page.screenshot(path=artifacts / f"dashboard_{path or 'ringkasan'}.png")


def test_ringkasan_headline_numbers(served_app, page):
    _open(page, served_app, "Ringkasan", 3)
    cards = _metrics(page)
    agents, delta = cards["Agen perubahan"]
    assert agents == "291"
    assert delta.startswith("+26") and "9,8" in delta  # Indonesian decimal comma
    assert cards["Unit kerja"][0] == "81"
    assert cards["Tatap muka"][0] == "120"
    assert cards["Virtual"][0] == "171"


def test_filtered_link_opens_the_same_view_in_another_browser(served_app, page, browser,
                                                              artifacts, expected_setjen):
    assert expected_setjen["agents"] not in (0, 291)  # a filter that shows a different number
    page.set_viewport_size(TALL)
    _open(page, served_app, "Ringkasan", 3)
    _choose(page, "Eselon I", ESELON1)
    page.wait_for_function("() => location.search.includes('eselon1=')", timeout=WAIT)
    _settle(page, 3)
    agents = page.get_by_test_id("stMetric").filter(has_text="Agen perubahan").get_by_test_id(
        "stMetricValue")
    page.wait_for_function(
        """n => [...document.querySelectorAll('[data-testid="stMetricValue"]')]
               .some(v => v.innerText.trim() === n)""",
        arg=str(expected_setjen["agents"]), timeout=WAIT)
    assert agents.first.inner_text() == str(expected_setjen["agents"])
    assert _chips(page, "Eselon I") == [ESELON1]
    shared = page.url
    assert "eselon1=" in urlsplit(shared).query

    other = browser.new_context(viewport=TALL, locale="id-ID")
    try:
        second = other.new_page()
        _open(second, shared, "Ringkasan", 3)
        assert _chips(second, "Eselon I") == [ESELON1]
        cards = _metrics(second)
        assert cards["Agen perubahan"][0] == str(expected_setjen["agents"])
        assert cards["Unit kerja"][0] == str(expected_setjen["units"])
        assert second.get_by_test_id("stException").count() == 0
        second.screenshot(path=artifacts / "dashboard_shared_link.png")
    finally:
        other.close()


def test_a_fall_shows_a_down_arrow(served_app, page):
    _open(page, f"{served_app}/?eselon1={ESELON1.replace(' ', '+')}", "Ringkasan", 3)
    arrows = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetricDelta"]')].map(d =>
                [d.innerText.trim(), (d.querySelector('[data-testid^="stMetricDeltaIcon"]')
                                      || {dataset: {}}).dataset.testid])""")
    falls = [icon for text, icon in arrows if text[:1] in "-−"]
    assert falls, arrows  # the sample's Sekretariat Jenderal lost LKE points since version 1
    assert set(falls) == {"stMetricDeltaIcon-Down"}, arrows


def test_language_switch_to_english(served_app, page, artifacts):
    page.set_viewport_size(TALL)
    _open(page, served_app, "Ringkasan", 3)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(
        has=page.get_by_text("Bahasa", exact=True)).click()
    page.get_by_role("option", name="English").click()
    page.get_by_role("heading", name="Overview", exact=True).wait_for(timeout=WAIT)
    _settle(page, 3)
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=WAIT)
    nav = page.locator(".st-key-nav")
    for title in ("Agent distribution", "Attendance", "ZI progress", "Action plans"):
        nav.get_by_text(title, exact=True).wait_for(timeout=WAIT)  # fails the test if absent
        assert nav.get_by_text(title, exact=True).count() == 1
    # The cards are redrawn by the same rerun as the title; on a loaded machine a little later.
    page.get_by_test_id("stMetric").filter(has_text="Agents of change").first.wait_for(timeout=WAIT)
    cards = _metrics(page)
    assert cards["Agents of change"][0] == "291" and cards["Work units"][0] == "81"
    assert "Agents of change per Echelon I" in _chart_titles(page)
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=artifacts / "dashboard_english.png")


def test_ringkasan_on_a_phone(served_app, page, artifacts):
    page.set_viewport_size(PHONE)
    _open(page, served_app, "Ringkasan", 3)
    overflow = page.evaluate(
        """() => [document.documentElement.scrollWidth, window.innerWidth,
                  document.querySelector('[data-testid="stMain"]').scrollWidth,
                  document.querySelector('[data-testid="stMain"]').clientWidth]""")
    page_width, window_width, main_width, main_client = overflow
    assert page_width <= window_width + 2, overflow
    assert main_width <= main_client + 2, overflow
    cards = page.get_by_test_id("stMetric")
    assert cards.count() == 8
    for i in range(cards.count()):
        box = cards.nth(i).bounding_box()
        assert box["width"] > 150 and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    sizes = _chart_sizes(page)
    assert len(sizes) >= 3
    assert all(200 < w <= PHONE["width"] and h > 200 for w, h in sizes), sizes
    _fit_height(page, PHONE["width"])
    page.screenshot(path=artifacts / "dashboard_phone_ringkasan.png")


def _external_requests(page, served_app: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Load Ringkasan, then Progres ZI from the sidebar; every URL asked for, and those (with
    their resource type) that went to a host other than this machine."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append((request.url, request.resource_type)))
    page.set_viewport_size(TALL)
    _open(page, served_app, "Ringkasan", 3)
    page.locator(".st-key-nav").get_by_text("Progres ZI").click()
    page.get_by_role("heading", name="Progres ZI", exact=True).wait_for(timeout=WAIT)
    _settle(page, 6)
    external = [(url, kind) for url, kind in urls if url.startswith(("http", "ws"))
                and urlsplit(url).hostname not in {"127.0.0.1", "localhost"}]
    return [url for url, _ in urls], external


def test_plotly_scripts_styles_and_fonts_come_from_the_app_server(served_app, page):
    urls, external = _external_requests(page, served_app)
    assert any(re.search(r"/static/js/PlotlyChart[^/]*\.js$", url) for url in urls), urls
    # What the pages need to work offline; the favicon is the next test's business.
    favicon = page.evaluate(
        """() => (document.querySelector("link[rel='shortcut icon']") || {}).href || ''""")
    assert [(url, kind) for url, kind in external if url != favicon] == []


def test_nothing_is_fetched_from_another_host(served_app, page):
    _, external = _external_requests(page, served_app)
    assert external == []
