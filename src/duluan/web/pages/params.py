"""What the pages read from their query strings and forms, as typed.

Filters arrive as plain strings so that a wrong value re-renders the page with the
library's message and a 400, instead of a bare validation error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import Query

from ...analysis.periods import Period
from ...analysis.places import PlaceFilter, resolve_place_filter
from ...errors import UsageError
from ..i18n import translate
from ..state import AppState

TEXT = 2000  # the longest note, reason or title a form accepts


class FormError(UsageError):
    """A form value the page itself refuses; shown in the reader's language (MESSAGES key)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(translate("en", key, **values))
        self.key = key
        self.values = values


def error_text(exc: UsageError, lang: str) -> str:
    """What to tell the reader, in the page's language when the error carries it."""
    return translate(lang, exc.key, **exc.values) if isinstance(exc, FormError) else exc.message_in(lang)


@dataclass(frozen=True)
class ScopeForm:
    """A period (from/to/days) and a place, as the filter form holds them."""

    start: str = ""
    end: str = ""
    days: str = ""
    place: str = ""

    @property
    def given(self) -> bool:
        return bool(self.start or self.end or self.days)

    def values(self) -> dict[str, str]:
        return {"from": self.start, "to": self.end, "days": self.days, "place": self.place}


def scope_form(
    start: str = Query("", alias="from", max_length=10),
    end: str = Query("", alias="to", max_length=10),
    days: str = Query("", max_length=5),
    place: str = Query("", max_length=200),
) -> ScopeForm:
    return ScopeForm(start.strip(), end.strip(), days.strip(), place.strip())


def read_period(state: AppState, form: ScopeForm) -> Period:
    """The period asked for (by default the last 30 days); a wrong value is a UsageError."""
    days: int | None = None
    if form.days:
        if not form.days.isdigit() or not 1 <= int(form.days) <= 3660:
            raise FormError("error_days", value=form.days)
        days = int(form.days)
    return state.period(form.start or None, form.end or None, days)


def read_place(text: str) -> PlaceFilter | None:
    return resolve_place_filter(text) if text else None


def period_query(period: Period, **extra: Any) -> str:
    """A query string that keeps the period (and any extra filters) on the next page."""
    values = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    values.update({k: str(v) for k, v in extra.items() if v not in (None, "")})
    return urlencode(values)


def read_day(text: str) -> date | None:
    """A YYYY-MM-DD date from a form, or None when left empty."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise FormError("error_date", value=text) from None
