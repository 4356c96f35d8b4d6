"""What the hourly rollup's triggers cost a write: documents inserted with and without them.

Two fresh workspaces (SQLite, or schemas of one PostgreSQL database) at the latest schema;
in one, the rollup's triggers are dropped. The same N documents (batches of 1,000 in one
transaction each, as the ingest loop writes them) go into both, alternating batch by
batch so that load from other jobs hits both alike. Prints documents per second and the
ratio, and checks that the rollup equals a count of the documents.

    python benchmarks/rollup_cost.py --documents 200000
    python benchmarks/rollup_cost.py --documents 200000 --database-url postgresql://postgres@127.0.0.1:5432/bench
"""

from __future__ import annotations

import argparse
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import Engine, insert, text

from duluan.store.db import make_engine, migrate, sqlite_url
from duluan.store.rollup import compact_hourly_counts, drop_hourly_rollup
from duluan.store.schema import documents, stories

BATCH = 1000


def _engine(url: str | None, folder: Path, name: str) -> Engine:
    if url is None:
        engine = make_engine(sqlite_url(folder / f"{name}.db"))
    else:
        schema = f"bench_{name}_{uuid.uuid4().hex[:8]}"
        with make_engine(url).begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        engine = make_engine(f"{url}?options=-csearch_path%3D{schema}")
    migrate(engine)
    return engine


def _batches(n: int, seed: int = 1) -> list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]:
    rng = np.random.default_rng(seed)
    start = datetime(2026, 8, 1, tzinfo=UTC)
    kinds = np.array(["post", "comment", "news"])
    out = []
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        seconds = np.sort(rng.integers(0, 120 * 86400, size))
        kind = rng.choice(kinds, size, p=[0.6, 0.25, 0.15])
        authors = rng.integers(0, 300_000, size)
        story_rows, doc_rows = [], []
        for i in range(size):
            serial = first + i + 1
            at = start + timedelta(seconds=int(seconds[i]))
            digest = f"{serial:064x}"
            story_rows.append({"id": serial, "size": 1, "first_published_at": at, "last_published_at": at,
                               "founder_hash": digest})
            doc_rows.append({
                "id": serial, "story_id": serial, "kind": str(kind[i]), "published_at": at, "fetched_at": at,
                "text": "Đường ngập nước sau mưa lớn.", "lang": "vi",
                "author_hash": None if kind[i] == "news" else f"{int(authors[i]):032x}",
                "chars": 28, "flags": "", "origin": f"bench:{serial}", "content_hash": digest,
            })
        out.append((story_rows, doc_rows))
    return out


def _write(engine: Engine, story_rows: list[dict[str, Any]], doc_rows: list[dict[str, Any]]) -> float:
    began = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(stories), story_rows)
        conn.execute(insert(documents).returning(documents.c.id), doc_rows).all()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=200_000)
    parser.add_argument("--database-url", default=None, help="PostgreSQL to measure instead of SQLite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with_rollup = _engine(args.database_url, Path(folder), "with")
        without = _engine(args.database_url, Path(folder), "without")
        with without.begin() as conn:
            drop_hourly_rollup(conn)
        spent = {"with": 0.0, "without": 0.0}
        for story_rows, doc_rows in _batches(args.documents):
            spent["with"] += _write(with_rollup, story_rows, doc_rows)
            spent["without"] += _write(without, story_rows, doc_rows)
        began = time.perf_counter()
        compact_hourly_counts(with_rollup)
        compact = time.perf_counter() - began
        with with_rollup.connect() as conn:
            rolled = conn.execute(text("SELECT sum(documents) FROM hourly_counts")).scalar_one()
            rows = conn.execute(text("SELECT count(*) FROM hourly_counts")).scalar_one()
        if args.database_url is not None:
            for engine in (with_rollup, without):
                with engine.begin() as conn:
                    conn.execute(text("DROP SCHEMA " + conn.execute(text("SELECT current_schema()")).scalar_one() + " CASCADE"))
                engine.dispose()
    n = args.documents
    print(f"{with_rollup.dialect.name}, {n:,} documents in batches of {BATCH:,}")
    print(f"  without the rollup: {n / spent['without']:10,.0f} documents/s ({spent['without']:.1f} s)")
    print(f"  with the rollup:    {n / spent['with']:10,.0f} documents/s ({spent['with']:.1f} s)")
    print(f"  ratio with/without: {spent['without'] / spent['with']:.2f}  (1.00 = free)")
    print(f"  rollup rows after compaction: {rows:,} ({compact:.2f} s); documents counted: {rolled:,}"
          f"{'' if rolled == n else '  MISMATCH'}")


if __name__ == "__main__":
    main()
