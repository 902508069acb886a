"""Shared fixtures: a sample database built once, an app environment per test, the served app."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.postgres import Cluster, find_bindir, missing_reason
from zi_dashboard.config import load_settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = load_settings().browser_path  # BROWSER_PATH, default declared once in config
PDFTOTEXT = shutil.which("pdftotext")


def need(present: object, what: str) -> None:
    """Skip a test whose tool is missing, except on CI (CI=true), where that fails the run."""
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing on CI: .ci/run installs it", pytrace=False)
    pytest.skip(f"{what} is missing")
ADMIN_PASSWORD = "uji-admin-2020"
BROWSER_WAIT = 90_000  # ms: the first run of a page on a fresh server builds the caches
# True once Streamlit's running indicator has been away for QUIET_MS. It shows up a moment after
# a run starts, so one look right after a navigation or click may come before it.
QUIET_MS = 750
_QUIET = """quiet => {
    const now = performance.now();
    if (window.__ziBusyAt === undefined
        || document.querySelector('[data-testid="stStatusWidget"]')) {
        window.__ziBusyAt = now;
        return false;
    }
    return now - window.__ziBusyAt >= quiet;
}"""
ARTIFACTS = ROOT / "test-artifacts"

# The store, import service, CLI and upload/rollback tests run on both; see `backend`.
BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config):
    # Tests often drop an engine without disposing it; psycopg then warns when the pooled
    # connection is collected. Those connections are closed by the database's teardown.
    config.addinivalue_line("filterwarnings",
                            "ignore:.*was deleted while still open:ResourceWarning")


@pytest.fixture(scope="session")
def postgres():
    """This process's own PostgreSQL cluster (each xdist worker starts one), with `zi_empty`:
    a migrated empty database that test databases are copied from."""
    reason = missing_reason()
    need(reason is None, reason or "")
    from zi_dashboard import store

    cluster = Cluster(find_bindir()).start()  # type: ignore[arg-type]
    try:
        store.connect(cluster.create_database("zi_empty")).dispose()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def postgres_sample(postgres) -> str:
    """A template database holding the bundled sample (2019 then 2020), built once per process."""
    from zi_dashboard import store
    from zi_dashboard.store import importer

    url = postgres.create_database("zi_sample", template="zi_empty")
    engine = store.connect(url)
    importer.load_sample_if_empty(engine, load_settings({"DATABASE_URL": url}))
    engine.dispose()  # a template may have no connections
    return "zi_sample"


def _postgres_copy(cluster: Cluster, template: str):
    """A private database copied from `template`; dropped (connections and all) afterwards."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    yield cluster.create_database(name, template=template)
    with warnings.catch_warnings():  # engines the test dropped: close their connections now
        warnings.simplefilter("ignore", ResourceWarning)
        import gc

        gc.collect()
    cluster.drop_database(name)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    """Which database a test runs on: "sqlite" (a file) or "postgresql" (the test cluster)."""
    return request.param


def database_url(kind: str, request, tmp_path: Path):
    """Yield the URL of an empty database private to the test: "sqlite" (a file),
    "sqlite-memory" or "postgresql" (a copy of the migrated `zi_empty`)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'zi.db'}"
    elif kind == "sqlite-memory":
        yield "sqlite://"
    else:
        yield from _postgres_copy(request.getfixturevalue("postgres"), "zi_empty")


@pytest.fixture
def db_url(backend, request, tmp_path):
    """The URL of an empty database on `backend`, private to the test."""
    yield from database_url(backend, request, tmp_path)


@pytest.fixture(autouse=True)
def _navigation_apps(monkeypatch):
    """AppTest 1.67 resets Streamlit's legacy pages-folder flag on every run and, with a pages/
    folder, runs only the page script from the second run on (no app.py, no sidebar). A served
    app has st.navigation clear that flag for good; do the same for every AppTest."""
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    class NavigationPagesManager(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            pages_manager.PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", NavigationPagesManager)


@pytest.fixture(scope="session")
def sample_db_file(tmp_path_factory) -> Path:
    """A SQLite file holding the bundled sample (2019 then 2020), built once per run."""
    from zi_dashboard import store
    from zi_dashboard.config import load_settings
    from zi_dashboard.store import importer

    path = tmp_path_factory.mktemp("sample-db") / "sample.db"
    url = f"sqlite:///{path}"
    engine = store.connect(url)
    importer.load_sample_if_empty(engine, load_settings({"DATABASE_URL": url}))
    engine.dispose()
    return path


@pytest.fixture
def sample_db_url(request, tmp_path):
    """A private copy of the sample database for one test: SQLite, unless parametrised
    indirectly with a backend (see `on_both_backends`)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        copy = tmp_path / "zi.db"
        shutil.copy(request.getfixturevalue("sample_db_file"), copy)
        yield f"sqlite:///{copy}"
    else:
        template = request.getfixturevalue("postgres_sample")
        yield from _postgres_copy(request.getfixturevalue("postgres"), template)


# For tests built on the sample database (app_env included): run them on both backends.
on_both_backends = pytest.mark.parametrize("sample_db_url", BACKENDS, indirect=True)


@pytest.fixture
def app_env(sample_db_url, monkeypatch):
    """Environment for an AppTest run: the sample database, an admin password, fresh caches."""
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", sample_db_url)
    monkeypatch.setenv("ZI_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("ZI_LOGIN_MAX_FAILURES", "3")
    monkeypatch.setenv("ZI_LOGIN_PAUSE_SECONDS", "60")
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield sample_db_url
    st.cache_resource.clear()
    st.cache_data.clear()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, what: str = "streamlit",
                 seconds: float = 90) -> None:
    """Wait until `url/_stcore/health` answers 200; fail the test if `proc` dies or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"{what} did not start within {seconds:.0f} s")


@contextmanager
def serve_streamlit(env: dict[str, str], log: Path, *args: str, port: int | None = None,
                    unset: tuple[str, ...] = ()):
    """`streamlit run app.py` (plus `args`) on a free loopback port with `env` over the current
    environment, less the variables starting with an `unset` prefix; yields its URL once
    healthy, stops it afterwards."""
    port = port or _free_port()
    base = {k: v for k, v in os.environ.items() if not k.startswith(unset)} if unset else os.environ
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1", *args],
            cwd=ROOT, env={**base, **env}, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, proc)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=20)


def _serve(tmp_path_factory, name: str):
    """Start `streamlit run app.py` on a free port with its own copy of the sample; yield its URL."""
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    db = tmp_path_factory.mktemp(f"served-{name}") / "zi.db"
    log = tmp_path_factory.mktemp(f"served-{name}-log") / "streamlit.log"
    env = {"DATABASE_URL": f"sqlite:///{db}", "ZI_ADMIN_PASSWORD": ADMIN_PASSWORD, "ZI_LANG": "id"}
    with serve_streamlit(env, log) as url:
        yield url


@pytest.fixture(scope="session")
def served_app(tmp_path_factory):
    """The real app served by `streamlit run`, on the sample; tests here must not change data."""
    yield from _serve(tmp_path_factory, "viewer")


@pytest.fixture(scope="session")
def served_admin_app(tmp_path_factory):
    """A second served app whose data the admin browser test may change."""
    yield from _serve(tmp_path_factory, "admin")


@pytest.fixture(scope="session")
def exporter():
    """One warm image exporter (Chromium through kaleido) for the whole run: it starts in ~2 s."""
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    from zi_dashboard.exports.images import ImageExporter

    warm = ImageExporter(CHROMIUM)
    yield warm
    warm.close()


def settled(page, timeout: int = BROWSER_WAIT) -> None:
    """Wait until the app in `page` has finished its run: no running indicator for QUIET_MS."""
    page.evaluate("() => { delete window.__ziBusyAt; }")
    page.wait_for_function(_QUIET, arg=QUIET_MS, timeout=timeout, polling=100)


SIGN_IN_TRIES = 3


def sign_in_browser(page, password: str, *, name: str = "", shown: str = "admin (Superadmin)",
                    timeout: int = BROWSER_WAIT) -> None:
    """Sign in through the sidebar's form as a user does, and wait until the sidebar says
    "Masuk sebagai {shown}." and the run has ended.

    Each try starts from a settled page (a click made while a run is drawing can be lost) and
    checks that the fields hold what was typed before pressing *Masuk*. A try that shows no
    sign-in within a third of `timeout` is made again, up to SIGN_IN_TRIES: a wrong password
    fails every try. The last failure keeps a screenshot and names what the sidebar showed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    sidebar = page.get_by_test_id("stSidebar")
    done = sidebar.get_by_text(f"Masuk sebagai {shown}.")
    for _ in range(SIGN_IN_TRIES):
        settled(page, timeout)
        field = sidebar.get_by_label("Kata sandi")
        if not field.is_visible():
            sidebar.get_by_text("Masuk ke akun").click()
            field.wait_for(timeout=timeout)
        typed = [(field, password)] + ([(sidebar.get_by_label("Nama akun"), name)] if name else [])
        for box, text in typed:
            box.fill(text)
        if any(box.input_value() != text for box, text in typed):
            continue  # a run redrew the form while typing
        sidebar.get_by_role("button", name="Masuk", exact=True).click()
        try:
            done.wait_for(timeout=timeout // 3)
        except PlaywrightTimeout:
            continue
        settled(page, timeout)
        return
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "sign_in_failed.png")
    pytest.fail(f"no sign-in as {shown} after {SIGN_IN_TRIES} tries; the sidebar shows: "
                f"{sidebar.inner_text()!r}")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page; downloads allowed."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True,
                                  locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are kept (test-artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
