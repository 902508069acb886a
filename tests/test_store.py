"""The versioned store on SQLite (file, memory) and PostgreSQL: round trips, pointer, atomicity,
audit."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import column, func, inspect, select, table, text

from tests.conftest import BACKENDS, database_url
from tests.tables import build_tables, make_table
from zi_dashboard import store
from zi_dashboard.domain import schema
from zi_dashboard.domain.errors import StoreError
from zi_dashboard.ingest.sources import SourceFile, combined_sha256
from zi_dashboard.store import versions

EXPECTED_DTYPES = {"int": "Int64", "year": "Int64", "float": "float64", "date": "datetime64[ns]",
                   "bool": "bool"}


def files(*names: str) -> list[SourceFile]:
    return [SourceFile(name, f"bytes of {name}".encode()) for name in names]


@pytest.fixture
def engine(db_url):
    engine = store.connect(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=[*BACKENDS, "sqlite-memory"])
def any_engine(request, tmp_path):
    for url in database_url(request.param, request, tmp_path):
        engine = store.connect(url)
        yield engine
        engine.dispose()


def table_counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {n: conn.execute(select(func.count()).select_from(table(n))).scalar_one() for n in names}


def pointer(engine) -> int | None:
    with engine.connect() as conn:
        return conn.execute(select(column("version_id")).select_from(table("current_version"))).scalar()


def test_connect_creates_the_folder_and_every_table(tmp_path):
    path = tmp_path / "a" / "b" / "zi.db"
    engine = store.connect(f"sqlite:///{path}")
    assert path.exists()
    names = set(inspect(engine).get_table_names())
    assert {"versions", "version_files", "current_version", "dataset_sources", "audit_events",
            "schema_migrations", *schema.DATASET_ORDER} <= names
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    engine.dispose()


def test_empty_database_has_no_version_and_empty_clean_tables(any_engine):
    assert store.current_version(any_engine) is None
    assert store.list_versions(any_engine) == []
    snapshot = store.load_snapshot(any_engine)
    assert snapshot.version is None
    assert list(snapshot.tables) == list(schema.DATASET_ORDER)
    for name, frame in snapshot.tables.items():
        assert list(frame.columns) == [c for c, _ in schema.clean_columns(name)]
        assert frame.empty


@pytest.mark.parametrize("dataset", schema.DATASET_ORDER)
def test_round_trip_keeps_every_value_and_dtype(any_engine, dataset):
    tables = build_tables(seed=5)
    store.commit_version(any_engine, tables, files("data.xlsx"), uploader="uji")
    loaded = store.load_snapshot(any_engine).tables[dataset]
    assert_frame_equal(loaded, tables[dataset])
    for name, kind in schema.clean_columns(dataset):
        expected = EXPECTED_DTYPES.get(kind)
        if expected:
            assert str(loaded[name].dtype) == expected, name
        else:
            assert pd.api.types.is_string_dtype(loaded[name].dtype), name


def test_round_trip_of_awkward_values(any_engine):
    units = make_table("units", [
        dict(unit_name="Balai Besar \"Kartini\" Temanggung; 'é' ✓", eselon1="Ditjen Rehabilitasi Sosial",
             unit_code="", lke_score=0.1 + 0.2, area_sdm=-0.0, evaluation_year=2100, agents_needed=0,
             unit_key="kartini"),
        dict(unit_name="x" * 5000, eselon1="Inspektorat Jenderal", lke_score=1e-12, unit_key="long"),
    ])
    plans = make_table("action_plans", [
        dict(title="RTL 1", due_date="2021-02-28", progress_pct=99.99999999, unit_key="kartini"),
        dict(title="RTL 2", due_date=None, integrated="ya", unit_key="long"),
    ])
    store.commit_version(any_engine, {"units": units, "action_plans": plans}, files("a.xlsx"),
                         uploader="uji")
    loaded = store.load_snapshot(any_engine).tables
    assert_frame_equal(loaded["units"], units)
    assert_frame_equal(loaded["action_plans"], plans)
    assert loaded["units"].loc[0, "unit_code"] == ""  # an empty string is not a missing value
    assert loaded["action_plans"].loc[0, "due_date"] == pd.Timestamp(2021, 2, 28)


def test_object_columns_and_nan_missing_values_are_accepted(any_engine):
    agents = build_tables(seed=2)["agents"]
    loose = agents.astype({"nip": object, "name": object, "email": object})
    loose["email"] = loose["email"].where(loose["email"].notna(), np.nan)
    store.commit_version(any_engine, {"agents": loose}, files("a.xlsx"), uploader="uji")
    assert_frame_equal(store.load_snapshot(any_engine).tables["agents"], agents)


def test_versions_are_listed_newest_first_with_one_current(engine):
    before = dt.datetime.now(dt.timezone.utc)
    made = [store.commit_version(engine, build_tables(seed=i, n_agents=10 + i), files(f"v{i}.xlsx"),
                                 uploader=f"admin{i}", note=f"catatan {i}") for i in range(3)]
    assert all(r.created for r in made)
    versions = store.list_versions(engine)
    assert [v.id for v in versions] == sorted((r.version.id for r in made), reverse=True)
    assert [v.is_current for v in versions] == [True, False, False]
    newest = versions[0]
    assert store.current_version(engine) == newest
    assert (newest.uploader, newest.note, newest.files) == ("admin2", "catatan 2", ["v2.xlsx"])
    assert newest.sha256 == combined_sha256(files("v2.xlsx"))
    assert newest.counts["agents"] == 12 and newest.counts["units"] == 12
    assert newest.created_at.tzinfo is dt.timezone.utc
    assert before <= newest.created_at <= dt.datetime.now(dt.timezone.utc)
    assert store.load_snapshot(engine, versions[2].id).tables["agents"].shape[0] == 10


def test_previous_version(engine):
    ids = [store.commit_version(engine, build_tables(seed=i), files(f"{i}.xlsx"), uploader="u")
           .version.id for i in range(3)]
    assert store.previous_version(engine, ids[2]).id == ids[1]
    assert store.previous_version(engine, ids[1]).id == ids[0]
    assert store.previous_version(engine, ids[0]) is None
    with pytest.raises(StoreError):
        store.previous_version(engine, 999)


def test_rollback_moves_the_pointer_and_deletes_nothing(engine):
    first = store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u").version
    second = store.commit_version(engine, build_tables(seed=2), files("b.xlsx"), uploader="u").version
    counts = table_counts(engine)
    moved = store.rollback(engine, first.id, actor="pak admin")
    assert moved.id == first.id and moved.is_current
    assert pointer(engine) == first.id
    assert store.current_version(engine).id == first.id
    after = table_counts(engine)
    assert after.pop("audit_events") == counts.pop("audit_events") + 1
    assert after == counts
    assert_frame_equal(store.load_snapshot(engine).tables["agents"], build_tables(seed=1)["agents"])
    assert_frame_equal(store.load_snapshot(engine, second.id).tables["agents"],
                       build_tables(seed=2)["agents"])
    event = store.list_events(engine).iloc[0]
    assert (event["kind"], event["actor"], event["version_id"]) == ("rollback", "pak admin", first.id)
    assert str(second.id) in event["detail"]


@pytest.mark.parametrize("bad_id", [0, 3, -1])
def test_rollback_to_an_unknown_version_is_refused(engine, bad_id):
    store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u")
    store.commit_version(engine, build_tables(seed=2), files("b.xlsx"), uploader="u")
    counts = table_counts(engine)
    with pytest.raises(StoreError, match=str(bad_id)):
        store.rollback(engine, bad_id, actor="u")
    assert pointer(engine) == 2
    assert table_counts(engine) == counts


def test_identical_files_make_no_new_version(engine):
    first = store.commit_version(engine, build_tables(seed=1), files("a.xlsx", "b.xlsx"), uploader="u")
    counts = table_counts(engine)
    again = store.commit_version(engine, build_tables(seed=9), files("b.xlsx", "a.xlsx"), uploader="v")
    assert not again.created
    assert again.version == first.version
    assert table_counts(engine) == counts


def test_files_of_an_older_version_after_a_rollback_name_that_version(engine):
    v1 = store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u").version
    v2 = store.commit_version(engine, build_tables(seed=2), files("b.xlsx"), uploader="u").version
    store.rollback(engine, v1.id, actor="u")
    counts = table_counts(engine)
    again = store.commit_version(engine, build_tables(seed=2), files("b.xlsx"), uploader="u")
    assert not again.created and again.version.id == v2.id and not again.version.is_current
    assert pointer(engine) == v1.id and table_counts(engine) == counts


def test_partial_upload_inherits_the_other_datasets_without_copying(engine):
    full = build_tables(seed=1)
    v1 = store.commit_version(engine, full, files("full.xlsx"), uploader="u").version
    units_rows = table_counts(engine)["units"]
    new_agents = build_tables(seed=3, n_agents=25)["agents"]
    v2 = store.commit_version(engine, {"agents": new_agents}, files("agents.xlsx"), uploader="u").version
    assert table_counts(engine)["units"] == units_rows  # inherited, not copied
    assert v2.counts == {**v1.counts, "agents": 25}
    snapshot = store.load_snapshot(engine)
    assert snapshot.version.id == v2.id
    assert_frame_equal(snapshot.tables["agents"], new_agents)
    for name in ("units", "attendance", "zi_history", "action_plans"):
        assert_frame_equal(snapshot.tables[name], full[name])
    new_units = build_tables(seed=4, n_units=7)["units"]
    v3 = store.commit_version(engine, {"units": new_units}, files("units.xlsx"), uploader="u").version
    assert v3.counts == {**v2.counts, "units": 7}
    assert_frame_equal(store.load_snapshot(engine).tables["agents"], new_agents)
    assert_frame_equal(store.load_snapshot(engine, v1.id).tables["agents"], full["agents"])


def test_same_partial_file_on_a_different_base_is_a_new_version(engine):
    store.commit_version(engine, build_tables(seed=1), files("full.xlsx"), uploader="u")
    agents_only = {"agents": build_tables(seed=2)["agents"]}
    v2 = store.commit_version(engine, agents_only, files("agents.xlsx"), uploader="u").version
    store.commit_version(engine, {"units": build_tables(seed=3)["units"]}, files("units.xlsx"),
                         uploader="u")
    # Same agents file, but the units it would inherit are no longer those of version 2.
    again = store.commit_version(engine, agents_only, files("agents.xlsx"), uploader="u")
    assert again.created and again.version.id != v2.id


def test_first_partial_upload_leaves_the_other_datasets_empty(engine):
    agents = build_tables(seed=1)["agents"]
    version = store.commit_version(engine, {"agents": agents}, files("a.xlsx"), uploader="u").version
    assert version.counts == {name: (len(agents) if name == "agents" else 0)
                              for name in schema.DATASET_ORDER}
    assert store.load_snapshot(engine).tables["units"].empty


def test_a_failure_in_the_middle_of_a_commit_changes_nothing(engine, monkeypatch):
    store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u")
    counts, current = table_counts(engine), pointer(engine)
    original, calls = versions._insert_rows, []

    def insert_then_fail(*args, **kwargs):
        original(*args, **kwargs)
        calls.append(args[1].name)
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(versions, "_insert_rows", insert_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        store.commit_version(engine, build_tables(seed=2), files("b.xlsx"), uploader="u")
    assert calls == ["units", "agents"]
    assert table_counts(engine) == counts and pointer(engine) == current
    monkeypatch.undo()
    assert_frame_equal(store.load_snapshot(engine).tables["agents"], build_tables(seed=1)["agents"])


def test_a_constraint_violation_in_the_last_dataset_changes_nothing(engine):
    store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u")
    counts, current = table_counts(engine), pointer(engine)
    tables = build_tables(seed=2)
    assert schema.DATASET_ORDER[-1] == "action_plans"
    plans = tables["action_plans"].copy()
    plans.loc[len(plans) - 1, "title"] = None  # a required column
    with pytest.raises(StoreError):
        store.commit_version(engine, {**tables, "action_plans": plans}, files("b.xlsx"), uploader="u")
    assert table_counts(engine) == counts and pointer(engine) == current


@pytest.mark.parametrize(("tables", "message"), [
    ({"agentz": pd.DataFrame()}, "agentz"),
    ({"agents": build_tables(seed=1)["agents"].drop(columns=["unit_key"])}, "unit_key"),
])
def test_malformed_tables_are_refused_before_writing(engine, tables, message):
    with pytest.raises(StoreError, match=message):
        store.commit_version(engine, tables, files("a.xlsx"), uploader="u")
    assert store.list_versions(engine) == []


def test_migrations_are_recorded_once(db_url):
    url = db_url
    engine = store.connect(url)
    with engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM schema_migrations")).scalars().all()
    assert names == [name for name, _ in store.MIGRATIONS]
    assert store.migrate(engine) == []
    engine.dispose()
    engine = store.connect(url)
    assert store.migrate(engine) == []
    assert table_counts(engine)["schema_migrations"] == len(store.MIGRATIONS)
    engine.dispose()


def test_a_column_added_to_the_schema_is_added_by_migrate(engine, monkeypatch):
    old = store.commit_version(engine, build_tables(seed=1), files("a.xlsx"), uploader="u").version
    declared = schema.clean_columns

    def with_extra(dataset):
        extra = [("mentor_nip", "nip"), ("workshops", "int")] if dataset == "agents" else []
        return declared(dataset) + extra

    monkeypatch.setattr(schema, "clean_columns", with_extra)
    assert store.migrate(engine) == ["add_column:agents.mentor_nip", "add_column:agents.workshops"]
    assert store.migrate(engine) == []
    earlier = store.load_snapshot(engine, old.id).tables["agents"]
    assert earlier["mentor_nip"].isna().all() and str(earlier["workshops"].dtype) == "Int64"
    agents = build_tables(seed=2)["agents"].assign(mentor_nip="199001012015011001",
                                                   workshops=pd.array([2] * 40, dtype="Int64"))
    store.commit_version(engine, {"agents": agents}, files("b.xlsx"), uploader="u")
    assert_frame_equal(store.load_snapshot(engine).tables["agents"], agents)


def test_version_files_returns_the_original_bytes_in_order(engine):
    sources = [SourceFile("agen.xlsx", bytes(range(256)) * 100), SourceFile("unit.csv", b"a;b\n1;2\n")]
    version = store.commit_version(engine, build_tables(seed=1), sources, uploader="u").version
    assert store.version_files(engine, version.id) == sources
    assert version.files == ["agen.xlsx", "unit.csv"]
    with pytest.raises(StoreError):
        store.version_files(engine, version.id + 1)


def test_unknown_versions_raise_store_error(engine):
    for call in (store.version_files, store.load_snapshot):
        with pytest.raises(StoreError):
            call(engine, 42)


def test_events_are_listed_newest_first(any_engine):
    store.record_event(any_engine, "sign_in_failed", "admin")
    version = store.commit_version(any_engine, build_tables(seed=1), files("a.xlsx"), uploader="u").version
    store.record_event(any_engine, "upload", "budi", "a.xlsx", version_id=version.id)
    store.record_event(any_engine, "sign_in", "admin", "ok")
    events = store.list_events(any_engine)
    assert list(events.columns) == ["time", "kind", "actor", "detail", "version_id"]
    assert events["kind"].tolist() == ["sign_in", "upload", "sign_in_failed"]
    assert events["version_id"].isna().tolist() == [True, False, True]
    assert events.loc[1, "version_id"] == version.id and events.loc[1, "detail"] == "a.xlsx"
    assert str(events["time"].dtype) == "datetime64[ns, UTC]"
    assert events["time"].is_monotonic_decreasing
    now = dt.datetime.now(dt.timezone.utc)
    assert abs((now - events["time"].iloc[0]).total_seconds()) < 60  # aware UTC
    assert store.list_events(any_engine, limit=1)["kind"].tolist() == ["sign_in"]


def test_no_events_is_an_empty_frame_with_the_columns(any_engine):
    events = store.list_events(any_engine)
    assert events.empty and list(events.columns) == ["time", "kind", "actor", "detail", "version_id"]


def test_diff_versions_compares_the_stored_tables(engine):
    one, two = build_tables(seed=1), build_tables(seed=1)
    two["agents"] = two["agents"].iloc[1:].reset_index(drop=True)
    a = store.commit_version(engine, one, files("a.xlsx"), uploader="u").version
    b = store.commit_version(engine, two, files("b.xlsx"), uploader="u").version
    diff = store.diff_versions(engine, a.id, b.id)
    assert diff.counts["agents_removed"] == 1 and diff.counts["agents_changed"] == 0
    assert diff.agents_removed["nip"].tolist() == [one["agents"].loc[0, "nip"]]
    assert store.diff_versions(engine, b.id, a.id).counts["agents_added"] == 1
