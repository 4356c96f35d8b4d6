"""Topics of a period, and one topic with its history and representative stories."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...accounts import can
from ...analysis.periods import Period
from ..auth import Principal, needs
from ..state import app_state
from .params import period_params, record_id

router = APIRouter(tags=["topics"])


@router.get("/topics", summary="The largest topics of the period, with growth")
def topics_list(
    request: Request,
    limit: int = Query(10, ge=1, le=100),
    period: Period = Depends(period_params),
    _: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    state = app_state(request)
    summaries = state.topics(period, limit)
    return {"from": period.start.isoformat(), "to": period.end.isoformat(), "topics": [s.as_dict() for s in summaries]}


@router.get("/topics/{topic_id}", summary="One topic: figures, history and representative stories")
def topics_show(
    request: Request,
    topic_id: int = record_id(),
    period: Period = Depends(period_params),
    principal: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    state = app_state(request)
    detail = state.topic_detail(topic_id, period)
    data = detail.as_dict()
    if can(principal.user.role, "view_documents"):
        state.audit.record(principal.user, "view_documents", f"topic:{topic_id}",
                     {"stories": [e.story_id for e in detail.evidence]})
    else:
        data["evidence"] = []
    return data
