"""The attendance rules, defined once: which event is the latest, and an agent's best mode.

- Events are ordered by their first day (undated events first), then by where they first
  appear; the latest event is the last in that order.
- An agent with several rows (several days, or both modes) counts once, with the best mode:
  in person over virtual over absent. Attending one day of a workshop in person is attending
  in person.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from zi_dashboard.domain.enums import ATTENDANCE_MODES

__all__ = ["ATTENDED", "MODES", "best_modes", "event_order", "latest_event"]

MODES = tuple(ATTENDANCE_MODES.keys())  # best first
# The modes that count as having attended: "hadir" says present without saying how.
ATTENDED = ("tatap_muka", "virtual", "hadir")
_RANK = {mode: i for i, mode in enumerate(MODES)}
EVENT_COLUMNS = ["event", "date", "days", "agents"]


def event_order(attendance: pd.DataFrame) -> pd.DataFrame:
    """Events in order (see the module docstring): event, date (first day), days, agents."""
    att = attendance.reset_index(drop=True)
    if att.empty:
        return pd.DataFrame(columns=EVENT_COLUMNS)
    att = att.assign(_pos=range(len(att)))
    out = att.groupby("event", sort=False).agg(date=("date", "min"), days=("date", "nunique"),
                                                agents=("nip", "nunique"), _pos=("_pos", "min"))
    out = out.reset_index().sort_values(["date", "_pos"], na_position="first")
    return out.drop(columns="_pos").astype({"days": "int64", "agents": "int64"}).reset_index(
        drop=True)


def latest_event(attendance: pd.DataFrame) -> str | None:
    """The latest event's name, None without attendance."""
    events = event_order(attendance)
    return str(events["event"].iloc[-1]) if len(events) else None


def best_modes(attendance: pd.DataFrame, keys: str | Sequence[str] = "nip") -> pd.DataFrame:
    """One row per `keys` (an agent by default) holding its best known mode, with `_rank`."""
    att = attendance[attendance["mode"].isin(MODES)]
    rank = att["mode"].map(_RANK)
    return att.assign(_rank=rank).sort_values("_rank", kind="stable").drop_duplicates(
        list(keys) if not isinstance(keys, str) else keys)
