"""The web application: the REST API under /api/v1 and the server-rendered pages."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..workspace import Workspace
from .api import API_PREFIX, api_router
from .errors import install_error_handlers
from .pages import pages_router
from .security import SecurityHeaders
from .state import AppState, WebOptions

STATIC_DIR = Path(__file__).parent / "static"


def create_app(workspace: Workspace, options: WebOptions | None = None) -> FastAPI:
    app = FastAPI(
        title="duluan",
        version=__version__,
        summary="Vietnamese public opinion: trends, alerts, cases and search — aggregate, never personal.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        # The interactive docs pages load scripts from a CDN; we are offline and strict.
        docs_url=None,
        redoc_url=None,
    )
    app.state.duluan = AppState(workspace, options or WebOptions())
    install_error_handlers(app)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api_router())
    app.include_router(pages_router())
    return app
