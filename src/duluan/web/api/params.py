"""Query parameters shared by the API routes: a period and a place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import Path, Query, Request

from ...analysis.periods import Period
from ...analysis.places import PlaceFilter, resolve_place_filter
from ..state import app_state

# Ids are 32-bit integers on PostgreSQL: a larger one must be the caller's 422, not the
# database's overflow (a 500).
MAX_ID = 2**31 - 1


def record_id() -> Any:
    """A path parameter holding a record id: a fresh marker per route (FastAPI names it
    after the parameter it is given to, so one object cannot serve two names)."""
    return Path(..., ge=1, le=MAX_ID)


@dataclass(frozen=True)
class Scope:
    period: Period
    place: PlaceFilter | None


def period_params(
    request: Request,
    start: date | None = Query(None, alias="from", description="First local day, YYYY-MM-DD."),
    end: date | None = Query(None, alias="to", description="Last local day, YYYY-MM-DD (default today)."),
    days: int | None = Query(None, ge=1, le=3660, description="The last DAYS days up to `to` (default 30)."),
) -> Period:
    return app_state(request).period(start, end, days)


def scope_params(
    request: Request,
    start: date | None = Query(None, alias="from", description="First local day, YYYY-MM-DD."),
    end: date | None = Query(None, alias="to", description="Last local day, YYYY-MM-DD (default today)."),
    days: int | None = Query(None, ge=1, le=3660, description="The last DAYS days up to `to` (default 30)."),
    place: str | None = Query(None, max_length=200, description="Province or ward by name or code; old names resolve to new units."),
) -> Scope:
    period = app_state(request).period(start, end, days)
    return Scope(period, resolve_place_filter(place) if place else None)
