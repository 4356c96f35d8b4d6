"""Who a bearer token or a session cookie stands for, remembered for a few seconds.

Every API call and page view names its caller, and looking the token up in the database
cost about a third of the work of a cached page (benchmarks/RESULTS.md, "Web dashboard").
The answer is kept for `seconds` (setting `auth_cache_seconds`); any successful change made
through the app (a logout, a revoked token, a disabled user, a new password) forgets every
answer at once, so only a change made outside the server — `duluan users` on the command
line — can take up to that long to reach it. Unknown tokens are never remembered.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["CredentialCache"]

T = TypeVar("T")
_MAX_ENTRIES = 10_000  # a bound, not a tuning knob: far more callers than one office has


class CredentialCache:
    """(kind, token) → the user behind it, for `seconds`; 0 turns it off."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._entries: dict[tuple[str, str], tuple[float, object]] = {}
        self._guard = threading.Lock()

    def lookup(self, kind: str, token: str, find: Callable[[], T | None]) -> T | None:
        """The remembered answer for this token, else `find()` (remembered unless None)."""
        if self.seconds <= 0:
            return find()
        # Keyed by a digest: the cache holds no usable secret.
        key = (kind, hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest())
        now = time.monotonic()
        with self._guard:
            entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.seconds:
            return entry[1]  # type: ignore[return-value]  # stored by find() of this kind
        found = find()
        with self._guard:
            if found is None:
                self._entries.pop(key, None)
            else:
                if len(self._entries) >= _MAX_ENTRIES:
                    self._entries.clear()
                self._entries[key] = (now, found)
        return found

    def clear(self) -> None:
        with self._guard:
            self._entries.clear()
