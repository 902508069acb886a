"""The admin's upload by keyboard alone, in Chromium: sign in, open Unggah Data, choose a roster
through the file chooser, read the validation report, confirm its warning, save the version and
follow the link to Ringkasan. Tab / Shift+Tab reach each control (`_walk_to` fails if `LIMIT`
presses don't), Enter / Space / typing use it; the OS file dialog is the one thing not typed.

The roster is the 2020 sample plus two new agents, the second with a NIP whose gender digit
contradicts its *Jenis kelamin*: no error, one warning, so the commit needs the confirmation box.
The saved version is checked in the served app's database too, not only on the page.

The app is served for this module alone: the commit changes its data, and test_browser_admin
rolls back to the version just before its own, which must be the one it started on."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ADMIN_PASSWORD, _serve, settled
from tests.test_browser_admin import _edited
from tests.test_browser_keyboard import WAIT, _walk_to
from zi_dashboard import store

pytestmark = pytest.mark.browser

NAME = "keyboard-admin"
NOTE = "Uji papan ketik: dua agen baru"
FILLED = "e => [...e.querySelectorAll('table tr')].slice(1).some(r => r.textContent.trim())"
CELLS = """e => [...e.querySelectorAll('table tr')].map(r => [...r.cells].map(c => c.textContent))"""


@pytest.fixture(scope="module")
def served_keyboard_admin_app(tmp_path_factory):
    """An app served for this module only (see above), on its own copy of the sample."""
    yield from _serve(tmp_path_factory, NAME)


def _two_more(rows: list[int]):
    """An edit adding two agents after the last one; the second one's Excel row goes in `rows`."""
    def edit(ws, header, cols):
        last = max(r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["NIP"]).value)
        template = [c.value for c in ws[last]]
        ws.insert_rows(last + 1, 2)
        right = "1" if template[cols["Jenis kelamin"] - 1] == "L" else "2"  # NIP digit 15
        for k, digit in enumerate((right, {"1": "2", "2": "1"}[right])):
            for j, value in enumerate(template, start=1):
                ws.cell(last + 1 + k, j, value)
            ws.cell(last + 1 + k, cols["NIP"], f"19910202 201602 {digit} 9{k:02d}")
            ws.cell(last + 1 + k, cols["Nama"], f"Agen Papan Ketik {k + 1}")
        rows.append(last + 2)
    return edit


def _agents(page) -> str:
    card = page.get_by_test_id("stMetric").filter(has_text="Agen perubahan").first
    card.wait_for(timeout=WAIT)
    return card.get_by_test_id("stMetricValue").inner_text().replace(".", "")


def test_admin_uploads_reads_confirms_and_commits_by_keyboard_alone(
        served_keyboard_admin_app, tmp_path_factory, page, artifacts, tmp_path):
    mismatch: list[int] = []
    roster = tmp_path / "roster_papan_ketik.xlsx"
    roster.write_bytes(_edited(_two_more(mismatch)))
    page.goto(served_keyboard_admin_app, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=WAIT)
    settled(page, WAIT)
    # `_serve`'s database (the app's first run filled it with the sample).
    (folder,) = tmp_path_factory.getbasetemp().glob(f"served-{NAME}[0-9]*")
    engine = store.connect(f"sqlite:///{folder / 'zi.db'}")
    before = store.list_versions(engine)
    agents_before = store.current_version(engine).counts["agents"]

    # Sign in: the account panel, the password, Enter submits.
    _walk_to(page, lambda f: f.startswith("SUMMARY|") and "Masuk ke akun" in f)
    page.keyboard.press("Enter")
    _walk_to(page, lambda f: f.startswith("INPUT|") and "Kata sandi" in page.evaluate(
        "() => document.activeElement.labels?.[0]?.innerText || ''"))
    page.keyboard.type(ADMIN_PASSWORD)
    page.keyboard.press("Enter")
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Masuk sebagai admin (Superadmin).").wait_for(timeout=WAIT)
    settled(page, WAIT)

    # Unggah Data, a link only an admin's sidebar has; its uploader's button opens the OS file
    # chooser. The `with` starts here: Playwright arms its chooser interception without waiting
    # for it, and an Enter pressed soon after could open a dialog it never sees (seen: 2 in 8).
    with page.expect_file_chooser(timeout=WAIT) as chooser:
        _walk_to(page, lambda f: f.startswith("A|") and f.endswith("|unggah_data"))
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="Unggah Data", exact=True).wait_for(timeout=WAIT)
        settled(page, WAIT)
        _walk_to(page, lambda f: f.startswith("BUTTON|") and "Upload" in f.split("|")[2])
        page.keyboard.press("Enter")
    chooser.value.set_files(roster)
    page.get_by_text("Pemeriksaan selesai: 0 kesalahan, 1 peringatan").wait_for(timeout=WAIT)
    settled(page, WAIT)

    # The report: its one row names the second new agent's row and its gender column.
    grid = page.get_by_test_id("stDataFrame").first  # its rows: the grid's accessible table
    page.wait_for_function(FILLED, arg=grid.element_handle(), timeout=WAIT)  # drawn lazily
    rows = grid.evaluate(CELLS)
    assert len(rows) == 2, rows  # the header and one issue
    issue = dict(zip(rows[0], rows[1], strict=True))
    assert (issue["Tingkat"], issue["Baris"], issue["Kolom"]) == (
        "Peringatan", str(mismatch[0]), "Jenis kelamin")
    assert issue["Berkas"] == roster.name
    # Its severity filter, a toolbar: Tab enters it, an arrow reaches Peringatan, Space toggles.
    for shown in (0, 1):  # hide the warning, then show it again
        _walk_to(page, lambda f: f.startswith("BUTTON|") and "Kesalahan (0)" in f)
        _walk_to(page, lambda f: f.startswith("BUTTON|") and "Peringatan (1)" in f, "ArrowRight")
        page.keyboard.press("Space")
        page.get_by_text(f"{shown} dari 1 masalah ditampilkan.").wait_for(timeout=WAIT)
        settled(page, WAIT)
    # The preview: two agents more than the active version holds.
    page.get_by_role("tab", name="Agen baru (2)").wait_for(timeout=WAIT)
    assert int(_agents(page)) == agents_before + 2
    page.screenshot(path=artifacts / "keyboard_admin_1_report.png")

    # The commit form: a note, the warning confirmed with Space, Enter on Simpan.
    _walk_to(page, lambda f: f.startswith("INPUT|Catatan versi|"))
    page.keyboard.type(NOTE)
    _walk_to(page, lambda f: f.startswith("INPUT|Saya sudah membaca 1 peringatan"))
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked") is True
    _walk_to(page, lambda f: f.startswith("BUTTON|") and "Simpan sebagai versi baru" in f)
    page.keyboard.press("Enter")
    saved = page.get_by_test_id("stAlertContentSuccess").filter(has_text="Tersimpan sebagai versi")
    saved.wait_for(timeout=WAIT)
    settled(page, WAIT)
    version = int(re.search(r"versi (\d+)", saved.inner_text()).group(1))
    page.screenshot(path=artifacts / "keyboard_admin_2_saved.png")

    # The database: one version more, the one the page named, current, with the note and agents.
    after = store.list_versions(engine)
    engine.dispose()
    assert len(after) == len(before) + 1
    assert version not in {v.id for v in before}
    newest = after[0]
    assert (newest.id, newest.is_current, newest.note) == (version, True, NOTE)
    assert newest.files == [roster.name] and newest.counts["agents"] == agents_before + 2

    # The message's link to Ringkasan, which now shows that version.
    _walk_to(page, lambda f: f.startswith("A|") and "Lihat Ringkasan" in f)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Ringkasan", exact=True).wait_for(timeout=WAIT)
    page.get_by_text(re.compile(rf"versi {version}\b")).first.wait_for(timeout=WAIT)
    assert int(_agents(page)) == agents_before + 2
    page.screenshot(path=artifacts / "keyboard_admin_3_ringkasan.png")
