"""`python -m zi_dashboard digest`: the weekly digest from the command line (kept out of cli.py,
which has the other commands). It sends through SMTP (`--to`), writes the HTML (`--out`), or
both; only a digest sent is recorded, and the next one starts where it ended."""

from __future__ import annotations

import datetime as dt
import getpass
import sys
from email.utils import parseaddr
from pathlib import Path
from zoneinfo import ZoneInfo

from zi_dashboard import access, store
from zi_dashboard.analysis.changes import detect_changes
from zi_dashboard.exports import briefing, digest, mail
from zi_dashboard.exports.images import ImageExporter
from zi_dashboard.i18n import t
from zi_dashboard.present import accounts, accounts_cli
from zi_dashboard.store import digests

__all__ = ["add_digest_parser", "cmd_digest", "start_version"]

EXIT_NO_TARGET, EXIT_MAIL = 2, 3


def _fail(code: str, lang: str, exit_code: int = EXIT_NO_TARGET, **params: object) -> int:
    print(f"error: {t(code, lang, **params)}", file=sys.stderr)
    return exit_code


def _recipients(values: list[str]) -> tuple[list[str], str | None]:
    """The --to addresses, or the first that is no address."""
    found = []
    for value in values:
        address = parseaddr(value)[1]
        if "@" not in address or address != value.strip():
            return [], value
        found.append(address)
    return list(dict.fromkeys(found)), None


def start_version(engine, since: str | None, account: str, recipients: list[str] | None,
                  current: store.Version, zone: str) -> int | None:
    """Where the digest starts: --since (a version number, or the version current at the end
    of that day in `zone`), else the last digest sent as this account to these recipients (to
    anyone when there are none), else the version before the current one."""
    if since:
        if since.strip().isdigit():
            return int(since)
        day = dt.date.fromisoformat(since.strip())  # ValueError: the caller says so
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), ZoneInfo(zone))
        found = digests.version_at(engine, end - dt.timedelta(microseconds=1))
        if found is None:
            raise LookupError(day.isoformat())
        return found
    last = digests.last_digest(engine, account, recipients or None)
    if last is not None:
        return last.version_id
    before = store.previous_version(engine, current.id)
    return None if before is None else before.id


def _day(moment: dt.datetime | None, zone: str) -> dt.date:
    return moment.astimezone(ZoneInfo(zone)).date()


def _attachments(args, shown, previous, version, scope: str, settings, exporter):
    if args.attach != "pptx" or not args.to:  # a file written alone carries no attachment
        return []
    data = briefing.build_pack("pptx", shown, previous, version_id=version.id,
                               created_at=version.created_at,
                               filters_text=scope, lang=args.lang, zone=settings.timezone,
                               exporter=exporter if exporter.available() else None)
    return [digest.Attachment(briefing.file_name("pptx", version.id, args.lang), data,
                              briefing.FORMATS["pptx"][1])]


def cmd_digest(args, settings, engine) -> int:
    recipients, bad = _recipients(args.to or [])
    if bad is not None:
        return _fail("digest.cli.bad_address", args.lang, value=bad)
    if not recipients and not args.out:
        return _fail("digest.cli.no_target", args.lang)
    try:  # before anything is rendered: a digest that cannot be sent fails at once
        config = mail.smtp_config(settings) if recipients else None
    except mail.MailError as exc:
        print(f"error: {exc.bilingual()}", file=sys.stderr)
        return EXIT_MAIL
    principal = accounts_cli.account_principal(engine, args.as_name) if args.as_name else None
    account = principal.name if principal else ""
    current = store.current_version(engine)
    if current is None:
        print("No data yet: run `python -m zi_dashboard init` or import files.", file=sys.stderr)
        return 1
    try:
        old_id = start_version(engine, args.since, account, recipients, current, settings.timezone)
    except ValueError:
        return _fail("digest.cli.bad_since", args.lang, value=args.since)
    except LookupError as exc:
        return _fail("digest.cli.no_version_at", args.lang, date=str(exc.args[0]))
    new = store.load_snapshot(engine, current.id)
    old = store.load_snapshot(engine, old_id) if old_id is not None else store.empty_snapshot()
    # Compared on the scope's rows with real NIPs; shown only through the principal's policy.
    cut = (lambda tables: access.scope_rows(tables, principal)) if principal else dict
    shown = (lambda tables: access.scope_tables(tables, principal)) if principal else dict
    old_day = _day(old.version.created_at, settings.timezone) if old.version else dt.date.min
    changes = detect_changes(cut(old.tables), cut(new.tables), old_day=old_day,
                             new_day=_day(current.created_at, settings.timezone), lang=args.lang)
    scope = (accounts.scope_text(principal, new.tables["units"]) if principal else "") or t(
        "filter.all_data", args.lang)
    period = digest.Period(old_id, old.version.created_at if old.version else None, current.id,
                           current.created_at)
    exporter = ImageExporter(settings.browser_path)
    try:
        if not exporter.available():
            print(f"warning: {exporter.unavailable_message(args.lang)}", file=sys.stderr)
        shown_new = shown(new.tables)
        built = digest.build_digest(changes, shown_new, period, scope_text=scope,
                                    show_rows=principal is None or principal.sees_rows,
                                    lang=args.lang, zone=settings.timezone, exporter=exporter)
        files = _attachments(args, shown_new, shown(old.tables) if old.version else None, current,
                             scope, settings, exporter)
    finally:
        exporter.close()
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(digest.standalone_html(built), encoding="utf-8")
        print(t("digest.cli.wrote", args.lang, path=out))
    if not recipients:
        print(t("digest.cli.not_recorded", args.lang))
        return 0
    message = digest.email_message(built, sender=config.sender, recipients=recipients,
                                   attachments=files)
    try:
        mail.send_message(message, config, recipients)
    except mail.MailError as exc:
        print(f"error: {exc.bilingual()}", file=sys.stderr)
        return EXIT_MAIL
    digests.record_digest(engine, version_id=current.id, from_version_id=old_id, account=account,
                          recipients=recipients, lang=args.lang)
    store.record_event(engine, "digest", principal.label if principal else getpass.getuser(),
                       f"to={', '.join(recipients)}; versions={old_id}->{current.id}; "
                       f"scope={principal.describe_scope() if principal else 'all'}", current.id)
    print(t("digest.cli.sent", args.lang, old=old_id if old_id is not None else "–",
            new=current.id, recipients=", ".join(recipients)))
    return 0


def add_digest_parser(sub, default_lang: str) -> None:
    """The `digest` command, on the main parser's subparsers."""
    text = t("digest.cli.help", default_lang)
    p = sub.add_parser("digest", help=text, description=text)
    p.set_defaults(func=cmd_digest, needs_db=True)
    p.add_argument("--lang", choices=("id", "en"), default=default_lang)
    p.add_argument("--since", metavar="VERSION|DATE", help=t("digest.cli.since_help", default_lang))
    p.add_argument("--as", dest="as_name", metavar="NAME", help=t("users.cli.as_help", default_lang))
    p.add_argument("--to", action="append", metavar="ADDR", help=t("digest.cli.to_help", default_lang))
    p.add_argument("--out", metavar="FILE.html", help=t("digest.cli.out_help", default_lang))
    p.add_argument("--attach", choices=("pptx",), help=t("digest.cli.attach_help", default_lang))

