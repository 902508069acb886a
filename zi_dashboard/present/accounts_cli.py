"""`python -m zi_dashboard users …` and the account behind `--as NAME`: the command-line layer
of `store.users` (kept out of cli.py, which has the other commands). The actor is "cli"."""

from __future__ import annotations

import argparse
import json
import sys

from zi_dashboard import store
from zi_dashboard.access import Principal
from zi_dashboard.domain.errors import UserError
from zi_dashboard.i18n import t
from zi_dashboard.present import accounts
from zi_dashboard.store import users

__all__ = ["ACTOR", "account_principal", "add_users_parser"]

ACTOR = "cli"


def account_principal(engine, name: str) -> Principal:
    """Whom `--as NAME` stands for; UserError for an unknown or disabled account."""
    user = users.get_user(engine, name)
    if user is None:
        raise UserError("users.unknown", name=users.normalize_name(name))
    if not user.active:
        raise UserError("users.disabled", name=user.name)
    return users.principal_of(user)


def _stdin_password(args) -> str | None:
    """The password on the first line of standard input (never on the command line)."""
    if not args.password_stdin:
        return None
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise UserError("users.password_missing")
    return accounts.new_password_hash(password)


def _units(engine):
    return store.load_snapshot(engine).tables["units"]


def _scope_text(user: users.User, units, lang: str) -> str:
    """The stored scope as a reader says it: "Biro Umum (KS-01-005)", or "all data"."""
    return accounts.scope_labels(user.scope, units, user.role, lang) or t("users.scope_all", lang)


def cmd_add(args, settings, engine) -> int:
    units = _units(engine)
    scope = accounts.checked_scope(args.role, args.scope, units)
    user = users.add_user(engine, args.name, role=args.role, scope=scope,
                          display_name=args.display_name, password_hash=_stdin_password(args),
                          actor=ACTOR)
    print(t("users.added", args.lang, name=user.name, role=user.role,
            scope=_scope_text(user, units, args.lang)))
    return 0


def cmd_list(args, settings, engine) -> int:
    found = users.list_users(engine)
    if args.json:
        print(json.dumps([accounts.account_record(u) for u in found], ensure_ascii=False, indent=2))
        return 0
    for user in found:
        print(accounts.account_line(user, args.lang))
    if not found:
        print(t("users.none", args.lang))
    return 0


def cmd_disable(args, settings, engine) -> int:
    user = users.disable_user(engine, args.name, actor=ACTOR, active=False)
    print(t("users.disabled_done", args.lang, name=user.name))
    return 0


def cmd_enable(args, settings, engine) -> int:
    user = users.disable_user(engine, args.name, actor=ACTOR, active=True)
    print(t("users.enabled_done", args.lang, name=user.name))
    return 0


def cmd_set_role(args, settings, engine) -> int:
    if users.get_user(engine, args.name) is None:  # before a scope error could hide it
        raise UserError("users.unknown", name=users.normalize_name(args.name))
    units = _units(engine)
    scope = accounts.checked_scope(args.role, args.scope, units)
    user = users.set_role(engine, args.name, args.role, scope, actor=ACTOR)
    print(t("users.role_set", args.lang, name=user.name, role=user.role,
            scope=_scope_text(user, units, args.lang)))
    return 0


def cmd_migrate_scopes(args, settings, engine) -> int:
    """Unit scopes stored as names (before scopes were kept by key, or by hand) grant nothing;
    each becomes the key of the one unit it names now, printed so the superadmin can check it
    (`--dry-run` first). A name several units share, or none, is left for a person to pick."""
    units, changed, refused = _units(engine), 0, 0
    for user in users.list_users(engine):
        try:
            scope = accounts.migrated_scope(user, units)
        except UserError as exc:
            refused += 1
            print(t("users.migrate_refused", args.lang, name=user.name,
                    reason=accounts.error_text(exc, args.lang)))
            continue
        if scope is None:
            continue
        changed += 1
        new = accounts.scope_labels(scope, units, user.role, args.lang)
        print(t("users.migrated", args.lang, name=user.name, old=", ".join(user.scope), new=new))
        if not args.dry_run:
            users.set_role(engine, user.name, user.role, scope, actor=ACTOR)
    print(t("users.migrate_dry" if args.dry_run else "users.migrate_done", args.lang,
            changed=changed, refused=refused))
    return 1 if refused else 0


def cmd_set_password(args, settings, engine) -> int:
    if users.get_user(engine, args.name) is None:  # don't read a password for nobody
        raise UserError("users.unknown", name=users.normalize_name(args.name))
    user = users.set_password(engine, args.name, _stdin_password(args), actor=ACTOR)
    print(t("users.password_done", args.lang, name=user.name))
    return 0


def add_users_parser(sub, default_lang: str) -> None:
    """The `users` command and its actions, on the main parser's subparsers."""
    parser = sub.add_parser("users", help=t("users.cli.help", default_lang),
                            description=t("users.cli.help", default_lang))
    actions = parser.add_subparsers(dest="action", required=True)

    def action(name: str, func, key: str) -> argparse.ArgumentParser:
        text = t(f"users.cli.{key}", default_lang)
        p = actions.add_parser(name, help=text, description=text)
        p.set_defaults(func=func, needs_db=True)
        p.add_argument("--lang", choices=("id", "en"), default=default_lang)
        if name not in ("list", "migrate-scopes"):
            p.add_argument("name")
        return p

    def scoped(p: argparse.ArgumentParser) -> None:
        p.add_argument("--scope", action="append", default=[], metavar="NAME",
                       help=t("users.cli.scope_help", default_lang))

    p = action("add", cmd_add, "add_help")
    p.add_argument("--role", required=True)
    scoped(p)
    p.add_argument("--display-name", default="")
    p.add_argument("--password-stdin", action="store_true")
    action("list", cmd_list, "list_help").add_argument("--json", action="store_true")
    action("disable", cmd_disable, "disable_help")
    action("enable", cmd_enable, "enable_help")
    p = action("set-role", cmd_set_role, "set_role_help")
    p.add_argument("role")
    scoped(p)
    action("set-password", cmd_set_password, "set_password_help").add_argument(
        "--password-stdin", action="store_true", required=True)
    action("migrate-scopes", cmd_migrate_scopes, "migrate_help").add_argument(
        "--dry-run", action="store_true", help=t("users.cli.dry_run_help", default_lang))
