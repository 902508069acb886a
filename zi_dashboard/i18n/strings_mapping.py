"""Strings of the mapping work (issue 9): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["MAPPING_STRINGS"]

# Automatic mappings (CLI) name what the content looked like; one message per kind of content.
_AUTO = {
    "nip": ("berisi NIP", "holds NIPs"),
    "email": ("berisi alamat e-mail", "holds e-mail addresses"),
    "phone": ("berisi nomor telepon", "holds phone numbers"),
    "rank": ("berisi golongan (mis. III/a)", "holds civil-service ranks (e.g. III/a)"),
    "date": ("berisi tanggal", "holds dates"),
    "attendance": ("berisi mode kehadiran (tatap muka/virtual)",
                   "holds attendance modes (in person/virtual)"),
    "stage": ("berisi tahap ZI", "holds ZI stages"),
    "gender": ("berisi jenis kelamin (L/P)", "holds genders (L/P)"),
    "status": ("berisi status agen (aktif/nonaktif)", "holds agent statuses (active/inactive)"),
    "plan_status": ("berisi status RTL", "holds action-plan statuses"),
}

MAPPING_STRINGS: dict[str, tuple[str, str]] = {
    # Why a column is suggested
    "mapping.reason.header": ("judulnya mirip '{like}'", "its header resembles '{like}'"),
    "mapping.reason.nip": ("isinya NIP", "values look like NIPs"),
    "mapping.reason.email": ("isinya alamat e-mail", "values look like e-mail addresses"),
    "mapping.reason.phone": ("isinya nomor telepon", "values look like phone numbers"),
    "mapping.reason.rank": ("isinya golongan", "values look like civil-service ranks"),
    "mapping.reason.date": ("isinya tanggal", "values look like dates"),
    "mapping.reason.attendance": ("isinya mode kehadiran", "values look like attendance modes"),
    "mapping.reason.stage": ("isinya tahap ZI", "values look like ZI stages"),
    "mapping.reason.gender": ("isinya jenis kelamin", "values look like genders"),
    "mapping.reason.status": ("isinya status agen", "values look like agent statuses"),
    "mapping.reason.plan_status": ("isinya status RTL", "values look like action-plan statuses"),
    "mapping.reason.yes_no": ("isinya ya/tidak", "values look like yes/no"),
    "mapping.reason.enum": ("isinya pilihan kolom ini", "values are among this column's choices"),
    "mapping.reason.year": ("isinya tahun", "values look like years"),
    "mapping.reason.score": ("isinya nilai 0–100", "values look like scores from 0 to 100"),
    "mapping.reason.number": ("isinya angka dalam rentang kolom ini",
                              "values are numbers in this column's range"),
    # Issues: mappings applied
    "issue.column_mapped_stored": (
        "Kolom '{header}' dibaca sebagai {field_label} (pemetaan tersimpan). Bila keliru, pilih "
        "kolom lain di halaman Unggah Data atau pakai --map.",
        "Column '{header}' was read as {field_label} (stored mapping). If that is wrong, choose "
        "another column on the Upload data page or use --map."),
    "issue.column_mapped_chosen": (
        "Kolom '{header}' dibaca sebagai {field_label} (pemetaan untuk unggahan ini; disimpan "
        "bersama unggahan).",
        "Column '{header}' was read as {field_label} (mapping chosen for this upload; saved with "
        "the upload)."),
    "issue.column_ignored_stored": (
        "Kolom '{header}' diabaikan (pemetaan tersimpan).",
        "Column '{header}' was ignored (stored mapping)."),
    "issue.column_ignored_chosen": (
        "Kolom '{header}' diabaikan (pemetaan untuk unggahan ini).",
        "Column '{header}' was ignored (mapping chosen for this upload)."),
    **{f"issue.column_auto_{code}": (
        f"Judul kolom '{{header}}' tidak dikenal, tetapi kolom ini {id_text}, jadi dibaca sebagai "
        f"{{field_label}}. Jika keliru, jalankan lagi dengan --map \"{{header}}=-\" (abaikan) "
        "atau --map \"{header}=<kolom>\".",
        f"The header '{{header}}' is not known, but the column {en_text}, so it was read as "
        f"{{field_label}}. If that is wrong, run again with --map \"{{header}}=-\" (ignore) or "
        "--map \"{header}=<column>\".")
       for code, (id_text, en_text) in _AUTO.items()},
    # The CLI
    "mapping.cli.map_help": (
        "Baca kolom HEADER sebagai kolom kanonik (bisa diulang); '-' mengabaikannya. Contoh: "
        "--map \"Satker Induk=unit\".",
        "Read column HEADER as a canonical column (repeatable); '-' ignores it. Example: "
        "--map \"Satker Induk=unit\"."),
    "mapping.cli.skip_hidden_help": ("Lewati baris dan sheet tersembunyi.",
                                     "Leave out hidden rows and sheets."),
    "mapping.cli.no_auto_help": ("Jangan terapkan saran pemetaan yang tidak ambigu secara otomatis.",
                                 "Do not apply unambiguous mapping suggestions on their own."),
    "mapping.cli.bad_map": (
        "--map '{value}' tidak bisa dibaca: tulis \"JUDUL=kolom\", mis. \"Satker Induk=unit\".",
        "--map '{value}' cannot be read: write \"HEADER=column\", e.g. \"Satker Induk=unit\"."),
    "mapping.cli.bad_column": (
        "--map '{value}': '{column}' bukan nama kolom. Pakai '-' untuk mengabaikan, atau salah "
        "satu dari: {columns}.",
        "--map '{value}': '{column}' is not a column name. Use '-' to ignore, or one of: "
        "{columns}."),
    "mapping.cli.suggestion": ("SARAN   {sheet} [{header}] → {column} ({reasons})",
                               "SUGGEST {sheet} [{header}] → {column} ({reasons})"),
    "mapping.cli.saved": ("Pemetaan kolom tersimpan: {mappings}", "Column mappings saved: {mappings}"),
    # The upload page
    "upload.skip_hidden": ("Lewati baris dan sheet tersembunyi",
                           "Leave out hidden rows and sheets"),
    "upload.skip_hidden_help": (
        "Baris dan sheet tersembunyi sering berisi pegawai yang sudah keluar. Jika dicentang, "
        "keduanya tidak dibaca; jika tidak, dibaca dengan peringatan.",
        "Hidden rows and sheets often hold people who have left. When ticked, they are not read; "
        "otherwise they are read, with a warning."),
    "upload.blocked_mappable": (
        "Kolom wajib yang belum ditemukan dapat dipetakan di bagian *Kolom yang tidak dikenali* "
        "di atas, tanpa mengunggah ulang.",
        "A required column that was not found can be mapped under *Unrecognised columns* "
        "above, without uploading again."),
    "upload.map_title": ("Kolom yang tidak dikenali", "Unrecognised columns"),
    "upload.map_intro": (
        "Pilih kolom tujuan untuk tiap judul yang tidak dikenal, atau Abaikan. Saran diambil dari "
        "kemiripan judul dan isi kolom. Pemetaan disimpan saat unggahan disimpan dan dipakai lagi "
        "otomatis pada unggahan berikutnya.",
        "Choose a target for each header that is not known, or Ignore. Suggestions come from "
        "header similarity and from the column's content. Mappings are saved with the upload and "
        "applied automatically next time."),
    "upload.map_label": ("'{header}' · {sheet} ({dataset})", "'{header}' · {sheet} ({dataset})"),
    "upload.map_samples": ("Contoh isi: {samples}", "Sample values: {samples}"),
    "upload.map_no_samples": ("Kolom ini kosong.", "This column is empty."),
    "upload.map_suggested": ("Saran: {column}, karena {reasons}.",
                             "Suggested: {column}, because {reasons}."),
    "upload.map_no_suggestion": ("Tidak ada saran.", "No suggestion."),
    "upload.map_ignore": ("Abaikan", "Ignore"),
    "upload.map_apply": ("Terapkan pemetaan", "Apply mapping"),
    # The report's third severity (layout notes use it too)
    "unggah.severity.info": ("Info", "Info"),
}
