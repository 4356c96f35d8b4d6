"""The page cache: fresh pages as stored, stale ones refreshed in the background, one
computation for many callers, and nothing counted before a change kept after it."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from duluan.web.cache import PageCache, Refresher


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_fresh_pages_are_served_as_stored_and_stale_ones_refresh_in_the_background() -> None:
    clock = Clock()
    cache = PageCache(ttl_seconds=60, clock=clock)
    calls: list[int] = []
    gate = threading.Event()

    def compute() -> int:
        calls.append(1)
        if len(calls) > 1:
            gate.wait(5)
        return len(calls)

    assert cache.get("overview", compute) == 1
    clock.now = 59
    assert cache.get("overview", compute) == 1 and len(calls) == 1
    clock.now = 61
    assert cache.get("overview", compute) == 1  # stale: the previous page at once...
    for _ in range(500):  # ...while the refresher thread picks the recount up
        if len(calls) == 2:
            break
        threading.Event().wait(0.01)
    assert cache.get("overview", compute) == 1 and len(calls) == 2  # one refresh running, not two
    gate.set()
    for _ in range(500):
        if cache.get("overview", compute) == 2:
            break
        threading.Event().wait(0.01)
    assert cache.get("overview", compute) == 2 and len(calls) == 2


def test_many_callers_of_a_page_never_computed_share_one_computation() -> None:
    cache = PageCache(ttl_seconds=60)
    calls: list[int] = []
    release, started = threading.Event(), threading.Event()

    def slow() -> str:
        calls.append(1)
        started.set()
        release.wait(5)
        return "fresh"

    results: list[str] = []
    first = threading.Thread(target=lambda: results.append(cache.get("place", slow)))
    first.start()
    started.wait(5)
    waiters = [threading.Thread(target=lambda: results.append(cache.get("place", slow))) for _ in range(5)]
    for t in waiters:
        t.start()
    release.set()
    for t in [first, *waiters]:
        t.join(5)
    assert results == ["fresh"] * 6 and len(calls) == 1


def test_a_page_counted_before_a_clear_is_not_kept() -> None:
    cache = PageCache(ttl_seconds=60)
    release, started = threading.Event(), threading.Event()

    def before_change() -> str:
        started.set()
        release.wait(5)
        return "old"

    worker = threading.Thread(target=lambda: cache.get("alerts", before_change))
    worker.start()
    started.wait(5)
    cache.clear()  # an alert was acknowledged while the list was being counted
    release.set()
    worker.join(5)
    assert cache.get("alerts", lambda: "new") == "new"


def test_stale_pages_are_recounted_one_at_a_time_by_one_low_priority_thread() -> None:
    clock = Clock()
    cache = PageCache(ttl_seconds=60, clock=clock)
    running, most, threads = [0], [0], set()
    guard = threading.Lock()

    def compute() -> int:
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
            threads.add(threading.current_thread().name)
        threading.Event().wait(0.05)
        with guard:
            running[0] -= 1
        return clock.now

    for page in ("overview", "topics", "alerts"):
        cache.get(page, compute)  # never computed: counted by the caller
    threads.clear()
    clock.now = 61
    for page in ("overview", "topics", "alerts"):
        assert cache.get(page, compute) == 0  # stale pages served at once
    for _ in range(500):
        if all(cache.get(page, compute) == 61 for page in ("overview", "topics", "alerts")):
            break
        threading.Event().wait(0.01)
    assert all(cache.get(page, compute) == 61 for page in ("overview", "topics", "alerts"))
    assert most[0] == 1 and threads == {"page-refresher"}
    refresher = cache._refresher._thread
    if sys.platform.startswith("linux") and refresher is not None:
        assert os.getpriority(os.PRIO_PROCESS, refresher.native_id) >= Refresher.NICENESS


def test_a_failure_is_raised_and_not_stored() -> None:
    cache = PageCache(ttl_seconds=60)
    with pytest.raises(ValueError, match="boom"):
        cache.get("broken", lambda: (_ for _ in ()).throw(ValueError("boom")))
    assert cache.get("broken", lambda: "ok") == "ok"
