"""The sample's clean tables: Kemensos 2019 and 2020 (real units, made-up people), seeded."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from pathlib import Path

import numpy as np
import pandas as pd

from zi_dashboard import config
from zi_dashboard.domain import schema
from zi_dashboard.domain.rules import rule_set_for_year

__all__ = ["AGENT_COUNTS", "FILE_TIME", "HISTORY_FROM", "SAMPLE_YEARS", "generate_sample",
           "sample_paths"]

SAMPLE_YEARS = (2019, 2020)
AGENT_COUNTS = {2019: 265, 2020: 291}
IN_PERSON, LEAVERS, PROPOSED = 120, 20, 12   # 2020 workshop in person; gone by 2020; UPT proposed
HISTORY_FROM = 2017
UNITS_CSV = "kemensos_units_2020.csv"
# A fixed file time: openpyxl stamps "now", and the same seed must give the same bytes.
FILE_TIME = dt.datetime(2020, 8, 31, 9, 0, 0)
EVENT = config.defaults().default_event
WBK_2017 = "Direktorat Rehabilitasi Sosial Anak"      # illustrative pick of "one directorate"
WBK_2018 = "Politeknik Kesejahteraan Sosial Bandung"   # STKS Bandung, WBK 2018 (DOMAIN.md)
REHAB = "Direktorat Jenderal Rehabilitasi Sosial"
_TITLES = ("wbk", "wbbm")   # stages a roster writes with their award year ("WBK 2017")
RANKS = ("III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b")
SK = {2017: "33/HUK/2017", 2018: "58/HUK/2018", 2019: "27/HUK/2019", 2020: "104/HUK/2020"}
# LKE totals per stage; the one unit that passed the TPI mark without being proposed gets 75–77.5.
SCORE_RANGE = {"pembangunan": (55.0, 73.5), "penilaian_tpi": (64.0, 74.6), "tpi_pass": (75.3, 77.5),
               "diusulkan_wbk": (75.5, 81.0), "wbk": (77.0, 84.0), "diusulkan_wbbm": (85.3, 87.5)}
_M = ("Agus Budi Dedi Eko Fajar Hendra Irfan Joko Lukman Nanang Rahmat Rizky Slamet Teguh Wahyu "
      "Yusuf Andi Bambang Dimas Gilang Hadi Iwan Arief Bayu Yoga Ilham Taufik Asep Ujang Ridwan "
      "Yohanes Daniel Hasan Zainal Firman Markus Anton Reza Ahmad Muhammad Rudi Sigit Yudi").split()
_F = ("Ani Ayu Dewi Endah Fitri Indah Maya Nur Putri Ratna Sari Sri Tuti Wulan Yuni Desi Rina "
      "Siti Nurul Rahma Novita Kartika Intan Diah Lia Mega Ratih Citra Eka Anisa Nadia Yohana "
      "Maria Theresia Rosmawati Mutiara Winda Febriani Laras Dian Hana Wiwik").split()
_FAMILY = ("Siregar Nasution Harahap Simanjuntak Sinaga Lubis Tambunan Purba Ginting Tarigan "
           "Manurung Sitompul Pardede Tanjung Daulay Sembiring Pattiasina Latuconsina Wenas "
           "Rumengan Tuasikal Wijaya Halim Rahman Hakim Kusuma").split()
_LAST = {"L": _FAMILY + ("Setiawan Pratama Saputra Hidayat Nugroho Wibowo Santoso Gunawan "
                         "Susanto Hartono Syahputra Ramadhan Firmansyah Maulana Prasetyo "
                         "Kurniawan Mahendra Suryadi Permana").split(),
         "P": _FAMILY + ("Rahayu Wulandari Handayani Puspitasari Lestari Kusumawati Rahmawati "
                         "Susanti Anggraeni Fitriani Pertiwi Maharani Safitri Oktaviani "
                         "Permatasari Utami").split()}
_BACHELOR = "S.Sos. S.E. S.Kom. S.H. S.Psi. S.ST. S.Tr.Sos. S.Kep. S.Pd. S.I.Kom. S.A.P.".split()
_MASTER = "M.Si. M.Kesos. M.M. M.A.P. M.Psi. M.Kom. M.H.".split()
_LEVELS = ("Ahli Pertama", "Ahli Pertama", "Ahli Muda", "Ahli Muda", "Ahli Madya", "Ahli Madya")
# Functional positions typical of a unit (matched on its name), then general ones.
_FAMILIES = (("Inspektorat", "Auditor"), ("Pendidikan dan Pelatihan", "Widyaiswara"),
             ("Penelitian", "Peneliti"), ("Penyuluhan", "Penyuluh Sosial"),
             ("Rehabilitasi", "Pekerja Sosial"), ("Direktorat", "Analis Kebijakan"))
_GENERAL = ("Perencana", "Analis Kepegawaian", "Pranata Komputer", "Arsiparis",
            "Analis Pengelolaan Keuangan APBN", "Pranata Hubungan Masyarakat")
_HEADS = {"UPT": ("Kepala Seksi Layanan Rehabilitasi Sosial", "Kepala Subbagian Tata Usaha",
                  "Kepala Seksi Asesmen dan Advokasi Sosial"),
          "Pusat": ("Kepala Subbagian Tata Usaha", "Kepala Subbagian Program dan Anggaran",
                    "Kepala Subbagian Kepegawaian")}
# Per LKE area: "title | indicator | target" of typical RTL items.
_PLANS = {area: [tuple(x.strip() for x in line.split("|")) for line in block.strip().splitlines()]
          for area, block in zip(schema.LKE_AREAS, ("""
Penyusunan rencana kerja pembangunan ZI unit | Rencana kerja ZI ditetapkan | 1 dokumen
Kampanye budaya kerja melalui media sosial unit | Konten kampanye terbit | 12 konten
Monitoring rencana kerja ZI triwulanan | Laporan monitoring | 4 laporan""", """
Digitalisasi persuratan dengan e-office | Surat diproses elektronik | 90 %
Penyusunan SOP layanan berbasis peta proses bisnis | SOP ditetapkan | 10 SOP
Keterbukaan informasi publik di laman unit | Informasi publik terbit | 100 %""", """
Pemetaan kompetensi pegawai | Pegawai terpetakan | 100 %
Coaching clinic bagi pegawai baru | Sesi coaching | 6 sesi
Penerapan e-kinerja bulanan | Pegawai mengisi e-kinerja | 95 %""", """
Cascading indikator kinerja sampai level staf | Perjanjian kinerja staf | 100 %
Monitoring capaian kinerja triwulanan | Laporan capaian kinerja | 4 laporan""", """
Penguatan unit pengendali gratifikasi | Laporan gratifikasi ditindaklanjuti | 100 %
Penerapan manajemen risiko layanan | Register risiko | 1 dokumen
Sosialisasi whistle blowing system | Pegawai tersosialisasi | 100 %""", """
Survei kepuasan masyarakat triwulanan | Indeks kepuasan masyarakat | ≥ 3,2
Inovasi layanan pengaduan daring | Pengaduan ditanggapi ≤ 3 hari | 90 %
Penyusunan standar dan maklumat pelayanan | Standar pelayanan ditetapkan | 1 dokumen
Ruang layanan ramah disabilitas | Sarana ramah disabilitas | 5 sarana"""), strict=True)}
_CANCELLED = ("Dibatalkan: refocusing anggaran COVID-19", "Dibatalkan: digabung dengan RTL lain")


def sample_paths(data_dir: Path = config.DATA_DIR) -> list[Path]:
    """The sample workbooks in load order (2019, then 2020)."""
    return [Path(data_dir) / f"sample_{year}.xlsx" for year in SAMPLE_YEARS]


def _allocate(weights: list[float], total: int) -> list[int]:
    """`total` split by weight, at least 1 each (largest remainder)."""
    quota = np.array(weights) / sum(weights) * (total - len(weights))
    counts = np.floor(quota).astype(int)
    order = np.argsort(-(quota - counts), kind="stable")
    counts[order[:total - len(weights) - counts.sum()]] += 1
    return (counts + 1).tolist()


def _read_units(rng: random.Random) -> list[dict]:
    """The 81 real units with a code, their workshop mode and their 2020 agent count."""
    ref = pd.read_csv(config.DATA_DIR / UNITS_CSV, dtype=str, keep_default_na=False)
    eselon = {e: i + 1 for i, e in enumerate(dict.fromkeys(ref["eselon1"]))}
    units = []
    for rec in ref.drop(columns="confirmed").to_dict("records"):
        n = sum(u["eselon1"] == rec["eselon1"] for u in units) + 1
        in_person = rec["unit_type"] == "Pusat" or rec["province"] == "Jawa Barat"
        units.append({**rec, "unit_code": f"KS-{eselon[rec['eselon1']]:02d}-{n:03d}",
                      "mode": "tatap_muka" if in_person else "virtual"})
    size = {"Pusat": 0.8, "Loka": 1.0, "Balai": 1.4, "Balai Besar": 2.0, "Politeknik": 2.6}
    for mode, total in (("tatap_muka", IN_PERSON), ("virtual", AGENT_COUNTS[2020] - IN_PERSON)):
        group = [u for u in units if u["mode"] == mode]
        weights = [size[u["unit_type"]] * rng.uniform(0.8, 1.25) for u in group]
        for unit, count in zip(group, _allocate(weights, total), strict=True):
            unit["agents"] = count
    return units


def _stage_paths(units: list[dict], rng: random.Random) -> None:
    """Each unit's role in the 2020 story and its stage per year 2017–2020, never backwards."""
    rest = [u for u in units if u["unit_name"] not in (WBK_2017, WBK_2018)]
    rng.shuffle(rest)
    proposed = [u for u in rest if u["eselon1"] == REHAB and u["unit_type"] != "Pusat"][:PROPOSED]
    pusat = [u for u in rest if u["unit_type"] == "Pusat"]
    upt = [u for u in rest if u["unit_type"] != "Pusat" and u not in proposed]
    roles = {"diusulkan_wbk": proposed, "tpi_pass": upt[:1], "penilaian_tpi": upt[1:4] + pusat[:2],
             "belum": pusat[2:7], "pencanangan": pusat[7:18] + upt[4:9]}
    for role, group in roles.items():
        for u in group:
            u["role"] = role
    stages, tpi = schema.FUNNEL_STAGES, schema.FUNNEL_STAGES.index("penilaian_tpi")
    for u in units:
        u.setdefault("role", "pembangunan")
        path = [stages.index("penilaian_tpi" if u["role"] == "tpi_pass" else u["role"])]
        for _ in range(HISTORY_FROM, 2020):  # back from 2020: TPI and proposals are yearly
            step = 1 if path[0] >= tpi else int(rng.random() < (0.5 if path[0] == tpi - 1 else 0.4))
            path.insert(0, max(0, path[0] - step))
        u["path"] = [stages[i] for i in path]
    by_name = {u["unit_name"]: u for u in units}
    by_name[WBK_2017].update(role="wbk", path=["wbk"] * 4)
    by_name[WBK_2018].update(role="wbk", path=["pembangunan", "wbk", "wbk", "diusulkan_wbbm"])


def _scores(units: list[dict], rng: random.Random) -> None:
    """An LKE total per unit and year where the stage has one, improving within a stage."""
    for u in units:
        scores = []
        for year, stage in enumerate(u["path"], HISTORY_FROM):
            span = SCORE_RANGE.get("tpi_pass" if u["role"] == "tpi_pass" and year == 2020 else stage)
            skip = span is None or (stage == "pembangunan" and rng.random() < 0.2)
            scores.append(None if skip else round(rng.uniform(*span), 2))
        for _, run in itertools.groupby(range(len(scores)), key=lambda i: u["path"][i]):
            known = [i for i in run if scores[i] is not None]
            for i, value in zip(known, sorted(scores[i] for i in known), strict=True):
                scores[i] = value
        u["scores"] = scores


def _components(total: float, stage: str, short: str | None, year: int,
                rng: random.Random) -> dict:
    """Area and hasil points (2 decimals) adding up to `total`; `short`: the minimum missed."""
    u = rng.uniform
    ipak = {"ipak": u(13.1, 13.45), "tlhp": u(14.3, 14.9), "bersih": u(13.55, 14.0)}.get(
        short, u(13.6, 14.8))
    tlhp = {"tlhp": u(3.0, 3.45), "bersih": u(3.55, 17.95 - ipak)}.get(
        short, u(max(3.6, 18.05 - ipak), 4.98))
    ipkp = u(16.3, 18.5) if stage in ("diusulkan_wbbm", "wbbm") else u(12.5, 17.5)
    hasil = {"hasil_ipak": round(ipak, 2), "hasil_tlhp": round(tlhp, 2), "hasil_ipkp": round(ipkp, 2)}
    weights = rule_set_for_year(year).area_weights
    left = round(total * 100) - round(sum(hasil.values()) * 100)   # pengungkit, in cents
    caps = np.array([w * 97 for w in weights.values()])               # at most 97 % of a weight
    share, areas = np.array([w * u(0.8, 1.2) for w in weights.values()]), np.zeros(len(caps))
    while left - areas.sum() > 0.5 and (caps - areas > 0.5).any():
        room = caps - areas
        grow = np.where(room > 0.5, share, 0)
        areas += np.minimum(room, grow / grow.sum() * (left - areas.sum()))
    areas = np.floor(areas)
    areas[int(np.argmax(caps - areas))] += left - areas.sum()
    return {**{a: float(c) / 100 for a, c in zip(weights, areas, strict=True)}, **hasil}


def _target(stage: str, year: int, rng: random.Random) -> tuple[str, int]:
    if stage in ("wbk", "diusulkan_wbbm", "wbbm"):
        return "wbbm", year + (0 if stage == "diusulkan_wbbm" else 2)
    if stage == "belum":
        return "pencanangan", year + 1
    return "wbk", year + {"diusulkan_wbk": 0, "penilaian_tpi": 1, "pembangunan": rng.choice(
        (1, 2))}.get(stage, 3)


def _person(rng: random.Random, appointed: int, unit: dict, used: set) -> dict:
    """A made-up civil servant: name with titles, a well-formed unique NIP, rank, position."""
    gender = rng.choice("LP")
    while True:
        born = dt.date(round(rng.triangular(1965, min(1998, appointed - 21), 1988)), 1, 1) + \
            dt.timedelta(days=rng.randrange(365))
        start = min(appointed - 1, born.year + rng.randint(21, 30))
        nip = f"{born:%Y%m%d}{start}{rng.randint(1, 12):02d}{1 if gender == 'L' else 2}" \
              f"{rng.choice((1, 1, 1, 2, 2, 3, 4, 5, 6, 7)):03d}"
        names = _M if gender == "L" else _F
        parts = [rng.choice(names)] + [rng.choice(names)] * (rng.random() < 0.3)
        name = " ".join(dict.fromkeys(parts + [rng.choice(_LAST[gender])] * (rng.random() < 0.85)))
        if nip not in used and name not in used:
            used.update((nip, name))
            break
    rank = max(0, min(5, (rng.random() < 0.15) + (2020 - start) // 4 - (rng.random() < 0.3)))
    family = [f for word, f in _FAMILIES if word in unit["unit_name"]][:1]
    if RANKS[rank] in ("III/d", "IV/a") and rng.random() < 0.3:
        rehab_upt = unit["eselon1"] == REHAB and unit["unit_type"] != "Pusat"
        position = rng.choice(_HEADS["UPT" if rehab_upt else "Pusat"])
    elif unit["unit_type"] == "Politeknik":
        position = "Dosen " + ("Asisten Ahli", "Lektor", "Lektor Kepala")[rank // 2]
    else:
        position = f"{rng.choice(family if family and rng.random() < 0.6 else _GENERAL)} " \
                   f"{_LEVELS[rank]}"
    titles = [rng.choice(_BACHELOR)] * (rng.random() < 0.8)
    titles += [rng.choice(_MASTER)] * bool(titles and rank >= 2 and rng.random() < 0.4)
    return {"nip": nip, "name": ", ".join([name, *titles]), "gender": gender, "unit": unit,
            "position": position, "rank": RANKS[rank], "appointed_year": appointed,
            "sk_number": SK[appointed], "status": "aktif"}


def _rosters(units: list[dict], rng: random.Random) -> tuple[list[dict], list[dict]]:
    """The 2019 roster (265) and the 2020 one (291): most stay, 20 leave, 46 join."""
    slots = [u for u in units for _ in range(u["agents"])]
    new = set(rng.sample(range(len(slots)), AGENT_COUNTS[2020] - AGENT_COUNTS[2019] + LEAVERS))
    used: set = set()
    now = [_person(rng, 2020 if i in new else rng.choice((2017, 2018, 2019)), u, used)
           for i, u in enumerate(slots)]
    gone = [_person(rng, rng.choice((2017, 2018)), u, used) for u in rng.choices(slots, k=LEAVERS)]
    order = {u["unit_code"]: i for i, u in enumerate(units)}

    def key(agent: dict) -> tuple:
        return order[agent["unit"]["unit_code"]], -RANKS.index(agent["rank"]), agent["name"]
    return sorted([a for a in now if a["appointed_year"] < 2020] + gone, key=key), sorted(
        now, key=key)


def _plans(agents: list[dict], rng: random.Random) -> list[dict]:
    """1–2 RTL items for about 85 % of the 2020 agents: mixed statuses, due Oct 2020–Dec 2021."""
    plans = []
    for agent in (a for a in agents if rng.random() < 0.85):
        for area in rng.sample(schema.LKE_AREAS, 1 if rng.random() < 0.6 else 2):
            title, indicator, target = rng.choice(_PLANS[area])
            status = rng.choices(("selesai", "berjalan", "rencana", "batal"), (35, 40, 17, 8))[0]
            progress = {"selesai": 100, "berjalan": rng.randrange(20, 95, 5), "rencana": 0,
                        "batal": rng.randrange(0, 45, 5)}[status]
            month = rng.randint(10, 24)   # the last day of that month, counted from Jan 2020
            due = dt.datetime(2020 + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            plans.append({
                "nip": agent["nip"], "unit": agent["unit"]["unit_name"], "title": title,
                "area": schema.DATASETS["units"].column(area).label_id, "indicator": indicator,
                "target": target, "progress_pct": float(progress), "status": status,
                "realisation": {"selesai": f"Tercapai {target}", "rencana": "Belum dimulai",
                                "berjalan": f"Progres {progress} %"}.get(
                                    status, rng.choice(_CANCELLED)),
                "due_date": due, "unit_key": agent["unit"]["unit_code"],
                "integrated": "ya" if rng.random() < {"selesai": 0.7, "berjalan": 0.2}.get(
                    status, 0) else "tidak"})
    return plans


def _frame(dataset: str, rows: list[dict]) -> pd.DataFrame:
    """A clean table: the contract's columns in order and dtypes by kind (as validation makes)."""
    cast = {"int": "Int64", "year": "Int64", "float": "float64", "date": "datetime64[ns]",
            "bool": "bool"}
    return pd.DataFrame({
        name: pd.Series([r.get(name) for r in rows], dtype=object).astype(cast.get(kind, object))
        if kind != "date" else pd.to_datetime(pd.Series([r.get(name) for r in rows], dtype=object))
        .astype("datetime64[ns]") for name, kind in schema.clean_columns(dataset)})


def _tables(units: list[dict], agents: list[dict], year: int, rng: random.Random) -> dict:
    """The clean tables of one year's file (2019: no workshop and no RTL yet)."""
    at = year - HISTORY_FROM
    unit_rows, history = [], []
    for u in units:
        stage, score = u["path"][at], u["scores"][at]
        target = _target(stage, year, rng)
        # The file's year is the evaluation year; a title's award year is when its run began
        # (the 2017 WBK directorate: WBK sejak 2017). Other stages leave it to the history.
        since = next(i for i in range(at, -1, -1) if i == 0 or u["path"][i - 1] != stage)
        row = {**u, "zi_stage": stage, "evaluation_year": year, "lke_score": score,
               "award_year": HISTORY_FROM + since if stage in _TITLES else None,
               "target_stage": target[0], "target_year": target[1], "unit_key": u["unit_code"],
               "agents_needed": min(8, max(2, u["agents"] + rng.choice((-1, 0, 0, 1, 2))))}
        if score is not None:
            # Units at or past a WBK proposal meet every minimum; others may miss one (the gaps).
            short = "ipak" if u["role"] == "tpi_pass" and year == 2020 else None if stage in (
                "diusulkan_wbk", "wbk", "diusulkan_wbbm", "wbbm") else rng.choice(
                (None, None, None, "ipak", "tlhp", "bersih"))
            row.update(_components(score, stage, short, year, rng))
        unit_rows.append(row)
        history += [{"unit": u["unit_name"], "year": y, "zi_stage": s, "lke_score": v,
                     "unit_key": u["unit_code"]}
                    for y, s, v in zip(range(HISTORY_FROM, year + 1), u["path"], u["scores"])]
    people = [{**a, "unit": a["unit"]["unit_name"], "eselon1": a["unit"]["eselon1"],
               "unit_key": a["unit"]["unit_code"], "is_pppk": False,
               "attendance_mode": a["unit"]["mode"] if year == 2020 else None} for a in agents]
    tables = {"units": _frame("units", unit_rows), "agents": _frame("agents", people),
              "zi_history": _frame("zi_history", history)}
    if year == 2020:
        tables["attendance"] = _frame("attendance", [{**a, "event": EVENT,
                                                      "mode": a["attendance_mode"]} for a in people])
        tables["action_plans"] = _frame("action_plans", _plans(agents, rng))
    return {name: tables[name] for name in schema.DATASET_ORDER if name in tables}


def generate_sample(seed: int = 2020) -> dict[int, dict[str, pd.DataFrame]]:
    """{2019: clean tables, 2020: clean tables}; the same seed gives the same tables."""
    rng = random.Random(seed)
    units = _read_units(rng)
    _stage_paths(units, rng)
    _scores(units, rng)
    rosters = _rosters(units, rng)
    return {year: _tables(units, roster, year, random.Random(seed + year))
            for year, roster in zip(SAMPLE_YEARS, rosters, strict=True)}
