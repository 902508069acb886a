"""Enumerations of the data model (ZI stages, attendance modes, …) and the header key rules.

Each value has a canonical key, labels in both UI languages and the spellings rosters use; the
order of the values is the order everything sorts, stacks and colours by.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

__all__ = [
    "ABSENCE_REASONS", "AGENT_STATUSES", "ATTENDANCE_MODES", "ENUMS", "Enum", "EnumValue",
    "FUNNEL_STAGES", "GENDERS", "PLAN_STATUSES", "STAGES", "YES_NO", "canonical_key",
    "normalize_header", "stage_order", "value_key",
]


def normalize_header(text: object) -> str:
    """Header or synonym → comparison key: case, accents, spaces and punctuation ignored."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def value_key(text: object) -> str:
    """normalize_header, except that a cell of symbols only ('✓', '-') keeps its symbols."""
    key = normalize_header(text)
    if key or text is None:
        return key
    # Without this every punctuation-only cell would share the key "": "✓" and "-" alike.
    return re.sub(r"[\s\ufe0e\ufe0f]", "", str(text))


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

    def labels(self, values: pd.Series | Iterable, lang: str) -> pd.Series:
        """Keys as their labels in `lang`; other text stays as it is, missing stays missing."""
        table = {v.key: v.label(lang) for v in self.values}
        series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
        return series.map(lambda v: table.get(v, v), na_action="ignore")

    def lookup(self) -> dict[str, str]:
        """Normalised spelling → key, for vectorised parsing with `Series.map`."""
        table: dict[str, str] = {}
        for value in self.values:
            for spelling in (value.key, value.label_id, value.label_en, *value.aliases):
                table[value_key(spelling)] = value.key
        return table

    def parse(self, text: object) -> str | None:
        return self.lookup().get(value_key(text))

    def accepted(self, lang: str) -> list[str]:
        """The labels shown to a user as the accepted values."""
        return [v.label(lang) for v in self.values]


# ZI stages in the order a unit goes through them (PermenPANRB 90/2021; DOMAIN.md). `dicabut`
# (title revoked) sits outside the path: it is last in sort order and not part of the funnel.
STAGES = Enum(
    "zi_stage",
    (
        EnumValue("belum", "Belum", "Not started",
                  ("belum mulai", "belum dicanangkan", "none", "-", "–", "—")),
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


# Why an agent was absent, kept beside the mode `tidak_hadir` (attendance.absence_reason).
ABSENCE_REASONS = Enum(
    "absence_reason",
    (
        # I / S / A are the letters of the usual H-I-S-A presence list (Hadir, Izin, Sakit, Alpa).
        EnumValue("izin", "Izin", "Excused",
                  ("ijin", "izin tertulis", "excused", "permission", "i")),
        EnumValue("sakit", "Sakit", "Ill", ("sick", "ill", "sakit ringan", "s")),
        EnumValue("cuti", "Cuti", "On leave", ("leave", "cuti tahunan", "on leave")),
        EnumValue("tugas", "Tugas lain", "Other duty",
                  ("dinas luar", "dl", "tugas", "tugas luar", "tugas kantor", "dinas",
                   "tugas dinas", "other duty")),
        EnumValue("tanpa_keterangan", "Tanpa keterangan", "No reason given",
                  ("alpa", "alpha", "alfa", "tanpa kabar", "tk", "mangkir", "a")),
    ),
)

# Best first: a known mode over "present, mode not stated" over absent (attendance.py).
# `hadir` and `hybrid` say the agent took part without saying how; they count as attended.
# Every absence reason is also a spelling of `tidak_hadir`, so "Izin" in a mode cell reads as
# absent and the reason is kept apart.
ATTENDANCE_MODES = Enum(
    "attendance_mode",
    (
        EnumValue("tatap_muka", "Tatap muka", "In person",
                  ("luring", "offline", "langsung", "hadir langsung", "tatap muka langsung",
                   "in-person", "onsite", "on site", "fisik")),
        EnumValue("virtual", "Virtual", "Virtual",
                  ("daring", "online", "zoom", "zoom meeting", "vicon", "video conference",
                   "hadir virtual", "hadir daring")),
        EnumValue("hadir", "Hadir", "Present",
                  ("hybrid", "hibrid", "hadir (mode tidak disebut)", "present", "attended",
                   "ikut", "mengikuti", "h")),
        EnumValue("tidak_hadir", "Tidak hadir", "Absent",
                  ("absen", "tidak", "tidak ikut", "absent", "no show", "berhalangan",
                   "tdk hadir", "tidak hadir", "berhalangan hadir",
                   *(spelling for value in ABSENCE_REASONS.values
                     for spelling in (value.key, value.label_id, value.label_en,
                                      *value.aliases)))),
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
        EnumValue("ya", "Ya", "Yes",
                  ("y", "yes", "sudah", "ada", "true", "1", "terintegrasi", "iya", "sdh",
                   "sudah ada", "v", "✓", "✔", "☑", "√", "ok")),
        # "-" is a no: in a yes/no column a dash is the unticked box (DOMAIN.md lists it among
        # the yes/no spellings), unlike a number or date column, where it means "nothing here".
        EnumValue("tidak", "Tidak", "No",
                  ("t", "n", "no", "belum", "tidak ada", "false", "0", "tidak terintegrasi",
                   "blm", "belum ada", "tdk", "tdk ada", "-", "–", "—", "✗", "✘", "☐")),
    ),
)

ENUMS = {e.name: e for e in (STAGES, ATTENDANCE_MODES, GENDERS, AGENT_STATUSES, PLAN_STATUSES,
                             YES_NO, ABSENCE_REASONS)}
