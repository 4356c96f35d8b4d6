"""Rendering pages: one Jinja2 environment (autoescaped), the language, the caller."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ...accounts import can
from ...analysis.places import place_name, resolve_place_filter
from ...enrich.concerns import CONCERNS
from ...errors import AuthError, UsageError
from ...problem_text import in_language
from ..auth import Principal, principal_from_request
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, MESSAGES, REJECT_REASON_NAMES, translate

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
LANG_COOKIE = "lang"
# Jinja2Templates turns autoescaping on for every template: document text is untrusted.
templates = Jinja2Templates(directory=TEMPLATES_DIR)


def language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def translator(lang: str) -> Callable[..., str]:
    return lambda key, **values: translate(lang, key, **values)


CONCERN_NAMES = {c.id: (c.name_vi, c.name_en) for c in CONCERNS}


def concern_namer(lang: str) -> Callable[[str | None], str]:
    """The concern's name in the page's language; an unknown id is shown as it is."""
    index = 1 if lang == "en" else 0
    return lambda concern: CONCERN_NAMES[concern][index] if concern in CONCERN_NAMES else (concern or "")


def reason_namer(lang: str) -> Callable[[str | None], str]:
    """A reject reason's name in the page's language; an unknown code is shown as it is."""
    index = 1 if lang == "en" else 0
    return lambda code: REJECT_REASON_NAMES[code][index] if code in REJECT_REASON_NAMES else (code or "")


def action_namer(lang: str) -> Callable[[str], str]:
    """An audit-trail action in the page's language; an unknown action is shown as it is."""
    return lambda action: translate(lang, f"audit_{action}") if f"audit_{action}" in MESSAGES else action


def place_field(text: str | None) -> str:
    """What a place filter field shows: a code it was given as "Name (code)", which the
    resolver reads back; anything else as typed."""
    text = (text or "").strip()
    if not text.isdigit():
        return text
    try:
        return f"{resolve_place_filter(text).label} ({text})"
    except UsageError:
        return text


def number_formatter(lang: str) -> Callable[..., str]:
    """1.234,5 in Vietnamese, 1,234.5 in English."""

    def number(value: float | int | str | None, digits: int = 0) -> str:
        if value is None:
            return "–"
        if isinstance(value, str):  # a suppressed figure, "< 5", or a bound, "≥ 12"
            return value
        text = f"{value:,.{digits}f}"
        return text.translate(str.maketrans(",.", ".,")) if lang == "vi" else text

    return number


def p_formatter(lang: str) -> Callable[[float | None], str]:
    """A p-value to four places; one too small for them reads "< 0,0001", not "0,0000"."""
    number = number_formatter(lang)
    return lambda p: "–" if p is None else (f"< {number(0.0001, 4)}" if p < 0.0001 else number(p, 4))


def safe_url(url: str | None) -> str | None:
    """A link we may put in href: http(s) only, never javascript: or data: from a document."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def time_formatters(timezone: str, lang: str) -> tuple[Callable[..., str], Callable[..., str]]:
    """(when, day): an instant in the workspace's time zone, and a calendar day."""
    zone = ZoneInfo(timezone)
    day_format = "%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"

    def when(value: datetime | str | None) -> str:
        if value is None or value == "":
            return "–"
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(zone).strftime(f"{day_format} %H:%M")

    def day(value: date | str | None) -> str:
        if value is None or value == "":
            return "–"
        return (date.fromisoformat(value) if isinstance(value, str) else value).strftime(day_format)

    return when, day


def _principal(request: Request) -> Principal | None:
    try:
        return principal_from_request(request)
    except AuthError:
        return None


def render(request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    lang = language(request)
    principal = _principal(request)
    role = principal.user.role if principal else None
    settings = request.app.state.duluan.settings
    when, day = time_formatters(str(settings["timezone"]), lang)
    base: dict[str, Any] = {
        "request": request,
        "lang": lang,
        "t": translator(lang),
        "user": principal.user if principal else None,
        "csrf_token": principal.csrf_token if principal else "",
        "can": (lambda permission: role is not None and can(role, permission)),
        "k": int(settings["k_anonymity"]),
        "when": when,
        "day": day,
        "number": number_formatter(lang),
        "p_value": p_formatter(lang),
        "concern_name": concern_namer(lang),
        "reason_name": reason_namer(lang),
        "action_name": action_namer(lang),
        "problem": lambda text: in_language(text, lang),
        "place_name": place_name,
        "place_field": place_field,
        "safe_url": safe_url,
    }
    base.update(context or {})
    return templates.TemplateResponse(request, template, base, status_code=status, headers=headers)


def render_error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    key = f"error_{status}" if f"error_{status}" in MESSAGES else "error_title"
    heading = translate(language(request), key)
    return render(
        request, "error.html", {"status": status, "message": message, "heading": heading}, status=status, headers=headers
    )
