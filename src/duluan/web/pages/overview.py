"""The overview: volume with its baseline, mood, concerns, places, topics, alerts and cases."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from ...analysis.overview import Overview
from ...errors import UsageError
from ..auth import Principal, needs
from ..state import AppState, app_state
from .figures import section_figures
from .params import ScopeForm, error_text, period_query, read_period, read_place, scope_form
from .render import language, render

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def overview_page(
    request: Request, scope: ScopeForm = Depends(scope_form), _: Principal = Depends(needs("view_aggregates"))
) -> Response:
    state = app_state(request)
    context: dict[str, Any] = {"form": scope.values(), "result": None, "error": None}
    try:
        period = read_period(state, scope)
        place = read_place(scope.place)
    except UsageError as exc:
        context["error"] = error_text(exc, language(request))
        return render(request, "overview.html", context, status=400)
    result = state.overview(period, place)
    context.update({
        "result": result, "sections": result.sections, "period": period,
        "query": period_query(period), "place_query": period_query(period, place=scope.place),
        **section_figures(result.sections, language(request)),
    })
    return render(request, "overview.html", context)


def default_overview(state: AppState) -> Overview:
    """What `/` shows with no filter: the last 30 days, the whole country."""
    return state.overview(state.period(), None)
