"""Alerts: the list with its filters, one alert with its numbers and evidence, and triage."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...accounts import can
from ...analysis.alerts import (
    ALERT_STATUSES,
    ALERT_TRANSITIONS,
    change_alert,
)
from ...analysis.cases import PRIORITIES, NewCase, open_case
from ...analysis.evidence import evidence_documents
from ...enrich.concerns import CONCERN_IDS
from ...errors import UsageError
from ..api.params import record_id
from ..auth import Principal, needs
from ..state import app_state
from .figures import alert_chart
from .params import (
    TEXT,
    FormError,
    ScopeForm,
    error_text,
    read_day,
    read_period,
    read_place,
    scope_form,
)
from .render import language, render

router = APIRouter(include_in_schema=False)
LIST_LIMIT = 200
# The units the detector counts in (stats["unit"]), as MESSAGES keys.
UNIT_KEYS = {
    "distinct stories of posts and comments per day": "unit_social_stories",
    "distinct stories per day": "unit_stories",
}


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(
    request: Request,
    status: str = Query("", max_length=20),
    concern: str = Query("", max_length=40),
    scope: ScopeForm = Depends(scope_form),
    _: Principal = Depends(needs("view_aggregates")),
) -> Response:
    state = app_state(request)
    context: dict[str, Any] = {
        "form": {**scope.values(), "status": status, "concern": concern},
        "statuses": (*ALERT_STATUSES, "open"), "concerns": CONCERN_IDS, "alerts": [], "error": None,
    }
    try:
        # Without a period the list is every alert: triage should not miss an old one.
        period = read_period(state, scope) if scope.given else None
        context["alerts"] = state.alerts(
            status=status or None, concern=concern or None, place=read_place(scope.place),
            period=period, limit=LIST_LIMIT,
        )
    except UsageError as exc:
        context["error"] = error_text(exc, language(request))
        return render(request, "alerts.html", context, status=400)
    return render(request, "alerts.html", context)


def alert_page(
    request: Request, principal: Principal, alert_id: int, *,
    error: str | None = None, form: dict[str, str] | None = None, status: int = 200,
) -> Response:
    """One alert; the triage forms post back here with their error when they fail."""
    state = app_state(request)
    view = state.alert(alert_id)
    evidence = []
    if can(principal.user.role, "view_documents"):
        evidence = evidence_documents(state.engine, view.evidence)
        state.audit.record(principal.user, "view_documents", f"alert:{alert_id}",
                     {"documents": [d.id for d in evidence]})
    context = {
        "alert": view, "chart": alert_chart(view.stats, language(request)), "flagged": sorted(view.stats.get("flagged", {}).items()),
        "unit_keys": UNIT_KEYS, "evidence": evidence, "next": ALERT_TRANSITIONS[view.status],
        "priorities": PRIORITIES, "error": error, "form": form or {},
    }
    return render(request, "alert.html", context, status=status)


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
def alert_show(
    request: Request, alert_id: int = record_id(), principal: Principal = Depends(needs("view_aggregates"))
) -> Response:
    return alert_page(request, principal, alert_id)


@router.post("/alerts/{alert_id}/acknowledge")
def alert_acknowledge(
    request: Request, alert_id: int = record_id(), principal: Principal = Depends(needs("triage_alerts"))
) -> Response:
    state = app_state(request)
    try:
        change_alert(state.engine, alert_id, "acknowledged")
    except UsageError as exc:
        return alert_page(request, principal, alert_id, error=error_text(exc, language(request)), status=400)
    state.audit.record(principal.user, "alert_acknowledged", f"alert:{alert_id}")
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.post("/alerts/{alert_id}/dismiss")
def alert_dismiss(
    request: Request,
    reason: str = Form("", max_length=TEXT),
    alert_id: int = record_id(),
    principal: Principal = Depends(needs("triage_alerts")),
) -> Response:
    state = app_state(request)
    try:
        if not reason.strip():
            raise FormError("error_dismiss_reason")
        change_alert(state.engine, alert_id, "dismissed", reason.strip())
    except UsageError as exc:
        return alert_page(request, principal, alert_id, error=error_text(exc, language(request)),
                          form={"reason": reason}, status=400)
    state.audit.record(principal.user, "alert_dismissed", f"alert:{alert_id}", {"reason": reason.strip()})
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.post("/alerts/{alert_id}/case")
def alert_open_case(
    request: Request,
    title: str = Form("", max_length=300),
    assigned_unit: str = Form("", max_length=200),
    priority: str = Form("normal", max_length=10),
    due_on: str = Form("", max_length=10),
    note: str = Form("", max_length=TEXT),
    alert_id: int = record_id(),
    principal: Principal = Depends(needs("manage_cases")),
) -> Response:
    state = app_state(request)
    form = {"title": title, "assigned_unit": assigned_unit, "priority": priority, "due_on": due_on, "note": note}
    try:
        new = NewCase(title=title.strip() or None, alert_id=alert_id, assigned_unit=assigned_unit.strip() or None,
                      priority=priority, due_on=read_day(due_on), note=note.strip() or None)
        case_id = open_case(state.engine, new, actor=principal.user.username, timezone=state.timezone)
    except UsageError as exc:
        return alert_page(request, principal, alert_id, error=error_text(exc, language(request)), form=form, status=400)
    state.audit.record(principal.user, "case_opened", f"case:{case_id}", {"alert": alert_id})
    return RedirectResponse(f"/cases/{case_id}", status_code=303)
