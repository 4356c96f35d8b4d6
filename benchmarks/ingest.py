"""Ingestion speed and peak memory on the simulated stream, against a plain-insert baseline.

For each size, a child process simulates about that many items (not timed), then a
fresh process runs, one after the other (1) the baseline: raw texts written with one executemany into a bare
SQLite table, no normalisation, privacy or duplicate detection; (2) duluan's full ingest
(decode, normalise, dates, redact, pseudonymise, exact and near-duplicate detection,
stories, store) into a new SQLite workspace. Peak memory is the largest resident set of
the process and of its worker processes.

    python benchmarks/ingest.py --sizes 100000 1000000 --workers 2
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

FEED_ITEMS = 500
# Items per simulated day at the simulator's default sizes (250 posts, 40 news a day).
ITEMS_PER_DAY_AT_DEFAULT = 600
DAYS = 30


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def simulate_into(size: int, sim: Path) -> None:
    from duluan.simulate import SimulationOptions, simulate

    scale = size / (ITEMS_PER_DAY_AT_DEFAULT * DAYS)
    start = (datetime.now(UTC) - timedelta(days=DAYS + 1)).date()
    simulate(SimulationOptions(days=DAYS, start=start, posts_per_day=max(1, round(250 * scale)),
                               news_per_day=max(1, round(40 * scale))), sim)
    split_feed(sim / "news.xml", sim / "feeds")


def split_feed(feed: Path, out: Path, per_file: int = FEED_ITEMS) -> None:
    """The simulator writes one RSS file of every article; real feeds hold a few hundred
    items per poll, and feedparser reads a whole feed into memory, so split it."""
    text = feed.read_text(encoding="utf-8")
    head = text[: text.index("<item>")]
    tail = text[text.rindex("</item>") + len("</item>") :]
    items = re.findall(r"<item>.*?</item>", text, flags=re.S)
    out.mkdir()
    for n in range(0, len(items), per_file):
        (out / f"news-{n // per_file:05d}.xml").write_text(head + "\n".join(items[n : n + per_file]) + tail, encoding="utf-8")


def run_one(sim: Path, workers: int, enrich: bool) -> dict[str, float]:
    from duluan.ingest import ingest
    from duluan.runner import ingest_options, ingest_registered
    from duluan.sources.feeds import FeedSource
    from duluan.store import repository as repo
    from duluan.workspace import init_workspace

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # Baseline: the floor any ingest pays, reading the same files and inserting raw text.
        t0 = time.perf_counter()
        base = sqlite3.connect(root / "baseline.db")
        base.execute("PRAGMA journal_mode=WAL")
        base.execute("CREATE TABLE raw (id INTEGER PRIMARY KEY, text TEXT)")
        baseline_items = 0
        feeds = sorted((sim / "feeds").glob("*.xml"))
        for path in [sim / "posts.jsonl", *feeds]:
            # Streamed, like the real ingest, so the baseline does not inflate peak memory.
            with path.open(encoding="utf-8") as handle:
                if path.suffix == ".xml":
                    rows: Iterable[tuple[str]] = [(c,) for c in handle.read().split("<item>")[1:]]
                else:
                    rows = ((line,) for line in handle)
                before = base.total_changes
                base.executemany("INSERT INTO raw (text) VALUES (?)", rows)
                baseline_items += base.total_changes - before
        base.commit()
        base.close()
        baseline_seconds = time.perf_counter() - t0

        workspace = init_workspace(root / "ws")
        for name, kind, filename in (("posts", "jsonl", "posts.jsonl"), ("legacy", "folder", "legacy")):
            repo.add_source(workspace.engine, name, kind, str(sim / filename), {})
        t0 = time.perf_counter()
        read = new = 0
        # All feed files as one stream, as one poll of many feeds would be.
        options = ingest_options(workspace)
        options.workers, options.enrich = workers, enrich
        stream = itertools.chain.from_iterable(FeedSource(str(path)).read() for path in feeds)
        summary = ingest(workspace.engine, stream, options, label="feeds")
        read += summary.read
        new += summary.new
        for name in ("posts", "legacy"):
            options = ingest_options(workspace)
            options.workers, options.enrich = workers, enrich
            summary = ingest_registered(workspace, name, options)
            read += summary.read
            new += summary.new
        seconds = time.perf_counter() - t0
        own, children = _peak_mib()
        db_mib = sum(p.stat().st_size for p in (root / "ws").glob("duluan.db*")) / 2**20
    return {
        "items": read, "new": new, "seconds": seconds,
        "items_per_s": read / seconds, "baseline_items_per_s": baseline_items / baseline_seconds,
        "peak_mib": own, "peak_worker_mib": children, "db_mib": db_mib,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--enrich", action="store_true", help="also label every document (models, places, keywords)")
    parser.add_argument("--simulate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.simulate:
        simulate_into(args.simulate, args.child)
        return
    if args.child:
        print(json.dumps(run_one(args.child, args.workers, args.enrich)))
        return
    print(f"{'items':>9} {'new docs':>9} {'seconds':>8} {'items/s':>8} {'baseline/s':>10} "
          f"{'ratio':>6} {'peak MiB':>9} {'worker MiB':>10} {'db MiB':>7}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            sim = Path(tmp) / "sim"
            # Simulate in one process and ingest in a fresh one, so that peak memory
            # belongs to the ingest of that size alone.
            subprocess.run([sys.executable, __file__, "--simulate", str(size), "--child", str(sim)], check=True)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(sim), "--workers", str(args.workers)]
                + (["--enrich"] if args.enrich else []),
                check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['items']:>9} {r['new']:>9} {r['seconds']:>8.1f} {r['items_per_s']:>8.0f} "
              f"{r['baseline_items_per_s']:>10.0f} {r['items_per_s'] / r['baseline_items_per_s']:>6.3f} "
              f"{r['peak_mib']:>9.0f} {r['peak_worker_mib']:>10.0f} {r['db_mib']:>7.0f}")


if __name__ == "__main__":
    main()
