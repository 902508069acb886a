"""Strings of the values work (issue 9): key → (Bahasa Indonesia, English).

Issue messages of value variants (stage years, thousands read from '75.500', normalised NIPs,
abbreviated unit names) and the "left empty" sentence that report.Issue.message adds to an
unreadable cell of an optional column.
"""

from __future__ import annotations

__all__ = ["VALUE_STRINGS"]

VALUE_STRINGS: dict[str, tuple[str, str]] = {
    "issue.left_empty": (
        "Kolom ini tidak wajib, jadi sel {column} baris {row} dibiarkan kosong; perbaiki "
        "nilainya lalu unggah ulang bila isinya diperlukan.",
        "The column is optional, so cell {column} on row {row} will be left empty; fix the "
        "value and upload again if it is needed."),
    "issue.number_thousands_ambiguous": (
        "'{value}' dibaca sebagai {read} karena '.' memisahkan ribuan dalam bahasa Indonesia, "
        "dan {read} di luar rentang {min}–{max}. Untuk desimal pakai koma: tulis {written}.",
        "'{value}' was read as {read} because '.' separates thousands in Indonesian, and {read} "
        "is outside the range {min}–{max}. For a decimal use a comma: write {written}."),
    "issue.stage_year_mismatch": (
        "Tahap ZI di baris ini menyebut tahun {stage_year}, tetapi {column} berisi {value}. "
        "Yang dipakai {value} dari kolom {column}; samakan keduanya bila itu keliru.",
        "The ZI stage on this row names the year {stage_year}, but {column} holds {value}. "
        "The {column} value {value} is used; make the two agree if that is wrong."),
    "issue.nip_digits_normalised": (
        "NIP ditulis dengan angka lebar penuh atau angka Arab-Indik; dibaca sebagai {nip}. "
        "Ketik ulang dengan angka biasa agar aplikasi lain juga dapat membacanya.",
        "The NIP is written with full-width or Arabic-Indic digits; it was read as {nip}. "
        "Retype it with plain digits so that other software can read it too."),
    "issue.nip_invisible_normalised": (
        "NIP memuat karakter tak terlihat (spasi nol-lebar, BOM, tanda hubung lunak atau spasi "
        "tak terputus), biasanya tersalin dari web atau PDF; karakter itu dibuang dan NIP "
        "dibaca sebagai {nip}.",
        "The NIP holds invisible characters (zero-width space, BOM, soft hyphen or no-break "
        "space), usually copied from a web page or a PDF; they were removed and the NIP was "
        "read as {nip}."),
    "issue.unit_name_resolved": (
        "Unit kerja '{value}' dibaca sebagai '{unit}': singkatannya diuraikan dan hanya unit ini "
        "yang cocok. Agar langsung dikenali, tambahkan '{value}' di kolom Nama lain unit pada "
        "sheet Unit kerja.",
        "Work unit '{value}' was read as '{unit}': with its abbreviations written out, only "
        "this unit fits. To have it recognised directly, add '{value}' to the Unit aliases "
        "column of the Work units sheet."),
}
