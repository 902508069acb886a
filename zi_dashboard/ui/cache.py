"""One process-wide cache for loaded versions and derived results, bounded by memory.

Values are shared between sessions, never copied: a cached table must not be changed in place
(pandas' copy-on-write, the default since pandas 3, keeps every derived frame independent).
Entries are evicted least recently used first once their estimated size passes the budget; an
entry larger than the whole budget is computed and returned but not kept. Two sessions asking
for the same missing key compute it once: the second waits for the first.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from plotly.basedatatypes import BaseFigure

__all__ = ["BoundedCache", "estimate_bytes"]


SAMPLE = 64  # Python objects sized per column: a sample's mean, times the rows


def _array_bytes(values: pd.Series | pd.Index | np.ndarray) -> int:
    """Bytes of one column, index or array: its buffers, or for Python objects 8 bytes a row plus the
    mean size of an even sample of them (a full deep count walks every object: ~1 ms per 10,000
    rows, paid on every cache fill)."""
    if values.dtype != object:
        return int(values.nbytes)
    objects = np.asarray(values, dtype=object)
    if not len(objects):
        return 0
    sample = objects[:: max(1, len(objects) // SAMPLE)]
    return 8 * len(objects) + round(len(objects) * sum(map(sys.getsizeof, sample)) / len(sample))


_SCALARS = (str, int, float, bool, bytes, type(None))


def estimate_bytes(value: Any) -> int:
    """Memory a cached value holds, roughly: frames by their columns' buffers (Python objects
    by a sample), figures by their data, containers by their items (long lists by a sample)."""
    if isinstance(value, _SCALARS):  # first: a figure's texts and numbers are most of its nodes
        return sys.getsizeof(value)
    if type(value) is dict:  # before the Mapping check, which is slow
        return sys.getsizeof(value) + sum(estimate_bytes(v) for v in value.values())
    if isinstance(value, pd.DataFrame):
        index = 0 if isinstance(value.index, pd.RangeIndex) else _array_bytes(value.index)
        return index + sum(_array_bytes(column) for _, column in value.items())
    if isinstance(value, pd.Series):
        index = 0 if isinstance(value.index, pd.RangeIndex) else _array_bytes(value.index)
        return index + _array_bytes(value)
    if isinstance(value, np.ndarray):
        return _array_bytes(value)
    if isinstance(value, BaseFigure):
        # A chart holds its arrays and texts in two plain structures Plotly keeps as the truth
        # of the figure (its traces' dicts and the layout's); to_dict() would deep-copy them
        # first, ~4 ms a national chart. A national Progres ZI view caches six, ~0.5 MB.
        data, layout = getattr(value, "_data", None), getattr(value, "_layout", None)
        if not isinstance(data, list) or not isinstance(layout, dict):
            return sys.getsizeof(value) + estimate_bytes(value.to_dict())
        return sys.getsizeof(value) + estimate_bytes(data) + estimate_bytes(layout)
    if isinstance(value, Mapping):
        return sys.getsizeof(value) + sum(estimate_bytes(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        items = value if len(value) <= SAMPLE else value[:: len(value) // SAMPLE]
        return sys.getsizeof(value) + round(
            len(value) * sum(map(estimate_bytes, items)) / max(len(items), 1))
    if hasattr(value, "__dataclass_fields__"):
        return sys.getsizeof(value) + sum(estimate_bytes(getattr(value, f))
                                          for f in value.__dataclass_fields__)
    return sys.getsizeof(value)


class BoundedCache:
    """Least-recently-used values whose estimated sizes stay within `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._total = 0  # the sizes of _entries, summed
        self._pending: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    @property
    def size(self) -> int:
        """Estimated bytes held now."""
        with self._lock:
            return self._total

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of `key`, computing (once, even when asked at the same time) if absent."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key][0]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:  # one computation per key; the others wait and then find it
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    self.hits += 1
                    return self._entries[key][0]
            try:
                value = compute()
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            self.put(key, value)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` (unless it alone passes the budget), evicting the least recently used."""
        size = estimate_bytes(value)
        with self._lock:
            self.misses += 1
            _, replaced = self._entries.pop(key, (None, 0))
            self._total -= replaced
            if size > self.max_bytes:
                return
            self._entries[key] = (value, size)
            self._total += size
            while self._total > self.max_bytes and len(self._entries) > 1:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._total -= dropped

    def clear(self, keep: Callable[[Hashable], bool] | None = None) -> None:
        """Drop every entry (or those for which `keep(key)` is false)."""
        with self._lock:
            for key in [k for k in self._entries if keep is None or not keep(k)]:
                self._total -= self._entries.pop(key)[1]
