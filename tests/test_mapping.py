"""Column mapping: suggestions from headers and content, the unambiguous ones, stored mappings."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.workbooks import NIP_L1, NIP_L2, NIP_P1, source
from zi_dashboard import store
from zi_dashboard.ingest import mapping
from zi_dashboard.ingest.report import Issue, Report
from zi_dashboard.ingest.validate import ReadOptions, validate_sources

NIPS = [NIP_L1, NIP_P1, NIP_L2]
EMAILS = ["andi@kemensos.go.id", "rina@kemensos.go.id", "budi@gmail.com"]
UNITS = [["Unit kerja", "Eselon I"], ["Biro Umum", "Sekretariat Jenderal"]]


def agents_sheet(headers: list[str], *columns: list) -> list[list]:
    """A sheet of agents: the headers, then one row per value of the columns."""
    return [headers, *[list(row) for row in zip(*columns, strict=True)]]


def column(header: str, samples: list, dataset: str = "agents",
           present: frozenset = frozenset({"name", "unit"})) -> mapping.MappingColumn:
    return mapping.MappingColumn("r.xlsx", "Agen", 1, dataset, header, tuple(samples), present,
                                 tuple(mapping.suggest(header, samples, dataset)))


@pytest.mark.parametrize(("header", "samples", "dataset", "best", "codes"), [
    ("Nomor Pegawai", NIPS, "agents", "nip", ("nip", "header")),
    ("Kode", ["19860926.201505.1.001", "19900412 201403 2 007"], "agents", "nip", ("nip",)),
    ("Surel Kantor", EMAILS, "agents", "email", ("email", "header")),
    ("Kontak", ["0812 3456 7890", "+62 813-1111-2222", "081298765432"], "agents", "phone",
     ("phone",)),
    ("Kelas", ["III/a", "IV/b", "Penata Muda (III/a)"], "agents", "rank", ("rank",)),
    ("Cara Ikut", ["luring", "daring", "Zoom"], "agents", "attendance_mode", ("attendance",)),
    ("Kelamin Pegawai", ["L", "P", "L"], "agents", "gender", ("gender", "header")),
    ("Predikat Unit", ["WBK 2019", "Pembangunan", "Predikat WBBM (2021)"], "zi_history",
     "zi_stage", ("stage", "header")),
    ("Waktu", [dt.datetime(2020, 8, 4), "4 Agustus 2020", "05/08/2020"], "attendance", "date",
     ("date",)),
    ("Skor Akhir", [78.5, "81,25", 90], "zi_history", "lke_score", ("score",)),
    ("Skor LKE Akhir", [78.5, 81], "zi_history", "lke_score", ("score", "header")),
    ("Masuk SOP", ["Ya", "Tidak", "ya"], "action_plans", "integrated", ("yes_no",)),
    ("Satker Induk", ["Biro Umum", "Biro Hukum"], "agents", "unit", ("header",)),
    ("Nama Lengkap Pegawai", ["Andi", "Rina"], "agents", "name", ("header",)),
])
def test_the_best_candidate_and_its_reasons(header, samples, dataset, best, codes):
    top = mapping.suggest(header, samples, dataset)[0]
    assert (top.column, tuple(r.code for r in top.reasons)) == (best, codes)


@pytest.mark.parametrize(("header", "samples", "dataset"), [
    ("Hobi", ["catur", "renang", "lari"], "agents"),
    ("Catatan", [], "agents"),
])
def test_headers_and_values_that_suggest_nothing(header, samples, dataset):
    assert mapping.suggest(header, samples, dataset) == []


def test_an_email_is_not_taken_for_a_golongan():
    # The golongan pattern finds "I D" in "…go.id": e-mails must not count as ranks.
    assert [c.column for c in mapping.suggest("Kontak", EMAILS, "agents")] == ["email"]


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "isinya NIP; judulnya mirip 'nomor induk pegawai'"),
    ("en", "values look like NIPs; its header resembles 'nomor induk pegawai'"),
])
def test_a_candidate_explains_itself_in_both_languages(lang, text):
    assert mapping.suggest("Nomor Pegawai", NIPS, "agents")[0].explain(lang) == text


@pytest.mark.parametrize(("col", "target"), [
    (column("Nomor Pegawai", NIPS), "nip"),
    (column("Kontak", EMAILS), "email"),
    (column("Cara Ikut", ["luring", "daring"]), "attendance_mode"),
    # the sheet already has an NIP column: nothing for this one to fill
    (column("NIP Lama", NIPS, present=frozenset({"nip", "name", "unit"})), None),
    (column("Nomor Pegawai", NIPS[:1]), None),                    # one sample is not enough
    (column("Skor", [78.5, 81, 90], "zi_history", frozenset({"unit", "year"})), None),  # numbers
    (column("Masuk SOP", ["Ya", "Tidak"], "action_plans", frozenset({"title"})), None),  # yes/no
    # a units sheet has two stage columns (current and target): the content can't choose
    (column("Posisi", ["WBK", "Pembangunan"], "units", frozenset({"unit_name", "eselon1"})), None),
    (column("No HP", EMAILS), None),     # the header says phone, the content says e-mail
    (column("Nomor Pegawai", ["19860926", "ABC"]), None),         # half the samples fit
])
def test_unambiguous_suggestions(col, target):
    found = mapping.unambiguous(col)
    assert (found.column if found else None) == target


def test_two_columns_of_one_sheet_never_both_take_a_column_on_their_own():
    picks = mapping.auto_mappings([column("Nomor Pegawai", NIPS), column("Kode Pegawai", NIPS),
                                   column("Kontak", EMAILS)])
    assert {key: cand.column for key, (_, cand) in picks.items()} == {"kontak": "email"}


@pytest.mark.parametrize(("values", "expected"), [
    (["Satker Induk=unit"], {"satkerinduk": "unit"}),
    (["Hobi=-", "Catatan="], {"hobi": "", "catatan": ""}),
    (["A=B=nip"], {"ab": "nip"}),
    (["Unit Induk=unit", "unit induk=unit_name"], {"unitinduk": "unit_name"}),
])
def test_map_arguments(values, expected):
    assert mapping.parse_map_args(values) == expected


@pytest.mark.parametrize(("value", "message"), [
    ("Satker Induk", "--map 'Satker Induk' cannot be read: write \"HEADER=column\""),
    ("=unit", "--map '=unit' cannot be read"),
    ("Satker=satuan", "--map 'Satker=satuan': 'satuan' is not a column name. Use '-' to ignore"),
])
def test_bad_map_arguments_say_what_to_write(value, message):
    with pytest.raises(ValueError, match=message.replace("'", ".").replace("\"", ".")):
        mapping.parse_map_args([value], "en")


def roster(headers=("Nomor Pegawai", "Nama", "Jabatan", "Satker Induk", "Hobi")) -> list:
    # Two known headers (Nama, Jabatan) make the header row; the others are nobody's.
    return [source("r.xlsx", {"Unit": UNITS, "Agen": agents_sheet(
        list(headers), NIPS, ["Andi", "Rina", "Budi"], ["Analis", "Pranata Humas", "Kepala"],
        ["Biro Umum"] * 3, ["catur", "lari", ""])})]


def test_a_mapping_satisfies_the_missing_required_columns():
    before = validate_sources(roster())
    assert [(i.code, i.params.get("field")) for i in before.report.errors] == [
        ("missing_column", "nip"), ("missing_column", "unit")]
    options = ReadOptions(mappings={"nomorpegawai": "nip", "satkerinduk": "unit", "hobi": ""})
    after = validate_sources(roster(), options=options)
    assert after.report.errors == [] and after.counts() == {"units": 1, "agents": 3}
    assert after.tables["agents"]["nip"].tolist() == [
        "198609262015051001", "199004122014032007", "197512312000121003"]
    assert [i.code for i in after.report.issues] == []   # the ignored column warns no more


def test_mapping_columns_list_unknown_and_mapped_columns_in_header_order():
    result = validate_sources(roster(), options=ReadOptions(mappings={"nomorpegawai": "nip"}))
    found = [(c.sheet, c.header, c.mapped, c.suggestion.column if c.suggestion else None)
             for c in mapping.mapping_columns(result.layouts)]
    assert found == [("Agen", "Hobi", None, None), ("Agen", "Nomor Pegawai", "nip", "nip"),
                     ("Agen", "Satker Induk", None, "unit")]


@pytest.mark.parametrize(("lang", "messages"), [
    ("id", ["Kolom 'Hobi' diabaikan (pemetaan untuk unggahan ini).",
            "Kolom 'Nomor Pegawai' dibaca sebagai NIP (pemetaan tersimpan). Bila keliru, pilih "
            "kolom lain di halaman Unggah Data atau pakai --map.",
            "Kolom 'Satker Induk' dibaca sebagai Unit kerja (pemetaan untuk unggahan ini; "
            "disimpan bersama unggahan)."]),
    ("en", ["Column 'Hobi' was ignored (mapping chosen for this upload).",
            "Column 'Nomor Pegawai' was read as NIP (stored mapping). If that is wrong, choose "
            "another column on the Upload data page or use --map.",
            "Column 'Satker Induk' was read as Work unit (mapping chosen for this upload; saved "
            "with the upload)."]),
])
def test_each_applied_mapping_is_an_info_line(lang, messages):
    options = ReadOptions(mappings={"nomorpegawai": "nip", "satkerinduk": "unit", "hobi": ""})
    result = validate_sources(roster(), options=options)
    issues = mapping.applied_issues(result.layouts, {"nomorpegawai": "stored"})
    assert sorted(i.message(lang) for i in issues) == messages
    assert {(i.severity, i.sheet, i.row) for i in issues} == {("info", "Agen", 1)}


def test_an_automatic_mapping_is_a_warning_that_names_why():
    result = validate_sources(roster(("Nomor Pegawai", "Nama", "Jabatan", "Unit Kerja", "Hobi")),
                              options=ReadOptions(mappings={"nomorpegawai": "nip"}))
    auto = mapping.auto_mappings([column("Nomor Pegawai", NIPS)])
    [issue] = mapping.applied_issues(result.layouts, {}, auto)
    assert (issue.severity, issue.code, issue.column) == ("warning", "column_auto_nip",
                                                          "Nomor Pegawai")
    assert issue.message("en") == (
        "The header 'Nomor Pegawai' is not known, but the column holds NIPs, so it was read as "
        "NIP. If that is wrong, run again with --map \"Nomor Pegawai=-\" (ignore) or --map "
        "\"Nomor Pegawai=<column>\".")


def test_info_lines_are_neither_errors_nor_warnings():
    report = Report([Issue("info", "column_ignored_stored", "r.xlsx", "Agen",
                           params={"header": "Hobi"})])
    assert (report.errors, report.warnings, report.ok) == ([], [], True)


# The store ---------------------------------------------------------------------------------


def test_the_migration_is_registered_second_and_applied_once():
    assert [name for name, _ in store.MIGRATIONS][:2] == ["0001_initial", "0002_column_mappings"]
    engine = store.connect("sqlite://")
    assert "0002_column_mappings" not in store.migrate(engine)   # connect() applied it already
    assert store.load_mappings(engine) == {}


def test_mappings_are_stored_by_normalised_header_and_replaced():
    engine = store.connect("sqlite://")
    assert store.save_mappings(engine, {"Satker Induk": "unit", "Hobi": ""},
                               created_by="admin") == ["satkerinduk", "hobi"]
    store.save_mappings(engine, {"SATKER  induk": "unit_name"}, created_by="admin")
    assert store.load_mappings(engine) == {"hobi": "", "satkerinduk": "unit_name"}
    events = store.list_events(engine)
    assert events["kind"].tolist() == ["column_mappings", "column_mappings"]
    assert events["detail"].tolist() == ["SATKER  induk → unit_name", "Satker Induk → unit; Hobi → -"]


def test_a_column_of_dates_is_suggested_but_never_mapped_on_its_own():
    # "Tanggal Mulai" under action plans looks like the due date by content only: a start date
    # imported as the deadline would be wrong, so the CLI must ask.
    dates = ["01/02/2020", "15/03/2020", "4 Agustus 2020"]
    col = column("Tanggal Mulai", dates, dataset="action_plans")
    assert col.suggestion is not None and col.suggestion.column == "due_date"
    assert mapping.auto_mappings([col]) == {}


def test_a_listed_header_keeps_its_column_when_a_mapped_one_comes_first():
    from zi_dashboard.ingest.reader import match_dataset

    header = ["NIP", "Nama Panggilan", "Nama", "Unit Kerja"]
    dataset, _, columns, _ = match_dataset(header, {"namapanggilan": "name"})
    assert dataset == "agents" and columns == {0: "nip", 2: "name", 3: "unit"}


def test_a_header_longer_than_the_key_column_is_not_stored(tmp_path):
    from zi_dashboard import store

    engine = store.connect(f"sqlite:///{tmp_path / 'm.db'}")
    long = "Kolom " + "x" * 300
    saved = store.save_mappings(engine, {long: "email", "Surel Dinas": "email"}, created_by="a")
    assert saved == ["sureldinas"] and store.load_mappings(engine) == {"sureldinas": "email"}
