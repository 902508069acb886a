"""diff_tables on small hand-made tables: one parametrised case per kind of change."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.tables import build_tables, make_table
from zi_dashboard.store.diff import Diff, diff_tables

UNITS = [
    dict(unit_key="U1", unit_code="U1", unit_name="Biro Perencanaan", eselon1="Setjen",
         zi_stage="pembangunan", lke_score=70.5),
    dict(unit_key="U2", unit_code="U2", unit_name="Balai Kartini", eselon1="Rehsos",
         zi_stage="wbk", lke_score=80.25),
    dict(unit_key="balai_a", unit_name="Balai A", eselon1="Rehsos", zi_stage=None, lke_score=None),
]
AGENTS = [
    dict(nip="198609262015051001", name="Andi", unit="U1", unit_key="U1", gender="L",
         attendance_mode="tatap_muka", appointed_year=2019, email=None),
    dict(nip="199001012018012002", name="Sari", unit="U2", unit_key="U2", gender="P",
         attendance_mode="virtual", appointed_year=None, email="sari@kemensos.go.id"),
    dict(nip="198512312010011003", name="Budi", unit="Balai A", unit_key="balai_a", gender="L",
         attendance_mode=None, appointed_year=2020),
]
ZERO = dict(agents_added=0, agents_removed=0, agents_changed=0, agents_moved=0,
            attendance_changed=0, units_added=0, units_removed=0, units_changed=0,
            units_stage_changed=0, units_score_changed=0)


def tables(agents=AGENTS, units=UNITS) -> dict[str, pd.DataFrame]:
    return {"agents": make_table("agents", agents), "units": make_table("units", units)}


def edit(rows, index, **changes):
    return [dict(r, **changes) if i == index else r for i, r in enumerate(rows)]


NEW_AGENT = dict(nip="199507072020122004", name="Dewi", unit="U1", unit_key="U1")

CASES = {
    "unchanged": (tables(), {}),
    "agent added": (tables(agents=AGENTS + [NEW_AGENT]), dict(agents_added=1, agents_after=4)),
    "agent removed": (tables(agents=AGENTS[1:]), dict(agents_removed=1, agents_after=2)),
    "agent moved": (tables(agents=edit(AGENTS, 0, unit="U2", unit_key="U2")),
                    dict(agents_moved=1, agents_changed=1)),
    "attendance changed": (tables(agents=edit(AGENTS, 1, attendance_mode="tatap_muka")),
                           dict(attendance_changed=1, agents_changed=1)),
    "attendance recorded where missing": (tables(agents=edit(AGENTS, 2, attendance_mode="virtual")),
                                          dict(attendance_changed=1, agents_changed=1)),
    "two fields of one agent": (tables(agents=edit(AGENTS, 0, name="Andi S.", appointed_year=2020)),
                                dict(agents_changed=1)),
    "stage changed": (tables(units=edit(UNITS, 0, zi_stage="penilaian_tpi")),
                      dict(units_stage_changed=1, units_changed=1)),
    "score changed": (tables(units=edit(UNITS, 1, lke_score=81.0)),
                      dict(units_score_changed=1, units_changed=1)),
    "score within 1e-9": (tables(units=edit(UNITS, 1, lke_score=80.25 + 1e-12)), {}),
    "score now given": (tables(units=edit(UNITS, 2, lke_score=60.0)),
                        dict(units_score_changed=1, units_changed=1)),
    "unit added": (tables(units=UNITS + [dict(unit_key="U9", unit_name="Loka", eselon1="Rehsos")]),
                   dict(units_added=1, units_after=4)),
    "unit removed": (tables(units=UNITS[:2]), dict(units_removed=1, units_after=2)),
    "agents absent from new are inherited": ({"units": make_table("units", UNITS)}, {}),
}


@pytest.mark.parametrize(("new", "expected"), CASES.values(), ids=CASES.keys())
def test_counts(new, expected):
    diff = diff_tables(tables(), new)
    want = {**ZERO, "agents_before": 3, "agents_after": 3, "units_before": 3, "units_after": 3,
            **expected}
    assert {k: diff.counts[k] for k in want} == want
    assert diff.is_empty == (not any(v for k, v in expected.items() if not k.endswith("_after")))


def test_moved_names_the_units_on_both_sides():
    diff = diff_tables(tables(), tables(agents=edit(AGENTS, 0, unit="U2", unit_key="U2")))
    assert diff.agents_moved.to_dict("records") == [dict(
        nip="198609262015051001", name="Andi", old_unit_key="U1", new_unit_key="U2",
        old_unit="Biro Perencanaan", new_unit="Balai Kartini")]
    assert set(diff.agents_changed["field"]) == {"unit", "unit_key"}


def test_changed_is_long_with_old_and_new_values():
    diff = diff_tables(tables(), tables(agents=edit(AGENTS, 0, name="Andi S.", appointed_year=2020)))
    records = diff.agents_changed.to_dict("records")
    assert records == [
        dict(nip="198609262015051001", name="Andi S.", field="name", old="Andi", new="Andi S."),
        dict(nip="198609262015051001", name="Andi S.", field="appointed_year", old=2019, new=2020),
    ]


def test_attendance_and_stage_tables():
    new = tables(agents=edit(AGENTS, 1, attendance_mode="tatap_muka"),
                 units=edit(UNITS, 0, zi_stage="penilaian_tpi", lke_score=75.0))
    diff = diff_tables(tables(), new)
    assert diff.attendance_changed.to_dict("records") == [
        dict(nip="199001012018012002", name="Sari", old="virtual", new="tatap_muka")]
    assert diff.units_stage_changed.to_dict("records") == [
        dict(unit_key="U1", unit_name="Biro Perencanaan", old="pembangunan", new="penilaian_tpi")]
    score = diff.units_score_changed.iloc[0]
    assert (score["old"], score["new"]) == (70.5, 75.0) and score["delta"] == pytest.approx(4.5)
    assert sorted(diff.units_changed["field"]) == ["lke_score", "zi_stage"]


def test_added_and_removed_hold_clean_rows():
    diff = diff_tables(tables(), tables(agents=AGENTS[1:] + [NEW_AGENT]))
    assert diff.agents_added["nip"].tolist() == [NEW_AGENT["nip"]]
    assert diff.agents_removed["name"].tolist() == ["Andi"]
    assert list(diff.agents_added.columns) == list(make_table("agents", []).columns)


MISSING_SPELLINGS = {
    "text None vs NaN": ("email", lambda s: s.astype(object).where(s.notna(), np.nan)),
    "text None vs None in object": ("email", lambda s: s.astype(object).where(s.notna(), None)),
    "Int64 NA vs float NaN": ("appointed_year", lambda s: s.astype("float64")),
    "Int64 NA vs object None": ("appointed_year",
                                lambda s: pd.Series(s.to_numpy(dtype=object, na_value=None), dtype=object)),
    "enum missing vs NaN": ("attendance_mode", lambda s: s.astype(object)),
}


@pytest.mark.parametrize(("column", "respell"), MISSING_SPELLINGS.values(), ids=MISSING_SPELLINGS.keys())
def test_missing_values_spelled_differently_are_equal(column, respell):
    new = tables()
    new["agents"] = new["agents"].assign(**{column: respell(new["agents"][column])})
    diff = diff_tables(tables(), new)
    assert diff.is_empty, diff.agents_changed


@pytest.mark.parametrize(("column", "value"), [("email", "andi@kemensos.go.id"), ("appointed_year", 2021)])
def test_a_value_where_there_was_none_is_a_change(column, value):
    row = next(i for i, a in enumerate(AGENTS) if a.get(column) is None)
    diff = diff_tables(tables(), tables(agents=edit(AGENTS, row, **{column: value})))
    change = diff.agents_changed.iloc[0]
    assert (change["field"], change["old"], change["new"]) == (column, None, value)


@pytest.mark.parametrize("respell", [
    lambda s: s.astype(object),
    lambda s: pd.Series(s.to_numpy(dtype=object, na_value=None), dtype=object),
    lambda s: s.astype(str).replace("nan", None).astype(object),
], ids=["object NaN", "object None", "object text"])
def test_float_columns_spelled_differently_are_equal(respell):
    new = tables()
    new["units"] = new["units"].assign(lke_score=respell(new["units"]["lke_score"]))
    assert diff_tables(tables(), new).is_empty


def test_first_upload_adds_everything():
    diff = diff_tables({}, tables())
    assert diff.counts["agents_added"] == 3 and diff.counts["units_added"] == 3
    assert diff.counts["agents_before"] == 0 and diff.counts["agents_after"] == 3


def test_rows_without_key_or_with_a_repeated_key_do_not_break_the_preview():
    dirty = AGENTS + [dict(AGENTS[0], name="Duplicate"), dict(NEW_AGENT, nip=None)]
    diff = diff_tables(tables(), tables(agents=dirty))
    assert diff.is_empty and diff.counts["agents_after"] == 3


def test_other_datasets_are_counted_in_rows():
    old, new = build_tables(seed=1), build_tables(seed=1)
    new["attendance"] = new["attendance"].iloc[:5]
    diff = diff_tables(old, new)
    assert diff.counts["attendance_rows_before"] == len(old["attendance"])
    assert diff.counts["attendance_rows_after"] == 5
    assert diff.is_empty


def test_every_dataframe_has_its_count():
    diff = diff_tables(build_tables(seed=1), build_tables(seed=2))
    for name in Diff.__dataclass_fields__:
        if name == "counts":
            continue
        frame = getattr(diff, name)
        key = "nip" if "nip" in frame.columns else "unit_key"
        assert diff.counts[name] == frame[key].nunique(), name
    assert not diff.is_empty
