"""Two app replicas behind nginx on one PostgreSQL, as deploy/ sets them up, on loopback.

nginx runs deploy/nginx/zi-dashboard.conf itself, with only the listen port and the replicas'
ports changed, so the test checks the shipped file: sticky sessions, the WebSocket upgrade and an
upload through the proxy. A commit made on replica A shows on replica B at its next rerun.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import (
    ADMIN_PASSWORD,
    CHROMIUM,
    ROOT,
    _free_port,
    need,
    settled,
    sign_in_browser,
    wait_healthy,
)
from tests.test_browser_admin import _edited, _three_more

pytestmark = pytest.mark.browser

WAIT = 90_000
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def nginx_config(shipped: str, listen: int, replicas: list[int], root: Path) -> str:
    """The shipped site config on a loopback port and these replicas, inside a main config."""
    site = re.sub(r"listen \d+;", f"listen 127.0.0.1:{listen};", shipped)
    servers = "".join(f"    server 127.0.0.1:{port};\n" for port in replicas)
    site, count = re.subn(r"(    server 127\.0\.0\.1:\d+;\n)+", servers, site)
    assert count == 1, "the shipped config should list its replicas in one upstream block"
    temp = "".join(f"    {kind}_temp_path {root / kind};\n"
                   for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\npid {root / 'nginx.pid'};\n"
            f"error_log {root / 'error.log'} info;\nevents {{ worker_connections 256; }}\n"
            f"http {{\n    access_log {root / 'access.log'};\n{temp}{site}\n}}\n")


@pytest.fixture(scope="module")
def replicas(postgres, postgres_sample, tmp_path_factory):
    """(nginx URL, [replica URLs]): two `streamlit run` replicas on one copy of the sample."""
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM})")
    need(Path(NGINX).exists(), "nginx (Debian's nginx; .ci/run installs it)")
    url = postgres.create_database("zi_replicas", template=postgres_sample)
    root = tmp_path_factory.mktemp("replicas")
    ports = [_free_port(), _free_port()]
    env = {**os.environ, "DATABASE_URL": url, "ZI_ADMIN_PASSWORD": ADMIN_PASSWORD,
           "ZI_LANG": "id", "ZI_TRUST_PROXY": "1"}
    procs, logs = [], []
    for port in ports:
        logs.append((root / f"replica-{port}.log").open("w"))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1"],
            cwd=ROOT, env=env, stdout=logs[-1], stderr=subprocess.STDOUT))
    listen = _free_port()
    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (root / kind).mkdir()
    shipped = (ROOT / "deploy" / "nginx" / "zi-dashboard.conf").read_text(encoding="utf-8")
    (root / "nginx.conf").write_text(nginx_config(shipped, listen, ports, root), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-p", str(root), "-c", str(root / "nginx.conf")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proxy = subprocess.Popen([NGINX, "-p", str(root), "-c", str(root / "nginx.conf"),
                              "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    try:
        direct = [f"http://127.0.0.1:{port}" for port in ports]
        for name, (replica, proc) in zip("AB", zip(direct, procs, strict=True), strict=True):
            wait_healthy(replica, proc, f"replica {name}")
        wait_healthy(f"http://127.0.0.1:{listen}", proxy, "nginx")
        yield f"http://127.0.0.1:{listen}", direct
    finally:
        for proc in (proxy, *procs):
            proc.terminate()
        for proc in (proxy, *procs):
            proc.wait(timeout=20)
        for log in logs:
            log.close()
        postgres.drop_database("zi_replicas")


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)


def _upload_as_admin(page, tmp_path) -> None:
    """Sign in as the bootstrap superadmin and choose a roster with three more agents."""
    sign_in_browser(page, ADMIN_PASSWORD, timeout=WAIT)
    page.locator(".st-key-nav").get_by_text("Unggah Data").click()
    roster = tmp_path / "roster_tambah.xlsx"
    roster.write_bytes(_edited(_three_more))
    chooser = page.locator("input[type=file]")
    chooser.wait_for(state="attached", timeout=WAIT)
    chooser.set_input_files(roster)


def _version_shown(page) -> int:
    line = page.get_by_text(re.compile(r"versi \d+")).first
    line.wait_for(timeout=WAIT)
    return int(re.search(r"versi (\d+)", line.inner_text()).group(1))


def test_each_browser_stays_on_one_replica_and_uploads_through_the_proxy(replicas, browser,
                                                                         tmp_path):
    proxy, direct = replicas
    ports = {url.rsplit(":", 1)[1] for url in direct}
    served_by: set[str] = set()
    for _ in range(12):  # new browsers until both replicas have served one
        context = browser.new_context(viewport={"width": 1280, "height": 1600})
        seen: list[str] = []
        context.on("response", lambda r, seen=seen: seen.append(
            r.headers.get("x-zi-replica", "")) if r.url.startswith(proxy) else None)
        page = context.new_page()
        _open(page, proxy)
        page.reload(wait_until="domcontentloaded")
        _open(page, proxy)
        upstreams = {s.rsplit(":", 1)[-1] for s in seen if s}
        assert len(upstreams) == 1 and upstreams <= ports, seen
        served_by |= upstreams
        if len(served_by) == 2:
            break
        context.close()
    assert served_by == ports, "the cookie key should spread browsers over both replicas"

    # The last browser uploads through nginx: the file must reach the replica holding the
    # session (a request sent elsewhere is refused for an unknown session).
    _upload_as_admin(page, tmp_path)
    page.get_by_text("Tidak ada masalah").wait_for(timeout=WAIT)
    upstreams = {s for s in seen if s}
    assert len(upstreams) == 1, seen
    context.close()


def test_a_commit_on_replica_a_shows_on_replica_b_at_its_next_rerun(replicas, browser, tmp_path):
    _, (replica_a, replica_b) = replicas
    viewer = browser.new_context(viewport={"width": 1280, "height": 1600}).new_page()
    _open(viewer, replica_b)
    before = _version_shown(viewer)

    admin = browser.new_context(viewport={"width": 1400, "height": 2000}).new_page()
    _open(admin, replica_a)
    _upload_as_admin(admin, tmp_path)
    admin.get_by_role("button", name="Simpan sebagai versi baru").click()
    saved = admin.get_by_text(re.compile(r"Tersimpan sebagai versi \d+"))
    saved.wait_for(timeout=WAIT)
    committed = int(re.search(r"versi (\d+)", saved.inner_text()).group(1))
    assert committed > before

    # Replica B caches nothing past the pointer: its next rerun (a click in the sidebar) shows it.
    assert _version_shown(viewer) == before
    viewer.locator(".st-key-nav").get_by_text("Kehadiran").click()
    viewer.get_by_text(f"versi {committed}").first.wait_for(timeout=WAIT)
