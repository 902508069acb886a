"""Pure aggregations of the clean tables: agents, attendance, ZI stages, action plans, growth."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from zi_dashboard import schema

__all__ = [
    "AWARDED_STAGES", "absent_agents", "active_agents", "agents_by", "agents_per_eselon1",
    "agents_per_unit", "attendance_by", "attendance_by_event", "attendance_overall", "events",
    "growth", "headline", "lke_by_unit", "overdue_plans", "plan_progress", "plan_status_counts",
    "reform_ratios", "stage_counts", "stage_funnel", "stage_movement", "stages_by_eselon1",
    "stalled_units", "units_without_agents",
]

Tables = Mapping[str, pd.DataFrame]

# Units holding a WBK title: awarded WBK, proposed for WBBM (still WBK) or awarded WBBM.
AWARDED_STAGES = ("wbk", "diusulkan_wbbm", "wbbm")
_CLOSED_PLANS = ("selesai", "batal")
_MODES = tuple(schema.ATTENDANCE_MODES.keys())
_DELTA_KEYS = ("agents", "units", "units_with_agents", *_MODES, "wbk", "wbbm", "mean_lke")
_UNIT_INFO = ("unit_key", "unit_name", "eselon1")


def _table(tables: Tables, name: str) -> pd.DataFrame:
    frame = tables.get(name)
    if frame is None:
        return pd.DataFrame(columns=[c for c, _ in schema.clean_columns(name)])
    return frame


def _unit_info(tables: Tables) -> pd.DataFrame:
    return _table(tables, "units")[list(_UNIT_INFO)].drop_duplicates("unit_key")


def _with_units(frame: pd.DataFrame, tables: Tables) -> pd.DataFrame:
    """Attach unit_name and eselon1 of the unit; the unit's Eselon I wins over a typed one."""
    info = _unit_info(tables).rename(columns={"eselon1": "_unit_eselon1"})
    merged = frame.merge(info, on="unit_key", how="left")
    if "eselon1" in merged:
        merged["eselon1"] = merged["_unit_eselon1"].fillna(merged["eselon1"])
        return merged.drop(columns="_unit_eselon1")
    return merged.rename(columns={"_unit_eselon1": "eselon1"})


def active_agents(tables: Tables) -> pd.DataFrame:
    """Agents not marked nonaktif (a missing status counts as active)."""
    agents = _table(tables, "agents")
    return agents[agents["status"].isna() | (agents["status"] != "nonaktif")]


def _share(part: pd.Series, whole: pd.Series | float) -> pd.Series:
    return (part / whole).astype("float64")


def _position(keys: Sequence) -> dict:
    return {k: i for i, k in enumerate(keys)}


def _grid(frame: pd.DataFrame, by: str, column: str, keys: Sequence, value: str) -> pd.DataFrame:
    """Counts per (by, column) in long form, every key of `column` present (zeros included)."""
    grid = pd.crosstab(frame[by], frame[column]).reindex(columns=list(keys), fill_value=0)
    grid.columns.name = column
    out = grid.reset_index().melt(id_vars=by, var_name=column, value_name=value)
    out = out.assign(_k=out[column].map(_position(keys))).sort_values([by, "_k"])
    return out.drop(columns="_k").astype({value: "int64"}).reset_index(drop=True)


def _best_mode(att: pd.DataFrame, keys: str | list[str]) -> pd.DataFrame:
    # Several rows for one agent: the best mode counts (in person over virtual over absent):
    # attending one day of a workshop in person is attending in person.
    att = att[att["mode"].isin(_MODES)]
    order = att["mode"].map(_position(_MODES))
    return att.assign(_rank=order).sort_values("_rank", kind="stable").drop_duplicates(keys)


# --- agents ---------------------------------------------------------------------------------

def agents_per_unit(tables: Tables) -> pd.DataFrame:
    """Every unit with its active agents, flagged when it has none, against its needs."""
    counts = active_agents(tables).groupby("unit_key").size().rename("agents")
    out = _table(tables, "units")[[*_UNIT_INFO, "unit_type", "province", "zi_stage",
                                   "agents_needed"]].merge(counts, left_on="unit_key",
                                                           right_index=True, how="left")
    out["agents"] = out["agents"].fillna(0).astype("int64")
    out["has_agents"] = out["agents"] > 0
    out["agents_needed"] = out["agents_needed"].astype("Int64")
    out["gap"] = out["agents_needed"] - out["agents"]
    return out.sort_values(["agents", "unit_name"], ascending=[False, True],
                           ignore_index=True)


def units_without_agents(tables: Tables) -> pd.DataFrame:
    """Units with no active agent."""
    per_unit = agents_per_unit(tables)
    return per_unit[~per_unit["has_agents"]].sort_values("unit_name", ignore_index=True)


def agents_per_eselon1(tables: Tables) -> pd.DataFrame:
    """Active agents, units and units with agents per Eselon I, most agents first."""
    per_unit = agents_per_unit(tables)
    out = per_unit.groupby("eselon1").agg(agents=("agents", "sum"), units=("unit_key", "size"),
                                          units_with_agents=("has_agents", "sum")).reset_index()
    out = out.astype({"agents": "int64", "units": "int64", "units_with_agents": "int64"})
    out["share"] = _share(out["agents"], out["agents"].sum())
    return out.sort_values(["agents", "eselon1"], ascending=[False, True], ignore_index=True)


def agents_by(tables: Tables, field: str) -> pd.DataFrame:
    """Active agents per value of `field` (gender, rank, appointed_year, position, …).

    Gender and rank follow their official order, years ascend, other fields go by count; a
    missing value is one row with None, last.
    """
    values = active_agents(tables)[field]
    counts = values.dropna().value_counts()
    official = {"gender": schema.GENDERS.keys(), "rank": schema.RANKS}.get(field)
    if official is not None:
        order = sorted(counts.index, key=lambda v: (_position(official).get(v, len(official)), v))
    elif field == "appointed_year":
        order = sorted(counts.index)
    else:
        order = sorted(counts.index, key=lambda v: (-counts[v], str(v)))
    rows = [(v.item() if hasattr(v, "item") else v, int(counts[v])) for v in order]
    if values.isna().any():
        rows.append((None, int(values.isna().sum())))
    out = pd.DataFrame(rows, columns=[field, "agents"]).astype({field: object, "agents": "int64"})
    out["share"] = _share(out["agents"], out["agents"].sum())
    return out


# --- attendance -----------------------------------------------------------------------------

def events(tables: Tables) -> pd.DataFrame:
    """Events in date order (undated first, then by first appearance): date, days, agents."""
    att = _table(tables, "attendance").reset_index(drop=True)
    if att.empty:
        return pd.DataFrame(columns=["event", "date", "days", "agents"])
    att = att.assign(_pos=range(len(att)))
    out = att.groupby("event", sort=False).agg(date=("date", "min"), days=("date", "nunique"),
                                                agents=("nip", "nunique"), _pos=("_pos", "min"))
    out = out.reset_index().sort_values(["date", "_pos"], na_position="first")
    return out.drop(columns="_pos").astype({"days": "int64", "agents": "int64"}).reset_index(
        drop=True)


def _agent_modes(tables: Tables, event: str | None) -> pd.DataFrame:
    """One mode per agent at `event` (the latest by default)."""
    att = _table(tables, "attendance")
    if event is None:
        listed = events(tables)
        event = listed["event"].iloc[-1] if len(listed) else None
    return _best_mode(att[att["event"] == event], "nip")


def attendance_overall(tables: Tables, event: str | None = None) -> pd.DataFrame:
    """Agents per attendance mode at `event` (the latest by default), with shares."""
    counts = _agent_modes(tables, event)["mode"].value_counts()
    if counts.empty:
        return pd.DataFrame(columns=["mode", "agents", "share"])
    out = pd.DataFrame({"mode": list(_MODES),
                        "agents": [int(counts.get(m, 0)) for m in _MODES]})
    out["share"] = _share(out["agents"], out["agents"].sum())
    return out


def attendance_by(tables: Tables, level: str = "eselon1", event: str | None = None
                  ) -> pd.DataFrame:
    """100 % data per Eselon I or unit: level, mode, agents, share; most in person first."""
    columns = [level, *(["unit_name"] if level == "unit_key" else []), "mode", "agents", "share"]
    agents = _table(tables, "agents")[["nip", "unit_key"]].drop_duplicates("nip")
    modes = _with_units(_agent_modes(tables, event)[["nip", "mode"]].merge(agents, on="nip"),
                        tables).dropna(subset=[level])
    if modes.empty:
        return pd.DataFrame(columns=columns)
    out = _grid(modes, level, "mode", _MODES, "agents")
    out["share"] = _share(out["agents"], out.groupby(level)["agents"].transform("sum"))
    in_person = out[out["mode"] == "tatap_muka"].set_index(level)["share"]
    out = out.assign(_k=out[level].map(in_person)).sort_values(
        ["_k", level], ascending=[False, True], kind="stable", ignore_index=True)
    if level == "unit_key":
        out = out.merge(_unit_info(tables)[["unit_key", "unit_name"]], on="unit_key", how="left")
    return out.astype({"agents": "int64", "share": "float64"})[columns]


def attendance_by_event(tables: Tables) -> pd.DataFrame:
    """Agents per event, day and mode, in date order."""
    att = _table(tables, "attendance")
    if not att["mode"].isin(_MODES).any():
        return pd.DataFrame(columns=["event", "date", "mode", "agents"])
    best = _best_mode(att, ["event", "date", "nip"])
    out = best.groupby(["event", "date", "mode", "_rank"], dropna=False).size().rename(
        "agents").reset_index()
    out["_event"] = out["event"].map(_position(events(tables)["event"]))
    out = out.sort_values(["_event", "date", "_rank"], ignore_index=True)
    return out.astype({"agents": "int64"})[["event", "date", "mode", "agents"]]


def absent_agents(tables: Tables, event: str | None = None) -> pd.DataFrame:
    """Active agents with no attendance row at `event` (latest by default) or marked absent."""
    columns = ["nip", "name", "unit_key", "unit_name", "eselon1", "mode"]
    if events(tables).empty:
        return pd.DataFrame(columns=columns)
    modes = _agent_modes(tables, event)[["nip", "mode"]]
    agents = active_agents(tables)[["nip", "name", "unit_key", "eselon1"]]
    out = _with_units(agents.merge(modes, on="nip", how="left"), tables)
    out = out[out["mode"].isna() | (out["mode"] == "tidak_hadir")]
    return out.sort_values(["eselon1", "unit_name", "name"], ignore_index=True)[columns]


# --- Zona Integritas ------------------------------------------------------------------------

def _stage_rank(stages: pd.Series) -> pd.Series:
    return stages.map(_position(schema.STAGES.keys()))


def stage_counts(units: pd.DataFrame) -> pd.DataFrame:
    """Units per ZI stage, every stage in path order (units without a stage are left out)."""
    counts = units["zi_stage"].dropna().value_counts()
    if counts.empty:
        return pd.DataFrame(columns=["zi_stage", "units", "share"])
    keys = schema.STAGES.keys()
    out = pd.DataFrame({"zi_stage": keys, "units": [int(counts.get(k, 0)) for k in keys]})
    out["share"] = _share(out["units"], out["units"].sum())
    return out


def stage_funnel(units: pd.DataFrame) -> pd.DataFrame:
    """Units that reached at least each stage on the path (revoked units excluded)."""
    stages = units["zi_stage"][units["zi_stage"].isin(schema.FUNNEL_STAGES)]
    if stages.empty:
        return pd.DataFrame(columns=["zi_stage", "units", "share"])
    rank = _stage_rank(stages)
    reached = [int((rank >= i).sum()) for i in range(len(schema.FUNNEL_STAGES))]
    out = pd.DataFrame({"zi_stage": list(schema.FUNNEL_STAGES), "units": reached})
    out["share"] = _share(out["units"], reached[0])
    return out


def stages_by_eselon1(units: pd.DataFrame) -> pd.DataFrame:
    """Units per Eselon I and stage (every stage, zeros included): eselon1, zi_stage, units."""
    known = units.dropna(subset=["eselon1", "zi_stage"])
    if known.empty:
        return pd.DataFrame(columns=["eselon1", "zi_stage", "units"])
    return _grid(known, "eselon1", "zi_stage", schema.STAGES.keys(), "units")


def _stage_per_unit_year(zi_history: pd.DataFrame) -> pd.DataFrame:
    # Several rows for one unit and year: keep the furthest stage (a revocation ends a year).
    hist = zi_history.dropna(subset=["unit_key", "year", "zi_stage"])
    hist = hist.assign(_rank=_stage_rank(hist["zi_stage"]))
    return hist.sort_values(["unit_key", "year", "_rank"]).drop_duplicates(
        ["unit_key", "year"], keep="last").drop(columns="_rank")


def stage_movement(zi_history: pd.DataFrame) -> pd.DataFrame:
    """Units per year and stage (every stage, zeros included): year, zi_stage, units."""
    hist = _stage_per_unit_year(zi_history)
    if hist.empty:
        return pd.DataFrame(columns=["year", "zi_stage", "units"])
    out = _grid(hist.astype({"year": "int64"}), "year", "zi_stage", schema.STAGES.keys(), "units")
    return out.astype({"year": "Int64"})


def stalled_units(zi_history: pd.DataFrame, min_years: int = 2,
                  units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Units whose stage has not changed for at least `min_years` years up to the latest year.

    years_at_stage counts calendar years inclusively, from the first year of the unit's current
    run of identical stages to the latest year in the history (no new record = no change).
    Units holding a title are kept, marked by holds_title.
    """
    columns = ["unit_key", "unit", "unit_name", "zi_stage", "since_year", "latest_year",
               "years_at_stage", "holds_title"]
    hist = _stage_per_unit_year(zi_history)
    if hist.empty:
        return pd.DataFrame(columns=columns)
    hist = hist.sort_values(["unit_key", "year"], ignore_index=True)
    changed = (hist["zi_stage"] != hist.groupby("unit_key")["zi_stage"].shift()).cumsum()
    hist["since_year"] = hist.groupby(changed)["year"].transform("min")
    last = hist.groupby("unit_key").tail(1).rename(columns={"year": "latest_year"})
    last["years_at_stage"] = (int(hist["year"].max()) - last["since_year"] + 1).astype("int64")
    last["holds_title"] = last["zi_stage"].isin(AWARDED_STAGES)
    names = _unit_info({} if units is None else {"units": units})[["unit_key", "unit_name"]]
    last = last.merge(names, on="unit_key", how="left")
    out = last[last["years_at_stage"] >= min_years]
    out = out.assign(_rank=_stage_rank(out["zi_stage"])).sort_values(
        ["years_at_stage", "_rank", "unit"], ascending=[False, True, True])
    return out[columns].reset_index(drop=True)


def lke_by_unit(units: pd.DataFrame) -> pd.DataFrame:
    """Units with an LKE score, highest first."""
    scored = units.dropna(subset=["lke_score"])[
        ["unit_key", "unit_name", "eselon1", "zi_stage", "stage_year", "lke_score"]]
    return scored.sort_values(["lke_score", "unit_name"], ascending=[False, True],
                              ignore_index=True)


# --- action plans (RTL) ---------------------------------------------------------------------

def _plans(tables: Tables) -> pd.DataFrame:
    plans = _table(tables, "action_plans")
    return _with_units(plans.drop(columns=["unit"], errors="ignore"), tables)


def plan_status_counts(tables: Tables, level: str | None = None) -> pd.DataFrame:
    """Plans per status (every status in order, None for a missing status), optionally per level."""
    plans = _plans(tables)
    keys = [*([level] if level else []), *(["unit_name"] if level == "unit_key" else []),
            "status", "plans"]
    if plans.empty:
        return pd.DataFrame(columns=keys)
    missing = "__missing__"  # stand-in so a missing status survives the crosstab
    statuses = list(schema.PLAN_STATUSES.keys()) + ([missing] if plans["status"].isna().any()
                                                      else [])
    status = plans["status"].astype(object).fillna(missing)
    plans = plans.assign(status=status, _all="")
    out = _grid(plans.dropna(subset=[level or "_all"]), level or "_all", "status", statuses,
                "plans")
    out["status"] = out["status"].astype(object).where(out["status"] != missing, None)
    if level == "unit_key":
        out = out.merge(_unit_info(tables)[["unit_key", "unit_name"]], on="unit_key", how="left")
    return out[keys]


def _progress(plans: pd.DataFrame) -> pd.Series:
    # A plan marked done without a percentage is done: count it as 100 %.
    progress = plans["progress_pct"].astype("float64")
    return progress.where(progress.notna() | (plans["status"] != "selesai"), 100.0)


def plan_progress(tables: Tables, level: str = "unit_key") -> pd.DataFrame:
    """Plans (cancelled excluded), done, done share and mean progress % per unit or Eselon I."""
    columns = [level, *(["unit_name", "eselon1"] if level == "unit_key" else []), "plans",
               "done", "done_share", "mean_progress"]
    plans = _plans(tables)
    plans = plans[(plans["status"] != "batal") | plans["status"].isna()].dropna(subset=[level])
    if plans.empty:
        return pd.DataFrame(columns=columns)
    plans = plans.assign(_done=plans["status"] == "selesai", _progress=_progress(plans))
    out = plans.groupby(level).agg(plans=("_done", "size"), done=("_done", "sum"),
                                   mean_progress=("_progress", "mean")).reset_index()
    out = out.astype({"plans": "int64", "done": "int64", "mean_progress": "float64"})
    out["done_share"] = _share(out["done"], out["plans"])
    if level == "unit_key":
        out = out.merge(_unit_info(tables), on="unit_key", how="left")
    out = out.sort_values(["mean_progress", level], ascending=[False, True], na_position="last")
    return out[columns].reset_index(drop=True)


def overdue_plans(tables: Tables, today: dt.date) -> pd.DataFrame:
    """Open plans (not done, not cancelled) whose due date is before `today`, most late first."""
    plans = _plans(tables)
    due = plans["due_date"]
    late = due.notna() & (due < pd.Timestamp(today)) & ~plans["status"].isin(_CLOSED_PLANS)
    out = plans[late].copy()
    out["days_overdue"] = (pd.Timestamp(today) - out["due_date"]).dt.days.astype("int64")
    return out.sort_values(["days_overdue", "title"], ascending=[False, True], ignore_index=True)


def reform_ratios(tables: Tables, year: int | None = None) -> pd.DataFrame:
    """Per unit: done plans per active agent ("one agent, one change") and integrated share.

    With `year`, only plans due in that year count (the data has no completion date).
    """
    plans = _table(tables, "action_plans")
    done = plans[plans["status"] == "selesai"]
    if year is not None:
        done = done[done["due_date"].dt.year == year]
    done = done.assign(_integrated=done["integrated"] == "ya")
    per_unit = agents_per_unit(tables)[["unit_key", "unit_name", "eselon1", "agents"]]
    counts = done.groupby("unit_key").agg(plans_done=("status", "size"),
                                          integrated_done=("_integrated", "sum"))
    out = per_unit.merge(counts, left_on="unit_key", right_index=True, how="left")
    out = out.fillna({"plans_done": 0, "integrated_done": 0}).astype(
        {"plans_done": "int64", "integrated_done": "int64"})
    out["changes_per_agent"] = _share(out["plans_done"], out["agents"].where(out["agents"] > 0))
    out["integrated_share"] = _share(out["integrated_done"],
                                     out["plans_done"].where(out["plans_done"] > 0))
    out = out.sort_values(["changes_per_agent", "unit_name"], ascending=[False, True],
                          na_position="last", ignore_index=True)
    return out[["unit_key", "unit_name", "eselon1", "agents", "plans_done", "changes_per_agent",
                "integrated_done", "integrated_share"]]


# --- headline and growth --------------------------------------------------------------------

def _delta(now: float | None, before: float | None) -> dict | None:
    change = None if now is None or before is None else now - before
    return None if change is None else {"abs": change, "pct": change / before if before else None}


def headline(tables: Tables, previous_tables: Tables | None = None) -> dict:
    """The KPI numbers of a version, JSON-ready, with deltas against `previous_tables`.

    Keys: agents, units, units_with_agents, latest_event, attendance ({mode: agents}) and the
    same counts as tatap_muka / virtual / tidak_hadir, stages ({stage: units}), wbk, wbbm,
    mean_lke (None without scores) and delta ({key: {"abs": change, "pct": change / before}}
    for agents … mean_lke; pct is a share, None when the previous value is 0).
    """
    units = _table(tables, "units")
    per_unit = agents_per_unit(tables)
    listed = events(tables)
    attendance = attendance_overall(tables)
    stages = stage_counts(units)
    lke = units["lke_score"].dropna()
    out: dict = {
        "agents": len(active_agents(tables)),
        "units": len(units),
        "units_with_agents": int(per_unit["has_agents"].sum()),
        "latest_event": str(listed["event"].iloc[-1]) if len(listed) else None,
        "attendance": {str(m): int(n) for m, n in zip(attendance["mode"], attendance["agents"],
                                                      strict=True)},
        "stages": {str(s): int(n) for s, n in zip(stages["zi_stage"], stages["units"],
                                                  strict=True)},
        "wbk": int(units["zi_stage"].isin(AWARDED_STAGES).sum()),
        "wbbm": int((units["zi_stage"] == "wbbm").sum()),
        "mean_lke": float(lke.mean()) if len(lke) else None,
    }
    for mode in _MODES:
        out[mode] = out["attendance"].get(mode, 0)
    out["delta"] = {}
    if previous_tables is not None:
        before = headline(previous_tables)
        out["delta"] = {key: _delta(out[key], before[key]) for key in _DELTA_KEYS}
        if before["latest_event"] is None:  # no attendance then: a change would be meaningless
            out["delta"].update({mode: None for mode in _MODES})
    return out


def growth(history: Sequence[tuple[str, Tables]]) -> pd.DataFrame:
    """Headline counts per version, in the order given: version, agents, units, …, mean_lke."""
    columns = ["version", "agents", "units", "units_with_agents", "wbk", "wbbm", "mean_lke"]
    heads = [(label, headline(tables)) for label, tables in history]
    out = pd.DataFrame([[label, *(h[c] for c in columns[1:])] for label, h in heads],
                       columns=columns)
    return out.astype({"mean_lke": "float64"}) if heads else out
