"""kill -9 during a large commit, at several moments, on SQLite and PostgreSQL: the previous
version stays current (or the new one is there whole, with its audit entry), nothing is torn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from pandas.testing import assert_frame_equal
from sqlalchemy import text

from tests.conftest import ROOT
from tests.tables import build_tables
from zi_dashboard import store
from zi_dashboard.domain import schema
from zi_dashboard.ingest.sources import SourceFile

BIG = dict(seed=3, n_units=10000, n_agents=100000)  # the design target: 263,333 rows in all
# Seconds between "the commit starts" and SIGKILL. Not an assertion: where each lands varies.
KILL_AFTER = (0.0, 0.2, 0.5, 1.0, 2.0)

COMMITTER = """
import sys
from tests.tables import build_tables
from zi_dashboard import store
from zi_dashboard.ingest.sources import SourceFile
engine = store.connect(sys.argv[1])
name = sys.argv[2]  # a new file per trial: the same bytes again would store nothing
tables = build_tables(**{k: int(v) for k, v in (a.split("=") for a in sys.argv[3:])})
print("committing", flush=True)
store.commit_version(engine, tables, [SourceFile(name, name.encode())], uploader="big",
                     audit=name)
print("done", flush=True)
"""


def kill_during_commit(url: str, delay: float) -> bool:
    """Start a large commit in a child, SIGKILL it `delay` s after it starts; True if it had
    finished first."""
    args = [f"big-{delay}.xlsx", *(f"{k}={v}" for k, v in BIG.items())]
    child = subprocess.Popen([sys.executable, "-c", COMMITTER, url, *args], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "committing", child.stderr.read()
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    out, _ = child.communicate(timeout=30)
    assert child.returncode in (-signal.SIGKILL, 0)
    return "done" in out


def check_intact(engine) -> None:
    """Every version's rows are all there, each version has its upload entry, and SQLite's own
    check passes."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        for dataset in schema.DATASET_ORDER:
            stored = dict(conn.execute(text(f"SELECT version_id, COUNT(*) FROM {dataset} "
                                            "GROUP BY version_id")).all())
            declared = dict(conn.execute(text(
                "SELECT version_id, rows FROM dataset_sources WHERE dataset = :d "
                "AND source_version_id = version_id AND rows > 0"), {"d": dataset}).all())
            assert stored == declared, dataset
    uploads = store.list_events(engine).query("kind == 'upload'")
    assert sorted(uploads["version_id"]) == sorted(v.id for v in store.list_versions(engine))


def test_kill_9_during_a_large_commit_leaves_the_previous_version_current(db_url):
    engine = store.connect(db_url)
    small = build_tables(seed=1)
    base = store.commit_version(engine, small, [SourceFile("base.xlsx", b"base")],
                                uploader="admin", audit="base.xlsx").version
    big = build_tables(**BIG)
    outcomes = []
    for delay in KILL_AFTER:
        finished = kill_during_commit(db_url, delay)
        current = store.current_version(engine)
        check_intact(engine)
        assert current.id != base.id or not finished  # a finished commit is current
        if current.id == base.id:
            outcomes.append("previous")
        else:  # the commit ended before the kill: the new version is whole
            outcomes.append("new")
            assert current.counts["agents"] == BIG["n_agents"] and current.uploader == "big"
            assert_frame_equal(store.load_snapshot(engine).tables["agents"], big["agents"])
            store.rollback(engine, base.id, actor="test")  # the next trial starts from base
        assert_frame_equal(store.load_snapshot(engine).tables["agents"], small["agents"])
    # Killed right as it started, the first commit cannot have ended: at least that one was cut.
    assert outcomes[0] == "previous", outcomes
    engine.dispose()
