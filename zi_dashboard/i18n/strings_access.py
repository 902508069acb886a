"""Strings of accounts, roles, scopes and the personal-data policy."""

ACCESS_STRINGS: dict[str, tuple[str, str]] = {
    "role.pimpinan": ("Pimpinan", "Leadership"),
    "role.eselon1": ("Eselon I", "Eselon I"),
    "role.unit": ("Unit kerja", "Work unit"),
    "role.admin": ("Admin", "Admin"),
    "role.superadmin": ("Superadmin", "Superadmin"),
    "role.anonymous": ("Pengunjung (belum masuk)", "Visitor (not signed in)"),
    "users.bad_role": ("Peran {role} tidak dikenal. Pilih salah satu: pimpinan, eselon1, unit, "
                       "admin, superadmin.",
                       "Unknown role {role}. Choose one of: pimpinan, eselon1, unit, admin, "
                       "superadmin."),
    "users.scope_required": ("Peran {role} memerlukan cakupan: pilih satu Eselon I atau unit "
                             "kerja atau lebih.",
                             "Role {role} needs a scope: choose one or more Eselon I or work "
                             "units."),
    "users.scope_not_allowed": ("Peran {role} melihat semua data dan tidak memakai cakupan: "
                                "kosongkan cakupannya.",
                                "Role {role} sees all data and takes no scope: leave the scope "
                                "empty."),
    "users.bad_name": ("Nama akun \"{name}\" tidak dapat dipakai: isi nama atau e-mail (maks. "
                       "200 karakter).",
                       "The account name \"{name}\" can't be used: give a name or e-mail (at "
                       "most 200 characters)."),
    "users.exists": ("Akun {name} sudah ada: ubah peran akun itu, jangan membuat yang baru.",
                     "Account {name} already exists: change that account's role instead."),
    "users.reserved": ("Nama akun {name} dipakai oleh superadmin awal (ZI_ADMIN_PASSWORD): pilih "
                       "nama lain.",
                       "The account name {name} belongs to the bootstrap superadmin "
                       "(ZI_ADMIN_PASSWORD): choose another name."),
    "users.unknown": ("Akun {name} tidak ditemukan. Lihat daftar akun dengan `users list`.",
                      "No account {name}. See the accounts with `users list`."),
    "access.scope_note": ("Anda melihat data {scope} saja, sesuai hak akses Anda.",
                          "You see data of {scope} only, as your access allows."),
    "access.filter_ignored": ("Filter di tautan untuk data di luar cakupan Anda diabaikan: {values}.",
                              "Filters in the link for data outside your scope were ignored: "
                              "{values}."),
    "access.sign_in_required": ("Masuk untuk melihat dasbor ini.",
                                "Sign in to see this dashboard."),
    "access.rows_hidden": ("Daftar per orang hanya untuk pengguna yang sudah masuk. Grafik dan "
                           "jumlah di atas tetap lengkap.",
                           "Per-person lists are for signed-in users only. The charts and counts "
                           "above are complete."),
    "access.no_account": ("Akun {email} belum terdaftar di dasbor ini. Minta superadmin "
                          "menambahkannya.",
                          "The account {email} is not registered on this dashboard. Ask a "
                          "superadmin to add it."),
    "access.rollback_unscoped_only": ("Mengembalikan versi mengubah data semua unit, jadi hanya "
                                      "admin tanpa batasan cakupan yang dapat melakukannya.",
                                      "Rolling back changes every unit's data, so only admins "
                                      "without a scope can do it."),
    "access.session_ended": ("Sesi Anda berakhir karena kata sandi akun ini diubah atau dicabut "
                             "sejak Anda masuk. Masuk lagi dengan kata sandi yang berlaku.",
                             "Your session has ended: this account's password was changed or "
                             "removed after you signed in. Sign in again with the current "
                             "password."),
    "access.events_own": ("Hanya kegiatan akun Anda yang ditampilkan.",
                          "Only your account's activity is shown."),
}
