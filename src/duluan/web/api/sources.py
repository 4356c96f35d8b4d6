"""Sources and ingestion: last fetch, errors, runs and rejects with their reasons."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...analysis.ingestion import recent_rejects, recent_runs, rejects_by_reason, source_health
from ..auth import Principal, needs
from ..state import app_state

router = APIRouter(tags=["sources"])


@router.get("/sources", summary="Registered sources with their last fetch and error")
def sources_list(request: Request, _: Principal = Depends(needs("view_sources"))) -> dict[str, Any]:
    engine = app_state(request).engine
    return {"sources": [s.as_json() for s in source_health(engine)], "rejects_by_reason": rejects_by_reason(engine)}


@router.get("/ingest-runs", summary="Recent ingestion runs, newest first")
def runs_list(
    request: Request, limit: int = Query(50, ge=1, le=500), _: Principal = Depends(needs("view_sources"))
) -> dict[str, Any]:
    return {"runs": [r.as_json() for r in recent_runs(app_state(request).engine, limit)]}


@router.get("/rejects", summary="Recent rejects with their reasons (raw payloads are not shown)")
def rejects_list(
    request: Request,
    reason: str | None = Query(None, max_length=40),
    limit: int = Query(50, ge=1, le=500),
    _: Principal = Depends(needs("view_sources")),
) -> dict[str, Any]:
    return {"rejects": [r.as_json() for r in recent_rejects(app_state(request).engine, limit, reason)]}
