"""Places: find a province or ward (old names lead to the new units), and one place's page."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...analysis.places import PlaceFilter, resolve_place_filter
from ...errors import NotFound, UsageError
from ..auth import Principal, needs
from ..state import app_state
from .figures import province_map, section_figures
from .params import ScopeForm, error_text, period_query, read_period, scope_form
from .render import language, render

router = APIRouter(include_in_schema=False)
PLACE_CODE = Path(..., min_length=2, max_length=10, pattern="^[0-9]+$")


@router.get("/places", response_class=HTMLResponse)
def places_page(
    request: Request,
    q: str = Query("", max_length=200),
    scope: ScopeForm = Depends(scope_form),
    _: Principal = Depends(needs("view_aggregates")),
) -> Response:
    state = app_state(request)
    context: dict[str, Any] = {"q": q, "form": scope.values(), "error": None, "map": None, "query": ""}
    try:
        period = read_period(state, scope)
        place = resolve_place_filter(q) if q.strip() else None
    except UsageError as exc:
        # An ambiguous name lists the units it may mean: the message says which.
        context["error"] = error_text(exc, language(request))
        return render(request, "places.html", context, status=400)
    query = period_query(period)
    if place is not None and len(place.codes) == 1:
        return RedirectResponse(f"/places/{place.codes[0]}?{query}", status_code=303)
    if place is not None:
        # An old district became several wards: their page together.
        return _profile_page(request, place, scope, q)
    # Complaints by province over the period, for the map.
    places = state.complaint_places(period)
    context.update({"period": period, "query": query, "map": province_map(places, language(request)),
                    "places": places})
    return render(request, "places.html", context)


def _profile_page(request: Request, place: PlaceFilter, scope: ScopeForm, q: str) -> Response:
    state = app_state(request)
    period = read_period(state, scope)
    profile = state.place_profile(period, place)
    context: dict[str, Any] = {
        "profile": profile, "sections": profile.sections, "period": period, "form": scope.values(),
        "query": period_query(period), "q": q,
        **section_figures(profile.sections, language(request)),
    }
    return render(request, "place.html", context)


@router.get("/places/{code}", response_class=HTMLResponse)
def place_show(
    request: Request,
    code: str = PLACE_CODE,
    scope: ScopeForm = Depends(scope_form),
    _: Principal = Depends(needs("view_aggregates")),
) -> Response:
    try:
        place = resolve_place_filter(code)
    except UsageError as exc:
        raise NotFound(str(exc), vi=exc.vi) from None
    try:
        read_period(app_state(request), scope)
    except UsageError as exc:
        context = {"q": "", "form": scope.values(), "error": error_text(exc, language(request)), "map": None, "query": ""}
        return render(request, "places.html", context, status=400)
    return _profile_page(request, place, scope, "")
