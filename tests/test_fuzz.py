"""The fuzz corpus (tests/fuzz_corpus.py, 500+ hostile uploads): every one answered with a report
or a coded refusal, never a traceback, never the timeout, the worker under 1 GB, the store
unchanged by each refused import."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from tests.fuzz_corpus import GROUPS, cases
from tests.workbooks import BASE, xlsx
from zi_dashboard import config, i18n, store
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import validate_sources
from zi_dashboard.ingest.workbook import REFUSAL_CODES
from zi_dashboard.store import importer

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = config.defaults()


def test_the_corpus_holds_at_least_500_cases_in_every_group():
    sizes = {group: len(cases(group)) for group in GROUPS}
    assert sum(sizes.values()) >= 500
    assert min(sizes.values()) >= 10
    assert len({c.name for group in GROUPS for c in cases(group)}) == sum(sizes.values())


def test_the_corpus_is_the_same_on_every_run():
    assert [c.data for c in cases("flipped_bytes")[:5]] == [
        c.data for c in cases("flipped_bytes")[:5]]


def _state(engine) -> tuple:
    """Versions and the row count of every table but the audit log."""
    versions = [(v.id, v.is_current) for v in store.list_versions(engine)]
    tables = sorted(t for t in inspect(engine).get_table_names() if t != "audit_events")
    query = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM \"{t}\"" for t in tables)
    with engine.connect() as conn:
        counts = dict(conn.execute(text(query)).all())
    return versions, counts


@pytest.fixture
def engine():
    engine = store.connect("sqlite://")
    outcome = importer.import_sources(engine, [SourceFile("dasar.xlsx", xlsx(BASE))], SETTINGS,
                                      uploader="dasar")
    assert outcome.ok
    return engine


@pytest.fixture
def peaks():
    """Peak resident sizes (MB) reported by each worker child."""
    found: list[float] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            found.append(float(record.args[-1]))

    log = logging.getLogger("zi_dashboard.ingest.worker")
    handler, level = Collect(logging.DEBUG), log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    yield found
    log.removeHandler(handler)
    log.setLevel(level)


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_case_is_answered_and_a_refusal_changes_nothing(group, engine, peaks):
    problems = []
    state = _state(engine)
    current = store.load_snapshot(engine).tables
    for case in cases(group):
        files = [SourceFile(case.name, case.data)]
        try:
            result = validate_sources(files, current=current)
            outcome = importer.import_sources(engine, files, SETTINGS, uploader="fuzz",
                                              validation=result)
        except BaseException as exc:  # noqa: BLE001 - the point: nothing may escape
            problems.append(f"{case.name}: raised {type(exc).__name__}: {exc}")
            continue
        codes = {i.code for i in result.report.errors}
        unknown = [c for c in codes if i18n.template(f"issue.{c}") is None]
        if unknown:
            problems.append(f"{case.name}: codes without a message {unknown}")
        if "file_parse_timeout" in codes:
            problems.append(f"{case.name}: hit the timeout")
        if case.expect is not None and not codes & case.expect:
            problems.append(f"{case.name}: expected one of {sorted(case.expect)}, got {codes}")
        if outcome.commit is None:
            if _state(engine) != state:
                problems.append(f"{case.name}: refused, but the store changed")
            event = store.list_events(engine, limit=1).iloc[0]
            if event["kind"] != "upload_refused" or not all(
                    c in event["detail"] for c in codes & REFUSAL_CODES):
                problems.append(f"{case.name}: refusal not audited with its code: {event.detail}")
        elif codes:
            problems.append(f"{case.name}: committed despite errors {codes}")
        else:  # a mutation that left a valid workbook: a version, legitimately
            state, current = _state(engine), store.load_snapshot(engine).tables
    assert problems == []
    # Groups refused before any parse (truncated zips) start no worker at all.
    assert max(peaks, default=0) < 1024


def test_a_sample_through_the_command_line_never_prints_a_traceback(tmp_path):
    paths = []
    for group in GROUPS:
        for case in cases(group)[:: max(1, len(cases(group)) // 3)][:3]:
            path = tmp_path / case.name
            path.write_bytes(case.data)
            paths.append(path)
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "DATABASE_URL": url, "ZI_LANG": "en", "ZI_AUTOLOAD_SAMPLE": "0"}
    run = subprocess.run([sys.executable, "-m", "zi_dashboard", "validate", "--json",
                          *map(str, paths)], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert "Traceback (most recent call last)" not in run.stderr
    assert run.returncode == 1
    answer = json.loads(run.stdout)
    assert answer["ok"] is False
    refused = {i["file"] for i in answer["issues"] if i["code"] in REFUSAL_CODES}
    assert len(paths) == 36 and len(refused) >= 12
    assert all(i["message"] and i["code"] for i in answer["issues"])
    events = store.list_events(store.connect(url))
    assert events["kind"].tolist() == ["upload_refused"]
