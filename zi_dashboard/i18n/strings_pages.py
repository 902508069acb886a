"""Strings of the dashboard pages, the admin gate and table columns: key → (id, en)."""

from __future__ import annotations

from zi_dashboard.domain import schema

__all__ = ["PAGE_STRINGS"]

_PAGES: dict[str, tuple[str, str]] = {
    "app.download_data": ("Unduh data (XLSX)", "Download data (XLSX)"),
    "app.download_data_help": ("Semua data versi ini dengan filter yang aktif, satu sheet per jenis "
                               "data.", "All data of this version under the filters in force, "
                               "one sheet per dataset."),
    "app.no_version": ("Belum ada versi data.", "No data version yet."),
    "nav.dashboard": ("Dasbor", "Dashboard"),
    "nav.admin": ("Admin", "Admin"),
    "page.ringkasan": ("Ringkasan", "Overview"),
    "page.sebaran": ("Sebaran Agen", "Agent distribution"),
    "page.kehadiran": ("Kehadiran", "Attendance"),
    "page.progres": ("Progres ZI", "ZI progress"),
    "page.rtl": ("Rencana Tindak Lanjut", "Action plans"),
    "page.briefing": ("Unduh Briefing", "Download briefing"),
    "page.unggah": ("Unggah Data", "Upload data"),
    "page.riwayat": ("Riwayat Data", "Data history"),
    "page.pengguna": ("Pengguna", "Users"),
    # Ringkasan
    "kpi.agents_help": ("Agen perubahan berstatus aktif pada versi data ini.",
                        "Active agents of change in this data version."),
    "kpi.share_of_present": ("{share} dari peserta yang hadir", "{share} of those who attended"),
    "kpi.wbk_help": ("Unit berpredikat WBK, termasuk yang sedang diusulkan atau telah meraih WBBM.",
                     "Units holding WBK, including those proposed for or awarded WBBM."),
    "ring.delta_note": ("Perubahan (delta) dibandingkan versi data {version}.",
                        "Changes (deltas) compared with data version {version}."),
    "ring.more_sebaran": ("Detail sebaran agen", "Agent distribution details"),
    "ring.more_kehadiran": ("Detail kehadiran", "Attendance details"),
    "ring.more_progres": ("Detail progres ZI", "ZI progress details"),
    # Sebaran Agen
    "sebaran.treemap_hint": ("Klik Eselon I atau unit pada treemap untuk memfilter halaman ini; "
                             "klik lagi di luar untuk kembali.",
                             "Click an Echelon I or unit in the treemap to filter this page; "
                             "click outside to return."),
    "sebaran.picked": ("Halaman ini difilter ke {units} unit yang dipilih pada treemap.",
                       "This page is filtered to the {units} unit(s) picked in the treemap."),
    "sebaran.by": ("Rincian menurut", "Break down by"),
    "sebaran.without_agents": ("Unit tanpa agen ({n})", "Units without agents ({n})"),
    "sebaran.all_units_have_agents": ("Semua unit memiliki agen perubahan.",
                                      "Every unit has agents of change."),
    "sebaran.table": ("Daftar agen perubahan", "Agents of change"),
    "sebaran.search": ("Cari agen", "Search agents"),
    "sebaran.search_hint": ("Nama, NIP, unit atau jabatan", "Name, NIP, unit or position"),
    "sebaran.count": ("Menampilkan {shown} dari {total} agen.", "Showing {shown} of {total} agents."),
    "table.capped": ("Menampilkan {shown} baris pertama dari {matches} yang cocok: persempit "
                     "dengan pencarian atau filter, atau unduh semuanya (Unduh data di panel "
                     "samping).",
                     "Showing the first {shown} of {matches} matching rows: narrow them with the "
                     "search or the filters, or download them all (Download data in the "
                     "sidebar)."),
    # Kehadiran
    "kehadiran.event": ("Kegiatan", "Event"),
    "kehadiran.no_events": ("Belum ada data kehadiran pada versi ini.",
                            "This version has no attendance data."),
    "kehadiran.absent": ("Agen yang tidak hadir ({n})", "Agents who did not attend ({n})"),
    "kehadiran.none_absent": ("Semua agen hadir, tatap muka atau virtual.",
                              "Every agent attended, in person or virtually."),
    # Progres ZI
    "progres.rule_set": ("Aturan penilaian", "Evaluation rules"),
    "progres.rule_auto": ("Menurut tahun penilaian", "By evaluation year"),
    "progres.rule_help": ("Otomatis: ≤ 2019 PermenPANRB 52/2014, 2020–2021 10/2019, sejak 2022 "
                          "90/2021. Pilih satu aturan untuk menguji semua unit dengannya.",
                          "Automatic: ≤ 2019 PermenPANRB 52/2014, 2020–2021 10/2019, from 2022 "
                          "90/2021. Pick one rule set to test every unit against it."),
    "progres.check_title": ("Uji syarat WBK/WBBM per unit", "WBK/WBBM requirements per unit"),
    "progres.scored": ("Unit dengan nilai LKE", "Units with an LKE score"),
    "progres.wbk_eligible": ("Memenuhi syarat WBK", "Meet the WBK requirements"),
    "progres.wbbm_eligible": ("Memenuhi syarat WBBM", "Meet the WBBM requirements"),
    "progres.short_of_wbk": ("Belum memenuhi syarat WBK", "Short of WBK"),
    "progres.tab_short": ("Kekurangan menuju WBK", "Gaps to WBK"),
    "progres.tab_ready": ("Siap diusulkan", "Ready to propose"),
    "progres.tab_all": ("Semua unit", "All units"),
    "progres.stalled": ("Unit di tahap yang sama ≥ 2 tahun ({n})",
                        "Units at the same stage for ≥ 2 years ({n})"),
    # Rencana Tindak Lanjut
    "rtl.no_plans": ("Belum ada rencana tindak lanjut pada versi ini.",
                     "This version has no action plans."),
    "rtl.today": ("Tanggal acuan", "Reference date"),
    "rtl.today_help": ("Rencana yang tenggatnya sebelum tanggal ini dan belum selesai dihitung "
                       "terlambat.", "Plans due before this date and not done count as overdue."),
    "rtl.plans": ("Rencana tindak lanjut", "Action plans"),
    "rtl.done": ("Selesai", "Done"),
    "rtl.running": ("Berjalan", "In progress"),
    "rtl.overdue_kpi": ("Terlambat", "Overdue"),
    "rtl.overdue": ("Rencana terlambat ({n})", "Overdue plans ({n})"),
    "rtl.none_overdue": ("Tidak ada rencana yang terlambat.", "No plan is overdue."),
    "rtl.overdue_hidden": ("Daftar rencana yang terlambat (judul per agen) hanya untuk pengguna "
                           "yang sudah masuk. Jumlah dan grafik di atas tetap lengkap.",
                           "The list of overdue plans (each agent's title) is for signed-in "
                           "users only. The counts and charts above are complete."),
    "rtl.reform": ("Rasio reform LKE per unit", "LKE reform ratios per unit"),
    "rtl.reform_help": ("Perubahan per agen (\"satu agen, satu perubahan\") = RTL selesai ÷ agen "
                        "aktif; porsi terintegrasi = RTL selesai yang masuk sistem manajemen ÷ RTL "
                        "selesai.",
                        "Changes per agent (\"one agent, one change\") = plans done ÷ active "
                        "agents; integrated share = plans done built into the management system "
                        "÷ plans done."),
    "chart.download": ("Unduh", "Download"),
    # Unduh Briefing page
    "briefing.intro": ("Pilih bagian dan format; paket dibuat dari data versi ini dengan filter "
                       "yang sedang aktif.",
                       "Pick the sections and a format; the pack is built from this data "
                       "version with the filters in force."),
    "briefing.sections": ("Bagian", "Sections"),
    "briefing.format": ("Format", "Format"),
    "briefing.format.pptx": ("PowerPoint (PPTX)", "PowerPoint (PPTX)"),
    "briefing.format.pdf": ("PDF", "PDF"),
    "briefing.format.png-zip": ("ZIP berisi PNG", "ZIP of PNGs"),
    "briefing.format.unit-sheets": ("Lembar fakta per unit (ZIP)", "Per-unit fact sheets (ZIP)"),
    "briefing.filters": ("Filter: {filters}", "Filters: {filters}"),
    "briefing.build": ("Buat paket", "Build the pack"),
    "briefing.building": ("Membuat paket…", "Building the pack…"),
    "briefing.ready": ("Paket siap ({size}).", "The pack is ready ({size})."),
    "briefing.download": ("Unduh {name}", "Download {name}"),
    "briefing.no_sections": ("Pilih minimal satu bagian.", "Pick at least one section."),
    "briefing.no_browser": ("Gambar grafik tidak dapat dibuat di server: {reason}. Grafik asli "
                            "PowerPoint tetap dibuat; gambar lain diganti keterangan.",
                            "Chart images cannot be made on the server: {reason}. Native "
                            "PowerPoint charts are still made; other images become a note."),
    # Briefing pack (briefing.py)
    "brief.title": ("Briefing Agen Perubahan dan Zona Integritas",
                    "Briefing: agents of change and Zona Integritas"),
    "brief.organisation": ("Kementerian Sosial Republik Indonesia",
                           "Ministry of Social Affairs of the Republic of Indonesia"),
    "brief.section.ringkasan": ("Ringkasan", "Overview"),
    "brief.section.sebaran": ("Sebaran agen", "Agent distribution"),
    "brief.section.kehadiran": ("Kehadiran", "Attendance"),
    "brief.section.progres": ("Progres Zona Integritas", "Zona Integritas progress"),
    "brief.section.rtl": ("Rencana tindak lanjut", "Action plans"),
    "brief.agents": ("Terdapat {agents} agen perubahan di {units} unit kerja",
                     "There are {agents} agents of change in {units} work units"),
    "brief.agents_delta": (", {delta} ({pct}) dibanding versi sebelumnya",
                           ", {delta} ({pct}) against the previous version"),
    "brief.wbk": ("{n} dari {total} unit telah meraih WBK", "{n} of {total} units hold WBK"),
    "brief.wbk_new": (", {n} di antaranya sejak versi sebelumnya",
                      ", {n} of them since the previous version"),
    "brief.since_group": ("{since}: {units}.", "{since}: {units}."),
    "brief.more_units": ("{units} dan {n} unit lainnya", "{units} and {n} more units"),
    "brief.evaluated": ("{n} unit {evaluated}.", "{n} units {evaluated}."),
    "brief.since_more": ("{n} unit lainnya dengan tahun predikat lain.",
                         "{n} more units with other award years."),
    "brief.top_unit": ("Unit dengan agen terbanyak: {unit} ({n} agen)",
                       "The unit with the most agents: {unit} ({n} agents)"),
    "brief.missing_units": ("; {n} unit belum memiliki agen.", "; {n} units have no agent yet."),
    "brief.none": ("Belum ada agen", "No agents yet"),
    "brief.top15_title": ("15 unit dengan agen terbanyak", "The 15 units with the most agents"),
    "brief.gender": ("Perempuan {share} dari seluruh agen perubahan.",
                     "Women are {share} of all agents of change."),
    "brief.attendance": ("Pada {event}, {tm} agen hadir tatap muka dan {virtual} secara virtual.",
                         "At {event}, {tm} agents attended in person and {virtual} virtually."),
    "brief.short": ("{n} dari {total} unit yang dinilai belum memenuhi semua syarat WBK.",
                    "{n} of the {total} units assessed do not yet meet every WBK requirement."),
    "brief.heatmap_title": ("Area pengungkit LKE per unit (% dari bobot)",
                            "LKE enabler areas per unit (% of weight)"),
    "brief.plans": ("{done} dari {n} rencana tindak lanjut telah selesai ({share}).",
                    "{done} of {n} action plans are done ({share})."),
    "brief.lke_top_title": ("Nilai LKE: {n} unit tertinggi dari {total}",
                            "LKE score: the top {n} of {total} units"),
    "brief.heatmap_top_title": ("Area pengungkit (% dari bobot): {n} unit dengan nilai LKE "
                                "tertinggi",
                                "Enabler areas (% of weight): the {n} units with the highest "
                                "LKE score"),
    "brief.unit_sheets_file": ("fakta_unit_zi_v{version}.zip", "unit_fact_sheets_v{version}.zip"),
    # Per-unit fact sheets (factsheet.py)
    "factsheet.kind": ("Lembar fakta unit kerja", "Work unit fact sheet"),
    "factsheet.all_units": ("semua-unit", "all-units"),
    "factsheet.stage": ("Tahap ZI", "ZI stage"),
    "factsheet.since": ("sejak {year}", "since {year}"),
    "factsheet.since_history": ("sejak {year} (riwayat ZI)", "since {year} (ZI history)"),
    # The two years of a unit (analysis/years.py): award year and evaluation year.
    "years.stage_since": ("{stage} sejak {year}", "{stage} since {year}"),
    "years.from_history": ("{text} (menurut riwayat ZI)", "{text} (from the ZI history)"),
    "years.evaluated": ("dinilai {year} ({rules})", "evaluated in {year} ({rules})"),
    "years.evaluated_unconfirmed": ("dinilai {year} ({rules}, belum terkonfirmasi)",
                                    "evaluated in {year} ({rules}, unconfirmed)"),
    "years.no_evaluation_year": ("tanpa tahun penilaian: {rules} dipakai",
                                 "no evaluation year: {rules} assumed"),
    "factsheet.lke": ("Nilai LKE", "LKE score"),
    "factsheet.not_scored": ("Belum dinilai", "Not assessed"),
    "factsheet.minima": ("WBK ≥ {wbk} · WBBM ≥ {wbbm}", "WBK ≥ {wbk} · WBBM ≥ {wbbm}"),
    "factsheet.agents": ("Agen perubahan", "Agents of change"),
    "factsheet.of_needed": ("kebutuhan {n} · kurang {short}", "{n} needed · {short} short"),
    "factsheet.needed_met": ("kebutuhan {n} terpenuhi", "{n} needed: met"),
    "factsheet.no_need": ("kebutuhan belum diisi", "need not given"),
    "factsheet.plans_done": ("RTL selesai", "Plans done"),
    "factsheet.mean_progress": ("rata-rata progres {pct}", "mean progress {pct}"),
    "factsheet.thresholds": ("Nilai LKE terhadap ambang WBK dan WBBM",
                             "LKE score against the WBK and WBBM thresholds"),
    "factsheet.wbk_met": ("Memenuhi semua syarat WBK.", "Meets every WBK requirement."),
    "factsheet.wbk_short": ("Belum memenuhi syarat WBK ({n}):", "Short of WBK ({n}):"),
    "factsheet.wbbm_met": ("Memenuhi semua syarat WBBM.", "Meets every WBBM requirement."),
    "factsheet.wbbm_short": ("Belum memenuhi syarat WBBM ({n}):", "Short of WBBM ({n}):"),
    "factsheet.wbbm_count": ("Syarat WBBM yang belum terpenuhi: {n}.",
                             "WBBM requirements not yet met: {n}."),
    "factsheet.more": ("… dan {n} lainnya", "… and {n} more"),
    "factsheet.areas": ("Area pengungkit (% dari bobot)", "Enabler areas (% of weight)"),
    "factsheet.area_lines": ("Garis: minimal WBK ({wbk}) dan WBBM ({wbbm}) dari bobot area.",
                             "Lines: the WBK ({wbk}) and WBBM ({wbbm}) minimum share of the "
                             "area's weight."),
    "factsheet.no_area_minima": ("Aturan ini tidak menetapkan minimal per area.",
                                 "These rules set no minimum per area."),
    "factsheet.no_areas": ("Nilai area belum tersedia.", "No area scores yet."),
    "factsheet.attendance": ("Kehadiran", "Attendance"),
    "factsheet.col_mode": ("Kehadiran", "Attendance"),
    "factsheet.no_attendance": ("Belum ada data kehadiran.", "No attendance data."),
    "factsheet.no_record": ("Tanpa data", "No record"),
    "factsheet.rtl": ("Rencana tindak lanjut (RTL)", "Action plans"),
    "factsheet.rtl_plans": ("{n} RTL, {done} selesai ({share})", "{n} plans, {done} done ({share})"),
    "factsheet.rtl_overdue": ("{n} terlambat per {date}", "{n} overdue as of {date}"),
    "factsheet.rtl_progress": ("Rata-rata progres: {pct}", "Mean progress: {pct}"),
    "factsheet.no_plans": ("Belum ada RTL.", "No action plans yet."),
    "factsheet.agent_list": ("Daftar agen perubahan ({n})", "Agents of change ({n})"),
    "factsheet.no_agents": ("Unit ini belum memiliki agen perubahan.",
                            "This unit has no agent of change yet."),
    "factsheet.page": ("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    # Admin gate
    "auth.sign_in_title": ("Masuk ke akun", "Account sign-in"),
    "auth.name": ("Nama akun", "Account name"),
    "auth.password": ("Kata sandi", "Password"),
    "auth.sign_in": ("Masuk", "Sign in"),
    "auth.sign_in_sso": ("Masuk dengan akun kantor", "Sign in with your work account"),
    "auth.sign_out": ("Keluar", "Sign out"),
    "auth.signed_in_role": ("Masuk sebagai {name} ({role}).", "Signed in as {name} ({role})."),
    "auth.signed_in_as": ("Masuk sebagai {name}.", "Signed in as {name}."),
    "auth.wrong_password": ("Nama akun atau kata sandi salah.", "Wrong account name or password."),
    "auth.no_password": ("Isi kata sandi akun Anda, lalu tekan Masuk.",
                         "Type your account's password, then press Sign in."),
    "auth.paused": ("Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
                    "Too many failed attempts. Try again in {seconds} seconds."),
    "auth.not_configured": ("Belum ada akun: atur ZI_ADMIN_PASSWORD_HASH atau tambahkan akun "
                            "dengan `users add`. Lihat README.",
                            "No accounts yet: set ZI_ADMIN_PASSWORD_HASH or add one with "
                            "`users add`. See README."),
    "auth.admins_only": ("Halaman ini hanya untuk admin. Masuk sebagai admin di panel samping.",
                         "This page is for admins only. Sign in as admin in the sidebar."),
    "auth.superadmins_only": ("Halaman ini hanya untuk superadmin.",
                              "This page is for superadmins only."),
}

# Table column headers: dataset columns take their schema labels; computed columns are listed.
_COMPUTED_COLUMNS: dict[str, tuple[str, str]] = {
    "unit_name": ("Unit kerja", "Work unit"),
    "agents": ("Jumlah agen", "Agents"),
    "gap": ("Kekurangan agen", "Agents short"),
    "mode": ("Mode kehadiran", "Attendance mode"),
    "rule_set": ("Aturan", "Rule set"),
    "award_year_derived": ("Tahun predikat dari riwayat ZI", "Award year from ZI history"),
    "wbk_eligible": ("Syarat WBK", "WBK met"),
    "wbbm_eligible": ("Syarat WBBM", "WBBM met"),
    "wbk_gaps": ("Kekurangan menuju WBK", "Gaps to WBK"),
    "requirement": ("Syarat", "Requirement"),
    "minimum": ("Minimal", "Minimum"),
    "actual": ("Capaian", "Actual"),
    "shortfall": ("Kurang", "Short by"),
    "message": ("Keterangan", "Detail"),
    "since_year": ("Sejak tahun", "Since"),
    "years_at_stage": ("Lama (tahun)", "Years"),
    "plan_status": ("Status RTL", "Plan status"),
    "days_overdue": ("Terlambat (hari)", "Days overdue"),
    "plans_done": ("RTL selesai", "Plans done"),
    "changes_per_agent": ("Perubahan per agen", "Changes per agent"),
    "integrated_share": ("Porsi terintegrasi", "Integrated share"),
    "plans": ("Jumlah RTL", "Plans"),
    "done": ("Selesai", "Done"),
    "done_share": ("Porsi selesai", "Done share"),
    "mean_progress": ("Rata-rata progres (%)", "Mean progress (%)"),
}


def _column_strings() -> dict[str, tuple[str, str]]:
    labels: dict[str, tuple[str, str]] = {}
    for dataset in schema.DATASETS.values():
        for column in dataset.columns:
            labels.setdefault(f"col.{column.name}", (column.label_id, column.label_en))
    labels.update({f"col.{k}": v for k, v in _COMPUTED_COLUMNS.items()})
    return labels


PAGE_STRINGS: dict[str, tuple[str, str]] = {**_PAGES, **_column_strings()}
