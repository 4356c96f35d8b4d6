"""Trends for any slice, with the baseline, and each topic's share of voice."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from ...analysis.options import baseline_options
from ...analysis.periods import Period
from ...analysis.series import make_filter
from ...analysis.trends import share_of_voice, trend
from ..auth import Principal, needs
from ..state import app_state
from .params import MAX_ID, period_params

router = APIRouter(tags=["trends"])


@router.get("/trends", summary="Counts per day or hour for a slice, with the expected baseline")
def trends(
    request: Request,
    concern: str | None = Query(None, max_length=40),
    place: str | None = Query(None, max_length=200),
    category: str | None = Query(None, max_length=60),
    kind: str | None = Query(None, max_length=20, description="news, page, post or comment"),
    source_kind: str | None = Query(None, max_length=20),
    sentiment: str | None = Query(None, max_length=10),
    topic: int | None = Query(None, ge=1, le=MAX_ID),
    granularity: str = Query("day", pattern="^(day|hour)$"),
    period: Period = Depends(period_params),
    _: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    state = app_state(request)
    flt = make_filter(concern=concern, place=place, category=category, kind=kind,
                      source_kind=source_kind, sentiment=sentiment, topic_id=topic)
    result = trend(state.engine, flt, period, granularity=granularity, k=state.k, options=baseline_options(state.settings))
    return result.as_json()


@router.get("/share-of-voice", summary="Each topic's share of the period's stories")
def share(
    request: Request,
    limit: int = Query(10, ge=1, le=100),
    period: Period = Depends(period_params),
    _: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    shares = share_of_voice(app_state(request).engine, period, limit)
    return {"from": period.start.isoformat(), "to": period.end.isoformat(), "topics": [asdict(s) for s in shares]}
