"""Who may upload and roll back: salted scrypt password hashes, sign-in pauses, admin e-mails."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

__all__ = [
    "admin_emails",
    "failures_since_success",
    "hash_password",
    "is_admin_email",
    "pause_remaining",
    "resolve_password_hash",
    "verify_password",
]

# scrypt cost: ~50 ms a check here, slow enough to hinder guessing, fast enough for a sign-in.
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt$hash' (hex), safe to keep in an environment variable or secrets."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches the stored hash; False for a malformed hash."""
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt_hex), n=int(n),
                                r=int(r), p=int(p), dklen=len(digest_hex) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def resolve_password_hash(hash_setting: str, plain_setting: str,
                          secrets_map: Mapping[str, object] | None = None) -> str | None:
    """The admin password hash in force: env hash, then secrets, then a hash of a plain password."""
    if hash_setting:
        return hash_setting
    if secrets_map and secrets_map.get("admin_password_hash"):
        return str(secrets_map["admin_password_hash"])
    if plain_setting:
        return hash_password(plain_setting)
    return None


def pause_remaining(failures: Sequence[datetime], now: datetime, *, max_failures: int,
                    pause_seconds: float) -> float:
    """Seconds a sign-in must still wait, given the failed attempts since the last success.

    After `max_failures` failures in a row, sign-in pauses for `pause_seconds` after the latest one.
    """
    if len(failures) < max_failures:
        return 0.0
    elapsed = (now - max(failures)).total_seconds()
    return max(0.0, pause_seconds - elapsed)


def admin_emails(secrets_map: Mapping[str, object] | None) -> set[str]:
    """Admin e-mails from secrets: `admins = ["a@x.go.id", …]` (top level or under [auth])."""
    if not secrets_map:
        return set()
    raw: object = secrets_map.get("admins")
    if raw is None and isinstance(secrets_map.get("auth"), Mapping):
        raw = secrets_map["auth"].get("admins")  # type: ignore[union-attr]
    if isinstance(raw, str):
        raw = [raw]
    return {str(e).strip().lower() for e in (raw or []) if str(e).strip()}


def is_admin_email(email: str | None, allowed: Iterable[str]) -> bool:
    """Case-insensitive membership of a signed-in e-mail in the admin list."""
    return bool(email) and email.strip().lower() in set(allowed)


def failures_since_success(events: Iterable[tuple[str, datetime]]) -> list[datetime]:
    """Times of failed sign-ins after the latest success; `events` are (kind, time), newest first."""
    failures = []
    for kind, when in events:
        if kind == "sign_in":
            break
        if kind == "sign_in_failed":
            failures.append(when)
    return failures
