"""Strings of the Profil Unit page, its what-if and the one-row-per-unit gap tables (issue 12):
key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["PROFILE_STRINGS"]

# The short name of each minimum in a gap cell ("Pengawasan kurang 1,2 · IPKP kurang 0,8").
_SHORT = {
    "lke_score": ("Total", "Total"),
    "pengungkit": ("Pengungkit", "Enablers"),
    "area_manajemen_perubahan": ("Manajemen Perubahan", "Change management"),
    "area_tatalaksana": ("Tatalaksana", "Business process"),
    "area_sdm": ("SDM", "HR"),
    "area_akuntabilitas": ("Akuntabilitas", "Accountability"),
    "area_pengawasan": ("Pengawasan", "Supervision"),
    "area_pelayanan_publik": ("Pelayanan Publik", "Public service"),
    "bersih": ("Bersih", "Clean bureaucracy"),
    "hasil_ipak": ("IPAK", "IPAK"),
    "hasil_capaian_kinerja": ("Capaian kinerja", "Performance"),
    "hasil_tlhp": ("TLHP", "TLHP"),
    "hasil_ipkp": ("IPKP", "IPKP"),
    "wbk_title": ("Predikat WBK", "WBK title"),
}

PROFILE_STRINGS: dict[str, tuple[str, str]] = {
    **{f"gap.short.{key}": pair for key, pair in _SHORT.items()},
    "gap.cell": ("{label} kurang {short}", "{label} short by {short}"),
    "gap.cell_no_score": ("{label} belum ada nilai", "{label} no score"),
    "gap.cell_title": ("belum berpredikat WBK", "no WBK title yet"),
    "col.missed": ("Minimal yang belum terpenuhi", "Minimums missed"),
    "col.missed_count": ("Jumlah", "Count"),
    "col.points_needed": ("Poin kurang", "Points short"),
    "col.points_needed_help": ("Kenaikan nilai terkecil yang memenuhi semua minimal, dalam poin "
                               "LKE (lihat Profil Unit).",
                               "The least score increase that meets every minimum, in LKE "
                               "points (see the unit's profile)."),
    "brief.closest": ("Terdekat ke WBK: {units}.", "Closest to WBK: {units}."),
    "page.profil": ("Profil Unit", "Unit profile"),
    "profil.pick": ("Unit kerja", "Work unit"),
    "profil.pick_hint": ("Pilih unit: ketik untuk mencari", "Choose a unit: type to search"),
    "profil.none": ("Tidak ada unit dalam cakupan dan filter ini.",
                    "No unit in this scope and these filters."),
    "profil.not_found": ("Unit yang diminta tidak ada dalam cakupan dan filter ini: ditampilkan "
                         "unit pertama.", "The unit asked for is not in this scope and these "
                         "filters: the first unit is shown."),
    "profil.stage": ("Tahap ZI", "ZI stage"),
    "profil.score": ("Nilai LKE", "LKE score"),
    "profil.agents": ("Agen perubahan", "Agents of change"),
    "profil.plans": ("Rencana tindak lanjut", "Action plans"),
    "profil.rule_set": ("Aturan", "Rules"),
    "profil.timeline": ("Riwayat tahap ZI", "ZI stage history"),
    "profil.no_history": ("Belum ada riwayat tahap untuk unit ini.",
                          "No stage history for this unit yet."),
    "profil.scores": ("Nilai per area dan komponen", "Score per area and component"),
    "profil.scores_axis": ("Poin (batas = bobot)", "Points (bar end = weight)"),
    "profil.no_scores": ("Unit ini belum punya nilai LKE.", "This unit has no LKE score yet."),
    "profil.gaps": ("Minimal yang belum terpenuhi", "Minimums missed"),
    "profil.gaps_none": ("Semua minimal {target} terpenuhi.", "Every {target} minimum is met."),
    "profil.attendance": ("Kehadiran per kegiatan", "Attendance per event"),
    "profil.no_attendance": ("Belum ada data kehadiran untuk unit ini.",
                             "No attendance records for this unit yet."),
    "profil.agents_table": ("Daftar agen perubahan", "Agents of change"),
    "profil.no_agents": ("Unit ini belum punya agen perubahan.",
                         "This unit has no agents of change yet."),
    "profil.plans_table": ("Rencana tindak lanjut yang lewat tenggat", "Overdue action plans"),
    "profil.plans_line": ("{plans} rencana, {done} selesai, rata-rata progres {progress}; "
                          "{overdue} lewat tenggat.",
                          "{plans} plans, {done} done, mean progress {progress}; {overdue} "
                          "overdue."),
    "profil.no_plans": ("Unit ini belum punya rencana tindak lanjut.",
                        "This unit has no action plans yet."),
    "profil.whatif": ("Bagaimana jika? Simulasi nilai", "What if? Try other scores"),
    "profil.whatif_help": ("Ubah nilai area dan komponen untuk melihat dampaknya. Tidak ada yang "
                           "disimpan.", "Change the area and component scores to see what "
                           "follows. Nothing is saved."),
    "profil.whatif_reset": ("Kembalikan ke nilai saat ini", "Back to today's scores"),
    "profil.whatif_total": ("Nilai total (simulasi)", "Total score (what-if)"),
    "profil.whatif_pengungkit": ("Pengungkit (simulasi)", "Enablers (what-if)"),
    "profil.whatif_missing": ("Belum ada nilai: dihitung 0", "No score yet: counted as 0"),
    "profil.plan_met": ("Sudah memenuhi semua minimal {target}.",
                        "Already meets every {target} minimum."),
    "profil.plan": ("Naikkan {increases} untuk memenuhi syarat {target} (+{total} poin).",
                    "Raise {increases} to meet {target} (+{total} points)."),
    "profil.plan_title": ("{target} juga mensyaratkan predikat WBK lebih dulu.",
                          "{target} also requires a WBK title first."),
    "profil.plan_unreachable": ("{target} tidak tercapai: bahkan dengan nilai maksimal, "
                                "{increases} belum cukup.",
                                "{target} cannot be reached: even at the weights, {increases} "
                                "is not enough."),
    "profil.and": (" dan ", " and "),
    "profil.open": ("Buka profil {unit}", "Open the profile of {unit}"),
    "profil.open_hint": ("Pilih satu baris untuk membuka Profil Unit.",
                         "Select a row to open its unit profile."),
    "profil.wbk_mark": ("Minimal WBK", "WBK minimum"),
    "profil.wbbm_mark": ("Minimal WBBM", "WBBM minimum"),
    "profil.agents_needed": ("Kebutuhan: {n} agen", "Needed: {n} agents"),
    "profil.weight": ("Bobot (nilai maksimal)", "Weight (the most possible)"),
    "profil.score_bar": ("Nilai", "Score"),
}
