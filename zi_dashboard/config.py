"""Settings, declared once as data: name, default and help. The README documents each."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from zi_dashboard.i18n.format import DEFAULT_ZONE, is_zone

__all__ = ["DATA_DIR", "MB", "PROJECT_ROOT", "SETTINGS", "Setting", "Settings", "defaults",
           "load_settings"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
MB = 1024 * 1024


@dataclass(frozen=True)
class Setting:
    """One environment variable the app reads."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", f"sqlite:///{DATA_DIR / 'zi_dashboard.db'}",
            "SQLAlchemy URL of the database (SQLite file by default; e.g. "
            "postgresql+psycopg://user:pass@host/db)."),
    Setting("ZI_LANG", "id", "Default UI and CLI language: id (Bahasa Indonesia) or en."),
    Setting("ZI_TIMEZONE", DEFAULT_ZONE,
            "IANA time zone that times are shown in when the browser does not say its own (the "
            "CLI, packs built there, tests): Asia/Jakarta (WIB), Asia/Makassar (WITA), "
            "Asia/Jayapura (WIT), …"),
    Setting("ZI_MAX_UPLOAD_MB", "50", "Largest file accepted for upload or import, in MB."),
    Setting("ZI_MAX_UNCOMPRESSED_MB", "200",
            "Largest uncompressed size of an .xlsx (a zip) before it is refused as a zip bomb."),
    Setting("ZI_PARSE_MEMORY_MB", "1024",
            "Address space allowed to the worker process that parses an uploaded file, in MB."),
    Setting("ZI_PARSE_TIMEOUT_SECONDS", "30",
            "Longest time the worker process may take to parse one file before it is stopped."),
    Setting("ZI_MAX_ROWS", "200000", "Most rows a sheet may use; a value below it is refused."),
    Setting("ZI_MAX_CELL_CHARS", "32767",
            "Longest text accepted in one cell (Excel's own limit); a longer cell is refused."),
    Setting("ZI_AUTOLOAD_SAMPLE", "1",
            "1: fill an empty database with the bundled sample (2019 then 2020) on start; 0: don't."),
    Setting("ZI_DEFAULT_EVENT", "Lokakarya Penguatan Agen Perubahan 2020",
            "Event name given to the attendance column of an agents sheet."),
    Setting("ZI_ADMIN_PASSWORD_HASH", "",
            "scrypt hash of the bootstrap superadmin's password (account name `admin`; make it "
            "with `python -m zi_dashboard hash-password`). Also read from st.secrets as "
            "admin_password_hash."),
    Setting("ZI_ADMIN_PASSWORD", "",
            "Plain bootstrap superadmin password, hashed at start and never stored; for "
            "development only."),
    Setting("ZI_ANONYMOUS", "aggregates",
            "What visitors who have not signed in see: aggregates (counts and charts, no names, "
            "NIP, contacts or row-level downloads), none (sign-in required) or full (a demo)."),
    Setting("ZI_OIDC_REQUIRE_ACCOUNT", "0",
            "1: an OIDC sign-in whose e-mail has no account is refused; 0: it gets the anonymous "
            "policy."),
    Setting("ZI_OIDC_ASSUME_VERIFIED", "0",
            "1: an OIDC token without an email_verified claim counts as verified, only for a "
            "provider you trust to check every e-mail it sends (a single-tenant directory of "
            "your own); it never makes a secrets admin e-mail a superadmin. 0: such a token "
            "opens no account."),
    Setting("ZI_TRUST_PROXY", "0",
            "1: take the client address from the first X-Forwarded-For hop, only behind a proxy "
            "that overwrites that header (deploy/nginx does); 0: from the connection."),
    Setting("ZI_LOGIN_MAX_FAILURES", "5",
            "Failed sign-ins to one account from one client before a pause (a client pauses "
            "for all accounts after four times as many within an hour, whatever succeeded "
            "meanwhile)."),
    Setting("ZI_LOGIN_PAUSE_SECONDS", "60",
            "First pause after too many failed sign-ins; each further failure doubles it (at "
            "most an hour)."),
    Setting("ZI_LOCK_TIMEOUT_SECONDS", "30",
            "How long a write (an upload, rollback or account change) waits for another one to "
            "finish before the user is told to try again."),
    Setting("ZI_CACHE_MB", "512",
            "Memory one server process may hold in loaded versions and derived results (rule "
            "checks, gaps, metrics); the least recently used are dropped first."),
    Setting("ZI_SMTP_HOST", "",
            "SMTP server the weekly digest (`digest --to`) is sent through; empty: no e-mail."),
    Setting("ZI_SMTP_PORT", "",
            "Its port; empty: 587 with starttls, 465 with ssl, 25 with none."),
    Setting("ZI_SMTP_SECURITY", "starttls",
            "starttls (upgrade a plain connection), ssl (TLS from the start) or none (a relay "
            "on a trusted network only)."),
    Setting("ZI_SMTP_USER", "", "Account to sign in to the SMTP server with; empty: no sign-in."),
    Setting("ZI_SMTP_PASSWORD", "",
            "Its password. Also read from the secrets file (ZI_SECRETS_FILE) as smtp_password; "
            "never logged or printed."),
    Setting("ZI_SMTP_FROM", "",
            "Sender address of the digest, e.g. \"Dasbor ZI <zi@example.go.id>\"; empty: "
            "ZI_SMTP_USER when it is an address."),
    Setting("ZI_SMTP_TIMEOUT_SECONDS", "30",
            "How long connecting to and talking with the SMTP server may take."),
    Setting("ZI_SECRETS_FILE", ".streamlit/secrets.toml",
            "The secrets file command-line tools read (smtp_password), relative to the working "
            "directory as Streamlit reads it."),
    Setting("BROWSER_PATH", "/usr/bin/chromium",
            "Chromium used by kaleido for PNG/SVG export (found on PATH if this is absent)."),
)


@dataclass(frozen=True)
class Settings:
    """The settings in force, typed."""

    database_url: str
    lang: str
    timezone: str
    max_upload_bytes: int
    max_uncompressed_bytes: int
    autoload_sample: bool
    default_event: str
    admin_password_hash: str
    admin_password: str
    anonymous: str
    oidc_require_account: bool
    oidc_assume_verified: bool
    trust_proxy: bool
    login_max_failures: int
    login_pause_seconds: float
    browser_path: str
    parse_memory_bytes: int
    parse_timeout_seconds: float
    max_rows: int
    max_cell_chars: int
    cache_bytes: int
    lock_timeout_seconds: float
    # The SMTP password is no field: exports.mail reads it when sending, so no repr shows it.
    smtp_host: str = ""
    smtp_port: str = ""
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_from: str = ""
    smtp_timeout_seconds: float = 30.0
    secrets_file: str = ".streamlit/secrets.toml"


def _flag(value: str) -> bool:
    return value.strip().lower() not in ("", "0", "false", "no", "off")


def _choice(value: str, choices: tuple[str, ...], default: str) -> str:
    value = value.strip().lower()
    return value if value in choices else default


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from `env` (the process environment by default)."""
    env = os.environ if env is None else env
    raw = {s.name: env.get(s.name, s.default) or s.default for s in SETTINGS}
    # Secrets may legitimately be empty: read them without the default fallback.
    for secret in ("ZI_ADMIN_PASSWORD_HASH", "ZI_ADMIN_PASSWORD"):
        raw[secret] = env.get(secret, "")
    lang = raw["ZI_LANG"].strip().lower()
    zone = raw["ZI_TIMEZONE"].strip()
    return Settings(
        database_url=raw["DATABASE_URL"],
        lang=lang if lang in ("id", "en") else "id",
        timezone=zone if is_zone(zone) else DEFAULT_ZONE,
        max_upload_bytes=int(float(raw["ZI_MAX_UPLOAD_MB"]) * MB),
        max_uncompressed_bytes=int(float(raw["ZI_MAX_UNCOMPRESSED_MB"]) * MB),
        autoload_sample=_flag(raw["ZI_AUTOLOAD_SAMPLE"]),
        default_event=raw["ZI_DEFAULT_EVENT"],
        admin_password_hash=raw["ZI_ADMIN_PASSWORD_HASH"],
        admin_password=raw["ZI_ADMIN_PASSWORD"],
        anonymous=_choice(raw["ZI_ANONYMOUS"], ("aggregates", "none", "full"), "aggregates"),
        oidc_require_account=_flag(raw["ZI_OIDC_REQUIRE_ACCOUNT"]),
        oidc_assume_verified=_flag(raw["ZI_OIDC_ASSUME_VERIFIED"]),
        trust_proxy=_flag(raw["ZI_TRUST_PROXY"]),
        login_max_failures=int(raw["ZI_LOGIN_MAX_FAILURES"]),
        login_pause_seconds=float(raw["ZI_LOGIN_PAUSE_SECONDS"]),
        browser_path=raw["BROWSER_PATH"],
        parse_memory_bytes=int(float(raw["ZI_PARSE_MEMORY_MB"]) * MB),
        parse_timeout_seconds=float(raw["ZI_PARSE_TIMEOUT_SECONDS"]),
        max_rows=int(raw["ZI_MAX_ROWS"]),
        max_cell_chars=int(raw["ZI_MAX_CELL_CHARS"]),
        cache_bytes=int(float(raw["ZI_CACHE_MB"]) * MB),
        lock_timeout_seconds=float(raw["ZI_LOCK_TIMEOUT_SECONDS"]),
        smtp_host=raw["ZI_SMTP_HOST"].strip(),
        smtp_port=raw["ZI_SMTP_PORT"].strip(),
        # Checked when sending (exports.mail), so a wrong value is named rather than replaced.
        smtp_security=raw["ZI_SMTP_SECURITY"].strip().lower(),
        smtp_user=raw["ZI_SMTP_USER"].strip(),
        smtp_from=raw["ZI_SMTP_FROM"].strip(),
        smtp_timeout_seconds=float(raw["ZI_SMTP_TIMEOUT_SECONDS"]),
        secrets_file=raw["ZI_SECRETS_FILE"],
    )


def defaults() -> Settings:
    """Every setting at its declared default (what a function uses when not told otherwise)."""
    return load_settings({})
