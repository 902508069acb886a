"""Who sees what, page by page: every role and scope through AppTest, signed in by the sidebar
form, on the sample with e-mails and phones added (so a leak of them is visible).

Every string the session is sent (captions, alt text, widget options, chart JSON, dataframe
cells) is scanned for the sample's unit names and codes, Eselon I names, and each agent's NIP,
e-mail, phone, name and position; each of these is allowed or not by the role and scope, worked
out here with plain pandas from the sample's tables (never with access.scope_tables)."""

from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from tests.conftest import ADMIN_PASSWORD
from zi_dashboard import store
from zi_dashboard.access import passwords
from zi_dashboard.present import accounts
from zi_dashboard.store import users

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "sandi-uji-akses-2020"
ESELON1 = "Inspektorat Jenderal"  # the eselon1 account's scope (5 units)
ADMIN_ESELON1 = "Direktorat Jenderal Pemberdayaan Sosial"  # the scoped admin's (5 units)
# The unit account's scope as the superadmin typed it (one by code, one by name), stored as
# present.accounts.checked_scope keeps it: by unit key.
UNIT_SCOPE = ("KS-06-002", "Biro Keuangan")
PAGES = ["pages/ringkasan.py", "pages/sebaran_agen.py", "pages/kehadiran.py",
         "pages/progres_zi.py", "pages/rencana_tindak_lanjut.py", "pages/profil_unit.py",
         "pages/unduh_briefing.py"]
CHART_PAGES = PAGES[:-1]
IGNORED = "diabaikan"  # in the note on a link's filters outside the scope


@dataclass(frozen=True)
class Role:
    """A session to test: its account (None: anonymous; "": the bootstrap superadmin), the
    ZI_ANONYMOUS in force, its scope, and what the issue says it may see."""

    id: str
    account: str | None
    contacts: bool  # NIP, e-mail, phone (of agents in scope)
    names: bool  # names and positions (of agents in scope)
    policy: str = "aggregates"
    eselon1: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    role: str = ""

    scoped = property(lambda self: bool(self.eselon1 or self.units))


ROLES = {r.id: r for r in [
    Role("anonim-aggregates", None, contacts=False, names=False),
    Role("anonim-full", None, contacts=True, names=True, policy="full"),
    Role("pimpinan", "pimpinan.uji", contacts=False, names=True, role="pimpinan"),
    Role("eselon1", "eselon1.uji", contacts=True, names=True, eselon1=(ESELON1,), role="eselon1"),
    Role("unit", "unit.uji", contacts=True, names=True, units=UNIT_SCOPE, role="unit"),
    Role("admin-eselon1", "admin.pemberdayaan", contacts=True, names=True,
         eselon1=(ADMIN_ESELON1,), role="admin"),
    Role("admin", "admin.uji", contacts=True, names=True, role="admin"),
    Role("superadmin", "", contacts=True, names=True),
]}
SCOPED = [r for r in ROLES.values() if r.scoped]
# A tampered link per scoped role: a unit and an Eselon I outside its scope.
TAMPERED = {"eselon1": {"unit": "KS-01-001", "eselon1": "Sekretariat Jenderal"},
            "unit": {"unit": "KS-06-003", "eselon1": "Direktorat Jenderal Rehabilitasi Sosial"},
            "admin-eselon1": {"unit": "KS-06-001", "eselon1": ESELON1}}


# --- the database: the sample, agents with e-mails and phones, and one account per role --------

def add_contacts(engine) -> None:
    """A new current version whose agents all have a (fake) e-mail and phone."""
    agents = store.load_snapshot(engine).tables["agents"].copy()
    agents["email"] = [f"agen{i:03d}.uji@contoh-kementerian.go.id" for i in range(len(agents))]
    agents["phone"] = [f"0812-7{i:03d}-{5000 + i}" for i in range(len(agents))]
    store.commit_version(engine, {"agents": agents}, [], uploader="test", note="contacts")


def add_accounts(engine) -> None:
    digest, units = passwords.hash_password(PASSWORD), store.load_snapshot(engine).tables["units"]
    for role in ROLES.values():
        if role.account:
            scope = accounts.checked_scope(role.role, [*role.eselon1, *role.units], units)
            users.add_user(engine, role.account, role=role.role, scope=scope,
                           password_hash=digest, actor="test")


@pytest.fixture(scope="session")
def access_db_file(sample_db_file, tmp_path_factory) -> Path:
    """The sample, a version with contacts on top, and the accounts; built once per process."""
    path = tmp_path_factory.mktemp("access-db") / "zi.db"
    shutil.copy(sample_db_file, path)
    engine = store.connect(f"sqlite:///{path}")
    add_contacts(engine)
    add_accounts(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def sample_tables(access_db_file) -> dict[str, pd.DataFrame]:
    """The current version's tables as stored: what scopes are worked out from."""
    engine = store.connect(f"sqlite:///{access_db_file}")
    tables = store.load_snapshot(engine).tables
    engine.dispose()
    return tables


@pytest.fixture
def access_env(access_db_file, tmp_path, monkeypatch):
    """An AppTest environment on a private copy of that database; returns a function that sets
    ZI_ANONYMOUS."""
    copy = tmp_path / "zi.db"
    shutil.copy(access_db_file, copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    monkeypatch.setenv("ZI_ADMIN_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.setenv("ZI_ANONYMOUS", "aggregates")
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield lambda policy: monkeypatch.setenv("ZI_ANONYMOUS", policy)
    st.cache_resource.clear()
    st.cache_data.clear()


# --- what a role may see, from the sample's tables with plain pandas --------------------------

def scope_units(units: pd.DataFrame, role: Role) -> pd.DataFrame:
    """The units rows a role's scope names (all for an unscoped role)."""
    if not role.scoped:
        return units
    keep = (units["eselon1"].isin(role.eselon1) | units["unit_code"].isin(role.units)
            | units["unit_name"].isin(role.units))
    return units[keep]


def allowed_entities(tables: dict[str, pd.DataFrame], role: Role) -> dict[str, bool]:
    """Every unit name and code, Eselon I, and agent NIP/e-mail/phone/name/position of the
    sample → whether the role may be shown it. A text two people share is allowed if either's is."""
    units = tables["units"]
    inside = set(scope_units(units, role)["unit_key"])
    allowed: dict[str, bool] = {}

    def add(text: object, ok: bool) -> None:
        if isinstance(text, str) and len(text.strip()) >= 4:
            allowed[text.strip()] = allowed.get(text.strip(), False) or ok

    for key, name, eselon1 in zip(units["unit_key"], units["unit_name"], units["eselon1"],
                                  strict=True):
        add(key, key in inside)
        add(name, key in inside)
        add(eselon1, key in inside)
    agents = tables["agents"]
    for row in agents.itertuples():
        mine = row.unit_key in inside
        for value in (row.nip, row.email, row.phone):
            add(value, mine and role.contacts)
        for value in (row.name, row.position):
            add(value, mine and role.names)
    unit_of = dict(zip(agents["nip"], agents["unit_key"], strict=True))
    for nip, name in zip(tables["attendance"]["nip"], tables["attendance"]["name"], strict=True):
        add(name, unit_of.get(nip) in inside and role.names)
    return allowed


# --- what a session was sent -------------------------------------------------------------------

def _leaves(value: object, out: list[str]) -> None:
    if isinstance(value, (dict, list)):
        for k in value:
            out += [str(k)] if isinstance(value, dict) else []
            _leaves(value[k] if isinstance(value, dict) else k, out)
    elif value is not None:
        out.append(str(value))


def _strings(message: Message, out: list[str]) -> None:
    for field, value in message.ListFields():
        values = list(value.values() if hasattr(value, "values") and callable(value.values)
                      else value) if field.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                _strings(item, out)
            elif isinstance(item, str):
                out.append(item)
                if item[:1] in "{[":  # a chart's figure JSON, a column config
                    try:
                        _leaves(json.loads(item), out)
                    except ValueError:
                        pass


def normalized(text: str) -> str:
    """Markup undone: Markdown escapes, word joiners, Plotly line breaks and entities."""
    text = html.unescape(text.replace("<br>", " ").replace("\\", "").replace("\u2060", ""))
    return " ".join(text.split())


def frame_texts(frame: pd.DataFrame) -> list[str]:
    return [*map(str, frame.columns), *(str(v) for v in frame.to_numpy().ravel() if pd.notna(v))]


def sent_texts(at: AppTest) -> list[str]:
    """Every string of every element of the run, and every dataframe's cells; not the note that
    repeats the values of a tampered link (they are the visitor's own)."""
    out: list[str] = []
    for node in at._tree:
        if isinstance(getattr(node, "proto", None), Message):
            _strings(node.proto, out)
    for frame in at.dataframe:
        out += frame_texts(frame.value)
    return [normalized(s) for s in out if s and IGNORED not in s]


def chart_texts(at: AppTest) -> list[str]:
    out: list[str] = []
    for chart in at.get("plotly_chart"):
        _leaves(json.loads(chart.proto.spec), out)
    return [normalized(s) for s in out]


def found(texts: list[str], entities: dict[str, bool]) -> set[str]:
    """The entities the texts hold as whole words; where two overlap the longer one counts
    ("Sekretariat Inspektorat Jenderal" is a unit, not the Eselon I it names)."""
    blob = "\n".join(texts)
    hits = []
    for entity in entities:
        start = blob.find(entity)
        while start >= 0:
            end = start + len(entity)
            if (start == 0 or not blob[start - 1].isalnum()) and (
                    end == len(blob) or not blob[end].isalnum()):
                hits.append((start, -len(entity), entity))
            start = blob.find(entity, start + 1)
    seen, until = set(), -1
    for start, minus_length, entity in sorted(hits):
        if start >= until:
            seen.add(entity)
            until = start - minus_length
    return seen


def forbidden_shown(texts: list[str], entities: dict[str, bool]) -> list[str]:
    return sorted(e for e in found(texts, entities) if not entities[e])


# --- a session ---------------------------------------------------------------------------------

def sign_in(at: AppTest, role: Role) -> AppTest:
    at.text_input(key="auth.name").input(role.account or "")
    at.text_input(key="auth.password").input(PASSWORD if role.account else ADMIN_PASSWORD)
    at.button(key="auth.submit").click().run()
    assert any(str(c.value).startswith("Masuk sebagai") for c in at.sidebar.caption), (
        [e.value for e in at.error])
    return at


def open_as(role: Role, page: str = PAGES[0], query: dict | None = None) -> AppTest:
    """The app as `role` on `page`: first run anonymous (with the link's query), then the
    sidebar sign-in, then the page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if role.account is not None:
        sign_in(at, role)
    if page != PAGES[0]:
        at.switch_page(page)
        at.run()
    open_data_views(at)
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_data_views(at: AppTest) -> None:
    """Open every chart's *Lihat data* (sent only while open), so the scan reads its table."""
    keys = [e.key for e in at.expander if e.key and e.key.startswith("view.")]
    for key in keys:
        at.session_state[key] = True
    if keys:
        at.run()


def unit_count(at: AppTest) -> str:
    return next(m.value for m in at.metric if m.label == "Unit kerja")  # a Ringkasan KPI


def assert_only_allowed(at: AppTest, role: Role, tables, page: str) -> None:
    entities = allowed_entities(tables, role)
    texts = sent_texts(at)
    leaked = forbidden_shown(texts, entities)
    assert not leaked, f"{role.id} on {page} was sent: {leaked[:8]}"
    hidden = ({"NIP", "E-mail", "Telepon"} if not role.contacts else set()) | (
        {"Nama", "Jabatan"} if not role.names else set())
    for frame in at.dataframe:
        assert not hidden & set(map(str, frame.value.columns)), (page, list(frame.value.columns))
    shown = found(texts, entities)
    inside = scope_units(tables["units"], role)
    if page in CHART_PAGES:  # the scan sees what the charts hold: some of the scope is there
        in_charts = found(chart_texts(at), entities)
        assert in_charts & {*inside["unit_name"], *inside["eselon1"]}, page
    if page == "pages/sebaran_agen.py":
        agents = tables["agents"][tables["agents"]["unit_key"].isin(inside["unit_key"])]
        assert bool(shown & set(agents["name"])) is role.names
        assert bool(shown & set(agents["nip"])) is role.contacts


# --- the matrix --------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role_id", list(ROLES))
def test_every_page_shows_only_the_scope_and_what_the_role_may_see(access_env, sample_tables,
                                                                  role_id, page):
    role = ROLES[role_id]
    access_env(role.policy)
    at = open_as(role, page)
    assert_only_allowed(at, role, sample_tables, page)
    if page == PAGES[0]:  # the headline counts are the scope's
        assert unit_count(at) == str(len(scope_units(sample_tables["units"], role)))


@pytest.mark.parametrize("role_id", [r.id for r in SCOPED])
def test_a_tampered_link_never_widens_the_scope(access_env, sample_tables, role_id):
    role = ROLES[role_id]
    at = open_as(role, query=TAMPERED[role_id])
    assert unit_count(at) == str(len(scope_units(sample_tables["units"], role)))
    assert at.multiselect(key="filters.unit").value == []
    assert at.multiselect(key="filters.eselon1").value == []
    assert_only_allowed(at, role, sample_tables, PAGES[0])
    at.switch_page("pages/sebaran_agen.py")
    at.run()
    assert_only_allowed(at, role, sample_tables, "pages/sebaran_agen.py")


def ignored_note(at: AppTest) -> str:
    return " ".join(normalized(str(c.value)) for c in at.sidebar.caption if IGNORED in
                    str(c.value))


@pytest.mark.parametrize("role_id", [r.id for r in SCOPED])
def test_a_tampered_link_is_ignored_with_a_note_after_signing_in(access_env, role_id):
    # The link is read on the first (anonymous) run, when every value is in scope; the sign-in
    # that follows must still say which of them it drops.
    at = open_as(ROLES[role_id], query=TAMPERED[role_id])
    note = ignored_note(at)
    assert TAMPERED[role_id]["unit"] in note and TAMPERED[role_id]["eselon1"] in note


@pytest.mark.parametrize("role_id", [r.id for r in SCOPED])
def test_a_tampered_link_is_ignored_with_a_note_when_signed_in_from_the_start(access_env,
                                                                             sample_tables,
                                                                             role_id):
    # A session that is signed in on its first run (as an OIDC sign-in is, on a new tab).
    role = ROLES[role_id]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in TAMPERED[role_id].items():
        at.query_params[key] = value
    at.session_state["auth.user"] = role.account
    at.run()
    assert not at.exception
    note = ignored_note(at)
    assert TAMPERED[role_id]["unit"] in note and TAMPERED[role_id]["eselon1"] in note
    assert unit_count(at) == str(len(scope_units(sample_tables["units"], role)))
    assert_only_allowed(at, role, sample_tables, PAGES[0])


def test_sign_in_required_shows_no_data_before_sign_in(access_env, sample_tables):
    access_env("none")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["eselon1"] = ESELON1
    at.run()
    assert not at.exception
    assert any("Masuk untuk melihat" in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.dataframe and not at.metric
    assert not at.multiselect  # no filters: their options are the data's names
    nobody = Role("nobody", None, contacts=False, names=False, eselon1=("-",))
    entities = allowed_entities(sample_tables, nobody)
    assert not found(sent_texts(at), entities)
    for page in PAGES[1:]:  # and no other page to go to
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)


@pytest.mark.parametrize("page", ["pages/ringkasan.py", "pages/sebaran_agen.py"])
def test_sign_in_required_then_an_eselon1_account_sees_its_scope(access_env, sample_tables,
                                                                page):
    access_env("none")
    role = ROLES["eselon1"]
    at = open_as(role, page, query=TAMPERED["eselon1"])
    assert_only_allowed(at, role, sample_tables, page)
    # Filters are read from the link after the sign-in here: the note is shown.
    assert TAMPERED["eselon1"]["unit"] in ignored_note(at)


def test_the_note_shows_a_tampered_link_as_text_not_markup(access_env):
    # The note repeats what the link holds: a crafted link must not put a live link on the page.
    role = ROLES["eselon1"]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["unit"] = "**Klik** [di sini](https://contoh.invalid/masuk)"
    at.session_state["auth.user"] = role.account
    at.run()
    note = next(str(c.value) for c in at.sidebar.caption if IGNORED in str(c.value))
    assert "[di sini](https" not in note and "**Klik**" not in note
    assert "Klik" in normalized(note) and "contoh" in normalized(note)
