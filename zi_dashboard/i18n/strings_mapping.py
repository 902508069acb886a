"""Strings of the mapping work (issue 9): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["MAPPING_STRINGS"]

MAPPING_STRINGS: dict[str, tuple[str, str]] = {
}
