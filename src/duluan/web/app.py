"""The web application: the REST API under /api/v1 and the server-rendered pages."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..workspace import Workspace
from .api import API_PREFIX, api_router
from .cache import ForgetOnChange
from .errors import install_error_handlers
from .pages import pages_router
from .security import SecurityHeaders
from .state import AppState, WebOptions

STATIC_DIR = Path(__file__).parent / "static"


def _warm(state: AppState) -> None:
    """Count the default overview once, so the first visitor does not wait for it."""
    from .pages.overview import default_overview

    try:
        default_overview(state)
    except Exception:  # a cold cache is only slower; never stop the server for it
        logging.getLogger("duluan.web").exception("warming the overview failed")


def create_app(workspace: Workspace, options: WebOptions | None = None) -> FastAPI:
    state = AppState(workspace, options or WebOptions())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if state.options.warm_cache:
            threading.Thread(target=_warm, args=(state,), name="warm-overview", daemon=True).start()
        yield
        state.audit.close()  # nothing queued is lost when the server stops

    app = FastAPI(
        lifespan=lifespan,
        title="duluan",
        version=__version__,
        summary="Vietnamese public opinion: trends, alerts, cases and search — aggregate, never personal.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive docs pages load scripts from a CDN; we are offline and strict.
        docs_url=None,
        redoc_url=None,
    )
    app.state.duluan = state
    install_error_handlers(app)
    app.add_middleware(ForgetOnChange, caches=(state.pages, state.credentials))
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router())
    app.include_router(pages_router())
    return app
