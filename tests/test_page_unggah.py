"""Unggah Data through AppTest: the admin gate, upload, report, diff preview, commit, Ringkasan."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from tests.conftest import ADMIN_PASSWORD, ROOT, on_both_backends
from zi_dashboard import sample, store
from zi_dashboard.config import load_settings
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.store import importer

AGENTS_SHEET = "Agen Perubahan"


@pytest.fixture(scope="session")
def sample_bytes(sample_db_file) -> dict[int, bytes]:
    """The bundled sample workbooks (written by the sample database fixture)."""
    return {year: path.read_bytes() for year, path in zip((2019, 2020), sample.sample_paths())}


@pytest.fixture(scope="session")
def db_2019_file(sample_bytes, tmp_path_factory):
    """A database holding only the 2019 sample, as version 1."""
    path = tmp_path_factory.mktemp("db-2019") / "zi.db"
    url = f"sqlite:///{path}"
    engine = store.connect(url)
    outcome = importer.import_sources(engine, [SourceFile("sample_2019.xlsx", sample_bytes[2019])],
                                      load_settings({"DATABASE_URL": url}), uploader="sample")
    assert outcome.ok
    engine.dispose()
    return path


@pytest.fixture
def env_2019(app_env, db_2019_file, tmp_path, monkeypatch):
    copy = tmp_path / "zi-2019.db"
    shutil.copy(db_2019_file, copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    return f"sqlite:///{copy}"


def new_app(lang: str | None = None) -> AppTest:
    at = AppTest.from_file(ROOT / "app.py", default_timeout=60)
    if lang:
        at.query_params["lang"] = lang
    return at.run()


def sign_in(at: AppTest, password: str = ADMIN_PASSWORD) -> AppTest:
    at.text_input(key="auth.password").input(password)
    at.button(key="auth.submit").click()
    return at.run()


def admin_on(page: str) -> AppTest:
    at = sign_in(new_app())
    assert not at.exception
    return at.switch_page(page).run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="unggah.files").upload(name, data)
    at.run()
    assert not at.exception, at.exception
    return at


def edited(data: bytes, edit: Callable) -> bytes:
    """The workbook with `edit(book)` applied."""
    book = load_workbook(io.BytesIO(data))
    edit(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def agent_columns(ws) -> tuple[int, dict[str, int]]:
    """(header row, header → column) of the agents sheet."""
    for row in ws.iter_rows(min_row=1, max_row=10):
        names = {c.value: c.column for c in row if isinstance(c.value, str)}
        if "NIP" in names:
            return row[0].row, names
    raise AssertionError("no NIP header")


def add_agents(n: int) -> Callable:
    def edit(book):
        ws = book[AGENTS_SHEET]
        header, cols = agent_columns(ws)
        last = max(r for r in range(header + 1, ws.max_row + 1)
                   if ws.cell(r, cols["NIP"]).value)
        template = [c.value for c in ws[last]]
        ws.insert_rows(last + 1, n)
        for k in range(n):
            for j, value in enumerate(template, start=1):
                ws.cell(last + 1 + k, j, value)
            digit = "1" if template[cols["Jenis kelamin"] - 1] == "L" else "2"
            ws.cell(last + 1 + k, cols["NIP"], f"19900101 201501 {digit} 9{k:02d}")
            ws.cell(last + 1 + k, cols["Nama"], f"Agen Baru Ke-{k + 1}")
    return edit


def errors(at: AppTest) -> list[str]:
    """Error texts without the markdown escapes that keep file content inert."""
    return [e.value.replace("\\", "") for e in at.error]


def metric(at: AppTest, label: str):
    return next(m for m in at.metric if m.label == label)


def shown(at: AppTest, label: str) -> tuple[str, str]:
    """(value, delta) of a metric card."""
    card = metric(at, label)
    return card.value, card.delta


def versions(url: str) -> list[store.Version]:
    engine = store.connect(url)
    try:
        return store.list_versions(engine)
    finally:
        engine.dispose()


# The gate ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["pages/unggah_data.py", "pages/riwayat_data.py"])
def test_viewer_neither_sees_nor_opens_the_admin_pages(app_env, page):
    at = new_app()
    with pytest.raises(ValueError, match="navigation page"):
        at.switch_page(page)  # not in the viewer's navigation
    # The page script itself, as a direct URL would run it.
    direct = AppTest.from_file(ROOT / page, default_timeout=60).run()
    assert [e.value for e in direct.error] == [
        "Halaman ini hanya untuk admin. Masuk sebagai admin di panel samping."]
    assert not direct.file_uploader and not direct.dataframe and not direct.button


def test_wrong_password_is_refused(app_env):
    at = sign_in(new_app(), "salah-sekali")
    assert "Nama akun atau kata sandi salah." in [e.value for e in at.error]
    with pytest.raises(ValueError):
        at.switch_page("pages/unggah_data.py")
    kinds = store.list_events(store.connect(app_env))["kind"].tolist()
    assert kinds[0] == "sign_in_failed"


@pytest.mark.parametrize(("lang", "message"), [
    ("id", "Isi kata sandi akun Anda, lalu tekan Masuk."),
    ("en", "Type your account's password, then press Sign in."),
])
def test_an_empty_password_asks_for_one_and_is_not_a_failed_attempt(app_env, lang, message):
    at = new_app(lang)
    for _ in range(4):  # more than ZI_LOGIN_MAX_FAILURES (3): none of them counts
        sign_in(at, "")
        assert [e.value for e in at.error] == [message]
    kinds = store.list_events(store.connect(app_env))["kind"].tolist()
    assert "sign_in_failed" not in kinds
    sign_in(at, ADMIN_PASSWORD)  # not paused
    assert not at.error
    at.switch_page("pages/unggah_data.py").run()
    assert not at.exception and not at.error


def test_pause_after_three_failures_even_for_the_right_password(app_env):
    at = new_app()
    for _ in range(3):
        sign_in(at, "salah")
    sign_in(at, ADMIN_PASSWORD)
    # ZI_LOGIN_PAUSE_SECONDS is 60; a second or so may pass before the message is drawn.
    paused = "Terlalu banyak percobaan gagal. Coba lagi dalam "
    assert any(e.value.startswith(paused) and e.value.endswith(" detik.") for e in at.error)
    with pytest.raises(ValueError):
        at.switch_page("pages/unggah_data.py")


# Uploads -----------------------------------------------------------------------------------


@on_both_backends
def test_valid_upload_previews_the_diff_commits_and_changes_ringkasan(app_env, sample_bytes):
    at = admin_on("pages/unggah_data.py")
    assert at.file_uploader(key="unggah.files").accept_multiple_files
    upload(at, "roster_2020_baru.xlsx", edited(sample_bytes[2020], add_agents(3)))
    assert at.status[0].label == "Pemeriksaan selesai: 0 kesalahan, 0 peringatan"
    assert [s.value for s in at.success][0].startswith("Tidak ada masalah")
    assert shown(at, "Agen perubahan") == ("294", "+3")
    assert metric(at, "Agen baru").value == "3"
    assert metric(at, "Agen keluar").value == "0"
    assert [tab.label for tab in at.tabs][0] == "Agen baru (3)"
    added = at.tabs[0].dataframe[0].value
    assert sorted(added["Nama"]) == ["Agen Baru Ke-1", "Agen Baru Ke-2", "Agen Baru Ke-3"]
    assert not at.checkbox  # no warnings: no confirmation to tick

    at.text_input(key="unggah.note").input("Tambah tiga agen")
    at.button(key="unggah.commit").click().run()
    assert at.success[0].value == "Tersimpan sebagai versi 3. Dasbor kini menampilkan data ini."
    assert ("Berkas di atas sudah diproses. Hapus berkas itu atau pilih berkas lain untuk "
            "unggahan berikutnya.") in [i.value for i in at.info]
    assert not at.metric and not at.status  # the saved files are not checked again
    latest = versions(app_env)[0]
    assert (latest.id, latest.is_current, latest.note, latest.counts["agents"]) == (
        3, True, "Tambah tiga agen", 294)
    at.switch_page("pages/ringkasan.py").run()
    assert metric(at, "Agen perubahan").value == "294"
    assert metric(at, "Agen perubahan").delta.startswith("+3")


def test_file_with_one_bad_nip_is_refused_with_its_row_named(app_env, sample_bytes):
    def bad_nip(book):
        ws = book[AGENTS_SHEET]
        header, cols = agent_columns(ws)
        ws.cell(header + 6, cols["NIP"], "19880501 201206 1 07")  # 17 digits
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster_salah.xlsx", edited(sample_bytes[2020], bad_nip))
    blocked = errors(at)
    assert len(blocked) == 1
    assert "1 kesalahan" in blocked[0] and "baris 10" in blocked[0] and "NIP" in blocked[0]
    report = at.dataframe[0].value
    assert report[["Baris", "Kolom", "Kode"]].values.tolist() == [[10, "NIP", "nip_invalid_length"]]
    assert any(b.proto.label.startswith("Unduh laporan") for b in at.get("download_button"))
    with pytest.raises(KeyError):
        at.button(key="unggah.commit")  # nothing to commit
    assert [v.id for v in versions(app_env)] == [2, 1]
    events = store.list_events(store.connect(app_env))
    assert events["kind"].iloc[0] == "upload_refused"
    assert "roster_salah.xlsx" in events["detail"].iloc[0]
    at.switch_page("pages/ringkasan.py").run()
    assert metric(at, "Agen perubahan").value == "291"


def test_report_filters_by_severity_and_text(app_env, sample_bytes):
    def problems(book):
        ws = book[AGENTS_SHEET]
        header, cols = agent_columns(ws)
        ws.cell(header + 6, cols["NIP"], "19880501 201206 1 07")
        ws.delete_rows(header + 1)  # its action plans now name an unknown NIP: warnings
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster.xlsx", edited(sample_bytes[2020], problems))
    everything = at.dataframe[0].value
    assert everything["Tingkat"].iloc[0] == "Kesalahan"
    assert set(everything["Tingkat"]) == {"Kesalahan", "Peringatan"}
    at.button_group(key="unggah.severity").set_value(["warning"]).run()
    assert set(at.dataframe[0].value["Tingkat"]) == {"Peringatan"}
    at.button_group(key="unggah.severity").set_value(["error", "warning"])
    at.text_input(key="unggah.query").input("nip_invalid_length").run()
    assert at.dataframe[0].value["Kode"].tolist() == ["nip_invalid_length"]


def test_warnings_only_commit_needs_the_confirmation(app_env, sample_bytes):
    def remove_two(book):
        ws = book[AGENTS_SHEET]
        header, _ = agent_columns(ws)
        ws.delete_rows(header + 1, 2)
    at = admin_on("pages/unggah_data.py")
    upload(at, "roster.xlsx", edited(sample_bytes[2020], remove_two))
    assert not at.error
    assert any(w.value.startswith("Ada ") for w in at.warning)
    assert metric(at, "Agen keluar").value == "2"
    at.button(key="unggah.commit").click().run()
    assert "Centang konfirmasi peringatan terlebih dahulu." in [w.value for w in at.warning]
    assert len(versions(app_env)) == 2
    at.checkbox(key="unggah.confirm").check()
    at.button(key="unggah.commit").click().run()
    assert at.success[0].value == "Tersimpan sebagai versi 3. Dasbor kini menampilkan data ini."
    assert versions(app_env)[0].counts["agents"] == 289


def test_2020_sample_over_2019_shows_plus_26_then_on_ringkasan(env_2019, sample_bytes):
    at = admin_on("pages/unggah_data.py")
    upload(at, "sample_2020.xlsx", sample_bytes[2020])
    assert shown(at, "Agen perubahan") == ("291", "+26")
    at.button(key="unggah.commit").click().run()
    assert at.success[0].value == "Tersimpan sebagai versi 2. Dasbor kini menampilkan data ini."
    assert at.get("page_link")
    at.switch_page("pages/ringkasan.py").run()
    assert metric(at, "Agen perubahan").value == "291"
    assert metric(at, "Agen perubahan").delta.startswith("+26")


def test_byte_identical_files_name_the_existing_version_and_store_nothing(app_env, sample_bytes):
    engine = store.connect(app_env)
    store.rollback(engine, 1, actor="test")
    at = admin_on("pages/unggah_data.py")
    upload(at, "salinan_2020.xlsx", sample_bytes[2020])
    assert ("Berkas ini sama persis dengan versi 2 yang sudah tersimpan."
            in [i.value for i in at.info])
    assert metric(at, "Agen perubahan").delta == "+26"  # against the current version 1
    at.button(key="unggah.commit").click().run()
    message = [i.value for i in at.info][0]
    assert message.startswith("Tidak ada versi baru") and "versi 2" in message
    assert "Versi 2 bukan versi aktif; aktifkan lewat Riwayat Data bila perlu." in message
    assert [(v.id, v.is_current) for v in versions(app_env)] == [(2, False), (1, True)]


def test_partial_upload_is_compared_over_the_current_other_datasets(app_env, sample_bytes):
    def agents_only(book):
        for name in book.sheetnames:
            if name != AGENTS_SHEET:
                del book[name]
        add_agents(1)(book)
    at = admin_on("pages/unggah_data.py")
    upload(at, "agen_saja.xlsx", edited(sample_bytes[2020], agents_only))
    assert not at.error
    partial = [c.value for c in at.caption if c.value.startswith("Unggahan ini hanya memuat")]
    assert partial and "Agen perubahan" in partial[0] and "Unit kerja" not in partial[0]
    assert (metric(at, "Unit kerja").value, metric(at, "Unit kerja").delta) == ("81", "")
    assert metric(at, "Agen baru").value == "1"
    assert metric(at, "Tahap ZI berubah").value == "0"


def test_file_over_the_size_limit_is_refused_with_a_clear_message(app_env, sample_bytes,
                                                                  monkeypatch):
    monkeypatch.setenv("ZI_MAX_UPLOAD_MB", "0.01")
    at = admin_on("pages/unggah_data.py")
    upload(at, "besar.xlsx", sample_bytes[2020])
    blocked = errors(at)[0]
    assert "terlalu besar" in blocked and "besar.xlsx" in blocked
    assert [v.id for v in versions(app_env)] == [2, 1]


def test_content_decides_not_the_extension(app_env, sample_bytes):
    at = admin_on("pages/unggah_data.py")
    upload(at, "bukan_excel.xlsx", b"%PDF-1.7 not a spreadsheet")
    assert "bukan lembar kerja" in errors(at)[0]


def test_the_page_speaks_english_when_chosen(app_env, sample_bytes):
    at = sign_in(new_app())
    at.selectbox(key="app.lang").set_value("en").run()
    at.switch_page("pages/unggah_data.py").run()
    assert at.title[0].value == "Upload data"
    upload(at, "roster.xlsx", edited(sample_bytes[2020], add_agents(2)))
    assert at.success[0].value.startswith("No problems found")
    assert shown(at, "Agents of change") == ("293", "+2")
    assert [tab.label for tab in at.tabs][0] == "Agents added (2)"
    assert at.button(key="unggah.commit").label == "Save as a new version"
