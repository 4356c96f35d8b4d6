"""`duluan search` and `duluan reindex-search`: full-text search from the shell."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from rich.table import Table
from rich.text import Text

from ..errors import UsageError
from .analysis import period_options
from .common import concern_value, console, open_workspace, progress_bar, workspace_options


def _export_format(path: Path) -> str:
    from ..search.export import EXPORT_FORMATS

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"cannot tell the export format of {path.name!r}; name it *.csv or *.jsonl")
    return fmt


@click.command()
@click.argument("words", nargs=-1)
@click.option("--kind", "kinds", multiple=True, help="Document kind: news, page, post, comment (repeat for several).")
@click.option("--source-kind", "source_kinds", multiple=True, help="Source kind: feed, page, jsonl, csv, folder.")
@click.option("--concern", default=None, callback=concern_value,
              help="A concern by id or name, marks optional: flooding, 'ngập nước', 'ngap'.")
@click.option("--category", default=None, help="A news category (e.g. 'Pháp luật' or 'Phap luat').")
@click.option("--sentiment", default=None, help="negative, neutral or positive.")
@click.option("--complaints", is_flag=True, help="Only texts read as citizen complaints.")
@click.option("--place", default=None, help="Province or ward, by name or code; old names resolve to new units.")
@click.option("--topic", "topic_id", type=int, default=None, help="A topic id from `duluan topics`.")
@period_options
@click.option("--sort", type=click.Choice(["newest", "relevance"]), default="newest", show_default=True,
              help="Newest first, or best match first.")
@click.option("--limit", type=int, default=20, show_default=True, help="Hits per page, 1 to 200.")
@click.option("--cursor", default=None, help="Show the page after this one (printed under each page).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--export", "export_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every match (full text) to FILE.csv or FILE.jsonl instead of a page.")
@click.option("--max-rows", type=click.IntRange(0), default=100_000, show_default=True,
              help="At most this many rows in an --export.")
@workspace_options
def search(words: tuple[str, ...], kinds: tuple[str, ...], source_kinds: tuple[str, ...], concern: str | None,
           category: str | None, sentiment: str | None, complaints: bool, place: str | None,
           topic_id: int | None, start: str | None, end: str | None, days: int | None, sort: str, limit: int,
           cursor: str | None, as_json: bool, export_path: Path | None, max_rows: int,
           workspace: Path | None, database_url: str | None) -> None:
    """Find documents by their words, with or without diacritics; teencode is understood.

    All words are required; "quoted words" must stand together; a word ending in * matches
    every word it begins. Without words, lists the documents the filters allow, newest
    first. Author fields are never shown or exported.

    \b
    Examples:
      duluan search ngap nuoc thu duc
      duluan search "ko co dien" --place "TP.HCM" --days 7
      duluan search '"bức xúc"' rac* --kind post --kind comment --json
      duluan search --concern flooding --from 2026-10-01 --export ngap.csv
    """
    from ..analysis.periods import make_period
    from ..analysis.places import resolve_place_filter
    from ..search import SearchQuery, export_documents, search_documents

    ws = open_workspace(workspace, database_url)
    timezone = str(ws.settings["timezone"])
    low = high = None
    if start or end or days:
        low, high = make_period(timezone, start, end, days).utc_bounds()
    province: str | None = None
    wards: tuple[str, ...] = ()
    if place:
        found = resolve_place_filter(place)
        province, wards = (found.codes[0], ()) if found.level == "province" else (None, found.codes)
    query = SearchQuery(
        text=" ".join(words), start=low, end=high, kinds=kinds, source_kinds=source_kinds, concern=concern,
        category=category, sentiment=sentiment, complaint_only=complaints, province_code=province,
        ward_codes=wards, topic_id=topic_id, limit=limit, cursor=cursor, sort=sort,
    )
    if export_path is not None:
        fmt = _export_format(export_path)
        with export_path.open("w", encoding="utf-8", newline="") as handle:
            written = export_documents(ws.engine, query, fmt, handle, max_rows=max_rows)
        console.print(f"Wrote {written} documents to {export_path}", markup=False)
        return
    page = search_documents(ws.engine, query)
    if as_json:
        click.echo(json.dumps({
            "terms": page.terms, "next_cursor": page.next_cursor,
            "hits": [_hit_json(hit) for hit in page.hits],
        }, ensure_ascii=False, indent=2))
        return
    zone = ZoneInfo(timezone)
    table = Table("id", "time", "kind", "source", "text", title=f"Search: {' '.join(page.terms) or 'all documents'}")
    for hit in page.hits:
        body = Text()
        if hit.title:
            body.append(hit.title + "\n", style="bold")
        body.append(hit.snippet)
        table.add_row(str(hit.document_id), f"{hit.published_at.astimezone(zone):%d/%m/%Y %H:%M}", hit.kind,
                      Text(hit.source or ""), body)
    console.print(table if page.hits else "No documents match.")
    if page.next_cursor:
        console.print(f"More: add --cursor {page.next_cursor}", markup=False)


def _hit_json(hit: Any) -> dict[str, Any]:
    data = dict(vars(hit))
    data["published_at"] = hit.published_at.isoformat()
    return data


@click.command("reindex-search")
@workspace_options
def reindex_search(workspace: Path | None, database_url: str | None) -> None:
    """Rebuild the search index from the stored documents.

    Needed only for a workspace whose index is out of step (documents written by other
    tools, or an upgrade that changes how text is normalised). Run it while nothing is
    ingesting: the ingest waits for it.
    """
    from ..search import reindex

    ws = open_workspace(workspace, database_url)
    with progress_bar("indexing") as tick:
        done = reindex(ws.engine, progress=tick)
    console.print(f"Indexed {done} documents for search.")


def register(main: click.Group) -> None:
    main.add_command(search)
    main.add_command(reindex_search)
