"""Alerts: list with filters, one alert with its numbers and evidence, and triage."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Query, Request

from ...accounts import can
from ...analysis.alerts import change_alert, get_alert
from ...analysis.cases import NewCase, open_case
from ...analysis.evidence import evidence_documents
from ...analysis.places import resolve_place_filter
from ..auth import Principal, needs
from ..state import app_state
from .params import period_params, record_id
from .schemas import DismissBody, OpenCaseFromAlertBody

router = APIRouter(tags=["alerts"])


@router.get("/alerts", summary="Alerts, newest surge first")
def alerts_list(
    request: Request,
    status: str | None = Query(None, description="new, acknowledged, dismissed or case; open = new or acknowledged"),
    concern: str | None = Query(None, max_length=40),
    place: str | None = Query(None, max_length=200),
    limit: int = Query(50, ge=1, le=500),
    period: Any = Depends(period_params),
    _: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    state = app_state(request)
    views = state.alerts(status=status, concern=concern, place=resolve_place_filter(place) if place else None,
                         period=period, limit=limit)
    return {"from": period.start.isoformat(), "to": period.end.isoformat(),
            "alerts": [_public(v.as_json(), evidence=False) for v in views]}


def _public(data: dict[str, Any], evidence: bool) -> dict[str, Any]:
    """A viewer sees the aggregates of an alert, not which documents are behind it."""
    if not evidence:
        data = {**data, "evidence": []}
    return data


@router.get("/alerts/{alert_id}", summary="One alert: the statistics day by day and the evidence")
def alerts_show(
    request: Request,
    alert_id: int = record_id(),
    principal: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    state = app_state(request)
    view = state.alert(alert_id)
    data = view.as_json()
    if can(principal.user.role, "view_documents"):
        docs = evidence_documents(state.engine, view.evidence)
        state.audit.record(principal.user, "view_documents", f"alert:{alert_id}",
                     {"documents": [d.id for d in docs]})
        data["evidence_documents"] = [d.as_json() for d in docs]
    else:
        data = _public(data, evidence=False)
    return data


@router.post("/alerts/{alert_id}/acknowledge", summary="Acknowledge an alert")
def alerts_acknowledge(
    request: Request,
    alert_id: int = record_id(),
    principal: Principal = Depends(needs("triage_alerts")),
) -> dict[str, Any]:
    state = app_state(request)
    change_alert(state.engine, alert_id, "acknowledged")
    state.audit.record(principal.user, "alert_acknowledged", f"alert:{alert_id}")
    return _public(get_alert(state.engine, alert_id, timezone=state.timezone, k=state.k).as_json(), evidence=False)


@router.post("/alerts/{alert_id}/dismiss", summary="Dismiss an alert, with the reason")
def alerts_dismiss(
    request: Request,
    body: DismissBody = Body(...),
    alert_id: int = record_id(),
    principal: Principal = Depends(needs("triage_alerts")),
) -> dict[str, Any]:
    state = app_state(request)
    change_alert(state.engine, alert_id, "dismissed", body.reason)
    state.audit.record(principal.user, "alert_dismissed", f"alert:{alert_id}", {"reason": body.reason})
    return _public(get_alert(state.engine, alert_id, timezone=state.timezone, k=state.k).as_json(), evidence=False)


@router.post("/alerts/{alert_id}/case", status_code=201, summary="Open a case from an alert")
def alerts_open_case(
    request: Request,
    body: OpenCaseFromAlertBody | None = Body(None),
    alert_id: int = record_id(),
    principal: Principal = Depends(needs("manage_cases")),
) -> dict[str, Any]:
    state = app_state(request)
    body = body or OpenCaseFromAlertBody.model_validate({})
    new = NewCase(title=body.title, alert_id=alert_id, assigned_unit=body.assigned_unit,
                  priority=body.priority, due_on=body.due_on, note=body.note)
    case_id = open_case(state.engine, new, actor=principal.user.username, timezone=state.timezone)
    state.audit.record(principal.user, "case_opened", f"case:{case_id}", {"alert": alert_id})
    return {"case_id": case_id, "alert_id": alert_id}
