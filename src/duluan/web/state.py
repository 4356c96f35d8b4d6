"""What every request can reach: the workspace, its engine and settings, the login limiter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fastapi import Request
from sqlalchemy import Engine

from ..accounts import AuditWriter, LoginRateLimiter
from ..analysis.alerts import AlertView, get_alert, list_alerts
from ..analysis.overview import (
    Overview,
    PlaceCount,
    TopicPage,
    complaint_places,
    overview,
    topic_page,
)
from ..analysis.periods import Period, make_period
from ..analysis.place_profile import PlaceProfile, place_profile
from ..analysis.places import PlaceFilter
from ..analysis.topic_report import TopicDetail, TopicSummary, topic_detail, topic_summaries
from ..analysis.trends import Share, share_of_voice
from ..workspace import Workspace
from .cache import PageCache
from .credentials import CredentialCache


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
    # Dashboard pages (overview, places, topics) are kept this long; a change made through
    # the app (an alert acknowledged, a case moved) forgets them at once.
    page_cache_seconds: float = 60.0
    # Who a token or session cookie stands for is remembered this long (web/credentials.py).
    auth_cache_seconds: float = 5.0
    warm_cache: bool = True  # compute the default overview when the server starts

    @classmethod
    def from_settings(cls, settings: dict[str, Any], **given: Any) -> WebOptions:
        """The workspace's settings (duluan.toml, environment), then what the command line gave."""
        defaults = cls()  # each value takes the type of its default (TOML and env give strings too)
        named = {
            name: type(getattr(defaults, name))(settings[name]) for name in _FROM_SETTINGS if name in settings
        }
        return cls(**{**named, **given})


# WebOptions fields that are also workspace settings (config.SETTINGS documents them).
_FROM_SETTINGS = (
    "session_hours",
    "login_max_failures",
    "login_window_seconds",
    "page_cache_seconds",
    "auth_cache_seconds",
)


@dataclass
class AppState:
    workspace: Workspace
    options: WebOptions
    limiter: LoginRateLimiter = field(init=False)
    pages: PageCache = field(init=False)
    audit: AuditWriter = field(init=False)
    credentials: CredentialCache = field(init=False)

    def __post_init__(self) -> None:
        self.credentials = CredentialCache(self.options.auth_cache_seconds)
        self.audit = AuditWriter(self.workspace.engine)
        self.limiter = LoginRateLimiter(self.options.login_max_failures, self.options.login_window_seconds)
        self.pages = PageCache(ttl_seconds=self.options.page_cache_seconds)

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

    # The dashboard's pages, each counted once a minute however many people look.
    def overview(self, period: Period, place: PlaceFilter | None) -> Overview:
        return self.pages.get(("overview", period, place), lambda: overview(self.engine, self.settings, period, place))

    def place_profile(self, period: Period, place: PlaceFilter) -> PlaceProfile:
        return self.pages.get(("place", period, place), lambda: place_profile(self.engine, self.settings, period, place))

    def topic_page(self, topic_id: int, period: Period) -> TopicPage:
        return self.pages.get(("topic", topic_id, period), lambda: topic_page(self.engine, self.settings, topic_id, period))

    def complaint_places(self, period: Period) -> tuple[PlaceCount, ...]:
        return self.pages.get(("places", period), lambda: complaint_places(self.engine, self.settings, period))

    def topics(self, period: Period, limit: int) -> list[TopicSummary]:
        return self.pages.get(("topics", period, limit), lambda: topic_summaries(
            self.engine, period.start, period.end, self.timezone, limit, k_anonymity=self.k))

    def topic_detail(self, topic_id: int, period: Period) -> TopicDetail:
        return self.pages.get(("topic_detail", topic_id, period), lambda: topic_detail(
            self.engine, topic_id, period.start, period.end, self.timezone, k_anonymity=self.k))

    def share_of_voice(self, period: Period) -> list[Share]:
        return self.pages.get(("share", period), lambda: share_of_voice(self.engine, period))

    def alerts(self, *, status: str | None, concern: str | None, place: PlaceFilter | None,
               period: Period | None, limit: int) -> list[AlertView]:
        key = ("alerts", status, concern, place, period, limit)
        return self.pages.get(key, lambda: list_alerts(
            self.engine, timezone=self.timezone, status=status, concern=concern, place=place,
            period=period, k=self.k, limit=limit))

    def alert(self, alert_id: int) -> AlertView:
        return self.pages.get(("alert", alert_id), lambda: get_alert(self.engine, alert_id, timezone=self.timezone, k=self.k))


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.duluan
    return state
