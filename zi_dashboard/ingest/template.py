"""The upload template: one sheet per dataset with drop-down lists, and a help sheet."""

from __future__ import annotations

import io
from types import MappingProxyType

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from zi_dashboard.charts import palette
from zi_dashboard.domain.schema import DATASETS, ENUMS, RANKS, Column
from zi_dashboard.exports.sheets import HEADER_FILL, header_style
from zi_dashboard.i18n import t

__all__ = ["TEMPLATE_ROWS", "template_workbook"]

_HEAD = ("column", "required", "accepted", "help", "example")
# Rows pre-formatted (NIP as text) and covered by the drop-down lists.
TEMPLATE_ROWS = 1000
_REQUIRED_FILL = palette.REQUIRED_FILL.lstrip("#")

# The help sheet's texts are the catalogue's template.*; its headers are chosen to match no
# column alias, so the help sheet is never mistaken for data.
_EXAMPLES = MappingProxyType({
    "nip": "19860926 201505 1 001", "name": "Andi Sanjaya, S.E., M.Si.", "unit": "Biro Umum",
    "unit_name": "Biro Umum", "eselon1": "Sekretariat Jenderal", "unit_code": "SJ-04",
    "unit_type": "Pusat", "province": "Jawa Barat", "city": "Bandung", "zi_stage": "pembangunan",
    "evaluation_year": 2020, "award_year": 2019, "lke_score": "78,50", "target_stage": "wbk",
    "target_year": 2021, "agents_needed": 3, "gender": "L", "position": "Analis Kebijakan Ahli Muda", "rank": "III/a",
    "appointed_year": 2020, "sk_number": "123/HUK/2020", "status": "aktif",
    "attendance_mode": "tatap_muka", "email": "andi.sanjaya@kemensos.go.id",
    "phone": "0812 3456 7890", "event": "Lokakarya Penguatan Agen Perubahan 2020",
    "date": "04/08/2020", "mode": "virtual", "year": 2020, "title": "Digitalisasi surat masuk",
    "area": "Area I (perubahan pola pikir)", "indicator": "Surat diproses ≤ 1 hari",
    "target": "100% surat elektronik", "realisation": "60% surat elektronik",
    "progress_pct": 60, "due_date": "31/12/2020", "integrated": "ya",
})


def _t(key: str, lang: str) -> str:
    return t(f"template.{key}", lang)


def _accepted(column: Column, lang: str) -> str:
    """What a cell of this column may hold, in words."""
    if column.enum:
        return str(_t("enum", lang)).format(values=", ".join(ENUMS[column.enum].accepted(lang)))
    if column.kind in ("int", "float"):
        return str(_t("number", lang)).format(min=f"{column.min:g}", max=f"{column.max:g}")
    if column.kind == "year":
        return str(_t("year", lang)).format(min=f"{column.min:g}", max=f"{column.max:g}")
    if column.kind in ("date", "nip", "rank", "email"):
        return str(_t(column.kind, lang))
    return str(_t("text", lang))


def _example(column: Column, lang: str) -> object:
    value = _EXAMPLES.get(column.name, "4,50" if column.kind == "float" else "")
    if column.enum and isinstance(value, str) and value in ENUMS[column.enum].keys():
        return ENUMS[column.enum].label(value, lang)
    return value


def _help(column: Column, lang: str) -> str:
    """The column's help text; never the bare label, which would read as a header."""
    text = column.help(lang)
    if text:
        return text
    need = _t("yes" if column.required else "no", lang)
    return f"{column.label(lang)} ({str(_t('required', lang)).lower()}: {str(need).lower()})."


def _write_help(sheet, lang: str) -> None:
    """The help sheet: every column of every dataset with its rules and an example."""
    sheet.append([_t("title", lang)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_t("intro", lang)])
    sheet.append([])
    for spec in DATASETS.values():
        sheet.append([str(_t("sheet", lang)).format(label=spec.label(lang))])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        sheet.append([_t(f"head.{h}", lang) for h in _HEAD])
        for cell in sheet[sheet.max_row]:
            for name, style in header_style().items():
                setattr(cell, name, style)
        for column in spec.columns:
            sheet.append([column.label(lang), _t("yes" if column.required else "no", lang),
                          _accepted(column, lang), _help(column, lang), _example(column, lang)])
        sheet.append([])
    for letter, width in zip("ABCDE", (30, 10, 45, 70, 32)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _write_dataset(sheet, spec, lang: str) -> None:
    """A dataset sheet: header row, NIP as text, drop-down lists for enumerations."""
    for j, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(j)
        cell = sheet.cell(1, j, column.label(lang) + (" *" if column.required else ""))
        cell.font = Font(bold=column.required)
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if column.required else
                                HEADER_FILL)
        sheet.column_dimensions[letter].width = max(14, len(str(cell.value)) + 4)
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if column.kind == "nip":
            for (nip_cell,) in sheet[cells]:
                nip_cell.number_format = "@"
        if column.enum:
            labels = ENUMS[column.enum].accepted(lang)
        elif column.kind == "rank":
            labels = list(RANKS)
        else:
            continue
        rule = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True,
                              showErrorMessage=True, errorStyle="warning",
                              error=str(_t("list_error", lang)))
        rule.add(cells)
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"


def template_workbook(lang: str = "id") -> bytes:
    """The .xlsx template in `lang` ('id' or 'en') as bytes."""
    lang = "en" if lang == "en" else "id"
    book = Workbook()
    _write_help(book.active, lang)
    book.active.title = _t("help_sheet", lang)
    for spec in DATASETS.values():
        _write_dataset(book.create_sheet(spec.label(lang)[:31]), spec, lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
