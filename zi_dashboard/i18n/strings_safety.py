"""Strings of the safety work (issue 9): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["SAFETY_STRINGS"]

SAFETY_STRINGS: dict[str, tuple[str, str]] = {
}
