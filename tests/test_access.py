"""Who sees what, as pure functions: `Principal`'s policy per role, `access.scope_tables` per role
and scope on tables built in code, and the sign-in throttle under simultaneous guesses."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import pandas as pd
import pytest

from tests.tables import build_tables
from zi_dashboard import access, store
from zi_dashboard.access import Principal, passwords
from zi_dashboard.store import users

PERSON = ("nip", "email", "phone")
ALL_HIDDEN = frozenset({"nip", "email", "phone", "absence_reason", "name", "position"})
PSEUDONYM = re.compile(r"^AGEN-\d{6}$")
ORPHAN_NIP = "199912312020121999"  # an attendance row of a NIP no agents row has


# --- the policy per role, as the issue states it -----------------------------------------------

# (principal, may_view, sees_contacts, sees_names, can_upload, can_manage_users, hidden columns)
POLICY = [
    pytest.param(access.anonymous("aggregates"), True, False, False, False, False, ALL_HIDDEN,
                 id="anonymous-aggregates"),
    pytest.param(access.anonymous("none"), False, False, False, False, False, ALL_HIDDEN,
                 id="anonymous-none"),
    pytest.param(access.anonymous("full"), True, True, True, False, False, frozenset(),
                 id="anonymous-full"),
    pytest.param(access.anonymous("no-such-policy"), True, False, False, False, False, ALL_HIDDEN,
                 id="anonymous-unknown-policy-is-aggregates"),
    pytest.param(Principal("p", "pimpinan"), True, False, True, False, False,
                 frozenset({"nip", "email", "phone", "absence_reason"}), id="pimpinan"),
    pytest.param(Principal("e", "eselon1", eselon1=("X",)), True, True, True, False, False,
                 frozenset(), id="eselon1"),
    pytest.param(Principal("u", "unit", units=("X",)), True, True, True, False, False,
                 frozenset(), id="unit"),
    pytest.param(Principal("a", "admin", eselon1=("X",)), True, True, True, True, False,
                 frozenset(), id="admin-scoped"),
    pytest.param(Principal("a", "admin"), True, True, True, True, False, frozenset(), id="admin"),
    pytest.param(Principal("s", "superadmin"), True, True, True, True, True, frozenset(),
                 id="superadmin"),
]


@pytest.mark.parametrize(("principal", "may_view", "contacts", "names", "upload", "manage",
                          "hidden"), POLICY)
def test_each_role_sees_what_the_policy_says(principal, may_view, contacts, names, upload,
                                             manage, hidden):
    assert principal.may_view is may_view
    assert principal.sees_contacts is contacts
    assert principal.sees_names is names
    assert principal.sees_rows is names  # row-level tables go with names
    assert principal.can_upload is upload
    assert principal.can_manage_users is manage
    assert principal.hidden_columns() == hidden


@pytest.mark.parametrize(("role", "scope", "code"), [
    ("pimpinan", (), None),
    ("pimpinan", ("Inspektorat Jenderal",), "users.scope_not_allowed"),
    ("superadmin", ("Inspektorat Jenderal",), "users.scope_not_allowed"),
    ("eselon1", (), "users.scope_required"),
    ("unit", (), "users.scope_required"),
    ("eselon1", ("Inspektorat Jenderal",), None),
    ("admin", (), None),
    ("admin", ("Inspektorat Jenderal",), None),
    ("viewer", (), "users.bad_role"),
])
def test_validate_role(role, scope, code):
    assert access.validate_role(role, scope) == code


def test_scope_and_audit_texts():
    both = Principal("x", "unit", eselon1=("A", "B"), units=("U1",))
    assert both.describe_scope() == "eselon1=A|B;unit=U1"
    assert Principal("x", "pimpinan").describe_scope() == "all"
    assert access.anonymous().label == "anonim" and both.label == "x"
    # The cache key names what the tables depend on, not the person.
    assert Principal("a", "eselon1", eselon1=("A",)).cache_key() == Principal(
        "b", "eselon1", eselon1=("A",)).cache_key()
    assert Principal("a", "eselon1", eselon1=("A",)).cache_key() != Principal(
        "a", "eselon1", eselon1=("B",)).cache_key()
    assert Principal("p", "pimpinan").cache_key() != Principal("a", "admin").cache_key()


# --- scope_tables on tables built in code ------------------------------------------------------

def _tables(seed: int) -> dict[str, pd.DataFrame]:
    tables = build_tables(seed, n_units=12, n_agents=60)
    orphan = tables["attendance"].iloc[:1].copy()
    orphan["nip"], orphan["name"] = ORPHAN_NIP, "Tamu Tanpa Unit, S.H."
    tables["attendance"] = pd.concat([tables["attendance"], orphan], ignore_index=True)
    return tables


def _rows(units: pd.DataFrame) -> list[dict]:
    return units.to_dict("records")


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


# Each case: a principal made from the units table, and the unit keys it must keep, worked out
# row by row with plain comparisons (not with the code under test).
def _first_eselon1(units):
    return sorted({r["eselon1"] for r in _rows(units)})[0]


def _two_eselon1(units):
    return tuple(sorted({r["eselon1"] for r in _rows(units)})[:2])


def _coded(units, n):
    return [r for r in _rows(units) if _text(r["unit_code"])][:n]


def _name_only(units):
    return next(r for r in _rows(units) if not _text(r["unit_code"]))


Case = tuple[Callable[[pd.DataFrame], Principal], Callable[[pd.DataFrame], set]]
CASES: dict[str, Case] = {
    "anonymous-aggregates": (lambda u: access.anonymous("aggregates"),
                             lambda u: {r["unit_key"] for r in _rows(u)}),
    "anonymous-full": (lambda u: access.anonymous("full"),
                       lambda u: {r["unit_key"] for r in _rows(u)}),
    "pimpinan": (lambda u: Principal("p", "pimpinan"), lambda u: {r["unit_key"] for r in _rows(u)}),
    "eselon1-one": (lambda u: Principal("e", "eselon1", eselon1=(_first_eselon1(u),)),
                    lambda u: {r["unit_key"] for r in _rows(u) if r["eselon1"] == _first_eselon1(u)}),
    "eselon1-two": (lambda u: Principal("e", "eselon1", eselon1=_two_eselon1(u)),
                    lambda u: {r["unit_key"] for r in _rows(u) if r["eselon1"] in _two_eselon1(u)}),
    "eselon1-case-and-spaces": (
        lambda u: Principal("e", "eselon1", eselon1=(f"  {_first_eselon1(u).upper()} ",)),
        lambda u: {r["unit_key"] for r in _rows(u) if r["eselon1"] == _first_eselon1(u)}),
    "unit-two-by-code": (lambda u: Principal("u", "unit", units=tuple(
                             r["unit_code"] for r in _coded(u, 2))),
                         lambda u: {r["unit_key"] for r in _coded(u, 2)}),
    # A unit scope holds keys: a name, or a code spelled otherwise, is no unit (fails closed).
    "unit-by-name-is-none": (
        lambda u: Principal("u", "unit", units=(_coded(u, 1)[0]["unit_name"],)), lambda u: set()),
    "unit-by-code-lower-case-is-none": (
        lambda u: Principal("u", "unit", units=(_coded(u, 1)[0]["unit_code"].lower(),)),
        lambda u: set()),
    "unit-without-code-by-name-is-none": (lambda u: Principal("u", "unit", units=(
                                              _name_only(u)["unit_name"],)), lambda u: set()),
    "unit-without-code-by-key": (lambda u: Principal("u", "unit", units=(
                                     _name_only(u)["unit_key"],)),
                                 lambda u: {_name_only(u)["unit_key"]}),
    "admin-scoped": (lambda u: Principal("a", "admin", eselon1=(_first_eselon1(u),)),
                     lambda u: {r["unit_key"] for r in _rows(u) if r["eselon1"] == _first_eselon1(u)}),
    "admin": (lambda u: Principal("a", "admin"), lambda u: {r["unit_key"] for r in _rows(u)}),
    "superadmin": (lambda u: Principal("s", "superadmin"),
                   lambda u: {r["unit_key"] for r in _rows(u)}),
    "unknown-eselon1": (lambda u: Principal("e", "eselon1", eselon1=("Badan Yang Tidak Ada",)),
                        lambda u: set()),
    "unknown-unit": (lambda u: Principal("u", "unit", units=("ZZ-99-999",)), lambda u: set()),
    "unknown-admin-scope": (lambda u: Principal("a", "admin", eselon1=("Tidak Ada",)),
                            lambda u: set()),
}


def _cells(tables) -> list[str]:
    return [_text(v) for frame in tables.values() for column in frame.columns
            for v in frame[column].tolist()]


def _personal_values(tables) -> dict[str, set[str]]:
    agents = tables["agents"]
    nips = set(agents["nip"]) | set(tables["attendance"]["nip"]) | set(
        tables["action_plans"]["nip"].dropna())
    return {"nip": {_text(v) for v in nips if _text(v)},
            "email": {_text(v) for v in agents["email"] if _text(v)},
            "phone": {_text(v) for v in agents["phone"] if _text(v)},
            "name": {_text(v) for v in [*agents["name"], *agents["position"],
                                        *tables["attendance"]["name"]] if _text(v)}}


@pytest.mark.parametrize("seed", [1, 7])
@pytest.mark.parametrize("case", list(CASES))
def test_scope_tables_keeps_the_scope_rows_and_what_the_role_may_see(case, seed):
    tables = _tables(seed)
    before = {name: frame.copy() for name, frame in tables.items()}
    make, expected = CASES[case]
    principal, keys = make(tables["units"]), expected(tables["units"])
    out = access.scope_tables(tables, principal)
    for name, frame in tables.items():  # the cached full tables are never written to
        pd.testing.assert_frame_equal(frame, before[name])

    # Rows: the units in scope, the rows of theirs, attendance of their agents.
    assert set(out) == set(tables)
    assert set(out["units"]["unit_key"]) == keys
    for name in ("agents", "zi_history", "action_plans"):
        expected_rows = [i for i, k in zip(tables[name].index, tables[name]["unit_key"],
                                           strict=True) if k in keys]
        assert sorted(out[name].index) == expected_rows, name
    own_nips = {n for n, k in zip(tables["agents"]["nip"], tables["agents"]["unit_key"],
                                  strict=True) if k in keys}
    attended = [i for i, n in zip(tables["attendance"].index, tables["attendance"]["nip"],
                                  strict=True) if n in own_nips]
    if not principal.scoped:  # unscoped: every attendance row, the orphan's too
        attended = list(tables["attendance"].index)
    assert sorted(out["attendance"].index) == attended
    for name, frame in out.items():  # columns are blanked, never dropped: metrics still run
        assert list(frame.columns) == list(tables[name].columns), name

    # Personal values: none of the real ones in any cell, where the role may not see them.
    real = _personal_values(tables)
    blob = "\n".join(_cells(out))
    for kind, values in real.items():
        may = principal.sees_contacts if kind in PERSON else principal.sees_names
        if not may:
            leaked = sorted(v for v in values if v in blob)
            assert not leaked, (kind, leaked[:3])
    agents = out["agents"]
    if principal.sees_contacts:
        for column in PERSON:
            pd.testing.assert_series_equal(agents[column], tables["agents"].loc[agents.index,
                                                                                column])
    else:
        assert agents["email"].isna().all() and agents["phone"].isna().all()
    if principal.sees_names:
        pd.testing.assert_series_equal(agents["name"], tables["agents"].loc[agents.index, "name"])
    else:
        for frame, column in ((agents, "name"), (agents, "position"),
                              (out["attendance"], "name")):
            assert frame[column].isna().all(), column


@pytest.mark.parametrize("case", ["anonymous-aggregates", "pimpinan", "eselon1-one"])
def test_pseudonyms_keep_attendance_and_plans_joined_to_their_agent(case):
    tables = _tables(3)
    make, _ = CASES[case]
    principal = make(tables["units"])
    out = access.scope_tables(tables, principal)
    # The real NIP behind each row, by row index (scope_tables keeps the index).
    mapping: dict[str, str] = {}
    for name in ("agents", "attendance", "action_plans"):
        for i, shown in out[name]["nip"].items():
            real = tables[name].at[i, "nip"]
            if not _text(real):
                assert not _text(shown)
                continue
            if principal.sees_contacts:
                assert shown == real
            else:
                assert PSEUDONYM.match(shown), shown
            assert mapping.setdefault(real, shown) == shown, (name, real)  # one code per person
    assert len(set(mapping.values())) == len(mapping)  # and one person per code
    if not principal.sees_contacts:
        # Numbered in roster order, never NIP order (NIP order is birth order).
        codes = out["agents"]["nip"].tolist()
        assert codes[:3] == ["AGEN-000001", "AGEN-000002", "AGEN-000003"]
    # The joins still give every agent's attendance: the same rows as through real NIPs.
    joined = out["attendance"].merge(out["agents"][["nip", "unit_key"]], on="nip")
    real_joined = tables["attendance"].loc[out["attendance"].index].merge(
        tables["agents"][["nip", "unit_key"]], on="nip")
    assert sorted(joined["unit_key"]) == sorted(real_joined["unit_key"])


@pytest.mark.parametrize("role", ["eselon1", "unit"])
def test_a_scoped_role_with_an_empty_scope_sees_no_units(role):
    # validate_role refuses such an account; a row edited in the database must still fail closed.
    tables = _tables(1)
    principal = Principal("x", role)
    out = access.scope_tables(tables, principal)
    assert out["units"].empty and out["agents"].empty
    assert principal.describe_scope() == "none"
    # The cache rebuilds a principal from the key: it must see nothing either.
    from zi_dashboard.ui.data import _principal_of

    rebuilt = access.scope_tables(tables, _principal_of(principal.cache_key()))
    assert rebuilt["units"].empty and rebuilt["agents"].empty


@pytest.mark.parametrize("case", list(CASES))
def test_the_cached_scope_of_a_session_is_the_scope_itself(case):
    # ui.data caches a session's tables by Principal.cache_key() and rebuilds a principal from
    # the key: that principal must see exactly what the session's own would.
    from zi_dashboard.ui.data import _principal_of

    tables = _tables(2)
    principal = CASES[case][0](tables["units"])
    own = access.scope_tables(tables, principal)
    rebuilt = access.scope_tables(tables, _principal_of(principal.cache_key()))
    for name in tables:
        pd.testing.assert_frame_equal(rebuilt[name], own[name])


def test_in_scope_units_matches_unit_keys_only():
    units = _tables(1)["units"]
    coded, loose = _coded(units, 1)[0], _name_only(units)
    by_key = Principal("u", "unit", units=(coded["unit_key"], loose["unit_key"]))
    kept = access.in_scope_units(units, by_key)
    assert set(units.loc[kept, "unit_key"]) == {coded["unit_key"], loose["unit_key"]}
    spelled = Principal("u", "unit", units=(coded["unit_code"].lower(), coded["unit_name"],
                                            f" {loose['unit_name'].upper()}  ",
                                            loose["unit_name"]))
    assert not access.in_scope_units(units, spelled).any()
    assert access.in_scope_units(units, Principal("p", "pimpinan")).all()


def _units(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_key", "unit_code", "unit_name", "eselon1"])


# "Bagian Umum" in three Eselon I, the last without a code (its key derived from the name).
SHARED = _units(("SJ-01", "SJ-01", "Bagian Umum", "Sekretariat Jenderal"),
                ("IJ-01", "IJ-01", "Bagian Umum", "Inspektorat Jenderal"),
                ("bagian_umum", None, "Bagian Umum", "Badan Pendidikan"),
                ("SJ-02", "SJ-02", "Biro Hukum", "Sekretariat Jenderal Tambahan"))


def _kept(units: pd.DataFrame, principal: Principal) -> list[str]:
    return units.loc[access.in_scope_units(units, principal), "unit_key"].tolist()


def test_a_unit_scope_never_widens_to_the_units_sharing_its_name():
    assert _kept(SHARED, Principal("u", "unit", units=("SJ-01",))) == ["SJ-01"]
    assert _kept(SHARED, Principal("u", "unit", units=("bagian_umum",))) == ["bagian_umum"]
    # A name stored before scopes were kept by key (or by hand): no unit at all, never three.
    assert _kept(SHARED, Principal("u", "unit", units=("Bagian Umum",))) == []
    assert _kept(SHARED, Principal("u", "unit", units=("bagian umum",))) == []


def test_a_unit_scope_stays_with_its_unit_when_an_upload_gives_its_name_to_another():
    before = _units(("KS-01-005", "KS-01-005", "Biro Umum", "Sekretariat Jenderal"),
                    ("KS-06-002", "KS-06-002", "Biro Hukum", "Inspektorat Jenderal"))
    after = before.assign(unit_name=["Biro Umum dan Protokol", "Biro Umum"])
    for units in (before, after):
        assert _kept(units, Principal("u", "unit", units=("KS-01-005",))) == ["KS-01-005"]
        assert _kept(units, Principal("u", "unit", units=("Biro Umum",))) == []


@pytest.mark.parametrize(("scope", "kept"), [
    ("Sekretariat Jenderal", ["SJ-01"]),
    ("  sekretariat JENDERAL ", ["SJ-01"]),  # case and surrounding spaces only
    ("Sekretariat", []),  # never a part of a name
    ("Sekretariat Jenderal Tambahan", ["SJ-02"]),
    ("Jenderal", []),
    ("SJ-01", []),  # a unit's code is no Eselon I
    ("Bagian Umum", []),  # nor a unit's name
])
def test_an_eselon1_scope_matches_the_whole_name(scope, kept):
    assert _kept(SHARED, Principal("e", "eselon1", eselon1=(scope,))) == kept
    assert _kept(SHARED, Principal("a", "admin", eselon1=(scope,))) == kept


# --- the sign-in throttle: simultaneous guesses ------------------------------------------------

MAX_FAILURES = 5


def _pause(pair, client_wide, now):
    return passwords.sign_in_pause(pair, client_wide, now, max_failures=MAX_FAILURES,
                                   pause_seconds=60)


def _guess_at_once(engine, n: int, account: str, client: str) -> list[int | None]:
    """n threads that each start one sign-in at the same moment and fail it."""
    barrier = threading.Barrier(n)
    results: list[int | None] = [None] * n
    errors: list[BaseException] = []

    def guess(k: int) -> None:
        try:
            barrier.wait(timeout=30)
            attempt, _ = users.start_attempt(engine, account, client, _pause)
            results[k] = attempt
            if attempt is not None:
                users.finish_attempt(engine, attempt, ok=False, account=account, client=client)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=guess, args=(k,)) for k in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results


def test_twelve_simultaneous_wrong_passwords_get_exactly_the_limit_checked(db_url):
    engine = store.connect(db_url)
    checked = [a for a in _guess_at_once(engine, 12, "admin", "10.9.0.1") if a is not None]
    assert len(checked) == MAX_FAILURES
    assert len(set(checked)) == MAX_FAILURES
    # The pause holds for this client, not for another client signing in to the same account.
    assert users.start_attempt(engine, "admin", "10.9.0.1", _pause)[0] is None
    other, wait = users.start_attempt(engine, "admin", "10.9.0.2", _pause)
    assert other is not None and wait == 0
    events = store.list_events(engine)
    assert (events["kind"] == "sign_in_failed").sum() == MAX_FAILURES
    engine.dispose()
