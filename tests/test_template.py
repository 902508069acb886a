"""The upload template: headers, formats, drop-downs, help sheet, and its own round trip."""

import io

import pytest
from openpyxl import load_workbook

from tests.workbooks import NIP_L1
from zi_dashboard.domain.schema import DATASETS, ENUMS
from zi_dashboard.ingest.reader import find_header_row, read_source
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.template import template_workbook
from zi_dashboard.ingest.validate import validate_sources

LIMITS = {"max_bytes": 10 ** 8, "max_uncompressed_bytes": 10 ** 9}

HELP_SHEET_NAME = {"id": "Petunjuk", "en": "Help"}


def book(lang: str):
    return load_workbook(io.BytesIO(template_workbook(lang)))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_one_sheet_per_dataset_with_labels_and_marked_required_headers(lang):
    wb = book(lang)
    assert wb.sheetnames == [HELP_SHEET_NAME[lang]] + [d.label(lang) for d in DATASETS.values()]
    for spec in DATASETS.values():
        sheet = wb[spec.label(lang)]
        header = [c.value for c in sheet[1]]
        assert [h.rstrip(" *") for h in header] == [c.label(lang) for c in spec.columns]
        for cell, column in zip(sheet[1], spec.columns):
            assert cell.font.bold is column.required
            assert cell.value.endswith(" *") is column.required


@pytest.mark.parametrize("lang", ["id", "en"])
def test_nip_columns_are_text_and_enums_have_drop_downs_in_the_language(lang):
    wb = book(lang)
    agents = wb[DATASETS["agents"].label(lang)]
    assert agents["A2"].number_format == "@" and agents["A500"].number_format == "@"
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1
             for dv in agents.data_validations.dataValidation}
    letters = {c.name: chr(ord("A") + i) for i, c in enumerate(DATASETS["agents"].columns)}
    modes = ENUMS["attendance_mode"].accepted(lang)
    assert all(m in lists[letters["attendance_mode"]] for m in modes)
    assert ENUMS["gender"].label("L", lang) in lists[letters["gender"]]
    assert "III/a" in lists[letters["rank"]]
    stages = wb[DATASETS["units"].label(lang)].data_validations.dataValidation
    assert any(ENUMS["zi_stage"].label("penilaian_tpi", lang) in dv.formula1 for dv in stages)


@pytest.mark.parametrize("lang, word", [("id", "Wajib"), ("en", "Required")])
def test_help_sheet_explains_every_column(lang, word):
    sheet = book(lang)[HELP_SHEET_NAME[lang]]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert any(word in r for r in rows)
    for spec in DATASETS.values():
        described = {r[0]: r for r in rows if r[0] and r[2]}
        for column in spec.columns:
            row = described[column.label(lang)]
            assert row[1] in (("Ya", "Tidak") if lang == "id" else ("Yes", "No"))
            assert row[3]                      # an explanation
    stage_row = next(r for r in rows if r[0] == DATASETS["units"].column("zi_stage").label(lang))
    assert ENUMS["zi_stage"].label("wbbm", lang) in stage_row[2]
    # The help sheet must never be mistaken for data.
    assert find_header_row([list(r) for r in rows]) is None


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_empty_template_reads_back_recognised_and_empty(lang):
    sheets = read_source(SourceFile("templat.xlsx", template_workbook(lang)), **LIMITS)
    by_name = {s.sheet: s for s in sheets}
    for spec in DATASETS.values():
        sheet = by_name[spec.label(lang)]
        assert (sheet.dataset, sheet.header_row, sheet.unknown_headers) == (spec.name, 1, [])
        assert set(sheet.headers) == {c.name for c in spec.columns}
        assert sheet.frame.empty
    result = validate_sources([SourceFile("templat.xlsx", template_workbook(lang))])
    assert [i.code for i in result.report.errors] == ["no_data"]
    assert result.tables == {}
    assert {s["dataset"] for s in result.report.sheets} == {None, *DATASETS}


def test_a_filled_template_validates():
    wb = book("id")
    wb["Unit kerja"].append(["BU", "Biro Umum", "Sekretariat Jenderal", "Pusat", None, None,
                             "Pembangunan", 2020, "78,5"])
    wb["Agen perubahan"].append([NIP_L1, "Andi Sanjaya, S.E.", "BU", None, "Laki-laki", None,
                                 "III/a", 2020, None, "Aktif", "Tatap muka"])
    buffer = io.BytesIO()
    wb.save(buffer)
    result = validate_sources([SourceFile("templat.xlsx", buffer.getvalue())])
    assert result.report.ok, result.report.to_records()
    assert result.counts() == {"units": 1, "agents": 1, "attendance": 1}
    assert result.tables["agents"].loc[0, "unit_key"] == "BU"
