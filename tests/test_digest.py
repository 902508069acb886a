"""The weekly digest end to end: the real CLI on a real SQLite database with two committed
versions, sending to a real SMTP server on loopback (aiosmtpd, started here), with chart images
from the real Chromium exporter and the briefing deck attached."""

from __future__ import annotations

import email
import email.policy
import io
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import CHROMIUM, need
from tests.tables import make_table
from zi_dashboard import store
from zi_dashboard.exports.images import png_size
from zi_dashboard.store import users

ROOT = Path(__file__).resolve().parent.parent
SETJEN, REHSOS = "Sekretariat Jenderal", "Direktorat Jenderal Rehabilitasi Sosial"
SENDER = "zi@example.go.id"
TO = ["pimpinan@example.go.id", "biro.umum@example.go.id"]
SMTP_PASSWORD = "rahasia-smtp-2026"
# 52/2014 (evaluated 2019): WBK needs total >= 75, IPAK >= 13.5, TLHP >= 3.5, IPAK + TLHP >= 18.
SCORES = dict(evaluation_year=2019, hasil_ipak=14.0, hasil_tlhp=4.5)


def unit(key, name, eselon1, stage, lke):
    return dict(unit_key=key, unit_code=key, unit_name=name, eselon1=eselon1, zi_stage=stage,
                lke_score=lke, **SCORES)


def agent(nip, name, key, eselon1):
    return dict(nip=nip, name=name, unit=key, unit_key=key, eselon1=eselon1, status="aktif")


def plan(nip, key, title, due):
    return dict(nip=nip, unit=key, unit_key=key, title=title, due_date=due, status="proses")


# Version 1 → 2, by hand: Biro Umum reaches 78 (newly meets WBK), Balai Kartini moves from
# pembangunan to penilaian_tpi, Budi (Loka Bengkulu) leaves, Dewi (Balai Kartini) and Eko (Biro
# Umum) join, and two plans due in 2021 appear (overdue now, absent before).
V1 = {"units": [unit("U1", "Biro Umum", SETJEN, "pembangunan", 72.0),
                unit("U2", "Balai Kartini", REHSOS, "pembangunan", 70.0),
                unit("U3", "Loka Bengkulu", REHSOS, "belum", None)],
      "agents": [agent("198609262015051001", "Andi Sanjaya", "U1", SETJEN),
                 agent("199004122014032007", "Sari Lestari", "U2", REHSOS),
                 agent("197512312000121003", "Budi Santoso", "U3", REHSOS)],
      "action_plans": []}
V2 = {"units": [unit("U1", "Biro Umum", SETJEN, "pembangunan", 78.0),
                unit("U2", "Balai Kartini", REHSOS, "penilaian_tpi", 70.0),
                unit("U3", "Loka Bengkulu", REHSOS, "belum", None)],
      "agents": [agent("198609262015051001", "Andi Sanjaya", "U1", SETJEN),
                 agent("199004122014032007", "Sari Lestari", "U2", REHSOS),
                 agent("198211052009032012", "Dewi Kartika", "U2", REHSOS),
                 agent("196807041993031002", "Eko Prasetyo", "U1", SETJEN)],
      "action_plans": [plan("199004122014032007", "U2", "Maklumat pelayanan", "2021-01-31"),
                       plan("198609262015051001", "U1", "Zona bebas pungli", "2021-02-28")]}
# What only the other scope (Setjen, Loka Bengkulu) holds: a Balai Kartini account never sees it.
OTHER_SCOPE = ("Biro Umum", "Loka Bengkulu", SETJEN, "Andi Sanjaya", "Budi Santoso",
               "Eko Prasetyo", "Zona bebas pungli")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """aiosmtpd handler: keeps every message the server accepts."""

    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def message(self, index: int = -1):
        return email.message_from_bytes(self.envelopes[index][2], policy=email.policy.default)


def _authenticate(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == b"zi"
          and auth_data.password == SMTP_PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp():
    """A real SMTP server on a free loopback port; plain SMTP (ZI_SMTP_SECURITY=none)."""
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(),
                            authenticator=_authenticate, auth_require_tls=False)
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture
def db(tmp_path) -> str:
    """A SQLite file with versions 1 and 2 above, and a unit account for Balai Kartini."""
    url = f"sqlite:///{tmp_path / 'zi.db'}"
    engine = store.connect(url)
    for note, tables in (("minggu 1", V1), ("minggu 2", V2)):
        store.commit_version(engine, {k: make_table(k, v) for k, v in tables.items()}, [],
                             uploader="uji", note=note)
    users.add_user(engine, "kartini", role="unit", scope=["U2"], actor="uji")
    engine.dispose()
    return url


def run(db_url: str, *args: str, smtp: Inbox | None = None, **env: str):
    """`python -m zi_dashboard digest …` with the SMTP settings pointing at `smtp`."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ZI_SMTP", "ZI_SECRETS"))}
    base |= {"DATABASE_URL": db_url, "ZI_LANG": "id", "ZI_TIMEZONE": "Asia/Jakarta",
             "ZI_SECRETS_FILE": str(Path(db_url.removeprefix("sqlite:///")).with_name("none"))}
    if smtp is not None:
        base |= {"ZI_SMTP_HOST": "127.0.0.1", "ZI_SMTP_PORT": str(smtp.port),
                 "ZI_SMTP_SECURITY": "none", "ZI_SMTP_FROM": f"Dasbor ZI <{SENDER}>"}
    return subprocess.run([sys.executable, "-m", "zi_dashboard", "digest", *args], cwd=ROOT,
                          env=base | env, capture_output=True, text=True, timeout=300)


def recorded(db_url: str) -> list[dict]:
    engine = store.connect(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT from_version_id, version_id, account, recipients, lang "
                                 "FROM digests ORDER BY id")).mappings().all()
    engine.dispose()
    return [dict(r, recipients=json.loads(r["recipients"])) for r in rows]


def parts(message) -> tuple[str, str]:
    return (message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content())


def images(message) -> dict[str, bytes]:
    """Content-ID (without <>) → bytes of each inline image."""
    return {part["Content-ID"].strip("<>"): part.get_content() for part in message.walk()
            if part.get_content_type() == "image/png"}


def test_the_digest_arrives_with_both_parts_images_and_the_deck(db, smtp):
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    args = [a for address in TO for a in ("--to", address)]
    result = run(db, *args, "--lang", "en", "--attach", "pptx", smtp=smtp)
    assert result.returncode == 0, result.stderr
    assert len(smtp.envelopes) == 1
    sender, rcpt, _ = smtp.envelopes[0]
    assert (sender, rcpt) == (SENDER, TO)
    message = smtp.message()
    assert message["To"] == ", ".join(TO)
    assert message["Subject"] == "ZI weekly digest: 7 change(s) (version 1 → 2)"
    plain, html = parts(message)
    for body in (plain, html):
        assert "Period: from version 1" in body and "to version 2" in body
        assert "Units that now meet every WBK minimum: 1." in body
        assert "Now meets WBK" in body and "Biro Umum" in body
        assert "Units that moved stage: 1." in body and "Balai Kartini" in body
        assert "Development" in body and "Internal assessment" in body
        assert "Agents added: 2; removed: 1." in body
        for name in ("Dewi Kartika", "Eko Prasetyo", "Budi Santoso",
                     "Maklumat pelayanan", "Zona bebas pungli"):
            assert name in body
        assert "Plans newly overdue: 2." in body
        assert "198609262015051001" not in body  # no NIP, ever
    # Per Eselon I, as a table row: Rehsos one added (Dewi), one removed (Budi); Setjen one added.
    assert f"{REHSOS} | 1 | 1" in plain and f"{SETJEN} | 1 | 0" in plain
    assert re.search(r"<table[^>]*style=", html) and '<td style="' in html
    # Two inline charts, real PNGs twice the shown width, each referenced by its cid.
    found = images(message)
    assert len(found) == 2
    for cid, png in found.items():
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and png_size(png)[0] == 1280
        assert f'src="cid:{cid}"' in html
    related = next(p for p in message.walk() if p.get_content_type() == "multipart/related")
    assert related.get_payload()[0].get_content_type() == "text/html"
    # The briefing deck, attached and readable.
    from pptx import Presentation

    deck = next(message.iter_attachments())
    assert deck.get_filename() == "briefing_zi_v2.pptx"
    slides = Presentation(io.BytesIO(deck.get_content())).slides
    assert len(slides) > 3
    assert recorded(db) == [dict(from_version_id=1, version_id=2, account="", recipients=sorted(TO),
                                 lang="en")]

    # The next run starts where this one ended: nothing changed since, and it says so, in id.
    again = run(db, *args, smtp=smtp)
    assert again.returncode == 0, again.stderr
    message = smtp.message()
    assert message["Subject"] == "Ringkasan mingguan ZI: tidak ada perubahan (versi 2)"
    plain, html = parts(message)
    for body in (plain, html):
        assert "Tidak ada perubahan dalam periode ini." in body
        assert "sejak ringkasan terakhir belum ada versi baru" in body and "versi 2" in body
        assert "Dewi Kartika" not in body
    assert not any(p.get_content_type().endswith("presentation") for p in message.walk())
    assert [r["from_version_id"] for r in recorded(db)] == [1, 2]


def test_a_unit_account_digest_names_only_its_scope(db, smtp):
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    result = run(db, "--as", "kartini", "--to", TO[0], "--since", "1", smtp=smtp)
    assert result.returncode == 0, result.stderr
    message = smtp.message()
    plain, html = parts(message)
    for body in (plain, html):
        assert "Cakupan: Balai Kartini (U2)" in body
        assert "Balai Kartini" in body and "Dewi Kartika" in body and "Maklumat pelayanan" in body
        assert "1 agen ditambahkan, 0 agen dikeluarkan." in body
        for other in OTHER_SCOPE:
            assert other not in body, other
    # The charts show the scope only too (their alt text names what they draw).
    for part in message.walk():
        if part.get_content_type() == "image/png":
            assert part.get_content()[:4] == b"\x89PNG"
    alts = re.findall(r'alt="([^"]*)"', html)
    assert alts and not any(SETJEN in alt for alt in alts)
    assert SETJEN not in message["Subject"]
    assert recorded(db)[-1]["account"] == "kartini"


def test_without_smtp_settings_the_digest_fails_naming_the_setting(db):
    result = run(db, "--to", TO[0])
    assert result.returncode == 3
    assert "ZI_SMTP_HOST" in result.stderr
    assert "Surel belum diatur" in result.stderr and "E-mail is not set up" in result.stderr
    assert recorded(db) == []


def test_neither_to_nor_out_is_a_clear_error(db):
    result = run(db, "--lang", "en")
    assert result.returncode == 2
    assert "--to" in result.stderr and "--out" in result.stderr


def test_an_unreachable_server_fails_and_records_nothing_but_out_is_written(db, tmp_path):
    need(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM}; Debian's chromium)")
    out = tmp_path / "digest.html"
    closed = _free_port()  # nothing listens there
    result = run(db, "--to", TO[0], "--out", str(out), ZI_SMTP_HOST="127.0.0.1",
                 ZI_SMTP_PORT=str(closed), ZI_SMTP_SECURITY="none", ZI_SMTP_FROM=SENDER)
    assert result.returncode == 3
    assert f"127.0.0.1:{closed}" in result.stderr
    assert "tidak dapat dihubungi" in result.stderr and "cannot be reached" in result.stderr
    assert "ZI_SMTP_HOST" in result.stderr and "ZI_SMTP_PORT" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Biro Umum" in page and page.count('src="data:image/png;base64,') == 2
    assert recorded(db) == []


def test_out_alone_writes_the_html_and_records_nothing(db, tmp_path):
    out = tmp_path / "d.html"
    result = run(db, "--out", str(out), "--since", "1", "--lang", "en", BROWSER_PATH="/nope")
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stderr  # no Chromium: no charts, said so
    page = out.read_text(encoding="utf-8")
    assert "Biro Umum" in page and "cid:" not in page
    assert "not recorded" in result.stdout
    assert recorded(db) == []


def test_the_password_from_the_secrets_file_signs_in_and_a_wrong_one_is_named(db, smtp,
                                                                               tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'smtp_password = "{SMTP_PASSWORD}"\n', encoding="utf-8")
    ok = run(db, "--to", TO[0], smtp=smtp, ZI_SMTP_USER="zi", ZI_SECRETS_FILE=str(secrets),
             BROWSER_PATH="/nope")
    assert ok.returncode == 0, ok.stderr
    assert len(smtp.envelopes) == 1
    wrong = run(db, "--to", TO[0], smtp=smtp, ZI_SMTP_USER="zi", ZI_SMTP_PASSWORD="salah-sandi",
                BROWSER_PATH="/nope")
    assert wrong.returncode == 3
    assert "ZI_SMTP_PASSWORD" in wrong.stderr and "ZI_SMTP_USER" in wrong.stderr
    assert "salah-sandi" not in wrong.stderr + wrong.stdout
    assert SMTP_PASSWORD not in ok.stderr + ok.stdout
    assert len(smtp.envelopes) == 1 and len(recorded(db)) == 1


def test_since_a_date_starts_at_the_version_current_then(db, tmp_path):
    engine = store.connect(db)
    with engine.begin() as conn:  # version 1 a week ago, version 2 today
        conn.execute(text("UPDATE versions SET created_at = '2026-11-23 01:00:00' WHERE id = 1"))
    engine.dispose()
    out = tmp_path / "d.html"
    common = ("--out", str(out), "--lang", "en")
    result = run(db, "--since", "2026-11-24", *common, BROWSER_PATH="/nope")
    assert result.returncode == 0, result.stderr
    assert "Period: from version 1" in out.read_text(encoding="utf-8")
    before = run(db, "--since", "2026-11-22", *common, BROWSER_PATH="/nope")
    assert before.returncode == 2 and "There was no version on 2026-11-22." in before.stderr
    unknown = run(db, "--since", "9", *common, BROWSER_PATH="/nope")
    assert unknown.returncode == 2 and "version 9 not found" in unknown.stderr
    bad = run(db, "--since", "last week", *common)
    assert bad.returncode == 2 and "--since last week" in bad.stderr


def _certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl), valid for two days."""
    need(shutil.which("openssl"), "openssl")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    return cert, key


def test_starttls_upgrades_with_a_checked_certificate(db, smtp, tmp_path):
    from aiosmtpd.controller import Controller

    nope = {"BROWSER_PATH": "/nope", "ZI_SMTP_SECURITY": "starttls"}
    # A server that offers no STARTTLS: refused, naming the setting.
    plain = run(db, "--to", TO[0], smtp=smtp, **nope)
    assert plain.returncode == 3 and "STARTTLS" in plain.stderr
    assert "ZI_SMTP_SECURITY" in plain.stderr and smtp.envelopes == []
    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), tls_context=context,
                            require_starttls=True)
    controller.start()
    inbox.port = controller.port
    try:
        # The certificate is not trusted: nothing is sent.
        untrusted = run(db, "--to", TO[0], smtp=inbox, SSL_CERT_FILE=str(tmp_path / "none.pem"),
                        **nope)
        assert untrusted.returncode == 3 and "CERTIFICATE_VERIFY_FAILED" in untrusted.stderr
        assert "cannot be trusted" in untrusted.stderr and "ZI_SMTP_HOST" in untrusted.stderr
        assert inbox.envelopes == [] and recorded(db) == []
        trusted = run(db, "--to", TO[0], smtp=inbox, SSL_CERT_FILE=str(cert), **nope)
        assert trusted.returncode == 0, trusted.stderr
    finally:
        controller.stop()
    assert len(inbox.envelopes) == 1 and len(recorded(db)) == 1
