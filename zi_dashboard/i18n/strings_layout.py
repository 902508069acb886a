"""Strings of the layout work (issue 9): key → (Bahasa Indonesia, English).

Issue messages ("issue.<code>") fill {sheet} {row} {value} {column} and the params the reader
gives: {range} (A20:D25), {rows} ("12, 15–17"), {count}, {group}, {options}, {letters},
{sheets}.
"""

from __future__ import annotations

__all__ = ["LAYOUT_STRINGS"]

LAYOUT_STRINGS: dict[str, tuple[str, str]] = {
    "issue.total_row_skipped": (
        "Baris {row} ('{value}') adalah baris jumlah atau rekap, bukan data: baris ini dilewati.",
        "Row {row} ('{value}') is a total or recap row, not data: it is left out."),
    "issue.header_repeated": (
        "Baris {row} mengulang baris judul kolom (biasanya judul yang dicetak di setiap "
        "halaman): baris ini dilewati dan data di bawahnya tetap dibaca.",
        "Row {row} repeats the header row (usually a header printed on every page): it is left "
        "out, and the data below it is still read."),
    "issue.cell_unreadable": (
        "Sel {column} baris {row} berisi '{value}' dan tidak punya nilai yang bisa dibaca (galat "
        "Excel, atau rumus yang disimpan tanpa hasil hitungnya), sehingga dibiarkan kosong. "
        "Perbaiki rumusnya, atau buka dan simpan berkas di Excel agar hasilnya ikut tersimpan.",
        "Cell {column} on row {row} holds '{value}' and no value that can be read (an Excel "
        "error, or a formula saved without its result), so it is left empty. Fix the formula, or "
        "open and save the file in Excel so the results are saved with it."),
    "issue.table_ignored": (
        "Sheet '{sheet}' memuat tabel lain di {range} (mulai baris {row}), di luar tabel yang "
        "dibaca. Tabel itu tidak diimpor. Jika isinya data yang perlu diimpor, pindahkan ke "
        "sheet sendiri dengan baris judul kolomnya.",
        "Sheet '{sheet}' holds another table at {range} (from row {row}), outside the table that "
        "was read. It is not imported. If it holds data to import, move it to a sheet of its own "
        "with its header row."),
    "issue.hidden_rows_imported": (
        "Baris tersembunyi di sheet '{sheet}' ikut diimpor: baris {rows} ({count} baris). "
        "Baris tersembunyi sering berisi pegawai yang sudah keluar. Untuk melewatinya, centang "
        "'Lewati baris dan sheet tersembunyi' saat mengunggah, atau pakai --skip-hidden di CLI.",
        "Hidden rows of sheet '{sheet}' are imported: rows {rows} ({count} in all). Hidden rows "
        "often hold people who have left. To leave them out, tick 'Leave out hidden rows and "
        "sheets' when uploading, or use --skip-hidden on the command line."),
    "issue.hidden_rows_skipped": (
        "Baris tersembunyi di sheet '{sheet}' dilewati, sesuai pilihan Anda: baris {rows} "
        "({count} baris).",
        "Hidden rows of sheet '{sheet}' are left out, as you chose: rows {rows} ({count} in "
        "all)."),
    "issue.hidden_sheet_imported": (
        "Sheet '{sheet}' tersembunyi, tetapi ikut diimpor ({count} baris data). Sheet tersembunyi "
        "sering berisi data lama. Untuk melewatinya, centang 'Lewati baris dan sheet "
        "tersembunyi' saat mengunggah, atau pakai --skip-hidden di CLI.",
        "Sheet '{sheet}' is hidden, but it is imported ({count} data rows). Hidden sheets often "
        "hold old data. To leave it out, tick 'Leave out hidden rows and sheets' when uploading, "
        "or use --skip-hidden on the command line."),
    "issue.hidden_sheet_skipped": (
        "Sheet tersembunyi '{sheet}' ({count} baris data) dilewati, sesuai pilihan Anda.",
        "Hidden sheet '{sheet}' ({count} data rows) is left out, as you chose."),
    "issue.hidden_sheet_not_read": (
        "Sheet tersembunyi '{sheet}' tidak dibaca: tidak ada tabel data yang dikenali di "
        "dalamnya.",
        "Hidden sheet '{sheet}' is not read: it holds no recognisable data table."),
    "issue.file_only_hidden": (
        "Semua tabel data di berkas ini ada di sheet tersembunyi ({sheets}), dan Anda memilih "
        "melewati yang tersembunyi. Hapus centang 'Lewati baris dan sheet tersembunyi' untuk "
        "mengimpornya, atau tampilkan sheet itu di Excel.",
        "Every data table in this file is on a hidden sheet ({sheets}), and you chose to leave "
        "hidden ones out. Untick 'Leave out hidden rows and sheets' to import them, or unhide "
        "the sheet in Excel."),
    "issue.ticks_conflict": (
        "Lebih dari satu pilihan '{group}' dicentang ({options}, kolom {letters}): '{value}'. "
        "Satu baris hanya boleh satu pilihan, jadi nilainya dikosongkan. Biarkan satu centang "
        "saja.",
        "More than one '{group}' option is ticked ({options}, columns {letters}): '{value}'. A "
        "row takes one option only, so the value is left empty. Keep one tick only."),
    "issue.tick_unreadable": (
        "Tanda di kolom '{group}' ({options}, kolom {letters}) tidak terbaca: '{value}'. "
        "Nilainya dikosongkan. Tandai pilihan dengan ✓, v, x atau 1 dan biarkan yang lain "
        "kosong.",
        "The mark under '{group}' ({options}, columns {letters}) can't be read: '{value}'. The "
        "value is left empty. Mark the option with ✓, v, x or 1 and leave the others blank."),
}
