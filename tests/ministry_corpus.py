"""Ministry-shaped workbooks built in code: each layout and value variant of issue 9, alone and
combined, with the verdict expected for every row.

A case lists its sheets (rows from A1, merged ranges, hidden rows, hidden sheets), the rows each
dataset should end up with, and every issue the report should carry as (severity, code, row). The
expectations were worked out by hand from DOMAIN.md, not read back from the validator.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from openpyxl import Workbook

from tests.workbooks import NIP_L1, NIP_L2, NIP_L3, NIP_P1, NIP_P2, NIP_P3
from zi_dashboard.ingest.sources import SourceFile

Rows = list[list[object]]


@dataclass(frozen=True)
class Sheet:
    rows: Rows
    merges: tuple[str, ...] = ()
    hidden_rows: tuple[int, ...] = ()   # Excel row numbers
    hidden: bool = False


@dataclass(frozen=True)
class Case:
    name: str
    sheets: dict[str, Sheet]
    counts: dict[str, int]
    issues: tuple[tuple[str, str, int | None], ...]
    options: dict = field(default_factory=dict)
    # (dataset, column) → the column's values in the clean table, in row order.
    values: dict[tuple[str, str], list] = field(default_factory=dict)

    def source(self) -> SourceFile:
        return SourceFile(f"{self.name}.xlsx", workbook(self.sheets))


def workbook(sheets: dict[str, Sheet]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, spec in sheets.items():
        sheet = book.create_sheet(title)
        for row in spec.rows:
            sheet.append(row)
        for cells in spec.merges:
            sheet.merge_cells(cells)
        for number in spec.hidden_rows:
            sheet.row_dimensions[number].hidden = True
        if spec.hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def issues(*items: tuple[str, str, int | None]) -> tuple:
    """Expected issues as a multiset: sorted, repeats kept."""
    return tuple(sorted(items, key=repr))


UMUM, HUKUM = "Biro Umum", "Biro Hukum"
KARTINI = "Balai Rehabilitasi Sosial Penyandang Disabilitas Intelektual Kartini di Temanggung"
POLTEK = "Politeknik Kesejahteraan Sosial Bandung"
SETJEN, REHSOS, BP3S = ("Sekretariat Jenderal", "Direktorat Jenderal Rehabilitasi Sosial",
                        "Badan Pendidikan, Penelitian dan Penyuluhan Sosial")
UNITS_HEADER = ["Unit Kerja", "Eselon I", "Tahap ZI", "Tahun Penilaian"]
UNIT_ROWS = [[UMUM, SETJEN, "Pembangunan", 2020], [HUKUM, SETJEN, "Pembangunan", 2020],
             [KARTINI, REHSOS, "Pencanangan", 2020], [POLTEK, BP3S, "Pencanangan", 2020]]
UNITS = Sheet([UNITS_HEADER, *UNIT_ROWS])
TITLES = [["DAFTAR NOMINATIF AGEN PERUBAHAN"], ["KEMENTERIAN SOSIAL REPUBLIK INDONESIA"], []]

# Six agents: NIP, name, golongan, position, unit.
AGENTS = [
    (NIP_L1, "Andi Sanjaya, S.E., M.Si.", "III/a", "Analis Kebijakan", UMUM),
    (NIP_P1, "Dra. Rina Kartika", "III/b", "Pranata Humas", HUKUM),
    (NIP_L2, "Ir. Bambang Wijaya, M.T.", "IV/a", "Kepala Bagian", KARTINI),
    (NIP_P2, "Siti Aminah, S.Sos.", "III/c", "Pekerja Sosial", UMUM),
    (NIP_L3, "H. Ahmad Fauzi, S.H.", "IV/a", "Kepala Biro", HUKUM),
    (NIP_P3, "Nur Aisyah, S.Kom.", "III/a", "Pranata Komputer", POLTEK),
]
FLAT_HEADER = ["No", "NIP", "Nama", "Pangkat/Gol", "Jabatan", "Unit Kerja"]


def flat_agents(extra_header: list | None = None, extra: list[list] | None = None) -> Rows:
    """Title rows, a one-row header, the six agents (data from Excel row 5)."""
    header = FLAT_HEADER + (extra_header or [])
    rows = [[n, *agent, *(extra[n - 1] if extra else [])] for n, agent in enumerate(AGENTS, 1)]
    return [*TITLES, header, *rows]


def ticked_agents(ticks: list[tuple[object, object]]) -> Sheet:
    """Title rows, then a two-row header: Kehadiran merged over Tatap Muka | Virtual (rows 4–5),
    Pangkat/Gol merged over Gol. | TMT; the six agents from Excel row 6."""
    top = ["No", "NIP", "Nama", "Pangkat/Gol", None, "Jabatan", "Unit Kerja", "Kehadiran", None]
    sub = [None, None, None, "Gol.", "TMT", None, None, "Tatap Muka", "Virtual"]
    rows = [[n, nip, name, rank, "01/04/2019", position, unit, *ticks[n - 1]]
            for n, (nip, name, rank, position, unit) in enumerate(AGENTS, 1)]
    merges = ("A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:I4")
    return Sheet([*TITLES, top, sub, *rows], merges=merges)


def units_with(header_extra: list, values: list[list], rows: list[list] | None = None) -> Sheet:
    base = rows or UNIT_ROWS
    return Sheet([UNITS_HEADER + header_extra,
                  *[list(r) + list(v) for r, v in zip(base, values, strict=True)]])


# 90/2021 scores of a unit exactly at every WBK minimum (pengungkit 40 = the six areas below):
# total 75,00 = 40 + IPAK 15,75 + capaian 2,5 + IPKP 14,00 + 2,75 more in hasil? No: hasil is
# only IPAK + capaian + IPKP = 32,25, so the areas carry 42,75 to reach 75.
LKE_HEADER = ["Nilai LKE", "Manajemen Perubahan", "Penataan Tatalaksana",
              "Penataan Sistem Manajemen SDM", "Penguatan Akuntabilitas Kinerja",
              "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik"]
AT_WBK = [75, 6, "5,25", 8, 8, "9,5", 6]          # pengungkit 42,75 + hasil 32,25 = 75
SURVEY_HEADER = ["Indeks Persepsi Anti Korupsi (IPAK)", "Capaian Kinerja",
                 "Indeks Persepsi Kualitas Pelayanan (IPKP)"]

UNIT_ROWS_2022 = [[*r[:3], 2022] for r in UNIT_ROWS]   # judged under 90/2021

T, V = "tatap_muka", "virtual"
TICKS = [("✓", None), (None, "✓"), ("v", None), (None, "v"), (1, None), (None, "x")]
MODES_OF_TICKS = [T, V, T, V, T, V]

CASES: list[Case] = [
    Case("plain_roster", {"Unit": UNITS, "Agen": Sheet(flat_agents())},
         {"units": 4, "agents": 6}, issues()),
    Case("two_row_header_with_ticks", {"Unit": UNITS, "Agen": ticked_agents(TICKS)},
         {"units": 4, "agents": 6, "attendance": 6}, issues(),
         values={("agents", "attendance_mode"): MODES_OF_TICKS,
                 ("agents", "rank"): ["III/a", "III/b", "IV/a", "III/c", "IV/a", "III/a"]}),
    Case("ticks_both_marked", {"Unit": UNITS, "Agen": ticked_agents(
        [("✓", "✓"), *TICKS[1:]])}, {"units": 4, "agents": 6, "attendance": 5},
         issues(("warning", "ticks_conflict", 6)),
         values={("agents", "attendance_mode"): [None, *MODES_OF_TICKS[1:]]}),
    Case("ticks_none_marked", {"Unit": UNITS, "Agen": ticked_agents(
        [(None, None), *TICKS[1:]])}, {"units": 4, "agents": 6, "attendance": 5}, issues()),
    Case("jumlah_row", {"Unit": UNITS, "Agen": Sheet(
        [*flat_agents(), [None, "JUMLAH", 6, None, None, None]])},
         {"units": 4, "agents": 6}, issues(("info", "total_row_skipped", 11))),
    Case("total_row_in_first_column", {"Unit": UNITS, "Agen": Sheet(
        [*flat_agents(), ["TOTAL", None, "6 orang"]])},
         {"units": 4, "agents": 6}, issues(("info", "total_row_skipped", 11))),
    Case("jumlah_agen_row_on_units", {"Unit": Sheet(
        [UNITS_HEADER, *UNIT_ROWS, ["Jumlah Agen", None, None, None]]), "Agen": Sheet(
            flat_agents())}, {"units": 4, "agents": 6},
         issues(("info", "total_row_skipped", 6))),
    Case("recap_table_below", {"Unit": UNITS, "Agen": Sheet(
        [*flat_agents(), [], [], ["REKAP PER ESELON I"], ["Eselon I", "Jumlah"],
         [SETJEN, 4], [REHSOS, 1], [BP3S, 1]])},
         {"units": 4, "agents": 6}, issues(("info", "table_ignored", 13))),
    Case("recap_table_beside", {"Unit": UNITS, "Agen": Sheet(
        [*TITLES, FLAT_HEADER + [None, "Rekap", "Jumlah"],
         *[[n, *a, None, *r] for n, (a, r) in enumerate(zip(AGENTS, [
             [SETJEN, 4], [REHSOS, 1], [BP3S, 1], [], [], []], strict=True), 1)]])},
         {"units": 4, "agents": 6}, issues(("info", "table_ignored", 4))),
    Case("hidden_row_imported", {"Unit": UNITS, "Agen": Sheet(flat_agents(), hidden_rows=(7,))},
         {"units": 4, "agents": 6}, issues(("warning", "hidden_rows_imported", None))),
    Case("hidden_row_skipped", {"Unit": UNITS, "Agen": Sheet(flat_agents(), hidden_rows=(7,))},
         {"units": 4, "agents": 5}, issues(("info", "hidden_rows_skipped", None)),
         options={"skip_hidden": True}),
    Case("hidden_sheet_imported", {"Unit": UNITS, "Agen": Sheet(flat_agents()),
                                   "Lama": Sheet(flat_agents()[3:5], hidden=True)},
         {"units": 4, "agents": 6},
         issues(("warning", "hidden_sheet_imported", None), ("error", "duplicate_nip", 2))),
    Case("hidden_sheet_skipped", {"Unit": UNITS, "Agen": Sheet(flat_agents()),
                                  "Lama": Sheet(flat_agents()[3:5], hidden=True)},
         {"units": 4, "agents": 6}, issues(("info", "hidden_sheet_skipped", None)),
         options={"skip_hidden": True}),
    Case("stage_with_award_year", {"Unit": Sheet([
        ["Unit Kerja", "Eselon I", "Tahap ZI", "Tahun Penilaian"],
        [UMUM, SETJEN, "WBK 2019", 2020], [HUKUM, SETJEN, "Predikat WBBM (2021)", 2021],
        [KARTINI, REHSOS, "Dicabut 2021", 2021], [POLTEK, BP3S, "Pembangunan", 2020]]),
        "Agen": Sheet(flat_agents())}, {"units": 4, "agents": 6}, issues(),
         values={("units", "zi_stage"): ["wbk", "wbbm", "dicabut", "pembangunan"],
                 ("units", "award_year"): [2019, 2021, 2021, None]}),
    Case("presence_words", {"Unit": UNITS, "Agen": Sheet(flat_agents()), "Kehadiran": Sheet([
        ["NIP", "Kegiatan", "Tanggal", "Kehadiran"],
        [NIP_L1, "Lokakarya", "4–7 Agustus 2020", "Hadir"],
        [NIP_P1, "Lokakarya", "4–7 Agustus 2020", "Izin"],
        [NIP_L2, "Lokakarya", "4–7 Agustus 2020", "Sakit"],
        [NIP_P2, "Lokakarya", "4–7 Agustus 2020", "Tidak hadir"],
        [NIP_L3, "Lokakarya", "4–7 Agustus 2020", "hybrid"],
        [NIP_P3, "Lokakarya", "4–7 Agustus 2020", "daring"]])},
         {"units": 4, "agents": 6, "attendance": 6}, issues()),
    Case("yes_no_spellings", {"Unit": UNITS, "Agen": Sheet(flat_agents()), "RTL": Sheet([
        ["NIP", "Judul RTL", "Terintegrasi"],
        [NIP_L1, "Digitalisasi surat", "Iya"], [NIP_P1, "Survei layanan", "Sdh"],
        [NIP_L2, "SOP baru", "Blm"], [NIP_P2, "Aplikasi antrean", "Belum Ada"],
        [NIP_L3, "Zona integritas", "✓"], [NIP_P3, "Papan informasi", "v"]])},
         {"units": 4, "agents": 6, "action_plans": 6}, issues(),
         values={("action_plans", "integrated"): ["ya", "ya", "tidak", "tidak", "ya", "ya"]}),
    Case("unreadable_optional_cell", {"Unit": UNITS, "Agen": Sheet(flat_agents(
        ["Tahun Penetapan"], [[2019], ["dua ribu"], [2020], [2020], [2020], [2020]]))},
         {"units": 4, "agents": 6}, issues(("warning", "number_invalid", 6))),
    Case("thousands_dot_in_score", {"Unit": units_with(["Nilai LKE"], [
        ["75.500"], ["80,5"], [None], [None]]), "Agen": Sheet(flat_agents())},
         {"units": 3, "agents": 6}, issues(("error", "number_thousands_ambiguous", 2))),
    Case("full_width_nip", {"Unit": UNITS, "Agen": Sheet([
        *flat_agents()[:4], [1, "１９８６０９２６２０１５０５１００１", *AGENTS[0][1:]],
        *flat_agents()[5:]])}, {"units": 4, "agents": 6},
         issues(("info", "nip_digits_normalised", 5))),
    Case("invisible_character_in_nip", {"Unit": UNITS, "Agen": Sheet([
        *flat_agents()[:4], [1, "\u200b198609262015051001\ufeff", *AGENTS[0][1:]],
        *flat_agents()[5:]])}, {"units": 4, "agents": 6},
         issues(("info", "nip_invisible_normalised", 5))),
    Case("unit_abbreviations", {"Unit": UNITS, "Agen": Sheet([
        *flat_agents()[:6], [3, *AGENTS[2][:4], "BRSPDI Kartini Temanggung"],
        *flat_agents()[7:9], [6, *AGENTS[5][:4], "Poltekesos Bandung"]])},
         {"units": 4, "agents": 6},
         issues(("info", "unit_name_resolved", 7), ("info", "unit_name_resolved", 10))),
    Case("survey_indices", {"Unit": units_with(LKE_HEADER + SURVEY_HEADER, [
        [*AT_WBK, "3,60", "2,5", "3,20"]] * 4, UNIT_ROWS_2022), "Agen": Sheet(flat_agents())},
         {"units": 4, "agents": 6},
         # Each converted cell is named: IPAK and IPKP on each of the four unit rows.
         issues(*[("info", "survey_index_converted", n) for n in (2, 2, 3, 3, 4, 4, 5, 5)]),
         values={("units", "hasil_ipak"): [15.75] * 4, ("units", "hasil_ipkp"): [14.0] * 4}),
    Case("area_above_weight", {"Unit": units_with(LKE_HEADER, [
        [75, "9,5", "5,25", 8, 8, "9,5", 6], AT_WBK, AT_WBK, AT_WBK], UNIT_ROWS_2022),
        "Agen": Sheet(flat_agents())},
         {"units": 3, "agents": 6}, issues(("error", "lke_above_weight", 2))),
    Case("scores_without_evaluation_year", {"Unit": Sheet(
        [["Unit Kerja", "Eselon I", "Tahap ZI", *LKE_HEADER],
         *[[*r[:3], *AT_WBK] for r in UNIT_ROWS]]), "Agen": Sheet(flat_agents())},
         {"units": 4, "agents": 6},
         # No year column at all: one warning for the sheet, at its header row.
         issues(("warning", "lke_no_evaluation_year", 1))),
]

HISTORY_HEADER = ["Unit Kerja", "Tahun", "Tahap ZI"]
CASES += [
    # Biro Hukum holds WBK, but Penguatan Pengawasan 8,5 puts its total at 74 (41,75 + 32,25).
    Case("wbk_unit_below_its_minimum", {"Unit": units_with(LKE_HEADER + SURVEY_HEADER, [
        [*AT_WBK, "3,60", "2,5", "3,20"], [74, 6, "5,25", 8, 8, "8,5", 6, "3,60", "2,5", "3,20"],
        [None] * 10, [None] * 10], [[UMUM, SETJEN, "WBK", 2022], [HUKUM, SETJEN, "WBK", 2022],
                                    *UNIT_ROWS_2022[2:]]), "Agen": Sheet(flat_agents())},
         {"units": 4, "agents": 6},
         issues(*[("info", "survey_index_converted", n) for n in (2, 2, 3, 3)],
                ("warning", "stage_below_minimum", 3))),
    Case("wbbm_without_earlier_wbk", {"Unit": Sheet([
        UNITS_HEADER, [UMUM, SETJEN, "WBBM", 2021], *UNIT_ROWS[1:]]),
        "Riwayat": Sheet([HISTORY_HEADER, [UMUM, 2019, "Pembangunan"], [UMUM, 2021, "WBBM"]]),
        "Agen": Sheet(flat_agents())}, {"units": 4, "agents": 6, "zi_history": 2},
         issues(("warning", "wbbm_without_wbk", 3))),
    Case("proposed_within_two_years_of_revocation", {"Unit": Sheet([
        UNITS_HEADER, [UMUM, SETJEN, "Diusulkan WBK", 2021], *UNIT_ROWS[1:]]),
        "Riwayat": Sheet([HISTORY_HEADER, [UMUM, 2018, "WBK"], [UMUM, 2020, "Dicabut"],
                          [UMUM, 2021, "Diusulkan WBK"]]),
        "Agen": Sheet(flat_agents())}, {"units": 4, "agents": 6, "zi_history": 3},
         issues(("warning", "proposed_after_revocation", 4))),
]


def roster_of_record() -> dict[str, Sheet]:
    """Issue 9's "done when" roster: title rows, a two-row header with ticks, a JUMLAH row, a
    recap table beside it, a hidden row (agent 4, Excel row 9) and one column nobody listed
    ("Surel Dinas", holding e-mail addresses)."""
    top = ["No", "NIP", "Nama", "Pangkat/Gol", None, "Jabatan", "Unit Kerja", "Kehadiran", None,
           "Surel Dinas", None, "REKAP PER ESELON I", None]
    sub = [None, None, None, "Gol.", "TMT", None, None, "Tatap Muka", "Virtual", None, None,
           "Eselon I", "Jumlah"]
    recap = [[SETJEN, 4], [REHSOS, 1], [BP3S, 1], [], [], []]
    rows = [[n, nip, name, rank, "01/04/2019", position, unit, *TICKS[n - 1],
             f"agen{n}@kemensos.go.id", None, *recap[n - 1]]
            for n, (nip, name, rank, position, unit) in enumerate(AGENTS, 1)]
    jumlah = [None, "JUMLAH", None, None, None, None, None, 3, 3]
    merges = ("A1:J1", "A4:A5", "B4:B5", "C4:C5", "D4:E4", "F4:F5", "G4:G5", "H4:I4", "J4:J5",
              "L4:M4")
    agents = Sheet([*TITLES, top, sub, *rows, jumlah], merges=merges, hidden_rows=(9,))
    return {"Unit": UNITS, "Agen Perubahan": agents}
