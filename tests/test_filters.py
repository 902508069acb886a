"""Filters: the URL round trip as one parametrize table, options, sanitising, application."""

from __future__ import annotations

import pandas as pd
import pytest

from zi_dashboard.analysis.filters import (
    Filters,
    LazyTables,
    apply_filters,
    filter_lazily,
    filter_options,
    filter_table,
    filter_units,
    sanitize,
    unit_positions,
    units_within,
)
from zi_dashboard.domain import schema

SETJEN = "Sekretariat Jenderal"
REHSOS = "Direktorat Jenderal Rehabilitasi Sosial"
BADAN = "Badan Pendidikan, Penelitian dan Penyuluhan Sosial"  # a comma inside a name


def make(name: str, rows: list[dict]) -> pd.DataFrame:
    """A clean table with the contract's columns (dtypes do not matter to filters)."""
    columns = [c for c, _ in schema.clean_columns(name)]
    return pd.DataFrame({c: [r.get(c) for r in rows] for c in columns})


@pytest.fixture
def tables() -> dict[str, pd.DataFrame]:
    units = make("units", [
        dict(unit_key="U1", unit_name="Biro Hukum", eselon1=SETJEN, unit_type="Pusat",
             province="DKI Jakarta", zi_stage="wbk"),
        dict(unit_key="U2", unit_name="Balai Bahagia Medan", eselon1=REHSOS, unit_type="Balai",
             province="Sumatera Utara", zi_stage="pembangunan"),
        dict(unit_key="U3", unit_name="Balai Efata Kupang", eselon1=REHSOS, unit_type="Balai",
             province="Nusa Tenggara Timur", zi_stage="wbk"),
        dict(unit_key="U4", unit_name="Poltekesos Bandung", eselon1=BADAN, unit_type=None,
             province="Jawa Barat", zi_stage=None),
    ])
    agents = make("agents", [dict(nip=f"N{i}", unit_key=k) for i, k in
                             enumerate(["U1", "U1", "U2", "U3", "U4"])])
    attendance = make("attendance", [dict(nip=f"N{i}", event="Lokakarya", mode="virtual")
                                     for i in range(5)] + [dict(nip="X", event="Lokakarya")])
    history = make("zi_history", [dict(unit_key=k, year=2020) for k in ("U1", "U2", "U3")])
    plans = make("action_plans", [dict(unit_key=k, title=f"RTL {k}") for k in ("U2", "U3")])
    return {"units": units, "agents": agents, "attendance": attendance, "zi_history": history,
            "action_plans": plans}


# --- URL round trip -------------------------------------------------------------------------

QUERY_CASES = [
    # (query params in, Filters expected)
    ({}, Filters()),
    ({"eselon1": SETJEN}, Filters(eselon1=(SETJEN,))),
    ({"eselon1": [SETJEN, REHSOS]}, Filters(eselon1=(SETJEN, REHSOS))),
    ({"eselon1": [BADAN]}, Filters(eselon1=(BADAN,))),  # not split on its comma
    ({"type": "Balai", "prov": ["Jawa Barat"]}, Filters(unit_type=("Balai",),
                                                       province=("Jawa Barat",))),
    ({"stage": ["wbk", "wbbm"]}, Filters(zi_stage=("wbk", "wbbm"))),
    ({"unit": ["U1", "U1", "U2"]}, Filters(unit=("U1", "U2"))),  # repeats collapse
    ({"unit": ["", "  ", "U3 "]}, Filters(unit=("U3",))),  # blanks dropped, spaces trimmed
    ({"lang": "en", "page": "2", "eselon1": SETJEN}, Filters(eselon1=(SETJEN,))),  # unknown keys
    ({"zi_stage": "wbk", "unit_type": "Balai"}, Filters()),  # field names are not query keys
    ({"stage": []}, Filters()),
]


@pytest.mark.parametrize(("params", "expected"), QUERY_CASES)
def test_from_query(params, expected):
    assert Filters.from_query(params) == expected


@pytest.mark.parametrize(("params", "expected"), QUERY_CASES)
def test_to_query_round_trips(params, expected):
    query = expected.to_query()
    assert all(isinstance(v, list) and v for v in query.values())  # empty filters omitted
    assert set(query) <= {"eselon1", "type", "prov", "stage", "unit"}
    assert Filters.from_query(query) == expected


def test_to_query_keys():
    filters = Filters(eselon1=(SETJEN,), unit_type=("Balai",), province=("Aceh",),
                      zi_stage=("wbk",), unit=("U1", "U2"))
    assert filters.to_query() == {"eselon1": [SETJEN], "type": ["Balai"], "prov": ["Aceh"],
                                  "stage": ["wbk"], "unit": ["U1", "U2"]}


def test_lists_become_tuples_so_filters_are_hashable():
    filters = Filters(unit=["U1", "U2"])
    assert filters.unit == ("U1", "U2") and hash(filters) == hash(Filters(unit=("U1", "U2")))
    assert Filters().is_empty() and not filters.is_empty()


# --- describe -------------------------------------------------------------------------------

@pytest.mark.parametrize(("filters", "lang", "expected"), [
    (Filters(), "id", "Semua data"),
    (Filters(), "en", "All data"),
    (Filters(eselon1=(REHSOS,), zi_stage=("wbk",)), "id",
     "Eselon I: Direktorat Jenderal Rehabilitasi Sosial; Tahap ZI: WBK"),
    (Filters(zi_stage=("wbk", "pembangunan")), "en", "ZI stage: Development, WBK"),
    (Filters(unit=("U2", "U9")), "id", "Unit kerja: Balai Bahagia Medan, U9"),
    (Filters(unit_type=("Balai",), province=("Jawa Barat",)), "en",
     "Unit type: Balai; Province: Jawa Barat"),
])
def test_describe(tables, filters, lang, expected):
    assert filters.describe(lang, tables["units"]) == expected


# --- options and sanitising -----------------------------------------------------------------

def test_filter_options(tables):
    options = filter_options(tables["units"])
    assert options["eselon1"] == [BADAN, REHSOS, SETJEN]
    assert options["unit_type"] == ["Balai", "Pusat"]
    assert options["province"] == ["DKI Jakarta", "Jawa Barat", "Nusa Tenggara Timur",
                                   "Sumatera Utara"]
    assert options["zi_stage"] == ["pembangunan", "wbk"]  # stage order, not alphabetical
    assert options["unit"] == [("U2", "Balai Bahagia Medan"), ("U3", "Balai Efata Kupang"),
                               ("U1", "Biro Hukum"), ("U4", "Poltekesos Bandung")]


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(eselon1=(REHSOS,)), ["U2", "U3"]),
    (Filters(zi_stage=("wbk",)), ["U3", "U1"]),
    (Filters(eselon1=(REHSOS,), province=("Nusa Tenggara Timur",)), ["U3"]),
    (Filters(eselon1=(SETJEN,), unit=("U2",)), ["U1"]),  # the unit filter itself is not used
    (Filters(unit_type=("Kantor",)), []),
])
def test_units_within_keep_the_given_order(tables, filters, expected):
    order = [k for k, _ in filter_options(tables["units"])["unit"]]  # by name: U2, U3, U1, U4
    assert units_within(tables["units"], filters, order) == expected


def test_filter_options_of_no_units():
    options = filter_options(make("units", []))
    assert options == {"eselon1": [], "unit_type": [], "province": [], "zi_stage": [],
                       "unit": []}


def test_sanitize_drops_values_from_stale_links(tables):
    stale = Filters(eselon1=(SETJEN, "Ditjen Lama"), zi_stage=("wbk", "wbbm"),
                    unit=("U1", "U99"), province=("Aceh",))
    clean = sanitize(stale, filter_options(tables["units"]))
    assert clean == Filters(eselon1=(SETJEN,), zi_stage=("wbk",), unit=("U1",))


# --- apply ----------------------------------------------------------------------------------

APPLY_CASES = [
    # (filters, units kept, agents' nips kept)
    (Filters(), ["U1", "U2", "U3", "U4"], ["N0", "N1", "N2", "N3", "N4"]),
    (Filters(eselon1=(REHSOS,)), ["U2", "U3"], ["N2", "N3"]),
    (Filters(eselon1=(REHSOS, SETJEN)), ["U1", "U2", "U3"], ["N0", "N1", "N2", "N3"]),
    (Filters(eselon1=(REHSOS,), zi_stage=("wbk",)), ["U3"], ["N3"]),  # fields combine with AND
    (Filters(unit_type=("Balai",), province=("Sumatera Utara",)), ["U2"], ["N2"]),
    (Filters(zi_stage=("wbk",)), ["U1", "U3"], ["N0", "N1", "N3"]),
    (Filters(unit=("U4",)), ["U4"], ["N4"]),
    (Filters(unit=("U1",), eselon1=(REHSOS,)), [], []),
    (Filters(eselon1=("Tidak ada",)), [], []),
]


@pytest.mark.parametrize("indexed", [False, True], ids=["scan", "positions"])
@pytest.mark.parametrize(("filters", "units", "nips"), APPLY_CASES)
def test_apply_filters(tables, filters, units, nips, indexed):
    # Both ways give the same rows, in the same order: scans, or unit_positions made once.
    out = apply_filters(tables, filters, unit_positions(tables) if indexed else None)
    assert list(out["units"]["unit_key"]) == units
    assert list(out["agents"]["nip"]) == nips
    assert list(out["attendance"]["nip"]) == (nips if filters.to_query() else nips + ["X"])
    assert set(out["zi_history"]["unit_key"]) == set(units) - {"U4"}
    assert set(out["action_plans"]["unit_key"]) == set(units) & {"U2", "U3"}
    assert list(out["units"].columns) == list(tables["units"].columns)


def test_apply_filters_leaves_the_input_alone_and_tolerates_missing_datasets(tables):
    only = {"units": tables["units"], "agents": tables["agents"]}
    out = apply_filters(only, Filters(unit=("U1",)))
    assert set(out) == {"units", "agents"} and len(out["agents"]) == 2
    assert len(only["units"]) == 4


@pytest.mark.parametrize("indexed", [False, True], ids=["scan", "positions"])
@pytest.mark.parametrize(("filters", "units", "nips"), APPLY_CASES)
def test_one_table_at_a_time_gives_the_same_rows(tables, filters, units, nips, indexed):
    kept = filter_units(tables["units"], filters)
    assert list(kept["unit_key"]) == units
    keys = list(kept["unit_key"])
    positions = unit_positions(tables) if indexed else None
    agents = filter_table(tables, "agents", keys, positions)
    attendance = filter_table(tables, "attendance", keys, positions)
    assert list(agents["nip"]) == nips
    # Attendance through the agents' NIP: X, whose NIP is no agent's, is in no unit.
    assert list(attendance["nip"]) == nips
    assert set(filter_table(tables, "zi_history", keys, positions)["unit_key"]) == (
        set(units) - {"U4"})


def test_attendance_without_agents_belongs_to_no_unit(tables):
    only = {"units": tables["units"], "attendance": tables["attendance"]}
    assert filter_table(only, "attendance", ["U1", "U2"]).empty


def test_lazy_tables_load_each_table_once_when_first_read(tables):
    loads = []

    def load(name):
        loads.append(name)
        return tables[name].head(1)

    lazy = LazyTables(tables, load, ready={"units": tables["units"]})
    # Names, membership and size come without loading anything.
    assert list(lazy) == list(tables) and len(lazy) == len(tables)
    assert "agents" in lazy and "nothing" not in lazy
    assert loads == [] and list(lazy.loaded()) == ["units"]
    assert lazy["units"] is tables["units"]
    first = lazy["agents"]
    assert lazy["agents"] is first and loads == ["agents"]
    assert lazy.get("zi_history") is not None and loads == ["agents", "zi_history"]
    assert set(lazy.loaded()) == {"units", "agents", "zi_history"}
    with pytest.raises(KeyError):
        lazy["nothing"]
    assert lazy.get("nothing") is None and loads == ["agents", "zi_history"]
    assert {name: len(frame) for name, frame in lazy.items()} == {name: 1 if name != "units"
                                                                  else 4 for name in tables}


@pytest.mark.parametrize(("filters", "units", "nips"), APPLY_CASES)
def test_filter_lazily_gives_the_rows_of_apply_filters(tables, filters, units, nips):
    lazy = filter_lazily(tables, filters)
    assert list(lazy["units"]["unit_key"]) == units
    assert list(lazy["agents"]["nip"]) == nips
    eager = apply_filters(tables, filters)
    assert set(lazy) == set(eager)
    for name, frame in eager.items():
        pd.testing.assert_frame_equal(lazy[name], frame, obj=name)
