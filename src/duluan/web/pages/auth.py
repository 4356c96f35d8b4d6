"""Login (password or one-time link), logout and the language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...errors import AuthenticationFailed, PermissionDenied, RateLimited
from ..auth import Principal, needs
from ..i18n import LANGUAGES
from ..login import log_in, log_in_with_link, log_out, set_session_cookie
from .render import LANG_COOKIE, language, render, translator

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    return target if not parts.netloc and not parts.scheme else "/"


def _same_origin(request: Request) -> None:
    # No session yet, so no CSRF token: a login form posted from another site is refused
    # by its Origin (browsers send it on every cross-site POST).
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise PermissionDenied(f"login from another site ({origin}) refused")


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = Query(None, max_length=500)) -> Response:
    return render(request, "login.html", {"next": safe_next(next), "error": None})


@router.post("/login", response_class=HTMLResponse)
def login_submit(
    request: Request,
    username: str = Form(..., max_length=60),
    password: str = Form(..., max_length=1000),
    next: str = Form("/", max_length=500),
) -> Response:
    _same_origin(request)
    t = translator(language(request))
    try:
        token, _ = log_in(request, username, password)
    except RateLimited as exc:
        return render(request, "login.html", {"next": safe_next(next), "error": t("rate_limited", seconds=exc.retry_after)},
                      status=429, headers={"Retry-After": str(exc.retry_after)})
    except AuthenticationFailed:
        return render(request, "login.html", {"next": safe_next(next), "error": t("login_failed")}, status=401)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, token)
    return response


@router.get("/login/link")
def login_link(request: Request, token: str = Query(..., max_length=200)) -> Response:
    t = translator(language(request))
    try:
        session_token, _ = log_in_with_link(request, token)
    except RateLimited as exc:
        return render(request, "login.html", {"next": "/", "error": t("rate_limited", seconds=exc.retry_after)}, status=429)
    except AuthenticationFailed:
        return render(request, "login.html", {"next": "/", "error": t("login_link_failed")}, status=401)
    response = RedirectResponse("/account", status_code=303)
    set_session_cookie(request, response, session_token)
    return response


@router.post("/logout")
def logout(request: Request, principal: Principal = Depends(needs("view_aggregates"))) -> Response:
    response = RedirectResponse("/login", status_code=303)
    log_out(request, principal, response)
    return response


@router.get("/lang/{code}")
def switch_language(code: str, next: str | None = Query(None, max_length=500)) -> Response:
    response = RedirectResponse(safe_next(next), status_code=303)
    if code in LANGUAGES:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, path="/", samesite="lax", httponly=True)
    return response
