"""The data model declared as data: datasets, columns, header aliases and enumerations.

Everything else (reader, validation, store, template, charts) reads these declarations, so a
new column or a new synonym is added here once.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = [
    "AGENT_STATUSES",
    "ATTENDANCE_MODES",
    "Column",
    "DATASETS",
    "DATASET_ORDER",
    "Dataset",
    "Enum",
    "EnumValue",
    "GENDERS",
    "LKE_AREAS",
    "LKE_HASIL",
    "PLAN_STATUSES",
    "STAGES",
    "canonical_key",
    "normalize_header",
    "stage_order",
]


def normalize_header(text: object) -> str:
    """Header or synonym → comparison key: case, accents, spaces and punctuation ignored."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def canonical_key(text: object) -> str:
    """A stable snake_case key for free text (used to derive a unit key from its name)."""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


@dataclass(frozen=True)
class EnumValue:
    """One allowed value: canonical key, labels in both UI languages, accepted spellings."""

    key: str
    label_id: str
    label_en: str
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class Enum:
    """An ordered enumeration; `parse` accepts the key, either label or any alias."""

    name: str
    values: tuple[EnumValue, ...]

    def keys(self) -> list[str]:
        return [v.key for v in self.values]

    def get(self, key: str) -> EnumValue:
        for value in self.values:
            if value.key == key:
                return value
        raise KeyError(key)

    def label(self, key: str, lang: str) -> str:
        return self.get(key).label(lang)

    def lookup(self) -> dict[str, str]:
        """Normalised spelling → key, for vectorised parsing with `Series.map`."""
        table: dict[str, str] = {}
        for value in self.values:
            for spelling in (value.key, value.label_id, value.label_en, *value.aliases):
                table[normalize_header(spelling)] = value.key
        return table

    def parse(self, text: object) -> str | None:
        return self.lookup().get(normalize_header(text))

    def accepted(self, lang: str) -> list[str]:
        """The labels shown to a user as the accepted values."""
        return [v.label(lang) for v in self.values]


# ZI stages in the order a unit goes through them (PermenPANRB 90/2021; DOMAIN.md). `dicabut`
# (title revoked) sits outside the path: it is last in sort order and not part of the funnel.
STAGES = Enum(
    "zi_stage",
    (
        EnumValue("belum", "Belum", "Not started", ("belum mulai", "belum dicanangkan", "none", "-")),
        EnumValue("pencanangan", "Pencanangan", "Declaration", ("pencanangan zi", "dicanangkan",
                                                                "pencanangan zona integritas")),
        EnumValue("pembangunan", "Pembangunan", "Development", ("pembangunan zi", "membangun zi",
                                                                "pembangunan zona integritas")),
        EnumValue("penilaian_tpi", "Penilaian TPI", "Internal assessment",
                  ("penilaian internal", "evaluasi tpi", "penilaian mandiri", "tpi")),
        EnumValue("diusulkan_wbk", "Diusulkan WBK", "Proposed for WBK",
                  ("usulan wbk", "diusulkan menuju wbk", "proposed wbk")),
        EnumValue("evaluasi_tpn", "Evaluasi TPN", "National evaluation",
                  ("evaluasi nasional", "penilaian tpn", "tpn")),
        EnumValue("wbk", "WBK", "WBK",
                  ("menuju wbk", "predikat wbk", "predikat menuju wbk", "wilayah bebas dari korupsi",
                   "meraih wbk")),
        EnumValue("diusulkan_wbbm", "Diusulkan WBBM", "Proposed for WBBM",
                  ("usulan wbbm", "diusulkan menuju wbbm", "proposed wbbm")),
        EnumValue("wbbm", "WBBM", "WBBM",
                  ("menuju wbbm", "predikat wbbm", "predikat menuju wbbm",
                   "wilayah birokrasi bersih dan melayani", "meraih wbbm")),
        EnumValue("dicabut", "Dicabut", "Revoked", ("predikat dicabut", "revoked", "pencabutan")),
    ),
)

# Stages on the path, in order; the funnel and "reached at least" use these.
FUNNEL_STAGES = tuple(k for k in STAGES.keys() if k != "dicabut")


def stage_order(key: str) -> int:
    """Position of a stage in sort order (unknown keys sort last)."""
    keys = STAGES.keys()
    return keys.index(key) if key in keys else len(keys)


ATTENDANCE_MODES = Enum(
    "attendance_mode",
    (
        EnumValue("tatap_muka", "Tatap muka", "In person",
                  ("luring", "offline", "langsung", "hadir langsung", "tatap muka langsung",
                   "in-person", "onsite", "on site", "fisik")),
        EnumValue("virtual", "Virtual", "Virtual",
                  ("daring", "online", "zoom", "zoom meeting", "vicon", "video conference",
                   "hadir virtual", "hadir daring")),
        EnumValue("tidak_hadir", "Tidak hadir", "Absent",
                  ("absen", "tidak", "tidak ikut", "absent", "no show", "berhalangan")),
    ),
)

GENDERS = Enum("gender", (
    EnumValue("L", "Laki-laki", "Male", ("l", "lk", "laki laki", "pria", "m", "male", "1")),
    EnumValue("P", "Perempuan", "Female", ("p", "pr", "wanita", "f", "female", "2")),
))

AGENT_STATUSES = Enum("status", (
    EnumValue("aktif", "Aktif", "Active", ("active", "ya", "a")),
    EnumValue("nonaktif", "Nonaktif", "Inactive",
              ("non aktif", "tidak aktif", "inactive", "pensiun", "mutasi", "berhenti")),
))

PLAN_STATUSES = Enum(
    "plan_status",
    (
        EnumValue("rencana", "Rencana", "Planned",
                  ("belum mulai", "belum", "direncanakan", "planned", "not started")),
        EnumValue("berjalan", "Berjalan", "In progress",
                  ("proses", "sedang berjalan", "dalam proses", "on progress", "in progress",
                   "ongoing")),
        EnumValue("selesai", "Selesai", "Done",
                  ("tercapai", "sudah", "done", "completed", "complete", "terlaksana")),
        EnumValue("batal", "Batal", "Cancelled", ("dibatalkan", "cancelled", "canceled")),
    ),
)

YES_NO = Enum(
    "yes_no",
    (
        EnumValue("ya", "Ya", "Yes", ("y", "yes", "sudah", "ada", "true", "1", "terintegrasi")),
        EnumValue("tidak", "Tidak", "No",
                  ("t", "n", "no", "belum", "tidak ada", "false", "0", "tidak terintegrasi")),
    ),
)

ENUMS = {e.name: e for e in (STAGES, ATTENDANCE_MODES, GENDERS, AGENT_STATUSES, PLAN_STATUSES,
                             YES_NO)}

# The six LKE "pengungkit" areas and the "hasil" components, as unit columns. The weights and
# minimums per regulation live in rules.py; the upper bound here only catches typing errors.
LKE_AREAS = (
    "area_manajemen_perubahan",
    "area_tatalaksana",
    "area_sdm",
    "area_akuntabilitas",
    "area_pengawasan",
    "area_pelayanan_publik",
)
LKE_HASIL = ("hasil_ipak", "hasil_capaian_kinerja", "hasil_tlhp", "hasil_ipkp")


@dataclass(frozen=True)
class Column:
    """One canonical column.

    kind: text | nip | int | year | float | date | enum | rank | email | phone
    """

    name: str
    kind: str
    label_id: str
    label_en: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    enum: str | None = None
    min: float | None = None
    max: float | None = None
    help_id: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def header_keys(self) -> set[str]:
        """Every normalised header that maps to this column."""
        spellings = (self.name, self.label_id, self.label_en, *self.aliases)
        return {normalize_header(s) for s in spellings}


@dataclass(frozen=True)
class Dataset:
    """One dataset (sheet) of a version."""

    name: str
    label_id: str
    label_en: str
    columns: tuple[Column, ...]
    # Alternatives where at least one of the group is required (action plans: nip or unit).
    one_of: tuple[tuple[str, ...], ...] = field(default=())

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def header_map(self) -> dict[str, str]:
        """Normalised header → canonical column name."""
        table: dict[str, str] = {}
        for col in self.columns:
            for key in col.header_keys():
                table.setdefault(key, col.name)
        return table


_UNIT_ALIASES = ("unit kerja", "satker", "satuan kerja", "nama unit", "nama unit kerja",
                 "nama satker", "unit", "work unit", "unit name", "nama satuan kerja", "upt")
_ESELON1_ALIASES = ("eselon i", "eselon 1", "unit eselon i", "unit eselon 1", "es i", "es 1",
                    "eselon satu", "unit utama", "komponen", "echelon i")
_NIP_ALIASES = ("nip", "n.i.p", "nip baru", "nomor induk pegawai", "nip/nrp", "nip pegawai",
                "nip (18 digit)", "nomor induk")
_YEAR = dict(min=1990, max=2100)

UNITS = Dataset(
    "units", "Unit kerja", "Work units",
    (
        Column("unit_code", "text", "Kode unit", "Unit code",
               aliases=("kode", "kode unit", "kode satker", "kode unit kerja", "code")),
        Column("unit_name", "text", "Unit kerja", "Work unit", required=True, aliases=_UNIT_ALIASES,
               help_id="Nama lengkap unit kerja (satker), sama seperti di sheet agen."),
        Column("eselon1", "text", "Eselon I", "Echelon I", required=True, aliases=_ESELON1_ALIASES,
               help_id="Unit Eselon I induk, misalnya Direktorat Jenderal Rehabilitasi Sosial."),
        Column("unit_type", "text", "Jenis unit", "Unit type",
               aliases=("jenis", "jenis unit", "tipe unit", "kategori", "type", "jenis satker"),
               help_id="Pusat, Balai Besar, Balai, Loka, Politeknik, …"),
        Column("province", "text", "Provinsi", "Province", aliases=("prov", "propinsi")),
        Column("city", "text", "Kota/Kabupaten", "City",
               aliases=("kota", "kabupaten", "kabupaten kota", "kab/kota", "lokasi", "kota kabupaten")),
        Column("zi_stage", "enum", "Tahap ZI", "ZI stage", enum="zi_stage",
               aliases=("tahap", "tahapan", "tahapan zi", "status zi", "progres zi", "stage",
                        "predikat", "capaian zi", "posisi zi"),
               help_id="Tahap pembangunan Zona Integritas saat ini (lihat daftar pilihan)."),
        Column("stage_year", "year", "Tahun tahap", "Stage year",
               aliases=("tahun", "tahun evaluasi", "tahun penilaian", "tahun predikat", "year"),
               **_YEAR, help_id="Tahun evaluasi; menentukan aturan LKE yang dipakai."),
        Column("lke_score", "float", "Nilai LKE", "LKE score", min=0, max=100,
               aliases=("nilai", "nilai lke", "skor lke", "nilai total", "total nilai lke",
                        "nilai akhir", "lke", "score", "total"),
               help_id="Nilai total LKE 0–100 (pengungkit + hasil). Desimal boleh pakai koma."),
        Column("area_manajemen_perubahan", "float", "Manajemen Perubahan", "Change management",
               min=0, max=15, aliases=("manajemen perubahan", "mp")),
        Column("area_tatalaksana", "float", "Penataan Tatalaksana", "Business process", min=0,
               max=15, aliases=("tatalaksana", "penataan tatalaksana", "tt")),
        Column("area_sdm", "float", "Penataan Sistem Manajemen SDM", "HR management", min=0, max=15,
               aliases=("sdm", "manajemen sdm", "penataan sistem manajemen sdm",
                        "penataan manajemen sdm")),
        Column("area_akuntabilitas", "float", "Penguatan Akuntabilitas Kinerja", "Accountability",
               min=0, max=15, aliases=("akuntabilitas", "akuntabilitas kinerja",
                                       "penguatan akuntabilitas", "penguatan akuntabilitas kinerja")),
        Column("area_pengawasan", "float", "Penguatan Pengawasan", "Supervision", min=0, max=15,
               aliases=("pengawasan", "penguatan pengawasan")),
        Column("area_pelayanan_publik", "float", "Peningkatan Kualitas Pelayanan Publik",
               "Public service quality", min=0, max=15,
               aliases=("pelayanan publik", "kualitas pelayanan publik",
                        "peningkatan kualitas pelayanan publik")),
        Column("hasil_ipak", "float", "IPAK (nilai)", "IPAK points", min=0, max=20,
               aliases=("ipak", "nilai ipak", "persepsi anti korupsi",
                        "indeks persepsi anti korupsi")),
        Column("hasil_capaian_kinerja", "float", "Capaian kinerja", "Performance achievement",
               min=0, max=5, aliases=("capaian kinerja", "kinerja")),
        Column("hasil_tlhp", "float", "TLHP", "Audit follow-up (TLHP)", min=0, max=5,
               aliases=("tlhp", "tindak lanjut hasil pemeriksaan")),
        Column("hasil_ipkp", "float", "IPKP (nilai)", "IPKP points", min=0, max=20,
               aliases=("ipkp", "nilai ipkp", "persepsi kualitas pelayanan",
                        "indeks persepsi kualitas pelayanan")),
        Column("target_stage", "enum", "Target tahap", "Target stage", enum="zi_stage",
               aliases=("target", "target zi", "target predikat")),
        Column("target_year", "year", "Tahun target", "Target year",
               aliases=("tahun target", "target tahun"), **_YEAR),
        Column("agents_needed", "int", "Kebutuhan agen", "Agents needed", min=0, max=10_000,
               aliases=("kebutuhan agen perubahan", "jumlah kebutuhan agen", "formasi agen",
                        "target agen")),
    ),
)

AGENTS = Dataset(
    "agents", "Agen perubahan", "Agents of change",
    (
        Column("nip", "nip", "NIP", "NIP", required=True, aliases=_NIP_ALIASES,
               help_id="NIP 18 digit. Ketik sebagai teks (format sel Text), boleh dengan spasi."),
        Column("name", "text", "Nama", "Name", required=True,
               aliases=("nama", "nama pegawai", "nama lengkap", "nama agen", "nama agen perubahan",
                        "full name", "nama asn", "nama dan gelar", "nama lengkap dan gelar")),
        Column("unit", "text", "Unit kerja", "Work unit", required=True, aliases=_UNIT_ALIASES,
               help_id="Nama atau kode unit kerja, harus ada di sheet Unit kerja."),
        Column("eselon1", "text", "Eselon I", "Echelon I", aliases=_ESELON1_ALIASES),
        Column("gender", "enum", "Jenis kelamin", "Gender", enum="gender",
               aliases=("l/p", "lp", "jk", "jenis kelamin", "sex", "kelamin", "l p"),
               help_id="L atau P. Jika kosong diambil dari NIP."),
        Column("position", "text", "Jabatan", "Position",
               aliases=("jabatan", "nama jabatan", "jabatan terakhir", "job title")),
        Column("rank", "rank", "Pangkat/Gol", "Rank",
               aliases=("golongan", "gol", "pangkat", "pangkat/gol", "pangkat gol", "gol. ruang",
                        "gol ruang", "golongan ruang", "pangkat/golongan", "pangkat golongan",
                        "pangkat gol ruang"),
               help_id="Golongan ruang, mis. III/a (juga diterima IIIa, III-a, 3a)."),
        Column("appointed_year", "year", "Tahun penetapan", "Year appointed",
               aliases=("tahun sk", "tahun penetapan", "tahun sk penetapan", "tahun diangkat",
                        "tahun pengangkatan", "angkatan"), **_YEAR),
        Column("sk_number", "text", "Nomor SK", "Decree number",
               aliases=("no sk", "nomor sk", "sk", "nomor sk penetapan")),
        Column("status", "enum", "Status", "Status", enum="status",
               aliases=("status agen", "keaktifan")),
        Column("attendance_mode", "enum", "Kehadiran lokakarya", "Workshop attendance",
               enum="attendance_mode",
               aliases=("kehadiran", "mode kehadiran", "keikutsertaan", "cara hadir",
                        "metode kehadiran", "mode", "attendance", "keterangan hadir"),
               help_id="Tatap muka (luring) atau Virtual (daring) pada lokakarya terakhir."),
        Column("email", "email", "Email", "Email", aliases=("e-mail", "surel", "alamat email")),
        Column("phone", "phone", "Telepon", "Phone",
               aliases=("no hp", "nomor hp", "hp", "telp", "no telp", "whatsapp", "no wa",
                        "nomor telepon", "telepon/hp")),
    ),
)

ATTENDANCE = Dataset(
    "attendance", "Kehadiran", "Attendance",
    (
        Column("nip", "nip", "NIP", "NIP", required=True, aliases=_NIP_ALIASES),
        Column("name", "text", "Nama", "Name", aliases=("nama", "nama pegawai", "nama lengkap")),
        Column("event", "text", "Kegiatan", "Event", required=True,
               aliases=("acara", "kegiatan", "nama kegiatan", "event", "nama acara", "pertemuan",
                        "sesi")),
        Column("date", "date", "Tanggal", "Date", aliases=("tgl", "tanggal kegiatan", "hari/tanggal",
                                                            "hari tanggal")),
        Column("mode", "enum", "Mode kehadiran", "Mode", required=True, enum="attendance_mode",
               aliases=("kehadiran", "mode kehadiran", "cara hadir", "metode", "metode kehadiran",
                        "keterangan", "presensi")),
    ),
)

ZI_HISTORY = Dataset(
    "zi_history", "Riwayat ZI", "ZI history",
    (
        Column("unit", "text", "Unit kerja", "Work unit", required=True, aliases=_UNIT_ALIASES),
        Column("year", "year", "Tahun", "Year", required=True, aliases=("tahun", "periode"), **_YEAR),
        Column("zi_stage", "enum", "Tahap ZI", "ZI stage", required=True, enum="zi_stage",
               aliases=("tahap", "tahapan", "status zi", "predikat", "capaian zi")),
        Column("lke_score", "float", "Nilai LKE", "LKE score", min=0, max=100,
               aliases=("nilai", "nilai lke", "skor lke", "nilai total")),
    ),
)

ACTION_PLANS = Dataset(
    "action_plans", "Rencana tindak lanjut", "Action plans",
    (
        Column("nip", "nip", "NIP", "NIP", aliases=_NIP_ALIASES),
        Column("unit", "text", "Unit kerja", "Work unit", aliases=_UNIT_ALIASES),
        Column("title", "text", "Judul RTL", "Title", required=True,
               aliases=("judul", "rencana tindak lanjut", "rtl", "judul rtl", "kegiatan rtl",
                        "proyek perubahan", "judul proyek perubahan", "rencana aksi")),
        Column("area", "text", "Area perubahan", "Change area",
               aliases=("area", "area zi", "area perubahan", "area pengungkit")),
        Column("indicator", "text", "Indikator", "Indicator",
               aliases=("indikator", "indikator keberhasilan", "ukuran keberhasilan")),
        Column("target", "text", "Target", "Target", aliases=("target", "target kinerja")),
        Column("realisation", "text", "Realisasi", "Realisation",
               aliases=("realisasi", "capaian", "realization")),
        Column("progress_pct", "float", "Progres (%)", "Progress (%)", min=0, max=100,
               aliases=("progres", "progress", "persentase", "persen capaian", "progres persen",
                        "capaian persen")),
        Column("status", "enum", "Status RTL", "Plan status", enum="plan_status",
               aliases=("status", "status rtl", "keterangan status")),
        Column("due_date", "date", "Tenggat", "Due date",
               aliases=("batas waktu", "tenggat", "tenggat waktu", "target waktu", "deadline",
                        "jadwal selesai", "tanggal target")),
        Column("integrated", "enum", "Terintegrasi", "Integrated", enum="yes_no",
               aliases=("terintegrasi", "terintegrasi dalam sistem", "masuk sistem manajemen",
                        "diintegrasikan", "integrated")),
    ),
    one_of=(("nip", "unit"),),
)

DATASETS: dict[str, Dataset] = {d.name: d for d in (UNITS, AGENTS, ATTENDANCE, ZI_HISTORY,
                                                     ACTION_PLANS)}
DATASET_ORDER = tuple(DATASETS)

# Golongan ruang I/a … IV/e in order, for sorting and validation.
RANKS = tuple(f"{g}/{r}" for g in ("I", "II", "III", "IV") for r in "abcde" if not (
    g == "I" and r == "e") and not (g in ("II", "III") and r == "e"))

# Columns the validator adds to the clean tables (name, kind). `unit_key` joins every dataset to
# units: the unit code where given, otherwise a key derived from the normalised unit name.
DERIVED: dict[str, tuple[tuple[str, str], ...]] = {
    "units": (("unit_key", "text"),),
    "agents": (("unit_key", "text"), ("is_pppk", "bool")),
    "attendance": (),
    "zi_history": (("unit_key", "text"),),
    "action_plans": (("unit_key", "text"),),
}


def clean_columns(dataset: str) -> list[tuple[str, str]]:
    """(name, kind) of every column of a clean table, in order, derived columns last."""
    spec = DATASETS[dataset]
    return [(c.name, c.kind) for c in spec.columns] + list(DERIVED[dataset])
