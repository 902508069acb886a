"""Strings of the safety work (issue 9): key → (Bahasa Indonesia, English).

Messages of the refusals that keep a file from taking the server down: a parse that crashed,
ran out of time or memory, a value far outside the sheet limits, a cell text that is too long.
"""

from __future__ import annotations

__all__ = ["SAFETY_STRINGS"]

SAFETY_STRINGS: dict[str, tuple[str, str]] = {
    "issue.file_parse_crashed": (
        "Berkas ini tidak dapat dibaca: pembaca lembar kerja berhenti di tengah jalan (berkasnya "
        "kemungkinan rusak atau memakai fitur yang tidak didukung). Tidak ada data yang diubah. "
        "Buka berkas di Excel, simpan ulang sebagai .xlsx (File > Simpan Sebagai), lalu unggah "
        "lagi.",
        "This file cannot be read: the spreadsheet reader stopped part-way (the file is probably "
        "damaged or uses a feature that is not supported). Nothing was changed. Open the file in "
        "Excel, save it again as .xlsx (File > Save As) and upload it again."),
    "issue.file_parse_timeout": (
        "Membaca berkas ini memakan waktu lebih dari {seconds} detik, jadi dihentikan. Tidak ada "
        "data yang diubah. Biasanya penyebabnya isi atau format jauh di luar tabel: hapus baris "
        "dan kolom kosong di bawah dan di kanan tabel, simpan, lalu unggah lagi; atau bagi "
        "berkas menjadi beberapa berkas yang lebih kecil.",
        "Reading this file took more than {seconds} seconds, so it was stopped. Nothing was "
        "changed. The usual cause is content or formatting far outside the table: delete the "
        "empty rows and columns below and to the right of the table, save, and upload again; "
        "or split the file into smaller files."),
    "issue.file_too_complex": (
        "Membaca berkas ini memerlukan memori lebih dari {max_mb} MB, jadi ditolak. Tidak ada "
        "data yang diubah. Biasanya penyebabnya isi jauh di luar tabel atau sheet yang sangat "
        "besar: hapus baris dan kolom di luar tabel, simpan, lalu unggah lagi; atau bagi berkas "
        "menjadi beberapa berkas yang lebih kecil.",
        "Reading this file needs more than {max_mb} MB of memory, so it was refused. Nothing "
        "was changed. The usual cause is content far outside the table or a very large sheet: "
        "delete the rows and columns outside the table, save, and upload again; or split the "
        "file into smaller files."),
    "issue.cell_out_of_range": (
        "Sheet '{sheet_name}' berisi nilai di sel {cell}, jauh di luar tabel: sebuah sheet "
        "dibaca paling banyak {max_rows} baris dan sampai kolom {max_column}. Hapus isi sel itu "
        "(atau seluruh baris di bawah tabel), simpan, lalu unggah lagi.",
        "Sheet '{sheet_name}' holds a value in cell {cell}, far outside the table: a sheet is "
        "read up to {max_rows} rows and up to column {max_column}. Delete that cell's content "
        "(or all the rows below the table), save, and upload again."),
    "issue.sheet_too_large": (
        "Sheet '{sheet_name}' terpakai sampai sel {cell}: {cells} sel, lebih dari {max_cells} "
        "sel yang dapat dibaca. Biasanya penyebabnya satu nilai yang tersasar jauh dari tabel: "
        "hapus isi di luar tabel (Ctrl+End di Excel menunjukkan sel terjauh), simpan, lalu "
        "unggah lagi.",
        "Sheet '{sheet_name}' is used up to cell {cell}: {cells} cells, more than the "
        "{max_cells} cells that can be read. The usual cause is one stray value far from the "
        "table: delete the content outside the table (Ctrl+End in Excel shows the farthest "
        "cell), save, and upload again."),
    "issue.cell_text_too_long": (
        "Sel {cell} di sheet '{sheet_name}' berisi teks {length} karakter; batasnya {max_chars} "
        "karakter per sel (batas Excel sendiri). Teks sepanjang itu bukan isi daftar: periksa "
        "dan perpendek sel itu, simpan, lalu unggah lagi.",
        "Cell {cell} on sheet '{sheet_name}' holds a text of {length} characters; the limit is "
        "{max_chars} characters per cell (Excel's own limit). A text that long is not roster "
        "content: check and shorten that cell, save, and upload again."),
}
