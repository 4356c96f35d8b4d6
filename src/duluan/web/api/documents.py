"""Documents: search (diacritics and teencode folded), one document, one story, exports.

Every answer that carries document text is written to the audit log.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from sqlalchemy import Engine, select

from ...analysis.evidence import evidence_documents
from ...analysis.periods import Period
from ...analysis.places import resolve_place_filter
from ...analysis.series import check_topic
from ...errors import NotFound
from ...search import Hit, SearchQuery, export_documents, search_documents
from ...store.schema import documents, enrichments, stories
from ..auth import Principal, needs
from ..state import app_state
from .params import MAX_ID, record_id

router = APIRouter(tags=["documents"])
ALL_DAYS = 36_500  # a hundred years: "since the beginning" for a range given only its end


SOCIAL_KINDS = ("post", "comment")


def search_audit(query: SearchQuery, **extra: object) -> dict[str, Any]:
    """What the audit trail keeps of a search or export: the words and every filter set."""
    filters: dict[str, Any] = {
        "from": query.start.isoformat() if query.start else None, "to": query.end.isoformat() if query.end else None,
        "kind": list(query.kinds), "source_kind": list(query.source_kinds), "concern": query.concern,
        "category": query.category, "sentiment": query.sentiment, "complaint": query.complaint_only or None,
        "province": query.province_code, "wards": list(query.ward_codes), "topic": query.topic_id,
        "dated": query.dated_only or None,
    }
    kept = {name: value for name, value in filters.items() if value not in (None, [], "")}
    return {"q": query.text, **({"filters": kept} if kept else {}), **extra}


def hit_json(hit: Hit) -> dict[str, Any]:
    data = dict(vars(hit))
    data["published_at"] = hit.published_at.isoformat()
    return data


def build_query(
    request: Request,
    q: str = Query("", max_length=500, description="Words to find; diacritics and teencode do not matter."),
    start: str | None = Query(None, alias="from", max_length=10, description="First local day, YYYY-MM-DD."),
    end: str | None = Query(None, alias="to", max_length=10, description="Last local day, YYYY-MM-DD."),
    kind: list[str] = Query([], description="news, page, post, comment (repeatable); social = post and comment"),
    source_kind: list[str] = Query([], description="feed, page, jsonl, csv, folder (repeatable)"),
    concern: str | None = Query(None, max_length=40),
    category: str | None = Query(None, max_length=60),
    sentiment: str | None = Query(None, max_length=10),
    complaint: bool = Query(False, description="Only citizens' complaints."),
    place: str | None = Query(None, max_length=200),
    topic: int | None = Query(None, ge=1, le=MAX_ID),
    dated: bool = Query(False, description="Only documents with a date of their own (as the alerts count)."),
    limit: int = Query(20, ge=1, le=200),
    cursor: str | None = Query(None, max_length=500),
) -> SearchQuery:
    state = app_state(request)
    low = high = None
    if start or end:
        # Only an end given means everything up to it, not the default last 30 days.
        period: Period = state.period(start, end, None if start else ALL_DAYS)
        low, high = period.utc_bounds()
    province: str | None = None
    wards: tuple[str, ...] = ()
    if place:
        flt = resolve_place_filter(place)
        if flt.level == "province":
            province = flt.codes[0]
        else:
            wards = flt.codes
    if topic is not None:
        check_topic(state.engine, topic)  # a topic that no longer exists says what it became
    # "social": posts and comments together, what the alerts and the case desk count.
    kinds = tuple(dict.fromkeys(k for name in kind for k in (SOCIAL_KINDS if name == "social" else (name,))))
    return SearchQuery(
        text=q, start=low, end=high, kinds=kinds, source_kinds=tuple(source_kind), concern=concern,
        category=category, sentiment=sentiment, complaint_only=complaint, province_code=province,
        ward_codes=tuple(wards), topic_id=topic, dated_only=dated, limit=limit, cursor=cursor,
    )


@router.get("/documents", summary="Search documents; page with `cursor` from the previous answer")
def documents_search(
    request: Request, query: SearchQuery = Depends(build_query), principal: Principal = Depends(needs("view_documents"))
) -> dict[str, Any]:
    state = app_state(request)
    page = search_documents(state.engine, query)
    state.audit.record(principal.user, "search", "documents",
                       search_audit(query, documents=[h.document_id for h in page.hits]))
    return {"terms": list(page.terms), "documents": [hit_json(h) for h in page.hits], "next_cursor": page.next_cursor}


@router.get("/documents/{document_id}", summary="One document: its redacted text, source, story and labels")
def documents_show(request: Request, document_id: int = record_id(), principal: Principal = Depends(needs("view_documents"))) -> dict[str, Any]:
    state = app_state(request)
    found = evidence_documents(state.engine, [document_id], chars=200_000)
    if not found:
        raise NotFound(f"no document {document_id}")
    state.audit.record(principal.user, "view_documents", f"document:{document_id}")
    return {**found[0].as_json(), "labels": document_labels(state.engine, document_id)}


def document_labels(engine: Engine, document_id: int) -> dict[str, Any] | None:
    """What enrichment said of a document (None before it ran): the labels and their scores."""
    names = ("model_version", "category", "category_p", "sentiment", "p_negative", "p_neutral", "p_positive",
             "toxicity", "toxicity_score", "complaint_p", "concern", "concern_p", "keywords")
    with engine.connect() as conn:
        row = conn.execute(
            select(*(enrichments.c[name] for name in names)).where(enrichments.c.document_id == document_id)
        ).first()
    return None if row is None else dict(row._mapping)


@router.get("/stories/{story_id}", summary="One story: the documents that tell the same event")
def stories_show(request: Request, story_id: int = record_id(), principal: Principal = Depends(needs("view_documents"))) -> dict[str, Any]:
    state = app_state(request)
    with state.engine.connect() as conn:
        story = conn.execute(select(stories).where(stories.c.id == story_id)).first()
        if story is None:
            raise NotFound(f"no story {story_id}")
        ids = [r[0] for r in conn.execute(select(documents.c.id).where(documents.c.story_id == story_id)
                                          .order_by(documents.c.published_at, documents.c.id).limit(100))]
    docs = evidence_documents(state.engine, ids)
    state.audit.record(principal.user, "view_documents", f"story:{story_id}", {"documents": ids})
    return {
        "id": story.id, "title": story.title, "size": story.size,
        "first_published_at": story.first_published_at.isoformat() if story.first_published_at else None,
        "last_published_at": story.last_published_at.isoformat() if story.last_published_at else None,
        "documents": [d.as_json() for d in docs],
    }


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


@router.get("/exports/documents", summary="Export every matching document as CSV or JSON Lines")
def documents_export(
    request: Request,
    format: str = Query("csv", pattern="^(csv|jsonl)$"),
    excel: bool = Query(False, description="Start a CSV with a UTF-8 byte-order mark: Excel then reads its diacritics."),
    query: SearchQuery = Depends(build_query),
    principal: Principal = Depends(needs("export")),
) -> StreamingResponse:
    state = app_state(request)
    # Spooled: a small export stays in memory, a large one goes to a temporary file,
    # and either is sent in chunks.
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024, mode="w+b")  # noqa: SIM115  (closed by the stream)
    if excel and format == "csv":
        spool.write("\ufeff".encode())  # without it Excel reads UTF-8 as the local code page
    rows = export_documents(state.engine, query, format, spool)
    state.audit.record(principal.user, "export", "documents", search_audit(query, format=format, rows=rows))
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    spool.seek(0)

    def chunks() -> Iterator[bytes]:
        try:
            while block := spool.read(65536):
                yield block
        finally:
            spool.close()

    return StreamingResponse(
        chunks(), media_type=EXPORT_TYPES[format],
        headers={"Content-Disposition": f'attachment; filename="duluan-{stamp}.{format}"', "X-Rows": str(rows)},
    )


