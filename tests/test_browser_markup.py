"""Names holding Markdown and HTML in Chromium (issue 10, item 7): on every dashboard page of a
served app whose data holds them (tests/test_markup.py's payloads) there is no link to the
payload's site, no bold, image, icon or formula made from a name, and the names read as the
text they are, in captions, widgets and chart hover alike."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import ADMIN_PASSWORD, CHROMIUM, need, serve_streamlit, settled, sign_in_browser
from tests.test_markup import (
    BOLD_UNIT,
    EVENT,
    HTML_UNIT,
    LINK_ESELON1,
    LINK_UNIT,
    SCOPED_NAME,
    SCOPED_PASSWORD,
    commit_payload,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
WAIT = 90_000  # ms: the first run of a page on a fresh server builds the caches
# (url path, page title, charts the page draws at least); "" is Ringkasan, the default page.
PAGES = [
    ("", "Ringkasan", 3),
    ("sebaran_agen", "Sebaran Agen", 4),
    ("kehadiran", "Kehadiran", 3),
    ("progres_zi", "Progres ZI", 5),
    ("rencana_tindak_lanjut", "Rencana Tindak Lanjut", 3),
    ("unduh_briefing", "Unduh Briefing", 0),
]
# Elements a name must never become: a link or image to the payload's site (HTML or SVG), bold
# or italics holding a payload's words, an image from <img src=x>, a :material/home: icon,
# KaTeX from $x^2$, :red[…] colour.
MADE_FROM_NAMES = """() => {
    const words = ['Biro Tebal', 'Balai Tebal', 'Agen Tebal', 'Lokakarya', 'Biro Klik', 'Merah'];
    const named = e => words.some(w => e.textContent.includes(w));
    const target = e => ['href', 'xlink:href', 'src'].map(a => e.getAttribute(a) || '').join(' ');
    return [
        ...[...document.querySelectorAll('a, img, image')].filter(e => target(e).includes('evil'))
            .map(e => 'link: ' + e.outerHTML.slice(0, 120)),
        ...[...document.querySelectorAll('strong, b, em, i, del, code')].filter(named)
            .map(e => 'emphasis: ' + e.outerHTML.slice(0, 120)),
        ...[...document.querySelectorAll('img[src="x"], .katex')]
            .map(e => 'element: ' + e.outerHTML.slice(0, 120)),
        ...[...document.querySelectorAll('[role="img"], [data-testid="stIconMaterial"]')]
            .filter(e => e.textContent.trim() === 'home')
            .map(e => 'icon: ' + e.outerHTML.slice(0, 120)),
        ...[...document.querySelectorAll('.stMarkdownColoredText')].filter(named)
            .map(e => 'colour: ' + e.outerHTML.slice(0, 120)),
    ];
}"""
SHOWN_TEXT = "() => document.body.innerText.replaceAll('\\u2060', '')"


def _serve(db: Path, log: Path):
    """`streamlit run app.py` on a free port over the database file `db`; yield its URL."""
    env = {"DATABASE_URL": f"sqlite:///{db}", "ZI_ADMIN_PASSWORD": ADMIN_PASSWORD, "ZI_LANG": "id"}
    with serve_streamlit(env, log) as url:
        yield url


@pytest.fixture(scope="module")
def markup_app(sample_db_file, tmp_path_factory):
    """A served app whose current version holds the payload names; its URL and the renamed
    units' keys."""
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    work = tmp_path_factory.mktemp("markup")
    db = work / "zi.db"
    shutil.copy(sample_db_file, db)
    keys = commit_payload(f"sqlite:///{db}")
    for url in _serve(db, work / "streamlit.log"):
        yield url, keys


def _open(page, url: str, title: str, charts: int) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=WAIT)
    _settle(page, charts)


def _settle(page, charts: int = 0) -> None:
    settled(page, WAIT)
    page.wait_for_function(
        """n => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
               .filter(c => c.querySelector('.js-plotly-plot .main-svg')).length >= n""",
        arg=charts, timeout=WAIT)


@pytest.mark.parametrize(("path", "title", "charts"), PAGES)
def test_names_on_every_page_are_text(markup_app, page, artifacts, path, title, charts):
    url, keys = markup_app
    query = urlencode({"eselon1": LINK_ESELON1, "unit": keys}, doseq=True)
    page.set_viewport_size({"width": 1400, "height": 3000})
    _open(page, f"{url}/{path}?{query}", title, charts)
    page.screenshot(path=artifacts / f"markup_{path or 'ringkasan'}.png", full_page=True)
    assert page.evaluate(MADE_FROM_NAMES) == []
    shown = page.evaluate(SHOWN_TEXT)
    # The filter line reads the names as they are written, markup characters and all.
    for name in (BOLD_UNIT, LINK_UNIT, LINK_ESELON1, HTML_UNIT):
        assert name in shown, name
    if path == "kehadiran":  # the event picker and the donut's title hold the event as text
        assert EVENT in shown


def test_chart_hover_shows_a_name_as_text(markup_app, page):
    url, _ = markup_app
    page.set_viewport_size({"width": 1400, "height": 1600})
    _open(page, f"{url}/?{urlencode({'eselon1': LINK_ESELON1})}", "Ringkasan", 3)
    chart = page.get_by_test_id("stPlotlyChart").first  # agents per Eselon I: one bar here
    chart.locator(".bars path").first.hover(force=True)
    hover = chart.locator(".hoverlayer")
    hover.locator(".hovertext").wait_for(timeout=WAIT)
    assert LINK_ESELON1 in hover.text_content()
    assert hover.locator("a").count() == 0


def test_a_scoped_user_sees_names_and_positions_as_text(markup_app, page):
    url, keys = markup_app
    page.set_viewport_size({"width": 1400, "height": 3000})
    _open(page, f"{url}/sebaran_agen", "Sebaran Agen", 4)
    sign_in_browser(page, SCOPED_PASSWORD, name=SCOPED_NAME, shown=f"{SCOPED_NAME} (Eselon I)",
                    timeout=WAIT)
    _settle(page, 4)
    # The scope note names the Eselon I; the breakdown by position draws the payload position.
    page.get_by_test_id("stButtonGroup").get_by_text("Jabatan", exact=True).click()
    _settle(page, 4)
    page.get_by_text("Analis Tautan", exact=False).first.wait_for(state="attached", timeout=WAIT)
    assert page.evaluate(MADE_FROM_NAMES) == []
    assert f"Anda melihat data {LINK_ESELON1} saja" in page.evaluate(SHOWN_TEXT)
