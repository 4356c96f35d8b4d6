"""Full-text search over a large workspace: duluan's index against a LIKE scan.

Builds (once, kept with --keep) a workspace of N documents with the writer of
benchmarks/analysis_queries.py (120 days; posts, comments, news; concerns, categories,
sentiments, wards), then gives them realistic Vietnamese texts: those of the simulated
stream (`duluan.simulate`, 60 days: news, posts and comments with teencode, missing
diacritics and typos), each reused about N / 36,000 times, and builds the search index
(`duluan.search.reindex`). Then it times a fixed list of queries — with and without
diacritics, teencode, phrases, prefixes, with filters — first page (20 hits) each, in
both orders, and, as the baseline in the same run, the same first page found by
`folded LIKE '%word%'` for every word over the already normalised text (the fastest a
plain scan can be: no folding at query time).

    python benchmarks/search.py --documents 200000 --keep /tmp/duluan-search-200k
    python benchmarks/search.py --documents 200000 --database-url postgresql://postgres@127.0.0.1:5432/bench

Goal (issue 6): a typical search under ~100 ms on a 1M-document SQLite workspace.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, bindparam, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from analysis_queries import populate  # noqa: E402  (the 1M-document workspace builder)

from duluan.search import SearchQuery, count_matches, reindex, search_documents  # noqa: E402
from duluan.search.normalise import parse_query  # noqa: E402
from duluan.simulate import SimulationOptions, simulate  # noqa: E402
from duluan.store.db import make_engine, migrate, sqlite_url  # noqa: E402
from duluan.store.schema import UTCDateTime, document_places, documents  # noqa: E402
from duluan.web.pages.search import COUNT_CAP  # noqa: E402

CHUNK = 20_000


def _texts() -> dict[str, list[tuple[str | None, str]]]:
    """(title, text) of the simulated stream, by kind."""
    with tempfile.TemporaryDirectory() as folder:
        result = simulate(SimulationOptions(days=60), Path(folder))
        pool: dict[str, list[tuple[str | None, str]]] = {"post": [], "comment": [], "news": []}
        for line in result.files["posts"].read_text(encoding="utf-8").splitlines():
            try:
                item = json.loads(line)
                pool["comment" if item.get("parent_id") else "post"].append((None, item["text"]))
            except (ValueError, KeyError, TypeError):
                continue  # the stream's planted broken lines
        for element in ET.parse(result.files["news"]).getroot().iter("item"):
            pool["news"].append((element.findtext("title"), element.findtext("description") or ""))
    return pool


def give_texts(engine: Engine, seed: int = 3) -> None:
    """Replace the builder's one sentence by the simulated stream's texts, kind by kind."""
    pool = _texts()
    rng = np.random.default_rng(seed)
    with engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.kind).order_by(documents.c.id)).all()
    statement = text("UPDATE documents SET title = :title, text = :text, chars = :chars WHERE id = :id")
    for start in range(0, len(rows), CHUNK):
        batch = []
        for doc_id, kind in rows[start : start + CHUNK]:
            choices = pool[kind] or pool["post"]
            title, body = choices[int(rng.integers(len(choices)))]
            batch.append({"id": doc_id, "title": title, "text": body, "chars": len(body)})
        with engine.begin() as conn:
            conn.execute(statement, batch)
        print(f"  gave texts to {start + len(batch):,} documents", flush=True)


def build(engine: Engine, n: int) -> None:
    began = time.perf_counter()
    populate(engine, n)
    give_texts(engine)
    indexing = time.perf_counter()
    reindex(engine)
    print(f"  indexed {n:,} documents in {time.perf_counter() - indexing:.0f} s", flush=True)
    with engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    print(f"built {n:,} documents in {time.perf_counter() - began:.0f} s")


def like_baseline(engine: Engine, query: SearchQuery) -> list[int]:
    """The same first page by a scan: every word as LIKE '%word%' over the folded text."""
    words = [w for term in parse_query(query.text) for w in term.words]
    where = [f"s.folded LIKE :w{i}" for i in range(len(words))]
    params: dict[str, Any] = {f"w{i}": f"%{w}%" for i, w in enumerate(words)}
    tables = "document_search AS s JOIN documents AS d ON d.id = s.document_id"
    if query.concern:
        tables += " JOIN enrichments AS e ON e.document_id = d.id"
        where.append("e.concern = :concern")
        params["concern"] = query.concern
    if query.kinds:
        where.append("d.kind IN :kinds")
        params["kinds"] = list(query.kinds)
    if query.start:
        where.append("d.published_at >= :start")
        params["start"] = query.start
    if query.province_code:
        where.append("EXISTS (SELECT 1 FROM document_places AS p WHERE p.document_id = d.id AND p.province_code = :province)")
        params["province"] = query.province_code
    statement = text(
        f"SELECT d.id FROM {tables} WHERE {' AND '.join(where) or '1 = 1'} "
        f"ORDER BY d.published_at DESC, d.id DESC LIMIT {query.limit}"
    )
    if "kinds" in params:
        statement = statement.bindparams(bindparam("kinds", expanding=True))
    if "start" in params:
        statement = statement.bindparams(bindparam("start", type_=UTCDateTime))
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(statement, params)]


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median and 95th percentile in milliseconds, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))], result


def cases(engine: Engine) -> list[tuple[str, SearchQuery]]:
    with engine.connect() as conn:
        province = conn.execute(
            select(document_places.c.province_code).group_by(document_places.c.province_code)
            .order_by(func.count().desc()).limit(1)
        ).scalar_one()
        latest = conn.execute(select(func.max(documents.c.published_at))).scalar_one()
    month = latest - timedelta(days=30)
    return [
        ("ngập nước", SearchQuery("ngập nước")),
        ("ngap nuoc (no diacritics)", SearchQuery("ngap nuoc")),
        ("rác bốc mùi", SearchQuery("rác bốc mùi")),
        ("ko co nuoc (teencode)", SearchQuery("ko co nuoc")),
        ("xe rac hok toi (teencode)", SearchQuery("xe rac hok toi")),
        ('"tiền điện" (phrase)', SearchQuery('"tiền điện"')),
        ("ket xe* (prefix)", SearchQuery("ket xe*")),
        ("giá xăng tăng", SearchQuery("giá xăng tăng")),
        ("người dân (very frequent)", SearchQuery("người dân")),
        ("phuong hiep binh (rare)", SearchQuery("phuong hiep binh")),
        ("bão yagi (no match)", SearchQuery("bão yagi")),
        ("ngap nuoc + post, 30 days", SearchQuery("ngap nuoc", kinds=("post",), start=month)),
        ("rac + concern waste", SearchQuery("rac", concern="waste")),
        ("mat nuoc + province", SearchQuery("mat nuoc", province_code=province)),
        ("no words: flooding, 30 days", SearchQuery(concern="flooding", start=month)),
        ("no words: province, posts", SearchQuery(province_code=province, kinds=("post",))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, default=None, help="SQLite folder to build once and reuse")
    parser.add_argument("--database-url", default=None, help="benchmark this database instead (built if empty)")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query (the LIKE scan: a quarter)")
    parser.add_argument("--reindex", action="store_true", help="rebuild the index of a kept workspace first (timed)")
    parser.add_argument("--counts", action="store_true",
                        help="also time the search page's count (count_matches, up to 1,001 documents)")
    args = parser.parse_args()
    if args.database_url:
        engine = make_engine(args.database_url)
    else:
        folder = args.keep or Path(f"/tmp/duluan-search-{args.documents}")
        folder.mkdir(parents=True, exist_ok=True)
        engine = make_engine(sqlite_url(folder / "duluan.db"))
    migrate(engine)
    with engine.connect() as conn:
        present = conn.execute(select(func.count()).select_from(documents)).scalar_one()
    if present == 0:
        build(engine, args.documents)
    elif present != args.documents:
        raise SystemExit(f"the database holds {present} documents, not {args.documents}; use another --keep")
    elif args.reindex:
        began = time.perf_counter()
        reindex(engine)
        print(f"reindexed {present:,} documents in {time.perf_counter() - began:.0f} s")
    print(f"\n{engine.dialect.name}, {args.documents:,} documents; first page of 20; "
          f"ms, median and p95 of {args.repeat} (LIKE: of {max(2, args.repeat // 4)})")
    print(f"{'query':<30} {'newest':>15} {'relevance':>15} {'LIKE scan':>15} {'speed-up':>9}  same page")
    ours_all, like_all = [], []
    for name, query in cases(engine):
        new_med, new_p95, page = timed(lambda q=query: search_documents(engine, q), args.repeat)
        rel_med, rel_p95, _ = timed(lambda q=query: search_documents(engine, SearchQuery(**{**vars(q), "sort": "relevance"})),
                                    args.repeat)
        like_med, like_p95, naive = timed(lambda q=query: like_baseline(engine, q), max(2, args.repeat // 4))
        same = [h.document_id for h in page.hits] == naive
        ours_all.append(new_med)
        like_all.append(like_med)
        print(f"{name:<30} {new_med:7.1f} {new_p95:7.1f} {rel_med:7.1f} {rel_p95:7.1f} {like_med:7.1f} {like_p95:7.1f} "
              f"{like_med / new_med:8.1f}x  {'yes' if same else 'no'}")
    print(f"{'median over queries':<30} {statistics.median(ours_all):7.1f} {'':23} {statistics.median(like_all):7.1f}")
    print(f"{'slowest query':<30} {max(ours_all):7.1f} {'':23} {max(like_all):7.1f}")
    if args.counts:
        # The search page's first page also counts its matches (up to COUNT_CAP + 1),
        # in the same process: the count against the page it sits on.
        print(f"\nthe search page's count (count_matches, cap {COUNT_CAP + 1:,}); ms, median and p95 of {args.repeat}")
        print(f"{'query':<30} {'page':>7} {'count':>15} {'matches':>9} {'count/page':>10}")
        for name, query in cases(engine):
            page_med, _, _ = timed(lambda q=query: search_documents(engine, q), args.repeat)
            count_med, count_p95, found = timed(lambda q=query: count_matches(engine, q, COUNT_CAP + 1), args.repeat)
            print(f"{name:<30} {page_med:7.1f} {count_med:7.1f} {count_p95:7.1f} {found.documents:9,} "
                  f"{count_med / page_med:9.1f}x")
    print(f"(measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC)")


if __name__ == "__main__":
    main()
