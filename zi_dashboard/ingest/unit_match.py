"""Unit names as rosters write them: declared aliases and abbreviations matched to one unit.

A name that is neither a unit's code nor its name is written out (ingest via
domain.abbreviations) and matched on its words: it resolves when exactly one unit holds every
word, and is reported with the candidates otherwise. Aliases come from the units sheet's
optional alias column, several per cell separated by ';' or ','.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from zi_dashboard.domain.abbreviations import expand_words
from zi_dashboard.domain.enums import normalize_header

__all__ = ["MAX_MATCHED_NAMES", "Match", "UnitMatcher", "alias_lookup", "split_aliases"]

# Distinct unknown names matched per upload; beyond this they stay unknown (a hostile file).
MAX_MATCHED_NAMES = 2000
# A single word ("Balai") names no unit on its own, even when only one unit has it.
_MIN_WORDS = 2
_MAX_CANDIDATES = 5


def split_aliases(cell: object) -> list[str]:
    """The aliases of one alias cell ('BRSPDI Kartini; Balai Kartini' → two names)."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return []
    return [part.strip() for part in re.split(r"[;,\n]", str(cell)) if part.strip()]


def alias_lookup(units: pd.DataFrame) -> dict[str, str]:
    """Normalised alias → unit_key; an alias two units share belongs to neither."""
    if "unit_alias" not in units:
        return {}
    owners: dict[str, set[str]] = {}
    for key, cell in zip(units["unit_key"], units["unit_alias"], strict=True):
        for alias in split_aliases(cell):
            owners.setdefault(normalize_header(alias), set()).add(key)
    return {alias: next(iter(keys)) for alias, keys in owners.items() if alias and len(keys) == 1}


@dataclass(frozen=True)
class Match:
    """What a written name resolves to: a unit_key, or the names of the units it might mean."""

    key: str | None
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitMatcher:
    """Every unit's words (name and aliases, abbreviations written out), indexed by word."""

    keys: tuple[str, ...]
    names: tuple[str, ...]
    index: dict[str, frozenset[int]]
    words: tuple[frozenset[str], ...]

    @classmethod
    def from_units(cls, units: pd.DataFrame | None) -> UnitMatcher:
        """The matcher of a units table (of none when `units` is None)."""
        if units is None:
            return cls((), (), {}, ())
        units = units[units["unit_key"].notna() & units["unit_name"].notna()]
        keys = tuple(units["unit_key"].astype(str))
        names = tuple(units["unit_name"].astype(str))
        aliases = units["unit_alias"] if "unit_alias" in units else [None] * len(units)
        words = tuple(frozenset().union(expand_words(name), *(
            expand_words(a) for a in split_aliases(alias)))
            for name, alias in zip(names, aliases, strict=True))
        index: dict[str, set[int]] = {}
        for i, unit_words in enumerate(words):
            for word in unit_words:
                index.setdefault(word, set()).add(i)
        return cls(keys, names, {w: frozenset(v) for w, v in index.items()}, words)

    def name_of(self, key: str) -> str:
        """The name of the unit with `key`."""
        return self.names[self.keys.index(key)]

    def match(self, text: object) -> Match:
        """The unit every word of `text` belongs to, when exactly one does."""
        query = expand_words(text)
        if len(query) < _MIN_WORDS or any(w not in self.index for w in query):
            return Match(None)
        fits = sorted(frozenset.intersection(*(self.index[w] for w in query)))
        exact = [i for i in fits if self.words[i] == query]
        if len(exact) == 1 or len(fits) == 1:
            return Match(self.keys[(exact or fits)[0]])
        return Match(None, tuple(self.names[i] for i in fits[:_MAX_CANDIDATES]))

    def match_all(self, texts: Iterable[object]) -> dict[object, Match]:
        """match() for each distinct text, up to MAX_MATCHED_NAMES of them."""
        out: dict[object, Match] = {}
        for text in texts:
            if len(out) == MAX_MATCHED_NAMES:
                break
            out.setdefault(text, self.match(text))
        return out
