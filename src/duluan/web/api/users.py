"""Users and the audit log, for admins."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request

from ...accounts import (
    create_user,
    disable_user,
    find_user,
    list_audit,
    list_users,
    set_role,
)
from ..auth import Principal, needs
from ..state import app_state
from .schemas import NewUserBody, UserUpdateBody
from .session import user_json

router = APIRouter(tags=["users"])
USERNAME = Path(..., min_length=1, max_length=60)


@router.get("/users", summary="All users and their roles")
def users_list(request: Request, _: Principal = Depends(needs("manage_users"))) -> dict[str, Any]:
    return {"users": [user_json(u) for u in list_users(app_state(request).engine)]}


@router.post("/users", status_code=201, summary="Create a user")
def users_create(request: Request, body: NewUserBody = Body(...),
                 principal: Principal = Depends(needs("manage_users"))) -> dict[str, Any]:
    engine = app_state(request).engine
    user = create_user(engine, body.username, body.password, body.role)
    app_state(request).audit.record(principal.user, "user_created", f"user:{user.username}", {"role": user.role})
    return user_json(user)


@router.patch("/users/{username}", summary="Change a user's role, or disable them")
def users_update(request: Request, body: UserUpdateBody = Body(...), username: str = USERNAME,
                 principal: Principal = Depends(needs("manage_users"))) -> dict[str, Any]:
    engine = app_state(request).engine
    user = find_user(engine, username)
    if body.role is not None and body.role != user.role:
        user = set_role(engine, username, body.role)
        app_state(request).audit.record(principal.user, "role_changed", f"user:{username}", {"role": body.role})
    if body.disabled:
        user = disable_user(engine, username)
        app_state(request).audit.record(principal.user, "user_disabled", f"user:{username}")
    return user_json(user)


@router.get("/audit", summary="The audit log, newest first")
def audit_list(
    request: Request,
    action: str | None = Query(None, max_length=40),
    username: str | None = Query(None, max_length=60),
    limit: int = Query(100, ge=1, le=1000),
    _: Principal = Depends(needs("manage_users")),
) -> dict[str, Any]:
    app_state(request).audit.flush()  # the queued rows too
    entries = list_audit(app_state(request).engine, limit=limit, action=action, username=username)
    return {"entries": [{**vars(e), "at": e.at.isoformat()} for e in entries]}
