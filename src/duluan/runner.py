"""Wiring shared by the CLI and the demo: build sources, run ingests, poll feeds."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from .analysis.stories import MinHasher
from .errors import DuluanError, SourceError, UsageError
from .ingest import IngestOptions, IngestSummary, ingest
from .prepare import PrepareOptions
from .sources.feeds import FeedSource
from .sources.http import FetchSettings, FetchState, PoliteFetcher
from .sources.registry import SOURCE_KINDS, make_source
from .store import repository as repo
from .workspace import Workspace

_KIND_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".xml": "feed", ".rss": "feed",
    ".atom": "feed", ".html": "page", ".htm": "page",
}


def guess_kind(location: str) -> str:
    """The source kind a location most likely is; says how to choose when unsure."""
    if location.startswith(("http://", "https://")):
        lowered = location.lower()
        return "feed" if any(m in lowered for m in ("rss", "feed", "atom", ".xml")) else "page"
    path = Path(location)
    if path.is_dir():
        return "folder"
    kind = _KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        raise UsageError(
            f"cannot tell what kind of source {location!r} is; pass --kind with one of: "
            + ", ".join(SOURCE_KINDS)
        )
    return kind


def fetcher_for(workspace: Workspace) -> PoliteFetcher:
    settings = workspace.settings
    fetch_settings = FetchSettings(
        timeout=float(settings["fetch_timeout_seconds"]),
        min_interval=float(settings["fetch_min_interval_seconds"]),
        max_bytes=int(settings["fetch_max_bytes"]),
    )
    if settings["user_agent"]:
        fetch_settings.user_agent = str(settings["user_agent"])
    return PoliteFetcher(settings=fetch_settings)


def yield_cpu_to_the_dashboard(workspace: Workspace) -> int:
    """Lower this process's CPU priority to the `ingest_nice` setting; the niceness now.

    Ingestion and enrichment are batch work: on a machine that also serves the
    dashboard, they should take the CPU only when the people reading it do not need it
    (benchmarks/RESULTS.md, "Web dashboard": pages wait twice as long beside an ingest at
    the same priority). Alone on a machine, a niced process runs as fast as any other.
    Worker processes inherit it. Never raises priority, and does nothing where the
    platform has no niceness.
    """
    wanted = int(workspace.settings["ingest_nice"])
    if not hasattr(os, "getpriority"):
        return 0
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if wanted > current:
        os.setpriority(os.PRIO_PROCESS, 0, min(wanted, 19))
    return os.getpriority(os.PRIO_PROCESS, 0)


def ingest_options(
    workspace: Workspace, now: datetime | None = None, progress: Callable[[int], None] | None = None
) -> IngestOptions:
    s = workspace.settings
    prepare = PrepareOptions(
        secret=workspace.secret,
        now=now or datetime.now(UTC),
        timezone=str(s["timezone"]),
        max_chars=int(s["max_document_chars"]),
        min_chars=int(s["min_document_chars"]),
        future_tolerance=timedelta(minutes=int(s["future_tolerance_minutes"])),
    )
    return IngestOptions(
        prepare=prepare,
        batch_size=int(s["batch_size"]),
        near_duplicate_threshold=float(s["near_duplicate_threshold"]),
        social_near_duplicate_threshold=float(s["social_near_duplicate_threshold"]),
        hasher=MinHasher(permutations=int(s["minhash_permutations"]), bands=int(s["lsh_bands"])),
        progress=progress,
        workers=int(s["ingest_workers"]) or max(1, min(2, os.cpu_count() or 1)),
    )


def ingest_location(
    workspace: Workspace, location: str, kind: str | None, source_options: dict[str, Any],
    options: IngestOptions,
) -> IngestSummary:
    """Ingest a file, folder or URL that is not registered as a source."""
    kind = kind or guess_kind(location)
    extra: dict[str, Any] = {}
    if location.startswith(("http://", "https://")):
        extra["fetcher"] = fetcher_for(workspace)
    source = make_source(kind, location, {**source_options, **extra})
    return ingest(workspace.engine, source, options, label=f"{kind} {location}")


def ingest_registered(workspace: Workspace, name: str, options: IngestOptions) -> IngestSummary:
    """Ingest a registered source, remembering feed validators and the last error."""
    row = repo.get_source(workspace.engine, name)
    extra: dict[str, Any] = {}
    if row.location.startswith(("http://", "https://")):
        extra["fetcher"] = fetcher_for(workspace)
    if row.kind == "feed":
        extra["state"] = FetchState(**{k: v for k, v in row.fetch_state.items() if k != "last_fetched"})
    source = make_source(row.kind, row.location, {**row.options, **extra})
    try:
        summary = ingest(workspace.engine, source, options, label=f"source {name}", source_id=row.id)
    except SourceError as exc:
        repo.record_source_run(workspace.engine, row.id, None, str(exc))
        raise
    new_state = None
    if isinstance(source, FeedSource) and source.new_state is not None:
        new_state = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(source.new_state).items()}
    repo.record_source_run(workspace.engine, row.id, new_state, None)
    return summary


def fetch_feeds(
    workspace: Workspace, options: IngestOptions, names: list[str] | None = None
) -> list[tuple[str, IngestSummary | DuluanError]]:
    """Poll every registered feed once (or the named ones); one failure never stops the rest."""
    rows = [r for r in repo.list_sources(workspace.engine) if r.kind == "feed"]
    if names:
        unknown = set(names) - {r.name for r in rows}
        if unknown:
            raise UsageError(f"no feed source named {', '.join(sorted(unknown))}; see 'duluan sources list'")
        rows = [r for r in rows if r.name in names]
    results: list[tuple[str, IngestSummary | DuluanError]] = []
    for row in rows:
        try:
            results.append((row.name, ingest_registered(workspace, row.name, options)))
        except SourceError as exc:
            results.append((row.name, exc))
    return results
