"""Strings of the lke work (issue 9): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["LKE_STRINGS"]

LKE_STRINGS: dict[str, tuple[str, str]] = {
}
