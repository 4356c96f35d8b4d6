"""Log in and out through the API, who am I, and my API tokens."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Request, Response

from ...accounts import (
    PERMISSIONS,
    User,
    can,
    create_api_token,
    list_api_tokens,
    revoke_api_token,
)
from ..auth import Principal, needs
from ..login import log_in, log_out, set_session_cookie
from ..state import app_state
from .params import record_id
from .schemas import LoginBody, TokenBody

router = APIRouter(tags=["session"])


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id, "username": user.username, "role": user.role, "disabled": user.disabled,
        "created_at": user.created_at.isoformat(),
        "last_login_at": user.last_login_at.isoformat() if user.last_login_at else None,
        "permissions": sorted(p for p in PERMISSIONS if can(user.role, p)),
    }


@router.post("/session", summary="Log in with a password; sets the session cookie, returns the CSRF token")
def session_create(request: Request, response: Response, body: LoginBody = Body(...)) -> dict[str, Any]:
    token, session = log_in(request, body.username, body.password)
    set_session_cookie(request, response, token)
    return {"user": user_json(session.user), "csrf_token": session.csrf_token,
            "expires_at": session.expires_at.isoformat()}


@router.delete("/session", summary="Log out")
def session_delete(request: Request, response: Response,
                   principal: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    log_out(request, principal, response)
    return {"logged_out": True}


@router.get("/me", summary="Who am I, and what may I do")
def me(principal: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    return {"user": user_json(principal.user), "via": principal.via}


@router.get("/me/tokens", summary="My API tokens (never the secret)")
def tokens_list(request: Request, principal: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    tokens = list_api_tokens(app_state(request).engine, principal.user)
    return {"tokens": [_token_json(t) for t in tokens]}


def _token_json(token: Any) -> dict[str, Any]:
    out = dict(vars(token))
    for name in ("created_at", "last_used_at", "revoked_at"):
        out[name] = out[name].isoformat() if out[name] else None
    return out


@router.post("/me/tokens", status_code=201, summary="Create an API token; the secret is shown once")
def tokens_create(request: Request, body: TokenBody = Body(...),
                  principal: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    engine = app_state(request).engine
    secret, token = create_api_token(engine, principal.user, body.name)
    app_state(request).audit.record(principal.user, "token_created", f"token:{token.id}", {"name": body.name})
    return {"token": secret, **_token_json(token)}


@router.delete("/me/tokens/{token_id}", summary="Revoke one of my API tokens")
def tokens_revoke(request: Request, token_id: int = record_id(),
                  principal: Principal = Depends(needs("view_aggregates"))) -> dict[str, Any]:
    engine = app_state(request).engine
    revoke_api_token(engine, principal.user, token_id)
    app_state(request).audit.record(principal.user, "token_revoked", f"token:{token_id}")
    return {"revoked": token_id}
