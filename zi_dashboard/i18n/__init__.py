"""UI strings in Bahasa Indonesia (`id`, default) and English (`en`), and CLDR formatting.

Strings live in one catalogue (`catalogue.STRINGS`), in files per area: `strings_app` (frame,
cards, charts, filters, packs), `strings_pages`, `strings_admin` and `strings_issues`
(validation messages). `t(key, lang, **params)` reads it; `format` formats with Babel.
"""

from __future__ import annotations

from zi_dashboard.i18n.catalogue import STRINGS
from zi_dashboard.i18n.format import format_date, format_delta, format_number, format_pct

__all__ = ["LANGS", "STRINGS", "format_date", "format_delta", "format_number", "format_pct",
           "t", "template"]

LANGS = {"id": "Bahasa Indonesia", "en": "English"}


def template(key: str, lang: str = "id") -> str | None:
    """The raw string `key` in `lang` (placeholders unfilled), or None when there is none."""
    pair = STRINGS.get(key)
    if pair is None:
        return None
    return pair[1] if lang == "en" else pair[0]


def t(key: str, lang: str = "id", **params: object) -> str:
    """The UI string `key` in `lang`, with `params` filled in; the key itself if unknown."""
    text = template(key, lang)
    if text is None:
        return key
    return text.format(**params) if params else text
