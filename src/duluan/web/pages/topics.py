"""Topics: the largest of a period, and one topic with its trend, stories and history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...accounts import can
from ...analysis.overview import StoryItem
from ...analysis.topic_report import TopicEvent, TopicMerged
from ...errors import NotFound, UsageError
from ..api.params import record_id
from ..auth import Principal, needs
from ..state import app_state
from .figures import share_chart, volume_chart
from .params import ScopeForm, error_text, period_query, read_period, scope_form
from .render import language, render

router = APIRouter(include_in_schema=False)
LISTED = 50


@router.get("/topics", response_class=HTMLResponse)
def topics_page(
    request: Request, scope: ScopeForm = Depends(scope_form), _: Principal = Depends(needs("view_aggregates"))
) -> Response:
    state = app_state(request)
    context: dict[str, Any] = {"form": scope.values(), "topics": [], "share": None, "error": None, "query": ""}
    try:
        period = read_period(state, scope)
    except UsageError as exc:
        context["error"] = error_text(exc, language(request))
        return render(request, "topics.html", context, status=400)
    context["topics"] = state.topics(period, LISTED)
    context["share"] = share_chart(state.share_of_voice(period), language(request))
    context["period"], context["query"] = period, period_query(period)
    return render(request, "topics.html", context)


@router.get("/topics/{topic_id}", response_class=HTMLResponse)
def topic_show(
    request: Request,
    topic_id: int = record_id(),
    scope: ScopeForm = Depends(scope_form),
    principal: Principal = Depends(needs("view_aggregates")),
) -> Response:
    state = app_state(request)
    merged_from = request.query_params.get("merged", "")
    context: dict[str, Any] = {"form": scope.values(), "topic_id": topic_id, "error": None,
                               "merged_from": int(merged_from) if merged_from.isdigit() else None}
    try:
        period = read_period(state, scope)
        page = state.topic_page(topic_id, period)
    except TopicMerged as merged:
        # The topic lives on inside another: go there, with the same period, and say so.
        query = urlencode([*((k, v) for k, v in request.query_params.multi_items() if k != "merged"),
                           ("merged", str(topic_id))])
        return RedirectResponse(f"/topics/{merged.merged_into}?{query}", status_code=303)
    except NotFound:
        raise
    except UsageError as exc:
        context["error"] = error_text(exc, language(request))
        return render(request, "topic.html", context, status=400)
    stories: tuple[StoryItem, ...] = ()
    if can(principal.user.role, "view_documents"):
        stories = page.stories
        state.audit.record(principal.user, "view_documents", f"topic:{topic_id}",
                     {"stories": [s.story_id for s in stories]})
    context.update({
        "page": page, "summary": page.detail.summary, "stories": stories, "period": period,
        "chart": volume_chart(page.volume, language(request)), "query": period_query(period),
        "timeline": timeline(page.detail.events, period.timezone),
    })
    return render(request, "topic.html", context)


@dataclass
class TimelineEntry:
    """One line of a topic's history: an event, or the topics it absorbed on one day."""

    kind: str
    at: datetime
    other_topic_id: int | None
    absorbed: list[int] = field(default_factory=list)


def timeline(events: Sequence[TopicEvent], timezone: str) -> list[TimelineEntry]:
    """The events in order, the absorptions of one local day on one line: a topic that
    grew by swallowing fifty small ones read as fifty lines of "Gộp thêm Chủ đề N"."""
    zone = ZoneInfo(timezone)
    out: list[TimelineEntry] = []
    for event in events:
        last = out[-1] if out else None
        if (
            event.kind == "absorbed" and last is not None and last.kind == "absorbed"
            and last.at.astimezone(zone).date() == event.at.astimezone(zone).date()
        ):
            last.absorbed.append(int(event.other_topic_id or 0))
            continue
        entry = TimelineEntry(event.kind, event.at, event.other_topic_id)
        if event.kind == "absorbed":
            entry.absorbed.append(int(event.other_topic_id or 0))
        out.append(entry)
    return out
