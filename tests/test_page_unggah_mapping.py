"""Unggah Data through AppTest: unrecognised columns mapped, stored, applied again; hidden rows."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_page_unggah import (
    AGENTS_SHEET,
    admin_on,
    agent_columns,
    edited,
    errors,
    metric,
    upload,
    versions,
)
from zi_dashboard import sample, store


@pytest.fixture(scope="session")
def roster_2020(sample_db_file) -> bytes:
    """The bundled 2020 sample workbook (written by the sample database fixture)."""
    return sample.sample_paths()[1].read_bytes()


def renamed(book) -> None:
    """The agents sheet with headers nobody lists: 'Nomor Pegawai' (NIP), 'Satker Induk' (unit)."""
    ws = book[AGENTS_SHEET]
    header, cols = agent_columns(ws)
    ws.cell(header, cols["NIP"], "Nomor Pegawai")
    ws.cell(header, cols["Unit kerja"], "Satker Induk")


def report_lines(at: AppTest) -> list[tuple[str, str]]:
    frame = at.dataframe[0].value
    return list(zip(frame["Tingkat"], frame["Pesan"], strict=True))


def test_unknown_columns_are_offered_with_suggestions_and_a_mapping_clears_the_errors(
        app_env, roster_2020):
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster_judul_lain.xlsx", edited(roster_2020, renamed))
    assert [e for e in errors(at) if e.startswith("Data belum dapat disimpan")]
    assert at.subheader[1].value == "Kolom yang tidak dikenali"
    nip, unit = at.selectbox(key="upload.map.0"), at.selectbox(key="upload.map.1")
    assert nip.label == "'Nomor Pegawai' · Agen Perubahan (Agen perubahan)"
    assert (nip.value, unit.value) == ("nip", "unit")
    assert nip.options[:2] == ["Abaikan", "NIP"]
    captions = [c.value for c in at.caption]
    assert ("Contoh isi: 19880501 201206 1 007; 19860802 201103 1 002; "
            "19830725 200401 1 001; 19860528 201306 1 002; 19780403 200107 2 006  \n"
            "Saran: NIP, karena isinya NIP; judulnya mirip 'nomor induk pegawai'.") in captions
    assert ("Contoh isi: Biro Perencanaan; Biro Perencanaan; Biro Keuangan; "
            "Biro Keuangan; Biro Organisasi dan Kepegawaian  \n"
            "Saran: Unit kerja, karena judulnya mirip 'satker'.") in captions
    with_commit = [b for b in at.button if b.key == "unggah.commit"]
    assert with_commit == []

    at.button(key="upload.map_apply").click().run()
    assert not at.error
    assert report_lines(at) == [
        ("Info", "Kolom 'Nomor Pegawai' dibaca sebagai NIP (pemetaan untuk unggahan ini; "
                 "disimpan bersama unggahan)."),
        ("Info", "Kolom 'Satker Induk' dibaca sebagai Unit kerja (pemetaan untuk unggahan ini; "
                 "disimpan bersama unggahan)."),
    ]
    assert (metric(at, "Agen perubahan").value, metric(at, "Agen baru").value) == ("291", "0")
    assert at.selectbox(key="upload.map.0").value == "nip"   # the choice stays shown
    at.button(key="unggah.commit").click().run()
    assert at.success[0].value == "Tersimpan sebagai versi 3. Dasbor kini menampilkan data ini."
    assert store.load_mappings(store.connect(app_env)) == {"nomorpegawai": "nip",
                                                           "satkerinduk": "unit"}


def test_sample_values_are_plain_text_on_one_line(app_env, roster_2020):
    # Cells of a column nobody lists, written to look like markup: shown as written, inert.
    cells = ["Baris satu\nBaris dua", "**tebal** [tautan](http://contoh.test)", "# Judul",
             "andi@kemensos.go.id", "`kode` <b>x</b>"]

    def noted(book) -> None:
        ws = book[AGENTS_SHEET]
        header, _ = agent_columns(ws)
        column = ws.max_column + 1
        ws.cell(header, column, "Catatan Khusus")
        for n, value in enumerate(cells, start=1):
            ws.cell(header + n, column, value)

    at = admin_on("pages/unggah_data.py")
    upload(at, "roster_catatan.xlsx", edited(roster_2020, noted))
    assert at.selectbox(key="upload.map.0").label.startswith("'Catatan Khusus'")
    caption = next(c.value for c in at.caption if "Baris" in c.value)
    samples = caption.split("  \n")[0]
    joiner = "\u2060"  # an invisible word joiner: no autolink, no mailto link
    assert samples == (
        "Contoh isi: Baris satu Baris dua; \\*\\*tebal\\*\\* \\[tautan\\]\\(http\\:"
        f"{joiner}//contoh\\.test\\); \\# Judul; andi{joiner}@kemensos\\.go\\.id; "
        "\\`kode\\` \\<b\\>x\\</b\\>")


def test_stored_mappings_are_applied_at_once_and_listed(app_env, roster_2020):
    store.save_mappings(store.connect(app_env), {"Nomor Pegawai": "nip", "Satker Induk": "unit"},
                        created_by="admin")
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster_judul_lain.xlsx", edited(roster_2020, renamed))
    assert not at.error
    assert [line for line in report_lines(at)] == [
        ("Info", "Kolom 'Nomor Pegawai' dibaca sebagai NIP (pemetaan tersimpan). Bila keliru, "
                 "pilih kolom lain di halaman Unggah Data atau pakai --map."),
        ("Info", "Kolom 'Satker Induk' dibaca sebagai Unit kerja (pemetaan tersimpan). Bila "
                 "keliru, pilih kolom lain di halaman Unggah Data atau pakai --map."),
    ]
    assert at.selectbox(key="upload.map.1").value == "unit"
    assert not at.checkbox   # info lines need no confirmation
    at.button(key="unggah.commit").click().run()
    assert [v.id for v in versions(app_env)] == [3, 2, 1]


def test_ignoring_a_required_column_keeps_the_upload_blocked(app_env, roster_2020):
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster_judul_lain.xlsx", edited(roster_2020, renamed))
    at.selectbox(key="upload.map.1").set_value("")
    at.button(key="upload.map_apply").click().run()
    blocked = errors(at)
    assert len(blocked) == 1 and "kolom wajib 'Unit kerja' tidak ada" in blocked[0]
    assert at.selectbox(key="upload.map.1").value == ""
    assert store.load_mappings(store.connect(app_env)) == {}   # nothing saved without a commit


def test_hidden_rows_are_read_unless_the_admin_leaves_them_out(app_env, roster_2020):
    def hide_one(book):
        ws = book[AGENTS_SHEET]
        header, _ = agent_columns(ws)
        ws.row_dimensions[header + 2].hidden = True
    at = admin_on("pages/unggah_data.py")
    toggle = at.toggle(key="upload.skip_hidden")
    assert (toggle.label, toggle.value) == ("Lewati baris dan sheet tersembunyi", False)
    upload(at, "roster_tersembunyi.xlsx", edited(roster_2020, hide_one))
    assert metric(at, "Agen perubahan").value == "291"
    at.toggle(key="upload.skip_hidden").set_value(True).run()
    assert metric(at, "Agen perubahan").value == "290"
    assert metric(at, "Agen keluar").value == "1"


def test_the_mapping_step_speaks_english(app_env, roster_2020):
    at = admin_on("pages/unggah_data.py")
    at.selectbox(key="app.lang").set_value("en").run()
    upload(at, "roster.xlsx", edited(roster_2020, renamed))
    assert at.toggle(key="upload.skip_hidden").label == "Leave out hidden rows and sheets"
    assert at.button(key="upload.map_apply").label == "Apply mapping"
    assert at.selectbox(key="upload.map.0").options[:2] == ["Ignore", "NIP"]
    assert at.selectbox(key="upload.map.1").label == (
        "'Satker Induk' · Agen Perubahan (Agents of change)")


def test_choosing_the_stored_mapping_again_undoes_a_change(app_env, roster_2020):
    store.save_mappings(store.connect(app_env), {"Nomor Pegawai": "nip", "Satker Induk": "unit"},
                        created_by="admin")
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster_judul_lain.xlsx", edited(roster_2020, renamed))
    at.selectbox(key="upload.map.1").set_value("")
    at.button(key="upload.map_apply").click().run()
    assert len(errors(at)) == 1
    at.selectbox(key="upload.map.1").set_value("unit")
    at.button(key="upload.map_apply").click().run()
    assert not at.error
    assert report_lines(at)[1] == (
        "Info", "Kolom 'Satker Induk' dibaca sebagai Unit kerja (pemetaan tersimpan). Bila "
                "keliru, pilih kolom lain di halaman Unggah Data atau pakai --map.")
