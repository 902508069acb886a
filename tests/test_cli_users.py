"""`python -m zi_dashboard users …` and `--as NAME` on the sample database, and the account
checks behind them and the Pengguna page (`present.accounts`). Expected units and agents are read
from the sample workbook with openpyxl, never through the code under test."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation

from tests.conftest import ROOT, on_both_backends
from zi_dashboard import cli, store
from zi_dashboard.access import passwords
from zi_dashboard.domain.errors import UserError
from zi_dashboard.present import accounts
from zi_dashboard.store import users

SAMPLE_2020 = ROOT / "data" / "sample_2020.xlsx"
SETJEN = "Sekretariat Jenderal"


def _records(sheet: str) -> list[dict]:
    """The numbered rows of a sample sheet as {header: value}."""
    book = openpyxl.load_workbook(SAMPLE_2020, read_only=True)
    try:
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()  # a read-only book keeps its file open until closed
    header = next(r for r in rows if r and r[0] == "No")
    return [dict(zip(header, r)) for r in rows if r and isinstance(r[0], int)]


@pytest.fixture(scope="module")
def workbook() -> dict:
    units = _records("Unit Kerja")
    agents = _records("Agen Perubahan")
    return {"units": units, "agents": agents,
            "setjen_units": {u["Unit kerja"] for u in units if u["Eselon I"] == SETJEN},
            "setjen_agents": [a for a in agents if a["Eselon I"] == SETJEN]}


@pytest.fixture
def db(sample_db_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", sample_db_url)
    monkeypatch.setenv("ZI_LANG", "id")
    return sample_db_url


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    capsys.readouterr()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys) -> dict[str, dict]:
    code, out, _ = run(capsys, "users", "list", "--json")
    assert code == 0
    return {record["name"]: record for record in json.loads(out)}


# The account commands -------------------------------------------------------------------------

@on_both_backends
def test_add_list_set_role_disable_enable_round_trip(db, capsys):
    code, out, _ = run(capsys, "users", "add", "Budi@Kemensos.go.id", "--role", "eselon1",
                       "--scope", "  sekretariat JENDERAL ", "--display-name", "Budi Santoso")
    assert code == 0
    assert out.strip() == "Akun budi@kemensos.go.id ditambahkan: eselon1, cakupan Sekretariat Jenderal."
    record = listed(capsys)["budi@kemensos.go.id"]
    assert (record["display_name"], record["role"], record["scope"]) == (
        "Budi Santoso", "eselon1", [SETJEN])  # stored as the version spells it
    assert (record["active"], record["has_password"]) == (True, False)

    # A unit by its name is kept by its code (Biro Umum is KS-01-005 in the workbook).
    code, out, _ = run(capsys, "users", "set-role", "budi@kemensos.go.id", "unit", "--scope",
                       "Biro Umum", "--lang", "en")
    assert code == 0 and "is now unit, scope Biro Umum (KS-01-005)." in out
    assert listed(capsys)["budi@kemensos.go.id"]["scope"] == ["KS-01-005"]

    assert run(capsys, "users", "disable", "BUDI@kemensos.go.id")[0] == 0
    assert listed(capsys)["budi@kemensos.go.id"]["active"] is False
    assert run(capsys, "users", "enable", "budi@kemensos.go.id")[0] == 0
    assert listed(capsys)["budi@kemensos.go.id"]["active"] is True

    events = store.list_events(store.connect(db))
    ours = events[events["kind"].str.startswith("user_")]
    assert list(ours["kind"])[::-1] == ["user_added", "user_changed", "user_disabled",
                                        "user_enabled"]
    assert set(ours["actor"]) == {"cli"}


def test_list_prints_one_line_per_account(db, capsys):
    code, out, _ = run(capsys, "users", "list")
    assert (code, out.strip()) == (0, "Belum ada akun.")
    run(capsys, "users", "add", "pim", "--role", "pimpinan", "--display-name", "Ibu Pimpinan")
    run(capsys, "users", "add", "adm", "--role", "admin", "--scope", SETJEN)
    run(capsys, "users", "disable", "pim")
    lines = run(capsys, "users", "list", "--lang", "en")[1].splitlines()
    assert lines == ["adm  admin  Sekretariat Jenderal  [active, no password]  adm",
                     "pim  pimpinan  all data  [disabled, no password]  Ibu Pimpinan"]


def test_add_takes_the_password_from_stdin_only(db, capsys, monkeypatch):
    code, _, _ = run(capsys, "users", "add", "siti", "--role", "pimpinan", "--password-stdin",
                     stdin="rahasia-siti-1\n", monkeypatch=monkeypatch)
    assert code == 0
    engine = store.connect(db)
    stored = users.password_hash_of(engine, "siti")
    assert stored.startswith("scrypt$") and "rahasia" not in stored
    assert passwords.verify_password("rahasia-siti-1", stored)
    assert listed(capsys)["siti"]["has_password"] is True
    with pytest.raises(SystemExit):  # there is no way to put a password on the command line
        cli.main(["users", "add", "x", "--role", "pimpinan", "--password", "rahasia-siti-1"])


def test_set_password_from_stdin(db, capsys, monkeypatch):
    run(capsys, "users", "add", "siti", "--role", "pimpinan")
    code, out, _ = run(capsys, "users", "set-password", "siti", "--password-stdin",
                       stdin="kata-sandi-baru\r\n", monkeypatch=monkeypatch)
    assert (code, out.strip()) == (0, "Kata sandi akun siti disimpan.")
    assert passwords.verify_password("kata-sandi-baru", users.password_hash_of(store.connect(db), "siti"))
    with pytest.raises(SystemExit):  # --password-stdin is required: no prompt, no argv
        cli.main(["users", "set-password", "siti"])


@pytest.mark.parametrize(("stdin", "message"), [
    ("pendek\n", "A password needs at least 8 characters."),
    ("\n", "No password on standard input."),
    ("", "No password on standard input."),
])
def test_a_bad_password_changes_nothing(db, capsys, monkeypatch, stdin, message):
    run(capsys, "users", "add", "siti", "--role", "pimpinan")
    code, _, err = run(capsys, "users", "set-password", "siti", "--password-stdin", "--lang", "en",
                       stdin=stdin, monkeypatch=monkeypatch)
    assert (code, err.strip()) == (2, f"error: {message}")
    assert users.password_hash_of(store.connect(db), "siti") is None


def test_set_password_of_nobody_reads_no_password(db, capsys, monkeypatch):
    code, _, err = run(capsys, "users", "set-password", "nobody", "--password-stdin",
                       stdin="rahasia-123\n", monkeypatch=monkeypatch)
    assert code == 2 and "Akun nobody tidak ditemukan" in err
    assert sys.stdin.read() == "rahasia-123\n"


@pytest.mark.parametrize(("argv", "message"), [
    (["add", "boss", "--role", "boss"], "Unknown role boss."),
    (["add", "e1", "--role", "eselon1"], "Role eselon1 needs a scope"),
    (["add", "u1", "--role", "unit"], "Role unit needs a scope"),
    (["add", "p1", "--role", "pimpinan", "--scope", SETJEN], "Role pimpinan sees all data"),
    (["add", "s1", "--role", "superadmin", "--scope", SETJEN], "Role superadmin sees all data"),
    (["add", "e1", "--role", "eselon1", "--scope", "Setjen"],
     '"Setjen" is no Eselon I of the current data version. Closest: Sekretariat Jenderal'),
    (["add", "a1", "--role", "admin", "--scope", SETJEN, "--scope", "Ditjen Tidak Ada"],
     '"Ditjen Tidak Ada" is no Eselon I'),
    (["add", "u1", "--role", "unit", "--scope", "Biro Umm"],
     '"Biro Umm" is no work unit code or name of the current data version. Closest: '
     "Biro Umum (KS-01-005)"),
    (["add", "u1", "--role", "unit", "--scope", "KS-99-001"], '"KS-99-001" is no work unit'),
    (["add", "", "--role", "pimpinan"], "can't be used"),
    (["add", "taken", "--role", "pimpinan"], "Account taken already exists:"),
    (["add", "Admin", "--role", "pimpinan"], "belongs to the bootstrap superadmin"),
    (["disable", "nobody"], "No account nobody."),
    (["enable", "nobody"], "No account nobody."),
    (["set-role", "nobody", "pimpinan"], "No account nobody."),
    (["set-role", "taken", "eselon1"], "Role eselon1 needs a scope"),
    (["set-role", "taken", "unit", "--scope", "Biro Umm"], '"Biro Umm" is no work unit'),
])
def test_account_errors_exit_2_with_the_message(db, capsys, argv, message):
    run(capsys, "users", "add", "taken", "--role", "pimpinan")
    before = listed(capsys)
    code, out, err = run(capsys, "users", *argv, "--lang", "en")
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err, err
    assert listed(capsys) == before


def test_account_errors_follow_zi_lang(db, capsys):
    code, _, err = run(capsys, "users", "add", "e1", "--role", "eselon1", "--scope", "Setjen")
    assert code == 2
    assert err.strip().startswith('error: "Setjen" bukan Eselon I pada versi data saat ini.')


def test_a_scope_cannot_be_checked_without_data(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    code, _, err = run(capsys, "users", "add", "e1", "--role", "eselon1", "--scope", SETJEN,
                       "--lang", "en")
    assert code == 2 and "there is no data. Import data first." in err
    assert run(capsys, "users", "add", "p1", "--role", "pimpinan")[0] == 0  # no scope: fine


# --as NAME ------------------------------------------------------------------------------------

@pytest.fixture
def setjen_user(db, capsys) -> str:
    assert run(capsys, "users", "add", "setjen", "--role", "eselon1", "--scope", SETJEN)[0] == 0
    return "setjen"


def test_status_as_an_eselon1_account_counts_only_its_units(setjen_user, workbook, capsys):
    code, out, _ = run(capsys, "status", "--json", "--as", setjen_user)
    status = json.loads(out)
    assert code == 0
    assert (status["units"], status["agents"]) == (len(workbook["setjen_units"]),
                                                   len(workbook["setjen_agents"]))
    assert sum(status["stages"].values()) == len(workbook["setjen_units"])
    full = json.loads(run(capsys, "status", "--json")[1])  # without --as: everything
    assert (full["units"], full["agents"]) == (len(workbook["units"]), len(workbook["agents"]))


def test_status_as_a_unit_account(db, workbook, capsys):
    run(capsys, "users", "add", "umum", "--role", "unit", "--scope", "KS-01-005")
    status = json.loads(run(capsys, "status", "--json", "--as", "umum")[1])
    in_unit = [a for a in workbook["agents"] if a["Unit kerja"] == "Biro Umum"]
    assert (status["units"], status["agents"]) == (1, len(in_unit))


def test_a_unit_name_stored_in_a_scope_grants_no_unit(db, workbook, capsys):
    # An account stored with a name (before scopes were kept by key, or by hand) sees nothing
    # until `users migrate-scopes` turns it into a key: a name may come to mean another unit.
    users.add_user(store.connect(db), "lama", role="unit", scope=["Biro Umum"], actor="test")
    status = json.loads(run(capsys, "status", "--json", "--as", "lama")[1])
    assert (status["units"], status["agents"]) == (0, 0)


def test_check_json_as_an_eselon1_account_lists_only_its_units(setjen_user, workbook, capsys):
    code, out, _ = run(capsys, "check", "--json", "--as", setjen_user)
    units = json.loads(out)["units"]
    assert code == 0
    assert {u["unit"] for u in units} == workbook["setjen_units"]
    assert {u["eselon1"] for u in units} == {SETJEN}


@pytest.mark.parametrize("command", [["status"], ["check"], ["briefing", "--out", "x.pptx"]])
def test_as_an_unknown_or_disabled_account_is_refused(db, capsys, command, tmp_path):
    command = [str(tmp_path / c) if c.endswith(".pptx") else c for c in command]
    code, out, err = run(capsys, *command, "--as", "nobody", "--lang", "en")
    assert (code, out) == (2, "")
    assert err.strip() == "error: No account nobody. See the accounts with `users list`."
    run(capsys, "users", "add", "gone", "--role", "pimpinan")
    run(capsys, "users", "disable", "gone")
    code, _, err = run(capsys, *command, "--as", "gone", "--lang", "en")
    assert code == 2 and "Account gone is disabled." in err
    assert not (tmp_path / "x.pptx").exists()


def _pptx_text(data: bytes) -> str:
    """Every text of a deck: shapes, tables, chart categories and series, notes, alt text."""
    parts = []
    for slide in Presentation(io.BytesIO(data)).slides:
        for shape in slide.shapes:
            parts.append(shape._element.xml)  # alt text (descr) and everything else a shape holds
            if shape.has_chart:
                for plot in shape.chart.plots:
                    parts += [str(c) for c in plot.categories]
                    parts += [s.name or "" for s in plot.series]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def test_briefing_as_an_eselon1_account_holds_only_its_units(setjen_user, workbook, capsys,
                                                            tmp_path, db):
    out = tmp_path / "setjen.pptx"
    code, _, err = run(capsys, "briefing", "--format", "pptx", "--out", str(out), "--as",
                       setjen_user)
    assert code == 0, err
    text = _pptx_text(out.read_bytes())
    others = {u["Unit kerja"] for u in workbook["units"]} - workbook["setjen_units"]
    # No out-of-scope unit is named, not even inside a longer in-scope name.
    assert [n for n in sorted(others) if n in text and not any(
        n in mine for mine in workbook["setjen_units"])] == []
    assert all(name in text for name in workbook["setjen_units"])
    assert [e for e in {u["Eselon I"] for u in workbook["units"]} - {SETJEN} if e in text] == []
    events = store.list_events(store.connect(db))
    export = events[events["kind"] == "export"].iloc[0]
    assert export["actor"] == "setjen"
    assert export["detail"] == "setjen.pptx; scope=eselon1=Sekretariat Jenderal"


def test_unit_sheets_as_an_eselon1_account_hold_one_page_per_unit_in_scope(
        setjen_user, workbook, capsys, tmp_path):
    out = tmp_path / "fakta.zip"
    code, _, err = run(capsys, "briefing", "--format", "unit-sheets", "--out", str(out), "--as",
                       setjen_user)
    assert code == 0, err
    names = zipfile.ZipFile(out).namelist()
    assert len([n for n in names if n != "semua-unit.pdf"]) == len(workbook["setjen_units"])


# present.accounts: the checks the CLI and the Pengguna page share ------------------------------

UNITS = pd.DataFrame({
    "unit_key": ["A-1", "A-2", "biro umum sekretariat ii"],
    "unit_code": ["A-1", "A-2", None],
    "unit_name": ["Biro Umum", "Biro Hukum", "Biro Umum"],
    "eselon1": ["Sekretariat I", "Sekretariat I", "Sekretariat II"],
})


@pytest.mark.parametrize(("role", "scope", "expected"), [
    ("pimpinan", [], ()),
    ("superadmin", [], ()),
    ("admin", [], ()),
    ("admin", ["sekretariat i"], ("Sekretariat I",)),
    ("eselon1", ["Sekretariat II ", "SEKRETARIAT I", "Sekretariat II"],
     ("Sekretariat II", "Sekretariat I")),
    ("unit", ["a-2"], ("A-2",)),
    ("unit", ["Biro Hukum"], ("A-2",)),
    # A unit without a code is kept by its derived key; a key given exactly is that unit.
    ("unit", ["biro umum sekretariat ii"], ("biro umum sekretariat ii",)),
    ("unit", ["A-1", "a-1", "A-2"], ("A-1", "A-2")),
    ("unit", ["", " ", "A-1"], ("A-1",)),
])
def test_checked_scope(role, scope, expected):
    assert accounts.checked_scope(role, scope, UNITS) == expected


@pytest.mark.parametrize(("role", "scope", "code", "params"), [
    ("boss", [], "users.bad_role", {"role": "boss"}),
    ("eselon1", [], "users.scope_required", {"role": "eselon1"}),
    ("unit", ["  "], "users.scope_required", {"role": "unit"}),
    ("pimpinan", ["Sekretariat I"], "users.scope_not_allowed", {"role": "pimpinan"}),
    # Close matches: the choices holding the value first, then the most similar ones.
    ("eselon1", ["Sekretariat"], "users.scope_unknown_eselon1",
     {"value": "Sekretariat", "matches": "Sekretariat I; Sekretariat II"}),
    ("eselon1", ["Sekretariat I", "Sekretariat III"], "users.scope_unknown_eselon1",
     {"value": "Sekretariat III", "matches": "Sekretariat II; Sekretariat I"}),
    ("unit", ["Biro Umun"], "users.scope_unknown_unit",
     {"value": "Biro Umun", "matches": "Biro Umum (Sekretariat II); Biro Umum (A-1, Sekretariat "
                                       "I); Biro Hukum (A-2)"}),
    ("unit", ["(A-"], "users.scope_unknown_unit",
     {"value": "(A-", "matches": "Biro Hukum (A-2); Biro Umum (A-1, Sekretariat I); Biro Umum "
                                 "(Sekretariat II)"}),
    # A name two units share is refused, never kept as both: each is listed with what to type.
    ("unit", ["biro umum"], "users.scope_ambiguous_unit",
     {"value": "biro umum", "candidates": "Biro Umum (A-1, Sekretariat I); Biro Umum "
                                          "(biro umum sekretariat ii, Sekretariat II)"}),
    ("unit", ["A-1", "Biro Umum"], "users.scope_ambiguous_unit",
     {"value": "Biro Umum", "candidates": "Biro Umum (A-1, Sekretariat I); Biro Umum "
                                          "(biro umum sekretariat ii, Sekretariat II)"}),
])
def test_checked_scope_refuses(role, scope, code, params):
    with pytest.raises(UserError) as caught:
        accounts.checked_scope(role, scope, UNITS)
    assert (caught.value.code, caught.value.params) == (code, params)


def test_a_unit_code_is_no_eselon1_scope():
    with pytest.raises(UserError, match="users.scope_unknown_eselon1"):
        accounts.checked_scope("eselon1", ["A-1"], UNITS)


def test_scope_text_names_units_by_name_and_code():
    assert accounts.scope_text(users.principal_of(users.User(
        "u", "", "unit", ("A-2", "gone"), True, False, None, None)), UNITS) == "Biro Hukum (A-2), gone"
    assert accounts.scope_text(users.principal_of(users.User(
        "u", "", "unit", ("A-1",), True, False, None, None)), UNITS) == (
        "Biro Umum (A-1, Sekretariat I)")  # a shared name says its Eselon I
    assert accounts.scope_text(users.principal_of(users.User(
        "e", "", "eselon1", ("Sekretariat I",), True, False, None, None)), UNITS) == "Sekretariat I"
    assert accounts.scope_text(users.principal_of(users.User(
        "p", "", "pimpinan", (), True, False, None, None)), UNITS) == ""


def test_scope_choices_by_role():
    assert accounts.scope_choices(UNITS, "eselon1") == {"Sekretariat I": "Sekretariat I",
                                                        "Sekretariat II": "Sekretariat II"}
    units = accounts.scope_choices(UNITS, "unit")
    assert units == {"A-2": "Biro Hukum (A-2)", "A-1": "Biro Umum (A-1, Sekretariat I)",
                     "biro umum sekretariat ii": "Biro Umum (Sekretariat II)"}
    assert list(units) == ["A-2", "A-1", "biro umum sekretariat ii"]  # by label
    assert accounts.scope_choices(UNITS, "pimpinan", keep=["X"]) == {}
    # A scope the version no longer holds stays pickable, so the page can show and drop it.
    assert accounts.scope_choices(UNITS, "admin", keep=["Gone"])["Gone"] == "Gone"


def _account(role: str, scope: tuple[str, ...], name: str = "u") -> users.User:
    return users.User(name, "", role, scope, True, False, None, None)


@pytest.mark.parametrize(("role", "scope", "expected"), [
    ("unit", ("A-1", "A-2"), None),  # keys only: nothing to do
    ("eselon1", ("Sekretariat I",), None),  # Eselon I scopes are names
    ("admin", ("sekretariat ii",), None),
    ("pimpinan", (), None),
    ("unit", ("Biro Hukum",), ("A-2",)),
    ("unit", ("A-1", "biro hukum"), ("A-1", "A-2")),
    ("unit", ("a-2",), ("A-2",)),
])
def test_migrated_scope_turns_names_into_keys(role, scope, expected):
    assert accounts.migrated_scope(_account(role, scope), UNITS) == expected


@pytest.mark.parametrize(("scope", "code"), [
    (("Biro Umum",), "users.scope_ambiguous_unit"),  # two units: a person picks
    (("A-1", "Biro Lama"), "users.scope_unknown_unit"),
])
def test_migrated_scope_refuses_what_is_not_one_unit(scope, code):
    with pytest.raises(UserError) as caught:
        accounts.migrated_scope(_account("unit", scope), UNITS)
    assert caught.value.code == code


def test_a_stored_value_the_version_does_not_hold_is_marked_and_noted():
    old = _account("unit", ("A-1", "Biro Hukum"), "lama")
    gone = _account("eselon1", ("Sekretariat III",), "e")
    fine = [_account("unit", ("A-2",), "baru"), _account("eselon1", ("sekretariat i",), "e1")]
    assert accounts.scope_labels(old.scope, UNITS, "unit", "en") == (
        "Biro Umum (A-1, Sekretariat I), Biro Hukum (not in this data version: grants nothing)")
    assert accounts.accounts_table([old], UNITS, "id")["Cakupan"].tolist() == [
        "Biro Umum (A-1, Sekretariat I), Biro Hukum (tidak ada di versi data ini: tidak berlaku)"]
    assert accounts.stale_scopes_note(fine, UNITS, "en") == ""
    note = accounts.stale_scopes_note([*fine, old, gone], UNITS, "en")
    assert "lama: Biro Hukum; e: Sekretariat III" in note.replace("\\", "").replace("\u2060", "")
    assert "`users migrate-scopes`" in note
    widget = accounts.scope_widget(UNITS, "unit", "en", held=old.scope)
    assert widget["default"] == ["A-1", "Biro Hukum"]
    assert widget["format_func"]("Biro Hukum").endswith("(not in this data version: grants nothing)")


def test_migrate_scopes_replaces_unit_names_by_keys_and_leaves_the_rest(db, capsys):
    engine = store.connect(db)
    for name, role, scope in (("lama.umum", "unit", ["Biro Umum"]),
                              ("lama.dua", "unit", ["KS-01-002", "biro hukum"]),
                              ("lama.hilang", "unit", ["Biro Lama"]),
                              ("baru", "unit", ["KS-01-005"]),
                              ("setjen", "eselon1", [SETJEN])):
        users.add_user(engine, name, role=role, scope=scope, actor="test")
    before = listed(capsys)
    code, out, _ = run(capsys, "users", "migrate-scopes", "--dry-run", "--lang", "en")
    assert code == 1  # one account is left for a person to fix
    assert out.splitlines() == [
        "lama.dua: KS-01-002, biro hukum → Biro Keuangan (KS-01-002), Biro Hukum (KS-01-004)",
        'lama.hilang: not changed ("Biro Lama" is no work unit code or name of the current data '
        "version. Closest: Biro Umum (KS-01-005); Biro Keuangan (KS-01-002); Biro Hukum "
        "(KS-01-004).)",
        "lama.umum: Biro Umum → Biro Umum (KS-01-005)",
        "2 accounts would change, 1 could not (nothing stored)."]
    assert listed(capsys) == before

    code, out, _ = run(capsys, "users", "migrate-scopes")
    assert code == 1 and out.splitlines()[-1] == "2 akun diubah, 1 tidak dapat diubah."
    scopes = {name: record["scope"] for name, record in listed(capsys).items()}
    assert scopes == {"lama.umum": ["KS-01-005"], "lama.dua": ["KS-01-002", "KS-01-004"],
                      "lama.hilang": ["Biro Lama"], "baru": ["KS-01-005"], "setjen": [SETJEN]}
    events = store.list_events(engine)
    changed = events[events["kind"] == "user_changed"]
    assert sorted(changed["detail"]) == ["lama.dua: unit ['KS-01-002', 'KS-01-004']",
                                         "lama.umum: unit ['KS-01-005']"]
    assert set(changed["actor"]) == {"cli"}
    status = json.loads(run(capsys, "status", "--json", "--as", "lama.umum")[1])
    assert status["units"] == 1

    run(capsys, "users", "set-role", "lama.hilang", "unit", "--scope", "KS-01-006")
    code, out, _ = run(capsys, "users", "migrate-scopes", "--lang", "en")
    assert (code, out.strip()) == (0, "0 accounts changed, 0 could not be changed.")


@pytest.mark.parametrize(("password", "confirm", "required", "outcome"), [
    ("", "", False, None),
    ("", None, False, None),
    ("", "", True, "users.password_short"),
    ("pendek7", "pendek7", False, "users.password_short"),
    ("delapan8", "delapan9", False, "users.password_mismatch"),
    ("", "delapan8", False, "users.password_short"),
    ("delapan8", "delapan8", False, "hash"),
    ("delapan8", None, True, "hash"),
])
def test_new_password_hash(password, confirm, required, outcome):
    if outcome in (None, "hash"):
        result = accounts.new_password_hash(password, confirm, required=required)
        assert (result is None) == (outcome is None)
        if result is not None:
            assert passwords.verify_password(password, result)
        return
    with pytest.raises(UserError) as caught:
        accounts.new_password_hash(password, confirm, required=required)
    assert caught.value.code == outcome


@pytest.mark.parametrize(("actor", "name", "change", "refused"), [
    ("boss", "Boss ", {"active": False}, True),
    ("boss", "boss", {"role": "admin"}, True),
    ("boss", "boss", {"role": "pimpinan"}, True),
    ("boss", "boss", {"role": "superadmin"}, False),
    ("boss", "boss", {"active": True}, False),
    ("boss", "other", {"active": False}, False),
    ("boss", "other", {"role": "unit"}, False),
])
def test_refuse_self_lockout(actor, name, change, refused):
    if refused:
        with pytest.raises(UserError, match="users.self_lockout"):
            accounts.refuse_self_lockout(actor, name, **change)
    else:
        accounts.refuse_self_lockout(actor, name, **change)


def test_accounts_table_shows_the_last_change_in_the_viewers_zone():
    moment = datetime(2026, 12, 2, 6, 5, tzinfo=timezone.utc)
    user = users.User("budi", "Budi", "pimpinan", (), True, False, moment, moment)
    assert accounts.accounts_table([user], UNITS, "en")["Changed"].tolist() == [
        "2 Dec 2026, 13:05 WIB"]
    assert accounts.accounts_table([user], UNITS, "id", "Asia/Jayapura")["Diubah"].tolist() == [
        "2 Des 2026 15.05 WIT"]


def test_accounts_table_names_roles_and_scopes_in_the_ui_language(db, capsys):
    run(capsys, "users", "add", "umum", "--role", "unit", "--scope", "KS-01-005",
        "--display-name", "Kepala Biro Umum")
    engine = store.connect(db)
    table = accounts.accounts_table(users.list_users(engine),
                                    store.load_snapshot(engine).tables["units"], "en")
    assert list(table.columns) == ["Account", "Display name", "Role", "Scope", "Active",
                                   "Password", "Changed"]
    assert table.iloc[0, :6].tolist() == ["umum", "Kepala Biro Umum", "Work unit",
                                          "Biro Umum (KS-01-005)", True, False]


def test_readme_documents_the_users_commands_and_as():
    text = Path(ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("users add NAME --role ROLE", "users list", "users disable NAME",
                    "users enable NAME", "users set-role NAME ROLE", "users set-password NAME",
                    "users migrate-scopes [--dry-run]", "--as NAME"):
        assert command in text, command



def test_import_as_a_scoped_admin_keeps_to_its_scope(db, capsys):
    # The sample 2020 roster holds every Eselon I: for an admin of one, the other rows are
    # errors at their rows and nothing is stored. An account that may not upload is refused.
    engine = store.connect(db)
    users.add_user(engine, "admin.setjen", role="admin", scope=[SETJEN], actor="test")
    users.add_user(engine, "pimpinan.1", role="pimpinan", actor="test")
    before = store.current_version(engine).id
    code, out, err = run(capsys, "import", str(SAMPLE_2020), "--as", "admin.setjen")
    assert code == 1 and "Import refused" in err
    assert "scope_outside" in out
    assert store.current_version(engine).id == before
    with pytest.raises(SystemExit, match="may not upload"):
        run(capsys, "import", str(SAMPLE_2020), "--as", "pimpinan.1", "--lang", "en")


def test_versions_and_status_name_the_zone(db, capsys, monkeypatch):
    monkeypatch.setenv("ZI_TIMEZONE", "Asia/Jayapura")
    code, out, _ = run(capsys, "versions", "--lang", "en")
    assert code == 0 and " WIT " in out
    code, out, _ = run(capsys, "status")
    assert code == 0 and " WIT, by " in out
