"""Trend and alert queries over a large workspace: SQL GROUP BY against a Python baseline.

Builds (once, kept with --keep) a workspace of N documents over 120 days written straight
into the tables — posts, comments and news with concerns, categories, sentiments, wards
and provinces drawn from fixed distributions, each document its own story — then times,
for a 90-day range, each query several times (median) next to the same answer computed
the naive way in the same process: every matching row's timestamp read into Python and
counted there.

    python benchmarks/analysis_queries.py --documents 1000000 --keep /tmp/duluan-1m
    python benchmarks/analysis_queries.py --documents 1000000 --database-url postgresql://postgres@127.0.0.1:5432/bench

Goal (issue 5): trend and alert queries for a 90-day range over 1M documents under 1 s.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Engine, and_, func, insert, select, text

from duluan.analysis.alert_series import load_series
from duluan.analysis.alerts import list_alerts, run_alerts
from duluan.analysis.periods import Period
from duluan.analysis.series import SeriesFilter, filtered, make_filter
from duluan.analysis.surges import SurgeOptions
from duluan.analysis.trends import trend
from duluan.enrich.concerns import CONCERN_IDS
from duluan.store.db import make_engine, migrate, sqlite_url
from duluan.store.rollup import compact_hourly_counts
from duluan.store.schema import document_places, documents, enrichments, stories
from duluan.text.places_gazetteer import load_gazetteer

TZ = "Asia/Ho_Chi_Minh"
DAYS = 120
CHUNK = 20_000
KINDS = (("post", 0.6), ("comment", 0.25), ("news", 0.15))
SENTIMENTS = ("negative", "neutral", "positive")
CATEGORIES = ("Chinh tri Xa hoi", "Doi song", "Phap luat", "Kinh doanh", "Suc khoe", "The thao")


def populate(engine: Engine, n: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    gaz = load_gazetteer()
    wards = _wards(gaz)
    ward_weights = rng.pareto(1.2, len(wards)) + 0.1
    ward_weights /= ward_weights.sum()
    end = datetime.now(UTC).replace(microsecond=0)
    start = end - timedelta(days=DAYS)
    kinds = [k for k, _ in KINDS]
    kind_p = [p for _, p in KINDS]
    concern_p = np.array([0.07] * (len(CONCERN_IDS) - 1) + [1.0])
    concern_p /= concern_p.sum()
    done = 0
    while done < n:
        size = min(CHUNK, n - done)
        seconds = np.sort(rng.integers(0, DAYS * 86400, size))
        kind = rng.choice(kinds, size, p=kind_p)
        concern = rng.choice(CONCERN_IDS, size, p=concern_p)
        ward_index = rng.choice(len(wards), size, p=ward_weights)
        has_place = rng.random(size) < 0.6
        authors = rng.integers(0, 300_000, size)
        story_rows, doc_rows, enrich_rows, place_rows = [], [], [], []
        for i in range(size):
            serial = done + i + 1
            at = start + timedelta(seconds=int(seconds[i]))
            digest = hashlib.blake2b(str(serial).encode(), digest_size=16).hexdigest()
            story_rows.append({"id": serial, "title": None, "size": 1, "first_published_at": at,
                               "last_published_at": at, "founder_hash": digest})
            doc_rows.append({
                "id": serial, "story_id": serial, "kind": str(kind[i]), "published_at": at, "fetched_at": at,
                "text": "Người dân phản ánh tình trạng kéo dài nhiều ngày.", "lang": "vi",
                "author_hash": None if kind[i] == "news" else hashlib.blake2b(str(authors[i]).encode(), digest_size=16).hexdigest(), "chars": 48, "flags": "",
                "origin": f"bench:{serial}", "content_hash": digest,
            })
            enrich_rows.append({
                "document_id": serial, "model_version": "bench", "category": CATEGORIES[serial % len(CATEGORIES)],
                # Category and sentiment both follow the serial: "Phap luat" is always
                # "positive" (a sixth of the documents), never "negative".
                "category_p": 0.9, "sentiment": SENTIMENTS[serial % 3], "p_negative": 0.5, "p_neutral": 0.3,
                "p_positive": 0.2, "toxicity": "clean", "toxicity_score": 0.1, "complaint_p": 0.6,
                "concern": str(concern[i]), "concern_p": 0.7, "keywords": [], "enriched_at": at,
            })
            if has_place[i]:
                code, province = wards[ward_index[i]]
                place_rows.append({"document_id": serial, "position": 0, "level": "ward", "era": "new", "code": code,
                                   "surface": "phường", "province_code": province, "ward_code": code, "confidence": 1.0})
        with engine.begin() as conn:
            conn.execute(insert(stories), story_rows)
            # As the ingest loop writes them: RETURNING makes many rows one statement.
            conn.execute(insert(documents).returning(documents.c.id), doc_rows).all()
            conn.execute(insert(enrichments), enrich_rows)
            if place_rows:
                conn.execute(insert(document_places), place_rows)
        done += size
        print(f"  wrote {done:,} documents", flush=True)


def _wards(gaz: Any) -> list[tuple[str, str]]:
    found = set()
    for units in gaz.by_key.values():
        for u in units:
            if u.era == "new" and u.level == "ward":
                found.add((u.code, u.province))
    return sorted(found)


def naive_counts(engine: Engine, flt: SeriesFilter, period: Period) -> dict[str, int]:
    """The baseline: the same answer the simple way. Read every matching row of the
    period and the 28 days before (time, kind, author) and count in Python: documents and
    distinct social authors per local day, and the daily history for the baseline."""
    history = period.extended_back(28)
    low, high = history.utc_bounds()
    zone = ZoneInfo(TZ)
    query = filtered(
        select(documents.c.published_at, documents.c.kind, documents.c.author_hash)
        .where(and_(documents.c.published_at >= low, documents.c.published_at < high)), flt)
    per_day: Counter[str] = Counter()
    authors: dict[str, set[str]] = {}
    with engine.connect() as conn:
        for ts, _kind, author in conn.execute(query):
            day = ts.astimezone(zone).date().isoformat()
            per_day[day] += 1
            if author is not None:
                authors.setdefault(day, set()).add(author)
    first = period.start.isoformat()
    shown = {day: n for day, n in per_day.items() if day >= first}
    # The k-anonymity check: days whose posts come from fewer than 5 authors are hidden.
    return {day: n for day, n in shown.items() if day not in authors or len(authors[day]) >= 5}


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="SQLite folder to build once and reuse")
    parser.add_argument("--database-url", default=None, help="benchmark this database instead (built if empty)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.database_url:
        engine = make_engine(args.database_url)
    else:
        folder = args.keep or Path(f"/tmp/duluan-bench-{args.documents}")
        folder.mkdir(parents=True, exist_ok=True)
        engine = make_engine(sqlite_url(folder / "duluan.db"))
    migrate(engine)
    with engine.connect() as conn:
        present = conn.execute(select(func.count()).select_from(documents)).scalar_one()
    if present == 0:
        began = time.perf_counter()
        populate(engine, args.documents)
        compact_hourly_counts(engine)  # as an ingest run ends
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        print(f"built {args.documents:,} documents in {time.perf_counter() - began:.0f} s")
    elif present != args.documents:
        raise SystemExit(f"the database holds {present} documents, not {args.documents}; use another --keep")
    today = datetime.now(ZoneInfo(TZ)).date()
    period = Period(today - timedelta(days=89), today, TZ)
    busiest = _busiest(engine)
    cases = [
        ("trend: all documents", make_filter()),
        ("trend: one concern", make_filter(concern="flooding")),
        ("trend: concern x province", make_filter(concern="flooding", place=busiest[1])),
        ("trend: concern x ward", make_filter(concern="flooding", place=busiest[0])),
        ("trend: category x sentiment", make_filter(category="Phap luat", sentiment="positive")),
    ]
    print(f"\n{engine.dialect.name}, {args.documents:,} documents, 90-day range {period.start}..{period.end}; median of {args.repeat}")
    print(f"{'query':<32} {'duluan s':>9} {'baseline s':>10} {'speed-up':>9}")
    for name, flt in cases:
        ours, result = timed(lambda flt=flt: trend(engine, flt, period), args.repeat)
        theirs, naive = timed(lambda flt=flt: naive_counts(engine, flt, period), max(1, args.repeat // 2))
        got = {p.bucket: p.documents.value for p in result.points if p.documents.value}
        agree = all(got.get(d) == n for d, n in naive.items() if got.get(d) is not None)
        print(f"{name:<32} {ours:9.3f} {theirs:10.3f} {theirs / ours:8.1f}x{'' if agree else '  MISMATCH'}")
    run_time, summary = timed(lambda: run_alerts(engine, period, SurgeOptions()), 1)
    read_time, series = timed(lambda: load_series(engine, period.extended_back(28)), 1)
    list_time, listed = timed(lambda: list_alerts(engine, timezone=TZ, period=period), args.repeat)
    print(f"{'alerts: list 90 days':<32} {list_time:9.3f}   ({len(listed)} alerts)")
    print(f"{'alerts: read all series':<32} {read_time:9.3f}   ({len(series.keys)} series)")
    print(f"{'alerts: full run (read+detect+store)':<32} {run_time:9.3f}   ({summary.new + summary.unchanged + summary.extended} alerts)")


def _busiest(engine: Engine) -> tuple[str, str]:
    with engine.connect() as conn:
        ward, province = conn.execute(
            select(document_places.c.ward_code, document_places.c.province_code)
            .group_by(document_places.c.ward_code, document_places.c.province_code)
            .order_by(func.count().desc()).limit(1)
        ).one()
    return ward, province


if __name__ == "__main__":
    main()
