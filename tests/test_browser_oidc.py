"""OIDC sign-in end to end: Chromium, the served app and a real OpenID Connect provider on
loopback (tests/oidc.py). A known e-mail gets its account's scoped view and signs out again; an
unknown one gets the anonymous policy, or is refused when ZI_OIDC_REQUIRE_ACCOUNT=1. A token
whose e-mail is unverified, or has no email_verified claim, opens no account (unless
ZI_OIDC_ASSUME_VERIFIED=1 for the missing claim). Sign-in and sign-out land in the audit log."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, need, settled
from tests.oidc import provider, served_with_oidc
from zi_dashboard import store
from zi_dashboard.store import users

pytestmark = pytest.mark.browser

WAIT = 90_000  # ms: the first run of a page on a fresh server builds the caches
ESELON1 = "Direktorat Jenderal Penanganan Fakir Miskin"
SITI = "siti@kemensos.go.id"
# Siti at the provider: its own subject, and her e-mail spelled with capitals as it stores it.
SITI_CLAIMS = {"sub": "pegawai-4471", "email": "Siti@Kemensos.go.id", "email_verified": True,
               "name": "Siti Rahmawati"}
STRANGER = "tamu@contoh.go.id"  # typed as the subject: the provider gives it as the e-mail
# Provider accounts that claim Siti's address without the provider having verified it.
FORGED = [{"sub": "palsu-1", "email": SITI, "email_verified": False},
          {"sub": "palsu-2", "email": SITI, "email_verified": "false"}]  # as some send it
# Siti's address with no email_verified claim at all: the provider vouches for nothing.
UNCLAIMED = {"sub": "tanpa-klaim", "email": SITI, "name": "Siti Rahmawati"}
JOINER = "\u2060?"  # markdown_text breaks autolinks with an invisible word joiner before "@"


@pytest.fixture(scope="module")
def issuer(tmp_path_factory):
    """The OIDC provider, one for the module."""
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    with provider(tmp_path_factory.mktemp("oidc-provider"), [SITI_CLAIMS, *FORGED, UNCLAIMED]) as url:
        yield url


@pytest.fixture(scope="module")
def sample(sample_db_file) -> dict[str, object]:
    """Eselon I names and the units of ESELON1, read straight from the stored sample."""
    engine = store.connect(f"sqlite:///{sample_db_file}")
    units = store.load_snapshot(engine).tables["units"]
    engine.dispose()
    return {"eselon1": set(units["eselon1"]),
            "scope_units": int((units["eselon1"] == ESELON1).sum()), "units": len(units)}


def _database(sample_db_file: Path, work: Path) -> Path:
    """A private copy of the sample with Siti's eselon1 account."""
    db = work / "zi.db"
    shutil.copy(sample_db_file, db)
    engine = store.connect(f"sqlite:///{db}")
    users.add_user(engine, SITI, role="eselon1", scope=[ESELON1], display_name="Siti Rahmawati",
                   actor="uji")
    engine.dispose()
    return db


def _app(issuer, sample_db_file, tmp_path_factory, name: str, env: dict[str, str]):
    work = tmp_path_factory.mktemp(name)
    db = _database(sample_db_file, work)
    with served_with_oidc(work, db, issuer, env) as url:
        yield url, f"sqlite:///{db}"


@pytest.fixture(scope="module")
def open_app(issuer, sample_db_file, tmp_path_factory):
    """The app with OIDC; an unknown e-mail gets the anonymous policy (the default)."""
    yield from _app(issuer, sample_db_file, tmp_path_factory, "oidc-open", {})


@pytest.fixture(scope="module")
def closed_app(issuer, sample_db_file, tmp_path_factory):
    """The app with OIDC and ZI_OIDC_REQUIRE_ACCOUNT=1."""
    yield from _app(issuer, sample_db_file, tmp_path_factory, "oidc-closed",
                    {"ZI_OIDC_REQUIRE_ACCOUNT": "1"})


@pytest.fixture(scope="module")
def assuming_app(issuer, sample_db_file, tmp_path_factory):
    """The app with OIDC and ZI_OIDC_ASSUME_VERIFIED=1 (a provider that sends no claim)."""
    yield from _app(issuer, sample_db_file, tmp_path_factory, "oidc-assume",
                    {"ZI_OIDC_ASSUME_VERIFIED": "1"})


@pytest.fixture
def page(page):
    """conftest's page, kept on this machine: the provider's form links a stylesheet on a CDN,
    which CI has no business fetching (the form works without it)."""
    page.context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), lambda route: route.abort())
    return page


def _settle(page) -> None:
    settled(page, WAIT)


def _ringkasan(page) -> None:
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=WAIT)
    _settle(page)


def _metric(page, label: str) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text=label).first
    card.wait_for(timeout=WAIT)
    return card.get_by_test_id("stMetricValue").inner_text().strip()


def _eselon1_options(page) -> list[str]:
    """The choices the sidebar's Eselon I filter offers."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(
        has=page.get_by_text("Eselon I", exact=True))
    box.click()
    options = page.get_by_role("option")
    options.first.wait_for(timeout=WAIT)
    names = options.all_inner_texts()
    page.keyboard.press("Escape")
    return [n.strip() for n in names]


def _chart_categories(page, title: str) -> set[str]:
    """Every text category in the x and y data of the chart titled `title`, as Plotly holds it."""
    page.wait_for_function(
        """t => [...document.querySelectorAll('.js-plotly-plot')]
               .some(p => ((p.layout || {}).title || {}).text === t)""", arg=title, timeout=WAIT)
    values = page.evaluate(
        """t => [...document.querySelectorAll('.js-plotly-plot')]
               .filter(p => ((p.layout || {}).title || {}).text === t)
               .flatMap(p => p.data.flatMap(d => [d.x, d.y]))
               // numbers may come as Plotly's packed arrays ({dtype, bdata}): no text there
               .flatMap(v => v && typeof v[Symbol.iterator] === 'function' ? [...v] : [])
               .filter(v => typeof v === 'string')""", title)
    return set(values)


def _sign_in(page, subject: str) -> None:
    """Click the app's SSO button and authorise `subject` on the provider's own form."""
    page.get_by_test_id("stSidebar").get_by_role("button", name="Masuk dengan akun kantor").click()
    page.get_by_role("heading", name="Authorize Client").wait_for(timeout=WAIT)
    page.locator('input[name="sub"]').fill(subject)
    page.get_by_role("button", name="Authorize", exact=True).click()


def _events(url: str, actor: str) -> list[tuple[str, str]]:
    """(kind, detail) of the audit events by `actor`, oldest first."""
    engine = store.connect(url)
    events = store.list_events(engine)
    engine.dispose()
    chosen = events[events["actor"] == actor].iloc[::-1]
    return list(zip(chosen["kind"], chosen["detail"], strict=True))


def _no_mail_links(page) -> None:
    """An e-mail from the provider is shown as text, not made into a mailto: link."""
    assert page.get_by_test_id("stSidebar").locator("a[href^='mailto:']").count() == 0


def test_oidc_sign_in_gives_the_accounts_scope_and_sign_out_ends_it(open_app, page, sample,
                                                                    artifacts):
    url, db = open_app
    page.goto(url)
    _ringkasan(page)
    assert _metric(page, "Unit kerja") == str(sample["units"])  # anonymous: every unit, counted
    assert page.get_by_text("Anda melihat data").count() == 0

    _sign_in(page, SITI_CLAIMS["sub"])
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Masuk sebagai Siti Rahmawati (Eselon I).").wait_for(timeout=WAIT)
    _ringkasan(page)
    page.get_by_text(f"Anda melihat data {ESELON1} saja").wait_for(timeout=WAIT)
    assert _metric(page, "Unit kerja") == str(sample["scope_units"])
    assert _eselon1_options(page) == [ESELON1]
    shown = _chart_categories(page, "Agen perubahan per Eselon I") & sample["eselon1"]
    assert shown == {ESELON1}
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=artifacts / "oidc_1_signed_in.png", full_page=True)
    _no_mail_links(page)
    [(kind, detail)] = _events(db, SITI)
    assert kind == "sign_in"
    # (Streamlit gives no address for a loopback client: "unknown".)
    assert re.fullmatch(r"oidc; client=[^;]+; auth_time=20\d\d-[^;]*\+00:00", detail), detail

    sidebar.get_by_role("button", name="Keluar").click()
    # The provider's end-session page, then back to the app.
    page.get_by_role("button", name="End session").click()
    _ringkasan(page)
    page.get_by_test_id("stSidebar").get_by_role(
        "button", name="Masuk dengan akun kantor").wait_for(timeout=WAIT)
    assert page.get_by_text("Masuk sebagai").count() == 0
    assert page.get_by_text("Anda melihat data").count() == 0
    assert _metric(page, "Unit kerja") == str(sample["units"])
    assert [kind for kind, _ in _events(db, SITI)] == ["sign_in", "sign_out"]
    page.screenshot(path=artifacts / "oidc_2_signed_out.png", full_page=True)


def test_oidc_unknown_email_gets_the_anonymous_view(open_app, page, sample):
    url, db = open_app
    page.goto(url)
    _ringkasan(page)
    _sign_in(page, STRANGER)
    page.get_by_text(re.compile(f"Masuk sebagai tamu{JOINER}@contoh.go.id")).wait_for(timeout=WAIT)
    _ringkasan(page)
    assert _metric(page, "Unit kerja") == str(sample["units"])
    assert page.get_by_text("Anda melihat data").count() == 0
    assert page.get_by_text("belum terdaftar").count() == 0
    _no_mail_links(page)
    [(kind, detail)] = _events(db, STRANGER)
    assert kind == "sign_in" and "no account: visitor view" in detail, detail


@pytest.mark.parametrize("forged", [*FORGED, UNCLAIMED], ids=["false", "string-false", "absent"])
def test_oidc_unverified_email_does_not_open_that_account(open_app, page, sample, forged):
    url, db = open_app
    page.goto(url)
    _ringkasan(page)
    _sign_in(page, forged["sub"])
    page.get_by_text(f"Masuk sebagai {forged['sub']}.").wait_for(timeout=WAIT)
    _ringkasan(page)
    assert _metric(page, "Unit kerja") == str(sample["units"])  # the visitor view, not Siti's
    assert page.get_by_text("Anda melihat data").count() == 0
    assert page.get_by_text("Siti Rahmawati").count() == 0
    [(kind, detail)] = _events(db, forged["sub"])  # in the audit log by subject, not as Siti
    assert kind == "sign_in" and "no account" in detail, detail


def test_oidc_unknown_email_is_refused_when_an_account_is_required(closed_app, page, artifacts):
    url, db = closed_app
    page.goto(url)
    _ringkasan(page)
    _sign_in(page, STRANGER)
    page.get_by_text(re.compile(f"Akun tamu{JOINER}@contoh.go.id belum terdaftar")).wait_for(
        timeout=WAIT)
    _settle(page)
    page.get_by_text("Masuk untuk melihat dasbor ini.").wait_for(timeout=WAIT)
    assert page.get_by_test_id("stMetric").count() == 0
    assert page.locator(".js-plotly-plot").count() == 0
    assert page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").count() == 0
    assert page.locator(".st-key-nav").get_by_text("Sebaran Agen").count() == 0
    _no_mail_links(page)
    page.screenshot(path=artifacts / "oidc_3_refused.png", full_page=True)
    [(kind, detail)] = _events(db, STRANGER)
    assert kind == "sign_in_failed" and "no account: refused" in detail, detail


def test_oidc_missing_claim_opens_the_account_only_when_assumed_verified(assuming_app, page,
                                                                         sample):
    url, db = assuming_app
    page.goto(url)
    _ringkasan(page)
    _sign_in(page, UNCLAIMED["sub"])
    page.get_by_test_id("stSidebar").get_by_text(
        "Masuk sebagai Siti Rahmawati (Eselon I).").wait_for(timeout=WAIT)
    _ringkasan(page)
    page.get_by_text(f"Anda melihat data {ESELON1} saja").wait_for(timeout=WAIT)
    assert _metric(page, "Unit kerja") == str(sample["scope_units"])
    [(kind, detail)] = _events(db, SITI)
    assert kind == "sign_in" and "no account" not in detail, detail
