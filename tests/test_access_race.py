"""A session's tables are cut to its scope even when the version changes under it: the run
that reads "no version yet" while the first commit lands (issue 10, item 2)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests import test_access_matrix as matrix
from tests.test_access_matrix import ROLES
from zi_dashboard import store

access_db_file, sample_tables, access_env = (matrix.access_db_file, matrix.sample_tables,
                                             matrix.access_env)


def _units_seen_by(account: str) -> None:
    import streamlit as st

    from zi_dashboard.ui import data, session

    session.sign_in_as(account, bootstrap=False)
    snapshot = data.current_snapshot()
    st.json({"version": snapshot.version is not None,
             "units": sorted(snapshot.tables["units"]["unit_key"])})


def test_a_commit_landing_after_the_pointer_read_hands_over_no_unscoped_tables(
        access_env, sample_tables, monkeypatch):
    role = ROLES["unit"]
    access_env(role.policy)
    # The pointer is read as "no version yet"; the sample's versions are there by any later read.
    monkeypatch.setattr(store, "current_version", lambda engine: None)
    at = AppTest.from_function(_units_seen_by, args=(role.account,), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.json[0].value == '{"version": false, "units": []}'
    assert len(sample_tables["units"]) > 0
