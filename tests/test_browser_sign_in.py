"""Sign-in that can't be used against others, in Chromium: a flood of wrong passwords from one
client pauses that client only; the admin signs in at once from another.

The app is served behind a modelled proxy (ZI_TRUST_PROXY=1): each browser context sends its own
X-Forwarded-For, and the audit log shows that the app's sessions (their WebSocket, through
st.context.headers) counted each context as its own client. Both headers end in the same second
hop: the server's own proxy-header handling (uvicorn trusts X-Forwarded-For from 127.0.0.1 and
takes its last hop for st.context.ip_address) would make both contexts one client, so only the
first hop read from st.context.headers tells them apart."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import ADMIN_PASSWORD, CHROMIUM, need, serve_streamlit, settled
from zi_dashboard import store

pytestmark = pytest.mark.browser

WAIT = 90_000  # ms: the first run on a fresh server builds the caches
FLOOD, TRUSTED = "203.0.113.66", "198.51.100.7"  # documentation addresses (RFC 5737)
HOP = "192.0.2.40"  # the same second hop in both headers
WRONG = "bukan-kata-sandinya"


@pytest.fixture(scope="module")
def proxied_app(tmp_path_factory):
    """`streamlit run app.py` with ZI_TRUST_PROXY=1 and the default sign-in limits (5 failures,
    then 60 s); yields its URL and database URL."""
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    folder = tmp_path_factory.mktemp("served-sign-in")
    database = f"sqlite:///{folder / 'zi.db'}"
    env = {"DATABASE_URL": database, "ZI_ADMIN_PASSWORD": ADMIN_PASSWORD, "ZI_LANG": "id",
           "ZI_TRUST_PROXY": "1", "ZI_ANONYMOUS": "aggregates"}
    # The default sign-in limits: none of the shell's ZI_LOGIN_ settings.
    with serve_streamlit(env, folder / "streamlit.log", unset=("ZI_LOGIN_",)) as url:
        yield url, database


def _client(browser, address: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="id-ID",
                                  extra_http_headers={"X-Forwarded-For": f"{address}, {HOP}"})
    return context, context.new_page()


def _sign_in_form(page, url: str):
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Masuk ke akun").click()
    sidebar.get_by_label("Kata sandi").wait_for(timeout=WAIT)
    return sidebar


def _submit(sidebar, page, password: str) -> None:
    sidebar.get_by_label("Kata sandi").fill(password)
    sidebar.get_by_role("button", name="Masuk", exact=True).click()
    settled(page, WAIT)


def _events(database: str, kind: str) -> list[str]:
    engine = store.connect(database)
    events = store.list_events(engine)
    engine.dispose()
    return events.loc[events["kind"] == kind, "detail"].tolist()


def _wait_for_failures(database: str, n: int) -> None:
    deadline = time.monotonic() + WAIT / 1000
    while len(_events(database, "sign_in_failed")) < n:
        assert time.monotonic() < deadline, f"{n} failed sign-ins never recorded"
        time.sleep(0.2)


def test_a_flood_from_one_client_does_not_stop_the_admin_signing_in_from_another(
        proxied_app, browser, artifacts):
    url, database = proxied_app
    flood, flood_page = _client(browser, FLOOD)
    trusted, trusted_page = _client(browser, TRUSTED)
    try:
        sidebar = _sign_in_form(flood_page, url)
        for n in range(1, 6):  # five wrong passwords: each is checked and refused
            _submit(sidebar, flood_page, WRONG)
            _wait_for_failures(database, n)
            sidebar.get_by_text("Nama akun atau kata sandi salah.").wait_for(timeout=WAIT)
        _submit(sidebar, flood_page, WRONG)  # the sixth is not checked: this client waits
        sidebar.get_by_text("Terlalu banyak percobaan gagal").wait_for(timeout=WAIT)
        # Even the right password waits, from this client.
        _submit(sidebar, flood_page, ADMIN_PASSWORD)
        sidebar.get_by_text("Terlalu banyak percobaan gagal").wait_for(timeout=WAIT)
        assert sidebar.get_by_text("Masuk sebagai admin").count() == 0
        flood_page.screenshot(path=artifacts / "sign_in_1_flood_paused.png")

        other = _sign_in_form(trusted_page, url)
        _submit(other, trusted_page, ADMIN_PASSWORD)
        other.get_by_text("Masuk sebagai admin (Superadmin).").wait_for(timeout=WAIT)
        assert other.get_by_text("Terlalu banyak percobaan gagal").count() == 0
        trusted_page.screenshot(path=artifacts / "sign_in_2_other_client.png")
    finally:
        flood.close()
        trusted.close()

    # The sessions saw each context's own X-Forwarded-For: that is what the pauses count by.
    assert _events(database, "sign_in_failed") == [f"client={FLOOD}"] * 5
    assert _events(database, "sign_in") == [f"client={TRUSTED}"]
