"""The case desk: a board by status and a list, one case with its timeline, and its changes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...accounts import can
from ...analysis.cases import (
    CASE_STATUSES,
    CASE_TRANSITIONS,
    PRIORITIES,
    CaseChange,
    change_case,
    desk_metrics,
    get_case,
    list_cases,
)
from ...analysis.evidence import evidence_documents
from ...analysis.impact import Impact, case_impact
from ...analysis.options import baseline_options
from ...errors import UsageError
from ..api.params import record_id
from ..auth import Principal, needs
from ..state import app_state
from .figures import impact_chart
from .params import TEXT, FormError, error_text, read_day, read_place
from .render import language, render

router = APIRouter(include_in_schema=False)
BOARD_LIMIT = 500
LINKED_SHOWN = 20
# The verdicts of analysis/impact.py by their first words, as MESSAGES keys.
VERDICTS = (
    ("went down: back", "verdict_back_to_normal"),
    ("went down, but", "verdict_down_above_normal"),
    ("did not go down", "verdict_not_down"),
    ("no clear change", "verdict_unclear"),
    ("too early", "verdict_too_early"),
)


def verdict_key(verdict: str) -> str | None:
    return next((key for start, key in VERDICTS if verdict.startswith(start)), None)


@router.get("/cases", response_class=HTMLResponse)
def cases_page(
    request: Request,
    view: str = Query("board", pattern="^(board|list)$"),
    status: str = Query("", max_length=20),
    place: str = Query("", max_length=200),
    _: Principal = Depends(needs("view_aggregates")),
) -> Response:
    state = app_state(request)
    context: dict[str, Any] = {"view": view, "status": status, "statuses": CASE_STATUSES, "columns": {},
                               "cases": [], "metrics": desk_metrics(state.engine), "error": None,
                               "place": place.strip(), "filters": (*CASE_STATUSES, "unresolved")}
    try:
        found = list_cases(state.engine, status=status or None, limit=BOARD_LIMIT, place=read_place(place.strip()))
    except UsageError as exc:
        context["error"] = error_text(exc, language(request))
        return render(request, "cases.html", context, status=400)
    context["cases"] = found
    context["columns"] = {s: [c for c in found if c.status == s] for s in CASE_STATUSES}
    return render(request, "cases.html", context)


def case_page(
    request: Request, principal: Principal, case_id: int, *,
    error: str | None = None, form: dict[str, str] | None = None, status: int = 200,
) -> Response:
    """One case; its forms post back here with their error when they fail."""
    state = app_state(request)
    case = get_case(state.engine, case_id)
    linked = []
    if can(principal.user.role, "view_documents"):
        linked = evidence_documents(state.engine, case.documents[:LINKED_SHOWN])
        state.audit.record(principal.user, "view_documents", f"case:{case_id}",
                     {"documents": [d.id for d in linked]})
    impact: Impact | None = None
    impact_note = None
    try:
        impact = case_impact(state.engine, case_id, timezone=state.timezone, k=state.k,
                             options=baseline_options(state.settings))
    except UsageError as exc:
        # Not answered yet, no concern, too little history: a fact about the case, not a failure.
        impact_note = error_text(exc, language(request))
    context = {
        "case": case, "next": CASE_TRANSITIONS[case.status], "priorities": PRIORITIES, "linked": linked,
        "impact": impact, "impact_note": impact_note,
        "verdict_key": verdict_key(impact.verdict) if impact is not None else None,
        "impact_chart": impact_chart(state.engine, state.settings, case, impact, language(request)) if impact is not None else None,
        "error": error, "form": form or {},
    }
    return render(request, "case.html", context, status=status)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_show(
    request: Request, case_id: int = record_id(), principal: Principal = Depends(needs("view_aggregates"))
) -> Response:
    return case_page(request, principal, case_id)


def _apply(request: Request, principal: Principal, case_id: int, change: CaseChange,
           audit: dict[str, Any], form: dict[str, str]) -> Response:
    state = app_state(request)
    try:
        change_case(state.engine, case_id, change, actor=principal.user.username)
    except UsageError as exc:
        return case_page(request, principal, case_id, error=error_text(exc, language(request)), form=form, status=400)
    state.audit.record(principal.user, "case_changed", f"case:{case_id}", audit)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/status")
def case_move(
    request: Request,
    status: str = Form(..., max_length=20),
    case_id: int = record_id(),
    principal: Principal = Depends(needs("manage_cases")),
) -> Response:
    return _apply(request, principal, case_id, CaseChange(status=status), {"status": status}, {})


@router.post("/cases/{case_id}/note")
def case_note(
    request: Request,
    note: str = Form("", max_length=TEXT),
    case_id: int = record_id(),
    principal: Principal = Depends(needs("manage_cases")),
) -> Response:
    if not note.strip():
        error = error_text(FormError("error_note_empty"), language(request))
        return case_page(request, principal, case_id, error=error, status=400)
    return _apply(request, principal, case_id, CaseChange(note=note.strip()), {"note": note.strip()}, {"note": note})


@router.post("/cases/{case_id}/update")
def case_update(
    request: Request,
    assigned_unit: str = Form("", max_length=200),
    priority: str = Form("", max_length=10),
    due_on: str = Form("", max_length=10),
    case_id: int = record_id(),
    principal: Principal = Depends(needs("manage_cases")),
) -> Response:
    form = {"assigned_unit": assigned_unit, "priority": priority, "due_on": due_on}
    try:
        due = read_day(due_on)
    except UsageError as exc:
        return case_page(request, principal, case_id, error=error_text(exc, language(request)), form=form, status=400)
    change = CaseChange(assigned_unit=assigned_unit.strip() or None, priority=priority or None, due_on=due)
    audit = {k: v for k, v in {"assigned_unit": change.assigned_unit, "priority": change.priority,
                               "due_on": due_on.strip() or None}.items() if v is not None}
    return _apply(request, principal, case_id, change, audit, form)
