"""Display-ready data for pages: KPI cards and tables with labelled columns in the UI language."""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping

import pandas as pd

from zi_dashboard.analysis import years
from zi_dashboard.domain import attendance, schema
from zi_dashboard.i18n import format_delta, format_number, format_pct, t

__all__ = [
    "ENUM_COLUMNS",
    "TABLE_COLUMNS",
    "TABLE_ROWS",
    "agents_view",
    "check_cards",
    "export_frames",
    "first_rows",
    "kpi_cards",
    "label_table",
    "picked_units",
    "plan_cards",
    "ready_to_propose",
    "with_award_years",
]

# Coded columns and the enum whose labels they show (here and in present.chart_tables).
ENUM_COLUMNS = {
    "zi_stage": schema.STAGES, "target_stage": schema.STAGES, "mode": schema.ATTENDANCE_MODES,
    "attendance_mode": schema.ATTENDANCE_MODES, "gender": schema.GENDERS,
    "status": schema.AGENT_STATUSES, "plan_status": schema.PLAN_STATUSES,
    "integrated": schema.YES_NO,
}

# Rows a page table shows at most: a browser table of 100,000 agents costs seconds each rerun
# and helps no reader; the search, the filters and the sidebar download reach the rest.
TABLE_ROWS = 1_000

# Which columns each table shows, in order. Labels come from `col.<name>` strings.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "agents": ("nip", "name", "unit_name", "eselon1", "gender", "rank", "position",
               "appointed_year", "attendance_mode", "status"),
    "units_without_agents": ("unit_name", "eselon1", "unit_type", "province", "agents_needed"),
    "absent": ("nip", "name", "unit_name", "eselon1", "mode"),
    "per_unit": ("unit_name", "eselon1", "agents", "agents_needed", "gap"),
    "checks": ("unit_name", "eselon1", "zi_stage", "award_year", "award_year_derived",
               "evaluation_year", "rule_set", "lke_score", "wbk_eligible", "wbbm_eligible",
               "wbk_gaps"),
    "gaps": ("unit_name", "eselon1", "missed", "points_needed"),
    "stalled": ("unit_name", "zi_stage", "since_year", "years_at_stage"),
    "overdue": ("title", "unit_name", "eselon1", "plan_status", "due_date", "days_overdue",
                "progress_pct"),
    "reform": ("unit_name", "eselon1", "agents", "plans_done", "changes_per_agent",
               "integrated_share"),
    "progress": ("unit_name", "eselon1", "plans", "done", "done_share", "mean_progress"),
}


def first_rows(frame: pd.DataFrame, n: int = TABLE_ROWS) -> pd.DataFrame:
    """The rows a page table shows (TABLE_ROWS at most; the order is the frame's)."""
    return frame.head(n)


def label_table(frame: pd.DataFrame, table: str, lang: str,
                rename: Mapping[str, str] | None = None, hide: Collection[str] = ()
                ) -> pd.DataFrame:
    """The columns of `table` in order (less `hide`), enum keys as labels, headers in the UI
    language."""
    frame = frame.rename(columns=dict(rename or {}))
    columns = [c for c in TABLE_COLUMNS[table] if c in frame.columns and c not in hide]
    out = frame[columns].copy()
    for column in columns:
        enum = ENUM_COLUMNS.get(column)
        if enum is not None:
            out[column] = enum.labels(out[column], lang)
    return out.rename(columns={c: t(f"col.{c}", lang) for c in columns})


def _delta_text(delta: Mapping | None, lang: str, decimals: int = 0) -> str | None:
    if not delta or delta.get("abs") in (None, 0):
        return None
    text = format_delta(delta["abs"], lang, decimals)
    if delta.get("pct") is not None:
        text += f" ({'+' if delta['pct'] > 0 else ''}{format_pct(delta['pct'], lang)})"
    # st.metric reads a fall from a leading ASCII '-'; the typographic minus reads as a rise.
    return text.replace("−", "-")


def kpi_cards(head: Mapping, lang: str) -> list[dict]:
    """The Ringkasan KPI cards from `metrics.headline`, with deltas against the previous version."""
    delta = head.get("delta") or {}
    present = sum(head.get(mode, 0) for mode in attendance.ATTENDED)
    share = (lambda n: t("kpi.share_of_present", lang, share=format_pct(n / present, lang))
             ) if present else (lambda n: None)
    return [
        {"label": t("kpi.agents", lang), "value": format_number(head["agents"], lang),
         "delta": _delta_text(delta.get("agents"), lang), "help": t("kpi.agents_help", lang)},
        {"label": t("kpi.units", lang), "value": format_number(head["units"], lang),
         "delta": _delta_text(delta.get("units"), lang)},
        {"label": t("kpi.units_with_agents", lang),
         "value": format_number(head["units_with_agents"], lang),
         "delta": _delta_text(delta.get("units_with_agents"), lang)},
        {"label": t("kpi.tatap_muka", lang), "value": format_number(head.get("tatap_muka", 0), lang),
         "help": share(head.get("tatap_muka", 0)), "delta": _delta_text(delta.get("tatap_muka"), lang)},
        {"label": t("kpi.virtual", lang), "value": format_number(head.get("virtual", 0), lang),
         "help": share(head.get("virtual", 0)), "delta": _delta_text(delta.get("virtual"), lang)},
        {"label": t("kpi.wbk", lang), "value": format_number(head["wbk"], lang),
         "delta": _delta_text(delta.get("wbk"), lang), "help": t("kpi.wbk_help", lang)},
        {"label": t("kpi.wbbm", lang), "value": format_number(head["wbbm"], lang),
         "delta": _delta_text(delta.get("wbbm"), lang)},
        {"label": t("kpi.mean_lke", lang), "value": format_number(head["mean_lke"], lang, 1),
         "delta": _delta_text(delta.get("mean_lke"), lang, 1)},
    ]


def picked_units(event: Mapping | None, per_unit: pd.DataFrame) -> list[str] | None:
    """Unit keys picked by a click on the Eselon I → unit treemap (None when nothing is picked).

    Streamlit reports a treemap click with the tile's id: "unit:<unit_key>" or "eselon1:<name>"
    (charts.treemap_eselon1_unit); customdata is read too, for other chart versions.
    """
    points = ((event or {}).get("selection") or {}).get("points") or []
    keys: list[str] = []
    for point in points:
        kind, _, value = str(point.get("id") or "").partition(":")
        data = point.get("customdata") or []
        if not value and len(data) >= 3:  # custom data is escaped for Plotly (&lt;, &amp;)
            kind, value = data[2], html.unescape(str(data[0] if data[2] == "unit" else data[1]))
        if kind == "unit" and value:
            keys.append(value)
        elif kind in ("eselon1", "others") and value:  # a folded tile: its Eselon I's units
            keys += per_unit.loc[per_unit["eselon1"] == value, "unit_key"].astype(str).tolist()
    return list(dict.fromkeys(keys)) or None


def agents_view(tables: Mapping[str, pd.DataFrame], query: str = "",
                hide: Collection[str] = ()) -> pd.DataFrame:
    """Agents with their unit's name and Eselon I, narrowed by a free-text search; the `hide`
    columns (what the session may not see) are left out and not searched."""
    units = tables["units"][["unit_key", "unit_name", "eselon1"]]
    agents = tables["agents"].drop(columns=["eselon1", *[c for c in hide if c != "eselon1"]],
                                   errors="ignore").merge(units, on="unit_key", how="left")
    order = [c for c in ("eselon1", "unit_name", "name") if c in agents]
    agents = agents.sort_values(order, ignore_index=True)
    words = query.strip().lower().split()
    if not words:
        return agents
    searched = [c for c in ("nip", "name", "unit_name", "eselon1", "position") if c in agents]
    haystack = agents[searched].astype(str).agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=agents.index)
    for word in words:
        mask &= haystack.str.contains(word, regex=False)
    return agents[mask].reset_index(drop=True)


def check_cards(checks: pd.DataFrame, lang: str) -> list[dict]:
    """Counts of the rule check: units checked, eligible for WBK and WBBM, short of WBK."""
    scored = checks[checks["lke_score"].notna()]
    return [
        {"label": t("progres.scored", lang), "value": format_number(len(scored), lang)},
        {"label": t("progres.wbk_eligible", lang),
         "value": format_number(int(checks["wbk_eligible"].sum()), lang)},
        {"label": t("progres.wbbm_eligible", lang),
         "value": format_number(int(checks["wbbm_eligible"].sum()), lang)},
        {"label": t("progres.short_of_wbk", lang),
         "value": format_number(int((~scored["wbk_eligible"]).sum()), lang)},
    ]


# Stages before a WBK proposal: a unit here that meets every WBK minimum is ready to propose.
_BEFORE_PROPOSAL = ("pencanangan", "pembangunan", "penilaian_tpi")


def with_award_years(checks: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """rules.check_units rows with each unit's award year (blank ones from the ZI history)."""
    awards = years.award_years(tables)
    return checks.drop(columns=["award_year", "award_year_derived"], errors="ignore").merge(
        awards.drop_duplicates("unit_key"), on="unit_key", how="left")


def ready_to_propose(checks: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Units still building ZI whose scores already meet every WBK minimum, highest LKE score
    first (ties in the order of `checks`: so narrowing every unit's result to some units gives
    those units' own result, ui.page.run_units)."""
    stages = units[["unit_key", "zi_stage"]]
    merged = checks.drop(columns=["zi_stage"], errors="ignore").merge(stages, on="unit_key")
    ready = merged[merged["wbk_eligible"] & merged["zi_stage"].isin(_BEFORE_PROPOSAL)]
    return ready.sort_values("lke_score", ascending=False, ignore_index=True, kind="stable")


def plan_cards(tables: Mapping[str, pd.DataFrame], overdue: pd.DataFrame, lang: str) -> list[dict]:
    """Action-plan KPI cards: plans, done, in progress, overdue."""
    status = tables["action_plans"]["status"]
    done = int((status == "selesai").sum())
    total = len(status)
    return [
        {"label": t("rtl.plans", lang), "value": format_number(total, lang)},
        {"label": t("rtl.done", lang), "value": format_number(done, lang),
         "help": format_pct(done / total, lang) if total else None},
        {"label": t("rtl.running", lang), "value": format_number(int((status == "berjalan").sum()), lang)},
        {"label": t("rtl.overdue_kpi", lang), "value": format_number(len(overdue), lang),
         "delta_color": "inverse"},
    ]


def export_frames(tables: Mapping[str, pd.DataFrame], lang: str,
                  hide: Collection[str] = ()) -> dict[str, pd.DataFrame]:
    """Every non-empty dataset as a sheet: dataset label as the name, column labels as headers;
    the `hide` columns are left out."""
    frames = {}
    for name, spec in schema.DATASETS.items():
        frame = tables.get(name)
        if frame is None or frame.empty:
            continue
        columns = [c.name for c in spec.columns if c.name in frame.columns and c.name not in hide]
        out = frame[columns].copy()
        for column in columns:
            enum_name = spec.column(column).enum
            if enum_name:
                out[column] = schema.ENUMS[enum_name].labels(out[column], lang)
        frames[spec.label(lang)] = out.rename(columns={c: spec.column(c).label(lang)
                                                       for c in columns})
    return frames
