"""Accounts for the Pengguna page and `users …`: rows, scope choices, and the checks made
before an account change (scope against the current version's units, passwords, self-lockout)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import pandas as pd

from zi_dashboard.access import ROLES, SCOPED_ROLES, Principal, passwords, validate_role
from zi_dashboard.domain.errors import UserError
from zi_dashboard.i18n import t
from zi_dashboard.i18n.format import DEFAULT_ZONE, format_datetime
from zi_dashboard.present.text import markdown_text
from zi_dashboard.store.users import User, normalize_name

__all__ = ["MIN_PASSWORD", "account_label", "account_line", "account_record", "accounts_table",
           "checked_scope", "done_message", "error_text", "migrated_scope", "new_account",
           "new_password_hash", "refuse_self_lockout", "role_change", "role_labels",
           "scope_choices", "scope_labels", "scope_text", "scope_widget", "stale_scopes_note",
           "switched_active"]

MIN_PASSWORD = 8
_MATCHES_SHOWN = 3


def error_text(exc: UserError, lang: str, *, markdown: bool = False) -> str:
    """An account error in the UI language; with `markdown` (st.error on the page) the names and
    e-mails in it stay text, never links or markup."""
    params = {k: markdown_text(v) for k, v in exc.params.items()} if markdown else exc.params
    return t(exc.code, lang, **params)


def _column(units: pd.DataFrame, name: str) -> pd.Series:
    if name not in units:
        return pd.Series("", index=units.index, dtype="object")
    return units[name].astype("string").fillna("").str.strip()


def _unit_labels(units: pd.DataFrame) -> dict[str, str]:
    """unit_key → "name (code)" ("name" without a code); a name several units share also names
    the Eselon I, so each is told apart: "Bagian Umum (SJ-01, Sekretariat Jenderal)"."""
    keys, names, codes, eselon1 = (_column(units, c)
                                   for c in ("unit_key", "unit_name", "unit_code", "eselon1"))
    shared = names.str.casefold().duplicated(keep=False) & names.ne("")
    labels = {}
    for key, name, code, parent, twin in zip(keys, names, codes, eselon1, shared):
        if key:
            within = ", ".join(p for p in (code, parent if twin else "") if p)
            labels[key] = f"{name} ({within})" if within else name
    return labels


def scope_choices(units: pd.DataFrame, role: str, keep: Iterable[str] = ()) -> dict[str, str]:
    """value → label of what `role`'s scope may name in this version: Eselon I names (eselon1,
    admin) or units by key, labelled "name (code)" (unit); `keep` stays a choice even when the
    version no longer holds it. Empty for roles without a scope."""
    field = SCOPED_ROLES.get(role)
    choices: dict[str, str] = {}
    if field == "eselon1":
        choices = {name: name for name in sorted(set(_column(units, "eselon1")) - {""})}
    elif field == "unit":
        choices = dict(sorted(_unit_labels(units).items(), key=lambda item: item[1].casefold()))
    if field is not None:
        for value in keep:
            choices.setdefault(value, value)
    return choices


def _stale(scope: Sequence[str], units: pd.DataFrame, role: str) -> list[str]:
    """The stored scope values that name nothing in this version: a unit scope value that is no
    unit key (a name stored before keys, a unit since removed), an Eselon I no unit has."""
    field = SCOPED_ROLES.get(role)
    if field == "unit":
        known = set(_column(units, "unit_key"))
        return [value for value in scope if value not in known]
    if field == "eselon1":
        known = {name.casefold() for name in _column(units, "eselon1")}
        return [value for value in scope if value.strip().casefold() not in known]
    return []


def scope_widget(units: pd.DataFrame, role: str, lang: str, held: Sequence[str] = ()) -> dict:
    """The scope picker of `role` as keyword arguments of a multiselect: its choices, `held`
    chosen (one this version does not hold marked so); disabled, saying why, for a role that
    sees everything."""
    choices, free = scope_choices(units, role, keep=held), role not in SCOPED_ROLES
    for value in _stale(held, units, role):
        choices[value] = t("users.scope_stale", lang, value=value)
    return {"label": t("users.scope_optional" if role == "admin" else "users.scope", lang),
            "options": list(choices), "default": list(held), "format_func": choices.get,
            "disabled": free, "placeholder": t("users.scope_none", lang) if free else None}


def role_labels(lang: str) -> dict[str, str]:
    """Every role → its name in the UI language, in ROLES order."""
    return {role: t(f"role.{role}", lang) for role in ROLES}


def scope_labels(scope: Sequence[str], units: pd.DataFrame, role: str, lang: str) -> str:
    """A stored scope as a reader says it ("Biro Umum (KS-01-005)"), "" for none; a value this
    version does not hold is marked as granting nothing."""
    choices = scope_choices(units, role)
    for value in _stale(scope, units, role):
        choices[value] = t("users.scope_stale", lang, value=value)
    return ", ".join(choices.get(value, value) for value in scope)


def stale_scopes_note(accounts: Sequence[User], units: pd.DataFrame, lang: str) -> str:
    """What the Pengguna page warns of when accounts hold scope values this version does not
    hold (they grant nothing), naming them; "" when there are none. Markdown: the names and
    values in it stay text."""
    found = [markdown_text(f"{user.name}: {', '.join(stale)}") for user in accounts
             if (stale := _stale(user.scope, units, user.role))]
    return t("users.stale_note", lang, accounts="; ".join(found)) if found else ""


def scope_text(principal: Principal, units: pd.DataFrame) -> str:
    """What a principal sees, as a reader says it: "Sekretariat Jenderal", or units as
    "Biro Umum (KS-01-005)"; "" when it sees everything."""
    labels = scope_choices(units, "unit") if principal.units else {}
    return ", ".join((*principal.eselon1, *(labels.get(u, u) for u in principal.units)))


def _targets(units: pd.DataFrame, field: str) -> dict[str, set[str]]:
    """Folded spelling → the scope values it names (a unit by its key, code or name)."""
    targets: dict[str, set[str]] = {}
    if field == "eselon1":
        for name in _column(units, "eselon1"):
            if name:
                targets.setdefault(name.casefold(), set()).add(name)
        return targets
    keys = _column(units, "unit_key")
    for column in ("unit_key", "unit_code", "unit_name"):
        for spelling, key in zip(_column(units, column), keys):
            if spelling and key:
                targets.setdefault(spelling.casefold(), set()).add(key)
    return targets


def _spellings(units: pd.DataFrame, role: str) -> dict[str, tuple[str, ...]]:
    """label → what an admin may type for it: an Eselon I name, or a unit's name and code."""
    choices = scope_choices(units, role)
    if SCOPED_ROLES.get(role) != "unit":
        return {label: (label,) for label in choices.values()}
    typed = {key: (name, code) for key, name, code in zip(
        *(_column(units, c) for c in ("unit_key", "unit_name", "unit_code")))}
    return {label: (label, *typed.get(key, ())) for key, label in choices.items()}


def _close_matches(value: str, spellings: dict[str, tuple[str, ...]]) -> list[str]:
    """The labels most like `value`: those with a spelling holding it first, then by how like
    it their closest spelling is."""
    wanted = value.casefold()
    forms = {label: [s.casefold() for s in typed if s] for label, typed in spellings.items()}
    holding = [label for label, folded in forms.items() if any(wanted in f for f in folded)]
    score = {label: max(difflib.SequenceMatcher(None, f, wanted).ratio() for f in folded)
             for label, folded in forms.items()}
    similar = sorted(forms, key=lambda label: (score[label], label.casefold()), reverse=True)
    return list(dict.fromkeys([*holding, *similar[:_MATCHES_SHOWN]]))[:_MATCHES_SHOWN]


def _candidates(units: pd.DataFrame, keys: set[str]) -> str:
    """The units a spelling names, each as "name (code, Eselon I)" (the key where there is no
    code: what the admin types instead), by Eselon I."""
    rows = zip(*(_column(units, c) for c in ("unit_key", "unit_name", "unit_code", "eselon1")))
    found = sorted((parent, name, code or key) for key, name, code, parent in rows if key in keys)
    return "; ".join(f"{name} ({code}, {parent})" if parent else f"{name} ({code})"
                     for parent, name, code in found)


def checked_scope(role: str, scope: Sequence[str], units: pd.DataFrame) -> tuple[str, ...]:
    """The scope as stored: Eselon I names as the version writes them, units by key only.

    Each value is matched ignoring case and spaces to an Eselon I name, or to the unit whose
    key, code or name it gives (a key given exactly is that unit). A name several units share
    is refused, the candidates listed with their code and Eselon I, rather than kept as all of
    them: the account would see units it was never given. UserError too for a role and scope
    that don't fit, or a value the current version does not hold (naming the closest ones).
    """
    cleaned = tuple(dict.fromkeys(s.strip() for s in scope if s and s.strip()))
    code = validate_role(role, cleaned)
    if code:
        raise UserError(code, role=role)
    field = SCOPED_ROLES.get(role)
    if field is None or not cleaned:
        return ()
    if units.empty:
        raise UserError("users.scope_no_data", value=cleaned[0])
    targets = _targets(units, field)
    keys = set(_column(units, "unit_key")) - {""} if field == "unit" else set()
    stored: list[str] = []
    for value in cleaned:
        found = {value} if value in keys else targets.get(value.casefold(), set())
        if not found:
            raise UserError(f"users.scope_unknown_{field}", value=value,
                            matches="; ".join(_close_matches(value, _spellings(units, role))))
        if field == "unit" and len(found) > 1:
            raise UserError("users.scope_ambiguous_unit", value=value,
                            candidates=_candidates(units, found))
        stored += sorted(found)
    return tuple(dict.fromkeys(stored))


def migrated_scope(user: User, units: pd.DataFrame) -> tuple[str, ...] | None:
    """The unit scope to store for an account still holding values that are no unit key of
    this version (names stored before scopes were kept by key, or edited by hand), each
    resolved as `checked_scope` does; None when there is nothing to change. UserError for a
    value this version cannot resolve to exactly one unit (the account is left as it is)."""
    if SCOPED_ROLES.get(user.role) != "unit" or not _stale(user.scope, units, user.role):
        return None
    return checked_scope(user.role, user.scope, units)


def new_password_hash(password: str, confirm: str | None = None, *,
                      required: bool = False) -> str | None:
    """The scrypt hash of a new password; None when none is given and none is `required` (an
    account that signs in by SSO only).

    `confirm` (the page's second field) must repeat it; the CLI reads it once from stdin.
    """
    if not password and not confirm and not required:
        return None
    if len(password) < MIN_PASSWORD:
        raise UserError("users.password_short", minimum=MIN_PASSWORD)
    if confirm is not None and confirm != password:
        raise UserError("users.password_mismatch")
    return passwords.hash_password(password)


def refuse_self_lockout(actor: str, name: str, *, role: str | None = None,
                        active: bool | None = None) -> None:
    """UserError when the acting superadmin would disable or demote their own account."""
    if normalize_name(actor) != normalize_name(name):
        return
    if active is False or (role is not None and role != "superadmin"):
        raise UserError("users.self_lockout", name=normalize_name(name))


def new_account(role: str, scope: Sequence[str], units: pd.DataFrame, password: str,
                confirm: str | None = None) -> dict:
    """The checked role, scope and password hash of a new account, as `users.add_user` wants."""
    return {"role": role, "scope": checked_scope(role, scope, units),
            "password_hash": new_password_hash(password, confirm)}


def role_change(actor: str, name: str, role: str, scope: Sequence[str], units: pd.DataFrame
                ) -> tuple[str, tuple[str, ...]]:
    """The checked (role, scope) to give account `name`; never a demotion of the actor."""
    refuse_self_lockout(actor, name, role=role)
    return role, checked_scope(role, scope, units)


def switched_active(actor: str, user: User) -> bool:
    """The account's active flag switched; never the actor's own account off."""
    refuse_self_lockout(actor, user.name, active=not user.active)
    return not user.active


def accounts_table(users: Sequence[User], units: pd.DataFrame, lang: str,
                   zone: str = DEFAULT_ZONE) -> pd.DataFrame:
    """One row per account: name, display name, role, scope, active, password, and when it last
    changed, in the viewer's `zone` with the zone named ("2 Des 2026 13.05 WIB")."""
    columns = ("name", "display_name", "role", "scope", "active", "has_password", "updated")
    rows = [(u.name, u.display_name, t(f"role.{u.role}", lang),
             scope_labels(u.scope, units, u.role, lang), u.active, u.has_password,
             format_datetime(u.updated_at, lang, zone)) for u in users]
    return pd.DataFrame(rows, columns=[t(f"users.col.{c}", lang) for c in columns])


def account_record(user: User) -> dict:
    """An account as `users list --json` prints it (never the hash)."""
    return {"name": user.name, "display_name": user.display_name, "role": user.role,
            "scope": list(user.scope), "active": user.active, "has_password": user.has_password,
            "created_at": user.created_at.isoformat(), "updated_at": user.updated_at.isoformat()}


def done_message(action: str, user: User, units: pd.DataFrame, lang: str) -> str:
    """What the page says after `action` (add, role, active, password) changed `user` (Markdown:
    the account name and scope are escaped)."""
    key = {"add": "users.added", "role": "users.role_set", "password": "users.password_done",
           "active": "users.enabled_done" if user.active else "users.disabled_done"}[action]
    scope = scope_labels(user.scope, units, user.role, lang)
    return t(key, lang, name=markdown_text(user.name), role=t(f"role.{user.role}", lang),
             scope=markdown_text(scope) if scope else t("users.scope_all", lang))


def account_label(user: User) -> str:
    """How the page names an account: "Budi Santoso · budi@kemensos.go.id", or just the name."""
    if user.display_name in ("", user.name):
        return user.name
    return f"{user.display_name} · {user.name}"


def account_line(user: User, lang: str) -> str:
    """One account on one line for `users list`."""
    state = t("users.state.active" if user.active else "users.state.disabled", lang)
    password = t("users.state.password" if user.has_password else "users.state.no_password", lang)
    scope = ", ".join(user.scope) or t("users.scope_all", lang)
    return f"{user.name}  {user.role}  {scope}  [{state}, {password}]  {user.display_name}"
