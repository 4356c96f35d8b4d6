"""What is in a workspace, for the end of `duluan demo` and `duluan status`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select

from .store.schema import documents, rejects, sources, stories


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
            out.first_published = _aware(out.first_published)
            out.last_published = _aware(out.last_published)
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
    return out


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo else value.replace(tzinfo=UTC)
