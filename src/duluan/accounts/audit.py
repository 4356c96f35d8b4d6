"""The audit log: who looked at documents, exported, triaged or changed what, and when.

Rows are only ever inserted; nothing here updates or deletes them.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, insert, select

from ..errors import UsageError
from ..store.repository import utcnow
from ..store.schema import audit_log
from .users import User

# Lower-case words joined by "_": "login", "alert_acknowledged", "case_status".
ACTION_RE = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_AUDIT_ROWS = 10_000


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    # None for the command line and for anonymous attempts (username is then "").
    user_id: int | None
    username: str
    action: str
    target: str
    detail: dict[str, Any]


def record_audit(
    engine: Engine, user: User | None, action: str, target: str,
    detail: dict[str, Any] | None = None, now: datetime | None = None,
) -> None:
    """Append one row to the audit log."""
    if not ACTION_RE.fullmatch(action or ""):
        # The web layer names actions in code, so a bad one is a bug, not a user's mistake.
        raise ValueError(f"audit action {action!r} must be 1-40 characters of a-z, 0-9 and '_', e.g. 'export'")
    with engine.begin() as conn:
        conn.execute(
            insert(audit_log).values(
                at=now or utcnow(), user_id=None if user is None else user.id,
                username="" if user is None else user.username, action=action,
                target=str(target), detail=dict(detail or {}),
            )
        )


def list_audit(engine: Engine, limit: int = 100, action: str | None = None, username: str | None = None) -> list[AuditEntry]:
    """The latest rows first, optionally of one action or one user."""
    if not 1 <= limit <= MAX_AUDIT_ROWS:
        raise UsageError(f"limit {limit} is out of range; use 1 to {MAX_AUDIT_ROWS}")
    query = select(audit_log).order_by(audit_log.c.id.desc()).limit(limit)
    if action:
        query = query.where(audit_log.c.action == action)
    if username is not None:
        query = query.where(audit_log.c.username == username.strip().lower())
    with engine.connect() as conn:
        return [
            AuditEntry(id=r.id, at=r.at, user_id=r.user_id, username=r.username, action=r.action,
                       target=r.target, detail=dict(r.detail or {}))
            for r in conn.execute(query)
        ]


class AuditWriter:
    """Audit rows queued by the web's request threads and written in batches by one thread.

    SQLite has one write lock, and an ingest holds it a batch at a time: a request that
    wrote its own audit row waited up to 1.3 s behind it (benchmarks/web.py). Queued rows
    are written within `interval` seconds, and at once by `flush()` (before the log is
    read, and when the server stops).
    """

    def __init__(self, engine: Engine, interval: float = 0.5, max_batch: int = 500) -> None:
        self.engine, self.interval, self.max_batch = engine, interval, max_batch
        self._queue: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False

    def record(self, user: User | None, action: str, target: str, detail: dict[str, Any] | None = None) -> None:
        if not ACTION_RE.fullmatch(action or ""):
            raise ValueError(f"audit action {action!r} must be 1-40 characters of a-z, 0-9 and '_', e.g. 'export'")
        row = {
            "at": utcnow(), "user_id": None if user is None else user.id,
            "username": "" if user is None else user.username, "action": action,
            "target": str(target), "detail": dict(detail or {}),
        }
        with self._lock:
            self._queue.append(row)
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
                self._thread.start()
        if len(self._queue) >= self.max_batch:
            self._wake.set()

    def flush(self) -> None:
        """Write everything queued so far (the caller waits)."""
        with self._write_lock:
            with self._lock:
                rows, self._queue = self._queue, []
            if rows:
                with self.engine.begin() as conn:
                    conn.execute(insert(audit_log), rows)

    def close(self) -> None:
        self._closed = True
        self._wake.set()
        self.flush()

    def _run(self) -> None:
        while not self._closed:
            self._wake.wait(self.interval)
            self._wake.clear()
            try:
                self.flush()
            except Exception:  # the rows stay lost only if the database is gone; say so
                logging.getLogger("duluan.audit").exception("writing audit rows failed")
