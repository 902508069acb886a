"""`import --as NAME` in process, with another commit landing between the CLI's check and its
commit: the scope is checked again on the version the rows are merged onto, read as the command
line asked (--map, --skip-hidden)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.conftest import on_both_backends
from tests.test_scoped_upload import (
    AGENTS,
    AS_DAYASOS,
    AS_REHSOS,
    DAYASOS,
    REHSOS,
    UNITS,
    Roster,
    first_unit_moved,
    settings_for,
)
from zi_dashboard import cli, sample, store
from zi_dashboard.access import Principal
from zi_dashboard.store import importer, users

ROOT_ADMIN = Principal(name="root", role="superadmin")


@pytest.fixture(scope="module")
def roster(sample_db_file) -> Roster:
    return Roster.read(sample.sample_paths()[1].read_bytes())


@pytest.fixture
def db(sample_db_url, monkeypatch) -> str:
    """The sample database with an admin scoped to Rehabilitasi Sosial."""
    monkeypatch.setenv("DATABASE_URL", sample_db_url)
    monkeypatch.setenv("ZI_LANG", "id")
    engine = store.connect(sample_db_url)
    users.add_user(engine, "admin.rehsos", role="admin", scope=[REHSOS], actor="test")
    engine.dispose()
    return sample_db_url


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def meanwhile(monkeypatch, commit) -> list:
    """Run `commit()` once the CLI has checked its files, just before it commits them."""
    real, landed = importer.import_sources, []

    def import_after_another(*args, **kwargs):
        if landed:  # the other commit itself, and the CLI's once it has landed
            return real(*args, **kwargs)
        landed.append("running")
        landed[0] = commit()
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "import_sources", import_after_another)
    return landed


@on_both_backends
def test_a_unit_moved_out_of_the_scope_meanwhile_is_checked_again_and_refused(
        db, roster, capsys, monkeypatch, tmp_path):
    # Rehsos' agents with a new one in its first unit: fine on version 2 ...
    upload, moved = first_unit_moved(roster)
    path = tmp_path / "rehsos.xlsx"
    path.write_bytes(upload.file().data)
    engine, settings = store.connect(db), settings_for(db)
    checked = importer.validate_against_current(engine, [upload.file()], settings,
                                                principal=AS_REHSOS)
    assert checked.report.ok, checked.report.errors[:3]
    # ... but before the CLI commits, a national admin moves that unit to the Sekretariat.
    landed = meanwhile(monkeypatch, lambda: importer.import_sources(
        engine, [moved.file("pindah.xlsx")], settings, uploader="root",
        principal=ROOT_ADMIN))

    code, out, err = run(capsys, "import", str(path), "--as", "admin.rehsos")

    assert landed[0].commit.version.id == 3
    assert code == 1 and "Import refused" in err
    last_row = upload.first_row(AGENTS) + len(upload.rows[AGENTS]) - 1
    assert f"ERROR   rehsos.xlsx:{AGENTS}:{last_row} [Unit kerja] scope_outside:" in out
    assert [v.id for v in store.list_versions(engine)] == [3, 2, 1]
    assert "199001012015011931" not in set(store.load_snapshot(engine).tables["agents"]["nip"])


@on_both_backends
def test_checking_again_reads_the_files_as_the_command_line_asked(db, roster, capsys,
                                                                  monkeypatch, tmp_path):
    # The NIP column under a header nobody lists, read as NIP only by --map.
    mine = roster.only(REHSOS).edited(UNITS, 0, **{"Kebutuhan agen": 8})
    header = ["Nomor Pegawai" if h == "NIP" else h for h in mine.top[AGENTS][-1]]
    mine = replace(mine, top={**mine.top, AGENTS: [*mine.top[AGENTS][:-1], header]})
    path = tmp_path / "rehsos.xlsx"
    path.write_bytes(mine.file().data)
    dayasos = roster.only(DAYASOS).edited(UNITS, 0, **{"Kebutuhan agen": 5})
    engine, settings = store.connect(db), settings_for(db)
    meanwhile(monkeypatch, lambda: importer.import_sources(
        engine, [dayasos.file("dayasos.xlsx")], settings, uploader="admin.dayasos",
        principal=AS_DAYASOS))

    code, out, err = run(capsys, "import", str(path), "--as", "admin.rehsos", "--no-auto-map",
                         "--map", "Nomor Pegawai=nip")

    assert code == 0, out + err
    latest = store.load_snapshot(engine)
    assert latest.version.id == 4
    manifest = json.loads(store.version_files(engine, 4)[1].data)
    assert manifest["base_version"] == 3   # merged over Dayasos' commit, checked on it
    needs = latest.tables["units"].set_index("unit_key")["agents_needed"]
    code_of = lambda r: r.rows[UNITS][0][r.col(UNITS, "Kode unit")]  # noqa: E731
    assert (needs[code_of(mine)], needs[code_of(dayasos)]) == (8, 5)
    assert latest.version.counts["agents"] == 291
