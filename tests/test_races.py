"""Races between real processes, on SQLite and PostgreSQL: first start, concurrent commits,
readers during a write, and init twice at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid

import pytest
from sqlalchemy import text

from tests.conftest import ROOT
from tests.tables import build_tables
from tests.test_page_unggah import sample_bytes  # noqa: F401 - a fixture
from zi_dashboard import store
from zi_dashboard.config import load_settings
from zi_dashboard.domain.errors import StoreBusyError
from zi_dashboard.i18n import t
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.store import database, importer

TRIALS = 10

# Connects (and so migrates) each URL it reads, reporting what its own migrate() applied.
MIGRATE_WORKER = """
import json, sys
from zi_dashboard import store
from zi_dashboard.store import database
applied = []
migrate = database.migrate
database.migrate = lambda engine: applied.extend(migrate(engine)) or applied
print("ready", flush=True)
for line in sys.stdin:
    applied.clear()
    try:
        engine = store.connect(line.strip())
        again = store.migrate(engine)
        versions = store.list_versions(engine)
        engine.dispose()
        print(json.dumps({"applied": list(applied), "again": again, "versions": len(versions)}),
              flush=True)
    except Exception as exc:
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), flush=True)
"""


def fresh_url(backend: str, request, tmp_path, name: str) -> str:
    """A database that does not exist yet (SQLite) or has no tables at all (PostgreSQL)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / f'{name}.db'}"
    return request.getfixturevalue("postgres").create_database(f"{name}_{uuid.uuid4().hex[:8]}")


def start_worker(code: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def test_two_processes_migrating_a_new_database_at_once(backend, request, tmp_path):
    workers = [start_worker(MIGRATE_WORKER) for _ in range(2)]
    names = [name for name, _ in store.MIGRATIONS]
    try:
        for trial in range(TRIALS):
            url = fresh_url(backend, request, tmp_path, f"race{trial}")
            for w in workers:  # both are waiting on stdin: they start within a millisecond
                w.stdin.write(url + "\n")
            for w in workers:
                w.stdin.flush()
            results = [json.loads(w.stdout.readline()) for w in workers]
            assert [r.get("error") for r in results] == [None, None], (trial, results)
            assert sorted((r["applied"] for r in results), key=len) == [[], names], trial
            assert [(r["again"], r["versions"]) for r in results] == [([], 0), ([], 0)]
            engine = store.connect(url)
            with engine.connect() as conn:
                recorded = conn.execute(text("SELECT name FROM schema_migrations "
                                             "ORDER BY id")).scalars().all()
            engine.dispose()
            assert recorded == names, trial
    finally:
        for w in workers:
            w.communicate(timeout=30)  # closes stdin: the worker's loop ends


def test_two_init_runs_on_a_new_database_both_succeed(backend, request, tmp_path):
    for trial in range(2):
        url = fresh_url(backend, request, tmp_path, f"init{trial}")
        env = {**os.environ, "DATABASE_URL": url, "ZI_LANG": "en"}
        runs = [subprocess.Popen([sys.executable, "-m", "zi_dashboard", "init"], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
        outputs = [run.communicate(timeout=240) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        # The one that lost may finish while the other is still loading 2020: "1" or "2".
        assert all("Database ready; current version: " in out for out, _ in outputs), outputs
        assert sum(out.count("Loaded sample as version") for out, _ in outputs) == 2, outputs
        engine = store.connect(url)
        assert [(v.id, v.is_current) for v in store.list_versions(engine)] == [(2, True),
                                                                             (1, False)]
        uploads = store.list_events(engine).query("kind == 'upload'")
        assert sorted(uploads["version_id"].tolist()) == [1, 2]  # one entry per version
        engine.dispose()


def hold_write_lock(engine):
    """A transaction holding the write lock, as a commit in another process would."""
    conn = engine.connect()
    trans = conn.begin()
    if engine.dialect.name == "sqlite":
        conn.exec_driver_sql("UPDATE current_version SET version_id = version_id")
    else:
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)" % database.WRITE_LOCK)
    return conn, trans


def files(name: str) -> list[SourceFile]:
    return [SourceFile(name, f"bytes of {name}".encode())]


def test_a_commit_that_cannot_get_the_lock_says_so_and_loses_nothing(db_url):
    engine = store.connect(db_url)
    waiting = store.connect(db_url, lock_timeout=0.3)
    first = store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u")
    conn, trans = hold_write_lock(engine)
    try:
        with pytest.raises(StoreBusyError) as raised:
            store.commit_version(waiting, build_tables(seed=2), files("b.xlsx"), uploader="v")
        with pytest.raises(StoreBusyError):
            store.rollback(waiting, first.version.id, actor="v")
    finally:
        trans.rollback()
        conn.close()
    assert str(raised.value) == t("store.busy", "id") + " / " + t("store.busy", "en")
    assert [v.id for v in store.list_versions(engine)] == [first.version.id]
    again = store.commit_version(waiting, build_tables(seed=2), files("b.xlsx"), uploader="v")
    assert again.created and store.current_version(engine).id == again.version.id
    waiting.dispose()
    engine.dispose()


def test_the_busy_message_in_both_languages():
    assert t("store.busy", "id") == ("Unggahan lain sedang disimpan; coba lagi sebentar "
                                     "lagi.")
    assert t("store.busy", "en") == "Another upload is being saved; try again in a moment."


def test_concurrent_commits_are_serialised_and_each_inherits_the_last(db_url):
    engine = store.connect(db_url)
    store.commit_version(engine, build_tables(seed=1), files("base.xlsx"), uploader="u")
    tables = {i: {"agents": build_tables(seed=10 + i, n_agents=20 + i)["agents"]} for i in range(6)}
    errors: list[BaseException] = []

    def commit(i: int) -> None:
        try:
            store.commit_version(engine, tables[i], files(f"agents{i}.xlsx"), uploader=f"u{i}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=commit, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    listed = store.list_versions(engine)
    assert len(listed) == 7 and [v.is_current for v in listed].count(True) == 1
    # Serialised: every commit inherited the units of the base version, none was lost.
    assert sorted(v.counts["agents"] for v in listed[:6]) == [20, 21, 22, 23, 24, 25]
    assert {v.counts["units"] for v in listed} == {12}
    engine.dispose()


def test_readers_do_not_wait_for_a_writer(db_url):
    engine = store.connect(db_url)
    reader = store.connect(db_url, lock_timeout=0.2)
    version = store.commit_version(engine, build_tables(seed=1), files("a.xlsx"),
                                   uploader="u").version
    conn, trans = hold_write_lock(engine)
    try:
        conn.exec_driver_sql("UPDATE current_version SET version_id = NULL")  # not committed
        assert store.current_version(reader).id == version.id
        assert len(store.load_snapshot(reader).tables["agents"]) == 40
    finally:
        trans.rollback()
        conn.close()
    if engine.dialect.name == "sqlite":
        with engine.connect() as check:
            assert check.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    reader.dispose()
    engine.dispose()


def test_an_upload_and_its_audit_entry_are_one_transaction(db_url, monkeypatch):
    engine = store.connect(db_url)
    settings = load_settings({"DATABASE_URL": db_url})
    base = importer.import_sources(engine, [SourceFile.from_path(ROOT / "data" /
                                                                 "sample_2019.xlsx")],
                                   settings, uploader="admin")
    assert base.ok
    upload = store.list_events(engine).query("kind == 'upload'")
    assert upload[["actor", "detail", "version_id"]].values.tolist() == [
        ["admin", "sample_2019.xlsx", base.commit.version.id]]
    monkeypatch.setattr(store, "record_event", lambda *a, **k: pytest.fail("a second transaction"))
    again = importer.import_sources(engine, [SourceFile.from_path(ROOT / "data" /
                                                                  "sample_2020.xlsx")],
                                    settings, uploader="admin")
    assert again.ok and store.list_events(engine)["kind"].tolist()[0] == "upload"
    engine.dispose()


def test_the_admin_is_told_to_try_again_and_the_upload_stays(app_env, sample_bytes,  # noqa: F811
                                                             monkeypatch):
    from tests.test_page_unggah import add_agents, admin_on, edited, upload

    monkeypatch.setenv("ZI_LOCK_TIMEOUT_SECONDS", "0.3")  # the app's engine is made after this
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster_2020_baru.xlsx", edited(sample_bytes[2020], add_agents(2)))
    engine = store.connect(app_env)
    conn, trans = hold_write_lock(engine)
    try:
        at.button(key="unggah.commit").click().run()
    finally:
        trans.rollback()
        conn.close()
    assert [e.value for e in at.error] == ["Unggahan lain sedang disimpan; coba lagi sebentar "
                                           "lagi."]
    assert [v.id for v in store.list_versions(engine)] == [2, 1]
    at.button(key="unggah.commit").click().run()  # the same files, still there: saved now
    assert at.success[0].value == "Tersimpan sebagai versi 3. Dasbor kini menampilkan data ini."
    assert store.list_versions(engine)[0].counts["agents"] == 293
    engine.dispose()


def test_a_commit_onto_a_version_no_longer_current_stores_nothing(db_url):
    engine = store.connect(db_url)
    first = store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u",
                                 onto=None).version
    late = store.commit_version(engine, build_tables(seed=2), files("b.xlsx"), uploader="v",
                                onto=None)  # expected an empty database: someone was first
    assert (late.created, late.version.id) == (False, first.id)
    onto_first = store.commit_version(engine, build_tables(seed=2), files("b.xlsx"), uploader="v",
                                      onto=first.id)
    assert onto_first.created and [v.id for v in store.list_versions(engine)] == [
        onto_first.version.id, first.id]
    assert importer.load_sample_if_empty(engine, load_settings({"DATABASE_URL": db_url})) == []
    engine.dispose()
