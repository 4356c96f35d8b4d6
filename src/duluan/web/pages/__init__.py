"""The server-rendered pages; each module is one page family with its routes."""

from __future__ import annotations

from fastapi import APIRouter

from . import account, alerts, auth, cases, overview, places, search, sources, topics


def pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (auth, overview, topics, places, alerts, cases, search, sources, account):
        router.include_router(module.router)
    return router
