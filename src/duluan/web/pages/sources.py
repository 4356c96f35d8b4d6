"""Sources and ingestion: last fetch and error per source, runs, rejects and their reasons."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from ...analysis.ingestion import recent_rejects, recent_runs, rejects_by_reason, source_health
from ..auth import Principal, needs
from ..state import app_state
from .render import render

router = APIRouter(include_in_schema=False)
RUNS_SHOWN = 30
REJECTS_SHOWN = 50


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request,
    reason: str = Query("", max_length=40),
    _: Principal = Depends(needs("view_sources")),
) -> Response:
    engine = app_state(request).engine
    # Rejects show their reason, message and origin; the raw payload was never redacted.
    return render(request, "sources.html", {
        "sources": source_health(engine),
        "runs": recent_runs(engine, RUNS_SHOWN),
        "reasons": rejects_by_reason(engine),
        "reason": reason,
        "rejects": recent_rejects(engine, REJECTS_SHOWN, reason or None),
    })
