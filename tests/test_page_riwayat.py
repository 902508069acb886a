"""Riwayat Data through AppTest: versions, diff of two, original files, rollback, audit log;
what each admin sees of the versions others uploaded."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import on_both_backends
from tests.test_page_unggah import admin_on, metric, new_app, shown, sign_in, versions
from tests.test_page_unggah_scoped import PASSWORD, REHSOS, signed_in
from zi_dashboard import store
from zi_dashboard.access import passwords
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.store import users

PAGE = "pages/riwayat_data.py"


def test_versions_table_marks_the_current_version_with_hashes_and_counts(app_env):
    at = admin_on(PAGE)
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Versi"].tolist() == [2, 1]
    assert table["Aktif"].tolist() == ["✔ aktif", ""]
    assert table["Agen perubahan"].tolist() == [291, 265]
    assert table["Berkas"].tolist() == ["sample_2020.xlsx", "sample_2019.xlsx"]
    # SHA-256 over the SHA-256 of each file of the version: data/sample_2020.xlsx, then 2019.
    assert table["SHA-256"].tolist() == ["a199331266b3", "eb2e74d0a14a"]


def test_diff_between_two_versions_counts_first(app_env):
    at = admin_on(PAGE)
    assert at.selectbox(key="riwayat.diff_from").value == 1
    assert at.selectbox(key="riwayat.diff_to").value == 2
    assert shown(at, "Agen perubahan") == ("291", "+26")
    added = next(tab for tab in at.tabs if tab.label.startswith("Agen baru"))
    assert len(added.dataframe[0].value) == metric_value(at, "Agen baru")
    at.selectbox(key="riwayat.diff_from").set_value(2).run()
    assert "Pilih dua versi yang berbeda." in [i.value for i in at.info]
    at.selectbox(key="riwayat.diff_from").set_value(2)
    at.selectbox(key="riwayat.diff_to").set_value(1).run()
    assert shown(at, "Agen perubahan") == ("265", "−26")


def metric_value(at, label: str) -> int:
    return int(metric(at, label).value.replace(".", ""))


def test_original_files_of_a_version_can_be_downloaded(app_env):
    at = admin_on(PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("sample\\_2020\\.xlsx" in label for label in labels)
    at.selectbox(key="riwayat.files_version").set_value(1).run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("sample\\_2019\\.xlsx" in label for label in labels)
    assert not any("2020" in label for label in labels)


@on_both_backends
def test_rollback_needs_confirmation_then_restores_the_previous_numbers(app_env):
    at = admin_on(PAGE)
    options = at.selectbox(key="riwayat.rollback_target").options
    assert len(options) == 1 and options[0].startswith("Versi 1 ·")  # not the current one
    at.button(key="riwayat.rollback").click().run()
    assert "Centang konfirmasi terlebih dahulu." in [w.value for w in at.warning]
    assert store.current_version(store.connect(app_env)).id == 2

    at.checkbox(key="riwayat.rollback_confirm").check()
    at.button(key="riwayat.rollback").click().run()
    assert [s.value for s in at.success] == ["Versi 1 sekarang aktif."]
    assert [(v.id, v.is_current) for v in versions(app_env)] == [(2, False), (1, True)]
    assert at.dataframe[0].value["Aktif"].tolist() == ["", "✔ aktif"]
    log = at.dataframe[-1].value
    assert log["Kejadian"].iloc[0] == "Kembalikan versi"
    assert log["Rincian"].iloc[0] == "2 -> 1"
    at.switch_page("pages/ringkasan.py").run()
    assert metric(at, "Agen perubahan").value == "265"


def test_audit_log_lists_sign_ins_and_failures(app_env):
    at = sign_in(new_app(), "salah")
    sign_in(at)
    at.switch_page(PAGE).run()
    log = at.dataframe[-1].value
    kinds = log["Kejadian"].tolist()
    assert kinds[:2] == ["Masuk", "Gagal masuk"]
    assert kinds.count("Unggah data") == 2  # the two sample versions
    # Times in the viewer's zone: no zone from the client, so ZI_TIMEZONE's Jakarta.
    assert list(log.columns) == ["Waktu (WIB)", "Kejadian", "Pelaku", "Rincian", "Versi"]


# --- what a scoped admin sees of the versions others uploaded ----------------------------------

OWN_NOTE, OWN_FILE = "Perbaikan data Rehsos", "rehsos_2021.xlsx"
OTHER_NOTE, OTHER_FILE = "Pembaruan pusat: Ditjen Dayasos", "pusat_dayasos_2021.xlsx"
DETAILS = ("Pengunggah", "Catatan", "Berkas", "SHA-256")
COUNTS = ("Unit kerja", "Agen perubahan", "Kehadiran", "Riwayat ZI", "Rencana tindak lanjut")


@pytest.fixture
def three_uploaders(app_env) -> str:
    """The sample (versions 1, 2), a version by admin.rehsos (3) and one by admin.pusat (4);
    accounts: admin.rehsos (scoped to Rehabilitasi Sosial) and admin.pusat (unscoped)."""
    engine = store.connect(app_env)
    digest = passwords.hash_password(PASSWORD)
    users.add_user(engine, "admin.rehsos", role="admin", scope=[REHSOS], password_hash=digest,
                   actor="test")
    users.add_user(engine, "admin.pusat", role="admin", password_hash=digest, actor="test")
    agents = store.load_snapshot(engine).tables["agents"]
    for uploader, note, name, keep in (("admin.rehsos", OWN_NOTE, OWN_FILE, 1),
                                       ("admin.pusat", OTHER_NOTE, OTHER_FILE, 2)):
        store.commit_version(engine, {"agents": agents.iloc[keep:]}, [SourceFile(name, b"x" * keep)],
                             uploader=uploader, note=note)
    engine.dispose()
    return app_env


def texts(at: AppTest) -> str:
    """What the run shows in text: captions, every table's cells, every selectbox's options."""
    cells = [str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel()]
    options = [o for box in at.selectbox for o in box.options]
    return "\n".join([*cells, *options, *(c.value for c in at.caption)])


def test_a_scoped_admin_sees_only_its_own_versions_details(three_uploaders):
    at = signed_in("pages/riwayat_data.py")
    table = at.dataframe[0].value
    assert table["Versi"].tolist() == [4, 3, 2, 1]  # the list stays whole, times included
    assert table["Aktif"].tolist() == ["✔ aktif", "", "", ""]
    assert table.iloc[:, 2].notna().all()
    mine = table.set_index("Versi").loc[3]
    assert (mine["Pengunggah"], mine["Catatan"], mine["Berkas"]) == ("admin.rehsos", OWN_NOTE,
                                                                      OWN_FILE)
    assert mine["Agen perubahan"] == 290
    others = table[table["Versi"] != 3]
    assert (others[list(DETAILS)] == "—").all().all()
    assert others[list(COUNTS)].isna().all().all()
    shown_texts = texts(at)
    for secret in (OTHER_NOTE, OTHER_FILE, "admin.pusat", "sample_2020.xlsx", "sample_2019.xlsx",
                   "a199331266b3", "eb2e74d0a14a"):
        assert secret not in shown_texts, secret
    assert at.selectbox(key="riwayat.diff_from").options[:3] == [
        at.selectbox(key="riwayat.diff_from").format_func(v) for v in (4, 3, 2)]
    labels = at.selectbox(key="riwayat.files_version").options
    assert labels[1].endswith("· admin.rehsos") and labels[0].count("·") == 1
    assert any(c.value.startswith("Versi yang diunggah akun lain hanya ditampilkan nomor")
               for c in at.caption)
    # The diff between two versions it did not upload is still offered, cut to its scope.
    at.selectbox(key="riwayat.diff_from").set_value(1)
    at.selectbox(key="riwayat.diff_to").set_value(2).run()
    assert not at.exception and metric(at, "Unit kerja").value == "43"


@pytest.mark.parametrize("account", ["admin.pusat", None])  # None: the bootstrap superadmin
def test_an_unscoped_admin_and_a_superadmin_see_every_versions_details(three_uploaders, account):
    at = signed_in("pages/riwayat_data.py", account) if account else admin_on(
        "pages/riwayat_data.py")
    table = at.dataframe[0].value.set_index("Versi")
    assert table["Pengunggah"].tolist()[:2] == ["admin.pusat", "admin.rehsos"]
    assert table.loc[4, "Catatan"] == OTHER_NOTE and table.loc[3, "Berkas"] == OWN_FILE
    assert table.loc[2, "Berkas"] == "sample_2020.xlsx"
    assert table[list(COUNTS)].notna().all().all() and table.loc[4, "Agen perubahan"] == 289
    assert "—" not in table[list(DETAILS)].to_numpy()
    assert not any(c.value.startswith("Versi yang diunggah akun lain") for c in at.caption)
    assert at.selectbox(key="riwayat.files_version").options[0].endswith("· admin.pusat")


def test_an_own_version_is_told_by_account_name_not_by_a_display_name(three_uploaders):
    # A display name equal to another account's name gives that account's versions nothing.
    engine = store.connect(three_uploaders)
    users.add_user(engine, "admin.lain", role="admin", scope=[REHSOS], actor="test",
                   display_name="admin.pusat", password_hash=passwords.hash_password(PASSWORD))
    at = signed_in("pages/riwayat_data.py", "admin.lain")
    table = at.dataframe[0].value
    assert (table[list(DETAILS)] == "—").all().all()
    assert OTHER_NOTE not in texts(at)
