"""The sample's tables written as the rosters units keep: title rows, a No column, signatures."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from zi_dashboard import config
from zi_dashboard.domain import schema
from zi_dashboard.sample.generate import (
    FILE_TIME,
    HISTORY_FROM,
    SAMPLE_YEARS,
    generate_sample,
    sample_paths,
)

__all__ = ["sample_workbook", "write_sample"]


# Sheet name, dataset, title lines ({year}; {first}: first history year).
_SHEETS = (
    ("Agen Perubahan", "agents", ("DAFTAR AGEN PERUBAHAN KEMENTERIAN SOSIAL TAHUN {year}",)),
    ("Unit Kerja", "units", ("DAFTAR UNIT KERJA DAN TAHAPAN ZONA INTEGRITAS TAHUN {year}",
                             "Nilai LKE hasil penilaian/pemantauan TPI (data contoh)")),
    ("Riwayat ZI", "zi_history", ("RIWAYAT PEMBANGUNAN ZONA INTEGRITAS {first}–{year}",)),
    ("RTL", "action_plans", ("RENCANA TINDAK LANJUT (RTL) AGEN PERUBAHAN TAHUN {year}",)),
)
_SUBTITLE = {2019: ("Keadaan 31 Desember 2019", "31 Desember 2019"),
             2020: ("Peserta Lokakarya Penguatan Agen Perubahan, 4–7 Agustus 2020, Bandung",
                    "31 Agustus 2020")}
_SIGNATURE = ("Jakarta, {date}", "Sekretaris Badan Pendidikan, Penelitian dan Penyuluhan Sosial,",
              None, None, "Drs. Hendra Wibisana, M.Si.")
_WIDTH = {"nip": 24, "name": 34, "unit": 50, "unit_name": 50, "eselon1": 40, "position": 40,
          "title": 46, "indicator": 34, "realisation": 34, "area": 34, "sk_number": 14}
_FORMAT = {"nip": "@", "float": "0.00", "date": "DD/MM/YYYY"}
_MODE_TEXT = {"tatap_muka": "Tatap Muka", "virtual": "Virtual"}
# The look of a unit's own roster (navy heading, grey boxes), not the app's palette.
_THIN = Side(style="thin", color="A6A6A6")
_BOX = Border(_THIN, _THIN, _THIN, _THIN)


def _cell(column: schema.Column, value: object) -> object:
    """A clean value as a person types it in a roster (NIP with spaces, labels, plain numbers)."""
    if value is None or pd.isna(value):
        return None
    if column.kind == "nip":
        return f"{value[:8]} {value[8:14]} {value[14]} {value[15:]}"
    if column.kind == "enum" and column.name != "gender":
        return _MODE_TEXT.get(value) or schema.ENUMS[column.enum].label(value, "id")
    if column.kind == "date":
        return pd.Timestamp(value).to_pydatetime()
    return {"int": int, "year": int, "float": float}.get(column.kind, str)(value)


def _write_sheet(ws, table: pd.DataFrame, dataset: str, titles: list[str], footer: tuple) -> None:
    """Merged title rows, a header row with a No column, the records, a signature block."""
    columns = [c for c in schema.DATASETS[dataset].columns if table[c.name].notna().any()]
    for i, text in enumerate(titles, 1):
        ws.cell(i, 1, text).font = Font(bold=True, size=13 if i == 1 else 11)
        ws.cell(i, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=i, start_column=1, end_row=i, end_column=len(columns) + 1)
    head = len(titles) + 2
    for j, text in enumerate(["No", *(c.label_id for c in columns)], 1):
        cell = ws.cell(head, j, text)
        cell.font, cell.border = Font(bold=True, color="FFFFFF"), _BOX
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, record in enumerate(zip(*(table[c.name].tolist() for c in columns)), 1):
        ws.cell(head + i, 1, i).border = _BOX
        for j, (column, value) in enumerate(zip(columns, record, strict=True), 2):
            cell = ws.cell(head + i, j, _cell(column, value))
            cell.border, cell.number_format = _BOX, _FORMAT.get(column.kind, "General")
    for j, column in enumerate(columns, 2):
        ws.column_dimensions[get_column_letter(j)].width = _WIDTH.get(
            column.name, max(10, min(24, len(column.label_id) + 2)))
    ws.column_dimensions["A"].width, ws.freeze_panes = 5, ws.cell(head + 1, 2)
    for i, text in enumerate(footer):  # one cell per line: a reader must not take it for a record
        ws.cell(head + len(table) + 3 + i, max(2, len(columns) - 2), text)


def _fixed_zip(data: bytes) -> bytes:
    """The workbook with fixed member times and modification date, so bytes depend on data only."""
    stamp = FILE_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, body)
            dst.writestr(zipfile.ZipInfo(info.filename, FILE_TIME.timetuple()[:6]), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sample_workbook(tables: dict[str, pd.DataFrame], year: int) -> bytes:
    """One year's clean tables as a roster workbook with Indonesian headers (xlsx bytes)."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator, wb.properties.title = "Dasbor ZI", f"Data contoh Agen Perubahan {year}"
    wb.properties.created = wb.properties.modified = FILE_TIME
    subtitle, date = _SUBTITLE[year]
    for sheet, dataset, titles in _SHEETS:
        if dataset in tables:
            lines = [t.format(year=year, first=HISTORY_FROM) for t in titles]
            footer = tuple(t and t.format(date=date) for t in _SIGNATURE)
            _write_sheet(wb.create_sheet(sheet), tables[dataset], dataset,
                         lines + [subtitle] * (dataset == "agents"),
                         footer if dataset == "agents" else ())
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip(buffer.getvalue())


def write_sample(out_dir: Path = config.DATA_DIR, seed: int = 2020) -> list[Path]:
    """Write sample_2019.xlsx and sample_2020.xlsx into `out_dir`; returns their paths."""
    tables = generate_sample(seed)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    paths = sample_paths(out_dir)
    for year, path in zip(SAMPLE_YEARS, paths, strict=True):
        path.write_bytes(sample_workbook(tables[year], year))
    return paths
