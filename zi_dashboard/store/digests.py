"""The digests sent (so the next one starts where the last ended) and the version current at a
moment (so `digest --since DATE` starts there)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, MetaData, insert, select

from zi_dashboard.store.database import build_tables, digests_table, now

__all__ = ["Digest", "last_digest", "normalize_recipients", "record_digest", "version_at"]


@dataclass(frozen=True)
class Digest:
    """One digest sent."""

    id: int
    sent_at: datetime
    from_version_id: int | None
    version_id: int
    account: str
    recipients: tuple[str, ...]
    lang: str


def normalize_recipients(recipients: Sequence[str]) -> tuple[str, ...]:
    """Addresses compared without case, surrounding spaces, order or repeats."""
    return tuple(sorted({r.strip().lower() for r in recipients if r and r.strip()}))


def record_digest(engine: Engine, *, version_id: int, from_version_id: int | None, account: str,
                  recipients: Sequence[str], lang: str) -> Digest:
    """Store a digest that was sent (never one only written to a file)."""
    table = digests_table(MetaData())
    sent = now()
    kept = normalize_recipients(recipients)
    with engine.begin() as conn:
        new_id = conn.execute(insert(table).values(
            sent_at=sent, from_version_id=from_version_id, version_id=int(version_id),
            account=account, recipients=json.dumps(list(kept)), lang=lang)).inserted_primary_key[0]
    return Digest(int(new_id), sent, from_version_id, int(version_id), account, kept, lang)


def last_digest(engine: Engine, account: str, recipients: Sequence[str] | None) -> Digest | None:
    """The latest digest sent as `account` ("" = no --as) to exactly these recipients (None:
    to any)."""
    table = digests_table(MetaData())
    stmt = select(table).where(table.c.account == account)
    if recipients is not None:
        stmt = stmt.where(table.c.recipients == json.dumps(list(normalize_recipients(recipients))))
    with engine.connect() as conn:
        row = conn.execute(stmt.order_by(table.c.id.desc()).limit(1)).first()
    if row is None:
        return None
    return Digest(row.id, row.sent_at, row.from_version_id, row.version_id, row.account,
                  tuple(json.loads(row.recipients)), row.lang)


def version_at(engine: Engine, moment: datetime) -> int | None:
    """The id of the version that was current at `moment` (aware): the latest commit or
    rollback at or before it moved the pointer there; None before the first version."""
    t = build_tables()
    with engine.connect() as conn:
        commit = conn.execute(select(t.versions.c.created_at, t.versions.c.id)
                              .where(t.versions.c.created_at <= moment)
                              .order_by(t.versions.c.created_at.desc(), t.versions.c.id.desc())
                              .limit(1)).first()
        moved = conn.execute(select(t.events.c.created_at, t.events.c.version_id)
                             .where(t.events.c.kind == "rollback",
                                    t.events.c.created_at <= moment)
                             .order_by(t.events.c.created_at.desc(), t.events.c.id.desc())
                             .limit(1)).first()
    latest = max((r for r in (commit, moved) if r is not None), key=lambda r: r[0], default=None)
    return None if latest is None else int(latest[1])
