"""My account: who I am, my password and API tokens; for admins, the users and the audit log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...accounts import (
    PERMISSIONS,
    ROLES,
    authenticate,
    can,
    create_api_token,
    create_user,
    list_api_tokens,
    list_audit,
    list_users,
    revoke_api_token,
    set_password,
    set_role,
    start_session,
)
from ...errors import AuthenticationFailed, NotFound, UsageError
from ..api.params import record_id
from ..auth import Principal, needs
from ..i18n import MESSAGES
from ..login import client_key, set_session_cookie
from ..state import app_state
from .audit_text import audit_namers
from .params import FormError, error_text
from .render import language, render

router = APIRouter(include_in_schema=False)
AUDIT_SHOWN = 50
# What the page confirms after a change (?done=...), each a MESSAGES key "done_<name>".
DONE = ("password", "token_revoked", "user_created", "role_changed")
USERNAME = Path(..., min_length=1, max_length=60)


def account_page(
    request: Request, principal: Principal, *, error: str | None = None, section: str | None = None,
    new_token: str | None = None, form: dict[str, str] | None = None, status: int = 200,
) -> Response:
    state = app_state(request)
    user = principal.user
    context: dict[str, Any] = {
        "me": user, "permissions": [p for p in PERMISSIONS if can(user.role, p)],
        "tokens": list_api_tokens(state.engine, user), "roles": ROLES,
        "error": error, "section": section, "new_token": new_token, "form": form or {},
        "done": done if (done := request.query_params.get("done", "")) in DONE else "", "users": [], "audit": [],
    }
    if can(user.role, "manage_users"):
        context["users"] = list_users(state.engine)
        app_state(request).audit.flush()  # the queued rows too
        # Narrowed to one person or one action: the 50 latest of everything is soon only
        # the last minutes of a busy desk.
        who = request.query_params.get("audit_user", "").strip()[:60]
        what = request.query_params.get("audit_action", "").strip()[:40]
        context["audit_filter"] = {"user": who, "action": what}
        # Every action the page can name (MESSAGES "audit_<action>"), "audit_log" being the title.
        context["audit_actions"] = sorted(
            key.removeprefix("audit_") for key in MESSAGES if key.startswith("audit_") and key != "audit_log"
        )
        context["audit"] = list_audit(state.engine, limit=AUDIT_SHOWN, action=what or None, username=who or None)
        context["audit_target"], context["audit_details"] = audit_namers(
            language(request), str(state.settings["timezone"])
        )
    return render(request, "account.html", context, status=status)


@router.get("/account", response_class=HTMLResponse)
def account_show(request: Request, principal: Principal = Depends(needs("view_aggregates"))) -> Response:
    return account_page(request, principal)


def _check_current(request: Request, principal: Principal, current: str) -> None:
    """The current password, under the login rate limit; a user who never set one (the
    first admin, in by a login link) has none to give."""
    user = principal.user
    if not user.has_password:
        return
    if not current:
        raise FormError("error_current_password")
    state = app_state(request)
    key = client_key(request, user.username)
    state.limiter.check(key)
    try:
        authenticate(state.engine, user.username, current)
    except AuthenticationFailed:
        state.limiter.failed(key)
        raise FormError("error_current_password") from None
    state.limiter.succeeded(key)


@router.post("/account/password")
def account_password(
    request: Request,
    current: str = Form("", max_length=1000),
    new: str = Form("", max_length=1000),
    confirm: str = Form("", max_length=1000),
    principal: Principal = Depends(needs("view_aggregates")),
) -> Response:
    state = app_state(request)
    user = principal.user
    try:
        _check_current(request, principal, current)
        if new != confirm:
            raise FormError("error_password_mismatch")
        set_password(state.engine, user.username, new)
    except UsageError as exc:
        return account_page(request, principal, error=error_text(exc, language(request)), section="password", status=400)
    state.audit.record(user, "password_changed", f"user:{user.username}")
    # A new password ends every session of the user, this one too: start a fresh one here.
    token, _ = start_session(state.engine, user, hours=state.options.session_hours)
    response = RedirectResponse("/account?done=password", status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.post("/account/tokens", response_class=HTMLResponse)
def account_token_create(
    request: Request, name: str = Form("", max_length=100), principal: Principal = Depends(needs("view_aggregates"))
) -> Response:
    engine = app_state(request).engine
    try:
        secret, token = create_api_token(engine, principal.user, name)
    except UsageError as exc:
        return account_page(request, principal, error=error_text(exc, language(request)), section="tokens",
                            form={"name": name}, status=400)
    app_state(request).audit.record(principal.user, "token_created", f"token:{token.id}", {"name": token.name})
    # Rendered, not redirected: the secret is shown this once and never stored in clear.
    return account_page(request, principal, new_token=secret, section="tokens")


@router.post("/account/tokens/{token_id}/revoke")
def account_token_revoke(
    request: Request, token_id: int = record_id(), principal: Principal = Depends(needs("view_aggregates"))
) -> Response:
    engine = app_state(request).engine
    revoke_api_token(engine, principal.user, token_id)
    app_state(request).audit.record(principal.user, "token_revoked", f"token:{token_id}")
    return RedirectResponse("/account?done=token_revoked", status_code=303)


@router.post("/account/users")
def account_user_create(
    request: Request,
    username: str = Form("", max_length=60),
    password: str = Form("", max_length=1000),
    role: str = Form("viewer", max_length=20),
    principal: Principal = Depends(needs("manage_users")),
) -> Response:
    engine = app_state(request).engine
    try:
        user = create_user(engine, username, password, role)
    except UsageError as exc:
        return account_page(request, principal, error=error_text(exc, language(request)), section="users",
                            form={"username": username, "role": role}, status=400)
    app_state(request).audit.record(principal.user, "user_created", f"user:{user.username}", {"role": user.role})
    return RedirectResponse("/account?done=user_created", status_code=303)


@router.post("/account/users/{username}/role")
def account_user_role(
    request: Request,
    role: str = Form(..., max_length=20),
    username: str = USERNAME,
    principal: Principal = Depends(needs("manage_users")),
) -> Response:
    engine = app_state(request).engine
    try:
        user = set_role(engine, username, role)
    except NotFound:
        raise
    except UsageError as exc:
        return account_page(request, principal, error=error_text(exc, language(request)), section="users", status=400)
    app_state(request).audit.record(principal.user, "role_changed", f"user:{user.username}", {"role": user.role})
    return RedirectResponse("/account?done=role_changed", status_code=303)
