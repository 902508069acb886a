"""Validation issues and the report that gathers them, with messages in Indonesian and English."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from zi_dashboard.i18n import format_number
from zi_dashboard.schema import DATASETS, ENUMS

__all__ = ["MESSAGES", "REPORT_COLUMNS", "Issue", "Report"]

REPORT_COLUMNS = ("severity", "file", "sheet", "row", "column", "code", "message", "value")

# code → (Bahasa Indonesia, English). Placeholders come from Issue.params plus {column},
# {value}, {sheet}, {file}, {row}, and the localised {accepted}, {dataset_label}, {field_label},
# {suggestion}, {nip_gender} that Issue.message derives from the params.
MESSAGES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "file_too_large": ("Berkas terlalu besar ({size_mb} MB); batasnya {max_mb} MB.",
                       "The file is too large ({size_mb} MB); the limit is {max_mb} MB."),
    "zip_bomb": ("Berkas ditolak: isinya mengembang menjadi {size_mb} MB saat dibuka, melebihi "
                 "batas {max_mb} MB.",
                 "File refused: it expands to {size_mb} MB when opened, above the {max_mb} MB "
                 "limit."),
    "file_encrypted": ("Berkas dilindungi kata sandi. Buka di Excel, hapus kata sandinya (File > "
                       "Info > Proteksi Buku Kerja), simpan, lalu unggah lagi.",
                       "The file is password-protected. Open it in Excel, remove the password "
                       "(File > Info > Protect Workbook), save it and upload it again."),
    "file_corrupt": ("Berkas rusak atau tidak utuh. Buka di Excel lalu simpan ulang sebagai .xlsx.",
                     "The file is damaged or incomplete. Open it in Excel and save it again as "
                     ".xlsx."),
    "file_not_spreadsheet": ("Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx, .xls) "
                             "atau CSV.",
                             "This file is not a spreadsheet. Upload an Excel (.xlsx, .xls) or "
                             "CSV file."),
    "file_empty": ("Berkas tidak memuat tabel yang dikenali: tidak ada baris judul kolom seperti "
                   "NIP, Nama, Unit kerja.",
                   "The file holds no recognisable table: no header row such as NIP, Nama, "
                   "Unit kerja."),
    "missing_column": ("Sheet ini tampak seperti data {dataset_label}, tetapi kolom wajib "
                       "'{field_label}' tidak ada. Judul kolom yang diterima: {accepted}.",
                       "This sheet looks like {dataset_label} data, but the required column "
                       "'{field_label}' is missing. Accepted headers: {accepted}."),
    "missing_value": ("Kolom {column} wajib diisi.", "{column} is required."),
    "missing_nip_or_unit": ("Isi NIP atau unit kerja: salah satu wajib ada.",
                            "Fill in the NIP or the work unit: one of them is required."),
    "nip_invalid_length": ("NIP harus 18 digit; yang tertulis {length} digit.",
                           "An NIP has 18 digits; this one has {length}."),
    "nip_invalid_chars": ("NIP hanya boleh berisi angka (spasi, titik dan tanda hubung boleh).",
                          "An NIP holds digits only (spaces, dots and dashes are allowed)."),
    "nip_invalid_birth_date": ("Delapan digit pertama NIP ({birth}) bukan tanggal lahir yang "
                               "mungkin (TTTTBBHH).",
                               "The first eight digits of the NIP ({birth}) are not a plausible "
                               "birth date (YYYYMMDD)."),
    "nip_invalid_start": ("Digit 9–14 NIP ({start}, TMT CPNS TTTTBB) tidak mungkin untuk "
                          "kelahiran {birth}.",
                          "Digits 9–14 of the NIP ({start}, service start YYYYMM) are impossible "
                          "for a birth date of {birth}."),
    "nip_invalid_gender": ("Digit ke-15 NIP seharusnya 1 (laki-laki) atau 2 (perempuan).",
                           "Digit 15 of an NIP should be 1 (male) or 2 (female)."),
    "nip_pppk": ("NIP PPPK (bulan {month} lebih dari 12): diterima dan ditandai sebagai PPPK.",
                 "PPPK number (month {month} above 12): accepted and marked as PPPK."),
    "nip_numeric": ("NIP tersimpan sebagai angka sehingga digit terakhir hilang ({value}). Format "
                    "kolom NIP sebagai Teks lalu ketik ulang, atau awali dengan tanda kutip (').",
                    "The NIP is stored as a number, so its last digits are lost ({value}). "
                    "Format the NIP column as Text and type it again, or start it with an "
                    "apostrophe (')."),
    "gender_nip_mismatch": ("Jenis kelamin '{value}' tidak sesuai dengan NIP (digit ke-15: "
                            "{nip_gender}).",
                            "Gender '{value}' does not match the NIP (digit 15: {nip_gender})."),
    "duplicate_nip": ("NIP {value} ganda: sudah ada di baris {first_row}.",
                      "Duplicate NIP {value}: already on row {first_row}."),
    "unit_unknown": ("Unit kerja '{value}' tidak ada di daftar unit kerja.{suggestion}",
                     "Work unit '{value}' is not in the list of work units.{suggestion}"),
    "units_missing": ("Data {dataset_label} merujuk ke unit kerja, tetapi daftar unit kerja tidak "
                      "ada di unggahan maupun di data saat ini. Sertakan sheet Unit kerja.",
                      "{dataset_label} data refers to work units, but there is no list of work "
                      "units in the upload or in the current data. Include a Work units sheet."),
    "duplicate_unit": ("Unit kerja ganda '{value}': sudah ada di baris {first_row}.",
                       "Duplicate work unit '{value}': already on row {first_row}."),
    "duplicate_unit_name": ("Nama unit '{value}' dipakai lagi dengan kode lain (baris "
                            "{first_row}); agen harus merujuk unit ini dengan kodenya.",
                            "Unit name '{value}' is used again with another code (row "
                            "{first_row}); agents must refer to it by code."),
    "enum_unknown": ("Nilai '{value}' tidak dikenali untuk {column}. Pilihan: {accepted}.",
                     "'{value}' is not a known value for {column}. Choose from: {accepted}."),
    "out_of_range": ("Nilai {value} di luar rentang {min}–{max}.",
                     "Value {value} is outside the range {min}–{max}."),
    "number_invalid": ("'{value}' bukan angka yang sah (contoh: 75,50).",
                       "'{value}' is not a valid number (e.g. 75.50)."),
    "date_invalid": ("'{value}' bukan tanggal yang dapat dibaca (contoh: 04/08/2020 atau "
                     "4 Agustus 2020).",
                     "'{value}' is not a readable date (e.g. 04/08/2020 or 4 Agustus 2020)."),
    "rank_invalid": ("Golongan '{value}' tidak dikenali (contoh: III/a, IIIa, 3a).",
                     "Rank '{value}' is not recognised (e.g. III/a, IIIa, 3a)."),
    "email_invalid": ("'{value}' bukan alamat email yang sah.",
                      "'{value}' is not a valid e-mail address."),
    "lke_total_mismatch": ("Jumlah nilai area dan hasil ({total}) berbeda dari nilai LKE "
                           "({value}).",
                           "The areas and results add up to {total}, not to the LKE score "
                           "({value})."),
    "sheet_unrecognised": ("Sheet '{sheet}' tidak dikenali sebagai data apa pun dan dilewati.",
                           "Sheet '{sheet}' is not recognised as any dataset and was skipped."),
    "sheet_empty": ("Sheet '{sheet}' ({dataset_label}) tidak berisi baris data dan dilewati; "
                    "data yang tersimpan tetap dipakai.",
                    "Sheet '{sheet}' ({dataset_label}) has no data rows and was skipped; the "
                    "stored data stays in use."),
    "unknown_header": ("Kolom berikut tidak dikenali (atau ganda) dan diabaikan: {headers}.",
                       "These columns are not recognised (or repeated) and were ignored: "
                       "{headers}."),
    "no_data": ("Tidak ada data yang dikenali dalam unggahan. Gunakan templat, atau pastikan ada "
                "baris judul kolom (NIP, Nama, Unit kerja, …).",
                "No recognisable data in the upload. Use the template, or make sure there is a "
                "header row (NIP, Nama, Unit kerja, …)."),
    "attendance_unknown_nip": ("NIP {value} di data kehadiran tidak ada di daftar agen.",
                               "NIP {value} in the attendance data is not in the list of agents."),
    "plan_unknown_nip": ("NIP {value} di rencana tindak lanjut tidak ada di daftar agen.",
                         "NIP {value} in the action plans is not in the list of agents."),
    "too_many_issues": ("Ada {count} masalah '{other_code}' lain di kolom ini yang tidak "
                        "ditampilkan.",
                        "{count} more '{other_code}' issues in this column are not shown."),
})

_SEVERITY_ORDER = MappingProxyType({"error": 0, "warning": 1})


class _Params(dict):
    """Format mapping that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _show(value: object, lang: str) -> str:
    """A parameter as text in `lang` (floats with the local decimal comma)."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format_number(value, lang, 2).rstrip(
            "0").rstrip(",.")
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v, lang) for v in value)
    return str(value)


@dataclass(frozen=True)
class Issue:
    """One problem found in an upload, located as the user sees it in Excel."""

    severity: str
    code: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict, hash=False)

    def message(self, lang: str = "id") -> str:
        """The message in `lang` ('id' or 'en'), placeholders filled."""
        template = MESSAGES.get(self.code, (self.code, self.code))[1 if lang == "en" else 0]
        values = _Params({k: _show(v, lang) for k, v in self.params.items()})
        values.update(column=self.column or "", value=self.value or "", sheet=self.sheet or "",
                      file=self.file, row=self.row if self.row is not None else "")
        dataset = DATASETS.get(self.params.get("dataset", ""))
        if dataset is not None:
            values["dataset_label"] = dataset.label(lang)
            if "field" in self.params:
                values["field_label"] = dataset.column(self.params["field"]).label(lang)
        if "enum" in self.params:
            values["accepted"] = ", ".join(ENUMS[self.params["enum"]].accepted(lang))
        if "nip_gender" in self.params:
            values["nip_gender"] = ENUMS["gender"].label(self.params["nip_gender"], lang)
        if "suggestions" in self.params:
            names = "; ".join(self.params["suggestions"])
            values["suggestion"] = (f" {'Did you mean' if lang == 'en' else 'Mungkin maksudnya'}: "
                                    f"{names}?" if names else "")
        return template.format_map(values)

    def record(self, lang: str = "id") -> dict:
        """The issue as a flat dict with REPORT_COLUMNS keys."""
        return {"severity": self.severity, "file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "code": self.code, "message": self.message(lang),
                "value": self.value}


@dataclass
class Report:
    """Every issue of one validation, and which sheets were read as what."""

    issues: list[Issue]
    sheets: list[dict] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when nothing blocks a commit (warnings allowed)."""
        return not self.errors

    def to_records(self, lang: str = "id") -> list[dict]:
        """Issues as dicts, errors first."""
        ordered = sorted(self.issues, key=lambda i: _SEVERITY_ORDER.get(i.severity, 2))
        return [i.record(lang) for i in ordered]

    def to_frame(self, lang: str = "id") -> pd.DataFrame:
        """Issues as a table (REPORT_COLUMNS), errors first."""
        frame = pd.DataFrame(self.to_records(lang), columns=list(REPORT_COLUMNS))
        frame["row"] = frame["row"].astype("Int64")
        return frame
