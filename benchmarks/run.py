"""Speed of the data core at national scale: read, validate, commit, load.

    .venv/bin/python benchmarks/run.py [--agents 100000] [--units 10000] [--repeat 3]

Prints the median of several runs for each step and the ratios the project aims at:
full validate <= 1.5x the raw calamine read; commit + load of 100k agents < 2 s; the
WBK/WBBM rule check of 10,000 units < 1 s.
A script, not a test: timings vary by machine and are reported, never asserted.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from zi_dashboard import store  # noqa: E402
from zi_dashboard.domain import rules  # noqa: E402
from zi_dashboard.ingest.sources import SourceFile  # noqa: E402
from zi_dashboard.ingest.validate import validate_sources  # noqa: E402

MODES = ("Tatap Muka", "Virtual", "luring", "daring")
STAGES = ("Pencanangan", "Pembangunan", "Penilaian TPI", "WBK", "Belum")
RANKS = ("III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")


def national_workbook(n_agents: int, n_units: int, seed: int = 7) -> bytes:
    """One workbook with a units sheet and an agents sheet, shaped like real rosters."""
    rng = random.Random(seed)
    wb = openpyxl.Workbook(write_only=True)
    units = wb.create_sheet("Unit Kerja")
    units.append(["Kode Unit", "Unit Kerja", "Eselon I", "Jenis Unit", "Provinsi", "Tahap ZI",
                  "Tahun Tahap", "Nilai LKE"])
    for i in range(n_units):
        units.append([f"U{i:05d}", f"Unit Kerja Nomor {i:05d}", f"Eselon I {i % 40:02d}",
                      rng.choice(("Pusat", "Balai", "Loka")), f"Provinsi {i % 38:02d}",
                      rng.choice(STAGES), 2020, round(rng.uniform(50, 95), 2)])
    agents = wb.create_sheet("Agen")
    agents.append(["DAFTAR AGEN PERUBAHAN NASIONAL"])
    agents.append([])
    agents.append(["No", "NIP", "Nama Pegawai", "Satuan Kerja", "L/P", "Pangkat/Gol", "Jabatan",
                   "Tahun Penetapan", "Kehadiran"])
    for i in range(n_agents):
        gender = rng.choice((1, 2))
        # Unique by construction: birth date and start month both vary with i.
        nip = f"{1960 + i % 35}{1 + (i // 35) % 12:02d}{1 + (i // 420) % 28:02d} " \
              f"{2015 + (i // 11760) % 6}{1 + (i // 70560) % 12:02d} {gender} {rng.randint(0, 999):03d}"
        agents.append([i + 1, nip, f"Agen {i:06d}, S.E.", f"Unit Kerja Nomor {i % n_units:05d}",
                       "L" if gender == 1 else "P", rng.choice(RANKS), "Analis Kebijakan",
                       rng.randint(2017, 2020), rng.choice(MODES)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def median_time(func, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agents", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(f"Generating a workbook: {args.agents:,} agents, {args.units:,} units …", flush=True)
    data = national_workbook(args.agents, args.units)
    print(f"  {len(data) / 1e6:.1f} MB")
    source = SourceFile("nasional.xlsx", data)

    t_openpyxl, _ = median_time(
        lambda: pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl"),
        max(1, args.repeat - 2))
    t_calamine, _ = median_time(
        lambda: pd.read_excel(io.BytesIO(data), sheet_name=None, engine="calamine"), args.repeat)
    t_validate, result = median_time(
        lambda: validate_sources([source], max_bytes=10**9, max_uncompressed_bytes=10**10),
        args.repeat)
    errors = len(result.report.errors)

    commit_times, load_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            engine = store.connect(f"sqlite:///{Path(tmp) / f'bench{i}.db'}")
            start = time.perf_counter()
            store.commit_version(engine, result.tables, [source], uploader="bench")
            commit_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            snapshot = store.load_snapshot(engine)
            load_times.append(time.perf_counter() - start)
            engine.dispose()
    t_commit, t_load = statistics.median(commit_times), statistics.median(load_times)
    t_rules, _ = median_time(lambda: rules.check_units(snapshot.tables["units"]), args.repeat)

    rows = [
        ("read_excel, openpyxl", t_openpyxl),
        ("read_excel, calamine", t_calamine),
        ("validate (read + checks)", t_validate),
        ("commit", t_commit),
        ("load current", t_load),
        ("WBK/WBBM check of every unit", t_rules),
    ]
    print(f"\nMedian of {args.repeat} runs ({args.agents:,} agents, {args.units:,} units):")
    for label, seconds in rows:
        print(f"  {label:<28} {seconds:8.3f} s")
    print(f"\n  openpyxl / calamine          {t_openpyxl / t_calamine:8.1f}x")
    print(f"  validate / calamine read     {t_validate / t_calamine:8.2f}x   (goal <= 1.5x)")
    print(f"  commit + load                {t_commit + t_load:8.3f} s   (goal < 2 s)")
    print(f"  rule check of {len(snapshot.tables['units']):,} units   {t_rules:8.3f} s   (goal < 1 s)")
    print(f"  validation errors: {errors}; agents loaded: {len(snapshot.tables['agents']):,}")


if __name__ == "__main__":
    main()
