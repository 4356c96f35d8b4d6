"""Commands that bring documents in: sources add|list|remove, ingest, fetch."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from ..errors import DuluanError, UsageError
from ..ingest import IngestSummary
from ..runner import (
    fetch_feeds,
    ingest_location,
    ingest_options,
    ingest_registered,
    yield_cpu_to_the_dashboard,
)
from ..sources.exports import FieldMapping
from ..sources.registry import SOURCE_KINDS
from ..store import repository as repo
from .common import (
    console,
    err_console,
    exit_for,
    open_workspace,
    print_ingest_summary,
    progress_bar,
    workspace_options,
)

KIND_HELP = "Source kind: " + ", ".join(SOURCE_KINDS) + " (guessed from the location when left out)."
MAPPING_HELP = (
    "Field mapping for jsonl/csv exports, e.g. 'text=message,time=created_at,author=user'. "
    "Fields: " + ", ".join(FieldMapping.__dataclass_fields__)
)


def _source_options(mapping: str | None, default_kind: str | None) -> dict[str, str]:
    options: dict[str, str] = {}
    if mapping:
        FieldMapping.from_spec(mapping)  # fail now, not at the first ingest
        options["mapping"] = mapping
    if default_kind:
        options["default_kind"] = default_kind
    return options


@click.group()
def sources() -> None:
    """Register, list and remove sources (feeds, pages, exports, folders)."""


@sources.command("add")
@click.argument("name")
@click.argument("kind", type=click.Choice(SOURCE_KINDS))
@click.argument("location")
@click.option("--mapping", default=None, help=MAPPING_HELP)
@click.option("--default-kind", type=click.Choice(["news", "post", "comment", "page"]), default=None,
              help="Kind of document for rows that do not say (exports: post; folders: page).")
@workspace_options
def sources_add(name: str, kind: str, location: str, mapping: str | None, default_kind: str | None,
                workspace: Path | None, database_url: str | None) -> None:
    """Register a source NAME of KIND at LOCATION (a URL, file or folder).

    \b
    Examples:
      duluan sources add vnexpress feed https://vnexpress.net/rss/thoi-su.rss
      duluan sources add fb-page jsonl export.jsonl --mapping text=message,time=created_time
      duluan sources add archive folder ./thu-muc-bai-viet
    """
    ws = open_workspace(workspace, database_url)
    if not location.startswith(("http://", "https://")):
        path = Path(location)
        if not path.exists():
            raise UsageError(f"{location} does not exist; give an existing file, folder or an http(s) URL")
        location = str(path.resolve())
    source_id = repo.add_source(ws.engine, name, kind, location, _source_options(mapping, default_kind))
    console.print(f"Added source {name} (#{source_id}, {kind}) → {location}")


@sources.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines instead of a table.")
@workspace_options
def sources_list(as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """List registered sources with their last run and last error."""
    ws = open_workspace(workspace, database_url)
    rows = repo.list_sources(ws.engine)
    if as_json:
        for r in rows:
            click.echo(json.dumps({
                "id": r.id, "name": r.name, "kind": r.kind, "location": r.location, "options": r.options,
                "last_run_at": r.last_run_at.isoformat() if r.last_run_at else None, "last_error": r.last_error,
            }, ensure_ascii=False))
        return
    table = Table("name", "kind", "location", "last run", "last error")
    for r in rows:
        table.add_row(r.name, r.kind, r.location, r.last_run_at.isoformat(timespec="seconds") if r.last_run_at else "never", r.last_error or "")
    console.print(table)


@sources.command("remove")
@click.argument("name")
@workspace_options
def sources_remove(name: str, workspace: Path | None, database_url: str | None) -> None:
    """Forget source NAME (its documents stay)."""
    ws = open_workspace(workspace, database_url)
    repo.remove_source(ws.engine, name)
    console.print(f"Removed source {name}; its documents stay in the workspace.")


@click.command()
@click.argument("locations", nargs=-1)
@click.option("--source", "-s", "names", multiple=True, help="A registered source to ingest (repeatable).")
@click.option("--all", "all_sources", is_flag=True, help="Ingest every registered source.")
@click.option("--kind", type=click.Choice(SOURCE_KINDS), default=None, help=KIND_HELP)
@click.option("--mapping", default=None, help=MAPPING_HELP)
@click.option("--default-kind", type=click.Choice(["news", "post", "comment", "page"]), default=None,
              help="Kind of document for rows that do not say.")
@click.option("--enrich/--no-enrich", default=True, show_default=True,
              help="Label new documents (models, places, keywords) in the same pass; "
              "without it, run 'duluan enrich' later.")
@workspace_options
def ingest(locations: tuple[str, ...], names: tuple[str, ...], all_sources: bool, kind: str | None,
           mapping: str | None, default_kind: str | None, enrich: bool, workspace: Path | None,
           database_url: str | None) -> None:
    """Ingest LOCATIONS (files, folders, URLs) and/or registered sources.

    Every input becomes a document or a reject with its reason; running it again
    adds nothing new. Exit code 0 when anything was ingested, 1 when nothing could be.

    \b
    Examples:
      duluan ingest posts.jsonl --mapping text=message,time=created_at
      duluan ingest bai-bao/ --kind folder
      duluan ingest --source vnexpress
    """
    if not (locations or names or all_sources):
        raise UsageError("nothing to ingest: give files/folders/URLs, --source NAME, or --all")
    ws = open_workspace(workspace, database_url)
    yield_cpu_to_the_dashboard(ws)
    if all_sources:
        names = tuple(r.name for r in repo.list_sources(ws.engine))
    summaries: list[IngestSummary] = []
    failures = 0
    extra = _source_options(mapping, default_kind)
    jobs = [("location", loc) for loc in locations] + [("source", n) for n in names]
    for what, target in jobs:
        with progress_bar(f"{what} {target}") as tick:
            options = ingest_options(ws, progress=tick)
            options.enrich = enrich
            try:
                if what == "location":
                    summary = ingest_location(ws, target, kind, extra, options)
                else:
                    summary = ingest_registered(ws, target, options)
            except UsageError:
                raise
            except DuluanError as exc:
                failures += 1
                err_console.print(f"error: {target}: {exc}")
                continue
        summaries.append(summary)
        print_ingest_summary(summary)
    if failures == len(jobs):
        raise click.exceptions.Exit(1)
    exit_for(summaries)


@click.command()
@click.option("--source", "-s", "names", multiple=True, help="Only these feed sources (repeatable).")
@workspace_options
def fetch(names: tuple[str, ...], workspace: Path | None, database_url: str | None) -> None:
    """Poll every registered feed once, politely.

    Conditional GET (ETag / Last-Modified), robots.txt, a per-host pause between
    requests (setting fetch_min_interval_seconds) and a clear User-Agent.
    """
    ws = open_workspace(workspace, database_url)
    yield_cpu_to_the_dashboard(ws)
    with progress_bar("fetching feeds") as tick:
        results = fetch_feeds(ws, ingest_options(ws, progress=tick), list(names) or None)
    if not results:
        console.print("No feed sources registered; add one with 'duluan sources add NAME feed URL'.")
        return
    summaries = []
    for name, outcome in results:
        if isinstance(outcome, IngestSummary):
            summaries.append(outcome)
            print_ingest_summary(outcome)
        else:
            err_console.print(f"error: {name}: {outcome}")
    if not summaries:
        raise click.exceptions.Exit(1)
    exit_for(summaries)


def register(main: click.Group) -> None:
    main.add_command(sources)
    main.add_command(ingest)
    main.add_command(fetch)
