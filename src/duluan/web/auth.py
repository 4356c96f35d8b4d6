"""Who is asking: a session cookie (pages) or a bearer token (API clients), and may they?

Every route declares the permission it needs with `needs(...)`; the role table lives in
`duluan.accounts`. Cookie-authenticated requests that change something must carry the
session's CSRF token (form field `csrf_token` or header `X-CSRF-Token`); bearer-token
requests need none, since a browser never adds that header by itself.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Depends, Request
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from ..accounts import Session, User, require, session_for_token, user_for_api_token
from ..errors import AuthenticationFailed, PermissionDenied
from ..store.repository import utcnow
from .state import app_state

SESSION_COOKIE = "duluan_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Declared so the OpenAPI document names both ways in; they never fail by themselves.
bearer_scheme = HTTPBearer(auto_error=False, description="An API token: `duluan users token NAME`.")
cookie_scheme = APIKeyCookie(name=SESSION_COOKIE, auto_error=False, description="The session of a logged-in browser.")


@dataclass(frozen=True)
class Principal:
    user: User
    via: str  # "session" or "token"
    session: Session | None = None
    session_token: str | None = None

    @property
    def csrf_token(self) -> str:
        return self.session.csrf_token if self.session else ""


def principal_from_request(request: Request) -> Principal | None:
    """The caller, if any; looked up once per request."""
    if hasattr(request.state, "principal"):
        cached: Principal | None = request.state.principal
        return cached
    state = app_state(request)
    principal: Principal | None = None
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        bearer = header[7:].strip()
        user = state.credentials.lookup("token", bearer, lambda: user_for_api_token(state.engine, bearer))
        if user is None:
            raise AuthenticationFailed("this API token is unknown or revoked; create one with `duluan users token`")
        principal = Principal(user, "token")
    elif token := request.cookies.get(SESSION_COOKIE):
        session = state.credentials.lookup("session", token, lambda: session_for_token(state.engine, token))
        if session is not None and session.expires_at <= utcnow():
            session = None  # it ended while remembered
        if session is not None:
            principal = Principal(session.user, "session", session, token)
    request.state.principal = principal
    return principal


async def check_csrf(request: Request, principal: Principal) -> None:
    """Refuse a cookie-authenticated change that does not prove it came from our pages."""
    if principal.via != "session" or request.method in SAFE_METHODS:
        return
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise PermissionDenied(f"request from another site ({origin}) refused")
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, principal.csrf_token):
        raise PermissionDenied("missing or wrong CSRF token; reload the page and try again")


def needs(permission: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency: the caller, authenticated, CSRF-checked and allowed `permission`."""

    async def dependency(
        request: Request,
        _bearer: HTTPAuthorizationCredentials | None = Depends(bearer_scheme),
        _cookie: str | None = Depends(cookie_scheme),
    ) -> Principal:
        principal = principal_from_request(request)
        if principal is None:
            raise AuthenticationFailed("log in first (or send an API token as 'Authorization: Bearer …')")
        await check_csrf(request, principal)
        require(principal.user, permission)
        return principal

    dependency.__name__ = f"needs_{permission}"
    return dependency
