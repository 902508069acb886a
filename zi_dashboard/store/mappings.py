"""Column mappings in the database: what admins said unlisted headers mean, by normalised header."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Engine, MetaData, delete, insert, select

from zi_dashboard.domain.schema import normalize_header
from zi_dashboard.store.database import build_tables, column_mappings_table, now

__all__ = ["load_mappings", "save_mappings"]


# Lengths of the key and the header as written in the column_mappings table.
MAX_HEADER_KEY, MAX_HEADER = 200, 500


def save_mappings(engine: Engine, mappings: Mapping[str, str], *, created_by: str,
                  headers: Mapping[str, str] | None = None,
                  datasets: Mapping[str, str] | None = None) -> list[str]:
    """Store header → column ("" = ignore), replacing earlier mappings of the same headers.

    Keys are normalised here, so a header as written works too; `headers` and `datasets` (by the
    same keys) record how the header was written and for which dataset. Audited as one
    "column_mappings" event; returns the keys stored."""
    rows = {}
    for header, column in mappings.items():
        key = normalize_header(header)
        # A "header" longer than the key column is no header a roster repeats: not kept.
        if key and len(key) <= MAX_HEADER_KEY:
            rows[key] = {"header_key": key, "column": column or "",
                         "header": ((headers or {}).get(header, header))[:MAX_HEADER],
                         "dataset": (datasets or {}).get(header)}
    if not rows:
        return []
    table = column_mappings_table(MetaData())
    t = build_tables()
    with engine.begin() as conn:
        conn.execute(delete(table).where(table.c.header_key.in_(list(rows))))
        stamp = now()
        conn.execute(insert(table), [{**row, "created_by": created_by, "created_at": stamp}
                                     for row in rows.values()])
        detail = "; ".join(f"{r['header']} → {r['column'] or '-'}" for r in rows.values())
        conn.execute(insert(t.events).values(created_at=stamp, kind="column_mappings",
                                             actor=created_by, detail=detail, version_id=None))
    return list(rows)


def load_mappings(engine: Engine) -> dict[str, str]:
    """Every stored mapping: normalised header → column ("" = ignore)."""
    table = column_mappings_table(MetaData())
    with engine.connect() as conn:
        return {key: column for key, column in conn.execute(
            select(table.c.header_key, table.c.column).order_by(table.c.header_key))}
