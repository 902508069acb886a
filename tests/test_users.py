"""The users store: sign-in attempts and the pauses they lead to, on SQLite and PostgreSQL."""

from datetime import timedelta

import pytest
from sqlalchemy import MetaData, insert

from zi_dashboard import store
from zi_dashboard.access import passwords
from zi_dashboard.store import users
from zi_dashboard.store.database import now, sign_in_attempts_table

MAX_FAILURES = 5  # a client pauses for every account after 4 × 5 = 20 failures
CLIENT = "203.0.113.7"


def _pause(pair, client_wide, moment):
    return passwords.sign_in_pause(pair, client_wide, moment, max_failures=MAX_FAILURES,
                                   pause_seconds=60)


def _try(engine, account: str, *, ok: bool, client: str = CLIENT) -> None:
    attempt, wait = users.start_attempt(engine, account, client, _pause)
    assert attempt is not None, f"{account} paused for {wait:.0f} s"
    users.finish_attempt(engine, attempt, ok=ok, account=account, client=client)


def _past_failures(engine, n: int, age: timedelta, client: str = CLIENT) -> None:
    """n failed attempts of this client at n other accounts, `age` ago."""
    if not n:
        return
    table = sign_in_attempts_table(MetaData())
    with engine.begin() as conn:
        conn.execute(insert(table), [dict(account=f"lama-{k}", client=client, ok=False,
                                          created_at=now() - age) for k in range(n)])


@pytest.fixture
def engine(db_url):
    engine = store.connect(db_url)
    yield engine
    engine.dispose()


def test_a_success_from_the_client_does_not_reset_its_count_over_all_accounts(engine):
    # 19 guesses at other accounts, one per account (no pair reaches its limit), then the
    # client signs in to its own account, and guesses once more: 20 failures in the hour.
    for k in range(19):
        _try(engine, f"korban-{k}", ok=False)
    _try(engine, "penyerang", ok=True)
    _try(engine, "korban-19", ok=False)
    attempt, wait = users.start_attempt(engine, "korban-20", CLIENT, _pause)
    assert attempt is None and 55 < wait <= 60
    # Its own account too: the pause is client-wide. Another client is not paused.
    assert users.start_attempt(engine, "penyerang", CLIENT, _pause)[0] is None
    assert users.start_attempt(engine, "korban-20", "198.51.100.1", _pause)[0] is not None


def test_successes_between_guesses_never_reset_the_client_wide_count(engine):
    for k in range(20):
        _try(engine, f"korban-{k}", ok=False)
        if k < 19:
            _try(engine, "penyerang", ok=True)
    assert users.start_attempt(engine, "korban-x", CLIENT, _pause)[0] is None


def test_a_pairs_success_still_resets_that_pairs_count(engine):
    for _ in range(MAX_FAILURES - 1):
        _try(engine, "budi", ok=False)
    _try(engine, "budi", ok=True)
    for _ in range(MAX_FAILURES - 1):
        _try(engine, "budi", ok=False)
    _try(engine, "budi", ok=False)  # the 4th since the success: still allowed
    assert users.start_attempt(engine, "budi", CLIENT, _pause)[0] is None  # the 5th pauses


@pytest.mark.parametrize(("outside", "inside", "paused"), [
    (0, 26, True),    # 26 in the hour: an hour's pause from the latest, 59 minutes ago
    (20, 6, False),   # the 20 from over an hour ago no longer count
    (26, 0, False),
])
def test_the_client_wide_count_looks_back_one_hour(engine, outside, inside, paused):
    assert passwords.CLIENT_WINDOW_SECONDS == 3600
    _past_failures(engine, outside, timedelta(minutes=70))
    _past_failures(engine, inside, timedelta(minutes=59))
    attempt, wait = users.start_attempt(engine, "siapa-saja", CLIENT, _pause)
    assert (attempt is None) is paused
    if paused:
        assert 55 < wait <= 60


def test_an_accounts_credential_changes_with_its_password_only(engine):
    first = users.add_user(engine, "siti", role="pimpinan", actor="test",
                           password_hash=passwords.hash_password("sandi-siti-1"))
    assert first.credential == passwords.credential_stamp(users.password_hash_of(engine, "siti"))
    assert users.set_role(engine, "siti", "admin", actor="test").credential == first.credential
    assert users.disable_user(engine, "siti", actor="test").credential == first.credential
    again = users.set_password(engine, "siti", passwords.hash_password("sandi-siti-1"),
                               actor="test")
    assert again.credential not in ("", first.credential)  # the same password, a new salt
    assert users.set_password(engine, "siti", None, actor="test").credential == ""
    oidc_only = users.add_user(engine, "budi@contoh.go.id", role="pimpinan", actor="test")
    assert oidc_only.credential == ""
