"""The first script run of a process moves the objects alive then out of full collections."""

from __future__ import annotations

import gc

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def test_the_first_run_freezes_the_startup_objects_once(app_env):
    from zi_dashboard.ui import resources

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the imported modules, classes and their tables
    # Later runs and later calls freeze nothing more (frozen objects freed by their last
    # reference leave the count).
    at.run()
    assert resources.freeze_startup_objects() is False
    assert gc.get_freeze_count() <= frozen
