"""The process-wide cache: bounded by estimated bytes, least recently used out first, one
computation per key under concurrency; and no page changes a cached table in place."""

from __future__ import annotations

import threading
import time

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from zi_dashboard.ui.cache import BoundedCache, estimate_bytes

MB = 1024 * 1024


def frame(mb: int) -> pd.DataFrame:
    return pd.DataFrame({"x": np.zeros(mb * MB // 8)})  # float64: 8 bytes a row


@pytest.mark.parametrize(("value", "low", "high"), [
    (frame(1), MB, MB + 1024),
    ({"a": frame(1), "b": frame(2)}, 3 * MB, 3 * MB + 4096),
    (pd.DataFrame({"s": pd.Series(["abcdefghij"] * 10_000, dtype=object)}), 500_000, 900_000),
    (pd.DataFrame({"s": pd.Series(["abcdefghij"] * 10_000, dtype="str")}), 100_000, 400_000),
    ((frame(1), [frame(1)]), 2 * MB, 2 * MB + 4096),
    (["abcdefghij"] * 100_000, 5_000_000, 8_000_000),  # a long list, by a sample
    # A figure by its data: 100,000 float64 values and 100,000 texts of ~60 bytes each.
    (go.Figure(dict(type="bar", x=np.zeros(100_000), text=["abcdefghij"] * 100_000)),
     6_000_000, 9_000_000),
])
def test_estimate_bytes(value, low, high):
    assert low <= estimate_bytes(value) <= high


def test_least_recently_used_go_first_once_the_budget_is_passed():
    cache = BoundedCache(max_bytes=int(3.5 * MB))
    for key in "abc":
        cache.get(key, lambda: frame(1))
    cache.get("a", lambda: pytest.fail("a is cached"))  # a is now the most recent
    cache.get("d", lambda: frame(1))  # 4 MB > 3.5 MB: b, the least recent, goes
    assert "b" not in cache and {"a", "c", "d"} <= set(cache._entries)
    assert cache.size <= cache.max_bytes


def test_figures_count_against_the_budget():
    # A chart is kept like a frame of its size: 20 figures of ~0.8 MB do not fit in 4 MB.
    cache = BoundedCache(max_bytes=4 * MB)
    for i in range(20):
        cache.get(i, lambda: go.Figure(dict(type="scatter", x=np.zeros(MB // 8),
                                            y=np.zeros(MB // 80))))
    assert 2 <= len(cache) <= 5 and cache.size <= cache.max_bytes


def test_a_value_larger_than_the_budget_is_returned_but_not_kept():
    cache = BoundedCache(max_bytes=MB)
    cache.get("small", lambda: pd.DataFrame({"x": [1.0]}))
    big = cache.get("big", lambda: frame(2))
    assert len(big) == 2 * MB // 8
    assert "big" not in cache and "small" in cache


def test_values_are_shared_not_copied():
    cache = BoundedCache(max_bytes=10 * MB)
    first = cache.get("k", lambda: frame(1))
    assert cache.get("k", lambda: frame(1)) is first


def test_simultaneous_requests_for_one_key_compute_it_once():
    cache = BoundedCache(max_bytes=10 * MB)
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return frame(1)

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len(results) == 8
    assert all(r is results[0] for r in results)


def test_a_failed_computation_is_not_cached_and_can_be_retried():
    cache = BoundedCache(max_bytes=MB)
    with pytest.raises(ZeroDivisionError):
        cache.get("k", lambda: 1 / 0)
    assert cache.get("k", lambda: 42) == 42


def test_clear_keeps_what_it_is_told_to():
    cache = BoundedCache(max_bytes=MB)
    for key in (("version", 1), ("version", 2), ("derived", 1)):
        cache.get(key, lambda: 0)
    cache.clear(keep=lambda key: key[0] == "version")
    assert set(cache._entries) == {("version", 1), ("version", 2)}
    cache.clear()
    assert len(cache) == 0


def test_size_follows_every_put_replacement_eviction_and_clear():
    cache = BoundedCache(max_bytes=int(3.5 * MB))
    cache.put("a", frame(1))
    cache.put("a", frame(2))  # replaced: 2 MB, not 3
    assert MB * 2 <= cache.size < MB * 2 + 1024
    cache.put("b", frame(1))
    cache.put("c", frame(1))  # 4 MB: a (the least recent) goes
    assert "a" not in cache and MB * 2 <= cache.size < MB * 2 + 1024
    cache.clear(keep=lambda key: key == "b")
    assert MB <= cache.size < MB + 1024
    cache.clear()
    assert cache.size == 0
