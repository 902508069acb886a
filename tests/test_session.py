"""A session that outlives its credential ends (ui/session.py): a stored account's password
changed or removed after the sign-in, or the bootstrap superadmin's password changed or taken
out of the settings or secrets. Driven through AppTest, signed in by the sidebar form."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ADMIN_PASSWORD, ROOT, on_both_backends
from zi_dashboard import store
from zi_dashboard.access import passwords
from zi_dashboard.store import users
from zi_dashboard.ui import resources

PASSWORD = "sandi-budi-2020"
ENDED = {"id": "Sesi Anda berakhir karena kata sandi akun ini diubah atau dicabut sejak Anda "
               "masuk. Masuk lagi dengan kata sandi yang berlaku.",
         "en": "Your session has ended: this account's password was changed or removed after "
               "you signed in. Sign in again with the current password."}


def app(lang: str = "id") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    return at.run()


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="auth.name").input(name)
    at.text_input(key="auth.password").input(password)
    at.button(key="auth.submit").click().run()
    assert signed_in(at), [e.value for e in at.error]
    return at


def signed_in(at: AppTest) -> bool:
    assert not at.exception, [e.value for e in at.exception]
    captions = [str(c.value) for c in at.sidebar.caption]
    return any(c.startswith(("Masuk sebagai", "Signed in as")) for c in captions)


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.sidebar.warning]


def ended_events(url: str, actor: str) -> list[str]:
    events = store.list_events(store.connect(url))
    chosen = events[(events["actor"] == actor) & (events["kind"] == "sign_out")]
    return list(chosen["detail"])


@pytest.fixture
def budi(app_env) -> str:
    """An admin account with a password, on the sample database."""
    users.add_user(store.connect(app_env), "budi", role="admin", actor="test",
                   password_hash=passwords.hash_password(PASSWORD))
    return app_env


@on_both_backends
@pytest.mark.parametrize("new_password", ["sandi-baru-2021", PASSWORD, None],
                         ids=["changed", "same-again", "removed"])
def test_a_password_changed_in_the_store_ends_the_session(budi, new_password):
    at = sign_in(app(), "budi", PASSWORD)
    at.switch_page("pages/unggah_data.py").run()
    assert at.title[0].value == "Unggah Data"
    at.run()
    assert signed_in(at) and not warnings(at)  # nothing changed: still in

    # Set again, the same password gets a new salt: a reset ends the sessions just as well.
    users.set_password(store.connect(budi), "budi", new_password and passwords.hash_password(
        new_password), actor="test")
    at.run()
    assert not signed_in(at)
    assert warnings(at) == [ENDED["id"]]
    assert ended_events(budi, "budi") == ["session ended: password changed"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/unggah_data.py")
    at.run()
    assert not signed_in(at) and not warnings(at)  # the note is said once
    if new_password:
        sign_in(at, "budi", new_password)
        at.run()
        assert signed_in(at)


def test_changes_other_than_the_password_keep_the_session(budi):
    at = sign_in(app(), "budi", PASSWORD)
    users.set_role(store.connect(budi), "budi", "pimpinan", actor="test")
    at.run()
    assert signed_in(at) and not warnings(at)
    assert any("(Pimpinan)" in str(c.value) for c in at.sidebar.caption)
    assert ended_events(budi, "budi") == []


def test_the_note_in_english(budi):
    at = sign_in(app("en"), "budi", PASSWORD)
    users.set_password(store.connect(budi), "budi", passwords.hash_password("x" * 12),
                       actor="test")
    at.run()
    assert not signed_in(at)
    assert warnings(at) == [ENDED["en"]]


@pytest.mark.parametrize(("password", "ends"), [
    (None, True),                   # ZI_ADMIN_PASSWORD taken out of the environment
    ("kata-sandi-lain-2021", True),  # or changed
    (ADMIN_PASSWORD, False),        # or read again unchanged
], ids=["removed", "changed", "unchanged"])
def test_a_bootstrap_session_ends_when_its_password_leaves_the_settings(app_env, monkeypatch,
                                                                        password, ends):
    at = sign_in(app(), "", ADMIN_PASSWORD)
    at.switch_page("pages/pengguna.py").run()
    assert at.title[0].value == "Pengguna"
    if password is None:
        monkeypatch.delenv("ZI_ADMIN_PASSWORD")
    else:
        monkeypatch.setenv("ZI_ADMIN_PASSWORD", password)
    resources.get_settings.clear()  # what a process reading its settings again finds
    at.run()
    assert signed_in(at) is not ends
    assert warnings(at) == ([ENDED["id"]] if ends else [])
    assert ended_events(app_env, "admin") == (
        ["session ended: bootstrap password changed or removed"] if ends else [])
    if ends:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page("pages/pengguna.py")


@pytest.mark.parametrize("replaced", [True, False], ids=["replaced", "removed"])
def test_a_bootstrap_session_ends_when_the_secrets_hash_changes(app_env, monkeypatch, replaced):
    # The hash in .streamlit/secrets.toml (Streamlit reads that file again when it changes).
    monkeypatch.delenv("ZI_ADMIN_PASSWORD")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["admin_password_hash"] = passwords.hash_password("sandi-rahasia-2020")
    sign_in(at.run(), "admin", "sandi-rahasia-2020")
    at.run()
    assert signed_in(at)
    if replaced:
        at.secrets["admin_password_hash"] = passwords.hash_password("sandi-rahasia-2020")
    else:
        del at.secrets["admin_password_hash"]
    at.run()
    assert not signed_in(at)
    assert warnings(at) == [ENDED["id"]]


def test_a_password_changed_between_its_check_and_the_sign_in_ends_it_at_once(budi,
                                                                               monkeypatch):
    # The stamp is of the hash the password was checked against, not of the one read after.
    real = passwords.verify_password

    def verify_then_change(password, stored):
        ok = real(password, stored)
        users.set_password(store.connect(budi), "budi", passwords.hash_password("lain-2021"),
                           actor="test")
        return ok

    at = app()
    monkeypatch.setattr(passwords, "verify_password", verify_then_change)
    at.text_input(key="auth.name").input("budi")
    at.text_input(key="auth.password").input(PASSWORD)
    at.button(key="auth.submit").click().run()
    assert not signed_in(at)
    assert warnings(at) == [ENDED["id"]]
