"""Times: stored as timezone-aware UTC on both backends, shown in the viewer's zone, named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import DateTime, MetaData, create_engine, insert, select, text
from sqlalchemy.exc import StatementError
from streamlit.testing.v1 import AppTest

from tests.conftest import ADMIN_PASSWORD
from tests.tables import build_tables
from tests.test_factsheet import _tables as sheet_tables
from tests.test_factsheet import _text, _zip
from zi_dashboard import store
from zi_dashboard.access import passwords
from zi_dashboard.exports import briefing, factsheet
from zi_dashboard.i18n.format import format_as_of, format_date, format_datetime, is_zone, zone_name
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.present import admin_tables
from zi_dashboard.store import users
from zi_dashboard.store.database import (
    TIME_COLUMNS,
    UtcDateTime,
    column_mappings_table,
    digests_table,
    migrate,
    now,
    sign_in_attempts_table,
    users_table,
)
from zi_dashboard.store.database import build_tables as sql_tables
from zi_dashboard.store.mappings import save_mappings

ROOT = Path(__file__).resolve().parent.parent
UTC = dt.timezone.utc
NOON = dt.datetime(2026, 12, 2, 6, 5, tzinfo=UTC)  # 13.05 in Jakarta
MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


# --- showing a time ------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "lang", "zone", "expected"), [
    (NOON, "id", "Asia/Jakarta", "2 Des 2026 13.05 WIB"),
    (NOON, "en", "Asia/Jakarta", "2 Dec 2026, 13:05 WIB"),
    (NOON, "id", "Asia/Makassar", "2 Des 2026 14.05 WITA"),
    (NOON, "en", "Asia/Makassar", "2 Dec 2026, 14:05 WITA"),
    (NOON, "id", "Asia/Jayapura", "2 Des 2026 15.05 WIT"),
    (NOON, "en", "Asia/Jayapura", "2 Dec 2026, 15:05 WIT"),
    # The same moment given in another offset is the same time.
    (dt.datetime(2026, 12, 2, 13, 5, tzinfo=dt.timezone(dt.timedelta(hours=7))), "id",
     "Asia/Jayapura", "2 Des 2026 15.05 WIT"),
    # New Year's Eve in UTC is New Year's Day in Jayapura: day, month and year all cross.
    (dt.datetime(2026, 12, 31, 16, 5, tzinfo=UTC), "id", "Asia/Jayapura", "1 Jan 2027 01.05 WIT"),
    (dt.datetime(2026, 12, 31, 16, 5, tzinfo=UTC), "en", "Asia/Jakarta", "31 Dec 2026, 23:05 WIB"),
    # West of the date line the day goes back.
    (dt.datetime(2027, 1, 1, 6, 5, tzinfo=UTC), "en", "Pacific/Pago_Pago", "31 Dec 2026, 19:05 SST"),
    # Outside Indonesia: the tz database's abbreviation (CLDR has none for these), summer too.
    (NOON, "id", "Europe/Amsterdam", "2 Des 2026 07.05 CET"),
    (dt.datetime(2026, 7, 2, 6, 5, tzinfo=UTC), "en", "Europe/Amsterdam", "2 Jul 2026, 08:05 CEST"),
    (NOON, "en", "America/New_York", "2 Dec 2026, 01:05 EST"),
    (NOON, "en", "UTC", "2 Dec 2026, 06:05 UTC"),
    # No abbreviation anywhere: the offset.
    (NOON, "en", "Pacific/Kiritimati", "2 Dec 2026, 20:05 UTC+14"),
    (NOON, "id", "Asia/Kathmandu", "2 Des 2026 11.50 UTC+5:45"),
    (NOON, "en", "America/Noronha", "2 Dec 2026, 04:05 UTC-2"),
    (pd.Timestamp("2026-12-02 06:05", tz="UTC"), "id", "Asia/Jakarta", "2 Des 2026 13.05 WIB"),
    (None, "id", "Asia/Jakarta", "–"),
    (pd.NaT, "en", "Asia/Jakarta", "–"),
])
def test_format_datetime(value, lang, zone, expected):
    assert format_datetime(value, lang, zone) == expected


def test_format_datetime_default_zone_is_jakarta():
    assert format_datetime(NOON) == "2 Des 2026 13.05 WIB"


@pytest.mark.parametrize("naive", [dt.datetime(2026, 12, 2, 6, 5), pd.Timestamp("2026-12-02")])
def test_a_naive_time_is_refused_not_guessed(naive):
    # Stored times are aware: a naive one is a bug upstream, and any zone guessed would show
    # a wrong time without a sign of it.
    with pytest.raises(ValueError, match="timezone-aware"):
        format_datetime(naive, "id")
    with pytest.raises(ValueError):
        zone_name(naive)


@pytest.mark.parametrize(("value", "zone", "expected"), [
    (dt.datetime(2026, 12, 31, 20, 0, tzinfo=UTC), "Asia/Jakarta", "1 Januari 2027"),
    (dt.datetime(2026, 12, 31, 16, 0, tzinfo=UTC), "Asia/Jakarta", "31 Desember 2026"),
    (dt.datetime(2026, 12, 31, 16, 0, tzinfo=UTC), "Asia/Jayapura", "1 Januari 2027"),
    # A naive datetime in format_date is a calendar day from a roster: left as written.
    (dt.datetime(2026, 12, 31, 20, 0), "Asia/Jayapura", "31 Desember 2026"),
    (dt.date(2026, 12, 31), "Asia/Jayapura", "31 Desember 2026"),
])
def test_format_date_takes_the_day_of_a_moment_in_the_zone(value, zone, expected):
    assert format_date(value, "id", zone) == expected


def test_format_as_of_names_the_zone_of_a_time_and_leaves_a_date_a_date():
    assert format_as_of(NOON, "en", "Asia/Makassar") == "2 Dec 2026, 14:05 WITA"
    assert format_as_of(dt.date(2026, 12, 2), "en", "Asia/Makassar") == "2 December 2026"
    assert format_as_of(None, "id") == "–"


@pytest.mark.parametrize(("name", "known"), [
    ("Asia/Jakarta", True), ("Asia/Makassar", True), ("Europe/Amsterdam", True), ("UTC", True),
    ("Mars/Olympus_Mons", False), ("../../etc/passwd", False), ("", False), (None, False),
    (7, False),
])
def test_is_zone(name, known):
    assert is_zone(name) is known


# --- storing a time ------------------------------------------------------------------------

def test_now_is_aware_utc():
    stamp = now()
    assert stamp.tzinfo is UTC
    assert abs(stamp - dt.datetime.now(UTC)) < dt.timedelta(minutes=1)


def test_every_stored_time_column_is_utc_aware():
    t = sql_tables()
    md = MetaData()
    tables = (t.versions, t.events, t.migrations, *t.datasets.values(), users_table(md),
              sign_in_attempts_table(md), column_mappings_table(md), digests_table(md))
    times = {(table.name, c.name): c.type for table in tables for c in table.columns
             if isinstance(c.type, (DateTime, UtcDateTime))}
    assert set(times) == set(TIME_COLUMNS)
    assert all(isinstance(kind, UtcDateTime) for kind in times.values())


def test_aware_times_round_trip_as_utc(db_url):
    engine = store.connect(db_url)
    t = sql_tables()
    # 13.05 WIB written with its own offset comes back as 06:05 UTC, microseconds kept.
    wib = dt.datetime(2026, 12, 2, 13, 5, 7, 123456, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    with engine.begin() as conn:
        conn.execute(insert(t.events).values(created_at=wib, kind="test", actor="uji", detail=""))
    with engine.connect() as conn:
        back = conn.scalar(select(t.events.c.created_at).where(t.events.c.kind == "test"))
    assert back == dt.datetime(2026, 12, 2, 6, 5, 7, 123456, tzinfo=UTC)
    assert back.tzinfo is UTC and back.utcoffset() == dt.timedelta(0)
    events = store.list_events(engine)
    assert str(events["time"].dtype) == "datetime64[ns, UTC]"
    assert events.loc[events["kind"] == "test", "time"].iloc[0] == pd.Timestamp(
        "2026-12-02 06:05:07.123456", tz="UTC")
    with engine.connect() as conn:
        applied = conn.scalars(select(t.migrations.c.applied_at)).all()
    assert applied and all(a.tzinfo is UTC for a in applied)
    engine.dispose()


def test_a_naive_time_is_refused_on_the_way_in(db_url):
    engine = store.connect(db_url)
    t = sql_tables()
    with pytest.raises(StatementError, match="timezone-aware"), engine.begin() as conn:
        conn.execute(insert(t.events).values(created_at=dt.datetime(2026, 12, 2, 6, 5),
                                              kind="test", actor="uji", detail=""))
    assert store.list_events(engine).empty
    engine.dispose()


def test_versions_users_mappings_and_events_are_stamped_in_utc(db_url):
    engine = store.connect(db_url)
    before = dt.datetime.now(UTC)
    version = store.commit_version(engine, build_tables(seed=1, n_agents=5),
                                   [SourceFile("a.xlsx", b"a")], uploader="uji").version
    user = users.add_user(engine, "budi", role="pimpinan", actor="uji")
    save_mappings(engine, {"Nama Pegawai": "name"}, created_by="uji")
    after = dt.datetime.now(UTC)
    stamps = [version.created_at, store.list_versions(engine)[0].created_at,
              user.created_at, user.updated_at, users.get_user(engine, "budi").updated_at,
              *store.list_events(engine)["time"]]
    mappings = column_mappings_table(MetaData())
    with engine.connect() as conn:
        stamps += conn.scalars(select(mappings.c.created_at)).all()
    assert len(stamps) >= 8
    for stamp in stamps:
        assert stamp.utcoffset() == dt.timedelta(0) and before <= stamp <= after, stamp
    engine.dispose()


def test_sign_in_pauses_compare_aware_times(db_url):
    # The pause subtracts the latest failure (read back from the store) from `now`: both aware.
    engine = store.connect(db_url)
    seen = []

    def wait_for(pair, client_wide, moment):
        seen.append((pair[1], moment))
        return passwords.sign_in_pause(pair, client_wide, moment, max_failures=2,
                                       pause_seconds=60)

    for _ in range(2):
        attempt, wait = users.start_attempt(engine, "admin", "10.0.0.1", wait_for)
        assert attempt is not None and wait == 0
        users.finish_attempt(engine, attempt, ok=False, account="admin", client="10.0.0.1")
    attempt, wait = users.start_attempt(engine, "admin", "10.0.0.1", wait_for)
    assert attempt is None and 55 < wait <= 60
    latest, moment = seen[-1]
    assert latest.tzinfo is UTC and moment.tzinfo is UTC
    # Another client is not paused; a month-old prune keeps today's attempts.
    assert users.start_attempt(engine, "admin", "10.0.0.2", wait_for)[0] is not None
    users.prune_attempts(engine)
    assert users.start_attempt(engine, "admin", "10.0.0.1", wait_for)[0] is None
    engine.dispose()


def test_naive_sqlite_times_read_back_as_utc(tmp_path):
    # SQLite files written before this change hold naive UTC text, with or without microseconds.
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = store.connect(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_events (created_at, kind, actor, detail) VALUES "
                          "('2026-12-02 06:05:00.000000', 'old', 'uji', ''), "
                          "('2026-12-31 16:05:09', 'older', 'uji', '')"))
    engine.dispose()
    engine = store.connect(url)
    events = store.list_events(engine)
    times = dict(zip(events["kind"], events["time"]))
    assert times["old"] == pd.Timestamp("2026-12-02 06:05", tz="UTC")
    assert times["older"] == pd.Timestamp("2026-12-31 16:05:09", tz="UTC")
    assert format_datetime(times["older"].to_pydatetime(), "id", "Asia/Jayapura") == (
        "1 Jan 2027 01.05 WIT")
    engine.dispose()


def _jakarta_session(url: str):
    # A session in another zone: the migration must not depend on it.
    return create_engine(url, connect_args={"options": "-c TimeZone=Asia/Jakarta"})


def _columns_kind(conn) -> dict[tuple[str, str], str]:
    rows = conn.execute(text("SELECT table_name, column_name, data_type "
                             "FROM information_schema.columns WHERE table_schema = 'public'"))
    return {(table, column): kind for table, column, kind in rows}


def test_naive_postgresql_times_become_timestamptz_read_as_utc(postgres):
    url = postgres.create_database("zi_naive_times", template="zi_empty")
    engine = create_engine(url)
    # The database as it was before 0005: naive columns, naive UTC rows written in plain SQL.
    with engine.begin() as conn:
        for table, column in TIME_COLUMNS:
            conn.execute(text(f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE timestamp '
                              f"without time zone USING \"{column}\" AT TIME ZONE 'UTC'"))
        conn.execute(text("DELETE FROM schema_migrations WHERE name = '0005_times_with_zone'"))
        conn.execute(text("INSERT INTO audit_events (created_at, kind, actor, detail) "
                          "VALUES ('2026-12-02 06:05:00', 'old', 'uji', '')"))
        conn.execute(text("INSERT INTO users (name, display_name, role, scope, active, "
                          "created_at, updated_at) VALUES ('budi', 'Budi', 'pimpinan', '[]', "
                          "true, '2026-12-31 16:05:00', '2026-12-31 16:05:00')"))
        assert _columns_kind(conn)[("audit_events", "created_at")] == "timestamp without time zone"
    engine.dispose()
    session = _jakarta_session(url)
    assert migrate(session) == ["0005_times_with_zone"]
    session.dispose()
    engine = store.connect(url)
    with engine.connect() as conn:
        kinds = _columns_kind(conn)
    assert {kinds[c] for c in TIME_COLUMNS} == {"timestamp with time zone"}
    events = store.list_events(engine)
    assert events.loc[events["kind"] == "old", "time"].iloc[0] == pd.Timestamp(
        "2026-12-02 06:05", tz="UTC")
    user = users.get_user(engine, "budi")
    assert user.created_at == dt.datetime(2026, 12, 31, 16, 5, tzinfo=UTC)
    engine.dispose()


def test_the_migration_leaves_timestamptz_columns_alone(postgres):
    # A database created after 0005 already has timestamptz: converting it again under a
    # session in Jakarta would move every time by seven hours.
    url = postgres.create_database("zi_aware_times", template="zi_empty")
    engine = store.connect(url)
    store.record_event(engine, "kept", "uji")
    stamp = store.list_events(engine)["time"].iloc[0]
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM schema_migrations WHERE name = '0005_times_with_zone'"))
    engine.dispose()
    session = _jakarta_session(url)
    assert migrate(session) == ["0005_times_with_zone"]
    session.dispose()
    engine = store.connect(url)
    assert store.list_events(engine)["time"].iloc[0] == stamp
    engine.dispose()


# --- where times are shown -----------------------------------------------------------------

def _version(vid: int, created_at: dt.datetime) -> store.Version:
    return store.Version(vid, created_at, "admin", "", ["a.xlsx"], "ab" * 32, {"agents": 3},
                         vid == 2)


def test_versions_and_events_tables_are_in_the_viewers_zone_named_in_the_header():
    versions = [_version(2, dt.datetime(2026, 12, 31, 16, 5, tzinfo=UTC)), _version(1, NOON)]
    frame = admin_tables.versions_table(versions, "id", "Asia/Jayapura")
    assert admin_tables.time_column(frame) == "Waktu (WIT)"
    shown = frame["Waktu (WIT)"].tolist()
    assert [(s.year, s.month, s.day, s.hour, s.minute) for s in shown] == [
        (2027, 1, 1, 1, 5), (2026, 12, 2, 15, 5)]
    assert admin_tables.version_label(versions[0], "en", "Asia/Jayapura") == (
        "Version 2 · 1 January 2027 · admin")
    assert admin_tables.version_label(versions[0], "en", "Asia/Jakarta") == (
        "Version 2 · 31 December 2026 · admin")
    events = pd.DataFrame({"time": pd.to_datetime(["2026-12-02 06:05"], utc=True),
                           "kind": ["sign_in"], "actor": ["admin"], "detail": [""],
                           "version_id": pd.array([None], dtype="Int64")})
    table = admin_tables.events_table(events, "en", "Asia/Makassar")
    assert admin_tables.time_column(table) == "Time (WITA)"
    assert table["Time (WITA)"].iloc[0].strftime("%d %H:%M") == "02 14:05"


def test_a_zone_that_changes_its_name_over_the_rows_is_named_by_its_iana_name():
    winter, summer = NOON, dt.datetime(2026, 7, 2, 6, 5, tzinfo=UTC)
    assert admin_tables.time_heading([winter, summer], "en", "Europe/Amsterdam") == (
        "Time (Europe/Amsterdam)")
    assert admin_tables.time_heading([summer], "en", "Europe/Amsterdam") == "Time (CEST)"


def test_briefing_data_line_names_the_zone():
    deck = briefing.build_deck(build_tables(seed=1, n_agents=5), None, version_id=9,
                               created_at=NOON, filters_text="", sections=(),
                               zone="Asia/Makassar")
    assert deck.version_text == "Data per 2 Des 2026 14.05 WITA · versi 9"
    assert deck.date_text == "2 Desember 2026"
    english = briefing.build_deck(build_tables(seed=1, n_agents=5), None, version_id=9,
                                  created_at=dt.datetime(2026, 12, 31, 20, 0, tzinfo=UTC),
                                  filters_text="", lang="en", sections=())
    assert english.version_text == "Data as of 1 Jan 2027, 03:00 WIB · version 9"
    assert english.date_text == "1 January 2027"


def test_fact_sheet_footer_names_the_zone(tmp_path):
    files = _zip(factsheet.build_unit_sheets(sheet_tables(), version_id=7, created_at=NOON,
                                             today=dt.date(2026, 12, 2), combined=False,
                                             zone="Asia/Jayapura"))
    flat = " ".join(_text(next(iter(files.values())), tmp_path).split())
    assert "Data per 2 Des 2026 15.05 WIT · versi 7" in flat


# --- the app -------------------------------------------------------------------------------

def _expected_line(created_at: dt.datetime, hours: int, zone_abbr: str) -> str:
    local = created_at.astimezone(UTC).replace(tzinfo=None) + dt.timedelta(hours=hours)
    return (f"Data per {local.day} {MONTHS_ID[local.month - 1]} {local.year} "
            f"{local:%H.%M} {zone_abbr}")


def _app(context: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if context:
        at.context = context
    return at


@pytest.mark.parametrize(("context", "hours", "abbr"), [
    (None, 7, "WIB"),  # no zone from the client: ZI_TIMEZONE's default, Jakarta
    ({"timezone": "Asia/Jayapura"}, 9, "WIT"),
    ({"timezone": "Mars/Olympus_Mons"}, 7, "WIB"),  # a zone nobody knows: the default
])
def test_page_data_line_is_in_the_viewers_zone(app_env, context, hours, abbr):
    version = store.current_version(store.connect(app_env))
    at = _app(context).run()
    assert not at.exception, [e.value for e in at.exception]
    line = next(c.value for c in at.caption if c.value.startswith("Data per"))
    assert line == f"{_expected_line(version.created_at, hours, abbr)} · versi {version.id}"


def test_server_zone_setting_applies_when_the_browser_says_none(app_env, monkeypatch):
    monkeypatch.setenv("ZI_TIMEZONE", "Asia/Makassar")
    version = store.current_version(store.connect(app_env))
    at = _app().run()
    line = next(c.value for c in at.caption if c.value.startswith("Data per"))
    assert line.startswith(_expected_line(version.created_at, 8, "WITA"))


def test_riwayat_tables_show_the_viewers_zone(app_env):
    engine = store.connect(app_env)
    version = store.current_version(engine)
    at = _app({"timezone": "Asia/Makassar"}).run()
    at.text_input(key="auth.password").input(ADMIN_PASSWORD)
    at.button(key="auth.submit").click().run()
    at.switch_page("pages/riwayat_data.py").run()
    assert not at.exception, [e.value for e in at.exception]
    versions, events = at.dataframe[0].value, at.dataframe[-1].value
    assert "Waktu (WITA)" in versions.columns and "Waktu (WITA)" in events.columns
    local = version.created_at.astimezone(UTC).replace(tzinfo=None) + dt.timedelta(hours=8)
    shown = pd.Timestamp(versions["Waktu (WITA)"].iloc[0])
    assert (shown.day, shown.hour, shown.minute) == (local.day, local.hour, local.minute)
    assert shown.tz_convert("UTC") == pd.Timestamp(version.created_at)
