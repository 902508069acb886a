"""Properties of the reader and validation on arbitrary cells (hypothesis): they never raise,
text comes back as written, hidden rows are found, and a refused upload changes nothing."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import inspect, text

from tests.workbooks import BASE, NIP_L1, xlsx
from zi_dashboard import config, i18n, store
from zi_dashboard.ingest import workbook
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import validate_sources
from zi_dashboard.store import importer

SIZES = {"max_bytes": 50 * config.MB, "max_uncompressed_bytes": 200 * config.MB}
# Each example starts a worker process: a few dozen examples cover the shapes in seconds.
SOME = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HEADERS = ["NIP", "Nama", "Unit Kerja", "Eselon I", "Tahap ZI", "Nilai LKE", "Kehadiran", "L/P",
           "Tahun", "Kegiatan", "Judul RTL", "Progres", "No", "Catatan"]
# Text openpyxl can write: no control characters, no lone surrogates.
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40)
LONG_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=2_000,
                    max_size=32_767)
VALUES = st.one_of(
    st.none(), TEXT, st.sampled_from(HEADERS), st.sampled_from([NIP_L1, "WBK 2019", "✓", "-"]),
    st.integers(-(10**15), 10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)), LONG_TEXT)
ROWS = st.lists(st.lists(VALUES, max_size=8), max_size=12)
# A header of known names first, so the sheet is read as a dataset and its rows are checked.
TABLES = st.tuples(st.lists(st.sampled_from(HEADERS), min_size=0, max_size=6), ROWS)
SHEETS = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 3), TABLES), min_size=1,
                  max_size=3)


def _xlsx(sheets) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for n, (top, left, (header, rows)) in enumerate(sheets):
        sheet = book.create_sheet(f"S{n}")
        for i, row in enumerate([header, *rows]):
            for j, value in enumerate(row):
                if value is not None:
                    sheet.cell(top + i + 1, left + j + 1, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _csv(sheets) -> bytes:
    _, _, (header, rows) = sheets[0]
    lines = [";".join("" if v is None else str(v).replace(";", ",") for v in row)
             for row in [header, *rows]]
    return "\r\n".join(lines).encode("utf-8")


def _answered(result) -> None:
    """Every error names a code with a message in both languages, and the report renders."""
    for issue in result.report.issues:
        assert i18n.template(f"issue.{issue.code}", "id"), issue.code
        assert issue.message("id") and issue.message("en")
    assert len(result.report.to_frame("en")) == len(result.report.issues)


@SOME
@given(SHEETS)
def test_validation_never_raises_on_any_xlsx(sheets):
    _answered(validate_sources([SourceFile("acak.xlsx", _xlsx(sheets))]))


@SOME
@given(SHEETS)
def test_validation_never_raises_on_any_csv(sheets):
    _answered(validate_sources([SourceFile("acak.csv", _csv(sheets))]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(TEXT.filter(lambda s: s.strip() == s and s and s[0] != "="),
                         min_size=1, max_size=5), min_size=1, max_size=8))
def test_text_comes_back_as_written(rows):
    # (Text starting with "=" is a formula to openpyxl, so it is left out.)
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    (grid,) = workbook.read_grids(SourceFile("t.xlsx", buffer.getvalue()), **SIZES)
    assert [r[:len(w)] for r, w in zip(grid.rows, rows, strict=True)] == rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 30), st.sets(st.integers(1, 40), max_size=10))
def test_hidden_rows_are_found_wherever_they_are(used, hidden):
    book = Workbook()
    for i in range(used):
        book.active.append([f"r{i + 1}", i])
    for row in hidden:
        book.active.row_dimensions[row].hidden = True
    buffer = io.BytesIO()
    book.save(buffer)
    (grid,) = workbook.read_grids(SourceFile("h.xlsx", buffer.getvalue()), **SIZES)
    assert grid.hidden_rows == frozenset(r - 1 for r in hidden if r <= used)
    assert all(grid.rows[i][0] == f"r{i + 1}" for i in grid.hidden_rows)


def _state(engine) -> tuple:
    versions = [(v.id, v.is_current) for v in store.list_versions(engine)]
    tables = sorted(t for t in inspect(engine).get_table_names() if t != "audit_events")
    with engine.connect() as conn:
        counts = {t: conn.execute(text(f'SELECT COUNT(*) FROM "{t}"')).scalar() for t in tables}
    return versions, counts


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(SHEETS, st.sampled_from(["xlsx", "csv", "broken"]))
def test_a_refused_upload_changes_nothing_in_the_store(sheets, kind):
    engine = store.connect("sqlite://")
    assert importer.import_sources(engine, [SourceFile("dasar.xlsx", xlsx(BASE))],
                                   config.defaults(), uploader="dasar").ok
    before = _state(engine)
    data = {"xlsx": _xlsx, "csv": _csv}.get(kind, lambda s: _xlsx(s)[:-40])(sheets)
    outcome = importer.import_sources(engine, [SourceFile(f"acak.{kind}", data)],
                                      config.defaults(), uploader="acak")
    if outcome.commit is None:
        assert _state(engine) == before
        assert store.list_events(engine, limit=1)["kind"].tolist() == ["upload_refused"]
    else:
        assert outcome.validation.report.ok
