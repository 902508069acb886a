"""Pure aggregations of the clean tables: agents, attendance, ZI stages, the headline.

Action plans are in `action_plans`."""

from __future__ import annotations

import pandas as pd

from zi_dashboard.analysis.frames import (
    UNIT_INFO,
    Tables,
    count_grid,
    positions,
    share,
    table_of,
    unit_info,
    with_units,
)
from zi_dashboard.domain import attendance, schema
from zi_dashboard.domain.rule_sets import HOLDS_WBK

__all__ = [
    "AWARDED_STAGES", "absent_agents", "active_agents", "agents_by", "agents_per_eselon1",
    "agents_per_unit", "attendance_by", "attendance_by_event", "attendance_overall", "events", "latest_event",
    "headline", "lke_by_unit", "stage_counts", "stage_funnel", "stage_movement", "stage_runs",
    "stage_years", "stages_by_eselon1", "stalled_units", "units_without_agents",
]


# Units holding a WBK title: awarded WBK, proposed for WBBM (still WBK) or awarded WBBM. One
# definition, with the rule sets (WBBM eligibility needs it).
AWARDED_STAGES = HOLDS_WBK
_MODES = attendance.MODES
_DELTA_KEYS = ("agents", "units", "units_with_agents", *_MODES, "wbk", "wbbm", "mean_lke")
def active_agents(tables: Tables) -> pd.DataFrame:
    """Agents not marked nonaktif (a missing status counts as active)."""
    agents = table_of(tables, "agents")
    return agents[agents["status"].isna() | (agents["status"] != "nonaktif")]



# --- agents ---------------------------------------------------------------------------------

def agents_per_unit(tables: Tables) -> pd.DataFrame:
    """Every unit with its active agents, flagged when it has none, against its needs."""
    counts = active_agents(tables).groupby("unit_key").size().rename("agents")
    out = table_of(tables, "units")[[*UNIT_INFO, "unit_type", "province", "zi_stage",
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
    out["share"] = share(out["agents"], out["agents"].sum())
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
        order = sorted(counts.index, key=lambda v: (positions(official).get(v, len(official)), v))
    elif field == "appointed_year":
        order = sorted(counts.index)
    else:
        order = sorted(counts.index, key=lambda v: (-counts[v], str(v)))
    rows = [(v.item() if hasattr(v, "item") else v, int(counts[v])) for v in order]
    if values.isna().any():
        rows.append((None, int(values.isna().sum())))
    out = pd.DataFrame(rows, columns=[field, "agents"]).astype({field: object, "agents": "int64"})
    out["share"] = share(out["agents"], out["agents"].sum())
    return out


# --- attendance -----------------------------------------------------------------------------

def events(tables: Tables) -> pd.DataFrame:
    """Events in order (attendance.event_order): event, date (first day), days, agents."""
    return attendance.event_order(table_of(tables, "attendance"))


def latest_event(tables: Tables) -> str | None:
    """The latest event (attendance.latest_event), None without attendance."""
    return attendance.latest_event(table_of(tables, "attendance"))


def _agent_modes(tables: Tables, event: str | None) -> pd.DataFrame:
    """One mode per agent at `event` (the latest by default)."""
    att = table_of(tables, "attendance")
    event = latest_event(tables) if event is None else event
    return attendance.best_modes(att[att["event"] == event], "nip")


def attendance_overall(tables: Tables, event: str | None = None) -> pd.DataFrame:
    """Agents per attendance mode at `event` (the latest by default), with shares."""
    counts = _agent_modes(tables, event)["mode"].value_counts()
    if counts.empty:
        return pd.DataFrame(columns=["mode", "agents", "share"])
    out = pd.DataFrame({"mode": list(_MODES),
                        "agents": [int(counts.get(m, 0)) for m in _MODES]})
    out["share"] = share(out["agents"], out["agents"].sum())
    return out


def attendance_by(tables: Tables, level: str = "eselon1", event: str | None = None
                  ) -> pd.DataFrame:
    """100 % data per Eselon I or unit: level, mode, agents, share; most in person first."""
    columns = [level, *(["unit_name"] if level == "unit_key" else []), "mode", "agents", "share"]
    agents = table_of(tables, "agents")[["nip", "unit_key"]].drop_duplicates("nip")
    modes = with_units(_agent_modes(tables, event)[["nip", "mode"]].merge(agents, on="nip"),
                        tables).dropna(subset=[level])
    if modes.empty:
        return pd.DataFrame(columns=columns)
    out = count_grid(modes, level, "mode", _MODES, "agents")
    out["share"] = share(out["agents"], out.groupby(level)["agents"].transform("sum"))
    in_person = out[out["mode"] == "tatap_muka"].set_index(level)["share"]
    out = out.assign(_k=out[level].map(in_person)).sort_values(
        ["_k", level], ascending=[False, True], kind="stable", ignore_index=True)
    if level == "unit_key":
        out = out.merge(unit_info(tables)[["unit_key", "unit_name"]], on="unit_key", how="left")
    return out.astype({"agents": "int64", "share": "float64"})[columns]


def attendance_by_event(tables: Tables) -> pd.DataFrame:
    """Agents per event, day and mode, in date order."""
    att = table_of(tables, "attendance")
    if not att["mode"].isin(_MODES).any():
        return pd.DataFrame(columns=["event", "date", "mode", "agents"])
    best = attendance.best_modes(att, ["event", "date", "nip"])
    out = best.groupby(["event", "date", "mode", "_rank"], dropna=False).size().rename(
        "agents").reset_index()
    out["_event"] = out["event"].map(positions(events(tables)["event"]))
    out = out.sort_values(["_event", "date", "_rank"], ignore_index=True)
    return out.astype({"agents": "int64"})[["event", "date", "mode", "agents"]]


def absent_agents(tables: Tables, event: str | None = None) -> pd.DataFrame:
    """Active agents with no attendance row at `event` (latest by default) or marked absent."""
    columns = ["nip", "name", "unit_key", "unit_name", "eselon1", "mode"]
    if not table_of(tables, "attendance")["event"].notna().any():  # no event at all
        return pd.DataFrame(columns=columns)
    modes = _agent_modes(tables, event)[["nip", "mode"]]
    agents = active_agents(tables)[["nip", "name", "unit_key", "eselon1"]]
    out = with_units(agents.merge(modes, on="nip", how="left"), tables)
    out = out[out["mode"].isna() | (out["mode"] == "tidak_hadir")]
    return out.sort_values(["eselon1", "unit_name", "name"], ignore_index=True)[columns]


# --- Zona Integritas ------------------------------------------------------------------------

def _stage_rank(stages: pd.Series) -> pd.Series:
    return stages.map(positions(schema.STAGES.keys()))


def stage_counts(units: pd.DataFrame) -> pd.DataFrame:
    """Units per ZI stage, every stage in path order (units without a stage are left out)."""
    counts = units["zi_stage"].dropna().value_counts()
    if counts.empty:
        return pd.DataFrame(columns=["zi_stage", "units", "share"])
    keys = schema.STAGES.keys()
    out = pd.DataFrame({"zi_stage": keys, "units": [int(counts.get(k, 0)) for k in keys]})
    out["share"] = share(out["units"], out["units"].sum())
    return out


def stage_funnel(units: pd.DataFrame) -> pd.DataFrame:
    """Units that reached at least each stage on the path (revoked units excluded)."""
    stages = units["zi_stage"][units["zi_stage"].isin(schema.FUNNEL_STAGES)]
    if stages.empty:
        return pd.DataFrame(columns=["zi_stage", "units", "share"])
    rank = _stage_rank(stages)
    reached = [int((rank >= i).sum()) for i in range(len(schema.FUNNEL_STAGES))]
    out = pd.DataFrame({"zi_stage": list(schema.FUNNEL_STAGES), "units": reached})
    out["share"] = share(out["units"], reached[0])
    return out


def stages_by_eselon1(units: pd.DataFrame) -> pd.DataFrame:
    """Units per Eselon I and stage (every stage, zeros included): eselon1, zi_stage, units."""
    known = units.dropna(subset=["eselon1", "zi_stage"])
    if known.empty:
        return pd.DataFrame(columns=["eselon1", "zi_stage", "units"])
    return count_grid(known, "eselon1", "zi_stage", schema.STAGES.keys(), "units")


def _stage_per_unit_year(zi_history: pd.DataFrame) -> pd.DataFrame:
    # Several rows for one unit and year: keep the furthest stage (a revocation ends a year).
    hist = zi_history.dropna(subset=["unit_key", "year", "zi_stage"])
    hist = hist.assign(_rank=_stage_rank(hist["zi_stage"]))
    return hist.sort_values(["unit_key", "year", "_rank"]).drop_duplicates(
        ["unit_key", "year"], keep="last").drop(columns="_rank")


def stage_years(zi_history: pd.DataFrame) -> pd.DataFrame:
    """Each unit's stage per year, the furthest where a year has several rows: unit_key, year,
    zi_stage, by unit then year. Each row comes from the unit's own history, so it can be
    computed once for all units and narrowed to filtered ones (ui.page.run_units)."""
    # Only the three columns it needs: every other column would be copied at each step.
    return _stage_per_unit_year(zi_history[["unit_key", "year", "zi_stage"]]).reset_index(
        drop=True)


def stage_movement(years: pd.DataFrame) -> pd.DataFrame:
    """Units per year and stage from `stage_years` (every stage, zeros included): year,
    zi_stage, units."""
    if years.empty:
        return pd.DataFrame(columns=["year", "zi_stage", "units"])
    out = count_grid(years.assign(year=years["year"].astype("int64")), "year", "zi_stage",
                     schema.STAGES.keys(), "units")
    return out.astype({"year": "Int64"})


def stage_runs(zi_history: pd.DataFrame) -> pd.DataFrame:
    """Each unit's current run of one stage, one row per unit with a history: the unit's
    latest history row, with since_year (the first year of the run) and latest_year.

    Each row comes from the unit's own history, so it can be computed once for all units and
    narrowed to filtered ones (ui.page.run_units); stalled_units counts from these rows.
    """
    hist = _stage_per_unit_year(zi_history)
    if hist.empty:
        return pd.DataFrame(columns=[*("latest_year" if c == "year" else c
                                       for c in zi_history.columns), "since_year"])
    hist = hist.sort_values(["unit_key", "year"], ignore_index=True)
    changed = (hist["zi_stage"] != hist.groupby("unit_key")["zi_stage"].shift()).cumsum()
    hist["since_year"] = hist.groupby(changed)["year"].transform("min")
    return hist.groupby("unit_key").tail(1).rename(columns={"year": "latest_year"}).reset_index(
        drop=True)


def stalled_units(zi_history: pd.DataFrame, min_years: int = 2,
                  units: pd.DataFrame | None = None, *, runs: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """Units whose stage has not changed for at least `min_years` years up to the latest year.

    years_at_stage counts calendar years inclusively, from the first year of the unit's current
    run of identical stages to the latest year in the history (no new record = no change).
    Units holding a title are kept, marked by holds_title. `runs`, stage_runs of the same
    history, saves computing them again.
    """
    columns = ["unit_key", "unit", "unit_name", "zi_stage", "since_year", "latest_year",
               "years_at_stage", "holds_title"]
    last = stage_runs(zi_history) if runs is None else runs
    if last.empty:
        return pd.DataFrame(columns=columns)
    # The latest year of the history is the latest of the units' latest years.
    years = (int(last["latest_year"].max()) - last["since_year"] + 1).astype("int64").to_numpy()
    keep = years >= min_years
    out = last[keep].assign(years_at_stage=years[keep])
    out["holds_title"] = out["zi_stage"].isin(AWARDED_STAGES)
    names = unit_info({} if units is None else {"units": units})[["unit_key", "unit_name"]]
    out = out.merge(names, on="unit_key", how="left")
    out = out.assign(_rank=_stage_rank(out["zi_stage"])).sort_values(
        ["years_at_stage", "_rank", "unit"], ascending=[False, True, True])
    return out[columns].reset_index(drop=True)


def lke_by_unit(units: pd.DataFrame) -> pd.DataFrame:
    """Units with an LKE score, highest first."""
    scored = units.dropna(subset=["lke_score"])[
        ["unit_key", "unit_name", "eselon1", "zi_stage", "evaluation_year", "lke_score"]]
    return scored.sort_values(["lke_score", "unit_name"], ascending=[False, True],
                              ignore_index=True)


# --- headline ---------------------------------------------------------------------------

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
    units = table_of(tables, "units")
    per_unit = agents_per_unit(tables)
    modes = attendance_overall(tables)
    stages = stage_counts(units)
    lke = units["lke_score"].dropna()
    out: dict = {
        "agents": len(active_agents(tables)),
        "units": len(units),
        "units_with_agents": int(per_unit["has_agents"].sum()),
        "latest_event": latest_event(tables),
        "attendance": {str(m): int(n) for m, n in zip(modes["mode"], modes["agents"],
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
