"""Writing small, exact analysis fixtures straight into the tables: days, concerns, wards,
authors — so that every expected count in the analysis tests is known by construction."""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, insert

from duluan.store.schema import document_places, documents, enrichments, stories

VN = ZoneInfo("Asia/Ho_Chi_Minh")
START = date(2026, 10, 1)
_counter = itertools.count(1)

# New-unit codes used in the tests: two wards of Hà Nội, one of TP.HCM.
BACH_MAI, HOAN_KIEM_WARD, HANOI = "00292", "00070", "01"
THANH_MY_TAY, HCM = "26956", "79"


def _pseudonym(name: str) -> str:
    """Hex like the real keyed hashes, so that their first characters vary."""
    return hashlib.sha256(name.encode()).hexdigest()[:32]


def add_posts(
    engine: Engine,
    day: date,
    n: int,
    *,
    concern: str = "waste",
    ward: str | None = BACH_MAI,
    province: str | None = HANOI,
    authors: int | None = None,
    kind: str = "post",
    text: str = "Rác không ai thu gom ở đầu hẻm, bốc mùi cả tuần nay.",
    hour: int = 10,
    flags: str = "",
) -> list[int]:
    """n posts on a local day about a concern in a place, from `authors` distinct authors
    (default: each post its own author, never seen before); every post is its own story."""
    ids: list[int] = []
    with engine.begin() as conn:
        for i in range(n):
            serial = next(_counter)
            digest = hashlib.sha256(f"doc-{serial}".encode()).hexdigest()
            at = datetime.combine(day, time(hour, i % 60), VN).astimezone(UTC)
            story_id = conn.execute(
                insert(stories).values(title=None, size=1, first_published_at=at, last_published_at=at, founder_hash=digest)
            ).inserted_primary_key[0]
            doc_id = conn.execute(
                insert(documents).values(
                    story_id=story_id, kind=kind, published_at=at, fetched_at=at, title=None,
                    text=f"{text} ({serial})", lang="vi",
                    author_hash=None if kind in ("news", "page") else _pseudonym(
                        f"author-{serial}" if authors is None else f"shared-{i % max(authors, 1)}"
                    ),
                    chars=len(text), flags=flags, origin=f"test:{serial}", content_hash=digest,
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(enrichments).values(
                    document_id=doc_id, model_version="test", category="Chinh tri Xa hoi", category_p=0.9,
                    sentiment="negative", p_negative=0.8, p_neutral=0.1, p_positive=0.1,
                    toxicity="clean", toxicity_score=0.05, complaint_p=0.9, concern=concern,
                    concern_p=0.8, keywords=["thu gom rác"], enriched_at=at,
                )
            )
            if province is not None:
                conn.execute(
                    insert(document_places).values(
                        document_id=doc_id, position=0, level="ward" if ward else "province", era="new",
                        code=ward or province, surface="phường", province_code=province,
                        ward_code=ward, confidence=1.0,
                    )
                )
            ids.append(int(doc_id))
    return ids


def add_background(engine: Engine, first: date, days: int, per_day: int, **kwargs: object) -> None:
    for offset in range(days):
        add_posts(engine, first + timedelta(days=offset), per_day, **kwargs)  # type: ignore[arg-type]
