"""How ingestion is going: each source's last fetch and error, recent runs, rejects by reason.

Rejects keep their raw payload for replay, but it was never redacted, so it is not
offered here: a reject shows its reason, message, origin and time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, func, select

from ..store.schema import documents, ingest_runs, rejects, sources


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class SourceHealth:
    id: int
    name: str
    kind: str
    location: str
    last_run_at: datetime | None
    last_error: str | None
    documents: int
    rejects: int

    def as_json(self) -> dict[str, Any]:
        return {**vars(self), "last_run_at": _iso(self.last_run_at)}


@dataclass(frozen=True)
class RunRow:
    id: int
    source: str | None
    label: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    new: int
    duplicate: int
    near_duplicate: int
    rejected: int
    message: str | None

    def as_json(self) -> dict[str, Any]:
        return {**vars(self), "started_at": _iso(self.started_at), "finished_at": _iso(self.finished_at)}


@dataclass(frozen=True)
class RejectRow:
    id: int
    source: str | None
    origin: str
    reason: str
    message: str
    created_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {**vars(self), "created_at": _iso(self.created_at)}


def source_health(engine: Engine) -> list[SourceHealth]:
    per_source_docs = select(documents.c.source_id, func.count().label("n")).group_by(documents.c.source_id).subquery()
    per_source_rejects = select(rejects.c.source_id, func.count().label("n")).group_by(rejects.c.source_id).subquery()
    query = (
        select(sources, per_source_docs.c.n.label("docs"), per_source_rejects.c.n.label("rej"))
        .outerjoin(per_source_docs, per_source_docs.c.source_id == sources.c.id)
        .outerjoin(per_source_rejects, per_source_rejects.c.source_id == sources.c.id)
        .order_by(sources.c.name)
    )
    with engine.connect() as conn:
        return [
            SourceHealth(r.id, r.name, r.kind, r.location, r.last_run_at, r.last_error, int(r.docs or 0), int(r.rej or 0))
            for r in conn.execute(query)
        ]


def recent_runs(engine: Engine, limit: int = 50) -> list[RunRow]:
    query = (
        select(ingest_runs, sources.c.name.label("source"))
        .outerjoin(sources, sources.c.id == ingest_runs.c.source_id)
        .order_by(ingest_runs.c.started_at.desc(), ingest_runs.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return [
            RunRow(r.id, r.source, r.label, r.started_at, r.finished_at, r.status, r.n_new, r.n_duplicate,
                   r.n_near_duplicate, r.n_rejected, r.message)
            for r in conn.execute(query)
        ]


def rejects_by_reason(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(select(rejects.c.reason, func.count()).group_by(rejects.c.reason).order_by(func.count().desc()))
        return {reason: int(n) for reason, n in rows}


def recent_rejects(engine: Engine, limit: int = 50, reason: str | None = None) -> list[RejectRow]:
    query = (
        select(rejects.c.id, rejects.c.origin, rejects.c.reason, rejects.c.message, rejects.c.created_at,
               sources.c.name.label("source"))
        .outerjoin(sources, sources.c.id == rejects.c.source_id)
        .order_by(rejects.c.created_at.desc(), rejects.c.id.desc())
        .limit(limit)
    )
    if reason:
        query = query.where(rejects.c.reason == reason)
    with engine.connect() as conn:
        return [RejectRow(r.id, r.source, r.origin, r.reason, r.message[:500], r.created_at) for r in conn.execute(query)]
