"""Unggah Data for an admin scoped to one Eselon I, through AppTest: the scope note, a preview of
the scope only, a commit that keeps every other unit, a refused row of another Eselon I."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT, on_both_backends
from tests.test_page_unggah import upload
from tests.test_scoped_upload import AGENTS, DAYASOS, REHSOS, UNITS, Roster, new_agent
from zi_dashboard import sample, store
from zi_dashboard.access import passwords
from zi_dashboard.store import scoped, users

PASSWORD = "rehsos-uji-2020"
SCOPE_NOTE = (f"Anda mengunggah untuk {REHSOS}. Baris unit kerja lain tetap seperti di versi 2; "
              "pratinjau perubahan di bawah hanya memuat cakupan Anda.")


@pytest.fixture(scope="module")
def roster(sample_db_file) -> Roster:
    return Roster.read(sample.sample_paths()[1].read_bytes())


@pytest.fixture
def rehsos_admin(app_env) -> str:
    """The sample database with an admin account scoped to Rehabilitasi Sosial."""
    engine = store.connect(app_env)
    users.add_user(engine, "admin.rehsos", role="admin", scope=[REHSOS],
                   password_hash=passwords.hash_password(PASSWORD), actor="test")
    engine.dispose()
    return app_env


def signed_in(page: str, name: str = "admin.rehsos") -> AppTest:
    at = AppTest.from_file(ROOT / "app.py", default_timeout=60).run()
    at.text_input(key="auth.name").input(name)
    at.text_input(key="auth.password").input(PASSWORD)
    at.button(key="auth.submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at.switch_page(page).run()


def metric(at: AppTest, label: str) -> tuple[str, str]:
    card = next(m for m in at.metric if m.label == label)
    return card.value, card.delta


@on_both_backends
def test_scoped_admin_previews_only_its_scope_and_commits(rehsos_admin, roster):
    mine = roster.only(REHSOS)
    data = mine.appended(AGENTS, new_agent(mine, "19900101 201501 1 911", "Agen Baru Rehsos"))
    at = signed_in("pages/unggah_data.py")
    assert SCOPE_NOTE in [i.value for i in at.info]
    upload(at, "rehsos_2020.xlsx", data.file().data)
    assert not at.error
    # The preview counts the scope: its 43 units and its agents, never the whole ministry.
    assert metric(at, "Agen perubahan") == (str(len(mine.rows[AGENTS]) + 1), "+1")
    assert metric(at, "Unit kerja") == ("43", "")
    assert metric(at, "Agen baru")[0] == "1" and metric(at, "Agen keluar")[0] == "0"
    assert [tab.label for tab in at.tabs][0] == "Agen baru (1)"
    assert at.tabs[0].dataframe[0].value["Nama"].tolist() == ["Agen Baru Rehsos"]

    at.button(key="unggah.commit").click().run()
    assert at.success[0].value == "Tersimpan sebagai versi 3. Dasbor kini menampilkan data ini."
    engine = store.connect(rehsos_admin)
    latest = store.list_versions(engine)[0]
    assert (latest.id, latest.uploader, latest.counts["agents"], latest.counts["units"]) == (
        3, "admin.rehsos", 292, 81)
    assert latest.files == ["rehsos_2020.xlsx", scoped.MANIFEST_NAME]


def test_scoped_admin_is_refused_the_rows_of_other_eselon1(rehsos_admin, roster):
    at = signed_in("pages/unggah_data.py")
    upload(at, "semua_unit.xlsx", roster.file().data)
    assert at.error and "kesalahan" in at.error[0].value
    report = at.dataframe[0].value
    outside_units = len(roster.rows["Unit Kerja"]) - 43
    assert set(report["Kode"]) == {"scope_outside"}
    assert (report["Sheet"] == "Unit Kerja").sum() == outside_units
    assert all(REHSOS in message for message in report["Pesan"])
    with pytest.raises(KeyError):
        at.button(key="unggah.commit")
    engine = store.connect(rehsos_admin)
    assert [v.id for v in store.list_versions(engine)] == [2, 1]


def test_scoped_admin_is_offered_no_original_files(rehsos_admin):
    at = signed_in("pages/riwayat_data.py")
    assert at.selectbox(key="riwayat.files_version").options  # the versions are listed
    assert not [b for b in at.get("download_button") if str(b.key).startswith("riwayat.file.")]
    assert any(c.value.startswith("Berkas asli tidak ditawarkan untuk akun dengan cakupan")
               for c in at.caption)


def test_two_scoped_admins_committing_in_turn_make_one_version_holding_both(rehsos_admin, roster):
    engine = store.connect(rehsos_admin)
    users.add_user(engine, "admin.dayasos", role="admin", scope=[DAYASOS],
                   password_hash=passwords.hash_password(PASSWORD), actor="test")
    rehsos = roster.only(REHSOS)
    rehsos = rehsos.appended(AGENTS, new_agent(rehsos, "19900101 201501 1 912", "Agen Rehsos"))
    dayasos = roster.only(DAYASOS)
    dayasos = dayasos.appended(AGENTS, new_agent(dayasos, "19900101 201501 1 913", "Agen Dayasos"))
    for name, data in (("admin.rehsos", rehsos), ("admin.dayasos", dayasos)):
        at = signed_in("pages/unggah_data.py", name)
        upload(at, f"{name}.xlsx", data.file().data)
        assert metric(at, "Agen baru")[0] == "1"
        at.button(key="unggah.commit").click().run()
        assert at.success[0].value.startswith("Tersimpan sebagai versi")
    latest = store.load_snapshot(engine)
    assert latest.version.id == 4 and latest.version.uploader == "admin.dayasos"
    agents = latest.tables["agents"].set_index("nip")
    units = latest.tables["units"].set_index("unit_key")["eselon1"]
    assert units[agents.at["199001012015011912", "unit_key"]] == REHSOS
    assert units[agents.at["199001012015011913", "unit_key"]] == DAYASOS
    assert len(agents) == 293 and len(units) == len(roster.rows[UNITS])
