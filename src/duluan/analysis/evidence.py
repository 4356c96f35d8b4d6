"""Evidence documents as stored: redacted text, kind, source, time and link — never an author."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from ..store.schema import documents, sources
from .privacy import public_url

EVIDENCE_CHARS = 400


@dataclass(frozen=True)
class EvidenceDocument:
    id: int
    story_id: int
    kind: str
    published_at: datetime
    source: str | None
    url: str | None
    title: str | None
    text: str  # redacted at ingestion; cut to `chars`

    def as_json(self) -> dict[str, Any]:
        data = dict(vars(self))
        data["published_at"] = self.published_at.isoformat()
        return data


def evidence_documents(engine: Engine, ids: Sequence[int], chars: int = EVIDENCE_CHARS) -> list[EvidenceDocument]:
    """The documents with these ids, in the order given; unknown ids are skipped."""
    if not ids:
        return []
    query = (
        select(documents.c.id, documents.c.story_id, documents.c.kind, documents.c.published_at,
               documents.c.title, documents.c.text, documents.c.url, sources.c.name.label("source"))
        .outerjoin(sources, sources.c.id == documents.c.source_id)
        .where(documents.c.id.in_(list(ids)))
    )
    with engine.connect() as conn:
        rows = {r.id: r for r in conn.execute(query)}
    return [
        EvidenceDocument(r.id, r.story_id, r.kind, r.published_at, r.source, public_url(r.kind, r.url), r.title,
                         r.text[:chars])
        for i in ids if (r := rows.get(i)) is not None
    ]
