"""count_grid, the counting under every stacked chart: checked against a plain Python count."""

from __future__ import annotations

from collections import Counter

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from zi_dashboard.analysis.frames import count_grid

KEYS = ("belum", "wbk", "wbbm")
rows = st.lists(st.tuples(st.sampled_from(["B", "A", "C", None]),
                          st.sampled_from([*KEYS, "other", None])), max_size=40)


@given(rows)
def test_counts_every_pair_with_zeros_in_key_order(pairs):
    frame = pd.DataFrame(pairs, columns=["eselon1", "zi_stage"], dtype=object)
    out = count_grid(frame, "eselon1", "zi_stage", KEYS, "units")
    # Groups: every Eselon I with at least one stage given (known or not), sorted.
    groups = sorted({e for e, s in pairs if e is not None and s is not None})
    counts = Counter((e, s) for e, s in pairs if e is not None and s in KEYS)
    expected = [(g, k, counts[(g, k)]) for g in groups for k in KEYS]
    assert list(out.columns) == ["eselon1", "zi_stage", "units"]
    assert list(out.itertuples(index=False, name=None)) == expected
    assert out["units"].dtype == "int64"


def test_integer_groups_keep_their_type():
    frame = pd.DataFrame({"year": [2021, 2020, 2021], "zi_stage": ["wbk", "wbk", "belum"]})
    out = count_grid(frame, "year", "zi_stage", KEYS, "units")
    assert out["year"].tolist() == [2020] * 3 + [2021] * 3
    assert out["year"].dtype == "int64"
    assert out["units"].tolist() == [0, 1, 0, 1, 1, 0]
