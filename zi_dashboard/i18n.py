"""UI strings and number/date formatting in Bahasa Indonesia (`id`, default) and English (`en`)."""

from __future__ import annotations

import datetime as dt
import math

from zi_dashboard.strings import PAGE_STRINGS

__all__ = [
    "LANGS",
    "MONTHS_EN",
    "MONTHS_ID",
    "format_date",
    "format_delta",
    "format_number",
    "format_pct",
    "t",
]

LANGS = {"id": "Bahasa Indonesia", "en": "English"}

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# key → (Bahasa Indonesia, English). Strings may hold {placeholders} filled by `t(**params)`.
STRINGS: dict[str, tuple[str, str]] = {
    "app.title": ("Dasbor Zona Integritas", "Zona Integritas Dashboard"),
    "app.subtitle": ("Agen Perubahan dan pembangunan Zona Integritas menuju WBK/WBBM",
                     "Agents of change and the road to WBK/WBBM"),
    "app.data_line": ("Data per {date} · versi {version}", "Data as of {date} · version {version}"),
    "app.no_data": ("Belum ada data. Admin dapat mengunggah roster di halaman Unggah Data.",
                    "No data yet. An admin can upload rosters on the Upload Data page."),
    "app.source": ("Sumber: Dasbor ZI, versi data {version}", "Source: ZI Dashboard, data version {version}"),
    "app.language": ("Bahasa", "Language"),
    "kpi.agents": ("Agen perubahan", "Agents of change"),
    "kpi.units": ("Unit kerja", "Work units"),
    "kpi.units_with_agents": ("Unit dengan agen", "Units with agents"),
    "kpi.tatap_muka": ("Tatap muka", "In person"),
    "kpi.virtual": ("Virtual", "Virtual"),
    "kpi.wbk": ("Unit WBK", "WBK units"),
    "kpi.wbbm": ("Unit WBBM", "WBBM units"),
    "kpi.mean_lke": ("Rata-rata nilai LKE", "Mean LKE score"),
    "unit.agents": ("agen", "agents"),
    "unit.units": ("unit", "units"),
    "unit.points": ("poin", "points"),
    # Charts, metrics and filters (charts.py, theme.py, filters.py).
    "chart.agents_per_eselon1.title": ("Agen perubahan per Eselon I",
                                       "Agents of change per Echelon I"),
    "chart.agents_per_unit.title": ("Agen perubahan per unit kerja",
                                    "Agents of change per work unit"),
    "chart.treemap.title": ("Sebaran agen: Eselon I dan unit kerja",
                            "Agents by Echelon I and work unit"),
    "chart.agents_by.gender.title": ("Agen menurut jenis kelamin", "Agents by gender"),
    "chart.agents_by.rank.title": ("Agen menurut pangkat/golongan", "Agents by rank"),
    "chart.agents_by.appointed_year.title": ("Agen menurut tahun penetapan",
                                             "Agents by year appointed"),
    "chart.agents_by.position.title": ("Agen menurut jabatan", "Agents by position"),
    "chart.attendance.title": ("Mode kehadiran lokakarya", "Workshop attendance mode"),
    "chart.attendance.title_event": ("Mode kehadiran: {event}", "Attendance mode: {event}"),
    "chart.attendance_by.eselon1.title": ("Mode kehadiran per Eselon I",
                                          "Attendance mode per Echelon I"),
    "chart.attendance_by.unit_key.title": ("Mode kehadiran per unit kerja",
                                           "Attendance mode per work unit"),
    "chart.attendance_by_event.title": ("Kehadiran per kegiatan dan hari",
                                        "Attendance per event and day"),
    "chart.stage_bar.title": ("Unit kerja per tahap ZI", "Work units per ZI stage"),
    "chart.stage_funnel.title": ("Unit yang telah mencapai tiap tahap ZI",
                                 "Units that reached each ZI stage"),
    "chart.stages_by_eselon1.title": ("Tahap ZI per Eselon I", "ZI stages per Echelon I"),
    "chart.stage_movement.title": ("Tahap ZI dari tahun ke tahun", "ZI stages year by year"),
    "chart.lke.title": ("Nilai LKE per unit kerja", "LKE score per work unit"),
    "chart.area_heatmap.title": ("Nilai area pengungkit (% dari bobot)",
                                 "Enabler areas (% of weight)"),
    "chart.plan_status.title": ("Status rencana tindak lanjut (RTL)", "Action plan status"),
    "chart.plan_progress.unit_key.title": ("Progres RTL per unit kerja",
                                           "Action plan progress per work unit"),
    "chart.plan_progress.eselon1.title": ("Progres RTL per Eselon I",
                                          "Action plan progress per Echelon I"),
    "chart.axis.agents": ("Jumlah agen", "Number of agents"),
    "chart.axis.units": ("Jumlah unit", "Number of units"),
    "chart.axis.share": ("Persentase agen", "Share of agents"),
    "chart.axis.year": ("Tahun", "Year"),
    "chart.axis.lke": ("Nilai LKE (0–100)", "LKE score (0–100)"),
    "chart.axis.area_pct": ("Capaian (% dari bobot)", "Score (% of weight)"),
    "chart.axis.plans": ("Jumlah RTL", "Number of action plans"),
    "chart.axis.progress": ("Rata-rata progres (%)", "Mean progress (%)"),
    "chart.hover.share": ("Persentase", "Share"),
    "chart.hover.area": ("Area", "Area"),
    "chart.hover.done": ("Selesai", "Done"),
    "chart.legend.mode": ("Mode kehadiran", "Attendance mode"),
    "chart.legend.stage": ("Tahap ZI", "ZI stage"),
    "chart.legend.status": ("Status RTL", "Plan status"),
    "chart.needed": ("Kebutuhan agen", "Agents needed"),
    "chart.others": ("Lainnya ({n} unit)", "Others ({n} units)"),
    "chart.unknown": ("Tidak diketahui", "Unknown"),
    "chart.no_data": ("Tidak ada data untuk filter ini.", "No data for these filters."),
    "chart.view_data": ("Lihat data", "View data"),
    "chart.kind.bar": ("Diagram batang", "Bar chart"),
    "chart.kind.stacked": ("Diagram batang bertumpuk", "Stacked bar chart"),
    "chart.kind.donut": ("Diagram donat", "Donut chart"),
    "chart.kind.funnel": ("Diagram corong", "Funnel chart"),
    "chart.alt.empty": ("{title}: tidak ada data untuk filter ini.",
                        "{title}: no data for these filters."),
    "chart.alt.ranked": ("{kind}: {title}. {n} batang; tertinggi {top} ({top_value}), "
                         "terendah {low} ({low_value}).",
                         "{kind}: {title}. {n} bars; highest {top} ({top_value}), "
                         "lowest {low} ({low_value})."),
    "chart.alt.parts": ("{kind}: {title}. {parts}.", "{kind}: {title}. {parts}."),
    "chart.alt.treemap": ("Peta pohon: {title}. {groups} Eselon I, {units} unit kerja; terbesar "
                          "{top} ({top_value} agen).",
                          "Treemap: {title}. {groups} Echelon I groups, {units} work units; "
                          "largest {top} ({top_value} agents)."),
    "chart.alt.stacked": ("Diagram batang 100 %: {title}. {n} baris; persentase {mode} "
                          "tertinggi: {top} ({value}).",
                          "100% stacked bar chart: {title}. {n} rows; highest {mode} share: "
                          "{top} ({value})."),
    "chart.alt.thresholds": ("{n_wbk} unit bernilai ≥ {wbk} (WBK), {n_wbbm} unit ≥ {wbbm} (WBBM).",
                             "{n_wbk} units score ≥ {wbk} (WBK), {n_wbbm} units ≥ {wbbm} (WBBM)."),
    "chart.alt.heatmap": ("Peta panas: {title}. {units} unit × {areas} area; nilai {low}–{high} "
                          "% dari bobot.",
                          "Heatmap: {title}. {units} units × {areas} areas; values {low}–{high}% "
                          "of weight."),
    "filter.title": ("Filter", "Filters"),
    "filter.eselon1": ("Eselon I", "Echelon I"),
    "filter.unit_type": ("Jenis unit", "Unit type"),
    "filter.province": ("Provinsi", "Province"),
    "filter.zi_stage": ("Tahap ZI", "ZI stage"),
    "filter.unit": ("Unit kerja", "Work unit"),
    "filter.all": ("Semua", "All"),
    "filter.clear": ("Hapus filter", "Clear filters"),
    "filter.all_data": ("Semua data", "All data"),
}
STRINGS.update(PAGE_STRINGS)


def t(key: str, lang: str = "id", **params: object) -> str:
    """The UI string `key` in `lang`, with `params` filled in; the key itself if unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text


def format_number(value: float | int | None, lang: str = "id", decimals: int = 0) -> str:
    """1234.5 → '1.234,5' (id) or '1,234.5' (en); missing values → '–'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_pct(value: float | None, lang: str = "id", decimals: int = 1) -> str:
    """A share (0.098) → '9,8 %' (id) or '9.8%' (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = format_number(value * 100, lang, decimals)
    return f"{number} %" if lang == "id" else f"{number}%"


def format_delta(value: float | int, lang: str = "id", decimals: int = 0) -> str:
    """A signed change: +26 / −3."""
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return sign + format_number(abs(value), lang, decimals)


def format_date(value: dt.date | dt.datetime | None, lang: str = "id") -> str:
    """4 Agustus 2020 (id) or 4 August 2020 (en)."""
    if value is None:
        return "–"
    months = MONTHS_EN if lang == "en" else MONTHS_ID
    return f"{value.day} {months[value.month - 1]} {value.year}"
