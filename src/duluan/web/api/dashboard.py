"""The overview of a period (and place), and places: resolve a name, one place's profile."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request

from ...analysis.periods import Period
from ...analysis.places import place_name, resolve_place_filter
from ..auth import Principal, needs
from ..state import app_state
from .params import Scope, period_params, scope_params

router = APIRouter(tags=["overview"])


@router.get("/overview", summary="Volume with baseline, sentiment, topics, concerns, places, alerts, cases due")
def overview_show(
    request: Request, scope: Scope = Depends(scope_params), _: Principal = Depends(needs("view_aggregates"))
) -> dict[str, Any]:
    state = app_state(request)
    return state.overview(scope.period, scope.place).to_json()


@router.get("/places", summary="Resolve a place name (old or new, with or without diacritics) to new units")
def places_resolve(
    q: str = Query(..., min_length=1, max_length=200, description="e.g. 'quận Phú Nhuận', 'Ha Noi', '79'"),
    _: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    place = resolve_place_filter(q)
    return {
        "query": q, "level": place.level, "label": place.label,
        "units": [{"code": code, "name": place_name(place.level, code)} for code in place.codes],
    }


@router.get("/places/{code}", summary="One province or ward: concerns, topics, trend, alerts and cases")
def places_show(
    request: Request,
    code: str = Path(..., min_length=2, max_length=10, pattern="^[0-9]+$"),
    period: Period = Depends(period_params),
    _: Principal = Depends(needs("view_aggregates")),
) -> dict[str, Any]:
    state = app_state(request)
    return state.place_profile(period, resolve_place_filter(code)).to_json()
