"""A real OpenID Connect provider on loopback (`oidc-provider-mock`, from requirements-dev.txt),
and the app served by `streamlit run` with an `[auth]` secrets file pointing at it.

The provider runs as its own process (`python -m oidc_provider_mock`), so the test process's
`filterwarnings = error` does not reach into its request handling. Streamlit reads the secrets
file named by its `secrets.files` option (streamlit/config.py), so the project's own
`.streamlit/` folder is left alone.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT_ID = "zi-dashboard"
START_SECONDS = 90

__all__ = ["CLIENT_ID", "free_port", "provider", "served_with_oidc", "write_secrets"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError(f"{what} did not answer {url} within {START_SECONDS} s:\n{log.read_text()}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=20)


@contextmanager
def provider(log_dir: Path, users: Sequence[Mapping[str, object]] = ()) -> Iterator[str]:
    """Run the provider on a free loopback port; yield its issuer URL (no trailing slash).

    `users` are predefined subjects with their claims ({"sub": …, "email": …, …}); any other
    subject typed into its authorize form gets the claims {"email": <subject>}.
    """
    port = free_port()
    log = log_dir / "oidc-provider.log"
    args = [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)]
    for user in users:
        args += ["--user-claims", json.dumps(dict(user))]
    with log.open("w") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
    issuer = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{issuer}/.well-known/openid-configuration", proc, log, "oidc-provider-mock")
        yield issuer
    finally:
        _stop(proc)


def write_secrets(path: Path, *, app_url: str, issuer: str) -> Path:
    """A secrets.toml whose [auth] section signs in through `issuer` and back to `app_url`."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        f'client_secret = "{secrets.token_hex(16)}"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
        encoding="utf-8")
    return path


@contextmanager
def served_with_oidc(work: Path, database: Path, issuer: str,
                     env: Mapping[str, str] = ()) -> Iterator[str]:
    """`streamlit run app.py` on `database` with [auth] pointing at `issuer`; yield its URL.

    No embedded admin password reaches it: the only way in is the provider.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    secrets_file = write_secrets(work / "secrets.toml", app_url=url, issuer=issuer)
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("ZI_", "STREAMLIT_")) and k != "DATABASE_URL"}
    log = work / "streamlit.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
             "--server.headless", "true", "--server.address", "127.0.0.1",
             "--secrets.files", str(secrets_file)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            env={**base, "DATABASE_URL": f"sqlite:///{database}", "ZI_LANG": "id", **dict(env)})
    try:
        _wait_until_up(f"{url}/_stcore/health", proc, log, "streamlit")
        yield url
    finally:
        _stop(proc)
