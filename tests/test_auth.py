"""Password hashing, sign-in pauses and admin e-mails."""

from datetime import datetime, timedelta

import pytest

from zi_dashboard import auth


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
    ("failure_ages", "max_failures", "pause", "expected"),
    [
        ([], 3, 60, 0.0),
        ([5, 10], 3, 60, 0.0),              # below the limit
        ([5, 10, 20], 3, 60, 55.0),         # the latest failure was 5 s ago
        ([70, 80, 90], 3, 60, 0.0),         # the pause is over
        ([0, 1, 2, 3], 3, 30, 30.0),
    ],
)
def test_pause_remaining(failure_ages, max_failures, pause, expected):
    failures = [NOW - timedelta(seconds=s) for s in failure_ages]
    assert auth.pause_remaining(failures, NOW, max_failures=max_failures,
                                pause_seconds=pause) == pytest.approx(expected)


def test_failures_since_success_stops_at_the_latest_sign_in():
    t0 = NOW
    events = [("sign_in_failed", t0), ("upload", t0), ("sign_in_failed", t0), ("sign_in", t0),
              ("sign_in_failed", t0)]
    assert len(auth.failures_since_success(events)) == 2


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
