"""Sources and ingestion: last fetch and error per source, runs, rejects and their reasons."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from ...analysis.ingestion import recent_rejects, recent_runs, rejects_by_reason, source_health
from ..auth import Principal, needs
from ..i18n import MESSAGES, translate
from ..state import app_state
from .render import language, render

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
    kind_name, run_label = source_namers(language(request))
    # Rejects show their reason, message and origin; the raw payload was never redacted.
    return render(request, "sources.html", {
        "kind_name": kind_name,
        "run_label": run_label,
        "sources": source_health(engine),
        "runs": recent_runs(engine, RUNS_SHOWN),
        "reasons": rejects_by_reason(engine),
        "reason": reason,
        "rejects": recent_rejects(engine, REJECTS_SHOWN, reason or None),
    })


def source_namers(lang: str) -> tuple[Callable[[str], str], Callable[[str | None], str]]:
    """(source kind → its name, run label → words) in `lang`; unknown ones as stored.
    Runs are labelled "source NAME" (a registered source) or "KIND LOCATION" (one-off)."""

    def kind_name(kind: str) -> str:
        key = f"source_kind_{kind}"
        return translate(lang, key) if key in MESSAGES else kind

    def run_label(label: str | None) -> str:
        first, _, rest = (label or "").partition(" ")
        if first == "source" and rest:
            return translate(lang, "run_of_source", name=rest)
        if f"source_kind_{first}" in MESSAGES and rest:
            return f"{kind_name(first)}: {rest}"
        return label or ""

    return kind_name, run_label
