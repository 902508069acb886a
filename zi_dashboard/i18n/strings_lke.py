"""Strings of the lke work (issue 9): key → (Bahasa Indonesia, English).

LKE numbers in context (survey indices, weights, the rule set assumed), consistency between a
unit's stage, scores and ZI history, and the `check` command. Some parameters
are given per language as {"id": …, "en": …} (a stage label, a score with every decimal).
"""

from __future__ import annotations

__all__ = ["LKE_STRINGS"]

LKE_STRINGS: dict[str, tuple[str, str]] = {
    "lke.gap_wbk_title": ("Belum berpredikat WBK: WBBM mensyaratkan predikat WBK lebih dulu",
                          "No WBK title yet: WBBM requires a WBK title first"),
    "issue.survey_index_converted": (
        "{column} {value} dibaca sebagai indeks survei (skala 0–4), bukan poin LKE: dikonversi "
        "menjadi {index} / 4 × {factor} = {points} poin menurut {rule_set}.",
        "{column} {value} is read as a survey index (0–4 scale), not as LKE points: converted "
        "to {index} / 4 × {factor} = {points} points under {rule_set}."),
    "issue.survey_scale_mixed": (
        "{column} {value} dibaca sebagai indeks survei (skala 0–4) dan dikonversi menjadi "
        "{index} / 4 × {factor} = {points} poin menurut {rule_set}, padahal baris lain di kolom "
        "ini berisi poin (di atas 4). Periksa nilai ini: tulis semua nilai kolom dalam satu "
        "skala, indeks atau poin.",
        "{column} {value} is read as a survey index (0–4 scale) and converted to {index} / 4 × "
        "{factor} = {points} points under {rule_set}, but other rows of this column hold points "
        "(above 4). Check this value: write the whole column on one scale, index or points."),
    "issue.survey_index_converted_unconfirmed": (
        "{column} {value} dibaca sebagai indeks survei (skala 0–4), bukan poin LKE: dikonversi "
        "menjadi {index} / 4 × {factor} = {points} poin menurut {rule_set}. Faktor "
        "konversi {rule_set} belum terkonfirmasi: periksa hasilnya, atau tulis nilainya dalam "
        "poin.",
        "{column} {value} is read as a survey index (0–4 scale), not as LKE points: converted "
        "to {index} / 4 × {factor} = {points} points under {rule_set}. The {rule_set} "
        "conversion factor is unconfirmed: check the result, or write the value in points."),
    "issue.survey_index_header_points": (
        "Kolom {column} berjudul indeks, tetapi {value} lebih dari 4, batas skala indeks 0–4: "
        "nilai ini dibaca sebagai poin LKE. Jika ini poin, ubah judul kolomnya; jika indeks, "
        "perbaiki nilainya.",
        "Column {column} is headed as an index, but {value} is above 4, the top of the 0–4 "
        "index scale: it is read as LKE points. If it is points, change the header; if it is an "
        "index, correct the value."),
    "issue.lke_above_weight": (
        "{column} {value} melebihi bobotnya {weight} menurut {rule_set}: nilai area atau "
        "komponen LKE tidak bisa melebihi bobotnya. Periksa nilainya (salah ketik atau salah "
        "kolom?) dan tahun penilaiannya, yang menentukan aturan.",
        "{column} {value} is above its weight of {weight} under {rule_set}: an LKE area or "
        "component cannot score more than its weight. Check the value (a typo or the wrong "
        "column?) and the evaluation year, which selects the rules."),
    "issue.lke_no_evaluation_year": (
        "Ada nilai LKE tetapi tahun penilaian kosong, sehingga unit ini dinilai menurut "
        "{rule_set} (aturan terbaru). Tambahkan kolom 'Tahun penilaian' (atau isi selnya) agar "
        "dipakai aturan tahun penilaiannya.",
        "There are LKE scores but no evaluation year, so this unit is judged under {rule_set} "
        "(the newest rules). Add an 'Evaluation year' column (Tahun penilaian), or fill in the "
        "cell, so the rules of its evaluation year apply."),
    "issue.stage_below_minimum": (
        "{unit} tercatat {title}, tetapi nilai LKE {score} pada tahun penilaian {year} di "
        "bawah minimal {title} {minimum} menurut {rule_set}. Periksa tahapnya, nilainya, atau "
        "tahun penilaiannya.",
        "{unit} is recorded at {title}, but its LKE score of {score} in evaluation year "
        "{year} is below the {title} minimum of {minimum} under {rule_set}. Check the stage, "
        "the score or the evaluation year."),
    "issue.wbbm_without_wbk": (
        "{unit} tercatat WBBM ({year}) tanpa predikat WBK di tahun sebelumnya dalam riwayat ZI. "
        "WBBM mensyaratkan WBK lebih dulu: tambahkan tahun WBK-nya ke riwayat, atau periksa "
        "tahapnya.",
        "{unit} is recorded at WBBM ({year}) with no WBK title in an earlier year of the ZI "
        "history. WBBM requires WBK first: add the WBK year to the history, or check the "
        "stage."),
    "issue.title_lost_without_revocation": (
        "Riwayat {unit} mundur dari {before} ({before_year}) ke {after} ({year}) tanpa "
        "pencabutan. Predikat hanya hilang bila dicabut: catat tahun pencabutannya (Dicabut), "
        "atau periksa tahun dan tahapnya.",
        "The history of {unit} goes back from {before} ({before_year}) to {after} "
        "({year}) without a revocation. A title is only lost when revoked: record the "
        "revocation year (Dicabut), or check the years and stages."),
    "issue.proposed_after_revocation": (
        "{unit} diusulkan lagi pada {year}, {years} tahun setelah predikatnya dicabut "
        "({revoked_year}). Setelah pencabutan, unit baru boleh diusulkan lagi 2 tahun kemudian: "
        "periksa tahunnya.",
        "{unit} is proposed again in {year}, {years} year(s) after its title was revoked "
        "({revoked_year}). After a revocation a unit may be proposed again only 2 years later: "
        "check the year."),
    # `python -m zi_dashboard check` (readable table).
    "check.version": ("Versi {version}: {units} unit kerja", "Version {version}: {units} work units"),
    "check.no_data": ("Belum ada data: jalankan `python -m zi_dashboard init` atau impor berkas.",
                      "No data yet: run `python -m zi_dashboard init` or import files."),
    "check.col_unit": ("Unit kerja", "Work unit"),
    "check.col_stage": ("Tahap", "Stage"),
    "check.col_year": ("Tahun", "Year"),
    "check.col_rules": ("Aturan", "Rules"),
    "check.eligible": ("memenuhi syarat", "meets the requirements"),
    "check.summary": ("Memenuhi syarat WBK: {wbk}; memenuhi syarat WBBM: {wbbm}",
                      "Meet the WBK requirements: {wbk}; meet the WBBM requirements: {wbbm}"),
}
