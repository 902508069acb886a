"""Row-level lists behind the anonymous policy (issue 10, item 3): the overdue action plans,
titled by each agent, are for signed-in users; visitors under `aggregates` get the count."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import test_access_matrix as matrix
from tests.test_access_matrix import ROLES, open_as, sent_texts

access_db_file, sample_tables, access_env = (matrix.access_db_file, matrix.sample_tables,
                                             matrix.access_env)
PAGE = "pages/rencana_tindak_lanjut.py"
HIDDEN = "hanya untuk pengguna yang sudah masuk"


def _overdue_titles(tables) -> set[str]:
    plans = tables["action_plans"]
    late = (plans["due_date"] < dt.datetime.combine(dt.date.today(), dt.time())) & \
        ~plans["status"].isin(["selesai", "batal"])
    return set(plans.loc[late, "title"])


@pytest.mark.parametrize(("role_id", "sees"), [("anonim-aggregates", False), ("anonim-full", True),
                                                ("pimpinan", True)])
def test_overdue_plans_are_listed_only_for_who_may_see_rows(access_env, sample_tables, role_id,
                                                             sees):
    role = ROLES[role_id]
    access_env(role.policy)
    at = open_as(role, PAGE)
    titles = _overdue_titles(sample_tables)
    assert titles  # the sample has overdue plans today
    texts = "\n".join(sent_texts(at))
    assert any(title in texts for title in titles) is sees
    assert any(HIDDEN in info.value for info in at.info) is not sees
