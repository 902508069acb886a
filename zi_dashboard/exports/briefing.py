"""The briefing pack's content: which charts, their native-chart data and one-sentence narratives."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd

from zi_dashboard import charts
from zi_dashboard.analysis import action_plans, metrics, years
from zi_dashboard.analysis.frames import Tables
from zi_dashboard.domain import rules, schema
from zi_dashboard.exports import factsheet
from zi_dashboard.exports.deck import Deck, DeckItem, build_png_zip, build_pptx
from zi_dashboard.exports.deck_pdf import build_pdf
from zi_dashboard.exports.images import ImageExporter
from zi_dashboard.i18n import format_date, format_delta, format_number, format_pct, t
from zi_dashboard.i18n.format import DEFAULT_ZONE, format_as_of
from zi_dashboard.present import gaps

__all__ = ["FORMATS", "SECTIONS", "build_deck", "build_pack", "file_name", "narrative_wbk",
           "render", "render_unit_sheets"]

SECTIONS = ("ringkasan", "sebaran", "kehadiran", "progres", "rtl")
# Per-unit charts on a slide: beyond this many bars no label is readable (and at national
# scale, 10,000 bars make an image no browser renders in time), so the deck shows the top ones.
DECK_UNITS = 15
SINCE_GROUPS = 3  # groups a narrative lists: (stage, award year) or (evaluation year, rules)
# format → (file extension, MIME type)
FORMATS = {
    "pptx": ("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    "pdf": ("pdf", "application/pdf"),
    "png-zip": ("zip", "application/zip"),
    "unit-sheets": ("zip", "application/zip"),  # built from the tables: render_unit_sheets
}


def _n(value: float | int, lang: str, decimals: int = 0) -> str:
    return format_number(value, lang, decimals)


def _since_text(tables: Tables, lang: str) -> str:
    """' WBK sejak 2017: Direktorat Rehabilitasi Sosial Anak.' per stage and award year."""
    groups = years.since_groups(tables, metrics.AWARDED_STAGES, lang)
    sentences = []
    for since, names, more in groups[:SINCE_GROUPS]:
        listed = ", ".join(names)
        if more:
            listed = t("brief.more_units", lang, units=listed, n=_n(more, lang))
        sentences.append(t("brief.since_group", lang, since=since, units=listed))
    rest = sum(len(names) + more for _, names, more in groups[SINCE_GROUPS:])
    if rest:  # a slide holds a few lines: the other years are counted, not listed
        sentences.append(t("brief.since_more", lang, n=_n(rest, lang)))
    return "".join(f" {s}" for s in sentences)


def _evaluated_text(scored: pd.DataFrame, lang: str) -> str:
    """' 69 unit dinilai 2020 (PermenPANRB 10/2019).' per evaluation year, oldest first."""
    evaluated = pd.Series(pd.array(scored["evaluation_year"], dtype="Int64"), index=scored.index)
    groups = scored.groupby([evaluated, scored["rule_set"]], dropna=False, sort=True).size()
    sentences = [t("brief.evaluated", lang, n=_n(int(n), lang), evaluated=years.evaluated_text(
        None if pd.isna(year) else int(year), rules.rule_set(key), lang))
        for (year, key), n in groups.items()]
    return "".join(f" {s}" for s in sentences[:SINCE_GROUPS])


def narrative_wbk(tables: Tables, previous: Tables | None, lang: str) -> str:
    """'12 dari 81 unit telah meraih WBK, 3 di antaranya sejak versi sebelumnya. WBK sejak …'"""
    units = tables["units"]
    awarded = units.loc[units["zi_stage"].isin(metrics.AWARDED_STAGES), "unit_key"]
    text = t("brief.wbk", lang, n=_n(len(awarded), lang), total=_n(len(units), lang))
    if previous is not None:
        before = previous["units"]
        had = set(before.loc[before["zi_stage"].isin(metrics.AWARDED_STAGES), "unit_key"])
        new = len(set(awarded) - had)
        text += t("brief.wbk_new", lang, n=_n(new, lang)) if new else ""
    return text + "." + _since_text(tables, lang)


def _ringkasan(tables: Tables, previous: Tables | None, lang: str, source: str) -> list[DeckItem]:
    head = metrics.headline(tables, previous)
    delta = (head.get("delta") or {}).get("agents")
    text = t("brief.agents", lang, agents=_n(head["agents"], lang), units=_n(head["units_with_agents"], lang))
    if delta and delta["abs"]:
        text += t("brief.agents_delta", lang, delta=format_delta(delta["abs"], lang),
                  pct=format_pct(delta["pct"], lang) if delta["pct"] is not None else "–")
    data = metrics.agents_per_eselon1(tables)
    native = pd.DataFrame({"eselon1": data["eselon1"], t("kpi.agents", lang): data["agents"]})
    return [DeckItem("ringkasan_eselon1", t("chart.agents_per_eselon1.title", lang), text + ".",
                     charts.agents_per_eselon1_bar(data, lang, source=source), "barh", native)]


def _sebaran(tables: Tables, previous: Tables | None, lang: str, source: str) -> list[DeckItem]:
    per_unit = metrics.agents_per_unit(tables)
    missing = int((~per_unit["has_agents"]).sum())
    top = per_unit.head(15)
    text = t("brief.top_unit", lang, unit=str(top["unit_name"].iloc[0]),
             n=_n(int(top["agents"].iloc[0]), lang)) if len(top) else t("brief.none", lang)
    text += t("brief.missing_units", lang, n=_n(missing, lang)) if missing else "."
    gender = metrics.agents_by(tables, "gender").dropna(subset=["gender"])
    gender_native = pd.DataFrame({"gender": schema.GENDERS.labels(gender["gender"], lang).astype(str),
                                  t("kpi.agents", lang): gender["agents"]})
    women = gender.loc[gender["gender"] == "P", "share"].sum()
    # At national scale the small units share a tile per Eselon I (charts.agents).
    treemap = charts.treemap_eselon1_unit(per_unit, lang, source=source)
    treemap_alt = charts.alt_text(treemap)
    return [
        DeckItem("sebaran_unit", t("brief.top15_title", lang), text,
                 # Only the 15: an "others" bar of every other unit would dwarf them.
                 charts.agents_per_unit_bar(top, lang, source=source), "barh",
                 pd.DataFrame({"unit": top["unit_name"], t("kpi.agents", lang): top["agents"]})),
        DeckItem("sebaran_treemap", t("chart.treemap.title", lang), text, treemap, "image",
                 alt=treemap_alt),
        DeckItem("sebaran_gender", t("chart.agents_by.gender.title", lang),
                 t("brief.gender", lang, share=format_pct(women, lang)),
                 charts.agents_by_bar(gender, "gender", lang, source=source), "pie", gender_native),
    ]


def _kehadiran(tables: Tables, previous: Tables | None, lang: str, source: str) -> list[DeckItem]:
    overall = metrics.attendance_overall(tables)
    if overall.empty:
        return []
    counts = dict(zip(overall["mode"], overall["agents"], strict=True))
    event = metrics.latest_event(tables)
    text = t("brief.attendance", lang, event=event, tm=_n(counts.get("tatap_muka", 0), lang),
             virtual=_n(counts.get("virtual", 0), lang))
    native = pd.DataFrame({"mode": schema.ATTENDANCE_MODES.labels(overall["mode"], lang).astype(str),
                           t("kpi.agents", lang): overall["agents"]})
    by = metrics.attendance_by(tables, "eselon1")
    wide = by.pivot_table(index="eselon1", columns="mode", values="agents", aggfunc="sum",
                          fill_value=0, sort=False)
    wide = wide.loc[:, wide.sum() > 0]  # a mode nobody used only adds "0" labels
    wide.columns = [schema.ATTENDANCE_MODES.label(c, lang) for c in wide.columns]
    return [
        DeckItem("kehadiran", t("chart.attendance.title_event", lang, event=event), text,
                 charts.attendance_donut(overall, lang, event=event, source=source), "pie", native),
        DeckItem("kehadiran_eselon1", t("chart.attendance_by.eselon1.title", lang), text,
                 charts.attendance_stacked_100(by, lang, level="eselon1", source=source),
                 "stacked_bar_100", wide.reset_index()),
    ]


def _closest_text(units: pd.DataFrame, lang: str, n: int = 3) -> str:
    """" Terdekat ke WBK: Balai A (Total kurang 0,5); …": the units the fewest points short."""
    table = gaps.gap_table(units, "wbk", lang).dropna(subset=["points_needed"]).head(n)
    if table.empty:
        return ""
    named = "; ".join(f"{name} ({missed})" for name, missed in zip(
        table["unit_name"], table["missed"], strict=True))
    return " " + t("brief.closest", lang, units=named)


def _progres(tables: Tables, previous: Tables | None, lang: str, source: str) -> list[DeckItem]:
    units = tables["units"]
    wbk_text = narrative_wbk(tables, previous, lang)
    stages = metrics.stage_counts(units)
    native = pd.DataFrame({"stage": schema.STAGES.labels(stages["zi_stage"], lang).astype(str),
                           t("kpi.units", lang): stages["units"]})
    checks = rules.check_units(units)
    scored = checks[checks["lke_score"].notna()]
    short = int((~scored["wbk_eligible"]).sum())
    gaps_text = t("brief.short", lang, n=_n(short, lang), total=_n(len(scored), lang)) + (
        _evaluated_text(scored, lang)) + _closest_text(units, lang)
    lke = metrics.lke_by_unit(units)
    top = lke.head(DECK_UNITS)
    cut = len(lke) > DECK_UNITS
    lke_title = t("brief.lke_top_title", lang, n=_n(len(top), lang), total=_n(len(lke), lang)
                  ) if cut else t("chart.lke.title", lang)
    area_title = t("brief.heatmap_top_title", lang, n=_n(len(top), lang)) if cut else t(
        "brief.heatmap_title", lang)
    areas = rules.area_pct(units[units["unit_key"].isin(top["unit_key"])] if cut else units)
    return [
        DeckItem("progres_tahap", t("chart.stage_bar.title", lang), wbk_text,
                 charts.stage_bar(stages, lang, source=source), "bar", native),
        DeckItem("progres_corong", t("chart.stage_funnel.title", lang), wbk_text,
                 charts.stage_funnel(metrics.stage_funnel(units), lang, source=source), "image"),
        DeckItem("progres_lke", lke_title, gaps_text, charts.lke_bar(top, lang, source=source),
                 "image"),
        DeckItem("progres_area", area_title, gaps_text,
                 charts.area_heatmap(areas, lang, source=source), "image"),
    ]


def _rtl(tables: Tables, previous: Tables | None, lang: str, source: str) -> list[DeckItem]:
    plans = tables["action_plans"]
    if plans.empty:
        return []
    status = action_plans.plan_status_counts(tables).dropna(subset=["status"])
    done = int(status.loc[status["status"] == "selesai", "plans"].sum())
    text = t("brief.plans", lang, n=_n(len(plans), lang), done=_n(done, lang),
             share=format_pct(done / len(plans), lang))
    native = pd.DataFrame({"status": schema.PLAN_STATUSES.labels(status["status"], lang).astype(str),
                           t("rtl.plans", lang): status["plans"]})
    progress = action_plans.plan_progress(tables, "eselon1")
    return [
        DeckItem("rtl_status", t("chart.plan_status.title", lang), text,
                 charts.plan_status_bar(status, lang, source=source), "bar", native),
        DeckItem("rtl_eselon1", t("chart.plan_progress.eselon1.title", lang), text,
                 charts.plan_progress_bar(progress, lang, level="eselon1", source=source), "barh",
                 pd.DataFrame({"eselon1": progress["eselon1"],
                               t("col.mean_progress", lang): progress["mean_progress"].round(1)}),
                 number_format="0.0"),
    ]


_BUILDERS: dict[str, Callable[..., list[DeckItem]]] = {
    "ringkasan": _ringkasan, "sebaran": _sebaran, "kehadiran": _kehadiran, "progres": _progres,
    "rtl": _rtl,
}


def build_deck(tables: Tables, previous: Tables | None, *, version_id: int, created_at,
               filters_text: str, lang: str = "id",
               sections: Sequence[str] = SECTIONS, zone: str = DEFAULT_ZONE) -> Deck:
    """The briefing for the given (filtered) tables: one item per chart, grouped by section.
    The version's time is shown in `zone` (the viewer's), the zone named."""
    source = t("app.source", lang, version=version_id)
    grouped = []
    for section in (s for s in SECTIONS if s in sections):
        items = _BUILDERS[section](tables, previous, lang, source)
        for item in items:
            item.alt = item.alt or charts.alt_text(item.figure)
        if items:
            grouped.append((t(f"brief.section.{section}", lang), items))
    return Deck(
        title=t("brief.title", lang),
        organisation=t("brief.organisation", lang),
        date_text=format_date(created_at, lang, zone),
        version_text=t("app.data_line", lang, date=format_as_of(created_at, lang, zone),
                       version=version_id),
        filters_text=filters_text,
        source_text=source,
        lang=lang,
        items=[item for _, items in grouped for item in items],
        sections=grouped,
    )


def render(deck: Deck, fmt: str, exporter: ImageExporter | None,
           progress: Callable[[float, str], None] | None = None) -> bytes:
    """The deck in one of FORMATS."""
    if fmt == "pptx":
        return build_pptx(deck, exporter, progress)
    if fmt == "pdf":
        return build_pdf(deck, exporter, progress)
    if fmt == "png-zip":
        if exporter is None:
            raise ValueError("a PNG ZIP needs the image exporter")
        return build_png_zip(deck, exporter, progress)
    if fmt == "unit-sheets":
        raise ValueError("unit sheets are built from the tables: call render_unit_sheets")
    raise ValueError(f"unknown briefing format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_unit_sheets(tables: Tables, *, version_id: int, created_at, lang: str = "id",
                       progress: Callable[[float, str], None] | None = None,
                       zone: str = DEFAULT_ZONE) -> bytes:
    """One fact-sheet PDF per unit of the (filtered) tables, and all of them in one, as a ZIP."""
    return factsheet.build_unit_sheets(tables, version_id=version_id, created_at=created_at,
                                       lang=lang, progress=progress, zone=zone)


def build_pack(fmt: str, tables: Tables, previous: Tables | None, *, version_id: int,
               created_at, filters_text: str, lang: str = "id",
               sections: Sequence[str] = SECTIONS, exporter: ImageExporter | None = None,
               progress: Callable[[float, str], None] | None = None,
               zone: str = DEFAULT_ZONE) -> bytes:
    """Any format of FORMATS from the tables: what the page and the CLI both call; times are
    shown in `zone` (the viewer's, or ZI_TIMEZONE in the CLI)."""
    if fmt == "unit-sheets":
        return render_unit_sheets(tables, version_id=version_id, created_at=created_at,
                                  lang=lang, progress=progress, zone=zone)
    deck = build_deck(tables, previous, version_id=version_id, created_at=created_at,
                      filters_text=filters_text, lang=lang, sections=sections, zone=zone)
    return render(deck, fmt, exporter, progress)


def file_name(fmt: str, version_id: int, lang: str = "id") -> str:
    """briefing_zi_v3.pptx; fakta_unit_zi_v3.zip for the unit sheets."""
    if fmt == "unit-sheets":
        return t("brief.unit_sheets_file", lang, version=version_id)
    return f"briefing_zi_v{version_id}.{FORMATS[fmt][0]}"
