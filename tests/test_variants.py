"""Value variants (issue 9): stages with a year, presence words, date ranges, yes/no spellings,
unreadable optional cells, 75.500, normalised NIPs and unit abbreviations."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.workbooks import BASE, NIP_L1, NIP_L2, NIP_P1, changed, source
from zi_dashboard.domain.abbreviations import expand_words
from zi_dashboard.domain.enums import ATTENDANCE_MODES, STAGES, YES_NO, value_key
from zi_dashboard.ingest import cells, variants
from zi_dashboard.ingest.unit_match import Match, UnitMatcher, alias_lookup, split_aliases
from zi_dashboard.ingest.validate import validate_sources

TODAY = dt.date(2024, 6, 1)
NAT = None


def series(*values) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def plain(value):
    """A cell of a result as a plain value (None for NaN/NaT/None)."""
    return None if pd.isna(value) else value


# --- stages with a year ------------------------------------------------------------------------

@pytest.mark.parametrize("cell, stage, year", [
    ("WBK 2019", "wbk", 2019.0),
    ("Predikat WBBM (2021)", "wbbm", 2021.0),
    ("Dicabut 2021", "dicabut", 2021.0),
    ("Menuju WBK 2020", "wbk", 2020.0),
    ("WBK Tahun 2018", "wbk", 2018.0),
    ("wbk th. 2017", "wbk", 2017.0),
    ("Pembangunan, 2020", "pembangunan", 2020.0),
    ("Diusulkan WBK (2022)", "diusulkan_wbk", 2022.0),
    ("WBK", "wbk", None),
    ("Penilaian TPI", "penilaian_tpi", None),
    ("-", "belum", None),
    ("WBK 2019/2020", None, None),     # two years: no single reading
    ("2019", None, None),              # a year without a stage
    ("WBKK 2019", None, None),
    ("Sudah", None, None),
    (2019.0, None, None),
])
def test_parse_stage_year(cell, stage, year):
    stages, years, bad = variants.parse_stage_year(series(cell, None))
    assert (plain(stages.iloc[0]), plain(years.iloc[0])) == (stage, year)
    assert bool(bad.iloc[0]) is (stage is None)
    assert (plain(stages.iloc[1]), plain(years.iloc[1]), bool(bad.iloc[1])) == (None, None, False)


# --- event date ranges -------------------------------------------------------------------------

@pytest.mark.parametrize("cell, start, end", [
    ("4–7 Agustus 2020", "2020-08-04", "2020-08-07"),
    ("4-7 Agustus 2020", "2020-08-04", "2020-08-07"),
    ("4 - 7 Agustus 2020", "2020-08-04", "2020-08-07"),
    ("4 s.d. 7 Agustus 2020", "2020-08-04", "2020-08-07"),
    ("4 s/d 7 Agustus 2020", "2020-08-04", "2020-08-07"),
    ("4 sd 7 Agt 2020", "2020-08-04", "2020-08-07"),
    ("4 sampai dengan 7 Agustus 2020", "2020-08-04", "2020-08-07"),
    ("4-7/8/2020", "2020-08-04", "2020-08-07"),
    ("4–7/08/2020", "2020-08-04", "2020-08-07"),
    ("30 Juli – 2 Agustus 2020", "2020-07-30", "2020-08-02"),
    ("28 Desember 2020 – 2 Januari 2021", "2020-12-28", "2021-01-02"),
    ("28 Desember – 2 Januari 2021", "2020-12-28", "2021-01-02"),
    ("04/08/2020 - 07/08/2020", "2020-08-04", "2020-08-07"),
    ("2020-08-04 s.d. 2020-08-07", "2020-08-04", "2020-08-07"),
    ("04/08/2020", "2020-08-04", NAT),            # one day: no end
    (dt.datetime(2020, 8, 4), "2020-08-04", NAT),
    ("7-4/8/2020", NAT, NAT),                    # ends before it starts
    ("4-7 Agustus", NAT, NAT),                   # no year
    ("31 Juni - 2 Juli 2020", NAT, NAT),         # 31 June does not exist
    ("besok", NAT, NAT),
])
def test_parse_date_range(cell, start, end):
    starts, ends, bad = variants.parse_date_range(series(cell, None))
    got = tuple(None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in (starts[0], ends[0]))
    assert got == (start, end)
    assert bool(bad.iloc[0]) is (start is None)
    assert not bad.iloc[1] and pd.isna(starts.iloc[1])


# --- presence words, yes/no spellings ----------------------------------------------------------

@pytest.mark.parametrize("cell, mode, reason", [
    ("Hadir", "hadir", None),
    ("HADIR", "hadir", None),
    ("hybrid", "hadir", None),
    ("H", "hadir", None),
    ("Izin", "tidak_hadir", "izin"),
    ("Ijin", "tidak_hadir", "izin"),
    ("Sakit", "tidak_hadir", "sakit"),
    ("S", "tidak_hadir", "sakit"),
    ("Cuti", "tidak_hadir", "cuti"),
    ("Dinas Luar", "tidak_hadir", "tugas"),
    ("Alpa", "tidak_hadir", "tanpa_keterangan"),
    ("Tidak hadir", "tidak_hadir", None),
    ("Tidak Hadir", "tidak_hadir", None),
    ("Hadir langsung", "tatap_muka", None),
    ("Hadir daring", "virtual", None),
    ("Luring", "tatap_muka", None),
    ("Zoom", "virtual", None),
    ("Tidak hadir (sakit)", "tidak_hadir", "sakit"),
    ("Tidak hadir - izin", "tidak_hadir", "izin"),
    ("telat", None, None),
    ("Tidak hadir (telat)", None, None),
])
def test_presence_words(cell, mode, reason):
    modes, bad = variants.parse_enum_variant(series(cell), "attendance_mode")
    assert plain(modes.iloc[0]) == mode and bool(bad.iloc[0]) is (mode is None)
    assert plain(variants.absence_reasons(series(cell)).iloc[0]) == reason


@pytest.mark.parametrize("cell, reason", [
    ("Tidak hadir (sakit)", "sakit"), ("Tidak hadir - izin", "izin"), ("Absen: cuti", "cuti"),
    ("Berhalangan hadir (dinas luar)", "tugas"), ("Tidak hadir", None), ("Hadir", None),
    (1.0, None),
])
def test_absence_reasons_read_after_an_absence_word(cell, reason):
    assert plain(variants.absence_reasons(series(cell)).iloc[0]) == reason


@pytest.mark.parametrize("cell, key", [
    ("Ya", "ya"), ("Iya", "ya"), ("IYA", "ya"), ("Sudah", "ya"), ("Sdh", "ya"), ("sdh.", "ya"),
    ("Ada", "ya"), ("Sudah ada", "ya"), ("✓", "ya"), ("✔", "ya"), ("✔️", "ya"), ("√", "ya"),
    ("v", "ya"), ("V", "ya"), (" ✓ ", "ya"), (1.0, "ya"),
    ("Tidak", "tidak"), ("Belum", "tidak"), ("Blm", "tidak"), ("Belum Ada", "tidak"),
    ("Tidak Ada", "tidak"), ("Tdk", "tidak"), ("-", "tidak"), ("–", "tidak"), ("✗", "tidak"),
    (0.0, "tidak"),
    ("x", None), ("?", None), ("..", None), ("mungkin", None),
])
def test_yes_no_spellings(cell, key):
    values, bad = cells.parse_enum(series(cell), YES_NO)
    assert plain(values.iloc[0]) == key and bool(bad.iloc[0]) is (key is None)
    assert YES_NO.parse(cell if isinstance(cell, str) else None) == (
        key if isinstance(cell, str) else None)


@pytest.mark.parametrize("text, key", [
    ("Tidak Ada", "tidakada"), ("✓", "✓"), ("✔️", "✔"), (" - ", "-"), ("", ""), (None, ""),
])
def test_value_key_keeps_symbols_that_would_normalise_to_nothing(text, key):
    assert value_key(text) == key


def test_a_punctuation_cell_is_no_longer_read_as_the_first_stage():
    # Before, every cell of symbols only shared the key "" and so read as "-" → Belum.
    values, bad = cells.parse_enum(series("?", "-", "—"), STAGES)
    assert [plain(v) for v in values] == [None, "belum", "belum"]
    assert bad.tolist() == [True, False, False]


# --- 75.500 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cell, dotted, written", [
    ("75.500", True, "75,5"), ("75.000", True, "75"), ("7.250", True, "7,25"),
    ("1.234", True, "1,234"), (" 81.250 ", True, "81,25"),
    ("75,5", False, None), ("75.5", False, None), ("1.234.567", False, None),
    ("1.234,5", False, None), (75.5, False, None), (None, False, None),
])
def test_thousands_reading(cell, dotted, written):
    out = variants.thousands_reading(series(cell)).iloc[0]
    assert (bool(out["dotted"]), plain(out["written"])) == (dotted, written)


# --- NIPs with foreign digits or invisible characters -----------------------------------------

@pytest.mark.parametrize("cell, nip, note", [
    ("１９８６０９２６ ２０１５０５ １ ００１", "198609262015051001", "nip_digits_normalised"),
    ("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "198609262015051001", "nip_digits_normalised"),
    ("۱۹۸۶۰۹۲۶۲۰۱۵۰۵۱۰۰۱", "198609262015051001", "nip_digits_normalised"),
    ("\u200b19860926 201505 1 001", "198609262015051001", "nip_invisible_normalised"),
    ("\ufeff198609262015051001", "198609262015051001", "nip_invisible_normalised"),
    ("19860926201505\u00ad1001", "198609262015051001", "nip_invisible_normalised"),
    ("19860926\u00a0201505\u00a01\u00a0001", "198609262015051001", "nip_invisible_normalised"),
    ("19860926 201505 1 001", "198609262015051001", None),
])
def test_check_nip_normalises_digits_and_invisible_characters(cell, nip, note):
    out = cells.check_nip(series(cell, "19751231 200012 1 003"), TODAY)
    assert (out["nip"].iloc[0], plain(out["error"].iloc[0]), plain(out["note"].iloc[0])) == (
        nip, None, note)
    assert plain(out["note"].iloc[1]) is None


def test_a_normalised_nip_that_is_still_wrong_gets_the_error_not_the_note():
    out = cells.check_nip(series("\u200b19860926 2015O5 1 001"), TODAY).iloc[0]
    assert (out["error"], plain(out["note"])) == ("nip_invalid_chars", None)


# --- unit abbreviations and aliases ------------------------------------------------------------

KARTINI = "Balai Rehabilitasi Sosial Penyandang Disabilitas Intelektual Kartini di Temanggung"
BOGOR = "Balai Rehabilitasi Sosial Penyandang Disabilitas Intelektual Ciungwanara di Bogor"
UNITS = pd.DataFrame({
    "unit_key": ["kartini", "bogor", "setjen", "itjen", "rehsos", "bbppks_bdg", "poltek",
                 "biro_umum"],
    "unit_name": [KARTINI, BOGOR, "Sekretariat Jenderal", "Inspektorat Jenderal",
                  "Direktorat Jenderal Rehabilitasi Sosial",
                  "Balai Besar Pendidikan dan Pelatihan Kesejahteraan Sosial Bandung",
                  "Politeknik Kesejahteraan Sosial Bandung", "Biro Umum"],
    "unit_alias": [None, "Balai Ciungwanara; BRSPDI Bogor", None, None, None, None, "STKS",
                   None],
})


@pytest.mark.parametrize("text, words", [
    ("BRSPDI Temanggung", {"balai", "rehabilitasi", "sosial", "penyandang", "disabilitas",
                           "intelektual", "temanggung"}),
    ("BBRSLU", {"balai", "besar", "rehabilitasi", "sosial", "lanjut", "usia"}),
    ("LRS AMPK", {"loka", "rehabilitasi", "sosial", "ampk"}),
    ("Ditjen Rehsos", {"direktorat", "jenderal", "rehabilitasi", "sosial"}),
    ("Setjen Kemensos RI", {"sekretariat", "jenderal"}),
    ("Dit. Rehabilitasi Sosial Anak", {"direktorat", "rehabilitasi", "sosial", "anak"}),
    ("", set()), (None, set()),
])
def test_expand_words(text, words):
    assert expand_words(text) == words


@pytest.mark.parametrize("text, key, candidates", [
    ("BRSPDI Temanggung", "kartini", ()),
    ("BRSPDI Kartini", "kartini", ()),
    ("Balai Rehsos PDI Kartini", None, ()),       # "PDI" alone is no word of any unit
    ("Setjen", "setjen", ()),
    ("Itjen", "itjen", ()),
    ("Ditjen Rehsos", "rehsos", ()),
    ("BBPPKS Bandung", "bbppks_bdg", ()),
    ("Poltekesos Bandung", "poltek", ()),
    ("Balai Ciungwanara", "bogor", ()),            # by the words of an alias
    ("BRSPDI", None, (KARTINI, BOGOR)),            # two units fit
    ("BRSPD Intelektual", None, (KARTINI, BOGOR)),
    ("Temanggung", None, ()),                      # one word names no unit
    ("Biro Keuangan", None, ()),
    ("", None, ()),
])
def test_unit_matcher(text, key, candidates):
    assert UnitMatcher.from_units(UNITS).match(text) == Match(key, candidates)


@pytest.mark.parametrize("cell, aliases", [
    ("BRSPDI Kartini; Balai Kartini", ["BRSPDI Kartini", "Balai Kartini"]),
    ("STKS, Poltekesos", ["STKS", "Poltekesos"]), (" ; ", []), (None, []),
    (float("nan"), []),
])
def test_split_aliases(cell, aliases):
    assert split_aliases(cell) == aliases


def test_alias_lookup_drops_an_alias_two_units_share():
    units = pd.DataFrame({"unit_key": ["a", "b"], "unit_name": ["A", "B"],
                          "unit_alias": ["Balai; Satu", "balai, Dua"]})
    assert alias_lookup(units) == {"satu": "a", "dua": "b"}
    assert alias_lookup(units.drop(columns="unit_alias")) == {}


# --- never raise on arbitrary text --------------------------------------------------------------

CELL = st.one_of(st.none(), st.text(max_size=40), st.floats(allow_nan=True),
                 st.integers(-10**20, 10**20), st.booleans(),
                 st.datetimes(min_value=dt.datetime(1, 1, 2)),
                 st.text(alphabet="0123456789 -–/.,sdSD()AgustusJuliWBK", max_size=30))


@settings(max_examples=150, deadline=None)
@given(st.lists(CELL, max_size=8))
def test_variant_parsers_never_raise(values):
    s = series(*values)
    stage, year, bad = variants.parse_stage_year(s)
    assert len(stage) == len(year) == len(bad) == len(s)
    assert not (bad & s.isna()).any()
    start, end, bad = variants.parse_date_range(s)
    assert len(start) == len(end) == len(s)
    assert ((end.isna()) | (start.notna() & (end >= start))).all()
    assert len(variants.absence_reasons(s)) == len(s)
    assert len(variants.thousands_reading(s)) == len(s)
    for enum in (YES_NO, ATTENDANCE_MODES, STAGES):
        keys, _ = cells.parse_enum(s, enum)
        assert set(keys.dropna()) <= set(enum.keys())
        keys, bad = variants.parse_enum_variant(s, enum.name)
        assert set(keys.dropna()) <= set(enum.keys()) and not (bad & keys.notna()).any()
    nips = cells.check_nip(s, TODAY)
    assert nips["nip"].dropna().map(lambda v: v.isascii() or nips["error"].notna().any()).all()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_unit_matching_never_raises(text):
    match = UnitMatcher.from_units(UNITS).match(text)
    assert match.key is None or match.key in set(UNITS["unit_key"])
    assert not (match.key and match.candidates)


# --- end to end through validate_sources ------------------------------------------------------

def run(sheets):
    return validate_sources([source("upload.xlsx", sheets)], today=TODAY)


def find(result, code):
    return [i for i in result.report.issues if i.code == code]


def with_column(sheet, header, values):
    """BASE with a column `header` added to `sheet`, one value per data row."""
    sheets = changed([])
    sheets[sheet][0].append(header)
    for row, value in zip(sheets[sheet][1:], values, strict=True):
        row.append(value)
    return sheets


def test_stage_years_fill_the_award_year_and_a_disagreement_is_a_warning():
    sheets = changed([("Unit", 2, "Tahap ZI", "WBK 2019"), ("Unit", 3, "Tahap ZI", "WBK 2019"),
                      ("Unit", 4, "Tahap ZI", "Dicabut 2021"), ("Unit", 3, "Tahun predikat", 2018)])
    result = run(sheets)
    units = result.tables["units"].set_index("unit_name")
    assert units["zi_stage"].tolist() == ["wbk", "wbk", "dicabut"]
    assert units["award_year"].tolist() == [2019, 2018, 2021]   # the written column wins
    (issue,) = find(result, "stage_year_mismatch")
    assert (issue.severity, issue.row, issue.column, issue.params) == (
        "warning", 3, "Tahun predikat", {"stage_year": 2019.0})
    assert "2019" in issue.message("id") and "2018" in issue.message("en")


def test_a_history_stage_with_a_year_gives_the_blank_year():
    result = run(changed([("Riwayat", 2, "Tahun", None), ("Riwayat", 2, "Tahap ZI", "WBK 2019")]))
    assert find(result, "missing_value") == [] and result.report.ok
    history = result.tables["zi_history"]
    assert history["year"].tolist() == [2019, 2020]
    assert history["zi_stage"].tolist() == ["wbk", "pembangunan"]


def test_presence_words_and_a_date_range_in_the_attendance_sheet():
    sheets = changed([("Kehadiran", 2, "Mode Kehadiran", "Hadir"),
                      ("Kehadiran", 3, "Mode Kehadiran", "Izin"),
                      ("Kehadiran", 4, "Mode Kehadiran", "Tidak hadir (sakit)"),
                      ("Kehadiran", 2, "Tanggal", "4–7 Agustus 2020"),
                      ("Kehadiran", 3, "Tanggal", "4 s.d. 7 Agustus 2020")])
    result = run(sheets)
    assert result.report.issues == []
    att = result.tables["attendance"]
    assert att["mode"].tolist() == ["hadir", "tidak_hadir", "tidak_hadir"]
    assert att["absence_reason"].tolist() == [None, "izin", "sakit"]
    assert att["date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-08-04"] * 3
    assert [plain(d) and d.strftime("%d") for d in att["end_date"]] == ["07", "07", None]
    assert result.attendance_counts() == {"tatap_muka": 0, "virtual": 0, "hadir": 1,
                                          "tidak_hadir": 2}


def test_an_unreadable_optional_cell_is_a_warning_that_leaves_it_empty():
    result = run(changed([("Agen", 3, "Pangkat/Gol", "V/a"), ("Kehadiran", 3, "Tanggal", "besok")]))
    assert result.report.ok
    (rank,) = find(result, "rank_invalid")
    assert (rank.severity, rank.row, rank.column) == ("warning", 3, "Pangkat/Gol")
    assert "sel Pangkat/Gol baris 3 dibiarkan kosong" in rank.message("id")
    assert "cell Pangkat/Gol on row 3 will be left empty" in rank.message("en")
    agents = result.tables["agents"].set_index("name")
    assert len(agents) == 3 and plain(agents.loc["Rina Kartika", "rank"]) is None
    (date,) = find(result, "date_invalid")
    assert (date.severity, date.row) == ("warning", 3)
    assert pd.isna(result.tables["attendance"]["date"].iloc[1])


def test_a_required_unreadable_cell_stays_an_error():
    result = run(changed([("Kehadiran", 3, "Mode Kehadiran", "telat")]))
    (issue,) = find(result, "enum_unknown")
    assert issue.severity == "error" and "dibiarkan kosong" not in issue.message("id")
    assert len(result.tables["attendance"]) == 2


@pytest.mark.parametrize("cell, code, params", [
    ("75.500", "number_thousands_ambiguous", {"min": 0, "max": 100, "read": 75500.0,
                                               "written": "75,5"}),
    ("105", "out_of_range", {"min": 0, "max": 100}),
    ("75,5", None, None),
])
def test_a_dotted_score_explains_the_thousands_reading(cell, code, params):
    result = run(changed([("Unit", 2, "Nilai LKE", cell)]))
    issues = [i for i in result.report.issues if i.column == "Nilai LKE"]
    assert [(i.severity, i.code, i.row, i.params) for i in issues] == (
        [("error", code, 2, params)] if code else [])
    if code == "number_thousands_ambiguous":
        assert issues[0].message("id") == (
            "'75.500' dibaca sebagai 75500 karena '.' memisahkan ribuan dalam bahasa Indonesia, "
            "dan 75500 di luar rentang 0–100. Untuk desimal pakai koma: tulis 75,5.")
        assert "write 75,5" in issues[0].message("en")


def test_a_nip_with_full_width_digits_is_read_with_an_info_note():
    result = run(changed([("Agen", 2, "NIP", "１９８６０９２６ ２０１５０５ １ ００１")]))
    assert result.report.ok and result.report.warnings == []
    (issue,) = find(result, "nip_digits_normalised")
    assert (issue.severity, issue.row, issue.column) == ("info", 2, "NIP")
    assert "198609262015051001" in issue.message("id")
    assert "198609262015051001" in set(result.tables["agents"]["nip"])


def test_unit_abbreviations_and_aliases_resolve_in_the_agents_sheet():
    units = [["Unit Kerja", "Eselon I", "Singkatan"],
             [KARTINI, "Ditjen Rehabilitasi Sosial", None],
             [BOGOR, "Ditjen Rehabilitasi Sosial", "Balai Ciungwanara"],
             ["Sekretariat Jenderal", "Sekretariat Jenderal", "Setjen Pusat"]]
    agents = [["NIP", "Nama", "Unit Kerja"],
              [NIP_L1, "Andi", "BRSPDI Temanggung"],     # abbreviation: one unit fits
              [NIP_P1, "Rina", "balai ciungwanara"],     # declared alias: resolved silently
              [NIP_L2, "Bambang", "BRSPDI"]]             # two units fit: unknown, both named
    result = run({"Unit": units, "Agen": agents})
    (resolved,) = find(result, "unit_name_resolved")
    assert (resolved.severity, resolved.row, resolved.params) == ("info", 2, {"unit": KARTINI})
    assert "BRSPDI Temanggung" in resolved.message("en")
    (unknown,) = find(result, "unit_unknown")
    assert (unknown.severity, unknown.row) == ("error", 4)
    assert unknown.params["suggestions"] == [KARTINI, BOGOR]
    keys = result.tables["agents"].set_index("name")["unit_key"].to_dict()
    units_table = result.tables["units"].set_index("unit_name")
    assert keys == {"Andi": units_table.loc[KARTINI, "unit_key"],
                    "Rina": units_table.loc[BOGOR, "unit_key"]}
    assert units_table.loc[BOGOR, "unit_alias"] == "Balai Ciungwanara"


def test_base_upload_still_clean():
    assert run(BASE).report.issues == []
