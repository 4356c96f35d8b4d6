"""Web dashboard and REST API latency over a large workspace, with 20 clients while ingesting.

Prepares a workspace of N documents (built once with analysis_queries' `populate` when
the folder holds no database; a bare duluan.db, e.g. copied from analysis_queries --keep,
is turned into a workspace and migrated), makes sure it has alerts (and topics, unless
--no-topics), an analyst user and an API token, then serves it on 127.0.0.1 exactly as
`duluan serve` does (one process; --workers N runs uvicorn with N processes instead).

Requests, in a cycle: "page" = the overview, topics, one topic, alerts and one alert
through the API (and the HTML pages /, /topics/ID, /alerts when they exist, with a
session cookie from POST /api/v1/session); "search" = /api/v1/documents?q=… with
Vietnamese queries typed with and without diacritics (and the /search page). Routes
missing from the OpenAPI document, and pages answering 404, are skipped with a note.
Any answer outside 2xx counts as an error, reported by status.

Baseline, in the same run: the same requests from 1 client with nothing ingesting, after
a warm-up pass; it lasts --seconds and at least one request of each. Then the loaded
phase: --clients closed-loop clients for --seconds while `duluan ingest` keeps adding
simulated posts (written beforehand with a new seed, so they are new documents) to the
same workspace; the clients start once the ingest writes. A request still under way at
the end is waited for (timeout 60 s). Printed: median, p95 and p99 per route and per
group, the ratio of the loaded p95 to the baseline p95, and whether the goal is met. The
clients share the machine (and its cores) with the server and the ingest.

Topics: populate's documents all say one sentence, so `topics update` makes them one
topic of every populated story; a simulated month is ingested first so that real topics
stand beside it. The topic routes are sent for the three largest topics, that one included.

    cp /tmp/duluan-1m/duluan.db /tmp/duluan-web-1m/   # reuse analysis_queries' build
    python benchmarks/web.py --workspace /tmp/duluan-web-1m --seconds 30
    python benchmarks/web.py --documents 200000 --database-url postgresql://postgres@127.0.0.1:5432/bench_web

Each run adds the ingested documents to the workspace: do not point --workspace at the
folder analysis_queries reuses (it checks the count). Goal: p95 under 300 ms
for pages and under 500 ms for search.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import subprocess
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
from analysis_queries import populate
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url
from web_load import (
    SESSION_COOKIE,
    Ingestion,
    Phase,
    Server,
    Target,
    ingest_command,
    print_rows,
    rows_by,
    run_phase,
)

from duluan.accounts import create_api_token, create_user, find_user, revoke_api_token, set_password
from duluan.analysis.alerts import run_alerts
from duluan.analysis.periods import Period
from duluan.analysis.surges import SurgeOptions
from duluan.analysis.topics import update_topics
from duluan.errors import NotFound
from duluan.search import reindex
from duluan.store.db import current_revision, head_revision, make_engine, migrate
from duluan.store.schema import alerts, documents, topics
from duluan.workspace import TOML_NAME, Workspace, find_workspace, init_workspace

GOALS_MS = {"page": 300.0, "search": 500.0}
USER = "bench-analyst"
# With and without diacritics, with and without matches; the last matches every populated document.
QUERIES = ("ngập nước", "ngap nuoc", "thu gom rác", "rac thai", "tiền điện", "hoc phi", "mất điện", "mat dien",
           "kẹt xe", "người dân phản ánh")


def ensure_postgres_database(url: str) -> None:
    """CREATE DATABASE when the one named in `url` does not exist yet."""
    parsed = make_url(url)
    admin = make_engine(parsed.set(database="postgres").render_as_string(hide_password=False))
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}).first() is None:
            conn.exec_driver_sql(f'CREATE DATABASE "{parsed.database}"')
            print(f"created database {parsed.database}")
    admin.dispose()


def prepare_workspace(root: Path, database_url: str | None, size: int) -> Workspace:
    """A migrated workspace in `root` holding documents (populated when empty)."""
    if database_url:
        ensure_postgres_database(database_url)
    began = time.perf_counter()
    if (root / TOML_NAME).exists():
        ws = find_workspace(root, environ={})
        engine = make_engine(ws.database_url)
        if current_revision(engine) != head_revision():
            print(f"migrating {current_revision(engine)} -> {head_revision()} (indexes are built: can take a minute on a large workspace)...", flush=True)
            migrate(engine)
    else:
        print(f"making {root} a workspace and migrating to {head_revision()} (a bare duluan.db gets its search index: about 20 s per million documents)...", flush=True)
        ws = init_workspace(root, database_url)
        engine = make_engine(ws.database_url)
    print(f"  workspace ready in {time.perf_counter() - began:.0f} s", flush=True)
    if count_documents(engine) == 0:
        began = time.perf_counter()
        populate(engine, size)
        # populate writes the tables directly, so the search rows come after.
        if engine.dialect.name == "postgresql":
            # populate chose the ids: move the sequences past them, or the next ingest collides.
            with engine.begin() as conn:
                for table in ("stories", "documents"):
                    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        reindex(engine, lambda n: n % 100_000 == 0 and print(f"  indexed {n:,} for search", flush=True))
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        print(f"built {size:,} documents in {time.perf_counter() - began:.0f} s")
    return ws


def count_documents(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())


def ensure_analysis(ws: Workspace, with_topics: bool, scratch: Path) -> None:
    """Alerts over the last 90 days, and topics, when the workspace has none."""
    engine, zone = ws.engine, str(ws.settings["timezone"])
    with engine.connect() as conn:
        have_alerts = conn.execute(select(func.count()).select_from(alerts)).scalar_one()
        have_topics = conn.execute(select(func.count()).select_from(topics)).scalar_one()
    if not have_alerts:
        began = time.perf_counter()
        today = date.today()
        summary = run_alerts(engine, Period(today - timedelta(days=89), today, zone), SurgeOptions())
        print(f"alerts: {summary.new} found in {time.perf_counter() - began:.0f} s")
    if not have_topics and with_topics:
        # populate's documents all say the same sentence: one topic. A month of simulated
        # posts first gives the topics a real workspace has beside it.
        began = time.perf_counter()
        stream = simulate_posts(scratch / "topics", 30, 250, seed=7)
        subprocess.run(ingest_command(ws.root, stream, enrich=True), check=True, stdout=subprocess.DEVNULL)
        print(f"ingested a simulated month for topics in {time.perf_counter() - began:.0f} s", flush=True)
        began = time.perf_counter()
        done = update_topics(engine, ws.settings)
        print(f"topics: {done.new_topics} from {done.stories:,} stories in {time.perf_counter() - began:.0f} s")


def analyst_login(engine: Engine) -> tuple[str, str, int]:
    """(password, API token, token id) of the benchmark's analyst, made or refreshed."""
    password = secrets.token_urlsafe(18)
    try:
        user = find_user(engine, USER)
        set_password(engine, USER, password)
    except NotFound:
        user = create_user(engine, USER, password, "analyst")
    token, record = create_api_token(engine, user, "benchmarks/web.py")
    return password, token, record.id


def simulate_posts(out: Path, days: int, per_day: int, seed: int | None = None) -> Path:
    """posts.jsonl of the last `days` days; by default a new seed each run, so every post is new."""
    from duluan.simulate import SimulationOptions, simulate

    seed = int(time.time()) % 1_000_000 if seed is None else seed
    start = date.today() - timedelta(days=days)
    simulate(SimulationOptions(seed=seed, days=days, start=start, posts_per_day=per_day, news_per_day=1), out)
    return out / "posts.jsonl"


def build_targets(http: httpx.Client, engine: Engine, openapi: dict[str, object]) -> tuple[list[Target], list[str]]:
    """The requests of the cycle, and a note for each one skipped."""
    paths = set(openapi.get("paths", {}))  # type: ignore[arg-type]
    with engine.connect() as conn:
        topic_ids = [r[0] for r in conn.execute(select(topics.c.id).where(topics.c.status != "merged")
                                                .order_by(topics.c.n_documents.desc()).limit(3))]
        alert_ids = [r[0] for r in conn.execute(select(alerts.c.id).order_by(alerts.c.id.desc()).limit(3))]
    api = "/api/v1"
    wanted = [("page", f"{api}/overview", [f"{api}/overview"]),
              ("page", f"{api}/topics", [f"{api}/topics"]),
              ("page", f"{api}/topics/{{topic_id}}", [f"{api}/topics/{i}" for i in topic_ids]),
              ("page", f"{api}/alerts", [f"{api}/alerts?days=90"]),
              ("page", f"{api}/alerts/{{alert_id}}", [f"{api}/alerts/{i}" for i in alert_ids]),
              ("search", f"{api}/documents", [f"{api}/documents?q={quote(q)}" for q in QUERIES])]
    targets, notes = [], []
    for group, route, urls in wanted:
        if route not in paths:
            notes.append(f"skipped {route}: not in the OpenAPI document yet")
        elif not urls:
            notes.append(f"skipped {route}: the workspace has none")
        else:
            targets += [Target(group, f"GET {route}", url) for url in urls]
    pages = [("page", "/", ["/"]), ("page", "/topics/{id}", [f"/topics/{i}" for i in topic_ids[:1]]),
             ("page", "/alerts", ["/alerts"]), ("page", "/alerts/{id}", [f"/alerts/{i}" for i in alert_ids[:1]]),
             ("search", "/search", [f"/search?q={quote(q)}" for q in QUERIES[:4]])]
    for group, route, urls in pages:
        status = http.get(urls[0]).status_code if urls else None
        if status is None or status in (404, 405):
            notes.append(f"skipped page {route}: {f'answers {status}' if status else 'nothing to show'}")
            continue
        targets += [Target(group, f"GET {route} (HTML)", url, html=True) for url in urls]
    return targets, notes


def report(baseline: Phase, loaded: Phase, ingested: int) -> None:
    for phase in (baseline, loaded):
        print_rows(f"{phase.label}: {phase.clients} client(s), {phase.seconds:.0f} s, "
                   f"{len(phase.samples) / phase.seconds:.1f} requests/s", rows_by(phase, by_name=True))
    slowest = sorted(rows_by(loaded, by_name=True, by_url=True), key=lambda r: -r.p95)[:6]
    print_rows("Slowest requests under load (by p95)", slowest)
    base, load = {r.key: r for r in rows_by(baseline, False)}, {r.key: r for r in rows_by(loaded, False)}
    print(f"\nDocuments ingested during the loaded phase: {ingested:,}")
    print("| group | requests | median ms | p95 ms | p99 ms | errors | baseline p95 ms | p95 ratio | goal p95 | met |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key, r in load.items():
        b = base.get(key)
        met = "yes" if r.p95 < GOALS_MS[key] and r.errors == "0" else "**no**"
        ratio = f"{r.p95 / b.p95:.1f}x" if b else "-"
        print(f"| {key} | {r.requests} | {r.median:.0f} | {r.p95:.0f} | {r.p99:.0f} | {r.errors} | "
              f"{b.p95 if b else float('nan'):.0f} | {ratio} | < {GOALS_MS[key]:.0f} | {met} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workspace", type=Path, default=None,
                        help="workspace folder, made and populated when missing (default /tmp/duluan-web-N[-pg])")
    parser.add_argument("--documents", type=int, default=1_000_000, help="size when the workspace is built")
    parser.add_argument("--database-url", default=None,
                        help="PostgreSQL to use instead of the folder's SQLite (database created if missing)")
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase (default 30)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients of the loaded phase (default 20)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes: 1 is what `duluan serve` runs (default); more runs uvicorn --workers")
    parser.add_argument("--no-topics", dest="topics", action="store_false",
                        help="do not make topics when there are none (by default: ingest a simulated "
                        "month, then `topics update`; 3 to 6 minutes at 1M documents)")
    parser.add_argument("--no-enrich", dest="enrich", action="store_false",
                        help="ingest without labelling (faster, less CPU taken from the server)")
    parser.add_argument("--ingest-nice", type=int, default=None, metavar="N",
                        help="the ingest's CPU niceness (setting ingest_nice); default: the workspace's "
                        "setting (10 unless changed); 0 runs it at the server's priority")
    parser.add_argument("--no-ingest", dest="ingest", action="store_false",
                        help="load without ingesting (to tell the clients' cost from the ingest's)")
    parser.add_argument("--only", choices=sorted(GOALS_MS), default=None,
                        help="send only this group's requests (e.g. search without the slow pages)")
    parser.add_argument("--posts-per-day", type=int, default=1000,
                        help="size of the simulated stream ingested under load (30 days of it)")
    args = parser.parse_args()
    root = (args.workspace or Path(f"/tmp/duluan-web-{args.documents}{'-pg' if args.database_url else ''}")).resolve()
    ws = prepare_workspace(root, args.database_url, args.documents)
    engine = ws.engine
    scratch = Path(tempfile.mkdtemp(prefix="duluan-web-bench-"))
    ensure_analysis(ws, args.topics, scratch)
    password, token, token_id = analyst_login(engine)
    streams = []
    if args.ingest:
        began = time.perf_counter()
        streams.append(simulate_posts(scratch / "sim", 30, args.posts_per_day))
        print(f"simulated {sum(1 for _ in streams[0].open()):,} posts to ingest under load in {time.perf_counter() - began:.0f} s")
    server = Server(root, args.workers, scratch / "server.log")
    ingestion = Ingestion(root, streams, args.enrich, scratch / "ingest.log", args.ingest_nice)
    try:
        openapi = server.wait_ready()
        login = httpx.post(f"{server.base}/api/v1/session", json={"username": USER, "password": password})
        login.raise_for_status()
        cookie = login.cookies[SESSION_COOKIE]
        with httpx.Client(base_url=server.base, cookies={SESSION_COOKIE: cookie}, timeout=120) as http:
            targets, notes = build_targets(http, engine, openapi)
        targets = [t for t in targets if args.only in (None, t.group)]
        for note in notes:
            print(f"note: {note}")
        before = count_documents(engine)
        print(f"{engine.dialect.name}, {before:,} documents, {len(targets)} requests in the cycle, "
              f"server workers: {args.workers}; warming up...", flush=True)
        run_phase(Phase("warm-up", 1), server.base, targets, token, cookie, 0, min_requests=len(targets))
        print("baseline...", flush=True)
        baseline = run_phase(Phase("Baseline (unloaded)", 1), server.base, targets, token, cookie, args.seconds,
                             min_requests=len(targets))
        ingestion.start()
        began = time.perf_counter()
        # The clients start once the ingest writes (after loading its models), not before.
        while args.ingest and count_documents(engine) == before and time.perf_counter() - began < 180:
            time.sleep(1)
        print(f"ingestion writing after {time.perf_counter() - began:.0f} s; loaded phase...", flush=True)
        before_load = count_documents(engine)
        nice = "the workspace's ingest_nice" if args.ingest_nice is None else f"ingest_nice {args.ingest_nice}"
        label = f"Under load (ingesting, {nice})" if args.ingest else "Under load (no ingest)"
        loaded = run_phase(Phase(label, args.clients), server.base, targets, token, cookie, args.seconds)
    finally:
        ingestion.stop()
        server.stop()
        for stream in ("sim", "topics"):  # the logs stay
            shutil.rmtree(scratch / stream, ignore_errors=True)
        revoke_api_token(engine, find_user(engine, USER), token_id)
    report(baseline, loaded, count_documents(engine) - before_load)
    print(f"(ingest log: {scratch / 'ingest.log'}; server log: {scratch / 'server.log'})")


if __name__ == "__main__":
    main()
