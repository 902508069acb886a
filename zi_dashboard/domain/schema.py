"""The data model declared as data: datasets, columns, header aliases and enumerations.

Everything else (reader, validation, store, template, charts) reads these declarations, so a
new column or a new synonym is added here once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zi_dashboard.domain.enums import (
    AGENT_STATUSES,
    ATTENDANCE_MODES,
    ENUMS,
    FUNNEL_STAGES,
    GENDERS,
    PLAN_STATUSES,
    STAGES,
    YES_NO,
    Enum,
    EnumValue,
    canonical_key,
    normalize_header,
    stage_order,
)

# The enumerations live in enums.py; they are named here too, as part of the data model.
__all__ = [
    "ACTION_PLANS", "AGENTS", "AGENT_STATUSES", "ATTENDANCE", "ATTENDANCE_MODES", "Column",
    "DATASETS", "DATASET_ORDER", "DERIVED", "Dataset", "ENUMS", "Enum", "EnumValue",
    "FUNNEL_STAGES", "GENDERS", "LKE_AREAS", "LKE_HASIL", "PLAN_STATUSES", "RANKS", "STAGES",
    "UNITS", "YES_NO", "ZI_HISTORY", "canonical_key", "clean_columns", "known_header_count",
    "normalize_header", "stage_order",
]


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
    help_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_id

    def help(self, lang: str) -> str:
        """The column's help text for the template, "" when it has none."""
        return self.help_en if lang == "en" else self.help_id

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
               help_id="Nama lengkap unit kerja (satker), sama seperti di sheet agen.",
               help_en="Full name of the work unit (satker), spelled as in the agents sheet."),
        Column("eselon1", "text", "Eselon I", "Echelon I", required=True, aliases=_ESELON1_ALIASES,
               help_id="Unit Eselon I induk, misalnya Direktorat Jenderal Rehabilitasi Sosial.",
               help_en="The parent Echelon I unit, e.g. Direktorat Jenderal Rehabilitasi Sosial."),
        Column("unit_type", "text", "Jenis unit", "Unit type",
               aliases=("jenis", "jenis unit", "tipe unit", "kategori", "type", "jenis satker"),
               help_id="Pusat, Balai Besar, Balai, Loka, Politeknik, …",
               help_en="Pusat, Balai Besar, Balai, Loka, Politeknik, …"),
        Column("province", "text", "Provinsi", "Province", aliases=("prov", "propinsi")),
        Column("city", "text", "Kota/Kabupaten", "City",
               aliases=("kota", "kabupaten", "kabupaten kota", "kab/kota", "lokasi", "kota kabupaten")),
        Column("zi_stage", "enum", "Tahap ZI", "ZI stage", enum="zi_stage",
               aliases=("tahap", "tahapan", "tahapan zi", "status zi", "progres zi", "stage",
                        "predikat", "capaian zi", "posisi zi"),
               help_id="Tahap pembangunan Zona Integritas saat ini (lihat daftar pilihan).",
               help_en="Current Zona Integritas stage (see the drop-down list)."),
        # Two years, two meanings (DOMAIN.md): the evaluation year picks the rule set, the award
        # year says since when the title holds. The bare "tahun"/"year" stays with the evaluation
        # year: that is what the single year column meant until now, so older files keep their
        # rule set; the old name "stage_year" is an alias for the same reason.
        Column("evaluation_year", "year", "Tahun penilaian", "Evaluation year",
               aliases=("tahun penilaian", "tahun evaluasi", "tahun lke", "tahun penilaian lke",
                        "tahun", "year", "stage_year", "tahun tahap", "stage year"),
               **_YEAR, help_id="Tahun penilaian LKE; menentukan aturan LKE yang dipakai. Judul "
                                "kolom \"Tahun\" saja dibaca sebagai kolom ini.",
               help_en="Year of the LKE evaluation; it selects the LKE rules that apply. A "
                       "column headed just \"Tahun\" (Year) is read as this one."),
        Column("award_year", "year", "Tahun predikat", "Award year",
               aliases=("tahun predikat", "tahun penetapan predikat", "tahun perolehan", "sejak",
                        "predikat sejak"),
               **_YEAR, help_id="Sejak tahun berapa tahap/predikat saat ini berlaku (WBK sejak "
                                "2017). Kosong: diambil dari riwayat ZI.",
               help_en="Since when the current stage or title holds (WBK since 2017). Blank: "
                       "taken from the ZI history."),
        Column("lke_score", "float", "Nilai LKE", "LKE score", min=0, max=100,
               aliases=("nilai", "nilai lke", "skor lke", "nilai total", "total nilai lke",
                        "nilai akhir", "lke", "score", "total"),
               help_id="Nilai total LKE 0–100 (pengungkit + hasil). Desimal boleh pakai koma.",
               help_en="Total LKE score 0–100 (enablers + results). A decimal comma is fine."),
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
                        "indeks persepsi anti korupsi",
                        # Index headers: the values are read on the 0–4 scale (ingest/lke.py).
                        "indeks ipak", "ipak (indeks)", "indeks persepsi anti korupsi (ipak)",
                        "persepsi anti korupsi (ipak)", "ipak index")),
        Column("hasil_capaian_kinerja", "float", "Capaian kinerja", "Performance achievement",
               min=0, max=5, aliases=("capaian kinerja", "kinerja")),
        Column("hasil_tlhp", "float", "TLHP", "Audit follow-up (TLHP)", min=0, max=5,
               aliases=("tlhp", "tindak lanjut hasil pemeriksaan")),
        Column("hasil_ipkp", "float", "IPKP (nilai)", "IPKP points", min=0, max=20,
               aliases=("ipkp", "nilai ipkp", "persepsi kualitas pelayanan",
                        "indeks persepsi kualitas pelayanan",
                        "indeks ipkp", "ipkp (indeks)", "indeks persepsi kualitas pelayanan (ipkp)",
                        "persepsi kualitas pelayanan (ipkp)", "ipkp index")),
        Column("target_stage", "enum", "Target tahap", "Target stage", enum="zi_stage",
               aliases=("target", "target zi", "target predikat")),
        Column("target_year", "year", "Tahun target", "Target year",
               aliases=("tahun target", "target tahun"), **_YEAR),
        Column("agents_needed", "int", "Kebutuhan agen", "Agents needed", min=0, max=10_000,
               aliases=("kebutuhan agen perubahan", "jumlah kebutuhan agen", "formasi agen",
                        "target agen")),
        # Other names rosters use for the unit ("BRSPDI Kartini; Balai Kartini"), ';' or ','
        # between them; agents, plans and history may then name the unit by any of them.
        Column("unit_alias", "text", "Nama lain unit", "Unit aliases",
               aliases=("alias", "singkatan", "nama lain", "akronim", "nama singkat",
                        "aliases", "abbreviation")),
    ),
)

AGENTS = Dataset(
    "agents", "Agen perubahan", "Agents of change",
    (
        Column("nip", "nip", "NIP", "NIP", required=True, aliases=_NIP_ALIASES,
               help_id="NIP 18 digit. Ketik sebagai teks (format sel Text), boleh dengan spasi.",
               help_en="18-digit NIP. Type it as text (cell format Text); spaces are fine."),
        Column("name", "text", "Nama", "Name", required=True,
               aliases=("nama", "nama pegawai", "nama lengkap", "nama agen", "nama agen perubahan",
                        "full name", "nama asn", "nama dan gelar", "nama lengkap dan gelar")),
        Column("unit", "text", "Unit kerja", "Work unit", required=True, aliases=_UNIT_ALIASES,
               help_id="Nama atau kode unit kerja, harus ada di sheet Unit kerja.",
               help_en="Name or code of a work unit listed in the Work units sheet."),
        Column("eselon1", "text", "Eselon I", "Echelon I", aliases=_ESELON1_ALIASES),
        Column("gender", "enum", "Jenis kelamin", "Gender", enum="gender",
               aliases=("l/p", "lp", "jk", "jenis kelamin", "sex", "kelamin", "l p"),
               help_id="L atau P. Jika kosong diambil dari NIP.",
               help_en="L or P. Taken from the NIP when empty."),
        Column("position", "text", "Jabatan", "Position",
               aliases=("jabatan", "nama jabatan", "jabatan terakhir", "job title")),
        Column("rank", "rank", "Pangkat/Gol", "Rank",
               aliases=("golongan", "gol", "pangkat", "pangkat/gol", "pangkat gol", "gol. ruang",
                        "gol ruang", "golongan ruang", "pangkat/golongan", "pangkat golongan",
                        "pangkat gol ruang"),
               help_id="Golongan ruang, mis. III/a (juga diterima IIIa, III-a, 3a).",
               help_en="Civil-service rank, e.g. III/a (IIIa, III-a and 3a are accepted too)."),
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
               help_id="Tatap muka (luring) atau Virtual (daring) pada lokakarya terakhir.",
               help_en="In person (luring) or Virtual (daring) at the latest workshop."),
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
        # The last day of a range written in `date` ("4–7 Agustus 2020"); `date` is the first.
        Column("end_date", "date", "Tanggal selesai", "End date",
               aliases=("sampai tanggal", "tanggal akhir", "s.d. tanggal", "hingga tanggal",
                        "tgl selesai")),
        # Why an absent agent was absent; read from the mode cell too ("Izin", "Sakit").
        Column("absence_reason", "enum", "Alasan tidak hadir", "Absence reason",
               enum="absence_reason",
               aliases=("alasan", "alasan tidak hadir", "alasan ketidakhadiran", "keterangan tidak "
                        "hadir", "reason")),
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


# Every normalised header any dataset accepts: what makes a row look like a header row.
_ALL_HEADERS = frozenset(k for d in DATASETS.values() for k in d.header_map())


def known_header_count(row: list) -> int:
    """How many text cells of a row are headers some dataset accepts."""
    return sum(1 for c in row if isinstance(c, str) and normalize_header(c) in _ALL_HEADERS)
