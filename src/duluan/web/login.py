"""Logging in and out, shared by the login page and the API: limits, cookie, audit."""

from __future__ import annotations

from fastapi import Request, Response

from ..accounts import (
    Session,
    User,
    authenticate,
    end_session,
    redeem_login_link,
    start_session,
)
from ..errors import AuthenticationFailed
from .auth import SESSION_COOKIE, Principal
from .state import app_state


def client_key(request: Request, username: str) -> str:
    host = request.client.host if request.client else "unknown"
    return f"{host}|{username.strip().lower()}"


def log_in(request: Request, username: str, password: str) -> tuple[str, Session]:
    """Check the password under the rate limit; returns (cookie token, session)."""
    state = app_state(request)
    key = client_key(request, username)
    state.limiter.check(key)
    try:
        user = authenticate(state.engine, username, password)
    except AuthenticationFailed:
        state.limiter.failed(key)
        state.audit.record(None, "login_failed", f"user:{username[:60]}",
                     {"client": request.client.host if request.client else None})
        raise
    state.limiter.succeeded(key)
    return _start(request, user, "password")


def log_in_with_link(request: Request, token: str) -> tuple[str, Session]:
    state = app_state(request)
    key = client_key(request, "(link)")
    state.limiter.check(key)
    try:
        user = redeem_login_link(state.engine, token)
    except AuthenticationFailed:
        state.limiter.failed(key)
        raise
    return _start(request, user, "link")


def _start(request: Request, user: User, how: str) -> tuple[str, Session]:
    state = app_state(request)
    token, session = start_session(state.engine, user, hours=state.options.session_hours)
    state.audit.record(user, "login", f"user:{user.username}", {"how": how})
    return token, session


def log_out(request: Request, principal: Principal, response: Response) -> None:
    state = app_state(request)
    if principal.session_token:
        end_session(state.engine, principal.session_token)
    state.audit.record(principal.user, "logout", f"user:{principal.user.username}")
    response.delete_cookie(SESSION_COOKIE, path="/")


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    state = app_state(request)
    secure = state.options.force_secure_cookies or request.url.scheme == "https"
    response.set_cookie(
        SESSION_COOKIE, token, max_age=int(state.options.session_hours * 3600), path="/",
        httponly=True, secure=secure, samesite="lax",
    )
