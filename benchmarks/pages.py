"""Every dashboard page's warm rerun and a filter change, at sample and at national scale.

    .venv/bin/python benchmarks/pages.py [--repeat 5] [--sessions 3] [--signed-in]

Builds two SQLite databases in a temporary folder: the bundled sample, and national data made in
code (benchmarks/national.py: 100,000 agents, 10,000 units over 40 Eselon I, 50,000 history rows,
300,000 attendance rows, 300,000 plans). For each page it times, with Streamlit's AppTest in this
process (the way a server runs a session's script): warm reruns (median, min, max of --repeat)
and a filter change (a new Eselon I each time, so none is served from a cache). Then it opens
every page in --sessions fresh sessions on the national data and prints the process's resident
memory. Visitors are anonymous (ZI_ANONYMOUS=aggregates) unless --signed-in (the bootstrap
superadmin). Goals (issue 11): every page's median rerun at national scale <= 250 ms and <= 2.5x
the sample's; a filter change <= 250 ms; <= 1 GB resident after every page in 3 sessions.
A script, not a test: timings vary by machine and are reported, never asserted. A fixed
workload timed before and after (the machine reference) tells how fast the machine ran.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from national import national_tables  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from zi_dashboard import store  # noqa: E402
from zi_dashboard.config import load_settings  # noqa: E402
from zi_dashboard.store import importer  # noqa: E402

PAGES = {
    "Ringkasan": "pages/ringkasan.py",
    "Sebaran Agen": "pages/sebaran_agen.py",
    "Kehadiran": "pages/kehadiran.py",
    "Progres ZI": "pages/progres_zi.py",
    "Rencana Tindak Lanjut": "pages/rencana_tindak_lanjut.py",
    "Unduh Briefing": "pages/unduh_briefing.py",
}
PASSWORD = "benchmark-only"


def resident_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB, from /proc/self/status."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def build_databases(folder: Path) -> dict[str, str]:
    """{"sample": url, "national": url}, each with one current version."""
    urls = {"sample": f"sqlite:///{folder / 'sample.db'}",
            "national": f"sqlite:///{folder / 'national.db'}"}
    engine = store.connect(urls["sample"])
    importer.load_sample_if_empty(engine, load_settings({"DATABASE_URL": urls["sample"]}))
    engine.dispose()
    start = time.perf_counter()
    tables = national_tables()
    engine = store.connect(urls["national"])
    store.commit_version(engine, tables, [], uploader="benchmark", note="national")
    engine.dispose()
    print(f"national database built and committed in {time.perf_counter() - start:.1f} s "
          f"({', '.join(f'{k} {len(v):,}' for k, v in tables.items())})")
    return urls


def use_database(url: str) -> None:
    import streamlit as st

    os.environ["DATABASE_URL"] = url
    st.cache_data.clear()
    st.cache_resource.clear()


def open_session(page: str, signed_in: bool) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    if signed_in:
        at.text_input(key="auth.password").input(PASSWORD)
        at.button(key="auth.submit").click().run()
    if page != PAGES["Ringkasan"]:
        at.switch_page(page).run()
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
    return at


def machine_speed() -> float:
    """ms for a fixed workload (sorting 10^6 numbers, 10^6 Python additions), best of 5.

    Printed before and after the run: this machine's speed varies by 2-3x from day to day,
    so figures from two runs compare only next to their own reference."""
    import numpy as np

    numbers = np.random.default_rng(0).random(1_000_000)

    def work() -> None:
        np.sort(numbers)
        total = 0
        for i in range(1_000_000):
            total += i

    return min(timed(work) for _ in range(5))


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bench_page(page: str, repeat: int, signed_in: bool) -> dict[str, list[float]]:
    at = open_session(page, signed_in)
    at.run()  # warm: the first rerun after the switch fills this page's caches
    reruns = [timed(at.run) for _ in range(repeat)]
    choices = at.multiselect(key="filters.eselon1").options
    changes = []
    for value in choices[:repeat]:
        changes.append(timed(lambda v=value: at.multiselect(key="filters.eselon1").set_value([v]).run()))
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
    return {"rerun": reruns, "filter": changes}


def describe(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--signed-in", action="store_true")
    args = parser.parse_args()
    os.environ["ZI_ADMIN_PASSWORD"] = PASSWORD
    os.environ["ZI_AUTOLOAD_SAMPLE"] = "0"
    os.chdir(ROOT)
    speed_before = machine_speed()
    with tempfile.TemporaryDirectory() as folder:
        urls = build_databases(Path(folder))
        results: dict[str, dict[str, dict[str, list[float]]]] = {}
        for scale, url in urls.items():
            use_database(url)
            results[scale] = {name: bench_page(path, args.repeat, args.signed_in)
                              for name, path in PAGES.items()}
        use_database(urls["national"])
        sessions = [[open_session(path, args.signed_in) for path in PAGES.values()]
                    for _ in range(args.sessions)]
        current, peak = resident_mb()
    speed_after = machine_speed()
    who = "bootstrap superadmin" if args.signed_in else "anonymous visitor (aggregates)"
    print(f"\nWarm reruns and filter changes, ms: median (min–max) of {args.repeat}; {who}; "
          f"{os.cpu_count()} CPU(s)\n")
    print("| page | sample rerun | national rerun | national/sample | national filter change |")
    print("| --- | --- | --- | --- | --- |")
    for name in PAGES:
        sample, national = results["sample"][name], results["national"][name]
        ratio = statistics.median(national["rerun"]) / statistics.median(sample["rerun"])
        print(f"| {name} | {describe(sample['rerun'])} | {describe(national['rerun'])} | "
              f"{ratio:.1f}x | {describe(national['filter'])} |")
    print(f"\nResident memory after every page in {len(sessions)} sessions at national scale: "
          f"{current:,.0f} MB (peak {peak:,.0f} MB)")
    print(f"Machine reference (a fixed workload, lower is faster): {speed_before:,.0f} ms "
          f"before, {speed_after:,.0f} ms after")


if __name__ == "__main__":
    main()
