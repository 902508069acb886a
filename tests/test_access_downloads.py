"""Who gets what in a file: every download a session can make, fetched through AppTest as the
browser would get it (a deferred button's callable run by the media file manager, a built pack's
bytes read back from it), and scanned like the pages in test_access_matrix: chart XLSX/CSV, the
sidebar XLSX, the PPTX (slide text, native charts' XML and embedded workbooks), the PDF's text,
the PNG ZIP's names and the unit fact sheets."""

from __future__ import annotations

import csv
import html
import io
import os
import re
import subprocess
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from tests import test_access_matrix as matrix
from tests.conftest import CHROMIUM, PDFTOTEXT, need
from tests.test_access_matrix import (
    CHART_PAGES,
    ROLES,
    Role,
    allowed_entities,
    forbidden_shown,
    found,
    normalized,
    open_as,
    scope_units,
)
from zi_dashboard import store

# The matrix's database (sample + contacts + accounts) and AppTest environment.
access_db_file, sample_tables, access_env = (matrix.access_db_file, matrix.sample_tables,
                                             matrix.access_env)

DOWNLOAD_ROLES = ["anonim-aggregates", "pimpinan", "eselon1", "unit"]
PACK_ROLES = ["anonim-aggregates", "eselon1"]
# How the audit log names each role's scope (Principal.describe_scope: unit scopes are stored
# as unit keys, Biro Keuangan is KS-01-002 in the sample), written out by hand.
AUDIT_SCOPE = {"anonim-aggregates": "all", "pimpinan": "all",
               "eselon1": "eselon1=Inspektorat Jenderal", "unit": "unit=KS-06-002|KS-01-002"}
_XML_TEXT = re.compile(r">([^<>]+)<|=\"([^\"]*)\"")


@pytest.fixture
def media(monkeypatch) -> list[MediaFileManager]:
    """The media file manager of each AppTest run, newest last (AppTest makes one per run)."""
    from streamlit.testing.v1 import app_test

    made: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return made


def fetch(at: AppTest, media: list[MediaFileManager], key: str) -> tuple[str, bytes]:
    """A download button's file name and bytes, as a click in the browser would get them."""
    proto = at.get("download_button")[[b.key for b in at.get("download_button")].index(key)].proto
    manager = media[-1]
    url = manager.execute_deferred(proto.deferred_file_id) if proto.deferred_file_id else proto.url
    stored = manager.read_file(url.rsplit("/", 1)[-1].split(".")[0])
    assert stored is not None, key
    return stored.filename or "", stored.content


def download_keys(at: AppTest, suffix: str) -> list[str]:
    return [b.key for b in at.get("download_button") if (b.key or "").endswith(suffix)]


# --- file contents as text ---------------------------------------------------------------------

def xlsx_texts(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    out = list(book.sheetnames)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            out += [str(v) for v in row if v is not None]
    return out


def csv_texts(data: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return [cell for row in rows for cell in row if cell]


def zip_texts(data: bytes) -> list[str]:
    """Text nodes and attribute values of every XML part, recursively into embedded zips
    (a native chart's workbook), and every member's name."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            out.append(name)
            body = archive.read(name)
            if body[:2] == b"PK":
                out += zip_texts(body)
            elif name.endswith((".xml", ".rels")):
                out += [html.unescape(a or b) for a, b in _XML_TEXT.findall(body.decode())]
    return out


def pdf_text(data: bytes, tmp_path) -> str:
    need(PDFTOTEXT, "pdftotext (poppler-utils)")
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    return subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def assert_allowed(texts: list[str], role: Role, tables, what: str) -> set[str]:
    """No text the role may not see; returns what the texts hold, for positive checks."""
    entities = allowed_entities(tables, role)
    texts = [normalized(t) for t in texts]
    leaked = forbidden_shown(texts, entities)
    assert not leaked, f"{role.id}: {what} holds {leaked[:8]}"
    return found(texts, entities)


def inside(tables, role: Role) -> pd.DataFrame:
    return scope_units(tables["units"], role)


def export_events(access_env_url: str) -> pd.DataFrame:
    engine = store.connect(access_env_url)
    events = store.list_events(engine)
    engine.dispose()
    return events[events["kind"] == "export"]


# --- chart cards -------------------------------------------------------------------------------

@pytest.mark.parametrize("page", CHART_PAGES)
@pytest.mark.parametrize("role_id", DOWNLOAD_ROLES)
def test_chart_xlsx_and_csv_hold_only_the_scope(access_env, media, sample_tables, role_id, page,
                                               monkeypatch):
    role = ROLES[role_id]
    at = open_as(role, page)
    keys = download_keys(at, ".xlsx") + download_keys(at, ".csv")
    assert len(keys) >= 2 and all(k.startswith("dl.") for k in keys), keys
    shown: set[str] = set()
    names = []
    for key in keys:
        name, data = fetch(at, media, key)
        names.append(name)
        texts = xlsx_texts(data) if key.endswith(".xlsx") else csv_texts(data)
        shown |= assert_allowed(texts + [name], role, sample_tables, key)
    scope = inside(sample_tables, role)
    assert shown & {*scope["unit_name"], *scope["eselon1"]}, page  # the files hold the scope
    # Each file was an export audit entry: who, their scope, which file.
    events = export_events(os.environ["DATABASE_URL"])
    assert sorted(events["detail"].str.split("; ").str[0]) == sorted(names)
    assert set(events["actor"]) == {role.account or "anonim"}
    assert set(events["detail"].str.split("; ").str[1]) == {f"scope={AUDIT_SCOPE[role_id]}"}


# --- the sidebar XLSX --------------------------------------------------------------------------

def test_an_anonymous_visitor_is_offered_no_sidebar_download(access_env, media):
    at = open_as(ROLES["anonim-aggregates"])
    assert "app.download_data" not in [b.key for b in at.get("download_button")]


@pytest.mark.parametrize("role_id", ["anonim-full", "pimpinan", "eselon1", "unit",
                                     "admin-eselon1", "admin"])
def test_the_sidebar_xlsx_holds_the_scope_and_what_the_role_may_see(access_env, media,
                                                                    sample_tables, role_id):
    role = ROLES[role_id]
    access_env(role.policy)
    at = open_as(role)
    name, data = fetch(at, media, "app.download_data")
    shown = assert_allowed(xlsx_texts(data) + [name], role, sample_tables, "sidebar XLSX")
    book = load_workbook(io.BytesIO(data))
    agents = next(ws for ws in book.worksheets if ws.title.startswith("Agen"))
    header = [str(c.value) for c in agents[1]]
    scope = inside(sample_tables, role)
    theirs = sample_tables["agents"][sample_tables["agents"]["unit_key"].isin(scope["unit_key"])]
    assert agents.max_row - 1 == len(theirs)  # one row per agent of the scope, under the header
    assert ("NIP" in header) is role.contacts and ("Nama" in header) is role.names
    assert bool(shown & set(theirs["nip"])) is role.contacts
    assert bool(shown & set(theirs["email"])) is role.contacts
    assert shown & set(theirs["name"])


# --- the briefing packs ------------------------------------------------------------------------

def build_pack(at: AppTest, media, fmt: str) -> tuple[str, bytes]:
    at.segmented_control(key="briefing.format").set_value(fmt).run()
    at.button(key="briefing.build").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return fetch(at, media, "briefing.download")


@pytest.fixture
def briefing_as(access_env, media):
    need(CHROMIUM, "Chromium")

    def open_briefing(role: Role) -> AppTest:
        return open_as(role, "pages/unduh_briefing.py")

    return open_briefing


@pytest.mark.parametrize("role_id", PACK_ROLES)
def test_the_pptx_holds_the_scope_in_slides_and_native_chart_data(briefing_as, media,
                                                                  sample_tables, role_id):
    role = ROLES[role_id]
    name, data = build_pack(briefing_as(role), media, "pptx")
    texts = zip_texts(data)
    shown = assert_allowed(texts + [name], role, sample_tables, "PPTX")
    scope = inside(sample_tables, role)
    assert shown & set(scope["eselon1"]) and shown & set(scope["unit_name"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # native charts carry their workbook
        workbooks = [n for n in archive.namelist() if n.endswith(".xlsx")]
        assert workbooks
        for part in workbooks:
            assert_allowed(xlsx_texts(archive.read(part)), role, sample_tables, part)


@pytest.mark.parametrize("role_id", PACK_ROLES)
def test_the_pdf_text_holds_the_scope(briefing_as, media, sample_tables, role_id, tmp_path):
    role = ROLES[role_id]
    name, data = build_pack(briefing_as(role), media, "pdf")
    text = pdf_text(data, tmp_path)
    shown = assert_allowed([text, name], role, sample_tables, "PDF")
    scope = inside(sample_tables, role)
    assert shown & {*scope["unit_name"], *scope["eselon1"]}  # the narratives name the scope


@pytest.mark.parametrize("role_id", PACK_ROLES)
def test_the_png_zip_names_only_the_scope(briefing_as, media, sample_tables, role_id):
    role = ROLES[role_id]
    name, data = build_pack(briefing_as(role), media, "png-zip")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert names and all(n.endswith(".png") for n in names)
    assert_allowed(names + [name], role, sample_tables, "PNG ZIP")


@pytest.mark.parametrize("role_id", ["anonim-aggregates", "pimpinan", "eselon1", "unit"])
def test_the_fact_sheets_are_the_scope_s_units_only(access_env, media, sample_tables, role_id,
                                                   tmp_path):
    role = ROLES[role_id]
    name, data = build_pack(open_as(role, "pages/unduh_briefing.py"), media, "unit-sheets")
    scope = inside(sample_tables, role)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = {n: pdf_text(archive.read(n), tmp_path) for n in archive.namelist()}
    assert len(sheets) == len(scope) + 1  # one per unit, and all of them in one
    shown = assert_allowed([*sheets.values(), *sheets, name], role, sample_tables, "fact sheets")
    assert set(scope["unit_name"]) <= shown
    theirs = sample_tables["agents"][sample_tables["agents"]["unit_key"].isin(scope["unit_key"])]
    assert bool(shown & set(theirs["name"])) is role.names


def test_an_anonymous_fact_sheet_lists_no_one(access_env, media, sample_tables, tmp_path):
    # Aggregates only: a unit's sheet counts its agents; a row per agent (rank, attendance), even
    # without the names, is the row-level data the policy keeps from anonymous visitors.
    role = ROLES["anonim-aggregates"]
    _, data = build_pack(open_as(role, "pages/unduh_briefing.py"), media, "unit-sheets")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        first = sorted(n for n in archive.namelist() if n[:3].isdigit())[0]
        text = pdf_text(archive.read(first), tmp_path)
    assert "Pangkat/Gol" not in text and "Jabatan" not in text
    assert "Daftar per orang hanya untuk pengguna yang sudah masuk" in " ".join(text.split())


def test_a_built_pack_is_gone_after_sign_out(briefing_as, media, sample_tables):
    """A pack built by a scoped account is not offered to whoever uses the browser after it
    signs out: the visitor must build their own (which the anonymous policy then cuts)."""
    at = briefing_as(ROLES["eselon1"])
    build_pack(at, media, "pptx")
    assert download_keys(at, "briefing.download") == ["briefing.download"]
    at.button(key="auth.sign_out").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert download_keys(at, "briefing.download") == []
    assert "briefing.build" in [b.key for b in at.button]
