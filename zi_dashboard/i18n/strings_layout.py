"""Strings of the layout work (issue 9): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["LAYOUT_STRINGS"]

LAYOUT_STRINGS: dict[str, tuple[str, str]] = {
}
