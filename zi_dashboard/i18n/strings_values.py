"""Strings of the values work (issue 9): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["VALUE_STRINGS"]

VALUE_STRINGS: dict[str, tuple[str, str]] = {
}
