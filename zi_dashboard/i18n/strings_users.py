"""Strings of account management: the Pengguna page and `python -m zi_dashboard users …`."""

from __future__ import annotations

__all__ = ["USER_STRINGS"]

USER_STRINGS: dict[str, tuple[str, str]] = {
    # Errors (UserError codes)
    "users.disabled": ("Akun {name} dinonaktifkan. Aktifkan lagi dengan `users enable {name}`.",
                       "Account {name} is disabled. Enable it again with `users enable {name}`."),
    "users.scope_unknown_eselon1": (
        "\"{value}\" bukan Eselon I pada versi data saat ini. Yang paling mirip: {matches}.",
        "\"{value}\" is no Eselon I of the current data version. Closest: {matches}."),
    "users.scope_unknown_unit": (
        "\"{value}\" bukan kode atau nama unit kerja pada versi data saat ini. Yang paling "
        "mirip: {matches}.",
        "\"{value}\" is no work unit code or name of the current data version. Closest: "
        "{matches}."),
    "users.scope_ambiguous_unit": (
        "\"{value}\" adalah nama beberapa unit kerja pada versi data saat ini: {candidates}. "
        "Pilih satu dengan kode (atau kunci) di dalam kurung.",
        "\"{value}\" names several work units of the current data version: {candidates}. "
        "Give the one you mean by the code (or key) in brackets."),
    "users.scope_no_data": ("Cakupan \"{value}\" belum dapat diperiksa: belum ada data. Impor "
                            "data lebih dulu.",
                            "The scope \"{value}\" can't be checked yet: there is no data. "
                            "Import data first."),
    "users.password_short": ("Kata sandi minimal {minimum} karakter.",
                             "A password needs at least {minimum} characters."),
    "users.password_mismatch": ("Kedua kata sandi tidak sama.", "The two passwords differ."),
    "users.password_missing": ("Tidak ada kata sandi di standard input.",
                               "No password on standard input."),
    "users.self_lockout": ("Anda tidak dapat menonaktifkan atau menurunkan peran akun Anda "
                           "sendiri ({name}): Anda akan terkunci dari halaman ini.",
                           "You can't disable or demote your own account ({name}): it would "
                           "lock you out of this page."),
    # CLI
    "users.cli.help": ("Kelola akun: tambah, daftar, nonaktifkan, aktifkan, ubah peran, kata "
                       "sandi.",
                       "Manage accounts: add, list, disable, enable, change role, password."),
    "users.cli.add_help": ("Tambah akun (kata sandi hanya dari standard input).",
                           "Add an account (a password only from standard input)."),
    "users.cli.list_help": ("Daftar semua akun.", "List every account."),
    "users.cli.disable_help": ("Nonaktifkan akun (barisnya tetap ada untuk log audit).",
                               "Disable an account (its row stays for the audit log)."),
    "users.cli.enable_help": ("Aktifkan lagi akun yang dinonaktifkan.",
                              "Enable a disabled account again."),
    "users.cli.set_role_help": ("Beri akun peran dan cakupan baru.",
                                "Give an account a new role and scope."),
    "users.cli.set_password_help": ("Simpan kata sandi baru dari standard input.",
                                    "Store a new password read from standard input."),
    "users.cli.scope_help": ("Eselon I (peran eselon1, admin) atau kode/nama unit (peran unit, "
                             "disimpan sebagai kunci unit: kodenya bila ada); boleh diulang",
                             "an Eselon I (roles eselon1, admin) or a unit code or name (role "
                             "unit, kept by the unit's key: its code where it has one); "
                             "repeatable"),
    "users.cli.migrate_help": ("Ganti nama unit yang masih tersimpan di cakupan akun dengan kode "
                               "unitnya pada versi data saat ini.",
                               "Replace the unit names still stored in account scopes by their "
                               "unit's code in the current data version."),
    "users.cli.dry_run_help": ("hanya tampilkan perubahannya, tanpa menyimpan",
                               "only show the changes, store nothing"),
    "users.migrated": ("{name}: {old} → {new}", "{name}: {old} → {new}"),
    "users.migrate_refused": ("{name}: tidak diubah ({reason})", "{name}: not changed ({reason})"),
    "users.migrate_done": ("{changed} akun diubah, {refused} tidak dapat diubah.",
                           "{changed} accounts changed, {refused} could not be changed."),
    "users.migrate_dry": ("{changed} akun akan diubah, {refused} tidak dapat diubah (tidak ada "
                          "yang disimpan).",
                          "{changed} accounts would change, {refused} could not (nothing "
                          "stored)."),
    "users.cli.not_uploader": ("Akun {name} tidak boleh mengunggah: hanya admin dan superadmin.",
                               "Account {name} may not upload: only admins and superadmins may."),
    "users.cli.as_help": ("hanya data yang boleh dilihat akun NAME (cakupan dan data pribadi)",
                          "only the data account NAME may see (scope and personal data)"),
    "users.added": ("Akun {name} ditambahkan: {role}, cakupan {scope}.",
                    "Account {name} added: {role}, scope {scope}."),
    "users.role_set": ("Akun {name} kini {role}, cakupan {scope}.",
                       "Account {name} is now {role}, scope {scope}."),
    "users.disabled_done": ("Akun {name} dinonaktifkan.", "Account {name} disabled."),
    "users.enabled_done": ("Akun {name} diaktifkan.", "Account {name} enabled."),
    "users.password_done": ("Kata sandi akun {name} disimpan.", "Password of {name} stored."),
    "users.none": ("Belum ada akun.", "No accounts yet."),
    "users.scope_all": ("semua data", "all data"),
    "users.scope_stale": ("{value} (tidak ada di versi data ini: tidak berlaku)",
                          "{value} (not in this data version: grants nothing)"),
    "users.stale_note": ("Cakupan akun berikut memuat nilai yang tidak ada di versi data saat "
                         "ini, sehingga tidak memberi akses apa pun: {accounts}. Unit disimpan "
                         "dengan kodenya (atau kuncinya), bukan namanya: pilih lagi unitnya di "
                         "bawah, atau jalankan `users migrate-scopes`.",
                         "These accounts' scopes hold values the current data version does not "
                         "have, so they grant nothing: {accounts}. A unit is kept by its code "
                         "(or key), not its name: pick the unit again below, or run "
                         "`users migrate-scopes`."),
    "users.state.active": ("aktif", "active"),
    "users.state.disabled": ("nonaktif", "disabled"),
    "users.state.password": ("kata sandi", "password"),
    "users.state.no_password": ("tanpa kata sandi", "no password"),
    # Pengguna page
    "users.intro": ("Akun, peran, dan cakupan. Pimpinan melihat semua data; Eselon I dan unit "
                    "kerja melihat cakupannya; admin mengunggah (bisa dibatasi ke Eselon I); "
                    "superadmin juga mengelola akun.",
                    "Accounts, roles and scopes. Leadership sees all data; Eselon I and work "
                    "unit users see their scope; admins upload (optionally for some Eselon I); "
                    "superadmins also manage accounts."),
    "users.list_title": ("Akun", "Accounts"),
    "users.col.name": ("Akun", "Account"),
    "users.col.display_name": ("Nama tampilan", "Display name"),
    "users.col.role": ("Peran", "Role"),
    "users.col.scope": ("Cakupan", "Scope"),
    "users.col.active": ("Aktif", "Active"),
    "users.col.has_password": ("Kata sandi", "Password"),
    "users.col.updated": ("Diubah", "Changed"),
    "users.add_title": ("Tambah akun", "Add an account"),
    "users.name": ("Nama akun atau e-mail", "Account name or e-mail"),
    "users.name_help": ("Untuk masuk lewat SSO, isi e-mail yang diverifikasi penyedia identitas.",
                        "For single sign-on, give the e-mail the identity provider verifies."),
    "users.display_name": ("Nama tampilan", "Display name"),
    "users.role": ("Peran", "Role"),
    "users.scope": ("Cakupan", "Scope"),
    "users.scope_optional": ("Cakupan (kosong = semua Eselon I)",
                             "Scope (empty = every Eselon I)"),
    "users.scope_none": ("Peran ini melihat semua data.", "This role sees all data."),
    "users.password": ("Kata sandi (opsional; minimal {minimum} karakter)",
                       "Password (optional; at least {minimum} characters)"),
    "users.new_password": ("Kata sandi baru (minimal {minimum} karakter)",
                           "New password (at least {minimum} characters)"),
    "users.confirm": ("Ulangi kata sandi", "Repeat the password"),
    "users.add_button": ("Tambah akun", "Add the account"),
    "users.edit_title": ("Ubah akun", "Change an account"),
    "users.pick": ("Akun", "Account"),
    "users.save_role": ("Simpan peran dan cakupan", "Save role and scope"),
    "users.disable": ("Nonaktifkan akun", "Disable the account"),
    "users.enable": ("Aktifkan akun", "Enable the account"),
    "users.password_button": ("Simpan kata sandi", "Save the password"),
}
