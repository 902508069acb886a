"""Spreadsheet safety, one rule for every writer: no formula, no illegal XML character.

The payloads are names a hostile or careless roster could hold; every workbook the app writes
(chart and sidebar XLSX, the validation report, the data inside native PowerPoint charts) and
every CSV must keep them as plain text.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation

from zi_dashboard.exports.pptx_chart import add_native_chart
from zi_dashboard.exports.sheets import to_csv, to_xlsx
from zi_dashboard.ingest.report_workbook import report_workbook
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import validate_sources

PAYLOADS = ['=HYPERLINK("http://evil.example","klik")', "+62 812 3456", "-1+2", "@SUM(A1)",
            "=1+1"]


def _formula_cells(data: bytes) -> list[str]:
    """Every cell openpyxl reads as a formula, in every sheet of an .xlsx."""
    book = load_workbook(io.BytesIO(data))
    return [f"{ws.title}!{cell.coordinate}={cell.value}" for ws in book.worksheets
            for row in ws.iter_rows() for cell in row if cell.data_type == "f"]


def _texts(data: bytes) -> set[str]:
    book = load_workbook(io.BytesIO(data))
    return {cell.value for ws in book.worksheets for row in ws.iter_rows() for cell in row
            if isinstance(cell.value, str)}


def test_dashboard_xlsx_keeps_payloads_as_text():
    frame = pd.DataFrame({"unit_name": PAYLOADS, "agents": range(len(PAYLOADS))})
    data = to_xlsx({"Unit": frame})
    assert _formula_cells(data) == []
    assert set(PAYLOADS) <= _texts(data)


def test_csv_prefixes_formula_text_with_an_apostrophe():
    text = to_csv(pd.DataFrame({"=name": ["=1+1", "Biro Umum", "@SUM(A1)"]})).decode("utf-8-sig")
    assert text.splitlines() == ["'=name", "'=1+1", "Biro Umum", "'@SUM(A1)"]


def test_illegal_xml_characters_are_dropped_not_fatal():
    data = to_xlsx({"Unit": pd.DataFrame({"unit_name": ["Biro\x07 Umum\x00"]})})
    assert "Biro Umum" in _texts(data)


@pytest.mark.parametrize("kind", ["barh", "pie", "stacked_bar"])
def test_native_pptx_chart_data_holds_no_formula(kind):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = pd.DataFrame({"unit": PAYLOADS, "=series": range(1, len(PAYLOADS) + 1),
                          "agents": range(len(PAYLOADS))})
    add_native_chart(slide, kind, frame, (0.5, 0.5, 9.0, 5.0))
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        embedded = [archive.read(n) for n in archive.namelist() if n.endswith(".xlsx")]
    assert len(embedded) == 1
    assert _formula_cells(embedded[0]) == []
    assert set(PAYLOADS) | {"=series"} <= _texts(embedded[0])


def test_validation_report_workbook_keeps_uploaded_text_as_text():
    files = [SourceFile("roster.csv", "NIP;Nama;Unit Kerja\n12345;=1+1;@SUM(A1)\n".encode())]
    report = validate_sources(files).report
    assert report.errors  # a bad NIP and an unknown unit: the copy is written with marks
    data = report_workbook(files, report)
    assert _formula_cells(data) == []
    assert {"=1+1", "@SUM(A1)"} <= _texts(data)
