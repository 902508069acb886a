"""Which version details each admin sees on Riwayat Data (`present.admin_tables`), and how a
blanked version reads in the versions table and the version pickers."""

from __future__ import annotations

import datetime as dt

import pytest

from zi_dashboard.access import Principal
from zi_dashboard.present import admin_tables
from zi_dashboard.store import Version

REHSOS = "Direktorat Jenderal Rehabilitasi Sosial"
WHEN = dt.datetime(2026, 12, 2, 6, 5, tzinfo=dt.timezone.utc)


def _version(vid: int, uploader: str) -> Version:
    return Version(vid, WHEN, uploader, f"catatan {vid}", [f"berkas_{vid}.xlsx"], "ab" * 32,
                   {"units": 81, "agents": 290 + vid}, vid == 2)


@pytest.mark.parametrize(("viewer", "uploader", "shown"), [
    (None, "admin.pusat", True),  # the CLI and tests: everything
    (Principal("root", "superadmin"), "admin.rehsos", True),
    (Principal("admin.pusat", "admin"), "admin.rehsos", True),  # unscoped admin
    (Principal("admin.rehsos", "admin", eselon1=(REHSOS,)), "admin.rehsos", True),  # its own
    (Principal("admin.rehsos", "admin", eselon1=(REHSOS,)), "admin.pusat", False),
    (Principal("admin.rehsos", "admin", eselon1=(REHSOS,)), "sample", False),
    (Principal("admin.rehsos", "admin", eselon1=(REHSOS,)), "Admin.Rehsos", False),  # exact name
    (Principal(None, "admin", eselon1=(REHSOS,)), "anonim", False),  # no name is nobody's
])
def test_shows_version_details(viewer, uploader, shown):
    assert admin_tables.shows_version_details(_version(1, uploader), viewer) is shown


def test_a_blanked_version_keeps_its_id_time_and_current_mark():
    viewer = Principal("admin.rehsos", "admin", eselon1=(REHSOS,))
    versions = [_version(2, "admin.pusat"), _version(1, "admin.rehsos")]
    frame = admin_tables.versions_table(versions, "id", viewer=viewer).set_index("Versi")
    assert frame.loc[2, "Aktif"] == "✔ aktif" and frame.loc[2, "Waktu (WIB)"].hour == 13
    assert frame.loc[2, ["Pengunggah", "Catatan", "Berkas", "SHA-256"]].tolist() == ["—"] * 4
    assert frame.loc[2, ["Unit kerja", "Agen perubahan"]].isna().all()
    assert frame.loc[1, ["Pengunggah", "Catatan", "Berkas"]].tolist() == [
        "admin.rehsos", "catatan 1", "berkas_1.xlsx"]
    assert frame.loc[1, "Agen perubahan"] == 291
    assert admin_tables.version_label(versions[0], "en", viewer=viewer) == (
        "Version 2 · 2 December 2026")
    assert admin_tables.version_label(versions[1], "id", viewer=viewer) == (
        "Versi 1 · 2 Desember 2026 · admin.rehsos")
    every = admin_tables.versions_table(versions, "id")
    assert every["Pengunggah"].tolist() == ["admin.pusat", "admin.rehsos"]
    assert every["Agen perubahan"].tolist() == [292, 291]
