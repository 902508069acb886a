"""Speed of the briefing pack: PPTX and PDF with one warm Chromium, against plain write_image.

    .venv/bin/python benchmarks/pack.py [--agents 100000] [--units 10000] [--repeat 3]

For the sample (291 agents, 81 units) and for national-scale clean tables built here in code
(the sample's tables replicated and perturbed), prints the median of several runs of:
the deck's content (metrics, figures, narratives), the PPTX and the PDF rendered with the warm
exporter, and `fig.write_image` called once per chart of the same deck (the plain plotly way:
kaleido >= 1 starts a browser per call). The goal is a pack at least 5x faster than that.
Also: the per-unit fact sheets (no browser) on the sample and on a slice of the national data.
A script, not a test: timings vary by machine and are reported, never asserted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import median_time  # noqa: E402  (benchmarks/run.py, beside this script)

from zi_dashboard import sample  # noqa: E402
from zi_dashboard.config import load_settings  # noqa: E402
from zi_dashboard.domain import schema  # noqa: E402
from zi_dashboard.exports import (
    briefing,  # noqa: E402
    factsheet,  # noqa: E402
)
from zi_dashboard.exports.deck import IMAGE_WIDTH  # noqa: E402
from zi_dashboard.exports.images import ImageExporter, figure_height  # noqa: E402

CREATED = dt.datetime(2020, 10, 1)
SCORES = ("lke_score", *schema.LKE_AREAS, *schema.LKE_HASIL)


def _maxima() -> dict[str, float]:
    units = schema.DATASETS["units"]
    return {c: float(units.column(c).max) for c in SCORES}


def national_tables(n_agents: int, n_units: int, seed: int = 7) -> dict[str, pd.DataFrame]:
    """Clean tables at national scale: the sample's 2020 tables replicated and perturbed."""
    rng = np.random.default_rng(seed)
    base = sample.generate_sample()[2020]
    units0, agents0 = base["units"], base["agents"]
    # Units: copy k of sample unit j is unit j + 81 k; 40 Eselon I like a national roll-up.
    pick = np.arange(n_units) % len(units0)
    copy = np.arange(n_units) // len(units0)
    units = units0.iloc[pick].reset_index(drop=True)
    keys = [f"N{i:05d}" for i in range(n_units)]
    units["unit_code"] = units["unit_key"] = pd.Series(keys, dtype=object)
    units["unit_name"] = [f"{n} #{k + 1}" for n, k in zip(units["unit_name"], copy, strict=True)]
    units["eselon1"] = pd.Series([f"Eselon I {i % 40:02d}" for i in range(n_units)], dtype=object)
    for column, top in _maxima().items():
        noise = rng.uniform(0.92, 1.08, n_units)
        units[column] = (units[column] * noise).clip(0, top).round(2)
    # Agents: agent a of the sample, replica r, joins copy r (mod copies) of a's unit.
    copies = max(1, n_units // len(units0))
    position = {k: i for i, k in enumerate(units0["unit_key"])}
    pick = np.arange(n_agents) % len(agents0)
    replica = np.arange(n_agents) // len(agents0)
    agents = agents0.iloc[pick].reset_index(drop=True)
    unit_pos = agents["unit_key"].map(position).to_numpy() + len(units0) * (replica % copies)
    unit_pos = np.minimum(unit_pos, n_units - 1)
    agents["unit_key"] = pd.Series([keys[p] for p in unit_pos], dtype=object)
    agents["unit"] = units["unit_name"].to_numpy()[unit_pos]
    agents["eselon1"] = units["eselon1"].to_numpy()[unit_pos]
    nips = [f"{1960 + i % 35}{1 + (i // 35) % 12:02d}{1 + (i // 420) % 28:02d}"
            f"{2000 + (i // 11760) % 20}{1 + (i // 235200) % 12:02d}{1 + i % 2}{i % 1000:03d}"
            for i in range(n_agents)]
    old_nip = agents["nip"].to_numpy()
    agents["nip"] = pd.Series(nips, dtype=object)
    replica_of = pd.DataFrame({"old": old_nip, "nip": nips, "unit_key": agents["unit_key"],
                               "unit": agents["unit"]})
    attendance = base["attendance"].merge(replica_of[["old", "nip"]], left_on="nip",
                                          right_on="old", suffixes=("_x", ""))
    plans = base["action_plans"].merge(replica_of, left_on="nip", right_on="old",
                                       suffixes=("_x", ""))
    history = base["zi_history"].iloc[np.tile(np.arange(len(base["zi_history"])), copies + 1)]
    history = history.reset_index(drop=True)
    hist_copy = np.repeat(np.arange(copies + 1), len(base["zi_history"]))
    hist_pos = history["unit_key"].map(position).to_numpy() + len(units0) * hist_copy
    history = history[hist_pos < n_units].reset_index(drop=True)
    history["unit_key"] = pd.Series([keys[p] for p in hist_pos[hist_pos < n_units]], dtype=object)
    tables = {"units": units, "agents": agents, "attendance": attendance,
              "zi_history": history, "action_plans": plans}
    return {name: frame[[c for c, _ in schema.clean_columns(name)]].reset_index(drop=True)
            for name, frame in tables.items()}


def marks(fig) -> int:
    """Bars, tiles or cells a figure draws (its traces' data points)."""
    total = 0
    for trace in fig.data:
        for attr in ("labels", "z", "y", "x"):
            values = getattr(trace, attr, None)
            if values is not None:
                total += int(np.size(values))
                break
    return total


def write_image_each(deck) -> float:
    """The plain plotly way: fig.write_image once per chart (each call starts a browser)."""
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for i, item in enumerate(deck.items):
            item.figure.write_image(os.path.join(tmp, f"{i}.png"), format="png",
                                    width=IMAGE_WIDTH, height=figure_height(item.figure), scale=2)
        return time.perf_counter() - start


def bench(name: str, tables, previous, exporter: ImageExporter, repeat: int) -> dict:
    print(f"\n{name}: {len(tables['agents']):,} agents, {len(tables['units']):,} units, "
          f"{len(tables['action_plans']):,} action plans", flush=True)

    def content():
        return briefing.build_deck(tables, previous, version_id=2, created_at=CREATED,
                                   filters_text="Semua data", lang="id")

    t_deck, deck = median_time(content, repeat)
    images = sum(item.kind == "image" for item in deck.items)
    print(f"  {len(deck.items)} charts ({images} as images in the PPTX, all as images in the PDF)")
    for item in deck.items:  # per-unit charts are capped in the deck; say what is not
        if (n := marks(item.figure)) > 500:
            print(f"  note: {item.key} draws {n:,} marks in one image")
    briefing.render(deck, "pdf", exporter)  # warm-up: browser open, plotly.js loaded
    t_pptx, pptx = median_time(lambda: briefing.render(deck, "pptx", exporter), repeat)
    t_pdf, pdf = median_time(lambda: briefing.render(deck, "pdf", exporter), repeat)
    print("  plain write_image, once per chart …", flush=True)
    t_plain = write_image_each(deck)
    rows = [("deck content (metrics, figures)", t_deck),
            ("PPTX, warm (content + render)", t_deck + t_pptx),
            ("PDF, warm (content + render)", t_deck + t_pdf),
            (f"write_image x {len(deck.items)} (cold, images only)", t_plain)]
    for label, seconds in rows:
        print(f"  {label:<40} {seconds:8.2f} s")
    print(f"  sizes: PPTX {len(pptx) / 1024:,.0f} KB, PDF {len(pdf) / 1024:,.0f} KB")
    print(f"  write_image / PPTX {t_plain / (t_deck + t_pptx):6.1f}x   "
          f"write_image / PDF {t_plain / (t_deck + t_pdf):6.1f}x   (goal >= 5x)")
    return dict(deck=t_deck, pptx=t_deck + t_pptx, pdf=t_deck + t_pdf, plain=t_plain)


def bench_sheets(name: str, tables, units: int | None) -> None:
    if units is not None:
        keys = set(tables["units"]["unit_key"].head(units))
        tables = {n: f[f["unit_key"].isin(keys)] if "unit_key" in f else f
                  for n, f in tables.items()}
    n = len(tables["units"])
    start = time.perf_counter()
    data = factsheet.build_unit_sheets(tables, version_id=2, created_at=CREATED,
                                       today=dt.date(2021, 6, 1))
    seconds = time.perf_counter() - start
    print(f"  unit fact sheets, {name}: {n:,} units in {seconds:.2f} s "
          f"({seconds / n * 1000:.0f} ms a unit, {len(data) / 1e6:.1f} MB ZIP)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sheet-units", type=int, default=1_000,
                        help="national units to time the fact sheets on (all: slow)")
    args = parser.parse_args()
    exporter = ImageExporter(load_settings().browser_path)
    if not exporter.available():
        raise SystemExit(f"error: {exporter.unavailable_message('en')}")
    exporter.start()
    generated = sample.generate_sample()
    bench("Sample", generated[2020], generated[2019], exporter, args.repeat)
    bench_sheets("sample", generated[2020], None)
    print(f"\nBuilding national tables ({args.agents:,} agents, {args.units:,} units) …",
          flush=True)
    national = national_tables(args.agents, args.units)
    bench("National", national, None, exporter, max(1, args.repeat - 1))
    bench_sheets(f"national slice of {args.sheet_units:,}", national, args.sheet_units)
    exporter.close()


if __name__ == "__main__":
    main()
