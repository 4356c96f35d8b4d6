"""`duluan label` (any JSON Lines, no workspace) and `duluan enrich` (stored documents)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from ..records import DOCUMENT_KINDS
from ..store import repository as repo
from .common import console, open_workspace, progress_bar, workspace_options
from .text import _records

BATCH = 256


@click.command()
@click.argument("texts", nargs=-1)
@click.option("--input", "-i", "source", type=click.File("r", encoding="utf-8"), default=None,
              help="Read from this file instead of standard input (plain lines or JSON Lines).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=BATCH, show_default=True)
def label(texts: tuple[str, ...], source: TextIO | None, batch_size: int) -> None:
    """Label texts with every model: category, sentiment, toxicity, complaint, concern,
    keywords and places. Streams JSON Lines in and out; needs no workspace.

    A JSON record's "kind", when it is one of news, page, post or comment, is read as at
    ingestion: news articles and web pages get no sentiment and no toxicity (the models
    learned them from comments, posts and reviews). Without a kind, every label is given.

    \b
    Examples:
      duluan label "Đường ngập nước ba ngày nay không ai xử lý"
      duluan label -i binh-luan.jsonl > co-nhan.jsonl
      cat posts.jsonl | duluan label | jq .labels.concern
    """
    from ..config import SETTINGS_BY_NAME
    from ..enrich.pipeline import enrich_texts
    from ..errors import UsageError
    from ..text.normalize import normalize_text

    shortest = int(SETTINGS_BY_NAME["min_document_chars"].default)
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        texts = [normalize_text(r["text"]) for r in batch]
        # Too short to mean anything (ingestion rejects them): said, not labelled.
        kept = [i for i, text in enumerate(texts) if len(text.strip()) >= shortest]
        kinds = [batch[i].get("kind") if batch[i].get("kind") in DOCUMENT_KINDS else None for i in kept]
        found = dict(zip(kept, enrich_texts([texts[i] for i in kept], kinds), strict=True))
        for i, record in enumerate(batch):
            if i in found:
                record["labels"] = found[i].as_dict()
            else:
                record["labels"] = None
                record["skipped"] = f"text shorter than {shortest} characters"
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        batch.clear()

    try:
        for record, _ in _records(texts, source):
            batch.append(record)
            if len(batch) >= batch_size:
                flush()
    except UsageError:
        # A bad line stops the run, but the lines before it are labelled and written first.
        if batch:
            flush()
        raise
    if batch:
        flush()


@click.command()
@click.option("--all", "redo", is_flag=True, help="Re-enrich every document, not only new or stale ones.")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=500, show_default=True)
@workspace_options
def enrich(redo: bool, batch_size: int, workspace: Path | None, database_url: str | None) -> None:
    """Label stored documents that have no labels yet, or labels from other models.

    Run it after the shipped models change. Each batch is committed, so stopping and
    running it again carries on where it stopped.
    """
    from ..enrich.pipeline import enrich_texts, model_version
    from ..ingest import enrichment_input
    from ..records import Document
    from ..runner import yield_cpu_to_the_dashboard

    ws = open_workspace(workspace, database_url)
    yield_cpu_to_the_dashboard(ws)
    version = model_version()
    done, last_id = 0, 0
    with progress_bar("enriching") as tick:
        while True:
            with ws.engine.connect() as conn:
                todo = repo.documents_to_enrich(conn, version, last_id, batch_size, redo)
            if not todo:
                break
            inputs = [
                enrichment_input(Document(kind=kind, text=text, title=title, content_hash="", origin="",
                                          published_at=repo.utcnow(), fetched_at=repo.utcnow()))
                for _, title, text, kind in todo
            ]
            kinds = [kind for *_, kind in todo]
            rows, places = [], []
            for (doc_id, *_), found in zip(todo, enrich_texts(inputs, kinds), strict=True):
                row, mentions = repo.enrichment_rows(doc_id, found, version)
                rows.append(row)
                places.extend(mentions)
            with ws.engine.begin() as conn:
                repo.replace_enrichments(conn, rows, places)
            done += len(todo)
            last_id = todo[-1][0]
            tick(done)
    console.print(f"Enriched {done} documents with models {version}.")


def register(main: click.Group) -> None:
    main.add_command(label)
    main.add_command(enrich)
