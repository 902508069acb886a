"""Abbreviations rosters use for Kemensos units (DOMAIN.md), and unit names as sets of words.

"BRSPDI Temanggung" and "Balai Rehabilitasi Sosial Penyandang Disabilitas Intelektual Kartini
di Temanggung" share their words once the abbreviation is written out; matching on those words
is left to the reader (ingest.unit_match).
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

__all__ = ["ABBREVIATIONS", "STOPWORDS", "expand_words"]

_BRS_SUFFIXES = MappingProxyType({
    "": "", "pd": "penyandang disabilitas", "pdi": "penyandang disabilitas intelektual",
    "pdf": "penyandang disabilitas fisik", "pdsn": "penyandang disabilitas sensorik netra",
    "pdsrw": "penyandang disabilitas sensorik rungu wicara",
    "pdm": "penyandang disabilitas mental", "lu": "lanjut usia",
    "ampk": "anak yang memerlukan perlindungan khusus",
    "kpn": "korban penyalahgunaan napza", "anak": "anak",
})
_BRS_PREFIXES = MappingProxyType({"bb": "balai besar", "b": "balai", "l": "loka"})

# Word → what it stands for. The BRS family (B/BB/L + RS + group) is composed from the two
# tables above so that BBRSPDI or LRSLU need no row of their own.
ABBREVIATIONS = MappingProxyType({
    "setjen": "sekretariat jenderal", "sekjen": "sekretariat jenderal",
    "itjen": "inspektorat jenderal", "irjen": "inspektorat jenderal",
    "ditjen": "direktorat jenderal", "dirjen": "direktorat jenderal",
    "rehsos": "rehabilitasi sosial", "linjamsos": "perlindungan dan jaminan sosial",
    "dayasos": "pemberdayaan sosial", "pfm": "penanganan fakir miskin",
    "bp3s": "badan pendidikan penelitian dan penyuluhan sosial",
    "dit": "direktorat", "direkt": "direktorat",
    "poltekesos": "politeknik kesejahteraan sosial",
    "bbppks": "balai besar pendidikan dan pelatihan kesejahteraan sosial",
    "pusdatin": "pusat data dan informasi kesejahteraan sosial",
    "kesos": "kesejahteraan sosial", "napza": "napza",
    **{f"{p}rs{s}": f"{pv} rehabilitasi sosial {sv}".strip()
       for p, pv in _BRS_PREFIXES.items() for s, sv in _BRS_SUFFIXES.items()},
})

# Words that say nothing about which unit is meant.
STOPWORDS = frozenset({"di", "dan", "yang", "kementerian", "kemensos", "ri", "republik",
                       "indonesia", "the", "of"})


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", folded)


def expand_words(text: object) -> frozenset[str]:
    """The words of a unit name with abbreviations written out, stopwords left out."""
    out: set[str] = set()
    for word in _words("" if text is None else str(text)):
        out.update(ABBREVIATIONS[word].split() if word in ABBREVIATIONS else (word,))
    return frozenset(out - STOPWORDS)
