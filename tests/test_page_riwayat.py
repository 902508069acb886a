"""Riwayat Data through AppTest: versions, diff of two, original files, rollback, audit log."""

from __future__ import annotations

from tests.conftest import on_both_backends
from tests.test_page_unggah import admin_on, metric, new_app, shown, sign_in, versions
from zi_dashboard import store

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
