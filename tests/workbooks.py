"""Workbook builders for the reader and validation tests: rosters written with openpyxl."""

from __future__ import annotations

import copy
import io
import zipfile

from openpyxl import Workbook

from zi_dashboard.ingest.sources import SourceFile

Rows = list[list[object]]

# NIPs that satisfy every rule (birth date, start, gender digit 1 = L / 2 = P).
NIP_L1 = "19860926 201505 1 001"
NIP_P1 = "19900412 201403 2 007"
NIP_L2 = "19751231 200012 1 003"
NIP_P2 = "19821105 200903 2 012"
NIP_L3 = "19680704 199303 1 002"
NIP_P3 = "19950115 201902 2 005"


def xlsx(sheets: dict[str, Rows], merges: dict[str, list[str]] | None = None,
         text_columns: dict[str, list[str]] | None = None) -> bytes:
    """An .xlsx with one sheet per entry (rows from A1); optional merged ranges and Text columns."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in (merges or {}).get(title, []):
            sheet.merge_cells(cells)
        for letter in (text_columns or {}).get(title, []):
            for (cell,) in sheet[f"{letter}1:{letter}{len(rows)}"]:
                cell.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def source(name: str, sheets: dict[str, Rows], **kwargs) -> SourceFile:
    return SourceFile(name, xlsx(sheets, **kwargs))


# A roster as a ministry actually sends it: 3 merged title rows, a `No` column, a column-number
# row, a blank spacer row, names with titles, several spellings of rank and attendance, and a
# signature block under the table.
ROSTER_HEADER = ["No", "NIP", "Nama Pegawai", "Pangkat/Gol", "Jabatan", "Satuan Kerja", "L/P",
                 "Kehadiran"]
ROSTER_AGENTS: Rows = [
    [1, NIP_L1, "Andi Sanjaya, S.E., M.Si.", "Penata Muda (III/a)", "Analis Kebijakan",
     "Biro Umum", "L", "luring"],
    [2, "19900412.201403.2.007", "Dra. Rina Kartika", "IIIb", "Pranata Humas", "BIRO HUKUM", "P",
     "daring"],
    [3, "'197512312000121003", "Ir. Bambang Wijaya, M.T.", "IV-a", "Kepala Bagian",
     "Balai Besar Rehabilitasi Sosial Bandung", "L", "Tatap Muka"],
    None,  # the blank spacer row
    [4, "19821105-200903-2-012", "Siti Aminah, S.Sos.", "3c", "Pekerja Sosial",
     "Biro Umum", "P", "Virtual"],
    [5, NIP_L3, "H. Ahmad Fauzi, S.H.", "Pembina (IV/a)", "Kepala Biro", "Biro Hukum", "L",
     "offline"],
    [6, "  19950115 201902 2 005 ", "Nur Aisyah, S.Kom.", "III/a", "Pranata Komputer",
     "Balai Besar Rehabilitasi Sosial Bandung", "P", "zoom"],
]
ROSTER_FIRST_ROW = 6           # Excel row of the first agent
ROSTER_ROWS = [6, 7, 8, 10, 11, 12]   # Excel rows of the six agents (row 9 is the spacer)
ROSTER_MODES = {"tatap_muka": 3, "virtual": 3, "hadir": 0, "tidak_hadir": 0}


def roster_rows(agents: Rows | None = None, signature: str = "one_column") -> Rows:
    """The agents sheet rows: titles, header, column numbers, agents, blank, signature."""
    rows: Rows = [
        ["DAFTAR NOMINATIF AGEN PERUBAHAN"],
        ["KEMENTERIAN SOSIAL REPUBLIK INDONESIA TAHUN 2020"],
        ["Lokakarya Penguatan Agen Perubahan, Bandung, 4-7 Agustus 2020"],
        ROSTER_HEADER,
        list(range(1, len(ROSTER_HEADER) + 1)),
    ]
    rows += [list(r) if r else [] for r in (agents if agents is not None else ROSTER_AGENTS)]
    rows += [[]]
    if signature == "one_column":
        rows += [[None] * 6 + [line] for line in (
            "Jakarta, 10 Agustus 2020", "Kepala Biro Organisasi dan Tata Laksana", None,
            "Dr. Budi Santoso, M.Si.", "NIP. 19700101 199503 1 001")]
    elif signature == "two_columns":
        rows += [[None, "Mengetahui,", None, None, None, None, "Jakarta, 10 Agustus 2020"],
                 [None, "Kepala Biro Umum", None, None, None, None, "Ketua Tim"],
                 [], [None, "Dr. Budi Santoso", None, None, None, None, "Sri Lestari, S.E."],
                 [None, "NIP. 19700101 199503 1 001", None, None, None, None,
                  "NIP. 19800202 200501 2 003"]]
    return [r if r is not None else [] for r in rows]


def roster_workbook(agents: Rows | None = None, signature: str = "one_column") -> bytes:
    merges = ["A1:H1", "A2:H2", "A3:H3"]
    return xlsx({"Agen Perubahan": roster_rows(agents, signature)},
                merges={"Agen Perubahan": merges})


UNITS_ROWS: Rows = [
    ["Unit Kerja", "Eselon I", "Jenis Unit", "Provinsi", "Tahap ZI", "Nilai LKE"],
    ["Biro Umum", "Sekretariat Jenderal", "Pusat", "DKI Jakarta", "Pembangunan", "78,50"],
    ["Biro Hukum", "Sekretariat Jenderal", "Pusat", "DKI Jakarta", "Menuju WBK", 81.25],
    ["Balai Besar Rehabilitasi Sosial Bandung", "Ditjen Rehabilitasi Sosial", "Balai Besar",
     "Jawa Barat", "Penilaian TPI", "75"],
]


def units_workbook(rows: Rows | None = None) -> bytes:
    return xlsx({"Unit Kerja": rows or UNITS_ROWS})


# One small upload holding every dataset, every cell valid: the bad-input table changes one cell.
BASE: dict[str, Rows] = {
    "Unit": [
        ["Unit Kerja", "Eselon I", "Tahap ZI", "Tahun", "Nilai LKE"],
        ["Biro Umum", "Sekretariat Jenderal", "Pembangunan", 2020, "78,50"],
        ["Biro Hukum", "Sekretariat Jenderal", "WBK", 2020, 81.25],
        ["Balai Besar Rehabilitasi Sosial Bandung", "Ditjen Rehabilitasi Sosial", "Penilaian TPI",
         2020, "75"],
    ],
    "Agen": [
        ["NIP", "Nama", "Unit Kerja", "L/P", "Pangkat/Gol", "Tahun Penetapan", "Kehadiran",
         "Email", "Status"],
        [NIP_L1, "Andi Sanjaya, S.E.", "Biro Umum", "L", "III/a", 2019, "Tatap muka",
         "andi@kemensos.go.id", "Aktif"],
        [NIP_P1, "Rina Kartika", "Biro Hukum", "P", "III/b", 2020, "Virtual", None, "Aktif"],
        [NIP_L2, "Bambang Wijaya", "Balai Besar Rehabilitasi Sosial Bandung", "L", "IV/a", 2020,
         "daring", None, None],
    ],
    "Kehadiran": [
        ["NIP", "Kegiatan", "Tanggal", "Mode Kehadiran"],
        [NIP_L1, "Lokakarya 2020", "04/08/2020", "Tatap muka"],
        [NIP_P1, "Lokakarya 2020", "4 Agustus 2020", "Virtual"],
        [NIP_L2, "Lokakarya 2020", "2020-08-04", "daring"],
    ],
    "Riwayat": [
        ["Unit Kerja", "Tahun", "Tahap ZI", "Nilai LKE"],
        ["Biro Umum", 2019, "Pencanangan", "70,1"],
        ["Biro Umum", 2020, "Pembangunan", "78,5"],
    ],
    "RTL": [
        ["NIP", "Unit Kerja", "Judul RTL", "Progres", "Status", "Tenggat"],
        [NIP_L1, None, "Digitalisasi surat masuk", "60", "Berjalan", "31/12/2020"],
        [None, "Biro Hukum", "Survei kepuasan layanan", 100, "Selesai", "30 Nopember 2020"],
    ],
}


def changed(edits: list[tuple[str, int, str, object]], drop: tuple[str, str] | None = None
            ) -> dict[str, Rows]:
    """BASE with (sheet, Excel row, header, value) edits; a new header adds a column."""
    sheets = copy.deepcopy(BASE)
    for sheet, row, header, value in edits:
        rows = sheets.setdefault(sheet, [[]])
        if header not in rows[0]:
            for r in rows:
                r.append(None)
            rows[0][-1] = header
        while len(rows) < row:
            rows.append([None] * len(rows[0]))
        rows[row - 1][rows[0].index(header)] = value
    if drop:
        sheet, header = drop
        j = sheets[sheet][0].index(header)
        sheets[sheet] = [r[:j] + r[j + 1:] for r in sheets[sheet]]
    return sheets


def csv_bytes(rows: Rows, delimiter: str = ";", encoding: str = "utf-8-sig") -> bytes:
    lines = [delimiter.join("" if v is None else str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def fake_encrypted_ooxml() -> bytes:
    """An OLE2 container header plus the directory entry name of an encrypted OOXML package."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    entry = "EncryptedPackage".encode("utf-16-le") + b"\x00\x00"
    return header.ljust(512, b"\x00") + entry.ljust(128, b"\x00") + b"\x00" * 1024


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(uncompressed_mb: int = 8) -> bytes:
    """A zip that looks like an .xlsx and inflates to `uncompressed_mb` of zeros."""
    return zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                   "xl/worksheets/sheet1.xml": b"\x00" * (uncompressed_mb * 1024 * 1024)})
