"""detect_changes on small hand-made snapshots: every expected change below was written by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.tables import make_table
from zi_dashboard.analysis.changes import detect_changes

SETJEN, REHSOS = "Sekretariat Jenderal", "Direktorat Jenderal Rehabilitasi Sosial"
OLD_DAY, NEW_DAY = dt.date(2021, 3, 1), dt.date(2021, 3, 8)
# 52/2014 (evaluated 2019): WBK needs total >= 75, IPAK >= 13.5, TLHP >= 3.5, IPAK + TLHP >= 18.
MEETS = dict(evaluation_year=2019, lke_score=78.0, hasil_ipak=14.0, hasil_tlhp=4.5)
SHORT = dict(evaluation_year=2019, lke_score=72.0, hasil_ipak=14.0, hasil_tlhp=4.5)


def unit(key, name, eselon1, stage="pembangunan", **scores):
    return dict(unit_key=key, unit_code=key, unit_name=name, eselon1=eselon1, zi_stage=stage,
                **scores)


def agent(nip, name, key, eselon1):
    return dict(nip=nip, name=name, unit=key, unit_key=key, eselon1=eselon1)


def plan(nip, key, title, due, status="proses"):
    return dict(nip=nip, unit=key, unit_key=key, title=title, due_date=due, status=status)


UNITS = [unit("U1", "Biro Umum", SETJEN, **SHORT), unit("U2", "Balai Kartini", REHSOS, **MEETS),
         unit("U3", "Loka Bengkulu", REHSOS, stage="belum")]
AGENTS = [agent("1", "Andi", "U1", SETJEN), agent("2", "Sari", "U2", REHSOS),
          agent("3", "Budi", "U3", REHSOS)]
PLANS = [plan("1", "U1", "Zona bebas pungli", "2021-04-30"),   # not yet due
         plan("2", "U2", "Survei IKM", "2021-02-01"),          # late on both days
         plan("3", "U3", "SOP digital", "2021-06-30")]         # not yet due


def tables(units=UNITS, agents=AGENTS, plans=PLANS):
    return {"units": make_table("units", units), "agents": make_table("agents", agents),
            "action_plans": make_table("action_plans", plans)}


def edit(rows, index, **changes):
    return [dict(r, **changes) if i == index else r for i, r in enumerate(rows)]


# name → (new tables, the expected changes). The old tables are always tables().
# eligibility: (unit_key, target, change); stages: (unit_key, old, new); agents: NIPs;
# per_eselon1: (eselon1, added, removed); overdue: plan titles.
CASES = {
    "nothing changed": (tables(), {}),
    "a unit now reaches 75": (tables(units=edit(UNITS, 0, lke_score=76.0)),
                              dict(eligibility=[("U1", "wbk", "met")])),
    "a unit drops below the IPAK minimum": (tables(units=edit(UNITS, 1, hasil_ipak=13.0)),
                                            dict(eligibility=[("U2", "wbk", "missed")])),
    "the same scores judged under 90/2021 (evaluated 2022) miss WBK":
        (tables(units=edit(UNITS, 1, evaluation_year=2022)),
         dict(eligibility=[("U2", "wbk", "missed")])),
    "WBK title gained: WBBM still needs its own minimums":
        (tables(units=edit(UNITS, 1, zi_stage="wbk")), dict(stages=[("U2", "pembangunan", "wbk")])),
    "WBK title and a WBBM score: newly meets WBBM":
        (tables(units=edit(UNITS, 1, zi_stage="wbk", lke_score=86.0,
                           hasil_ipkp=17.0)),
         dict(eligibility=[("U2", "wbbm", "met")], stages=[("U2", "pembangunan", "wbk")])),
    "a new unit that meets WBK": (tables(units=UNITS + [unit("U4", "Balai Baru", REHSOS, **MEETS)]),
                                  dict(eligibility=[("U4", "wbk", "met")])),
    "a unit that met WBK removed is no verdict change": (tables(units=UNITS[:1] + UNITS[2:]), {}),
    "stage move": (tables(units=edit(UNITS, 2, zi_stage="pencanangan")),
                   dict(stages=[("U3", "belum", "pencanangan")])),
    "agents added and removed per Eselon I":
        (tables(agents=AGENTS[1:] + [agent("4", "Dewi", "U3", REHSOS),
                                     agent("5", "Eko", "U3", REHSOS)]),
         dict(added=["4", "5"], removed=["1"], per_eselon1=[(REHSOS, 2, 0), (SETJEN, 0, 1)])),
    "an agent renamed is neither added nor removed":
        (tables(agents=edit(AGENTS, 0, name="Andi S.")), {}),
    "a plan done before it fell due is not overdue":
        (tables(plans=edit(PLANS, 0, status="selesai")), {}),
    "a plan's due date moved into the past":
        (tables(plans=edit(PLANS, 2, due_date="2021-03-07")),
         dict(overdue=["SOP digital"])),
    "a new plan already late": (tables(plans=PLANS + [plan("3", "U3", "Maklumat", "2020-12-31")]),
                                dict(overdue=["Maklumat"])),
    "a cancelled plan is never overdue": (tables(plans=edit(PLANS, 0, status="batal")), {}),
}


@pytest.mark.parametrize(("new", "expected"), CASES.values(), ids=CASES.keys())
def test_detect_changes(new, expected):
    found = detect_changes(tables(), new, old_day=OLD_DAY, new_day=NEW_DAY, lang="en")
    eligibility = sorted(zip(found.eligibility["unit_key"], found.eligibility["target"],
                             found.eligibility["change"]))
    assert eligibility == sorted(expected.get("eligibility", []))
    assert list(zip(found.stages["unit_key"], found.stages["old"], found.stages["new"])) == (
        expected.get("stages", []))
    assert sorted(found.agents_added["nip"]) == expected.get("added", [])
    assert sorted(found.agents_removed["nip"]) == expected.get("removed", [])
    assert [tuple(r) for r in found.per_eselon1.itertuples(index=False)] == (
        expected.get("per_eselon1", []))
    assert list(found.overdue["title"]) == expected.get("overdue", [])
    assert found.is_empty == (not expected)


def test_a_plan_falling_due_between_the_two_days_is_newly_overdue():
    both = tables(plans=edit(PLANS, 0, due_date="2021-03-05"))
    found = detect_changes(both, both, old_day=OLD_DAY, new_day=NEW_DAY)
    assert list(found.overdue["title"]) == ["Zona bebas pungli"]
    assert list(found.overdue["days_overdue"]) == [3]
    assert detect_changes(both, both, old_day=NEW_DAY, new_day=NEW_DAY).is_empty


def test_wbk_comes_before_wbbm_and_met_before_missed():
    old = tables(units=edit(UNITS, 1, zi_stage="wbk", lke_score=86.0, hasil_ipkp=17.0))
    new = tables(units=edit(edit(UNITS, 0, lke_score=76.0), 1, zi_stage="wbk", lke_score=76.0,
                            hasil_ipkp=17.0))
    found = detect_changes(old, new, old_day=OLD_DAY, new_day=NEW_DAY)
    assert list(zip(found.eligibility["unit_key"], found.eligibility["target"],
                    found.eligibility["change"])) == [("U1", "wbk", "met"),
                                                      ("U2", "wbbm", "missed")]


def test_a_missed_minimum_names_its_gap_in_the_language():
    new = tables(units=edit(UNITS, 1, hasil_ipak=13.0))
    found = detect_changes(tables(), new, old_day=OLD_DAY, new_day=NEW_DAY, lang="en")
    row = found.eligibility.iloc[0]
    assert (row["rule_set"], row["old_rule_set"]) == ("52/2014", "52/2014")
    assert "IPAK points" in row["gaps"] and "13.5" in row["gaps"]


def test_from_nothing_everything_is_new():
    empty = {name: make_table(name, []) for name in ("units", "agents", "action_plans")}
    found = detect_changes(empty, tables(), old_day=OLD_DAY, new_day=NEW_DAY)
    assert sorted(found.agents_added["nip"]) == ["1", "2", "3"]
    assert list(found.eligibility["unit_key"]) == ["U2"]
    assert list(found.overdue["title"]) == ["Survei IKM"]
    assert found.stages.empty  # a unit new in the version has no stage move
