"""attendance.event_order against the rule written out in plain Python: events by first day
(undated first), ties by first appearance; days and agents counted distinct, blanks not."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from zi_dashboard.domain.attendance import EVENT_COLUMNS, event_order

DAYS = [None, dt.datetime(2020, 8, 4), dt.datetime(2020, 8, 5), dt.datetime(2019, 3, 1)]
rows = st.lists(st.tuples(st.sampled_from(["Lokakarya", "Bimtek", "Rapat", None]),
                          st.sampled_from(DAYS), st.sampled_from(["N1", "N2", "N3", None])),
                max_size=30)


def reference(records: list[tuple]) -> list[tuple]:
    seen: dict[str, list] = {}
    for event, day, nip in records:
        if event is not None:
            seen.setdefault(event, []).append((day, nip))
    out = []
    for position, (event, items) in enumerate(seen.items()):
        days = {d for d, _ in items if d is not None}
        nips = {n for _, n in items if n is not None}
        out.append((min(days) if days else None, position, event, len(days), len(nips)))
    out.sort(key=lambda r: (r[0] is not None, r[0] or dt.datetime.min, r[1]))
    return [(event, first, days, agents) for first, _, event, days, agents in out]


@given(rows)
def test_matches_the_rule_written_out(records):
    frame = pd.DataFrame(records, columns=["event", "date", "nip"]).astype(
        {"event": "str", "date": "datetime64[ns]", "nip": "str"})
    frame.loc[[r[0] is None for r in records], "event"] = None
    frame.loc[[r[2] is None for r in records], "nip"] = None
    out = event_order(frame)
    assert list(out.columns) == EVENT_COLUMNS
    got = [(e, None if pd.isna(d) else d.to_pydatetime(), int(n), int(a))
           for e, d, n, a in out.itertuples(index=False, name=None)]
    assert got == reference(records)
