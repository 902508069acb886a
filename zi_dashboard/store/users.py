"""User accounts and sign-in attempts in the database; every change is audited in its transaction.

Names are kept lower-case (an e-mail for OIDC accounts). A disabled account keeps its row, so
audit records still say who it was.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine, MetaData, and_, func, insert, select, update

from zi_dashboard.access import BOOTSTRAP_NAME, SCOPED_ROLES, Principal, passwords, validate_role
from zi_dashboard.domain.errors import UserError
from zi_dashboard.store.database import (
    build_tables,
    now,
    sign_in_attempts_table,
    users_table,
    write_transaction,
)

__all__ = ["User", "add_user", "attempt_counts", "disable_user", "finish_attempt", "get_user",
           "list_users", "normalize_name", "password_hash_of", "principal_of", "prune_attempts",
           "set_password", "set_role",
           "start_attempt"]


@dataclass(frozen=True)
class User:
    """One account as stored (the password hash stays in the database)."""

    name: str
    display_name: str
    role: str
    scope: tuple[str, ...]
    active: bool
    has_password: bool
    created_at: datetime
    updated_at: datetime
    # passwords.credential_stamp of its hash ("" without one): a session signed in with the
    # password keeps it, and ends when it no longer matches (ui/session.py).
    credential: str = ""


def normalize_name(name: str) -> str:
    """Account names compare without case and surrounding spaces."""
    return name.strip().lower()


def principal_of(user: User) -> Principal:
    """The session identity an active account gives."""
    field = SCOPED_ROLES.get(user.role)
    return Principal(name=user.name, role=user.role, display_name=user.display_name or user.name,
                     eselon1=user.scope if field == "eselon1" else (),
                     units=user.scope if field == "unit" else ())


def _user(row) -> User:
    return User(row.name, row.display_name, row.role, tuple(json.loads(row.scope or "[]")),
                bool(row.active), bool(row.password_hash), row.created_at, row.updated_at,
                passwords.credential_stamp(row.password_hash))


def _audit(conn: Connection, kind: str, actor: str, detail: str) -> None:
    conn.execute(insert(build_tables().events).values(created_at=now(), kind=kind, actor=actor,
                                                      detail=detail, version_id=None))


def _clean_scope(role: str, scope: Sequence[str]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(s.strip() for s in scope if s and s.strip()))
    code = validate_role(role, cleaned)
    if code:
        raise UserError(code, role=role)
    return cleaned


def add_user(engine: Engine, name: str, *, role: str, scope: Sequence[str] = (),
             display_name: str = "", password_hash: str | None = None, actor: str) -> User:
    """Create an account; UserError when the name is taken or the role and scope don't fit."""
    key = normalize_name(name)
    if not key or len(key) > 200:
        raise UserError("users.bad_name", name=name)
    if key == BOOTSTRAP_NAME:
        raise UserError("users.reserved", name=key)
    cleaned = _clean_scope(role, scope)
    table = users_table(MetaData())
    with write_transaction(engine) as conn:
        if conn.execute(select(table.c.name).where(table.c.name == key)).first():
            raise UserError("users.exists", name=key)
        stamp = now()
        conn.execute(insert(table).values(
            name=key, display_name=display_name.strip() or key, role=role,
            scope=json.dumps(list(cleaned)), active=True, password_hash=password_hash,
            created_at=stamp, updated_at=stamp))
        _audit(conn, "user_added", actor, f"{key}: {role} {list(cleaned)}")
    return get_user(engine, key)  # type: ignore[return-value]


def _change(engine: Engine, name: str, values: dict, *, kind: str, actor: str,
            detail: str) -> User:
    key = normalize_name(name)
    table = users_table(MetaData())
    with write_transaction(engine) as conn:
        done = conn.execute(update(table).where(table.c.name == key)
                            .values(**values, updated_at=now()))
        if not done.rowcount:
            raise UserError("users.unknown", name=key)
        _audit(conn, kind, actor, f"{key}: {detail}")
    return get_user(engine, key)  # type: ignore[return-value]


def set_role(engine: Engine, name: str, role: str, scope: Sequence[str] = (), *,
             actor: str) -> User:
    """Give an account a new role and scope."""
    cleaned = _clean_scope(role, scope)
    return _change(engine, name, {"role": role, "scope": json.dumps(list(cleaned))},
                   kind="user_changed", actor=actor, detail=f"{role} {list(cleaned)}")


def disable_user(engine: Engine, name: str, *, actor: str, active: bool = False) -> User:
    """Switch an account off (or back on with active=True); its sessions lose access at once."""
    return _change(engine, name, {"active": active}, kind="user_enabled" if active else
                   "user_disabled", actor=actor, detail="active" if active else "disabled")


def set_password(engine: Engine, name: str, password_hash: str | None, *, actor: str) -> User:
    """Store a new scrypt hash for an embedded account (None: OIDC only); the sessions signed
    in with the old one end at their next run (see User.credential)."""
    return _change(engine, name, {"password_hash": password_hash}, kind="user_password",
                   actor=actor, detail="password set")


def get_user(engine: Engine, name: str) -> User | None:
    """The account of that name (any case), or None."""
    table = users_table(MetaData())
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.name == normalize_name(name))).first()
    return _user(row) if row else None


def password_hash_of(engine: Engine, name: str) -> str | None:
    """The stored hash of an active account, or None."""
    table = users_table(MetaData())
    with engine.connect() as conn:
        return conn.scalar(select(table.c.password_hash).where(
            table.c.name == normalize_name(name), table.c.active.is_(True)))


def list_users(engine: Engine) -> list[User]:
    """Every account, by name."""
    table = users_table(MetaData())
    with engine.connect() as conn:
        return [_user(row) for row in conn.execute(select(table).order_by(table.c.name))]


def _failures(conn: Connection, table, *conditions) -> tuple[int, datetime | None]:
    """Failed attempts matching `conditions`, and the latest one."""
    count, latest = conn.execute(select(func.count(), func.max(table.c.created_at))
                                 .where(*conditions, table.c.ok.is_(False))).one()
    return int(count), latest


def attempt_counts(conn: Connection, account: str, client: str, at: datetime
                   ) -> tuple[tuple[int, datetime | None], tuple[int, datetime | None]]:
    """(failures, latest) for this account from this client since that pair's latest success,
    and for this client over all accounts in the CLIENT_WINDOW_SECONDS before `at`.

    The client-wide count ignores successes: one success from the client (its own account, say)
    would otherwise reset the count of its guesses at every other account.
    """
    table = sign_in_attempts_table(MetaData())
    same_pair = and_(table.c.account == account, table.c.client == client)
    last_ok = conn.scalar(select(func.max(table.c.id)).where(same_pair, table.c.ok.is_(True)))
    since_ok = [table.c.id > last_ok] if last_ok is not None else []
    pair = _failures(conn, table, same_pair, *since_ok)
    window = timedelta(seconds=passwords.CLIENT_WINDOW_SECONDS)
    client_wide = _failures(conn, table, table.c.client == client,
                            table.c.created_at > at - window)
    return pair, client_wide


def start_attempt(engine: Engine, account: str, client: str, wait_for) -> tuple[int | None, float]:
    """Reserve one password check, atomically: (attempt id, 0) or (None, seconds to wait).

    Under the write lock the counts are read and a failed attempt is written before the password
    is checked, so simultaneous guesses each see the ones before them; `finish_attempt` marks it
    a success. `wait_for(pair, client_wide, now)` turns the counts into seconds of pause.
    """
    table = sign_in_attempts_table(MetaData())
    account, stamp = normalize_name(account), now()
    with write_transaction(engine) as conn:
        pair, client_wide = attempt_counts(conn, account, client, stamp)
        wait = wait_for(pair, client_wide, stamp)
        if wait > 0:
            return None, wait
        attempt = conn.execute(insert(table).values(account=account, client=client, ok=False,
                                                    created_at=stamp)).inserted_primary_key[0]
    return int(attempt), 0.0


def finish_attempt(engine: Engine, attempt: int, *, ok: bool, account: str, client: str) -> None:
    """Record the outcome of a reserved check, with its audit entry."""
    table = sign_in_attempts_table(MetaData())
    with engine.begin() as conn:
        if ok:
            conn.execute(update(table).where(table.c.id == attempt).values(ok=True))
        _audit(conn, "sign_in" if ok else "sign_in_failed", normalize_name(account),
               f"client={client}")


def prune_attempts(engine: Engine, older_than: timedelta = timedelta(days=30)) -> None:
    """Forget attempts older than a month (the pauses only look at recent ones)."""
    table = sign_in_attempts_table(MetaData())
    with engine.begin() as conn:
        conn.execute(table.delete().where(table.c.created_at < now() - older_than))
