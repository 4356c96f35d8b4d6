"""Dashboard pages kept for a minute: counting a page over a million documents costs seconds."""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Protocol, TypeVar

from ..errors import UsageError

T = TypeVar("T")


class Refresher:
    """One background thread that recounts stale pages, one at a time, at low priority.

    A recount over a million documents takes seconds of CPU. Run side by side, the
    recounts of every page that went stale in the same minute took the cores from the
    requests; run one after another, in a thread the system schedules after the request
    threads (Linux lets a thread lower its own priority), readers keep their speed while
    pages refresh. Jobs wait in order; a page already queued is not queued twice (its
    lock is held until its job ends).
    """

    NICENESS = 10

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_guard = threading.Lock()

    def submit(self, job: Callable[[], None]) -> None:
        with self._start_guard:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="page-refresher", daemon=True)
                self._thread.start()
        self._jobs.put(job)

    def _run(self) -> None:
        _lower_this_threads_priority(self.NICENESS)
        while True:
            self._jobs.get()()


def _lower_this_threads_priority(niceness: int) -> None:
    # On Linux a thread is a task of its own: PRIO_PROCESS with its native id reaches it
    # alone. Elsewhere the call would lower the whole server, so it is skipped.
    if sys.platform.startswith("linux") and hasattr(os, "setpriority"):
        with contextlib.suppress(OSError):
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), niceness))


class PageCache:
    """Page results kept `ttl_seconds`, each computed by one caller at a time.

    A page over a million documents costs seconds to count, and twenty people looking at
    the same dashboard ask for the same few pages while the data changes only when an
    ingest runs. Within the ttl a result is served as stored; once it is older, it is
    served once more while a background thread counts it afresh; a page never computed
    makes concurrent callers wait for one computation instead of each running its own. Keys are whatever identifies a page: ("overview", period, place).
    """

    def __init__(self, ttl_seconds: float = 60.0, max_entries: int = 256,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if ttl_seconds < 0 or max_entries < 1:
            raise UsageError(f"a page cache needs ttl_seconds >= 0 and max_entries >= 1, not {ttl_seconds}, {max_entries}")
        self.ttl, self.max_entries, self.clock = ttl_seconds, max_entries, clock
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._locks: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()
        self._generation = 0  # bumped by clear(): results counted before it are not kept
        self._refresher = Refresher()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        with self._guard:
            entry = self._entries.get(key)
            lock = self._locks.setdefault(key, threading.Lock())
            generation = self._generation
        if entry is not None and self.clock() - entry[0] < self.ttl:
            return entry[1]  # type: ignore[no-any-return]
        if entry is not None:
            if lock.acquire(blocking=False):
                # Stale: refresh in the background and answer with the previous page now,
                # so no visitor waits for a recount once a page has been computed.
                self._refresher.submit(lambda: self._refresh(key, compute, lock, generation))
            return entry[1]  # type: ignore[no-any-return]
        with lock:
            with self._guard:
                current = self._entries.get(key)
            if current is not None:
                return current[1]  # type: ignore[no-any-return]  # computed while this caller waited
            value = compute()
            self._store(key, value, generation)
            return value

    def _refresh(self, key: Hashable, compute: Callable[[], Any], lock: threading.Lock, generation: int) -> None:
        try:
            self._store(key, compute(), generation)
        except Exception:  # the previous page stays; the next stale read tries again
            pass
        finally:
            lock.release()

    def _store(self, key: Hashable, value: Any, generation: int) -> None:
        with self._guard:
            if generation != self._generation:
                return  # counted before a change that cleared the cache: do not keep it
            self._entries[key] = (self.clock(), value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                old, _ = self._entries.popitem(last=False)
                held = self._locks.get(old)
                if held is not None and not held.locked():
                    del self._locks[old]

    def clear(self) -> None:
        """Forget every page (after an ingest, a new alert run or a case change)."""
        with self._guard:
            self._entries.clear()
            self._generation += 1


class Clearable(Protocol):
    def clear(self) -> None: ...


class ForgetOnChange:
    """ASGI middleware: a successful change (POST, PATCH, DELETE…) empties the caches: the
    person who acknowledged an alert sees it acknowledged on the overview, and a revoked
    token or a logout takes effect on the next request."""

    SAFE = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, app: Any, caches: Sequence[Clearable]) -> None:
        self.app = app
        self.caches = caches

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in self.SAFE:
            await self.app(scope, receive, send)
            return

        async def watch(message: Any) -> None:
            if message["type"] == "http.response.start" and message["status"] < 400:
                for cache in self.caches:
                    cache.clear()
            await send(message)

        await self.app(scope, receive, watch)
