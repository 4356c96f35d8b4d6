"""What every request can reach: the workspace, its engine and settings, the login limiter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import Request
from sqlalchemy import Engine

from ..accounts import LoginRateLimiter
from ..analysis.periods import Period, make_period
from ..workspace import Workspace


@dataclass(frozen=True)
class WebOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    # Set the Secure flag on cookies even over plain HTTP (when a TLS proxy sits in front
    # and does not say so with X-Forwarded-Proto).
    force_secure_cookies: bool = False
    session_hours: float = 12.0
    login_max_failures: int = 5
    login_window_seconds: float = 300.0


@dataclass
class AppState:
    workspace: Workspace
    options: WebOptions
    limiter: LoginRateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = LoginRateLimiter(self.options.login_max_failures, self.options.login_window_seconds)

    @property
    def engine(self) -> Engine:
        return self.workspace.engine

    @property
    def settings(self) -> dict[str, Any]:
        return self.workspace.settings

    @property
    def timezone(self) -> str:
        return str(self.settings["timezone"])

    @property
    def k(self) -> int:
        return int(self.settings["k_anonymity"])

    def period(self, start: date | str | None = None, end: date | str | None = None, days: int | None = None) -> Period:
        """The range asked for; by default the last 30 days up to today."""
        if start is not None and days is not None:
            days = None  # an explicit start wins over the default window
        return make_period(self.timezone, start or None, end or None, days)


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.duluan
    return state
