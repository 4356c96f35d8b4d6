"""Slow down password guessing: a pause after too many failed logins for one key."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import RateLimited


class LoginRateLimiter:
    """Counts failed logins per key (e.g. f"{ip}|{username}") within a sliding window.

    In memory and per process: enough for one server, and nothing to set up. Memory stays
    bounded: a key keeps at most `max_failures` times, expired keys are dropped, and past
    `max_keys` the keys that failed longest ago go first.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window_seconds: float = 300,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        if max_failures < 1 or not window_seconds > 0 or max_keys < 1:
            raise ValueError(
                f"max_failures={max_failures!r}, window_seconds={window_seconds!r}, max_keys={max_keys!r}:"
                " all must be positive (e.g. 5, 300, 10000)"
            )
        self.max_failures = max_failures
        self.window_seconds = float(window_seconds)
        self.max_keys = max_keys
        self._clock = clock
        self._lock = threading.Lock()
        # key -> failure times, oldest first; the dict is ordered by last failure.
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> LoginRateLimiter:
        return cls(int(settings["login_max_failures"]), float(settings["login_window_seconds"]))

    def _live(self, key: str, now: float) -> deque[float] | None:
        """The key's failures still inside the window; an expired key is forgotten."""
        times = self._failures.get(key)
        if times is None:
            return None
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        return times

    def check(self, key: str) -> None:
        """Raise RateLimited when `key` has used up its failures in the window."""
        with self._lock:
            now = self._clock()
            times = self._live(key, now)
            if times is None or len(times) < self.max_failures:
                return
            # Free again when the oldest counted failure leaves the window.
            wait = max(1, math.ceil(times[0] + self.window_seconds - now))
        raise RateLimited(f"too many failed logins; try again in {wait} seconds", retry_after=wait)

    def failed(self, key: str) -> None:
        with self._lock:
            now = self._clock()
            times = self._live(key, now)
            if times is None:
                times = self._failures[key] = deque(maxlen=self.max_failures)
            times.append(now)
            self._failures.move_to_end(key)
            self._shrink(now)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _shrink(self, now: float) -> None:
        """Drop expired keys, then, past max_keys, those that failed longest ago.

        The dict is ordered by last failure, so both are at its front: the work is
        proportional to what is dropped. Under a spray of guesses over many keys the
        oldest are forgotten first; they are the least likely to be under attack now.
        """
        horizon = now - self.window_seconds
        while self._failures:
            times = next(iter(self._failures.values()))
            if times[-1] > horizon and len(self._failures) <= self.max_keys:
                break
            self._failures.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._failures)
