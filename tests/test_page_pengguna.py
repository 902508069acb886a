"""Pengguna through AppTest: a superadmin adds, changes, disables and re-enables accounts and
sets passwords; the new account signs in and sees only its scope; nobody else opens the page.
Expected units are read from the sample workbook with openpyxl."""

from __future__ import annotations

import json
import re

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ADMIN_PASSWORD, ROOT, on_both_backends
from zi_dashboard import store
from zi_dashboard.access import passwords
from zi_dashboard.store import users

SETJEN = "Sekretariat Jenderal"
PAGE = "pages/pengguna.py"


@pytest.fixture(scope="module")
def sample_units() -> list[dict]:
    """The units sheet of the 2020 sample (the current version) as {header: value}."""
    book = openpyxl.load_workbook(ROOT / "data" / "sample_2020.xlsx", read_only=True)
    try:
        rows = list(book["Unit Kerja"].iter_rows(values_only=True))
    finally:
        book.close()  # a read-only book keeps its file open until closed
    header = next(r for r in rows if r and r[0] == "No")
    return [dict(zip(header, r)) for r in rows if r and isinstance(r[0], int)]


def shown(markdown: str) -> str:
    """What a reader sees of an escaped Markdown message: backslash escapes and the invisible
    word joiners (present.text) taken out."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def sign_in(name: str = "", password: str = ADMIN_PASSWORD, page: str | None = None) -> AppTest:
    """The app after signing in (an empty name is the bootstrap superadmin), on `page`."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.text_input(key="auth.name").input(name)
    at.text_input(key="auth.password").input(password)
    at.button(key="auth.submit").click().run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def add_account(engine, name: str, role: str, scope=(), password: str | None = None) -> None:
    users.add_user(engine, name, role=role, scope=scope, actor="test",
                   password_hash=passwords.hash_password(password) if password else None)


def chart_strings(at: AppTest) -> str:
    """Every string in the data of the charts a run draws (labels, ids, hover text, …)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec)["data"])
    return "\n".join(found)


@on_both_backends
def test_a_superadmin_adds_an_eselon1_account_that_then_sees_only_its_units(app_env, sample_units):
    at = sign_in(page=PAGE)
    assert at.title[0].value == "Pengguna"
    at.selectbox(key="users.add.role").set_value("eselon1").run()
    scope = at.multiselect(key="users.add.scope.eselon1")
    assert scope.options == sorted({u["Eselon I"] for u in sample_units})
    at.text_input(key="users.add.name").input("Siti@Kemensos.go.id")
    at.text_input(key="users.add.display_name").input("Siti Aminah")
    scope.set_value([SETJEN])
    at.text_input(key="users.add.password").input("rahasia-siti")
    at.text_input(key="users.add.confirm").input("rahasia-siti")
    at.button(key="users.add.submit").click().run()
    assert not at.exception and not at.error
    assert [shown(s.value) for s in at.success] == [
        "Akun siti@kemensos.go.id ditambahkan: Eselon I, cakupan Sekretariat Jenderal."]
    # The e-mail is text in the Markdown source, not an autolink (present.text).
    assert "siti\u2060@kemensos\\.go\\.id" in at.success[0].value
    table = at.dataframe[0].value
    assert table.iloc[0, :6].tolist() == ["siti@kemensos.go.id", "Siti Aminah", "Eselon I", SETJEN,
                                          True, True]
    engine = store.connect(app_env)
    events = store.list_events(engine)
    assert events[events["kind"] == "user_added"]["actor"].tolist() == ["admin"]

    mine = {u["Unit kerja"] for u in sample_units if u["Eselon I"] == SETJEN}
    others = {u["Unit kerja"] for u in sample_units} - mine
    at = sign_in("siti@kemensos.go.id", "rahasia-siti", page="pages/sebaran_agen.py")
    assert at.title[0].value == "Sebaran Agen"
    assert any("Anda melihat data Sekretariat Jenderal saja" in c.value for c in at.caption)
    drawn = chart_strings(at)
    assert all(name in drawn for name in mine)
    assert [n for n in sorted(others) if n in drawn and not any(n in m for m in mine)] == []
    assert [e for e in {u["Eselon I"] for u in sample_units} - {SETJEN} if e in drawn] == []
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)  # an eselon1 account has no Pengguna (nor any admin page)


def test_a_wrong_entry_is_refused_in_place_and_stores_nothing(app_env):
    at = sign_in(page=PAGE)
    at.selectbox(key="users.add.role").set_value("eselon1").run()
    at.text_input(key="users.add.name").input("tanpa.cakupan")
    at.button(key="users.add.submit").click().run()
    assert [shown(e.value) for e in at.error][0].startswith("Peran eselon1 memerlukan cakupan")
    at.selectbox(key="users.add.role").set_value("pimpinan").run()
    assert at.multiselect(key="users.add.scope.pimpinan").disabled
    at.text_input(key="users.add.name").input("pim")
    at.text_input(key="users.add.password").input("rahasia-pim")
    at.text_input(key="users.add.confirm").input("rahasia-pin")
    at.button(key="users.add.submit").click().run()
    assert [shown(e.value) for e in at.error] == ["Kedua kata sandi tidak sama."]
    assert users.list_users(store.connect(app_env)) == []


def test_change_role_and_scope_disable_enable_and_set_a_password(app_env):
    engine = store.connect(app_env)
    add_account(engine, "budi", "eselon1", [SETJEN])
    at = sign_in(page=PAGE)
    assert at.selectbox(key="users.pick").value == "budi"
    at.selectbox(key="users.edit.role.budi").set_value("unit").run()
    at.multiselect(key="users.edit.scope.budi.unit").set_value(["KS-01-005"])
    at.button(key="users.edit.save").click().run()
    assert [shown(s.value) for s in at.success] == [
        "Akun budi kini Unit kerja, cakupan Biro Umum (KS-01-005)."]
    user = users.get_user(engine, "budi")
    assert (user.role, user.scope) == ("unit", ("KS-01-005",))

    assert at.button(key="users.edit.active").label == "Nonaktifkan akun"
    at.button(key="users.edit.active").click().run()
    assert [shown(s.value) for s in at.success] == ["Akun budi dinonaktifkan."]
    assert users.get_user(engine, "budi").active is False
    assert at.button(key="users.edit.active").label == "Aktifkan akun"
    at.button(key="users.edit.active").click().run()
    assert users.get_user(engine, "budi").active is True

    at.text_input(key="users.edit.password").input("pendek")
    at.text_input(key="users.edit.confirm").input("pendek")
    at.button(key="users.edit.set_password").click().run()
    assert [shown(e.value) for e in at.error] == ["Kata sandi minimal 8 karakter."]
    assert users.password_hash_of(engine, "budi") is None
    at.text_input(key="users.edit.password").input("rahasia-budi")
    at.text_input(key="users.edit.confirm").input("rahasia-budi")
    at.button(key="users.edit.set_password").click().run()
    assert [shown(s.value) for s in at.success] == ["Kata sandi akun budi disimpan."]
    assert passwords.verify_password("rahasia-budi", users.password_hash_of(engine, "budi"))
    kinds = store.list_events(engine)["kind"].tolist()
    assert [k for k in kinds if k.startswith("user_")][::-1] == [
        "user_added", "user_changed", "user_disabled", "user_enabled", "user_password"]


def test_a_unit_name_left_in_a_scope_is_flagged_and_saving_keeps_the_unit_by_code(app_env):
    # Stored before scopes were kept by key (or by hand): it grants nothing, and the page says so.
    engine = store.connect(app_env)
    add_account(engine, "lama", "unit", ["Biro Umum"])
    at = sign_in(page=PAGE)
    stale = "Biro Umum (tidak ada di versi data ini: tidak berlaku)"
    assert at.dataframe[0].value.iloc[0, 3] == stale
    warnings = [shown(w.value) for w in at.warning if "users migrate-scopes" in w.value]
    assert len(warnings) == 1 and "lama: Biro Umum." in warnings[0]
    scope = at.multiselect(key="users.edit.scope.lama.unit")
    assert scope.value == ["Biro Umum"] and scope.format_func("Biro Umum") == stale
    at.button(key="users.edit.save").click().run()  # the name resolved to its one unit's code
    assert [shown(s.value) for s in at.success] == [
        "Akun lama kini Unit kerja, cakupan Biro Umum (KS-01-005)."]
    assert users.get_user(engine, "lama").scope == ("KS-01-005",)
    assert not [w for w in at.warning if "users migrate-scopes" in w.value]


def test_a_superadmin_cannot_disable_or_demote_themself(app_env):
    engine = store.connect(app_env)
    add_account(engine, "root", "superadmin", password="rahasia-root")
    add_account(engine, "adm", "admin")
    at = sign_in("root", "rahasia-root", page=PAGE)
    at.selectbox(key="users.pick").set_value("root").run()
    at.button(key="users.edit.active").click().run()
    assert shown(at.error[0].value).startswith("Anda tidak dapat menonaktifkan atau menurunkan peran")
    at.selectbox(key="users.edit.role.root").set_value("admin").run()
    at.button(key="users.edit.save").click().run()
    assert shown(at.error[0].value).startswith("Anda tidak dapat menonaktifkan atau menurunkan peran")
    user = users.get_user(engine, "root")
    assert (user.role, user.active) == ("superadmin", True)
    # Another account is theirs to switch off.
    at.selectbox(key="users.pick").set_value("adm").run()
    at.button(key="users.edit.active").click().run()
    assert users.get_user(engine, "adm").active is False


def test_a_new_password_of_ones_own_keeps_the_session_and_ends_the_others(app_env):
    engine = store.connect(app_env)
    add_account(engine, "root", "superadmin", password="rahasia-root")
    mine, other = sign_in("root", "rahasia-root", page=PAGE), sign_in("root", "rahasia-root")
    mine.selectbox(key="users.pick").set_value("root").run()
    mine.text_input(key="users.edit.password").input("rahasia-root-baru")
    mine.text_input(key="users.edit.confirm").input("rahasia-root-baru")
    mine.button(key="users.edit.set_password").click().run()
    assert [shown(s.value) for s in mine.success] == ["Kata sandi akun root disimpan."]
    mine.run()
    assert "users.pick" in [s.key for s in mine.selectbox]  # still signed in, on Pengguna
    other.run()  # the session that signed in with the old password
    assert "auth.password" in [i.key for i in other.text_input]


def test_an_admin_has_no_pengguna_page_and_a_direct_run_is_refused(app_env):
    add_account(store.connect(app_env), "adm", "admin", password="rahasia-adm")
    at = sign_in("adm", "rahasia-adm")
    at.switch_page("pages/unggah_data.py").run()  # an admin page it does have
    assert at.title[0].value == "Unggah Data"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)
    # The page script run on its own (a link followed before the navigation existed).
    direct = AppTest.from_file(str(ROOT / PAGE), default_timeout=60)
    direct.session_state["auth.user"] = "adm"
    direct.run()
    assert [e.value for e in direct.error] == ["Halaman ini hanya untuk superadmin."]
    assert not direct.dataframe and not direct.title


def test_pengguna_in_english(app_env):
    add_account(store.connect(app_env), "umum", "unit", ["KS-01-005"])
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    at.text_input(key="auth.password").input(ADMIN_PASSWORD)
    at.button(key="auth.submit").click().run()
    at.switch_page(PAGE).run()
    assert at.title[0].value == "Users"
    table = at.dataframe[0].value
    assert list(table.columns) == ["Account", "Display name", "Role", "Scope", "Active",
                                   "Password", "Changed"]
    assert table.iloc[0, 2:4].tolist() == ["Work unit", "Biro Umum (KS-01-005)"]
    assert at.button(key="users.add.submit").label == "Add the account"
