"""Per-unit fact sheets: what each unit's page says, and the ZIP of one PDF per unit."""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from zi_dashboard import factsheet_pdf, metrics, rules, schema
from zi_dashboard.i18n import format_date, t

__all__ = ["AreaScore", "UnitFacts", "build_unit_sheets", "sheet_names", "slugify", "unit_facts"]

Tables = Mapping[str, pd.DataFrame]
Progress = Callable[[float, str], None]
_MODES = tuple(schema.ATTENDANCE_MODES.keys())


@dataclass(frozen=True)
class AreaScore:
    """One pengungkit area of a unit: score, weight and the minimum shares of the rule set."""

    area: str
    score: float | None
    weight: float
    wbk_share: float | None  # minimum as a fraction of the weight; None when the rules set none
    wbbm_share: float | None

    @property
    def pct(self) -> float | None:
        return None if self.score is None else self.score / self.weight * 100


@dataclass(frozen=True)
class UnitFacts:
    """Everything one fact sheet shows about a unit, as plain data."""

    unit_key: str
    unit_name: str
    eselon1: str
    unit_type: str
    city: str
    province: str
    zi_stage: str | None
    stage_year: int | None
    lke_score: float | None
    rule_set: rules.RuleSet
    check: rules.UnitCheck
    areas: tuple[AreaScore, ...]
    agents: tuple[tuple[str, str, str, str | None], ...]  # (name, position, rank, mode)
    agents_needed: int | None
    event: str | None
    plans: int
    plans_done: int
    plans_overdue: int
    mean_progress: float | None

    def minimum(self, target: str, key: str = "lke_score") -> float | None:
        """The rule set's WBK or WBBM minimum for `key` (the total by default), if it has one."""
        return _minimum(self.rule_set, target, key)

    def attendance(self) -> dict[str | None, int]:
        """Agents per attendance mode at the event (None: no record), every mode present."""
        counts: dict[str | None, int] = {m: 0 for m in (*_MODES, None)}
        for *_, mode in self.agents:
            counts[mode if mode in _MODES else None] += 1
        return counts


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _number(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _minimum(rule_set: rules.RuleSet, target: str, key: str) -> float | None:
    found = [m.value for m in rule_set.minima(target) if m.key == key]
    return found[0] if found else None


def _areas(row: Mapping, rule_set: rules.RuleSet) -> tuple[AreaScore, ...]:
    out = []
    for area, weight in rule_set.area_weights.items():
        wbk, wbbm = _minimum(rule_set, "wbk", area), _minimum(rule_set, "wbbm", area)
        out.append(AreaScore(area, _number(row.get(area)), weight,
                             None if wbk is None else wbk / weight,
                             None if wbbm is None else wbbm / weight))
    return tuple(out)


def _latest_modes(tables: Tables) -> tuple[str | None, dict[str, str]]:
    """The latest event and each agent's mode there (in person beats virtual beats absent)."""
    listed = metrics.events(tables)
    if listed.empty:
        return None, {}
    event = str(listed["event"].iloc[-1])
    att = tables["attendance"]
    att = att[(att["event"] == event) & att["mode"].isin(_MODES)]
    # The same rule as metrics: attending one day in person is attending in person.
    rank = att["mode"].map({m: i for i, m in enumerate(_MODES)})
    best = att.assign(_rank=rank).sort_values("_rank", kind="stable").drop_duplicates("nip")
    return event, dict(zip(best["nip"], best["mode"], strict=True))


def unit_facts(tables: Tables, *, today: dt.date) -> list[UnitFacts]:
    """One UnitFacts per unit, in the units table's order; plans overdue as of `today`."""
    units = tables["units"]
    event, modes = _latest_modes(tables)
    agents = metrics.active_agents(tables).sort_values("name", kind="stable")
    by_unit: dict[str, list] = {}
    for key, nip, *texts in zip(*(agents[c] for c in ("unit_key", "nip", "name", "position",
                                                       "rank")), strict=True):
        by_unit.setdefault(key, []).append((*map(_text, texts), modes.get(nip)))
    progress = metrics.plan_progress(tables, "unit_key").set_index("unit_key")
    overdue = metrics.overdue_plans(tables, today).groupby("unit_key").size()
    facts = []
    for row in units.to_dict("records"):
        key = row["unit_key"]
        rule_set = rules.rule_set_for_year(row.get("stage_year"))
        plans = progress.loc[key] if key in progress.index else None
        facts.append(UnitFacts(
            unit_key=key, unit_name=_text(row["unit_name"]), eselon1=_text(row["eselon1"]),
            unit_type=_text(row.get("unit_type")), city=_text(row.get("city")),
            province=_text(row.get("province")), zi_stage=_text(row.get("zi_stage")) or None,
            stage_year=None if pd.isna(row.get("stage_year")) else int(row["stage_year"]),
            lke_score=_number(row.get("lke_score")), rule_set=rule_set,
            check=rules.check_unit(row, rule_set), areas=_areas(row, rule_set),
            agents=tuple(by_unit.get(key, ())),
            agents_needed=None if pd.isna(row.get("agents_needed")) else int(row["agents_needed"]),
            event=event, plans=0 if plans is None else int(plans["plans"]),
            plans_done=0 if plans is None else int(plans["done"]),
            plans_overdue=int(overdue.get(key, 0)),
            mean_progress=None if plans is None else _number(plans["mean_progress"])))
    return facts


def slugify(text: str, max_length: int = 60) -> str:
    """'Balai Besar "Inten Suweno" Cibinong' → 'balai-besar-inten-suweno-cibinong'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:  # cut at a word boundary when there is one
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug or "unit"


def sheet_names(facts: list[UnitFacts]) -> list[str]:
    """`001_biro-perencanaan.pdf` …: numbered in order, so equal names stay apart."""
    digits = max(3, len(str(len(facts))))
    return [f"{i:0{digits}d}_{slugify(f.unit_name)}.pdf" for i, f in enumerate(facts, 1)]


def _used_chars(tables: Tables) -> set[str]:
    chars = set(factsheet_pdf.BASE_CHARS)
    for name, columns in (("units", ("unit_name", "eselon1", "unit_type", "city", "province")),
                          ("agents", ("name", "position")), ("attendance", ("event",))):
        frame = tables.get(name)
        for column in columns if frame is not None else ():
            chars.update("".join(frame[column].dropna().astype(str).unique()))
    return chars


def build_unit_sheets(tables: Tables, *, version_id: int, created_at: dt.datetime | dt.date,
                      lang: str = "id", progress: Progress | None = None,
                      today: dt.date | None = None, combined: bool = True) -> bytes:
    """A ZIP with one single-page PDF per unit (and, with `combined`, all of them in one PDF)."""
    report = progress if progress is not None else (lambda fraction, label: None)
    today = today or dt.date.today()
    facts = unit_facts(tables, today=today)
    footer = (f"{t('app.source', lang, version=version_id)} · "
              f"{t('app.data_line', lang, date=format_date(created_at, lang), version=version_id)}")
    title = t("factsheet.kind", lang)
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="zi-fonts-") as directory, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        fonts = factsheet_pdf.subset_fonts(Path(directory), _used_chars(tables))
        steps = len(facts) + (1 if combined else 0)
        for i, (name, f) in enumerate(zip(sheet_names(facts), facts, strict=True)):
            report(i / max(steps, 1), f.unit_name)
            pdf = factsheet_pdf.new_pdf(fonts, footer, lang, f"{title}: {f.unit_name}")
            factsheet_pdf.draw_sheet(pdf, f, lang, today)
            archive.writestr(name, bytes(pdf.output()))
        if combined and facts:
            report(len(facts) / steps, t("factsheet.all_units", lang))
            pdf = factsheet_pdf.new_pdf(fonts, footer, lang, title)
            for f in facts:
                factsheet_pdf.draw_sheet(pdf, f, lang, today)
            archive.writestr(f"{t('factsheet.all_units', lang)}.pdf", bytes(pdf.output()))
    report(1.0, "")
    return buffer.getvalue()
