"""The case desk: list, open, change (with the allowed transitions), impact and metrics."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Body, Depends, Query, Request

from ...accounts import can
from ...analysis.cases import (
    CASE_TRANSITIONS,
    CaseChange,
    NewCase,
    change_case,
    desk_metrics,
    get_case,
    list_cases,
    open_case,
)
from ...analysis.evidence import evidence_documents
from ...analysis.impact import case_impact
from ...analysis.options import baseline_options
from ...analysis.places import resolve_place_filter
from ..auth import Principal, needs
from ..state import app_state
from .params import record_id
from .schemas import CaseUpdateBody, NewCaseBody

router = APIRouter(tags=["cases"])


@router.get("/cases", summary="Cases, soonest due first")
def cases_list(
    request: Request,
    status: str | None = Query(None, description="open, in_progress, answered, resolved or closed"),
    limit: int = Query(100, ge=1, le=1000),
    _: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    views = list_cases(app_state(request).engine, status=status, limit=limit)
    return {"cases": [v.as_json() for v in views], "transitions": {k: list(v) for k, v in CASE_TRANSITIONS.items()}}


@router.get("/cases/metrics", summary="Time to acknowledge, start and resolve (medians, hours)")
def cases_metrics(request: Request, _: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    return asdict(desk_metrics(app_state(request).engine))


@router.post("/cases", status_code=201, summary="Open a case from an alert or from chosen documents")
def cases_open(
    request: Request, body: NewCaseBody = Body(...), principal: Principal = Depends(needs("manage_cases"))
) -> dict[str, Any]:
    state = app_state(request)
    new = NewCase(
        title=body.title, alert_id=body.alert_id, document_ids=tuple(body.document_ids), concern=body.concern,
        place=resolve_place_filter(body.place) if body.place else None, assigned_unit=body.assigned_unit,
        priority=body.priority, due_on=body.due_on, note=body.note,
    )
    case_id = open_case(state.engine, new, actor=principal.user.username, timezone=state.timezone)
    state.audit.record(principal.user, "case_opened", f"case:{case_id}")
    return get_case(state.engine, case_id).as_json()


@router.get("/cases/{case_id}", summary="One case with its timeline and linked documents")
def cases_show(request: Request, case_id: int = record_id(), principal: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    state = app_state(request)
    data = get_case(state.engine, case_id).as_json()
    data["allowed_transitions"] = list(CASE_TRANSITIONS[data["status"]])
    if can(principal.user.role, "view_documents"):
        docs = evidence_documents(state.engine, data["documents"][:50])
        state.audit.record(principal.user, "view_documents", f"case:{case_id}", {"documents": [d.id for d in docs]})
        data["linked_documents"] = [d.as_json() for d in docs]
    else:
        data["documents"] = []
    return data


@router.patch("/cases/{case_id}", summary="Change status, assignment, priority or due date; add a note or documents")
def cases_update(
    request: Request, body: CaseUpdateBody = Body(...), case_id: int = record_id(),
    principal: Principal = Depends(needs("manage_cases")),
) -> dict[str, Any]:
    state = app_state(request)
    change = CaseChange(status=body.status, assigned_unit=body.assigned_unit, priority=body.priority,
                        due_on=body.due_on, note=body.note, add_documents=tuple(body.add_documents))
    change_case(state.engine, case_id, change, actor=principal.user.username)
    state.audit.record(principal.user, "case_changed", f"case:{case_id}",
                 body.model_dump(mode="json", exclude_none=True))
    return get_case(state.engine, case_id).as_json()


@router.get("/cases/{case_id}/impact", summary="After the answer: did the talk go down?")
def cases_impact(request: Request, case_id: int = record_id(), _: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    state = app_state(request)
    get_case(state.engine, case_id)  # 404 before "no concern to follow"
    result = case_impact(state.engine, case_id, timezone=state.timezone, k=state.k, options=baseline_options(state.settings))
    return result.as_json()
