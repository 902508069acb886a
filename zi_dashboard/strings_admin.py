"""UI strings of the admin pages (Unggah Data, Riwayat Data): key → (Bahasa Indonesia, English)."""

from __future__ import annotations

__all__ = ["ADMIN_STRINGS"]

ADMIN_STRINGS: dict[str, tuple[str, str]] = {}
