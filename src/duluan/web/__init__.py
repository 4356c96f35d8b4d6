"""The web dashboard and REST API (FastAPI, server-rendered Jinja2 pages, offline assets)."""

from .app import create_app
from .state import WebOptions

__all__ = ["WebOptions", "create_app"]
