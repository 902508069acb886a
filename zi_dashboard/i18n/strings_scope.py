"""Strings of scoped uploads: rows outside an account's scope, and the upload page's notes.

The issue messages take {eselon1} (where the row belongs), {scope} (the Eselon I or units the
account may upload for) and, for rows already held elsewhere, {unit}.
"""

from __future__ import annotations

__all__ = ["SCOPE_STRINGS"]

SCOPE_STRINGS: dict[str, tuple[str, str]] = {
    "issue.scope_outside": (
        "Baris ini milik Eselon I {eselon1}, di luar cakupan akun ini. Akun ini hanya dapat "
        "mengunggah data untuk: {scope}. Hapus baris ini, atau minta admin {eselon1} atau "
        "superadmin mengunggahnya.",
        "This row belongs to Eselon I {eselon1}, outside this account's scope. This account may "
        "upload data only for: {scope}. Remove the row, or ask an admin of {eselon1} or a "
        "superadmin to upload it."),
    "issue.scope_unit_elsewhere": (
        "Unit kerja ini sudah terdaftar sebagai {unit} di Eselon I {eselon1} pada versi saat "
        "ini, di luar cakupan akun ini ({scope}). Memindahkan unit antar-Eselon I hanya dapat "
        "dilakukan admin tanpa cakupan atau superadmin.",
        "This work unit is already registered as {unit} under Eselon I {eselon1} in the current "
        "version, outside this account's scope ({scope}). Only an admin without a scope or a "
        "superadmin can move a unit between Eselon I."),
    "issue.scope_nip_elsewhere": (
        "NIP ini sudah terdaftar sebagai agen di {unit} (Eselon I {eselon1}) pada versi saat "
        "ini, di luar cakupan akun ini ({scope}). Satu NIP hanya ada di satu unit: minta admin "
        "{eselon1} menghapusnya lebih dulu, atau minta superadmin memindahkannya.",
        "This NIP is already registered as an agent of {unit} (Eselon I {eselon1}) in the "
        "current version, outside this account's scope ({scope}). One NIP belongs to one unit: "
        "ask an admin of {eselon1} to remove it first, or a superadmin to move it."),
    "issue.scope_unresolved": (
        "Unit kerja baris ini tidak diketahui, sehingga tidak dapat dipastikan termasuk cakupan "
        "akun ini ({scope}). Akun dengan cakupan hanya dapat mengunggah baris unit kerjanya "
        "sendiri: isi unit kerjanya, atau daftarkan agennya di sheet Agen perubahan.",
        "This row's work unit is unknown, so it can't be checked against this account's scope "
        "({scope}). A scoped account may upload only rows of its own work units: fill in the "
        "unit, or list the agent in the agents sheet."),
    "scope.upload_note": (
        "Anda mengunggah untuk {scope}. Baris unit kerja lain tetap seperti di versi {version}; "
        "pratinjau perubahan di bawah hanya memuat cakupan Anda.",
        "You upload for {scope}. Rows of other work units stay as in version {version}; the "
        "preview of changes below shows your scope only."),
    "scope.upload_note_first": (
        "Anda mengunggah untuk {scope}: hanya baris unit kerja dalam cakupan ini yang diterima.",
        "You upload for {scope}: only rows of work units in this scope are accepted."),
    "scope.files_hidden": (
        "Berkas asli tidak ditawarkan untuk akun dengan cakupan: berkas suatu versi dapat memuat "
        "data unit kerja di luar cakupan Anda.",
        "Original files are not offered to a scoped account: a version's files may hold data of "
        "work units outside your scope."),
}
