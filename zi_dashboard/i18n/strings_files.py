"""Strings of files the app writes: template, report workbook, image export: key → (id, en)."""

from __future__ import annotations

__all__ = ["FILE_STRINGS"]

FILE_STRINGS: dict[str, tuple[str, str]] = {
    # Image export (exports/images.py); {path} / {error} are filled in.
    "export.no_browser": ("Ekspor gambar di server tidak tersedia: Chromium tidak ditemukan "
                          "({path}). Gunakan tombol kamera pada grafik untuk mengunduh PNG dari "
                          "peramban.",
                          "Server-side image export is unavailable: Chromium was not found "
                          "({path}). Use the camera button on the chart to download a PNG from "
                          "the browser."),
    "export.no_plotlyjs": ("Ekspor gambar tidak tersedia: plotly.min.js lokal tidak ditemukan "
                           "({path}).",
                           "Image export is unavailable: the local plotly.min.js was not found "
                           "({path})."),
    "export.start_failed": ("Ekspor gambar tidak tersedia: Chromium gagal dijalankan ({error}).",
                            "Image export is unavailable: Chromium failed to start ({error})."),
    # The validation report workbook (ingest/report_workbook.py).
    "unggah.report_sheet": ("Laporan", "Report"),
    # The upload template's help sheet (ingest/template.py).
    "template.title": ("Petunjuk pengisian templat Dasbor Zona Integritas",
                       "How to fill in the Zona Integritas Dashboard template"),
    "template.intro": ("Isi satu baris per data di tiap sheet. Kolom bertanda * wajib diisi; "
                       "sheet yang tidak diisi dibiarkan kosong (data tersimpan tetap dipakai). "
                       "Judul kolom boleh memakai sinonim yang lazim (mis. Satker untuk Unit "
                       "kerja).",
                       "Fill one row per record in each sheet. Columns marked * are required; "
                       "leave a sheet empty to keep the stored data. Headers may use common "
                       "synonyms (e.g. Satker for Unit kerja)."),
    "template.sheet": ("Sheet: {label}", "Sheet: {label}"),
    "template.head.column": ("Kolom", "Column"),
    "template.head.required": ("Wajib", "Required"),
    "template.head.accepted": ("Isian yang diterima", "Accepted entries"),
    "template.head.help": ("Penjelasan", "Explanation"),
    "template.head.example": ("Contoh isian", "Sample entry"),
    "template.required": ("Wajib", "Required"),
    "template.yes": ("Ya", "Yes"),
    "template.no": ("Tidak", "No"),
    "template.text": ("Teks", "Text"),
    "template.number": ("Angka {min}–{max}; desimal boleh memakai koma (75,50)",
                        "Number {min}–{max}; a decimal comma is accepted (75,50)"),
    "template.year": ("Tahun {min}–{max}", "Year {min}–{max}"),
    "template.date": ("Tanggal: 04/08/2020, 4 Agustus 2020 atau 2020-08-04",
                      "Date: 04/08/2020, 4 Agustus 2020 or 2020-08-04"),
    "template.nip": ("18 digit, diketik sebagai teks; spasi atau titik boleh",
                     "18 digits typed as text; spaces or dots allowed"),
    "template.rank": ("Golongan I/a … IV/e (juga IIIa, III-a, 3a)",
                      "Rank I/a … IV/e (also IIIa, III-a, 3a)"),
    "template.email": ("Alamat email", "E-mail address"),
    "template.enum": ("Salah satu: {values}", "One of: {values}"),
    "template.list_error": ("Pilih dari daftar (sinonim yang lazim tetap diterima).",
                            "Pick from the list (common synonyms are still accepted)."),
    "template.help_sheet": ("Petunjuk", "Help"),
}
