"""UI strings of the admin pages (Unggah Data, Riwayat Data): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["ADMIN_STRINGS"]

ADMIN_STRINGS: dict[str, tuple[str, str]] = {
    # Unggah Data
    "unggah.intro": ("Unggah roster Excel atau CSV. Isinya diperiksa lebih dulu; tidak ada yang "
                     "tersimpan sebelum Anda menekan Simpan.",
                     "Upload Excel or CSV rosters. They are checked first; nothing is stored "
                     "until you press Save."),
    "unggah.template_help": ("Templat berisi satu sheet per jenis data, daftar pilihan untuk "
                             "isian baku, dan sheet Petunjuk yang menjelaskan setiap kolom.",
                             "The template has one sheet per dataset, drop-down lists for fixed "
                             "entries, and a Help sheet explaining every column."),
    "unggah.template_button": ("Unduh templat Excel", "Download the Excel template"),
    "unggah.files_label": ("Berkas data (boleh beberapa sekaligus)",
                           "Data files (several at once are fine)"),
    "unggah.files_help": ("Excel (.xlsx, .xls) atau CSV, paling besar {max_mb} MB per berkas. "
                          "Jenis berkas dikenali dari isinya, bukan dari namanya.",
                          "Excel (.xlsx, .xls) or CSV, at most {max_mb} MB per file. Files are "
                          "judged by their content, not their name."),
    "unggah.waiting": ("Pilih satu atau beberapa berkas untuk memulai pemeriksaan.",
                       "Choose one or more files to start the check."),
    "unggah.reading": ("Membaca dan memeriksa {n} berkas…",
                       "Reading and checking {n} file(s)…"),
    "unggah.read_file": ("Dibaca: {name} ({size})", "Read: {name} ({size})"),
    "unggah.checked": ("Pemeriksaan selesai: {errors} kesalahan, {warnings} peringatan",
                       "Check finished: {errors} error(s), {warnings} warning(s)"),
    "unggah.report_title": ("Laporan pemeriksaan", "Validation report"),
    "unggah.report_clean": ("Tidak ada masalah. {rows} baris siap disimpan.",
                            "No problems found. {rows} rows are ready to be saved."),
    "unggah.sheets_title": ("Sheet yang dibaca", "Sheets read"),
    "unggah.sheet_skipped": ("(dilewati)", "(skipped)"),
    "unggah.filter_severity": ("Tampilkan", "Show"),
    "unggah.filter_text": ("Cari di laporan", "Search the report"),
    "unggah.filter_placeholder": ("NIP, nama berkas, kolom, pesan…", "NIP, file name, column, "
                                  "message…"),
    "unggah.filtered": ("{shown} dari {total} masalah ditampilkan.",
                        "Showing {shown} of {total} issues."),
    "unggah.download_report": ("Unduh laporan (xlsx, sel bermasalah ditandai)",
                               "Download the report (xlsx, problem cells marked)"),
    "unggah.blocked": ("Data belum dapat disimpan: ada {count} kesalahan yang harus diperbaiki. "
                       "Yang pertama:",
                       "The data cannot be saved yet: {count} error(s) must be fixed. The "
                       "first:"),
    "unggah.blocked_more": ("… dan {n} lainnya (lihat laporan).", "… and {n} more (see the "
                            "report)."),
    "unggah.at": ("{file} · {sheet} baris {row} · {column}", "{file} · {sheet} row {row} · "
                  "{column}"),
    "unggah.warnings": ("Ada {count} peringatan. Data boleh disimpan setelah Anda "
                        "mengonfirmasinya.",
                        "There are {count} warning(s). The data may be saved once you confirm."),
    "unggah.confirm": ("Saya sudah membaca {count} peringatan dan tetap ingin menyimpan.",
                       "I have read the {count} warning(s) and want to save anyway."),
    "unggah.confirm_needed": ("Centang konfirmasi peringatan terlebih dahulu.",
                              "Tick the warnings confirmation first."),
    "unggah.diff_title": ("Pratinjau perubahan", "Preview of the changes"),
    "unggah.diff_against": ("Dibandingkan dengan versi aktif ({version}).",
                            "Compared with the current version ({version})."),
    "unggah.diff_first": ("Belum ada data tersimpan: unggahan ini menjadi versi pertama.",
                          "No data stored yet: this upload becomes the first version."),
    "unggah.partial": ("Unggahan ini hanya memuat {datasets}; data lainnya tetap dari versi "
                       "{version}.",
                       "This upload holds only {datasets}; the other data stays from version "
                       "{version}."),
    "unggah.same_as": ("Berkas ini sama persis dengan versi {version} yang sudah tersimpan.",
                       "These files are byte-identical to stored version {version}."),
    "unggah.commit_title": ("Simpan", "Save"),
    "unggah.note_label": ("Catatan versi", "Version note"),
    "unggah.note_placeholder": ("mis. Roster agen perubahan per Agustus 2020",
                                "e.g. Agents roster as of August 2020"),
    "unggah.commit_button": ("Simpan sebagai versi baru", "Save as a new version"),
    "unggah.saving": ("Menyimpan…", "Saving…"),
    "store.busy": ("Unggahan lain sedang disimpan; coba lagi sebentar lagi.",
                   "Another upload is being saved; try again in a moment."),
    "unggah.committed": ("Tersimpan sebagai versi {version}. Dasbor kini menampilkan data ini.",
                         "Saved as version {version}. The dashboard now shows this data."),
    "unggah.identical": ("Tidak ada versi baru: berkas ini sama persis dengan versi {version} "
                         "({date}).",
                         "No new version: these files are byte-identical to version {version} "
                         "({date})."),
    "unggah.identical_inactive": ("Versi {version} bukan versi aktif; aktifkan lewat Riwayat Data "
                                  "bila perlu.",
                                  "Version {version} is not the current one; make it current "
                                  "from Data history if needed."),
    "unggah.saved_hint": ("Berkas di atas sudah diproses. Hapus berkas itu atau pilih berkas lain "
                          "untuk unggahan berikutnya.",
                          "The files above have been processed. Remove them or choose other files "
                          "for the next upload."),
    "unggah.refused": ("Tidak tersimpan: pemeriksaan menemukan kesalahan.",
                       "Not saved: the check found errors."),
    "unggah.to_ringkasan": ("Lihat Ringkasan", "Open the Overview"),
    "unggah.to_riwayat": ("Buka Riwayat Data", "Open Data history"),
    # Validation report columns and severities
    "unggah.col.severity": ("Tingkat", "Severity"),
    "unggah.col.file": ("Berkas", "File"),
    "unggah.col.sheet": ("Sheet", "Sheet"),
    "unggah.col.row": ("Baris", "Row"),
    "unggah.col.column": ("Kolom", "Column"),
    "unggah.col.code": ("Kode", "Code"),
    "unggah.col.message": ("Pesan", "Message"),
    "unggah.col.value": ("Nilai", "Value"),
    "unggah.col.cell": ("Sel", "Cell"),
    "unggah.col.dataset": ("Jenis data", "Dataset"),
    "unggah.col.rows": ("Baris data", "Data rows"),
    "unggah.col.header_row": ("Baris judul", "Header row"),
    "unggah.severity.error": ("Kesalahan", "Error"),
    "unggah.severity.warning": ("Peringatan", "Warning"),
    "unggah.report_author": ("Dasbor ZI", "ZI Dashboard"),
    # Diff (Unggah Data preview and Riwayat Data comparison)
    "unggah.diff.agents": ("Agen perubahan", "Agents of change"),
    "unggah.diff.agents_added": ("Agen baru", "Agents added"),
    "unggah.diff.agents_removed": ("Agen keluar", "Agents removed"),
    "unggah.diff.agents_moved": ("Pindah unit", "Moved unit"),
    "unggah.diff.attendance_changed": ("Kehadiran berubah", "Attendance changed"),
    "unggah.diff.units": ("Unit kerja", "Work units"),
    "unggah.diff.units_stage_changed": ("Tahap ZI berubah", "ZI stage changed"),
    "unggah.diff.units_score_changed": ("Nilai LKE berubah", "LKE score changed"),
    "unggah.diff.units_added": ("Unit baru", "Units added"),
    "unggah.diff.units_removed": ("Unit dihapus", "Units removed"),
    "unggah.diff.tab": ("{label} ({n})", "{label} ({n})"),
    "unggah.diff.none": ("Tidak ada perubahan pada agen maupun unit kerja.",
                         "No change to agents or work units."),
    "unggah.diff.empty_tab": ("Tidak ada.", "None."),
    "unggah.diff.old_unit": ("Unit lama", "Previous unit"),
    "unggah.diff.new_unit": ("Unit baru", "New unit"),
    "unggah.diff.old": ("Sebelum", "Before"),
    "unggah.diff.new": ("Sesudah", "After"),
    "unggah.diff.delta": ("Selisih", "Change"),
    # Riwayat Data
    "riwayat.intro": ("Setiap unggahan menjadi versi baru; versi lama tidak pernah dihapus. "
                      "Mengembalikan versi hanya memindahkan penanda versi aktif.",
                      "Every upload becomes a new version; old versions are never deleted. "
                      "Rolling back only moves the current-version marker."),
    "riwayat.versions_title": ("Versi data", "Data versions"),
    "riwayat.no_versions": ("Belum ada versi data.", "No data versions yet."),
    "riwayat.col.version": ("Versi", "Version"),
    "riwayat.col.time": ("Waktu ({zone})", "Time ({zone})"),
    "riwayat.col.uploader": ("Pengunggah", "Uploaded by"),
    "riwayat.col.note": ("Catatan", "Note"),
    "riwayat.col.files": ("Berkas", "Files"),
    "riwayat.col.sha": ("SHA-256", "SHA-256"),
    "riwayat.col.current": ("Aktif", "Current"),
    "riwayat.col.kind": ("Kejadian", "Event"),
    "riwayat.col.actor": ("Pelaku", "Actor"),
    "riwayat.col.detail": ("Rincian", "Detail"),
    "riwayat.current_mark": ("✔ aktif", "✔ current"),
    "riwayat.version_label": ("Versi {version} · {date} · {uploader}",
                              "Version {version} · {date} · {uploader}"),
    "riwayat.version_label_hidden": ("Versi {version} · {date}", "Version {version} · {date}"),
    "riwayat.others_hidden": ("Versi yang diunggah akun lain hanya ditampilkan nomor dan "
                              "waktunya (—): catatan, berkas, pengunggah, dan jumlah barisnya "
                              "bukan bagian cakupan Anda.",
                              "Versions other accounts uploaded show only their number and "
                              "time (—): their note, files, uploader and row counts are not "
                              "your scope's."),
    "riwayat.diff_title": ("Bandingkan dua versi", "Compare two versions"),
    "riwayat.diff_from": ("Dari versi", "From version"),
    "riwayat.diff_to": ("Ke versi", "To version"),
    "riwayat.diff_same": ("Pilih dua versi yang berbeda.", "Choose two different versions."),
    "riwayat.files_title": ("Berkas asli", "Original files"),
    "riwayat.files_version": ("Berkas dari versi", "Files of version"),
    "riwayat.no_files": ("Versi ini tidak menyimpan berkas.", "This version holds no files."),
    "riwayat.download": ("Unduh {name} ({size})", "Download {name} ({size})"),
    "riwayat.rollback_title": ("Kembalikan ke versi lain", "Roll back to another version"),
    "riwayat.rollback_help": ("Versi yang dipilih menjadi versi aktif di seluruh dasbor. Tidak "
                              "ada data yang dihapus; Anda dapat berpindah lagi kapan saja.",
                              "The chosen version becomes current across the dashboard. Nothing "
                              "is deleted; you can switch again at any time."),
    "riwayat.rollback_target": ("Versi yang akan diaktifkan", "Version to make current"),
    "riwayat.rollback_confirm": ("Saya yakin ingin mengaktifkan versi yang dipilih.",
                                 "I am sure I want to make the chosen version current."),
    "riwayat.rollback_button": ("Aktifkan versi ini", "Make this version current"),
    "riwayat.rollback_needs_confirm": ("Centang konfirmasi terlebih dahulu.",
                                       "Tick the confirmation first."),
    "riwayat.rollback_only_one": ("Hanya ada satu versi; belum ada yang dapat dikembalikan.",
                                  "There is only one version; nothing to roll back to."),
    "riwayat.rolled_back": ("Versi {version} sekarang aktif.", "Version {version} is now current."),
    "riwayat.events_title": ("Log audit", "Audit log"),
    "riwayat.no_events": ("Belum ada kejadian tercatat.", "No events recorded yet."),
    "riwayat.kind.upload": ("Unggah data", "Upload"),
    "riwayat.kind.upload_refused": ("Unggahan ditolak", "Upload refused"),
    "riwayat.kind.sign_in": ("Masuk", "Sign-in"),
    "riwayat.kind.sign_in_failed": ("Gagal masuk", "Failed sign-in"),
    "riwayat.kind.sign_out": ("Keluar", "Sign-out"),
    "riwayat.kind.rollback": ("Kembalikan versi", "Rollback"),
    "riwayat.kind.export": ("Unduhan", "Download"),
    "riwayat.kind.column_mappings": ("Pemetaan kolom", "Column mapping"),
    "riwayat.kind.user_added": ("Akun ditambahkan", "Account added"),
    "riwayat.kind.user_changed": ("Peran akun diubah", "Account role changed"),
    "riwayat.kind.user_disabled": ("Akun dinonaktifkan", "Account disabled"),
    "riwayat.kind.user_enabled": ("Akun diaktifkan", "Account enabled"),
    "riwayat.kind.user_password": ("Kata sandi diubah", "Password changed"),
}
