"""The CLI's read options: --map, stored mappings, unambiguous suggestions applied, --skip-hidden."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from tests.workbooks import NIP_L1, NIP_L2, NIP_P1, xlsx
from zi_dashboard import store
from zi_dashboard.cli import main

UNITS = [["Unit kerja", "Eselon I"], ["Biro Umum", "Sekretariat Jenderal"]]
AGENTS = [["Nomor Pegawai", "Nama", "Jabatan", "Satker Induk", "Surel Kantor"],
          [NIP_L1, "Andi", "Analis", "Biro Umum", "andi@kemensos.go.id"],
          [NIP_P1, "Rina", "Pranata Humas", "Biro Umum", "rina@kemensos.go.id"],
          [NIP_L2, "Budi", "Kepala Bagian", "Biro Umum", "budi@kemensos.go.id"]]

AUTO_NIP = ("WARNING r.xlsx:Agen:1 [Nomor Pegawai] column_auto_nip: Judul kolom 'Nomor Pegawai' "
            "tidak dikenal, tetapi kolom ini berisi NIP, jadi dibaca sebagai NIP. Jika keliru, "
            "jalankan lagi dengan --map \"Nomor Pegawai=-\" (abaikan) atau --map "
            "\"Nomor Pegawai=<kolom>\".")
AUTO_EMAIL = ("WARNING r.xlsx:Agen:1 [Surel Kantor] column_auto_email: Judul kolom 'Surel Kantor' "
              "tidak dikenal, tetapi kolom ini berisi alamat e-mail, jadi dibaca sebagai Email. "
              "Jika keliru, jalankan lagi dengan --map \"Surel Kantor=-\" (abaikan) atau --map "
              "\"Surel Kantor=<kolom>\".")


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("ZI_LANG", "id")
    return url


@pytest.fixture
def roster(tmp_path) -> str:
    path = tmp_path / "r.xlsx"
    path.write_bytes(xlsx({"Unit": UNITS, "Agen": AGENTS}))
    return str(path)


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().out.splitlines()


def test_unambiguous_content_is_applied_with_a_warning_and_the_rest_suggested(db, roster, capsys):
    code, lines = run(capsys, "validate", roster)
    assert code == 1
    assert lines[1:] == [AUTO_NIP, AUTO_EMAIL,
                         "SARAN   Agen [Satker Induk] → unit (judulnya mirip 'satker')",
                         "ERRORS: units 1"]
    assert lines[0].startswith("ERROR   r.xlsx:Agen:1 missing_column: ") and "'Unit kerja'" in lines[0]


def test_a_map_argument_completes_the_sheet(db, roster, capsys):
    code, lines = run(capsys, "validate", roster, "--map", "Satker Induk=unit")
    assert code == 0
    assert lines == [AUTO_NIP, AUTO_EMAIL,
                     "INFO    r.xlsx:Agen:1 [Satker Induk] column_mapped_chosen: Kolom 'Satker "
                     "Induk' dibaca sebagai Unit kerja (pemetaan untuk unggahan ini; disimpan "
                     "bersama unggahan).",
                     "OK: units 1, agents 3"]


def test_no_auto_map_leaves_every_column_to_the_admin(db, roster, capsys):
    code, lines = run(capsys, "validate", roster, "--no-auto-map", "--json")
    data = json.loads("\n".join(lines))
    assert (code, data["ok"]) == (1, False)
    assert [(i["code"], i["severity"]) for i in data["issues"]] == [
        ("missing_column", "error"), ("missing_column", "error")]
    assert [(s["header"], s["column"], s["reasons"]) for s in data["suggestions"]] == [
        ("Nomor Pegawai", "nip", "isinya NIP; judulnya mirip 'nomor induk pegawai'"),
        ("Satker Induk", "unit", "judulnya mirip 'satker'"),
        ("Surel Kantor", "email", "isinya alamat e-mail; judulnya mirip 'surel'")]


def test_import_stores_the_map_arguments_and_the_next_run_applies_them(db, roster, capsys):
    code, lines = run(capsys, "import", roster, "--map", "Satker Induk=unit", "--map",
                      "Surel Kantor=-", "--by", "admin")
    assert code == 0
    assert lines[-2:] == ["Pemetaan kolom tersimpan: Satker Induk=unit, Surel Kantor=-",
                          "Imported as version 1: {'units': 1, 'agents': 3, 'attendance': 0, "
                          "'zi_history': 0, 'action_plans': 0}"]
    engine = store.connect(db)
    assert store.load_mappings(engine) == {"satkerinduk": "unit", "surelkantor": ""}
    assert store.list_events(engine)["kind"].tolist()[:2] == ["column_mappings", "upload"]
    code, lines = run(capsys, "validate", roster)
    assert code == 0
    assert lines == [AUTO_NIP,
                     "INFO    r.xlsx:Agen:1 [Satker Induk] column_mapped_stored: Kolom 'Satker "
                     "Induk' dibaca sebagai Unit kerja (pemetaan tersimpan). Bila keliru, pilih "
                     "kolom lain di halaman Unggah Data atau pakai --map.",
                     "INFO    r.xlsx:Agen:1 [Surel Kantor] column_ignored_stored: Kolom 'Surel "
                     "Kantor' diabaikan (pemetaan tersimpan).",
                     "OK: units 1, agents 3"]


def test_a_refused_import_stores_no_mapping(db, roster, capsys):
    code, _ = run(capsys, "import", roster, "--map", "Surel Kantor=-", "--no-auto-map")
    assert code == 1
    assert store.load_mappings(store.connect(db)) == {}


@pytest.mark.parametrize(("value", "message"), [
    ("Satker Induk", "error: --map 'Satker Induk' tidak bisa dibaca: tulis \"JUDUL=kolom\", mis. "
                     "\"Satker Induk=unit\"."),
    ("Satker=satuan", "error: --map 'Satker=satuan': 'satuan' bukan nama kolom. Pakai '-' untuk "
                      "mengabaikan, atau salah satu dari: unit_code, "),
])
def test_a_bad_map_argument_stops_with_what_to_write(db, roster, value, message):
    with pytest.raises(SystemExit) as stopped:
        main(["validate", roster, "--map", value])
    assert str(stopped.value.code).startswith(message)


def test_skip_hidden_leaves_out_a_hidden_agent(db, tmp_path, capsys):
    book = load_workbook(io.BytesIO(xlsx({"Unit": UNITS, "Agen": [
        ["NIP", "Nama", "Unit kerja"], *[[r[0], r[1], r[3]] for r in AGENTS[1:]]]})))
    book["Agen"].row_dimensions[3].hidden = True   # Rina
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    _, read = run(capsys, "validate", str(path), "--json")
    _, skipped = run(capsys, "validate", str(path), "--json", "--skip-hidden")
    assert json.loads("\n".join(read))["counts"] == {"units": 1, "agents": 3}
    assert json.loads("\n".join(skipped))["counts"] == {"units": 1, "agents": 2}
