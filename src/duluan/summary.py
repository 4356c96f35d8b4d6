"""What is in a workspace, for the end of `duluan demo` and `duluan status`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, func, select

from .store.schema import document_places, documents, enrichments, rejects, sources, stories


@dataclass
class WorkspaceSummary:
    documents: int = 0
    stories: int = 0
    multi_document_stories: int = 0
    rejects: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    first_published: datetime | None = None
    last_published: datetime | None = None
    busiest_days: list[tuple[date, int]] = field(default_factory=list)
    largest_stories: list[tuple[str, int]] = field(default_factory=list)
    enriched: int = 0
    labels: dict[str, dict[str, int]] = field(default_factory=dict)  # field → label → documents
    complaints: int = 0
    top_provinces: list[tuple[str, int]] = field(default_factory=list)  # name, documents


def summarise(engine: Engine, timezone: str = "Asia/Ho_Chi_Minh", top: int = 5) -> WorkspaceSummary:
    tz = ZoneInfo(timezone)
    out = WorkspaceSummary()
    with engine.connect() as conn:
        out.documents = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        out.stories = conn.execute(select(func.count()).select_from(stories)).scalar_one()
        out.multi_document_stories = conn.execute(
            select(func.count()).select_from(stories).where(stories.c.size > 1)
        ).scalar_one()
        out.rejects = conn.execute(select(func.count()).select_from(rejects)).scalar_one()
        out.by_kind = dict(
            conn.execute(select(documents.c.kind, func.count()).group_by(documents.c.kind)).all()
        )
        out.by_source = {
            name or "(ad hoc)": n
            for name, n in conn.execute(
                select(sources.c.name, func.count())
                .select_from(documents.outerjoin(sources, documents.c.source_id == sources.c.id))
                .group_by(sources.c.name)
            )
        }
        out.rejects_by_reason = dict(
            conn.execute(select(rejects.c.reason, func.count()).group_by(rejects.c.reason)).all()
        )
        out.first_published, out.last_published = conn.execute(
            select(func.min(documents.c.published_at), func.max(documents.c.published_at))
        ).one()
        if out.first_published is not None:
            # Local, as the busiest days below: the range ends on the day a reader sees.
            out.first_published = _aware(out.first_published).astimezone(tz)
            out.last_published = _aware(out.last_published).astimezone(tz)
        # Days are local days: a post at 06:00 in Hà Nội belongs to that Vietnamese day.
        per_day: dict[date, int] = {}
        for (published,) in conn.execute(select(documents.c.published_at)):
            day = _aware(published).astimezone(tz).date()
            per_day[day] = per_day.get(day, 0) + 1
        out.busiest_days = sorted(per_day.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        out.largest_stories = [
            (title or "", size)
            for title, size in conn.execute(
                select(stories.c.title, stories.c.size).order_by(stories.c.size.desc(), stories.c.id).limit(top)
            )
        ]
        _label_distribution(conn, out, top)
    return out


# Thresholds for counting a document as a complaint or as toxic in the summary; the
# stored probabilities stay available for any other cut.
COMPLAINT_AT = 0.5


def _label_distribution(conn: Connection, out: WorkspaceSummary, top: int) -> None:
    out.enriched = conn.execute(select(func.count()).select_from(enrichments)).scalar_one()
    if not out.enriched:
        return
    for name in ("category", "sentiment", "toxicity"):
        column = enrichments.c[name]
        # Press articles have no sentiment or toxicity (`PRESS_KINDS`): counted among
        # the documents that have one.
        out.labels[name] = dict(
            conn.execute(select(column, func.count()).where(column.is_not(None)).group_by(column)).all()
        )
    out.complaints = conn.execute(
        select(func.count()).select_from(enrichments).where(enrichments.c.complaint_p >= COMPLAINT_AT)
    ).scalar_one()
    out.labels["concern (complaints)"] = dict(
        conn.execute(
            select(enrichments.c.concern, func.count())
            .where(enrichments.c.complaint_p >= COMPLAINT_AT)
            .group_by(enrichments.c.concern)
        ).all()
    )
    from .text.places import province_by_code

    rows = conn.execute(
        select(document_places.c.province_code, func.count(func.distinct(document_places.c.document_id)))
        .where(document_places.c.province_code.is_not(None))
        .group_by(document_places.c.province_code)
        .order_by(func.count(func.distinct(document_places.c.document_id)).desc())
        .limit(top)
    ).all()
    for code, n in rows:
        unit = province_by_code(code)
        out.top_provinces.append((unit.name if unit else code, n))


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)
