"""Headers of the *Lihat data* tables under charts that no dataset or page table names."""

from __future__ import annotations

TABLE_STRINGS: dict[str, tuple[str, str]] = {
    "col.units": ("Jumlah unit", "Units"),
    "col.share": ("Porsi", "Share"),
    "col.unit_key": ("Kode unit", "Unit code"),
    "col.units_with_agents": ("Unit dengan agen", "Units with agents"),
    "col.has_agents": ("Punya agen", "Has agents"),
    "col.component": ("Komponen", "Component"),
    "col.label": ("Uraian", "Item"),
    "col.score": ("Nilai", "Score"),
    "col.weight": ("Bobot", "Weight"),
    "col.wbk_minimum": ("Minimal WBK", "WBK minimum"),
    "col.wbbm_minimum": ("Minimal WBBM", "WBBM minimum"),
    "table.yes": ("Ya", "Yes"),
    "table.no": ("Tidak", "No"),
    "table.view_capped": ("Menampilkan {shown} baris pertama dari {rows}; unduh XLSX atau CSV "
                          "(tombol unduh di samping) untuk semuanya.",
                          "Showing the first {shown} of {rows} rows; download the XLSX or CSV "
                          "(the download button beside it) for all of them."),
}
