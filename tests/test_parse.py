"""Cell parsing rules: NIP, id-ID numbers, dates, golongan, enumerations."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from zi_dashboard.domain.schema import ATTENDANCE_MODES, ENUMS, GENDERS
from zi_dashboard.ingest import cells

TODAY = dt.date(2024, 6, 1)


def series(*values) -> pd.Series:
    return pd.Series(list(values), dtype=object)


@pytest.mark.parametrize("cell, nip, error, pppk, gender", [
    ("19860926 201505 1 001", "198609262015051001", None, False, "L"),
    ("198609262015051001", "198609262015051001", None, False, "L"),
    ("19860926.201505.1.001", "198609262015051001", None, False, "L"),
    ("19860926-201505-1-001", "198609262015051001", None, False, "L"),
    ("'198609262015051001", "198609262015051001", None, False, "L"),
    ("NIP. 19860926 201505 1 001", "198609262015051001", None, False, "L"),
    ("19900412 201403 2 007", "199004122014032007", None, False, "P"),
    ("19880229 201505 1 001", "198802292015051001", None, False, "L"),       # leap day
    ("19860926 202113 1 001", "198609262021131001", None, True, "L"),        # PPPK month 13
    (1.98609262015051e17, None, "nip_numeric", False, None),
    (198609262015051001, None, "nip_numeric", False, None),
    ("1.98609E+17", None, "nip_numeric", False, None),
    ("19860926 2015O5 1 001", "198609262015O51001", "nip_invalid_chars", False, None),
    # Full-width digits are read as the digits they show (issue 9; noted as info by validation).
    ("１９８６０９２６２０１５０５１００１", "198609262015051001", None, False, "L"),
    ("19860926 201505 1 01", "19860926201505101", "nip_invalid_length", False, None),
    ("19860926 201505 1 0011", "1986092620150510011", "nip_invalid_length", False, None),
    ("19861326 201505 1 001", "198613262015051001", "nip_invalid_birth_date", False, "L"),
    ("19860230 201505 1 001", "198602302015051001", "nip_invalid_birth_date", False, "L"),
    ("19310926 201505 1 001", "193109262015051001", "nip_invalid_birth_date", False, "L"),
    ("20150926 201505 1 001", "201509262015051001", "nip_invalid_birth_date", False, "L"),
    ("19860926 199505 1 001", "198609261995051001", "nip_invalid_start", False, "L"),
    ("19860926 201500 1 001", "198609262015001001", "nip_invalid_start", False, "L"),
    ("19860926 203001 1 001", "198609262030011001", "nip_invalid_start", False, "L"),
    (None, None, None, False, None),
    ("-", None, None, False, None),
])
def test_check_nip(cell, nip, error, pppk, gender):
    out = cells.check_nip(series(cell, "19751231 200012 1 003"), TODAY).iloc[0]
    assert (out["nip"] if pd.notna(out["nip"]) else None) == nip
    assert (out["error"] if pd.notna(out["error"]) else None) == error
    assert bool(out["pppk"]) is pppk
    assert (out["gender"] if pd.notna(out["gender"]) else None) == gender


def test_check_nip_flags_a_gender_digit_that_is_neither_1_nor_2():
    out = cells.check_nip(series("19860926 201505 3 001", "19860926 201505 2 001"), TODAY)
    assert out["gender_bad"].tolist() == [True, False]
    assert out["error"].isna().all()


@pytest.mark.parametrize("cell, expected, bad", [
    ("75,50", 75.5, False),
    ("1.234,5", 1234.5, False),
    ("1.234", 1234.0, False),
    ("75.5", 75.5, False),
    ("1,234.5", 1234.5, False),
    (" 80 % ", 80.0, False),
    ("-3,5", -3.5, False),
    (81.25, 81.25, False),
    (7, 7.0, False),
    ("-", None, False),
    (None, None, False),
    ("tujuh puluh", None, True),
    ("75,5,5", None, True),
    (True, None, True),
])
def test_parse_number(cell, expected, bad):
    values, mask = cells.parse_number(series(cell, "1"))
    assert (None if np.isnan(values.iloc[0]) else values.iloc[0]) == expected
    assert bool(mask.iloc[0]) is bad


@pytest.mark.parametrize("cell, expected", [
    ("04/08/2020", "2020-08-04"),
    ("4/8/2020", "2020-08-04"),
    ("04-08-2020", "2020-08-04"),
    ("4 Agustus 2020", "2020-08-04"),
    ("4 Agt 2020", "2020-08-04"),
    ("4-Agu-2020", "2020-08-04"),
    ("3 Pebruari 2021", "2021-02-03"),
    ("30 Nopember 2020", "2020-11-30"),
    ("Selasa, 4 Agustus 2020", "2020-08-04"),
    ("4 August 2020", "2020-08-04"),
    ("2020-08-04", "2020-08-04"),
    ("2020-08-04 09:30:00", "2020-08-04"),
    (44047, "2020-08-04"),
    ("44047", "2020-08-04"),
    (dt.datetime(2020, 8, 4, 13, 5), "2020-08-04"),
    (dt.date(2020, 8, 4), "2020-08-04"),
])
def test_parse_date_reads(cell, expected):
    values, bad = cells.parse_date(series(cell))
    assert values.dtype == "datetime64[ns]"
    assert values.iloc[0] == pd.Timestamp(expected) and not bad.iloc[0]


@pytest.mark.parametrize("cell", ["31/02/2020", "4 Agustusan 2020", "kemarin", 2020, "13/13/2020"])
def test_parse_date_refuses(cell):
    values, bad = cells.parse_date(series(cell))
    assert pd.isna(values.iloc[0]) and bad.iloc[0]


def test_parse_date_leaves_blanks_and_dashes_alone():
    values, bad = cells.parse_date(series(None, "-"))
    assert values.isna().all() and not bad.any()


@pytest.mark.parametrize("cell, expected", [
    ("III/a", "III/a"), ("IIIa", "III/a"), ("III-a", "III/a"), ("III a", "III/a"), ("3a", "III/a"),
    ("3/A", "III/a"), ("iv/b", "IV/b"), ("Penata Muda (III/a)", "III/a"),
    ("Penata Muda Tk. I (III/b)", "III/b"), ("Pembina Utama Muda, IV/c", "IV/c"),
    ("Pembina Utama Muda", "IV/c"), ("Penata Tk I", "III/d"), ("Juru Muda", "I/a"),
    ("II/e", None), ("I/e", None), ("V/a", None), ("Staf", None),
])
def test_parse_rank(cell, expected):
    values, bad = cells.parse_rank(series(cell))
    assert (values.iloc[0] if pd.notna(values.iloc[0]) else None) == expected
    assert bool(bad.iloc[0]) is (expected is None)


@pytest.mark.parametrize("enum, cell, key", [
    (ATTENDANCE_MODES, "luring", "tatap_muka"), (ATTENDANCE_MODES, "Offline", "tatap_muka"),
    (ATTENDANCE_MODES, "LANGSUNG", "tatap_muka"), (ATTENDANCE_MODES, "Tatap  Muka", "tatap_muka"),
    (ATTENDANCE_MODES, "daring", "virtual"), (ATTENDANCE_MODES, "Zoom", "virtual"),
    (ATTENDANCE_MODES, "online", "virtual"), (GENDERS, "Laki-laki", "L"), (GENDERS, "P", "P"),
    (GENDERS, 1.0, "L"), (ENUMS["yes_no"], "Sudah", "ya"), (ENUMS["yes_no"], "Tidak Ada", "tidak"),
    (ENUMS["zi_stage"], "Menuju WBK", "wbk"), (ATTENDANCE_MODES, "hybrid", "hadir"),
    (ATTENDANCE_MODES, "telat", None),
])
def test_parse_enum(enum, cell, key):
    values, bad = cells.parse_enum(series(cell), enum)
    assert (values.iloc[0] if pd.notna(values.iloc[0]) else None) == key
    assert bool(bad.iloc[0]) is (key is None)


def test_normalize_values_matches_normalize_header_for_long_lists():
    from zi_dashboard.domain.schema import normalize_header

    names = [f"Balai Besar Rehabilitasi Sosial “Kartini” Témanggung {i}" for i in range(400)]
    out = cells.normalize_values(series(*names, 3.0, None))
    assert out.iloc[:400].tolist() == [normalize_header(n) for n in names]
    assert out.iloc[400] == "3" and pd.isna(out.iloc[401])


@pytest.mark.parametrize("cell, ok", [("andi@kemensos.go.id", True), ("andi@", False),
                                      ("andi kemensos.go.id", False), (None, True)])
def test_valid_email(cell, ok):
    assert bool(cells.valid_email(series(cell)).iloc[0]) is ok


def test_text_values_writes_numbers_and_dates_as_text():
    out = cells.text_values(series("Biro Umum", 3.0, 2.5, dt.datetime(2020, 8, 4), None))
    assert out.tolist()[:4] == ["Biro Umum", "3", "2.5", "2020-08-04"] and out.iloc[4] is None


def test_odd_cells_never_raise():
    odd = series(dt.datetime(1200, 1, 1), dt.date(9999, 12, 31), dt.time(8, 30),
                 dt.timedelta(days=1), float("inf"), True, "x")
    dates, bad_dates = cells.parse_date(odd)
    assert dates.isna().all() and bad_dates.tolist() == [True] * 7
    numbers, bad_numbers = cells.parse_number(odd)
    assert numbers.isna().all() and bad_numbers.all()
    assert cells.check_nip(odd, TODAY)["error"].notna().all()
    infinite, bad = cells.parse_number(series(float("inf"), 2.0))
    assert bad.tolist() == [True, False] and pd.isna(infinite.iloc[0])
