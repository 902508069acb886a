"""Strings of scoped uploads: rows outside an account's scope, and the upload page's notes.

The issue messages take {eselon1} (where the row belongs) and {scope} (the Eselon I or units the
account may upload for). A unit or NIP another scope already holds is named as such, never with
its unit or Eselon I, and so is a row whose unit comes from its agent's NIP: a scoped admin
learns nothing of another scope's data, nor where a person works, from its upload.
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
    "issue.scope_agent_outside": (
        "Agen dengan NIP ini terdaftar di unit kerja di luar cakupan akun ini ({scope}). Hapus "
        "baris ini, atau minta admin cakupan agen itu atau admin nasional (admin tanpa cakupan "
        "atau superadmin) mengunggahnya.",
        "The agent with this NIP is registered in a work unit outside this account's scope "
        "({scope}). Remove the row, or ask an admin of that agent's scope or a national admin "
        "(an admin without a scope, or a superadmin) to upload it."),
    "issue.scope_unit_elsewhere": (
        "Unit kerja ini sudah terdaftar di cakupan lain pada versi saat ini, bukan di cakupan "
        "akun ini ({scope}). Hapus baris ini, atau minta admin cakupan unit itu atau admin "
        "nasional (admin tanpa cakupan atau superadmin) mengubahnya.",
        "This work unit is already registered in another scope in the current version, not in "
        "this account's scope ({scope}). Remove the row, or ask an admin of that unit's scope "
        "or a national admin (an admin without a scope, or a superadmin) to change it."),
    "issue.scope_nip_elsewhere": (
        "NIP ini sudah terdaftar sebagai agen di cakupan lain pada versi saat ini, bukan di "
        "cakupan akun ini ({scope}). Satu NIP hanya ada di satu unit: hapus baris ini, atau "
        "minta admin cakupan itu menghapusnya lebih dulu, atau admin nasional (admin tanpa "
        "cakupan atau superadmin) memindahkannya.",
        "This NIP is already registered as an agent in another scope in the current version, "
        "not in this account's scope ({scope}). One NIP belongs to one unit: remove the row, "
        "or ask an admin of that scope to remove it first, or a national admin (an admin "
        "without a scope, or a superadmin) to move it."),
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
