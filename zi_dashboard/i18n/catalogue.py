"""The one string catalogue: every area's strings merged, a key defined in two areas refused."""

from __future__ import annotations

from collections.abc import Mapping

from zi_dashboard.i18n.strings_access import ACCESS_STRINGS
from zi_dashboard.i18n.strings_admin import ADMIN_STRINGS
from zi_dashboard.i18n.strings_app import APP_STRINGS
from zi_dashboard.i18n.strings_digest import DIGEST_STRINGS
from zi_dashboard.i18n.strings_files import FILE_STRINGS
from zi_dashboard.i18n.strings_issues import ISSUE_STRINGS
from zi_dashboard.i18n.strings_layout import LAYOUT_STRINGS
from zi_dashboard.i18n.strings_lke import LKE_STRINGS
from zi_dashboard.i18n.strings_mapping import MAPPING_STRINGS
from zi_dashboard.i18n.strings_pages import PAGE_STRINGS
from zi_dashboard.i18n.strings_profile import PROFILE_STRINGS
from zi_dashboard.i18n.strings_safety import SAFETY_STRINGS
from zi_dashboard.i18n.strings_scope import SCOPE_STRINGS
from zi_dashboard.i18n.strings_tables import TABLE_STRINGS
from zi_dashboard.i18n.strings_users import USER_STRINGS
from zi_dashboard.i18n.strings_values import VALUE_STRINGS

__all__ = ["AREAS", "STRINGS", "merge"]

# area → key → (Bahasa Indonesia, English). Strings may hold {placeholders}.
AREAS: dict[str, Mapping[str, tuple[str, str]]] = {
    "app": APP_STRINGS, "pages": PAGE_STRINGS, "admin": ADMIN_STRINGS, "issues": ISSUE_STRINGS,
    "files": FILE_STRINGS, "safety": SAFETY_STRINGS, "layout": LAYOUT_STRINGS,
    "mapping": MAPPING_STRINGS, "values": VALUE_STRINGS, "lke": LKE_STRINGS,
    "access": ACCESS_STRINGS, "users": USER_STRINGS, "scope": SCOPE_STRINGS,
    "profile": PROFILE_STRINGS, "digest": DIGEST_STRINGS, "tables": TABLE_STRINGS,
}


def merge(areas: Mapping[str, Mapping[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """One mapping of every area's keys; ValueError when two areas define the same key."""
    merged: dict[str, tuple[str, str]] = {}
    owner: dict[str, str] = {}
    for area, strings in areas.items():
        for key, pair in strings.items():
            if key in merged:
                raise ValueError(f"string {key!r} is defined in both {owner[key]!r} and {area!r}")
            merged[key], owner[key] = pair, area
    return merged


STRINGS: Mapping[str, tuple[str, str]] = merge(AREAS)
