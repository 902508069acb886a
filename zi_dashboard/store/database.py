"""The database itself: table declarations, the migrations registry, connecting an engine.

Dataset tables are generated from schema.clean_columns, so a new column is one line in
schema.py: `migrate()` adds it.

Every stored time is a `UtcDateTime`: timezone-aware UTC in Python, a naive datetime refused on
the way in. PostgreSQL keeps timestamptz (sessions run in UTC); SQLite keeps the UTC wall time as
text, as it always did, and reads it back as UTC, so older SQLite files need no rewrite.

Writes that change versions or the schema run in `write_transaction`: one writer at a time
(BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so replicas can start and upload
together. A wait longer than the lock timeout raises StoreBusyError; nothing is written then.
"""

from __future__ import annotations

import functools
from collections import namedtuple
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool

from zi_dashboard.domain import schema
from zi_dashboard.domain.errors import StoreBusyError
from zi_dashboard.i18n import t as translate

__all__ = ["LOCK_TIMEOUT", "MIGRATIONS", "SqlTables", "TIME_COLUMNS", "UtcDateTime", "WRITE_LOCK",
           "build_tables", "column_mappings_table", "connect", "digests_table", "migrate", "now",
           "sign_in_attempts_table", "users_table", "write_transaction"]

# Seconds a write waits for another one (a large commit takes a few) before StoreBusyError;
# the app and CLI pass ZI_LOCK_TIMEOUT_SECONDS (same default).
LOCK_TIMEOUT = 30.0
# The PostgreSQL advisory lock key every write_transaction takes (any constant bigint).
WRITE_LOCK = 7_205_2020

_SQL_TYPES = {"int": Integer, "year": Integer, "float": Float, "date": Date, "bool": Boolean}

class UtcDateTime(TypeDecorator):
    """A moment in time: aware datetimes in (naive ones refused), aware UTC out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise ValueError(f"a stored time must be timezone-aware, not {value!r}")
        value = value.astimezone(timezone.utc)
        # Only PostgreSQL keeps the offset; elsewhere the UTC wall time is stored.
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # SQLite, and PostgreSQL columns not yet migrated: UTC
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


SqlTables = namedtuple("SqlTables", "metadata versions files pointer sources events migrations datasets")


def build_tables() -> SqlTables:
    """The table declarations; dataset tables are generated from schema.clean_columns.

    Built once per declared schema and never changed: Table objects are safe to share between
    threads, and the same objects let SQLAlchemy reuse its compiled statements (a fresh build on
    every read cost about 3 ms and defeated that cache)."""
    return _build_tables(tuple((name, tuple(schema.clean_columns(name)))
                               for name in schema.DATASET_ORDER))


@functools.lru_cache(maxsize=4)
def _build_tables(declared: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]) -> SqlTables:
    md = MetaData()
    version_fk = lambda name, **kw: Column(name, Integer, ForeignKey("versions.id"), **kw)  # noqa: E731
    versions = Table(
        "versions", md, Column("id", Integer, primary_key=True, autoincrement=True),
        Column("created_at", UtcDateTime, nullable=False),
        Column("uploader", String(200), nullable=False),
        Column("note", Text, nullable=False), Column("sha256", String(64), nullable=False, index=True),
        Column("counts", Text, nullable=False))
    files = Table(
        "version_files", md, version_fk("version_id", primary_key=True),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column("name", String(500), nullable=False), Column("sha256", String(64), nullable=False),
        Column("size", Integer, nullable=False), Column("data", LargeBinary, nullable=False))
    pointer = Table("current_version", md, Column("id", Integer, primary_key=True, autoincrement=False),
                    version_fk("version_id", nullable=True))
    sources = Table(
        "dataset_sources", md, version_fk("version_id", primary_key=True),
        Column("dataset", String(64), primary_key=True), version_fk("source_version_id", nullable=False),
        Column("rows", Integer, nullable=False))
    events = Table(
        "audit_events", md, Column("id", Integer, primary_key=True, autoincrement=True),
        Column("created_at", UtcDateTime, nullable=False), Column("kind", String(50), nullable=False),
        Column("actor", String(200), nullable=False), Column("detail", Text, nullable=False),
        version_fk("version_id", nullable=True))
    migrations = Table(
        "schema_migrations", md, Column("id", Integer, primary_key=True, autoincrement=True),
        Column("name", String(200), nullable=False, unique=True),
        Column("applied_at", UtcDateTime, nullable=False))
    datasets = {}
    for name, columns in declared:
        required = set(schema.DATASETS[name].required)
        # (version_id, row_no) is the primary key: the index loads use, and the row order kept.
        datasets[name] = Table(
            name, md, version_fk("version_id", primary_key=True),
            Column("row_no", Integer, primary_key=True, autoincrement=False),
            *(Column(col, _SQL_TYPES.get(kind, Text)(), nullable=col not in required)
              for col, kind in columns))
    return SqlTables(md, versions, files, pointer, sources, events, migrations, datasets)


def now() -> datetime:
    """The current time, timezone-aware UTC: what every stored time is."""
    return datetime.now(timezone.utc)


def _create_initial(conn: Connection, t: SqlTables) -> None:
    t.metadata.create_all(conn)
    conn.execute(insert(t.pointer).values(id=1, version_id=None))


def _evaluation_and_award_years(conn: Connection, t: SqlTables) -> None:
    # Until now units had one `stage_year`, used to pick the rule set: its values become the
    # evaluation year. The award year stays blank (derived from the ZI history), as copying the
    # same year there would say "WBK sejak 2020" of a unit that holds WBK since 2017. This runs
    # before _schema_steps, so it renames (or copies into) the column itself; a database created
    # at this schema has no stage_year and the step does nothing.
    inspector = inspect(conn)
    present = ({col["name"] for col in inspector.get_columns("units")}
               if inspector.has_table("units") else set())
    if "stage_year" not in present:
        return
    quote = conn.dialect.identifier_preparer
    units = quote.format_table(t.datasets["units"])
    if "evaluation_year" not in present:
        conn.exec_driver_sql(f"ALTER TABLE {units} RENAME COLUMN stage_year TO evaluation_year")
    else:
        conn.exec_driver_sql(f"UPDATE {units} SET evaluation_year = stage_year "
                             "WHERE evaluation_year IS NULL")


def column_mappings_table(md: MetaData) -> Table:
    """The admins' column mappings: normalised header → canonical column ("" = ignore)."""
    return Table(
        "column_mappings", md, Column("header_key", String(200), primary_key=True),
        Column("header", String(500), nullable=False), Column("dataset", String(64), nullable=True),
        Column("column", String(64), nullable=False),
        Column("created_by", String(200), nullable=False),
        Column("created_at", UtcDateTime, nullable=False))


def users_table(md: MetaData) -> Table:
    """Accounts: a lower-case name (or e-mail), role, scope (JSON list), scrypt hash, active."""
    return Table(
        "users", md, Column("name", String(200), primary_key=True),
        Column("display_name", String(200), nullable=False), Column("role", String(20), nullable=False),
        Column("scope", Text, nullable=False), Column("active", Boolean, nullable=False),
        Column("password_hash", Text, nullable=True),
        Column("created_at", UtcDateTime, nullable=False),
        Column("updated_at", UtcDateTime, nullable=False))


def sign_in_attempts_table(md: MetaData) -> Table:
    """Every password check, per account and client address, for the sign-in pauses."""
    return Table(
        "sign_in_attempts", md, Column("id", Integer, primary_key=True, autoincrement=True),
        Column("account", String(200), nullable=False, index=True),
        Column("client", String(100), nullable=False, index=True),
        Column("ok", Boolean, nullable=False), Column("created_at", UtcDateTime, nullable=False))


def digests_table(md: MetaData) -> Table:
    """Digests sent: when, the versions covered (from, up to), as which account ("" = the
    CLI's unscoped view) and to whom (JSON list of addresses, lower-case, sorted)."""
    return Table(
        "digests", md, Column("id", Integer, primary_key=True, autoincrement=True),
        Column("sent_at", UtcDateTime, nullable=False),
        Column("from_version_id", Integer, ForeignKey("versions.id"), nullable=True),
        Column("version_id", Integer, ForeignKey("versions.id"), nullable=False),
        Column("account", String(200), nullable=False, index=True),
        Column("recipients", Text, nullable=False), Column("lang", String(5), nullable=False))


def _create_users(conn: Connection, t: SqlTables) -> None:
    md = MetaData()
    users_table(md)
    sign_in_attempts_table(md)
    md.create_all(conn, checkfirst=True)


def _create_column_mappings(conn: Connection, t: SqlTables) -> None:
    # Its own MetaData: the mappings are no dataset and no part of a version.
    column_mappings_table(MetaData()).create(conn, checkfirst=True)


def _create_digests(conn: Connection, t: SqlTables) -> None:
    # Its own MetaData, with the versions table its foreign keys name.
    md = MetaData()
    Table("versions", md, Column("id", Integer, primary_key=True))
    digests_table(md).create(conn, checkfirst=True)


# Every stored time, as (table, column): UtcDateTime columns.
TIME_COLUMNS = (("versions", "created_at"), ("audit_events", "created_at"),
                ("schema_migrations", "applied_at"), ("column_mappings", "created_at"),
                ("users", "created_at"), ("users", "updated_at"),
                ("sign_in_attempts", "created_at"), ("digests", "sent_at"))


def _times_with_zone(conn: Connection, t: SqlTables) -> None:
    # Times were naive UTC. PostgreSQL columns become timestamptz, read as UTC; a column that
    # already is one (a database created after this step was written) is left alone, as
    # converting it again would shift it by the session's zone. SQLite keeps its text, which
    # UtcDateTime reads as UTC.
    if conn.dialect.name != "postgresql":
        return
    inspector = inspect(conn)
    quote = conn.dialect.identifier_preparer
    for table, column in TIME_COLUMNS:
        if not inspector.has_table(table):
            continue
        kind = next((c["type"] for c in inspector.get_columns(table) if c["name"] == column), None)
        if isinstance(kind, DateTime) and not kind.timezone:
            name = quote.quote(column)
            conn.exec_driver_sql(f"ALTER TABLE {quote.quote(table)} ALTER COLUMN {name} "
                                 f"TYPE timestamp with time zone USING {name} AT TIME ZONE 'UTC'")


# Applied in order, each once; append new steps, never edit applied ones. Dataset tables and
# columns added to schema.py need no step: migrate() adds them (see _schema_steps).
MIGRATIONS: tuple[tuple[str, Callable[[Connection, SqlTables], None]], ...] = (
    ("0001_initial", _create_initial),
    ("0002_column_mappings", _create_column_mappings),
    ("0003_evaluation_and_award_years", _evaluation_and_award_years),
    ("0004_users_and_sign_ins", _create_users),
    ("0005_times_with_zone", _times_with_zone),
    ("0006_digests", _create_digests),
)


def _schema_steps(conn: Connection, t: SqlTables) -> Iterator[tuple[str, Callable]]:
    """Dataset tables and columns declared in schema.py but absent from the database."""
    inspector = inspect(conn)
    existing = set(inspector.get_table_names())
    for table in t.datasets.values():
        if table.name not in existing:
            yield f"create_table:{table.name}", lambda c, _t, table=table: table.create(c)
            continue
        present = {col["name"] for col in inspector.get_columns(table.name)}
        for col in table.columns:
            if col.name not in present:
                yield f"add_column:{table.name}.{col.name}", (
                    lambda c, _t, table=table, col=col: _add_column(c, table, col))


def _add_column(conn: Connection, table: Table, column: Column) -> None:
    # Always nullable: rows of earlier versions have no value for a new column.
    quote = conn.dialect.identifier_preparer
    conn.exec_driver_sql(f"ALTER TABLE {quote.format_table(table)} ADD COLUMN "
                         f"{quote.format_column(column)} {column.type.compile(dialect=conn.dialect)}")


def _run_step(conn: Connection, t: SqlTables, name: str, step: Callable) -> str:
    step(conn, t)
    conn.execute(insert(t.migrations).values(name=name, applied_at=now()))
    return name


def _lock_timed_out(exc: OperationalError) -> bool:
    # 55P03: PostgreSQL's lock_timeout; SQLite says "database is locked" after its busy timeout.
    return (getattr(exc.orig, "sqlstate", None) == "55P03"
            or "database is locked" in str(exc.orig))


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the one write lock from its start until it ends."""
    try:
        with engine.connect() as conn:
            conn.execution_options(zi_write=True)  # read by the SQLite "begin" listener
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                yield conn
    except OperationalError as exc:
        if not _lock_timed_out(exc):
            raise
        raise StoreBusyError(f"{translate('store.busy', 'id')} / "
                             f"{translate('store.busy', 'en')}") from exc


def migrate(engine: Engine) -> list[str]:
    """Apply pending MIGRATIONS, then the schema additions; record each; return the names.
    Under the write lock: a second process starting at once waits, then finds nothing to do."""
    t = build_tables()
    with write_transaction(engine) as conn:
        t.migrations.create(conn, checkfirst=True)
        done = set(conn.scalars(select(t.migrations.c.name)))
        applied = [_run_step(conn, t, name, step) for name, step in MIGRATIONS if name not in done]
        # Compared only now, against the tables the registered migrations have made.
        applied += [_run_step(conn, t, name, step) for name, step in list(_schema_steps(conn, t))]
    return applied


def connect(url: str, lock_timeout: float | None = None) -> Engine:
    """An engine for `url`, migrated; SQLite gets its folder, foreign keys and WAL.
    lock_timeout: seconds a write waits for another (LOCK_TIMEOUT when None)."""
    parsed = make_url(url)
    database = parsed.database or ""
    in_memory = database in ("", ":memory:") or parsed.query.get("mode") == "memory"
    wait = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
    if parsed.get_backend_name() == "postgresql":
        # Sessions in UTC: nothing read or written then depends on the server's zone.
        engine = create_engine(url, pool_pre_ping=True, connect_args={
            "options": f"-c lock_timeout={int(wait * 1000)} -c TimeZone=UTC"})
    elif parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True)
    elif in_memory:  # one shared connection, or every thread would see its own empty database
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": wait})
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", partial(_configure_sqlite, wal=not in_memory))
        # pysqlite opens a transaction only before a write, so the reads that decide a commit
        # would run outside it: BEGIN is emitted on "begin" instead (SQLAlchemy's recipe). A
        # write transaction takes the write lock at once: a deferred one that read first could
        # not wait for a writer under WAL ("database is locked" without waiting).
        event.listen(engine, "begin", _begin_sqlite)
    migrate(engine)
    return engine


def _begin_sqlite(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("zi_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _configure_sqlite(dbapi_conn, _record, *, wal: bool) -> None:
    dbapi_conn.isolation_level = None  # see connect(): BEGIN is ours
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    if wal:
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for an upload
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
