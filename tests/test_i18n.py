"""The string catalogue and CLDR formatting (Babel) in both languages."""

import ast
import datetime as dt
import re
import string
from pathlib import Path

import pytest

from zi_dashboard import i18n
from zi_dashboard.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_FILES = sorted((ROOT / "zi_dashboard" / "i18n").glob("strings_*.py"))
SOURCES = sorted([*(ROOT / "zi_dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py"),
                  ROOT / "app.py"])


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234.5, "id", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (291, "id", 0, "291"),
        (1_000_000, "id", 0, "1.000.000"),
        (1_000_000, "en", 0, "1,000,000"),
        (None, "id", 0, "–"),
        (float("nan"), "en", 1, "–"),
        (7.8, "id", 1, "7,8"),
        (7.8, "id", 2, "7,80"),
        (-3.25, "id", 2, "-3,25"),
        (0.5, "en", 0, "0"),  # CLDR rounds half to even
        (1.5, "en", 0, "2"),
    ],
)
def test_format_number(value, lang, decimals, expected):
    assert i18n.format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "decimals", "least", "expected"), [
    (75.0, "id", 2, 0, "75"), (75.5, "id", 2, 0, "75,5"), (87.25, "en", 2, 0, "87.25"),
    (9.0, "id", 3, 1, "9,0"), (18.25, "id", 3, 1, "18,25"), (1 / 3, "en", 3, 1, "0.333"),
    (1234.5, "id", 2, 0, "1.234,5"),
])
def test_format_number_drops_zeros_past_the_minimum(value, lang, decimals, least, expected):
    assert i18n.format_number(value, lang, decimals, min_decimals=least) == expected


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (26 / 265, "id", 1, "9,8%"),
    (26 / 265, "en", 1, "9.8%"),
    (0.5, "id", 0, "50%"),
    (12.345, "id", 1, "1.234,5%"),
    (None, "en", 1, "–"),
])
def test_format_pct(value, lang, decimals, expected):
    assert i18n.format_pct(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (26, "id", 0, "+26"), (-3, "id", 0, "−3"), (0, "en", 0, "±0"), (1234.5, "id", 1, "+1.234,5"),
])
def test_format_delta(value, lang, decimals, expected):
    assert i18n.format_delta(value, lang, decimals) == expected


@pytest.mark.parametrize(("value", "lang", "expected"), [
    (dt.date(2020, 8, 4), "id", "4 Agustus 2020"),
    (dt.date(2020, 8, 4), "en", "4 August 2020"),
    (dt.datetime(2021, 2, 28, 23, 59), "id", "28 Februari 2021"),
    (None, "id", "–"),
])
def test_format_date(value, lang, expected):
    assert i18n.format_date(value, lang) == expected


def test_unknown_key_falls_back_to_the_key():
    assert i18n.t("no.such.key", "en") == "no.such.key"


def test_placeholders_are_filled():
    assert i18n.t("app.data_line", "en", date="4 August 2020", version=2) == (
        "Data as of 4 August 2020 · version 2")


def test_every_string_has_both_languages_and_the_same_placeholders():
    for key, (text_id, text_en) in i18n.STRINGS.items():
        assert text_id and text_en, key
        fields_id = {f for _, f, _, _ in string.Formatter().parse(text_id) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(text_en) if f}
        assert fields_id == fields_en, key


@pytest.mark.parametrize("path", CATALOGUE_FILES, ids=lambda p: p.name)
def test_no_key_is_written_twice_in_a_catalogue_file(path):
    # A dict literal keeps the last of two equal keys without a word: read the source instead.
    keys = [node.value for tree in [ast.parse(path.read_text(encoding="utf-8"))]
            for d in ast.walk(tree) if isinstance(d, ast.Dict)
            for node in d.keys if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_a_key_in_two_areas_is_refused():
    with pytest.raises(ValueError, match="'x.y' is defined in both 'a' and 'b'"):
        catalogue.merge({"a": {"x.y": ("Ya", "Yes")}, "b": {"x.y": ("Ya", "Yes")}})


def test_every_area_reaches_the_catalogue():
    assert sum(len(area) for area in catalogue.AREAS.values()) == len(i18n.STRINGS)


def _keys_used() -> list[str]:
    found = set()
    for path in SOURCES:
        found |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+\.[a-z0-9_.]+)["']""",
                                path.read_text(encoding="utf-8")))
    return sorted(found)


@pytest.mark.parametrize("key", _keys_used())
def test_every_literal_key_in_the_code_is_in_the_catalogue(key):
    assert key in i18n.STRINGS
