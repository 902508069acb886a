"""Messages of validation issues, by code: "issue.<code>" → (Bahasa Indonesia, English).

Placeholders come from Issue.params plus {column}, {value}, {sheet}, {file}, {row}, and the
localised {accepted}, {dataset_label}, {field_label}, {suggestion}, {nip_gender} that
Issue.message derives from the params.
"""

from __future__ import annotations

__all__ = ["ISSUE_STRINGS"]

ISSUE_STRINGS: dict[str, tuple[str, str]] = {
    "issue.file_too_large": ("Berkas terlalu besar ({size_mb} MB); batasnya {max_mb} MB.",
                       "The file is too large ({size_mb} MB); the limit is {max_mb} MB."),
    "issue.zip_bomb": ("Berkas ditolak: isinya mengembang menjadi {size_mb} MB saat dibuka, melebihi "
                 "batas {max_mb} MB.",
                 "File refused: it expands to {size_mb} MB when opened, above the {max_mb} MB "
                 "limit."),
    "issue.file_encrypted": ("Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File > "
                       "Info > Proteksi Buku Kerja), simpan, lalu unggah lagi.",
                       "The file is password-protected. Open it in Excel, remove the password "
                       "(File > Info > Protect Workbook), save it and upload it again."),
    "issue.file_corrupt": ("Berkas rusak atau tidak utuh. Buka di Excel lalu simpan ulang sebagai .xlsx.",
                     "The file is damaged or incomplete. Open it in Excel and save it again as "
                     ".xlsx."),
    "issue.file_not_spreadsheet": ("Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx, .xls) "
                             "atau CSV.",
                             "This file is not a spreadsheet. Upload an Excel (.xlsx, .xls) or "
                             "CSV file."),
    "issue.file_empty": ("Berkas tidak memuat tabel yang dikenali: tidak ada baris judul kolom seperti "
                   "NIP, Nama, Unit kerja.",
                   "The file holds no recognisable table: no header row such as NIP, Nama, "
                   "Unit kerja."),
    "issue.missing_column": ("Sheet ini tampak seperti data {dataset_label}, tetapi kolom wajib "
                       "'{field_label}' tidak ada. Judul kolom yang diterima: {accepted}.",
                       "This sheet looks like {dataset_label} data, but the required column "
                       "'{field_label}' is missing. Accepted headers: {accepted}."),
    "issue.missing_value": ("Kolom {column} wajib diisi.", "{column} is required."),
    "issue.missing_nip_or_unit": ("Isi NIP atau unit kerja: salah satu wajib ada.",
                            "Fill in the NIP or the work unit: one of them is required."),
    "issue.nip_invalid_length": ("NIP harus 18 digit; yang tertulis {length} digit.",
                           "An NIP has 18 digits; this one has {length}."),
    "issue.nip_invalid_chars": ("NIP hanya boleh berisi angka (spasi, titik dan tanda hubung boleh).",
                          "An NIP holds digits only (spaces, dots and dashes are allowed)."),
    "issue.nip_invalid_birth_date": ("Delapan digit pertama NIP ({birth}) bukan tanggal lahir yang "
                               "mungkin (TTTTBBHH).",
                               "The first eight digits of the NIP ({birth}) are not a plausible "
                               "birth date (YYYYMMDD)."),
    "issue.nip_invalid_start": ("Digit 9–14 NIP ({start}, TMT CPNS TTTTBB) tidak mungkin untuk "
                          "kelahiran {birth}.",
                          "Digits 9–14 of the NIP ({start}, service start YYYYMM) are impossible "
                          "for a birth date of {birth}."),
    "issue.nip_invalid_gender": ("Digit ke-15 NIP seharusnya 1 (laki-laki) atau 2 (perempuan).",
                           "Digit 15 of an NIP should be 1 (male) or 2 (female)."),
    "issue.nip_pppk": ("NIP PPPK (bulan {month} lebih dari 12): diterima dan ditandai sebagai PPPK.",
                 "PPPK number (month {month} above 12): accepted and marked as PPPK."),
    "issue.nip_numeric": ("NIP tersimpan sebagai angka sehingga digit terakhir hilang ({value}). Format "
                    "kolom NIP sebagai Teks lalu ketik ulang, atau awali dengan tanda kutip (').",
                    "The NIP is stored as a number, so its last digits are lost ({value}). "
                    "Format the NIP column as Text and type it again, or start it with an "
                    "apostrophe (')."),
    "issue.gender_nip_mismatch": ("Jenis kelamin '{value}' tidak sesuai dengan NIP (digit ke-15: "
                            "{nip_gender}).",
                            "Gender '{value}' does not match the NIP (digit 15: {nip_gender})."),
    "issue.duplicate_nip": ("NIP {value} ganda: sudah ada di baris {first_row}.",
                      "Duplicate NIP {value}: already on row {first_row}."),
    "issue.unit_unknown": ("Unit kerja '{value}' tidak ada di daftar unit kerja.{suggestion}",
                     "Work unit '{value}' is not in the list of work units.{suggestion}"),
    "issue.units_missing": ("Data {dataset_label} merujuk ke unit kerja, tetapi daftar unit kerja tidak "
                      "ada di unggahan maupun di data saat ini. Sertakan sheet Unit kerja.",
                      "{dataset_label} data refers to work units, but there is no list of work "
                      "units in the upload or in the current data. Include a Work units sheet."),
    "issue.inherited_unit_missing": (
        "{rows} baris {dataset_label} di versi saat ini merujuk ke {unit_count} unit kerja yang "
        "tidak ada lagi di sheet ini, antara lain: {units}. Versi baru akan mewarisi baris-baris "
        "itu tanpa unitnya. Tambahkan kembali unit tersebut, atau unggah juga sheet "
        "{dataset_label} yang sudah diperbarui.",
        "{rows} {dataset_label} rows of the current version refer to {unit_count} work units "
        "this sheet no longer lists, among them: {units}. The new version would inherit those "
        "rows without their units. Add the units back, or upload an updated {dataset_label} "
        "sheet as well."),
    "issue.inherited_unit_rekeyed": (
        "{rows} baris {dataset_label} di versi saat ini merujuk ke {unit_count} unit kerja yang "
        "masih ada di sheet ini tetapi kini dikenali dengan kode lain (kolom Kode unit "
        "ditambahkan atau diubah), antara lain: {units}. Baris-baris itu masih memakai kunci "
        "lama, sehingga tidak akan terhubung. Unggah sheet {dataset_label} bersama sheet unit "
        "ini, atau pakai kode yang sama seperti sebelumnya.",
        "{rows} {dataset_label} rows of the current version refer to {unit_count} work units "
        "this sheet still lists but now identifies by a different code (the Unit code column "
        "was added or changed), among them: {units}. Those rows still use the old key, so they "
        "would not be linked. Upload the {dataset_label} sheet together with this units sheet, "
        "or keep the codes as they were."),
    "issue.column_dropped": (
        "Sheet ini tidak memuat kolom {field_label}, padahal versi saat ini menyimpan nilainya "
        "untuk {count} baris {dataset_label}. Versi baru menggantikan seluruh data "
        "{dataset_label}, jadi nilai-nilai itu akan dikosongkan. Tambahkan kolom itu (salin dari "
        "berkas sebelumnya) bila nilainya masih berlaku.",
        "This sheet has no {field_label} column, but the current version holds values in it for "
        "{count} {dataset_label} rows. The new version replaces all {dataset_label} data, so "
        "those values would be emptied. Add the column (copy it from the previous file) if its "
        "values still hold."),
    "issue.duplicate_unit": ("Unit kerja ganda '{value}': sudah ada di baris {first_row}.",
                       "Duplicate work unit '{value}': already on row {first_row}."),
    "issue.duplicate_unit_name": ("Nama unit '{value}' dipakai lagi dengan kode lain (baris "
                            "{first_row}); agen harus merujuk unit ini dengan kodenya.",
                            "Unit name '{value}' is used again with another code (row "
                            "{first_row}); agents must refer to it by code."),
    "issue.enum_unknown": ("Nilai '{value}' tidak dikenali untuk {column}. Pilihan: {accepted}.",
                     "'{value}' is not a known value for {column}. Choose from: {accepted}."),
    "issue.out_of_range": ("Nilai {value} di luar rentang {min}–{max}.",
                     "Value {value} is outside the range {min}–{max}."),
    "issue.number_invalid": ("'{value}' bukan angka yang sah (contoh: 75,50).",
                       "'{value}' is not a valid number (e.g. 75.50)."),
    "issue.date_invalid": ("'{value}' bukan tanggal yang dapat dibaca (contoh: 04/08/2020 atau "
                     "4 Agustus 2020).",
                     "'{value}' is not a readable date (e.g. 04/08/2020 or 4 Agustus 2020)."),
    "issue.rank_invalid": ("Golongan '{value}' tidak dikenali (contoh: III/a, IIIa, 3a).",
                     "Rank '{value}' is not recognised (e.g. III/a, IIIa, 3a)."),
    "issue.email_invalid": ("'{value}' bukan alamat email yang sah.",
                      "'{value}' is not a valid e-mail address."),
    "issue.lke_total_mismatch": ("Jumlah nilai area dan hasil ({total}) berbeda dari nilai LKE "
                           "({value}).",
                           "The areas and results add up to {total}, not to the LKE score "
                           "({value})."),
    "issue.sheet_unrecognised": ("Sheet '{sheet}' tidak dikenali sebagai data apa pun dan dilewati.",
                           "Sheet '{sheet}' is not recognised as any dataset and was skipped."),
    "issue.sheet_empty": ("Sheet '{sheet}' ({dataset_label}) tidak berisi baris data dan dilewati; "
                    "data yang tersimpan tetap dipakai.",
                    "Sheet '{sheet}' ({dataset_label}) has no data rows and was skipped; the "
                    "stored data stays in use."),
    "issue.unknown_header": ("Kolom berikut tidak dikenali (atau ganda) dan diabaikan: {headers}.",
                       "These columns are not recognised (or repeated) and were ignored: "
                       "{headers}."),
    "issue.no_data": ("Tidak ada data yang dikenali dalam unggahan. Gunakan templat, atau pastikan ada "
                "baris judul kolom (NIP, Nama, Unit kerja, …).",
                "No recognisable data in the upload. Use the template, or make sure there is a "
                "header row (NIP, Nama, Unit kerja, …)."),
    "issue.attendance_unknown_nip": ("NIP {value} di data kehadiran tidak ada di daftar agen.",
                               "NIP {value} in the attendance data is not in the list of agents."),
    "issue.plan_unknown_nip": ("NIP {value} di rencana tindak lanjut tidak ada di daftar agen.",
                         "NIP {value} in the action plans is not in the list of agents."),
    "issue.too_many_issues": ("Ada {count} masalah '{other_code}' lain di kolom ini yang tidak "
                        "ditampilkan.",
                        "{count} more '{other_code}' issues in this column are not shown."),
    "issue.suggestion": ("Mungkin maksudnya: {names}?", "Did you mean: {names}?"),
}
