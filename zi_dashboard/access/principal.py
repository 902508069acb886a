"""Roles, scopes and what each may see, as data; no Streamlit, no database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ANONYMOUS_POLICIES", "BOOTSTRAP_NAME", "ROLES", "SCOPED_ROLES", "Principal", "anonymous",
           "validate_role"]

# pimpinan: everything, read-only · eselon1: its Eselon I · unit: its units ·
# admin: uploads and rollbacks (optionally for its Eselon I) · superadmin: all, manages users.
ROLES = ("pimpinan", "eselon1", "unit", "admin", "superadmin")
# The scope a role holds: "eselon1" names, "unit" unit keys (present.accounts.checked_scope
# stores them); admin's scope is optional.
SCOPED_ROLES = {"eselon1": "eselon1", "unit": "unit", "admin": "eselon1"}
_CONTACTS = ("eselon1", "unit", "admin", "superadmin")  # within their scope
# The account the bootstrap superadmin (ZI_ADMIN_PASSWORD/_HASH) signs in as; no stored account
# may take it, or that password would stop working.
BOOTSTRAP_NAME = "admin"
# What a visitor who has not signed in gets (ZI_ANONYMOUS).
ANONYMOUS_POLICIES = ("aggregates", "none", "full")


@dataclass(frozen=True)
class Principal:
    """A session's user (None when anonymous), role and scope.

    `eselon1` and `units` are the scope; both empty means everything. `policy` is the anonymous
    policy and only matters when `name` is None.
    """

    name: str | None = None
    role: str | None = None
    eselon1: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    display_name: str = ""
    policy: str = "aggregates"

    @property
    def signed_in(self) -> bool:
        return self.name is not None

    @property
    def scoped(self) -> bool:
        """True when the session sees only some units. A unit or Eselon I role always is: with
        an empty scope (an account row edited by hand) it sees none, never all."""
        return bool(self.eselon1 or self.units) or self.role in ("eselon1", "unit")

    @property
    def may_view(self) -> bool:
        """False for an anonymous visitor when sign-in is required."""
        return self.signed_in or self.policy != "none"

    @property
    def sees_contacts(self) -> bool:
        """NIP, e-mail and phone: admins, and unit/Eselon I users (within their scope)."""
        return self.role in _CONTACTS or (not self.signed_in and self.policy == "full")

    @property
    def sees_names(self) -> bool:
        """Names and positions: signed-in users in scope (and the `full` demo policy)."""
        return self.signed_in or self.policy == "full"

    @property
    def sees_rows(self) -> bool:
        """Row-level tables and downloads (one row per agent or plan)."""
        return self.sees_names

    @property
    def can_upload(self) -> bool:
        return self.role in ("admin", "superadmin")

    @property
    def can_manage_users(self) -> bool:
        return self.role == "superadmin"

    @property
    def label(self) -> str:
        """Who, for audit records: the account name, or "anonim"."""
        return self.name or "anonim"

    def hidden_columns(self) -> frozenset[str]:
        """Columns row-level tables and exports leave out (their values are blanked anyway)."""
        hidden = set() if self.sees_contacts else {"nip", "email", "phone", "absence_reason"}
        return frozenset(hidden if self.sees_names else hidden | {"name", "position"})

    def cache_key(self) -> tuple:
        """What the session's tables depend on: scope and policy, not the person."""
        return (self.scoped, self.eselon1, self.units, self.sees_contacts, self.sees_names)

    def describe_scope(self) -> str:
        """The scope as plain text for audit details: "eselon1=A|B" or "all"."""
        if not self.scoped:
            return "all"
        parts = [f"eselon1={'|'.join(self.eselon1)}"] if self.eselon1 else []
        parts += [f"unit={'|'.join(self.units)}"] if self.units else []
        return ";".join(parts) or "none"


def anonymous(policy: str = "aggregates") -> Principal:
    """A visitor who has not signed in, under `policy` (one of ANONYMOUS_POLICIES)."""
    return Principal(policy=policy if policy in ANONYMOUS_POLICIES else "aggregates")


def validate_role(role: str, scope: Sequence[str]) -> str | None:
    """The i18n code of what is wrong with a role and scope, or None when they fit."""
    if role not in ROLES:
        return "users.bad_role"
    if role in ("eselon1", "unit") and not scope:
        return "users.scope_required"
    if role not in SCOPED_ROLES and scope:
        return "users.scope_not_allowed"
    return None
