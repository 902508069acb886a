"""Password hashing, sign-in pauses and admin e-mails."""

from datetime import datetime, timedelta

import pytest

from zi_dashboard.access import passwords as auth
from zi_dashboard.config import load_settings


def test_hash_verifies_only_the_right_password():
    stored = auth.hash_password("rahasia-123")
    assert stored.startswith("scrypt$")
    assert "rahasia-123" not in stored
    assert auth.verify_password("rahasia-123", stored)
    assert not auth.verify_password("rahasia-124", stored)


def test_hashes_are_salted():
    assert auth.hash_password("same") != auth.hash_password("same")


@pytest.mark.parametrize("stored", ["", "plain", "md5$x$y", "scrypt$1$2$3$zz$00", "scrypt$a$b$c$d$e"])
def test_malformed_hash_never_verifies(stored):
    assert not auth.verify_password("anything", stored)


def test_resolve_password_hash_prefers_env_then_secrets_then_plain():
    assert auth.resolve_password_hash("scrypt$env", "", {"admin_password_hash": "scrypt$s"}) == "scrypt$env"
    assert auth.resolve_password_hash("", "", {"admin_password_hash": "scrypt$s"}) == "scrypt$s"
    from_plain = auth.resolve_password_hash("", "dev-pass", None)
    assert from_plain and auth.verify_password("dev-pass", from_plain)
    assert auth.resolve_password_hash("", "", {}) is None


NOW = datetime(2026, 1, 1, 12, 0, 0)


@pytest.mark.parametrize(
    ("failures", "latest_age", "max_failures", "pause", "expected"),
    [
        (0, None, 3, 60, 0.0),
        (2, 5, 3, 60, 0.0),              # below the limit
        (3, 5, 3, 60, 55.0),             # at the limit: the latest failure was 5 s ago
        (3, 70, 3, 60, 0.0),             # the pause is over
        (4, 5, 3, 60, 115.0),            # one more failure doubles the pause
        (5, 0, 3, 60, 240.0),
        (40, 0, 3, 60, 3600.0),          # capped at an hour
    ],
)
def test_pause_grows_with_each_failure(failures, latest_age, max_failures, pause, expected):
    latest = None if latest_age is None else NOW - timedelta(seconds=latest_age)
    assert auth.pause_remaining(failures, latest, NOW, max_failures=max_failures,
                                pause_seconds=pause) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pair", "client_wide", "expected"),
    [
        ((5, 0), (5, 0), 60.0),     # this account from this client: paused
        ((0, None), (5, 0), 0.0),   # the same client trying another account: not yet
        ((0, None), (20, 0), 60.0),  # a client spraying many accounts: paused everywhere
        ((4, 0), (19, 0), 0.0),
    ],
)
def test_sign_in_pause_counts_the_pair_and_the_client(pair, client_wide, expected):
    as_times = [(n, None if age is None else NOW - timedelta(seconds=age))
                for n, age in (pair, client_wide)]
    assert auth.sign_in_pause(*as_times, NOW, max_failures=5,
                              pause_seconds=60) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ip", "forwarded", "trust", "expected"),
    [
        ("10.0.0.1", None, False, "10.0.0.1"),
        ("10.0.0.1", "203.0.113.9, 10.0.0.1", False, "10.0.0.1"),  # not behind a trusted proxy
        ("10.0.0.1", "203.0.113.9, 10.0.0.1", True, "203.0.113.9"),
        ("10.0.0.1", "", True, "10.0.0.1"),
        (None, None, False, "unknown"),
    ],
)
def test_client_address(ip, forwarded, trust, expected):
    assert auth.client_address(ip, forwarded, trust_proxy=trust) == expected


@pytest.mark.parametrize(
    ("secrets_map", "email", "expected"),
    [
        ({"admins": ["Admin@Kemensos.go.id"]}, "admin@kemensos.go.id", True),
        ({"auth": {"admins": "a@x.id"}}, "A@X.ID", True),
        ({"admins": ["a@x.id"]}, "b@x.id", False),
        ({}, "a@x.id", False),
        ({"admins": ["a@x.id"]}, None, False),
    ],
)
def test_admin_emails(secrets_map, email, expected):
    assert auth.is_admin_email(email, auth.admin_emails(secrets_map)) is expected


ABSENT = object()  # the token has no email_verified claim at all


@pytest.mark.parametrize(
    ("claim", "assume", "expected"),
    [
        (True, False, True),
        ("true", False, True),           # as some providers send it
        (" TRUE ", False, True),
        ("True", True, True),
        (False, False, False),
        (False, True, False),            # a claim that says no is never overridden
        ("false", True, False),
        (None, False, False),            # null is no "yes"
        (None, True, False),
        ("", False, False),
        ("", True, False),
        ("no", False, False),
        ("yes", False, False),
        ("0", False, False),
        ("1", False, False),
        (1, False, False),               # only the boolean True, not a truthy number
        (1, True, False),
        ("truthy", False, False),
        (ABSENT, False, False),          # no claim: the provider vouched for nothing
        (ABSENT, True, True),            # ZI_OIDC_ASSUME_VERIFIED=1 (Microsoft Entra ID)
    ],
)
def test_email_verified(claim, assume, expected):
    claims = {"sub": "x", "email": "siti@kemensos.go.id"}
    if claim is not ABSENT:
        claims["email_verified"] = claim
    assert auth.email_verified(claims, assume_verified=assume) is expected


@pytest.mark.parametrize(("value", "expected"), [(None, False), ("0", False), ("1", True)])
def test_oidc_assume_verified_setting(value, expected):
    env = {} if value is None else {"ZI_OIDC_ASSUME_VERIFIED": value}
    assert load_settings(env).oidc_assume_verified is expected


HASH_A, HASH_B = auth.hash_password("sandi-a"), auth.hash_password("sandi-a")  # two salts


# Named ids: the salted hashes differ per process, and xdist workers must collect the same ids.
@pytest.mark.parametrize(("kept", "current", "expected"), [
    pytest.param(auth.credential_stamp(HASH_A), auth.credential_stamp(HASH_A), True, id="same"),
    pytest.param(auth.credential_stamp(HASH_A), auth.credential_stamp(HASH_B), False,
                 id="set-again"),
    pytest.param(auth.credential_stamp(HASH_A), auth.credential_stamp(None), False, id="removed"),
    pytest.param("", auth.credential_stamp(None), False, id="never-for-no-hash"),
    pytest.param(None, auth.credential_stamp(HASH_A), False, id="none-kept"),
    pytest.param(HASH_A, auth.credential_stamp(HASH_A), False, id="the-hash-is-no-stamp"),
    pytest.param("\u00e9" * 64, auth.credential_stamp(HASH_A), False, id="not-hex"),
])
def test_same_credential(kept, current, expected):
    assert auth.same_credential(kept, current) is expected


def test_a_credential_stamp_is_a_digest_not_the_hash():
    stamp = auth.credential_stamp(HASH_A)
    assert len(stamp) == 64 and HASH_A.split("$")[-1] not in stamp
    assert auth.credential_stamp(HASH_A) == stamp and auth.credential_stamp("") == ""


SECRETS = {"auth": {"admins": ["kepala@kemensos.go.id"]}}


@pytest.mark.parametrize(("email", "claims", "expected"), [
    ("kepala@kemensos.go.id", {"email_verified": True}, True),
    ("Kepala@Kemensos.go.id", {"email_verified": "true"}, True),
    ("kepala@kemensos.go.id", {}, False),  # assumed verified (ZI_OIDC_ASSUME_VERIFIED): never
    ("kepala@kemensos.go.id", {"email_verified": False}, False),
    ("lain@kemensos.go.id", {"email_verified": True}, False),
    (None, {"email_verified": True}, False),
])
def test_a_secrets_admin_is_a_superadmin_only_on_a_claim_that_is_there(email, claims, expected):
    assert auth.secrets_superadmin(email, claims, SECRETS) is expected
