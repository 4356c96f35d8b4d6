"""One error shape for the whole API, and friendly pages for browsers.

    {"error": {"status": 404, "code": "not_found", "message": "no alert 9; …"}}

The caller's mistakes are 4xx with a message that names the fix; only a bug is a 500.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import (
    AuthenticationFailed,
    DuluanError,
    NotFound,
    PermissionDenied,
    RateLimited,
    UsageError,
)

log = logging.getLogger("duluan.web")

# (status, code) for each error class; the first match in this order wins.
ERROR_STATUS: tuple[tuple[type[DuluanError], int, str], ...] = (
    (NotFound, 404, "not_found"),
    (UsageError, 400, "bad_request"),
    (AuthenticationFailed, 401, "authentication_required"),
    (PermissionDenied, 403, "forbidden"),
    (RateLimited, 429, "rate_limited"),
)
HTTP_CODES = {400: "bad_request", 401: "authentication_required", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 406: "not_acceptable", 413: "too_large", 415: "unsupported_media_type",
              422: "invalid_request", 429: "rate_limited"}

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "details": {"type": "array", "items": {"type": "object"}},
            },
        }
    },
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": description, "content": {"application/json": {"schema": ERROR_SCHEMA}}}
    for status, description in (
        (400, "The request cannot work; the message says the fix."),
        (401, "Not logged in, or the token is unknown."),
        (403, "The role may not do this, or the CSRF token is missing."),
        (404, "No such record."),
        (422, "A parameter has the wrong type or range."),
        (429, "Too many failed logins; wait Retry-After seconds."),
    )
}


def status_of(exc: DuluanError) -> tuple[int, str]:
    for cls, status, code in ERROR_STATUS:
        if isinstance(exc, cls):
            return status, code
    return 500, "server_error"


def error_body(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _answer(request: Request, status: int, code: str, message: str,
            details: list[dict[str, Any]] | None = None, headers: dict[str, str] | None = None) -> Response:
    if wants_html(request):
        if status == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)
        from .pages.render import render_error

        return render_error(request, status, message, headers=headers)
    return JSONResponse(error_body(status, code, message, details), status_code=status, headers=headers)


# pydantic's error types, as a person reads them on a Vietnamese page
_INVALID_VI = {
    "int_parsing": "phải là một số nguyên",
    "int_type": "phải là một số nguyên",
    "string_pattern_mismatch": "không đúng dạng",
    "string_too_long": "quá dài",
    "string_too_short": "quá ngắn",
    "missing": "còn thiếu",
    "greater_than_equal": "quá nhỏ",
    "less_than_equal": "quá lớn",
}
_PLACES_VI = {"path": "địa chỉ trang", "query": "tham số", "body": "biểu mẫu"}
_NAMES_VI = {
    "case_id": "mã hồ sơ", "alert_id": "mã cảnh báo", "topic_id": "mã chủ đề", "code": "mã địa bàn",
    "document_id": "mã tài liệu", "story_id": "mã câu chuyện", "token_id": "mã khoá API", "days": "số ngày",
    "topic": "chủ đề", "kind": "loại tài liệu", "concern": "vấn đề", "place": "địa bàn", "status": "trạng thái",
    "from": "ngày bắt đầu", "to": "ngày kết thúc", "limit": "số dòng", "cursor": "vị trí trang", "q": "từ khoá",
    "view": "cách xem", "sentiment": "sắc thái", "reason": "lý do", "format": "định dạng",
}


def _invalid_vi(error: Any) -> str:
    """The first validation error in Vietnamese: where, which value, what is wrong."""
    where = [str(part) for part in error.get("loc", ())]
    place = _PLACES_VI.get(where[0], where[0]) if where else "yêu cầu"
    name = _NAMES_VI.get(where[-1], where[-1]) if len(where) > 1 else ""
    problem = _INVALID_VI.get(str(error.get("type", "")), "không hợp lệ")
    value = error.get("input")
    shown = f" «{value}»" if isinstance(value, str | int) and len(str(value)) <= 60 else ""
    return f"Giá trị{shown} của {name or place} trong {place} {problem}"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DuluanError)
    async def duluan_error(request: Request, exc: DuluanError) -> Response:
        status, code = status_of(exc)
        if status == 500:
            log.error("server error on %s: %s", request.url.path, exc)
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
        if wants_html(request):
            from .pages.render import language

            return _answer(request, status, code, exc.message_in(language(request)), headers=headers)
        return _answer(request, status, code, str(exc), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"location": ".".join(str(p) for p in err.get("loc", ())), "message": str(err.get("msg", ""))}
            for err in exc.errors()
        ]
        first = details[0] if details else {"location": "", "message": "invalid"}
        message = f"{first['location']}: {first['message']}" if first["location"] else first["message"]
        if wants_html(request) and exc.errors():
            from .pages.render import language

            if language(request) == "vi":
                message = _invalid_vi(exc.errors()[0])
        return _answer(request, 422, "invalid_request", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page or API route at {request.url.path}"
            if wants_html(request):
                from .pages.render import language

                if language(request) == "vi":
                    message = f"không có trang nào ở {request.url.path}"
        return _answer(request, exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse(error_body(500, "server_error", "an unexpected error; it has been logged"), status_code=500)
