"""The digests table and the version current at a moment, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect, text

from tests.tables import make_table
from zi_dashboard import store
from zi_dashboard.store import digests


@pytest.fixture
def engine(db_url):
    engine = store.connect(db_url)
    yield engine
    engine.dispose()


def commit(engine, note: str) -> int:
    units = make_table("units", [dict(unit_key="U1", unit_name=f"Biro {note}", eselon1="Setjen")])
    return store.commit_version(engine, {"units": units}, [], uploader="uji", note=note).version.id


def set_time(engine, table: str, row_id: int, moment: dt.datetime, column: str) -> None:
    # The store stamps "now": older moments are written here, as a week of use would leave them.
    stored = moment if engine.dialect.name == "postgresql" else moment.replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {table} SET {column} = :at WHERE id = :id"),
                     {"at": stored, "id": row_id})


def test_the_migration_makes_the_table(engine):
    assert "digests" in inspect(engine).get_table_names()
    assert "0006_digests" in [name for name, _ in store.MIGRATIONS]


def test_last_digest_is_per_account_and_recipients(engine):
    v1, v2 = commit(engine, "a"), commit(engine, "b")
    assert digests.last_digest(engine, "", ["pimpinan@example.go.id"]) is None
    first = digests.record_digest(engine, version_id=v1, from_version_id=None, account="",
                                  recipients=["Pimpinan@Example.go.id "], lang="id")
    digests.record_digest(engine, version_id=v2, from_version_id=v1, account="budi",
                          recipients=["pimpinan@example.go.id"], lang="en")
    found = digests.last_digest(engine, "", ["pimpinan@example.go.id"])
    assert (found.id, found.version_id, found.from_version_id, found.recipients) == (
        first.id, v1, None, ("pimpinan@example.go.id",))
    assert found.sent_at.tzinfo is not None
    assert digests.last_digest(engine, "budi", ["pimpinan@example.go.id"]).version_id == v2
    # Another set of recipients has had no digest yet.
    assert digests.last_digest(engine, "", ["pimpinan@example.go.id", "x@example.go.id"]) is None
    later = digests.record_digest(engine, version_id=v2, from_version_id=v1, account="",
                                  recipients=["b@x.id", "a@x.id", "a@x.id"], lang="id")
    assert later.recipients == ("a@x.id", "b@x.id")
    assert digests.last_digest(engine, "", ["a@x.id", "B@x.id"]).id == later.id
    assert digests.last_digest(engine, "", None).id == later.id  # to anyone
    assert digests.last_digest(engine, "siti", None) is None


def test_version_at_follows_commits_and_rollbacks(engine):
    utc = dt.timezone.utc
    v1, v2 = commit(engine, "a"), commit(engine, "b")
    set_time(engine, "versions", v1, dt.datetime(2026, 11, 2, 8, tzinfo=utc), "created_at")
    set_time(engine, "versions", v2, dt.datetime(2026, 11, 9, 8, tzinfo=utc), "created_at")
    store.rollback(engine, v1, actor="uji")
    events = store.list_events(engine)
    with engine.connect() as conn:
        rollback_id = conn.execute(text("SELECT id FROM audit_events WHERE kind = 'rollback'")
                                   ).scalar_one()
    set_time(engine, "audit_events", rollback_id, dt.datetime(2026, 11, 16, 8, tzinfo=utc),
             "created_at")
    assert len(events) == 1
    at = lambda *args: digests.version_at(engine, dt.datetime(*args, tzinfo=utc))  # noqa: E731
    assert at(2026, 11, 1) is None
    assert at(2026, 11, 2, 8) == v1
    assert at(2026, 11, 10) == v2
    assert at(2026, 11, 17) == v1  # rolled back on the 16th
