"""`python -m zi_dashboard …`: a thin command-line layer over the same functions the app uses."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from zi_dashboard import access, sample, store
from zi_dashboard.access import passwords as auth
from zi_dashboard.config import load_settings
from zi_dashboard.domain import rules
from zi_dashboard.domain.errors import StoreError, UserError
from zi_dashboard.domain.schema import STAGES, normalize_header
from zi_dashboard.exports import briefing
from zi_dashboard.exports.images import ImageExporter
from zi_dashboard.i18n import t
from zi_dashboard.i18n.format import format_datetime
from zi_dashboard.ingest import mapping
from zi_dashboard.ingest.reader import ReadOptions
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.template import template_workbook
from zi_dashboard.present import accounts, accounts_cli, digest_cli
from zi_dashboard.present.summaries import diff_summary, snapshot_status, version_dict
from zi_dashboard.store import importer

__all__ = ["main"]


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _read_files(paths: Sequence[str]) -> list[SourceFile]:
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        raise SystemExit(f"file not found: {', '.join(missing)}")
    return [SourceFile.from_path(p) for p in paths]


def _print_issues(report, lang: str) -> None:
    for rec in report.to_records(lang):
        where = ":".join(str(x) for x in (rec["file"], rec["sheet"], rec["row"]) if x not in (None, ""))
        column = f" [{rec['column']}]" if rec["column"] else ""
        value = f" ({rec['value']!r})" if rec["value"] not in (None, "") else ""
        print(f"{rec['severity'].upper():7} {where}{column} {rec['code']}: {rec['message']}{value}")


def _validate(args, settings, engine):
    """Validate with the stored mappings, --map and --skip-hidden, then again with the
    unambiguous suggestions applied (each named in a warning); (files, result, given, the read
    options used, the version checked against)."""
    files = _read_files(args.files)
    try:
        given = mapping.parse_map_args(args.map or [], args.lang)
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from None
    stored = store.load_mappings(engine)
    chosen = {**stored, **given}
    origins = {**{k: "stored" for k in stored}, **{k: "chosen" for k in given}}
    principal = _uploader(args, engine)
    options = ReadOptions(args.skip_hidden, chosen)
    result, base = importer.validate_on_current(engine, files, settings, options, principal)
    auto = {} if args.no_auto else mapping.auto_mappings(mapping.mapping_columns(result.layouts))
    if auto:
        chosen = {**chosen, **{key: cand.column for key, (_, cand) in auto.items()}}
        options = ReadOptions(args.skip_hidden, chosen)
        result, base = importer.validate_on_current(engine, files, settings, options, principal)
    result.report.issues.extend(mapping.applied_issues(result.layouts, origins, auto))
    return files, result, given, options, base


def _suggestions(result, lang: str) -> list[dict]:
    """The suggested target of each column still unrecognised."""
    return [{"file": c.file, "sheet": c.sheet, "header": c.header,
             "column": c.suggestion.column, "reasons": c.suggestion.explain(lang)}
            for c in mapping.mapping_columns(result.layouts)
            if c.mapped is None and c.suggestion is not None]


def cmd_validate(args, settings, engine) -> int:
    files, result, *_ = _validate(args, settings, engine)
    # A dry run audits only files that could not be read at all (a crash, a far cell, …).
    importer.record_refusal(engine, files, result.report, getpass.getuser(), unreadable_only=True)
    if args.json:
        _print_json({"ok": result.report.ok, "counts": result.counts(),
                     "attendance": result.attendance_counts(),
                     "issues": result.report.to_records(args.lang),
                     "suggestions": _suggestions(result, args.lang)})
    else:
        _print_issues(result.report, args.lang)
        for s in _suggestions(result, args.lang):
            print(t("mapping.cli.suggestion", args.lang, **s))
        counts = ", ".join(f"{k} {v}" for k, v in result.counts().items())
        modes = ", ".join(f"{k} {v}" for k, v in result.attendance_counts().items())
        print(f"{'OK' if result.report.ok else 'ERRORS'}: {counts}" + (f"; attendance: {modes}" if modes else ""))
    return 0 if result.report.ok else 1


def _uploader(args, engine) -> access.Principal | None:
    """`import --as NAME`: an account that may upload, whose scope the rows must keep to."""
    name = getattr(args, "as_name", None)
    if not name:
        return None
    principal = accounts_cli.account_principal(engine, name)
    if not principal.can_upload:
        raise SystemExit(f"error: {t('users.cli.not_uploader', args.lang, name=name)}")
    return principal


def cmd_import(args, settings, engine) -> int:
    files, result, given, options, base = _validate(args, settings, engine)
    principal = _uploader(args, engine)
    # Scoped: the check holds only on the version it read (as on the page); else it is redone.
    outcome = importer.import_sources(engine, files, settings,
                                      uploader=principal.label if principal else args.by,
                                      note=args.note, validation=result, options=options,
                                      principal=principal, validated_on=base)
    _print_issues(outcome.validation.report, args.lang)
    if outcome.commit is None:
        print("Import refused: nothing was changed.", file=sys.stderr)
        return 1
    if given:  # what the admin said on the command line holds next time too
        written = {normalize_header(h): (h, raw.dataset or raw.candidate)
                   for raw in result.layouts for h in raw.mapped}
        store.save_mappings(engine, given, created_by=args.by,
                            headers={k: written.get(k, (k, None))[0] for k in given},
                            datasets={k: written.get(k, (k, None))[1] for k in given})
        print(t("mapping.cli.saved", args.lang, mappings=", ".join(
            f"{written.get(k, (k,))[0]}={v or '-'}" for k, v in given.items())))
    version = outcome.commit.version
    if outcome.commit.created:
        print(f"Imported as version {version.id}: {version.counts}")
    else:
        print(f"These files are already version {version.id}; nothing new was stored.")
    return 0


def _scoped_snapshot(args, engine) -> tuple[store.Snapshot, access.Principal | None]:
    """The current version, cut to what the `--as` account may see before anything is computed
    (without --as: everything; whoever runs the CLI holds the database anyway)."""
    principal = accounts_cli.account_principal(engine, args.as_name) if args.as_name else None
    snapshot = store.load_snapshot(engine)
    if principal is None or snapshot.version is None:
        return snapshot, principal
    return store.Snapshot(snapshot.version, access.scope_tables(snapshot.tables, principal)), principal


def cmd_status(args, settings, engine) -> int:
    snapshot = _scoped_snapshot(args, engine)[0]
    status = snapshot_status(snapshot)
    if args.json:
        _print_json(status)
    elif status["version"] is None:
        print("No data yet: run `python -m zi_dashboard init` or import files.")
    else:
        v = status["version"]
        shown = format_datetime(snapshot.version.created_at, args.lang, settings.timezone)
        print(f"Version {v['id']} ({shown}, by {v['uploader']}): {v['note']}")
        for key in ("agents", "units", "attendance", "stages", "evaluation_years"):
            print(f"  {key}: {status[key]}")
        for held in status["titles"]:  # the two years apart: since when, and evaluated when
            since = "" if held["award_year"] is None else f" since {held['award_year']}" + (
                " (from the ZI history)" if held["award_year_from_history"] else "")
            print(f"  {held['unit']}: {held['stage']}{since}; evaluated "
                  f"{held['evaluation_year'] or '(no year)'} under {held['rule_set']}")
    return 0


def cmd_versions(args, settings, engine) -> int:
    versions = store.list_versions(engine)
    if args.json:
        _print_json([version_dict(v) for v in versions])
        return 0
    for v in versions:
        mark = "*" if v.is_current else " "
        shown = format_datetime(v.created_at, args.lang, settings.timezone)
        print(f"{mark} {v.id:>4}  {shown}  {v.uploader:<12} "
              f"{', '.join(v.files)}  {v.counts}  {v.note}")
    return 0


def cmd_diff(args, settings, engine) -> int:
    diff = store.diff_versions(engine, args.a, args.b)
    summary = diff_summary(diff)
    if args.json:
        _print_json(summary)
    else:
        for key, value in summary["counts"].items():
            print(f"{key:>22}: {value}")
    return 0


def cmd_rollback(args, settings, engine) -> int:
    version = store.rollback(engine, args.id, actor=args.by)
    print(f"Current version is now {version.id}.")
    return 0


def cmd_init(args, settings, engine) -> int:
    loaded = importer.load_sample_if_empty(engine, settings) if settings.autoload_sample else []
    for v in loaded:
        print(f"Loaded sample as version {v.id}: {v.counts}")
    current = store.current_version(engine)
    print(f"Database ready; current version: {current.id if current else 'none'}")
    return 0


def cmd_sample(args, settings, engine) -> int:
    for path in sample.write_sample(Path(args.out)):
        print(f"wrote {path}")
    return 0


def cmd_template(args, settings, engine) -> int:
    Path(args.out).write_bytes(template_workbook(args.lang))
    print(f"wrote {args.out}")
    return 0


def cmd_briefing(args, settings, engine) -> int:
    snapshot, principal = _scoped_snapshot(args, engine)
    if snapshot.version is None:
        print("No data yet: run `python -m zi_dashboard init` or import files.", file=sys.stderr)
        return 1
    version = snapshot.version
    before = store.previous_version(engine, version.id)
    previous = store.load_snapshot(engine, before.id).tables if before else None
    if previous is not None and principal is not None:
        previous = access.scope_tables(previous, principal)
    scope = accounts.scope_text(principal, snapshot.tables["units"]) if principal else ""
    exporter = ImageExporter(settings.browser_path) if args.format != "unit-sheets" else None
    try:
        if exporter is not None and not exporter.available():
            if args.format == "png-zip":
                print(f"error: {exporter.unavailable_message(args.lang)}", file=sys.stderr)
                return 1
            print(f"warning: {exporter.unavailable_message(args.lang)}", file=sys.stderr)
        start = time.perf_counter()
        data = briefing.build_pack(
            args.format, snapshot.tables, previous, version_id=version.id,
            created_at=version.created_at, filters_text=scope or t("filter.all_data", args.lang),
            lang=args.lang, sections=args.section or briefing.SECTIONS, zone=settings.timezone,
            exporter=exporter if exporter is not None and exporter.available() else None)
    finally:
        if exporter is not None:
            exporter.close()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    if principal is not None:  # the same audit entry as a pack built on the page
        store.record_event(engine, "export", principal.label,
                           f"{out.name}; scope={principal.describe_scope()}")
    print(f"wrote {out} ({len(data) / 1024:,.0f} KB, version {version.id}) "
          f"in {time.perf_counter() - start:.1f} s")
    return 0


def _verdict(result: dict, lang: str) -> str:
    if result["eligible"]:
        return t("check.eligible", lang)
    return "; ".join(rules.Gap("", g["requirement"], g["label"], g["label"], g["minimum"],
                               g["value"], g["gap"]).message(lang) for g in result["gaps"])


def cmd_check(args, settings, engine) -> int:
    """WBK/WBBM verdicts and gaps of every unit of the current version (as on Progres ZI)."""
    snapshot = _scoped_snapshot(args, engine)[0]
    if snapshot.version is None:
        if args.json:
            _print_json({"version": None, "units": []})
        print(t("check.no_data", args.lang), file=sys.stderr)
        return 0
    units = snapshot.tables["units"]
    records = rules.check_records(units, args.rules, args.lang)
    if args.json:
        _print_json({"version": snapshot.version.id, "units": records})
        return 0
    print(t("check.version", args.lang, version=snapshot.version.id, units=len(records)))
    for r in records:
        stage = STAGES.label(r["stage"], args.lang) if r["stage"] else "-"
        print(f"{r['unit']}  [{stage}, {r['evaluation_year'] or '-'}, "
              f"{rules.rule_set(r['rule_set']).label(args.lang)}]")
        for target in ("wbk", "wbbm"):
            print(f"  {target.upper()}: {_verdict(r[target], args.lang)}")
    print(t("check.summary", args.lang, wbk=sum(r["wbk"]["eligible"] for r in records),
            wbbm=sum(r["wbbm"]["eligible"] for r in records)))
    return 0


def cmd_hash_password(args, settings, engine) -> int:
    password = sys.stdin.readline().rstrip("\n") if args.stdin else getpass.getpass("Password: ")
    if len(password) < 8:
        print("Use at least 8 characters.", file=sys.stderr)
        return 1
    print(auth.hash_password(password))
    return 0


def _add_read_options(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--map", action="append", metavar="HEADER=column",
                   help=t("mapping.cli.map_help", lang))
    p.add_argument("--skip-hidden", action="store_true", help=t("mapping.cli.skip_hidden_help", lang))
    p.add_argument("--no-auto-map", dest="no_auto", action="store_true",
                   help=t("mapping.cli.no_auto_help", lang))


def _add_as(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--as", dest="as_name", metavar="NAME", help=t("users.cli.as_help", lang))


def build_parser(default_lang: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m zi_dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func, help_text: str, *, needs_db: bool = True) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func, needs_db=needs_db)
        p.add_argument("--lang", choices=("id", "en"), default=default_lang)
        return p

    p = add("validate", cmd_validate, "Validate files; exit 1 when there is an error.")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")
    _add_read_options(p, default_lang)
    p = add("import", cmd_import, "Validate, then commit the files as one version.")
    p.add_argument("files", nargs="+")
    _add_read_options(p, default_lang)
    p.add_argument("--note", default="")
    p.add_argument("--by", default=getpass.getuser())
    _add_as(p, default_lang)
    p = add("status", cmd_status, "The current version and its counts.")
    p.add_argument("--json", action="store_true")
    _add_as(p, default_lang)
    p = add("versions", cmd_versions, "List versions, newest first.")
    p.add_argument("--json", action="store_true")
    p = add("diff", cmd_diff, "What changed from version A to version B.")
    p.add_argument("a", type=int)
    p.add_argument("b", type=int)
    p.add_argument("--json", action="store_true")
    p = add("rollback", cmd_rollback, "Make an earlier version current (nothing is deleted).")
    p.add_argument("id", type=int)
    p.add_argument("--by", default=getpass.getuser())
    add("init", cmd_init, "Create the database and load the sample when it is empty.")
    p = add("sample", cmd_sample, "Regenerate the sample workbooks.", needs_db=False)
    p.add_argument("--out", default=str(sample.sample_paths()[0].parent))
    p = add("template", cmd_template, "Write the empty Excel template.", needs_db=False)
    p.add_argument("out")
    p = add("briefing", cmd_briefing, "Build the briefing pack (or the unit fact sheets) of the "
            "current version, unfiltered.")
    p.add_argument("--format", choices=list(briefing.FORMATS), default="pptx")
    p.add_argument("--out", required=True, help="file to write")
    p.add_argument("--section", action="append", choices=briefing.SECTIONS,
                   help="a section to include (repeatable; default: all)")
    _add_as(p, default_lang)
    p = add("check", cmd_check, "WBK/WBBM eligibility and gaps of every unit of the current "
            "version: the same rules as the Progres ZI page.")
    p.add_argument("--json", action="store_true")
    p.add_argument("--rules", choices=[r.key for r in rules.RULE_SETS],
                   help="judge every unit under this rule set (default: by evaluation year)")
    _add_as(p, default_lang)
    p = add("hash-password", cmd_hash_password, "Print the scrypt hash of an admin password.",
            needs_db=False)
    p.add_argument("--stdin", action="store_true", help="read the password from standard input")
    accounts_cli.add_users_parser(sub, default_lang)
    digest_cli.add_digest_parser(sub, default_lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    settings = load_settings()
    args = build_parser(settings.lang).parse_args(argv)
    engine = (store.connect(settings.database_url, settings.lock_timeout_seconds)
              if args.needs_db else None)
    try:
        return args.func(args, settings, engine)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"error: {accounts.error_text(exc, args.lang)}", file=sys.stderr)
        return 2
    finally:
        if engine is not None:
            engine.dispose()
