"""Versions in the database (SQLAlchemy Core, any URL): commit, load, list, roll back, audit.

A version is source files plus one clean table per dataset; a dataset absent from an upload is
inherited from the current version through `dataset_sources`, without copying rows. "Current" is
a one-row pointer that commits and rollbacks move; nothing is ever deleted. Times are aware UTC.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, Engine, Table, insert, select, update
from sqlalchemy.exc import IntegrityError

from zi_dashboard.domain import schema
from zi_dashboard.domain.errors import StoreError
from zi_dashboard.ingest.sources import SourceFile, combined_sha256
from zi_dashboard.store.database import SqlTables, build_tables, now, write_transaction
from zi_dashboard.store.diff import Diff, diff_tables
from zi_dashboard.store.frames import empty_table, plain_values, typed_frame

__all__ = [
    "ANY_BASE", "CommitResult", "Snapshot", "Version", "commit_version", "current_version",
    "diff_versions", "list_events", "list_versions", "load_snapshot", "previous_version",
    "record_event", "rollback", "version_files",
]

# commit_version's default `onto`: commit over whichever version is current.
ANY_BASE = object()

_EVENT_COLUMNS = (("time", "time"), ("kind", "text"), ("actor", "text"), ("detail", "text"),
                  ("version_id", "int"))


@dataclass(frozen=True)
class Version:
    """One stored version, without its data."""

    id: int
    created_at: datetime
    uploader: str
    note: str
    files: list[str]
    sha256: str
    counts: dict[str, int]
    is_current: bool


@dataclass
class Snapshot:
    """A version and every dataset's clean table (empty tables when there is no version)."""

    version: Version | None
    tables: dict[str, pd.DataFrame]


@dataclass
class CommitResult:
    """`created` is False when the same files were already stored: `version` is that version."""

    version: Version
    created: bool


def _frame_columns(dataset: str, frame: pd.DataFrame) -> dict[str, list]:
    """A clean table as insert values per column (row_no keeps the order)."""
    columns = schema.clean_columns(dataset)
    missing = [name for name, _ in columns if name not in frame.columns]
    if missing:
        raise StoreError(f"Tabel {dataset} tidak lengkap / table {dataset} lacks columns: "
                         f"{', '.join(missing)}")
    values = {"row_no": list(range(len(frame)))}
    values.update((name, plain_values(frame[name], kind)) for name, kind in columns)
    return values


def _insert_rows(conn: Connection, table: Table, version_id: int, values: dict[str, list]) -> None:
    """executemany straight to the driver, with SQL compiled by SQLAlchemy for this dialect.

    Every value goes through its column type's bind processor, as Core would do; skipping
    Core's per-row parameter dictionaries halves the time of a 100,000-row commit.
    """
    values = {"version_id": [version_id] * len(values["row_no"]), **values}
    dialect, names = conn.dialect, list(values)
    compiled = insert(table).compile(dialect=dialect, column_keys=names)
    columns = {}
    for name in names:
        process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        columns[name] = [process(v) for v in values[name]] if process else values[name]
    if dialect.positional:
        params: list = list(zip(*(columns[name] for name in compiled.positiontup)))
    else:
        params = [dict(zip(names, row)) for row in zip(*columns.values())]
    if params:
        conn.exec_driver_sql(compiled.string, params)


def _read_dataset(conn: Connection, table: Table, dataset: str, source_id: int) -> pd.DataFrame:
    columns = schema.clean_columns(dataset)
    stmt = (select(*(table.c[name] for name, _ in columns))
            .where(table.c.version_id == source_id).order_by(table.c.row_no))
    # Fetch plain tuples from the driver: typed_frame converts whole columns at once, so
    # SQLAlchemy's per-row result processing would only add a third to a 100,000-row load.
    compiled = stmt.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    if conn.dialect.positional:
        params = tuple(params[name] for name in compiled.positiontup)
    cursor = conn.connection.cursor()
    try:
        cursor.execute(compiled.string, params)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return typed_frame(rows, columns)


def _version_rows(conn: Connection, t: SqlTables, version_id: int | None = None) -> list[Version]:
    current = conn.scalar(select(t.pointer.c.version_id))
    stmt = select(t.versions).order_by(t.versions.c.id.desc())
    names_stmt = select(t.files.c.version_id, t.files.c.name).order_by(t.files.c.position)
    if version_id is not None:
        stmt = stmt.where(t.versions.c.id == version_id)
        names_stmt = names_stmt.where(t.files.c.version_id == version_id)
    names: dict[int, list[str]] = {}
    for vid, name in conn.execute(names_stmt):
        names.setdefault(vid, []).append(name)
    return [Version(id=r.id, created_at=r.created_at, uploader=r.uploader, note=r.note,
                    files=names.get(r.id, []), sha256=r.sha256, counts=json.loads(r.counts),
                    is_current=r.id == current)
            for r in conn.execute(stmt)]


def _get_version(conn: Connection, t: SqlTables, version_id: int) -> Version:
    found = _version_rows(conn, t, int(version_id))
    if not found:
        raise StoreError(f"Versi {version_id} tidak ditemukan / version {version_id} not found")
    return found[0]


def _sources(conn: Connection, t: SqlTables, version_id: int | None) -> dict[str, tuple[int, int]]:
    """dataset -> (version whose rows it uses, row count); datasets without rows are absent."""
    if version_id is None:
        return {}
    rows = conn.execute(select(t.sources.c.dataset, t.sources.c.source_version_id, t.sources.c.rows)
                        .where(t.sources.c.version_id == version_id))
    return {dataset: (source, count) for dataset, source, count in rows}


def _find_identical(conn: Connection, t: SqlTables, sha: str, uploaded: set[str],
                    inherited: dict[str, tuple[int, int]]) -> int | None:
    """A version made of the same files whose inherited datasets would also be the same."""
    would_inherit = {d: source for d, (source, _) in inherited.items() if d not in uploaded}
    for vid in conn.scalars(select(t.versions.c.id).where(t.versions.c.sha256 == sha)
                            .order_by(t.versions.c.id.desc())):
        sources = {d: source for d, (source, _) in _sources(conn, t, vid).items()}
        if ({d for d, s in sources.items() if s == vid} == uploaded
                and {d: s for d, s in sources.items() if s != vid} == would_inherit):
            return vid
    return None


def _lock_pointer(conn: Connection, t: SqlTables) -> int | None:
    """Read the pointer under a row lock too (write_transaction holds the write lock already)."""
    conn.execute(update(t.pointer).values(version_id=t.pointer.c.version_id))
    return conn.scalar(select(t.pointer.c.version_id))


def commit_version(engine: Engine, tables: Mapping[str, pd.DataFrame], files: Sequence[SourceFile],
                   *, uploader: str, note: str = "", audit: str | None = None,
                   onto: object = ANY_BASE) -> CommitResult:
    """Store one version in one transaction and make it current.

    onto: the version id (or None: an empty database) the commit expects to be current; when
    another writer got there first, nothing is stored and the result names the current version
    with created=False (how two first starts load the sample once).

    audit: when given, the "upload" audit entry (this detail, by `uploader`) of a new version,
    written in the same transaction, so no version can exist without its entry.

    Datasets absent from `tables` are inherited from the current version. When a version made of
    byte-identical files already exists (any version, current or not) and would inherit the same
    datasets, nothing is stored: the result names that version with created=False and the current
    pointer is left alone (roll back to make it current). Without files nothing is deduplicated.
    """
    unknown = sorted(set(tables) - set(schema.DATASETS))
    if unknown:
        raise StoreError(f"Dataset tidak dikenal / unknown datasets: {', '.join(unknown)}")
    t = build_tables()
    # Converted before the transaction so the write lock is held only for the inserts.
    rows = {d: _frame_columns(d, tables[d]) for d in schema.DATASET_ORDER if d in tables}
    sha = combined_sha256(files)
    try:
        with write_transaction(engine) as conn:
            current = _lock_pointer(conn, t)
            if onto is not ANY_BASE and onto != current:
                return CommitResult(_get_version(conn, t, current), created=False)
            inherited = _sources(conn, t, current)
            match = _find_identical(conn, t, sha, set(rows), inherited) if files else None
            if match is not None:
                return CommitResult(_get_version(conn, t, match), created=False)
            kept = {d: inherited[d] for d in schema.DATASET_ORDER if d in inherited and d not in rows}
            counts = {d: len(rows[d]["row_no"]) if d in rows else kept.get(d, (0, 0))[1]
                      for d in schema.DATASET_ORDER}
            vid = conn.execute(insert(t.versions).values(
                created_at=now(), uploader=uploader, note=note, sha256=sha,
                counts=json.dumps(counts))).inserted_primary_key[0]
            if files:
                conn.execute(insert(t.files), [
                    dict(version_id=vid, position=i, name=f.name, sha256=f.sha256, size=f.size,
                         data=f.data) for i, f in enumerate(files)])
            conn.execute(insert(t.sources), [
                *(dict(version_id=vid, dataset=d, source_version_id=vid, rows=counts[d]) for d in rows),
                *(dict(version_id=vid, dataset=d, source_version_id=s, rows=n)
                  for d, (s, n) in kept.items())])
            for dataset, values in rows.items():
                _insert_rows(conn, t.datasets[dataset], vid, values)
            conn.execute(update(t.pointer).values(version_id=vid))
            if audit is not None:
                _insert_event(conn, t, "upload", uploader, audit, vid)
            return CommitResult(_get_version(conn, t, vid), created=True)
    except IntegrityError as exc:
        raise StoreError(f"Data tidak dapat disimpan / could not store the version: {exc.orig}") from exc


def current_version(engine: Engine) -> Version | None:
    """The version the dashboard shows, or None on an empty database."""
    t = build_tables()
    with engine.connect() as conn:
        current = conn.scalar(select(t.pointer.c.version_id))
        return None if current is None else _get_version(conn, t, current)


def list_versions(engine: Engine) -> list[Version]:
    """Every version, newest first."""
    with engine.connect() as conn:
        return _version_rows(conn, build_tables())


def previous_version(engine: Engine, version_id: int) -> Version | None:
    """The version created just before `version_id` (for KPI deltas), or None."""
    t = build_tables()
    with engine.connect() as conn:
        _get_version(conn, t, version_id)
        previous = conn.scalar(select(t.versions.c.id).where(t.versions.c.id < int(version_id))
                               .order_by(t.versions.c.id.desc()).limit(1))
        return None if previous is None else _get_version(conn, t, previous)


def empty_snapshot() -> Snapshot:
    """No version: every dataset's table with its columns and no rows."""
    return Snapshot(None, {d: empty_table(d) for d in schema.DATASET_ORDER})


def load_snapshot(engine: Engine, version_id: int | None = None) -> Snapshot:
    """A version's clean tables (the current version when `version_id` is None)."""
    t = build_tables()
    with engine.connect() as conn:  # one read transaction: a consistent view
        if version_id is None:
            version_id = conn.scalar(select(t.pointer.c.version_id))
            if version_id is None:
                return empty_snapshot()
        version = _get_version(conn, t, version_id)
        sources = _sources(conn, t, version.id)
        tables = {d: _read_dataset(conn, t.datasets[d], d, sources[d][0]) if d in sources
                  else empty_table(d) for d in schema.DATASET_ORDER}
    return Snapshot(version, tables)


def version_files(engine: Engine, version_id: int) -> list[SourceFile]:
    """The original files of a version, bytes as uploaded."""
    t = build_tables()
    with engine.connect() as conn:
        _get_version(conn, t, version_id)
        rows = conn.execute(select(t.files.c.name, t.files.c.data)
                            .where(t.files.c.version_id == int(version_id))
                            .order_by(t.files.c.position))
        return [SourceFile(name, bytes(data)) for name, data in rows]


def rollback(engine: Engine, version_id: int, *, actor: str) -> Version:
    """Make an earlier (or any) version current; nothing is deleted; the move is audited."""
    t = build_tables()
    with write_transaction(engine) as conn:
        previous = _lock_pointer(conn, t)
        target = _get_version(conn, t, version_id)
        conn.execute(update(t.pointer).values(version_id=target.id))
        _insert_event(conn, t, "rollback", actor, f"{previous} -> {target.id}", target.id)
        return _get_version(conn, t, target.id)


def diff_versions(engine: Engine, a: int, b: int) -> Diff:
    """What changed from version `a` to version `b`."""
    return diff_tables(load_snapshot(engine, a).tables, load_snapshot(engine, b).tables)


def _insert_event(conn: Connection, t: SqlTables, kind: str, actor: str, detail: str,
                  version_id: int | None) -> None:
    conn.execute(insert(t.events).values(created_at=now(), kind=kind, actor=actor, detail=detail,
                                         version_id=version_id))


def record_event(engine: Engine, kind: str, actor: str, detail: str = "",
                 version_id: int | None = None) -> None:
    """Append to the audit log: upload, upload_refused, sign_in, sign_in_failed, rollback, …"""
    with engine.begin() as conn:
        _insert_event(conn, build_tables(), kind, actor, detail, version_id)


def list_events(engine: Engine, limit: int = 200) -> pd.DataFrame:
    """The latest audit events, newest first: time (UTC), kind, actor, detail, version_id."""
    e = build_tables().events.c
    with engine.connect() as conn:
        rows = conn.execute(select(e.created_at, e.kind, e.actor, e.detail, e.version_id)
                            .order_by(e.id.desc()).limit(limit)).all()
    return typed_frame(rows, _EVENT_COLUMNS)
