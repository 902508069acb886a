"""Clean tables for store and diff tests, built in code from seeded random data (the contract)."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from zi_dashboard.domain import schema

__all__ = ["build_tables", "make_table"]

_RANKS = ("II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")
_ESELON1 = ("Sekretariat Jenderal", "Direktorat Jenderal Rehabilitasi Sosial",
            "Inspektorat Jenderal", "Badan Pendidikan, Penelitian dan Penyuluhan Sosial")
_PROVINCES = ("DKI Jakarta", "Jawa Barat", "Sumatera Utara", "Sulawesi Selatan", "Papua")


def make_table(dataset: str, rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """A clean table with exactly the contract's columns and dtypes; absent keys are missing."""
    rows = list(rows)
    columns = schema.clean_columns(dataset)
    data = {}
    for name, kind in columns:
        values = [r.get(name) for r in rows]
        if kind in ("int", "year"):
            data[name] = pd.array(values, dtype="Int64")
        elif kind == "float":
            data[name] = np.array([np.nan if v is None else v for v in values], dtype="float64")
        elif kind == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype=object)).astype("datetime64[ns]")
        elif kind == "bool":
            data[name] = np.array([bool(v) for v in values], dtype=bool)
        else:
            data[name] = pd.Series(values, dtype="str")
    return pd.DataFrame({name: pd.Series(v).reset_index(drop=True) for name, v in data.items()})


def _maybe(rng: random.Random, value: object, p_missing: float = 0.2) -> object:
    return None if rng.random() < p_missing else value


def _unit_rows(rng: random.Random, n: int) -> list[dict]:
    stages = schema.STAGES.keys()
    rows = []
    for i in range(n):
        code = f"U{i:04d}" if i % 5 else None  # some units only have a name
        name = f"Balai Rehabilitasi Sosial Nomor {i:04d}"
        row = dict(unit_code=code, unit_name=name, eselon1=rng.choice(_ESELON1),
                   unit_type=_maybe(rng, rng.choice(("Pusat", "Balai", "Loka"))),
                   province=_maybe(rng, rng.choice(_PROVINCES)), city=_maybe(rng, "Bandung"),
                   zi_stage=_maybe(rng, rng.choice(stages)), evaluation_year=_maybe(rng, 2019 + i % 3),
                   lke_score=_maybe(rng, round(rng.uniform(40, 95), 2)),
                   target_stage=_maybe(rng, rng.choice(("wbk", "wbbm"))),
                   target_year=_maybe(rng, 2021 + i % 4), agents_needed=_maybe(rng, rng.randint(0, 9)),
                   unit_key=code or schema.canonical_key(name))
        for area in schema.LKE_AREAS + schema.LKE_HASIL:
            row[area] = _maybe(rng, round(rng.uniform(0, 5), 3))
        rows.append(row)
    return rows


def _agent_rows(rng: random.Random, n: int, units: list[dict]) -> list[dict]:
    modes = schema.ATTENDANCE_MODES.keys()
    rows = []
    for i in range(n):
        unit = units[i % len(units)]
        gender = rng.choice("LP")
        pppk = i % 17 == 0
        nip = f"{1960 + i % 35}{1 + i % 12:02d}{1 + i % 28:02d}{2015 + i % 6}" \
              f"{(21 if pppk else 1 + i % 12):02d}{1 if gender == 'L' else 2}{i % 1000:03d}"
        rows.append(dict(
            nip=nip, name=f"Agen Nomor {i:06d}, S.E.", unit=unit["unit_code"] or unit["unit_name"],
            eselon1=unit["eselon1"], gender=_maybe(rng, gender, 0.05),
            position=_maybe(rng, rng.choice(("Analis Kebijakan", "Pranata Komputer", "Kepala Seksi"))),
            rank=_maybe(rng, rng.choice(_RANKS)), appointed_year=_maybe(rng, rng.randint(2017, 2020)),
            sk_number=_maybe(rng, f"{i}/SK/2020", 0.5), status=_maybe(rng, "aktif", 0.1),
            attendance_mode=_maybe(rng, rng.choice(modes)),
            email=_maybe(rng, f"agen{i}@kemensos.go.id", 0.5), phone=_maybe(rng, f"0812{i:08d}", 0.5),
            unit_key=unit["unit_key"], is_pppk=pppk))
    return rows


def build_tables(seed: int = 1, n_units: int = 12, n_agents: int = 40) -> dict[str, pd.DataFrame]:
    """Every dataset, clean, with missing values sprinkled over the optional columns."""
    rng = random.Random(seed)
    units = _unit_rows(rng, n_units)
    agents = _agent_rows(rng, n_agents, units)
    attendance = [dict(nip=a["nip"], name=a["name"], event=f"Lokakarya {2019 + k}",
                       date=_maybe(rng, f"{2019 + k}-08-0{4 + k}"),
                       mode=rng.choice(schema.ATTENDANCE_MODES.keys()))
                  for a in agents[: n_agents // 2] for k in range(2)]
    history = [dict(unit=u["unit_name"], year=year, zi_stage=rng.choice(("pencanangan", "pembangunan")),
                    lke_score=_maybe(rng, round(rng.uniform(50, 90), 1)), unit_key=u["unit_key"])
               for u in units for year in (2019, 2020)]
    plans = [dict(nip=_maybe(rng, a["nip"], 0.3), unit=a["unit"], title=f"Proyek perubahan {i}",
                  area=_maybe(rng, "Manajemen Perubahan"), indicator=_maybe(rng, "Indeks"),
                  target=_maybe(rng, "100%"), realisation=_maybe(rng, "80%"),
                  progress_pct=_maybe(rng, float(rng.randint(0, 100))),
                  status=_maybe(rng, rng.choice(schema.PLAN_STATUSES.keys())),
                  due_date=_maybe(rng, f"2021-{1 + i % 12:02d}-15"),
                  integrated=_maybe(rng, rng.choice(("ya", "tidak"))), unit_key=a["unit_key"])
             for i, a in enumerate(agents[: max(1, n_agents // 3)])]
    return {
        "units": make_table("units", units),
        "agents": make_table("agents", agents),
        "attendance": make_table("attendance", attendance),
        "zi_history": make_table("zi_history", history),
        "action_plans": make_table("action_plans", plans),
    }
