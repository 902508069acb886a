"""Strings of the weekly digest e-mail (exports/digest.py), its SMTP errors (exports/mail.py)
and the `digest` command. An SMTP error names the setting to fix."""

from __future__ import annotations

__all__ = ["DIGEST_STRINGS"]

DIGEST_STRINGS: dict[str, tuple[str, str]] = {
    "digest.title": ("Ringkasan Mingguan Zona Integritas", "Zona Integritas Weekly Digest"),
    "digest.subject": ("Ringkasan mingguan ZI: {n} perubahan (versi {versions})",
                       "ZI weekly digest: {n} change(s) (version {versions})"),
    "digest.subject_none": ("Ringkasan mingguan ZI: tidak ada perubahan (versi {versions})",
                            "ZI weekly digest: nothing changed (version {versions})"),
    "digest.version_at": ("versi {version} ({at})", "version {version} ({at})"),
    "digest.period": ("Periode: dari {old} sampai {new}.", "Period: from {old} to {new}."),
    "digest.period_same": (
        "Periode: sejak ringkasan terakhir belum ada versi baru; data saat ini {new}.",
        "Period: no new version since the last digest; the current data is {new}."),
    "digest.period_start": ("Periode: sejak awal (belum ada versi sebelumnya) sampai {new}.",
                            "Period: from the start (no earlier version) to {new}."),
    "digest.scope": ("Cakupan: {scope}", "Scope: {scope}"),
    "digest.nothing": ("Tidak ada perubahan dalam periode ini.",
                       "Nothing changed in this period."),
    "digest.summary": ("{n} perubahan dalam periode ini.", "Changes in this period: {n}."),
    "digest.eligibility": ("Syarat minimum WBK/WBBM", "WBK/WBBM minimums"),
    "digest.eligibility_none": ("Tidak ada unit yang baru memenuhi atau baru tidak memenuhi "
                                "syarat minimum.",
                                "No unit newly meets or newly misses a minimum."),
    "digest.met": ("{n} unit kini memenuhi semua syarat minimum {target}.",
                   "Units that now meet every {target} minimum: {n}."),
    "digest.missed": ("{n} unit tidak lagi memenuhi syarat minimum {target}.",
                      "Units that no longer meet the {target} minimums: {n}."),
    "digest.met_one": ("Kini memenuhi {target}", "Now meets {target}"),
    "digest.missed_one": ("Tidak lagi memenuhi {target}", "No longer meets {target}"),
    "digest.stages": ("Perpindahan tahap ZI", "ZI stage moves"),
    "digest.stages_n": ("{n} unit berpindah tahap.", "Units that moved stage: {n}."),
    "digest.stages_none": ("Tidak ada unit yang berpindah tahap.", "No unit moved stage."),
    "digest.agents": ("Agen perubahan per Eselon I", "Agents of change per Eselon I"),
    "digest.agents_n": ("{added} agen ditambahkan, {removed} agen dikeluarkan.",
                        "Agents added: {added}; removed: {removed}."),
    "digest.agents_none": ("Tidak ada agen yang ditambahkan atau dikeluarkan.",
                           "No agent was added or removed."),
    "digest.agents_added": ("Agen yang ditambahkan", "Agents added"),
    "digest.agents_removed": ("Agen yang dikeluarkan", "Agents removed"),
    "digest.overdue": ("Rencana tindak lanjut yang baru lewat tenggat",
                       "Action plans newly overdue"),
    "digest.overdue_n": ("{n} rencana baru lewat tenggat.", "Plans newly overdue: {n}."),
    "digest.overdue_none": ("Tidak ada rencana yang baru lewat tenggat.",
                            "No plan is newly overdue."),
    "digest.more": ("… dan {n} lainnya (lihat dasbor).", "… and {n} more (see the dashboard)."),
    "digest.charts": ("Grafik data saat ini", "Charts of the current data"),
    "digest.charts_note": ("Grafik data saat ini ada di versi HTML surel ini.",
                           "Charts of the current data are in the HTML version of this e-mail."),
    "digest.footer": ("{source}. Dikirim otomatis oleh Dasbor ZI.",
                      "{source}. Sent automatically by the ZI Dashboard."),
    "digest.col.unit": ("Unit kerja", "Work unit"),
    "digest.col.eselon1": ("Eselon I", "Eselon I"),
    "digest.col.verdict": ("Perubahan", "Change"),
    "digest.col.rule_set": ("Aturan", "Rule set"),
    "digest.col.gaps": ("Kekurangan", "Gaps"),
    "digest.col.from": ("Dari", "From"),
    "digest.col.to": ("Ke", "To"),
    "digest.col.added": ("Ditambahkan", "Added"),
    "digest.col.removed": ("Dikeluarkan", "Removed"),
    "digest.col.name": ("Nama", "Name"),
    "digest.col.plan": ("Rencana", "Plan"),
    "digest.col.plans": ("Rencana", "Plans"),
    "digest.col.due": ("Tenggat", "Due"),
    "digest.col.days": ("Hari terlambat", "Days overdue"),
    # The command.
    "digest.cli.help": ("Kirim (atau tulis) ringkasan mingguan: apa yang berubah sejak "
                        "ringkasan terakhir.",
                        "Send (or write) the weekly digest: what changed since the last one."),
    "digest.cli.since_help": ("mulai dari nomor versi ini atau versi yang berlaku pada tanggal "
                              "ini (YYYY-MM-DD); bawaan: ringkasan terakhir yang terkirim",
                              "start from this version number, or the version current on this "
                              "date (YYYY-MM-DD); default: the last digest sent"),
    "digest.cli.to_help": ("alamat penerima (dapat diulang)", "a recipient address (repeatable)"),
    "digest.cli.out_help": ("tulis HTML ke berkas ini (juga saat dikirim)",
                            "write the HTML to this file (also when sending)"),
    "digest.cli.attach_help": ("lampirkan deck briefing (pptx)",
                               "attach the briefing deck (pptx)"),
    "digest.cli.no_target": ("Sebutkan --to ALAMAT untuk mengirim, atau --out BERKAS.html untuk "
                             "menulis HTML.",
                             "Give --to ADDRESS to send, or --out FILE.html to write the HTML."),
    "digest.cli.bad_since": ("--since {value}: bukan nomor versi maupun tanggal YYYY-MM-DD.",
                             "--since {value}: neither a version number nor a YYYY-MM-DD date."),
    "digest.cli.no_version_at": ("Belum ada versi pada {date}.", "There was no version on {date}."),
    "digest.cli.bad_address": ("--to {value}: bukan alamat surel.",
                               "--to {value}: not an e-mail address."),
    "digest.cli.wrote": ("menulis {path}", "wrote {path}"),
    "digest.cli.sent": ("Ringkasan versi {old} → {new} dikirim ke {recipients}.",
                        "Digest of version {old} → {new} sent to {recipients}."),
    "digest.cli.not_recorded": ("Hanya ditulis ke berkas: tidak dicatat sebagai ringkasan "
                                "terkirim.",
                                "Only written to a file: not recorded as a digest sent."),
    # SMTP errors (exports/mail.py): each names the setting to fix.
    "mail.no_host": ("Surel belum diatur: isi ZI_SMTP_HOST (dan ZI_SMTP_FROM) dengan server SMTP.",
                     "E-mail is not set up: set ZI_SMTP_HOST (and ZI_SMTP_FROM) to the SMTP "
                     "server."),
    "mail.bad_security": ("ZI_SMTP_SECURITY={value} tidak dikenal: pilih starttls, ssl atau none.",
                          "ZI_SMTP_SECURITY={value} is unknown: choose starttls, ssl or none."),
    "mail.bad_port": ("ZI_SMTP_PORT={value} bukan nomor port (1-65535).",
                      "ZI_SMTP_PORT={value} is not a port number (1-65535)."),
    "mail.no_from": ("Alamat pengirim belum diatur: isi ZI_SMTP_FROM dengan alamat surel "
                     "(sekarang: '{value}').",
                     "No sender address: set ZI_SMTP_FROM to an e-mail address (now: '{value}')."),
    "mail.no_password": ("ZI_SMTP_USER={user} diatur tanpa kata sandi: isi ZI_SMTP_PASSWORD atau "
                         "smtp_password di berkas rahasia (ZI_SECRETS_FILE).",
                         "ZI_SMTP_USER={user} is set without a password: set ZI_SMTP_PASSWORD or "
                         "smtp_password in the secrets file (ZI_SECRETS_FILE)."),
    "mail.bad_secrets": ("Berkas rahasia {path} tidak dapat dibaca ({error}): perbaiki berkas itu "
                         "atau ZI_SECRETS_FILE.",
                         "The secrets file {path} cannot be read ({error}): fix it or "
                         "ZI_SECRETS_FILE."),
    "mail.unreachable": ("Server SMTP {host}:{port} tidak dapat dihubungi ({error}): periksa "
                         "ZI_SMTP_HOST dan ZI_SMTP_PORT.",
                         "The SMTP server {host}:{port} cannot be reached ({error}): check "
                         "ZI_SMTP_HOST and ZI_SMTP_PORT."),
    "mail.starttls_failed": ("Server SMTP {host}:{port} menolak STARTTLS ({error}): periksa "
                             "ZI_SMTP_SECURITY (ssl untuk port 465) dan ZI_SMTP_PORT.",
                             "The SMTP server {host}:{port} refused STARTTLS ({error}): check "
                             "ZI_SMTP_SECURITY (ssl for port 465) and ZI_SMTP_PORT."),
    "mail.certificate": ("Sertifikat server SMTP {host}:{port} tidak dapat dipercaya ({error}): "
                         "ZI_SMTP_HOST harus nama yang tertulis di sertifikat, dan CA-nya harus "
                         "dipercaya sistem (atau SSL_CERT_FILE).",
                         "The certificate of the SMTP server {host}:{port} cannot be trusted "
                         "({error}): ZI_SMTP_HOST must be the name on the certificate, and its "
                         "CA trusted by the system (or SSL_CERT_FILE)."),
    "mail.auth_failed": ("Server SMTP menolak masuk sebagai {user} ({error}): periksa "
                         "ZI_SMTP_USER dan ZI_SMTP_PASSWORD.",
                         "The SMTP server refused the sign-in as {user} ({error}): check "
                         "ZI_SMTP_USER and ZI_SMTP_PASSWORD."),
    "mail.sender_refused": ("Server SMTP menolak pengirim {sender} ({error}): periksa "
                            "ZI_SMTP_FROM.",
                            "The SMTP server refused the sender {sender} ({error}): check "
                            "ZI_SMTP_FROM."),
    "mail.recipients_refused": ("Server SMTP menolak penerima: {recipients}. Periksa alamat --to.",
                                "The SMTP server refused the recipients: {recipients}. Check "
                                "the --to addresses."),
    "mail.refused": ("Server SMTP {host} menolak surel ({error}): periksa ZI_SMTP_HOST dan "
                     "ZI_SMTP_FROM.",
                     "The SMTP server {host} refused the e-mail ({error}): check ZI_SMTP_HOST "
                     "and ZI_SMTP_FROM."),
}
