"""Number and date formatting in both languages."""

import datetime as dt

import pytest

from zi_dashboard import i18n


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234.5, "id", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (291, "id", 0, "291"),
        (1_000_000, "id", 0, "1.000.000"),
        (None, "id", 0, "–"),
        (float("nan"), "en", 1, "–"),
        (7.8, "id", 1, "7,8"),
    ],
)
def test_format_number(value, lang, decimals, expected):
    assert i18n.format_number(value, lang, decimals) == expected


def test_format_pct_and_delta():
    assert i18n.format_pct(26 / 265, "id") == "9,8%"
    assert i18n.format_pct(26 / 265, "en") == "9.8%"
    assert i18n.format_delta(26) == "+26"
    assert i18n.format_delta(-3) == "−3"


def test_format_date():
    assert i18n.format_date(dt.date(2020, 8, 4), "id") == "4 Agustus 2020"
    assert i18n.format_date(dt.date(2020, 8, 4), "en") == "4 August 2020"


def test_unknown_key_falls_back_to_the_key():
    assert i18n.t("no.such.key", "en") == "no.such.key"


def test_every_string_has_both_languages_and_the_same_placeholders():
    import string

    for key, (text_id, text_en) in i18n.STRINGS.items():
        assert text_id and text_en, key
        fields_id = {f for _, f, _, _ in string.Formatter().parse(text_id) if f}
        fields_en = {f for _, f, _, _ in string.Formatter().parse(text_en) if f}
        assert fields_id == fields_en, key
