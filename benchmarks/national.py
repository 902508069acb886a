"""National-scale clean tables built in code, the shape issue 11 measures: 100,000 agents and
10,000 units over 40 Eselon I, 5 years of stage history, 3 attendance events, 300,000 plans.

Values are drawn from the sample's own vocabularies (stages, modes, ranks, areas), so every page
has real work to do; the draw is seeded, so two runs measure the same data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from zi_dashboard import sample
from zi_dashboard.domain import schema

__all__ = ["national_tables"]

EVENTS = ("Lokakarya Agen Perubahan 2019", "Lokakarya Penguatan Agen Perubahan 2020",
          "Bimtek Agen Perubahan 2021")


def _pick(rng: np.random.Generator, values, n: int) -> np.ndarray:
    values = pd.Series(values).dropna().unique()
    return values[rng.integers(0, len(values), n)]


def national_tables(n_agents: int = 100_000, n_units: int = 10_000, *, years: int = 5,
                    events: int = 3, plans: int = 300_000, seed: int = 7
                    ) -> dict[str, pd.DataFrame]:
    """The five clean tables at national scale (column sets as the store keeps them)."""
    rng = np.random.default_rng(seed)
    base = sample.generate_sample()[2020]
    u0, a0, p0 = base["units"], base["agents"], base["action_plans"]
    keys = np.array([f"N{i:05d}" for i in range(n_units)], dtype=object)
    units = u0.iloc[np.arange(n_units) % len(u0)].reset_index(drop=True)
    units["unit_code"] = units["unit_key"] = keys
    units["unit_name"] = [f"{n} {i:05d}" for i, n in enumerate(units["unit_name"])]
    units["eselon1"] = np.array([f"Eselon I {i % 40:02d}" for i in range(n_units)], dtype=object)
    units["province"] = np.array([f"Provinsi {i % 38:02d}" for i in range(n_units)], dtype=object)
    stages = np.array(schema.STAGES.keys(), dtype=object)
    units["zi_stage"] = stages[rng.integers(0, len(stages), n_units)]
    maxima = {c: float(schema.DATASETS["units"].column(c).max)
              for c in ("lke_score", *schema.LKE_AREAS, *schema.LKE_HASIL)}
    for column, top in maxima.items():
        units[column] = (rng.uniform(0.55, 1.0, n_units) * top).round(2)

    unit_of = rng.integers(0, n_units, n_agents)
    agents = a0.iloc[np.arange(n_agents) % len(a0)].reset_index(drop=True)
    agents["nip"] = np.array([f"{1960 + i % 35}{1 + (i // 35) % 12:02d}{1 + (i // 420) % 28:02d}"
                              f"{2000 + (i // 11760) % 20}{1 + (i // 235200) % 12:02d}"
                              f"{1 + i % 2}{i % 1000:03d}" for i in range(n_agents)], dtype=object)
    agents["name"] = np.array([f"Agen Nasional {i:06d}" for i in range(n_agents)], dtype=object)
    agents["unit_key"] = keys[unit_of]
    agents["unit"] = units["unit_name"].to_numpy()[unit_of]
    agents["eselon1"] = units["eselon1"].to_numpy()[unit_of]
    agents["gender"] = np.where(np.arange(n_agents) % 2 == 0, "L", "P")
    agents["appointed_year"] = rng.integers(2017, 2021, n_agents)
    agents["attendance_mode"] = _pick(rng, a0["attendance_mode"], n_agents)

    modes = a0["attendance_mode"]
    attendance = pd.DataFrame({
        "nip": np.tile(agents["nip"].to_numpy(), events),
        "name": np.tile(agents["name"].to_numpy(), events),
        "event": np.repeat(np.array(EVENTS[:events], dtype=object), n_agents),
        "date": pd.NaT, "mode": _pick(rng, modes, n_agents * events), "end_date": pd.NaT,
        "absence_reason": None})

    first = 2020 - years + 1
    order = {s: i for i, s in enumerate(schema.STAGES.keys())}
    final = units["zi_stage"].map(order).to_numpy()
    steps = np.arange(years)[:, None]  # a unit climbs towards its current stage
    level = np.clip(final[None, :] - (years - 1 - steps), 0, None)
    history = pd.DataFrame({
        "unit": np.tile(units["unit_name"].to_numpy(), years),
        "year": np.repeat(np.arange(first, first + years), n_units),
        "zi_stage": stages[level.ravel()],
        "lke_score": np.round(rng.uniform(50, 95, years * n_units), 2),
        "unit_key": np.tile(keys, years)})

    owner = rng.integers(0, n_agents, plans)
    plan = p0.iloc[np.arange(plans) % len(p0)].reset_index(drop=True)
    plan["nip"] = agents["nip"].to_numpy()[owner]
    plan["unit_key"] = agents["unit_key"].to_numpy()[owner]
    plan["unit"] = agents["unit"].to_numpy()[owner]
    plan["progress_pct"] = rng.integers(0, 101, plans).astype(float)
    plan["due_date"] = pd.Timestamp("2020-06-30") + pd.to_timedelta(rng.integers(0, 730, plans), "D")

    tables = {"units": units, "agents": agents, "attendance": attendance, "zi_history": history,
              "action_plans": plan}
    return {name: frame[[c for c, _ in schema.clean_columns(name)]].reset_index(drop=True)
            for name, frame in tables.items()}
