"""Passwords and sign-in: salted scrypt hashes, pauses per account and client, admin e-mails,
whether an OIDC provider vouches for an e-mail."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable, Mapping
from datetime import datetime

__all__ = [
    "CLIENT_FACTOR",
    "CLIENT_WINDOW_SECONDS",
    "PAUSE_CAP_SECONDS",
    "admin_emails",
    "client_address",
    "credential_stamp",
    "email_verified",
    "hash_password",
    "is_admin_email",
    "secrets_superadmin",
    "pause_remaining",
    "resolve_password_hash",
    "same_credential",
    "sign_in_pause",
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


def credential_stamp(stored: str | None) -> str:
    """What a signed-in session keeps of the password it signed in with: a SHA-256 digest of
    its stored hash ("" without one). Every run compares it with the hash stored then.

    A digest of the hash rather than a version column: it changes whatever changes the hash
    (set_password, Pengguna, `users set-password`, a restore, SQL by hand, another bootstrap
    hash in the settings or secrets; a password set again gets a new salt), needs no migration
    and no counter to keep in step, and works alike for stored accounts and the bootstrap
    superadmin, whose hash lives in no table. It gives nothing to guess from (a digest of a
    salted scrypt hash, kept in the server's memory), and no sign-in accepts it.
    """
    return hashlib.sha256(stored.encode()).hexdigest() if stored else ""


def same_credential(kept: object, current: str) -> bool:
    """True when a session's kept stamp is `current`, the stamp of the hash in force now (never
    when there is none: a password removed ends the sessions it opened)."""
    return (bool(current) and isinstance(kept, str) and kept.isascii()
            and hmac.compare_digest(kept, current))


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


# The longest pause (an hour).
PAUSE_CAP_SECONDS = 3600.0


def pause_remaining(failures: int, latest: datetime | None, now: datetime, *, max_failures: int,
                    pause_seconds: float, cap_seconds: float = PAUSE_CAP_SECONDS) -> float:
    """Seconds a sign-in must still wait after `failures` failed attempts in a row.

    From `max_failures` on, each failure doubles the pause after the latest one (60 s, 120 s,
    240 s, …, at most `cap_seconds`).
    """
    if failures < max_failures or latest is None:
        return 0.0
    pause = min(cap_seconds, pause_seconds * 2 ** (failures - max_failures))
    return max(0.0, pause - (now - latest).total_seconds())


# A client address may fail this many times more across all accounts before it pauses: one
# browser trying many names is stopped, and one account's guesses never pause another client.
CLIENT_FACTOR = 4
# A client's failures over all accounts are counted over this window, whatever succeeded in it:
# a success from the client (its own account, say) must not wipe the count of its guesses at
# others. An hour, the longest pause: with the defaults a client gets at most about 25 failed
# checks in any hour (20, then pauses of 1, 2, 4, 8, 16 and 32 minutes). A longer window would
# tighten that (a day: about 48 a day) but would let a day's typos behind one office's NAT
# address pause everyone there.
CLIENT_WINDOW_SECONDS = PAUSE_CAP_SECONDS


def sign_in_pause(pair: tuple[int, datetime | None], client_wide: tuple[int, datetime | None],
                  now: datetime, *, max_failures: int, pause_seconds: float) -> float:
    """The wait for one account from one client: its own failures (since that pair's last
    success), and the client's over all accounts (in the last CLIENT_WINDOW_SECONDS).

    Failures from other clients never count, so nobody can lock an admin out from elsewhere.
    """
    return max(pause_remaining(*pair, now, max_failures=max_failures, pause_seconds=pause_seconds),
               pause_remaining(*client_wide, now, max_failures=max_failures * CLIENT_FACTOR,
                               pause_seconds=pause_seconds))


def client_address(ip_address: str | None, forwarded_for: str | None, *, trust_proxy: bool) -> str:
    """The client a sign-in comes from: the first X-Forwarded-For hop behind a trusted proxy."""
    if trust_proxy and forwarded_for:
        first = forwarded_for.split(",")[0].strip()
        if first:
            return first[:100]
    return (ip_address or "unknown")[:100]


def email_verified(claims: Mapping[str, object], *, assume_verified: bool) -> bool:
    """True when the provider's claims vouch for their e-mail: `email_verified` is True or the
    string "true" (any case, spaces ignored); without the claim, only with `assume_verified`.

    Anything else (False, None, "", "no", 1, …) vouches for nothing: anyone can type an e-mail
    at a provider that does not check it. ZI_OIDC_ASSUME_VERIFIED=1 is for a provider trusted to
    check every e-mail it sends but that sends no claim (a single-tenant directory; a
    multi-tenant Entra ID app lets another tenant's user set any e-mail); a claim sent still
    counts.
    """
    if "email_verified" not in claims:
        return assume_verified
    claim = claims["email_verified"]
    return claim is True or (isinstance(claim, str) and claim.strip().lower() == "true")


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


def secrets_superadmin(email: str | None, claims: Mapping[str, object],
                       secrets_map: Mapping[str, object] | None) -> bool:
    """True when an OIDC sign-in is a superadmin by the secrets' `admins` list: its e-mail is
    listed and the provider's claim says it is verified. An assumed verification
    (ZI_OIDC_ASSUME_VERIFIED) never makes a superadmin."""
    return (is_admin_email(email, admin_emails(secrets_map))
            and email_verified(claims, assume_verified=False))
