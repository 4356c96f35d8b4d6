"""Search: words and filters, results with snippets, the next page, and export links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import Engine, select

from ...analysis.series import DOCUMENT_KINDS, SENTIMENTS
from ...enrich.concerns import CONCERN_IDS
from ...errors import UsageError
from ...search import count_matches, search_documents
from ...store.schema import topics
from ..api.documents import build_query, search_audit
from ..auth import Principal, needs
from ..state import app_state
from .params import error_text
from .render import language, render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
# One choice for posts and comments together (the API reads it): what alerts count.
SOCIAL = "social"
COUNT_CAP = 1000  # "1.000 or more": a common word is not worth a scan of every match
TOPIC_COUNT_CAP = 100_000
EXPORT_PATH = "/api/v1/exports/documents"


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str = Query("", max_length=500),
    start: str = Query("", alias="from", max_length=10),
    end: str = Query("", alias="to", max_length=10),
    kind: str = Query("", max_length=20),
    concern: str = Query("", max_length=40),
    sentiment: str = Query("", max_length=10),
    place: str = Query("", max_length=200),
    complaint: str = Query("", max_length=5),
    topic: str = Query("", max_length=12, pattern="^[0-9]*$"),
    dated: str = Query("", max_length=5),
    cursor: str = Query("", max_length=500),
    principal: Principal = Depends(needs("view_documents")),
) -> Response:
    state = app_state(request)
    form = {"q": q, "from": start, "to": end, "kind": kind, "concern": concern, "sentiment": sentiment,
            "place": place, "complaint": "1" if complaint else "", "topic": topic,
            "dated": "1" if dated else ""}
    # The same filters again, for the next page and the exports (empty ones left out).
    kept = {name: value for name, value in form.items() if value}
    context: dict[str, Any] = {
        "form": form, "kinds": (*DOCUMENT_KINDS, SOCIAL), "concerns": CONCERN_IDS, "sentiments": SENTIMENTS,
        "page": None, "error": None, "next_link": None,
        "exports": {fmt: f"{EXPORT_PATH}?{urlencode({**kept, 'format': fmt})}" for fmt in ("csv", "jsonl")}
        | {"excel": f"{EXPORT_PATH}?{urlencode({**kept, 'format': 'csv', 'excel': '1'})}"},
    }
    if not kept and not cursor:
        return render(request, "search.html", context)
    try:
        query = build_query(
            request, q=q.strip(), start=start.strip() or None, end=end.strip() or None,
            kind=[kind] if kind else [], source_kind=[], concern=concern or None, category=None,
            sentiment=sentiment or None, complaint=bool(complaint), place=place.strip() or None, topic=int(topic) if topic else None, dated=bool(dated),
            limit=PAGE_SIZE, cursor=cursor or None,
        )
        page = search_documents(state.engine, query)
        # Every page says how many match in all (the count ignores the cursor). A topic
        # holds a known number of documents, which its page shows: counted to the end, so
        # that its link from there finds the same figure.
        cap = TOPIC_COUNT_CAP if query.topic_id is not None else COUNT_CAP
        matches = count_matches(state.engine, query, cap + 1)
    except UsageError as exc:
        context["error"] = error_text(exc, language(request))
        return render(request, "search.html", context, status=400)
    state.audit.record(principal.user, "search", "documents",
                       search_audit(query, documents=[h.document_id for h in page.hits]))
    context["page"] = page
    context["matches"] = matches
    context["topic_label"] = _topic_label(state.engine, query.topic_id)
    context["count_cap"] = cap
    if page.next_cursor:
        context["next_link"] = f"/search?{urlencode({**kept, 'cursor': page.next_cursor})}"
    return render(request, "search.html", context)


def _topic_label(engine: Engine, topic_id: int | None) -> str | None:
    """A topic filter's label, for the box that shows it ("Chủ đề 46: phường · rác")."""
    if topic_id is None:
        return None
    with engine.connect() as conn:
        return conn.execute(select(topics.c.label).where(topics.c.id == topic_id)).scalar_one_or_none()
