"""The versioned REST API: /api/v1/… — every route declares the permission it needs."""

from __future__ import annotations

from fastapi import APIRouter

from ..errors import ERROR_RESPONSES
from . import alerts, cases, dashboard, documents, session, sources, topics, trends, users

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    router = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES)
    for module in (session, dashboard, trends, topics, alerts, cases, documents, sources, users):
        router.include_router(module.router)
    return router
