"""Reading files: format by content, refusals, header rows, datasets, CSV dialects."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from tests.workbooks import (
    NIP_L1,
    NIP_P1,
    ROSTER_ROWS,
    csv_bytes,
    fake_encrypted_ooxml,
    roster_workbook,
    source,
    xlsx,
    zip_bomb,
    zip_of,
)
from zi_dashboard.domain.errors import UnreadableFileError
from zi_dashboard.ingest import workbook
from zi_dashboard.ingest.reader import find_header_row, match_dataset, read_source
from zi_dashboard.ingest.sources import SourceFile

LIMITS = {"max_bytes": 5 * 1024 * 1024, "max_uncompressed_bytes": 50 * 1024 * 1024}


def read(name: str, data: bytes, **limits):
    return read_source(SourceFile(name, data), **{**LIMITS, **limits})


def test_roster_header_rows_and_excel_row_numbers():
    for signature in ("one_column", "two_columns", "none"):
        (sheet,) = read("roster.xlsx", roster_workbook(signature=signature))
        assert sheet.dataset == "agents" and sheet.header_row == 4
        assert sheet.frame.index.tolist() == ROSTER_ROWS, signature
        assert sheet.headers["name"] == "Nama Pegawai" and sheet.headers["unit"] == "Satuan Kerja"
        assert sheet.headers["attendance_mode"] == "Kehadiran"
        assert sheet.unknown_headers == []   # the No column is ignored quietly


def test_cells_keep_their_python_values_and_text_is_stripped():
    rows = [["NIP", "Nama", "Unit Kerja", "Tahun Penetapan"],
            [1.98609262015051e17, "  Andi  ", "Biro Umum", 2020],
            [NIP_P1, "Rina", "   ", None]]
    (sheet,) = read("a.xlsx", xlsx({"Agen": rows}))
    assert sheet.frame.loc[2, "nip"] == pytest.approx(1.98609262015051e17)
    assert isinstance(sheet.frame.loc[2, "nip"], float)
    assert sheet.frame.loc[2, "name"] == "Andi" and sheet.frame.loc[3, "nip"] == NIP_P1
    assert sheet.frame.loc[3, "unit"] is None and sheet.frame.loc[3, "appointed_year"] is None


def test_a_signature_that_is_not_under_a_blank_row_and_a_lone_total_row_are_dropped():
    rows = [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"],
            [NIP_P1, "Rina", "Biro Hukum"], ["Jumlah: 2 orang"], [], [None, "NIP. 1970"]]
    (sheet,) = read("a.xlsx", xlsx({"Agen": rows}))
    assert sheet.frame.index.tolist() == [2, 3]


def test_a_short_block_after_a_blank_row_without_signature_words_is_kept():
    rows = [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"], [],
            [NIP_P1, "Rina", None]]
    (sheet,) = read("a.xlsx", xlsx({"Agen": rows}))
    assert sheet.frame.index.tolist() == [2, 4]


@pytest.mark.parametrize("headers, dataset", [
    (["NIP", "Nama Pegawai", "Satuan Kerja", "L/P"], "agents"),
    (["N.I.P", "Nama Lengkap", "Satker", "JK", "Gol. Ruang", "Kehadiran"], "agents"),
    (["NIP Baru", "Nama", "Unit Kerja", "Eselon I"], "agents"),
    (["Unit Kerja", "Eselon I", "Tahap ZI", "Nilai LKE"], "units"),
    (["Kode Satker", "Nama Satker", "Unit Eselon I", "Provinsi"], "units"),
    (["Unit Kerja", "Eselon I", "Tahun", "Tahap ZI"], "units"),
    (["Unit Kerja", "Tahun", "Tahap ZI", "Nilai LKE"], "zi_history"),
    (["NIP", "Nama", "Kegiatan", "Tanggal", "Kehadiran"], "attendance"),
    (["NIP", "Judul RTL", "Progres", "Tenggat"], "action_plans"),
    (["Unit Kerja", "Proyek Perubahan", "Status"], "action_plans"),
    (["NIP", "Nama", "Jabatan"], None),
    (["Unit Kerja", "Provinsi"], None),
])
def test_match_dataset_by_headers(headers, dataset):
    found, candidate, mapping, _ = match_dataset(headers)
    assert found == dataset
    assert candidate is not None


def test_the_same_alias_maps_per_dataset():
    _, _, units, _ = match_dataset(["Unit Kerja", "Eselon I"])
    _, _, agents, _ = match_dataset(["NIP", "Nama", "Unit Kerja"])
    assert units[0] == "unit_name" and agents[2] == "unit"


def test_dataset_is_recognised_by_headers_never_by_sheet_name():
    rows = [["Unit Kerja", "Eselon I"], ["Biro Umum", "Sekretariat Jenderal"]]
    (sheet,) = read("a.xlsx", xlsx({"Agen Perubahan": rows}))
    assert sheet.dataset == "units"


def test_find_header_row_needs_two_known_headers_in_the_first_30_rows():
    assert find_header_row([["Daftar"], ["NIP", "Catatan"], ["NIP", "Nama", "x"]]) == 2
    assert find_header_row([["NIP"], ["Nama"]]) is None
    assert find_header_row([[]] * 30 + [["NIP", "Nama", "Unit Kerja"]]) is None


def test_unknown_headers_are_listed_and_hidden_and_blank_sheets_skipped():
    book = Workbook()
    book.active.append(["NIP", "Nama", "Unit Kerja", "Hobi", "No."])
    book.active.append([NIP_L1, "Andi", "Biro Umum", "catur", 1])
    book.create_sheet("Kosong")
    hidden = book.create_sheet("Lama")
    hidden.append(["Unit Kerja", "Eselon I"])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    sheets = read("a.xlsx", buffer.getvalue())
    assert [s.sheet for s in sheets] == ["Sheet"]
    assert sheets[0].unknown_headers == ["Hobi"]


def test_a_sheet_without_header_row_is_returned_unrecognised():
    sheets = read("a.xlsx", xlsx({"Catatan": [["Catatan rapat"], ["isi"]],
                                  "Agen": [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "A", "B"]]}))
    assert [(s.sheet, s.dataset, s.header_row) for s in sheets] == [
        ("Catatan", None, 0), ("Agen", "agents", 1)]


# --- CSV --------------------------------------------------------------------------------------

def test_csv_with_semicolons_and_bom_reads_every_cell_as_text():
    rows = [["NIP", "Nama", "Unit Kerja", "Tahun Penetapan"],
            [NIP_L1, "Andi Sanjaya, S.E.", "Biro Umum", "2020"]]
    (sheet,) = read("agen.csv", csv_bytes(rows, ";", "utf-8-sig"))
    assert sheet.sheet == "agen" and sheet.dataset == "agents"
    assert sheet.frame.loc[2].tolist() == [NIP_L1, "Andi Sanjaya, S.E.", "Biro Umum", "2020"]


def test_csv_in_windows_1252_with_decimal_commas():
    rows = [["Unit Kerja", "Eselon I", "Nilai LKE"],
            ["Biro Perencanaan – Sekretariat", "Sekretariat Jenderal", "78,50"],
            ["Balai Besar “Kartini” Temanggung", "Ditjen Rehabilitasi Sosial", "75,25"]]
    (sheet,) = read("unit.csv", csv_bytes(rows, ";", "cp1252"))
    assert sheet.dataset == "units"
    assert sheet.frame["unit_name"].tolist() == [r[0] for r in rows[1:]]
    assert sheet.frame["lke_score"].tolist() == ["78,50", "75,25"]


@pytest.mark.parametrize("delimiter, encoding", [(",", "utf-8"), ("\t", "utf-16"), (";", "utf-8")])
def test_csv_dialects(delimiter, encoding):
    rows = [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"], [NIP_P1, "Rina"]]
    (sheet,) = read("agen.csv", csv_bytes(rows, delimiter, encoding))
    assert sheet.frame.shape == (2, 3) and sheet.frame.loc[3, "unit"] is None


# --- refusals ---------------------------------------------------------------------------------

def _truncated_xlsx() -> bytes:
    data = xlsx({"Agen": [["NIP", "Nama", "Unit Kerja"]]})
    return data[: len(data) // 2]


def _empty_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("data, code", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)), "file_not_spreadsheet"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
     "file_not_spreadsheet"),
    (bytes(range(256)) * 8, "file_not_spreadsheet"),
    (zip_of({"word/document.xml": b"<w:document/>"}), "file_not_spreadsheet"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "file_not_spreadsheet"),
    (b"PK\x03\x04" + b"\x14\x00garbage" * 20, "file_corrupt"),
    (_truncated_xlsx(), "file_corrupt"),
    (zip_of({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<not xml"}), "file_corrupt"),
    (fake_encrypted_ooxml(), "file_encrypted"),
    (_empty_workbook(), "file_empty"),
    (xlsx({"Judul": [["DAFTAR NOMINATIF"], ["Catatan"]]}), "file_empty"),
    (b"", "file_empty"),
    (b"  \r\n", "file_empty"),
])
def test_unreadable_files_raise_one_coded_error(data, code):
    with pytest.raises(UnreadableFileError) as caught:
        read("upload.xlsx", data)
    assert caught.value.code == code and caught.value.file == "upload.xlsx"


def test_format_is_judged_by_content_not_extension():
    data = xlsx({"Agen": [["NIP", "Nama", "Unit Kerja"], [NIP_L1, "Andi", "Biro Umum"]]})
    assert read("agen.csv", data)[0].dataset == "agents"
    with pytest.raises(UnreadableFileError) as caught:
        read("agen.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert caught.value.code == "file_not_spreadsheet"


def test_too_large_is_refused_with_sizes():
    data = csv_bytes([["NIP", "Nama", "Unit Kerja"]] + [[NIP_L1, "A" * 100, "B"]] * 10_000)
    assert round(len(data) / 1024 / 1024, 1) == 1.2
    with pytest.raises(UnreadableFileError) as caught:
        read("big.csv", data, max_bytes=1024 * 1024)
    assert caught.value.code == "file_too_large"
    assert caught.value.params == {"size_mb": 1.2, "max_mb": 1.0}


def test_zip_bomb_is_refused_before_anything_is_inflated(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    # The zip check runs in this process; opening the workbook would start the parse worker.
    monkeypatch.setattr(workbook, "run_isolated", fail)
    bomb = zip_bomb(8)
    assert len(bomb) < 100 * 1024
    with pytest.raises(UnreadableFileError) as caught:
        read("bomb.xlsx", bomb, max_uncompressed_bytes=1024 * 1024)
    assert caught.value.code == "zip_bomb"
    assert caught.value.params["size_mb"] == 8.0 and caught.value.params["max_mb"] == 1.0


def test_source_builder_round_trip():
    built = source("s.xlsx", {"Unit": [["Unit Kerja", "Eselon I"], ["A", "B"]]})
    sheets = read("s.xlsx", built.data)
    assert sheets[0].frame.to_dict("records") == [{"unit_name": "A", "eselon1": "B"}]


def test_a_stray_cell_far_to_the_right_does_not_widen_every_row():
    book = Workbook()
    sheet = book.active
    sheet["C3"], sheet["D3"], sheet["E3"] = "NIP", "Nama", "Unit Kerja"
    sheet["C4"], sheet["D4"], sheet["E4"] = NIP_L1, "Andi", "Biro Umum"
    sheet["XFD6"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    (found,) = read("a.xlsx", buffer.getvalue())
    assert (found.dataset, found.header_row) == ("agents", 3)
    assert found.frame.index.tolist() == [4]
    assert found.frame.loc[4, "name"] == "Andi"


@pytest.mark.parametrize("data, code", [
    (b"\xff\xfe" + "catatan saja".encode("utf-16-le") + b"\x00", "file_empty"),
    (b"NIP;Nama;Unit Kerja\n\"" + b"x" * 200_000 + b"\";a;b\n", "file_corrupt"),
    (zip_of({"xl/workbook.xml": b"<w/>", "mimetype": b"x"})[:-30] + b"\x00" * 30, "file_corrupt"),
])
def test_malformed_text_and_archives_raise_coded_errors(data, code):
    with pytest.raises(UnreadableFileError) as caught:
        read("odd.csv", data)
    assert caught.value.code == code


def _ods_with_big_mimetype(megabytes: int) -> bytes:
    """An .ods-looking zip whose `mimetype` member inflates to `megabytes` (written in chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.spreadsheet")
            for _ in range(megabytes):
                member.write(b"\x00" * (1024 * 1024))
        archive.writestr("content.xml", b"<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(("megabytes", "code"), [(300, "zip_bomb"), (150, "file_corrupt")])
def test_a_huge_mimetype_member_is_never_inflated_in_the_server(megabytes, code):
    import tracemalloc

    data = _ods_with_big_mimetype(megabytes)
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFileError) as caught:
            read("big.ods", data, max_uncompressed_bytes=200 * 1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # 300 MB is refused by its declared size; 150 MB passes that check and fails to parse in
    # the worker, but the server itself reads only the first 80 bytes of the member.
    assert caught.value.code == code
    assert peak < 20 * 1024 * 1024
