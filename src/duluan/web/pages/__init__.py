"""The server-rendered pages; each module is one page family with its routes."""

from __future__ import annotations

from fastapi import APIRouter

from . import auth


def pages_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    for module in (auth,):
        router.include_router(module.router)
    return router
