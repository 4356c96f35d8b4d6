"""Helpers shared by the commands: error translation, workspace options, progress, summaries."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import DuluanError, UsageError
from ..ingest import IngestSummary
from ..workspace import Workspace, find_workspace

console = Console(stderr=False, highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])


class DuluanGroup(click.Group):
    """Translates our errors at the edge: usage errors exit 2, failures exit 1, one line each."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            err_console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
            sys.exit(2)
        except DuluanError as exc:
            err_console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
            sys.exit(1)


def workspace_options(func: F) -> F:
    func = click.option(
        "--database-url", default=None, envvar="DULUAN_DATABASE_URL",
        help="Use this database instead of the workspace's SQLite file (e.g. postgresql://user@host/db).",
    )(func)
    func = click.option(
        "--workspace", "-w", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Workspace folder (default: $DULUAN_WORKSPACE, else the current directory).",
    )(func)
    return func


def open_workspace(workspace: Path | None, database_url: str | None) -> Workspace:
    return find_workspace(workspace, overrides={"database_url": database_url})


@contextmanager
def progress_bar(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A rich progress bar on stderr; the callback takes the number of items done."""
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} items"),
        TimeElapsedColumn(), console=err_console, transient=True,
        disable=not err_console.is_terminal,
    )
    with progress:
        task = progress.add_task(description, total=total)
        yield lambda done: progress.update(task, completed=done)


def print_ingest_summary(summary: IngestSummary) -> None:
    console.print(
        f"[bold]{summary.label}[/bold]: {summary.read} read — {summary.new} new, "
        f"{summary.duplicate} duplicate, {summary.near_duplicate} near-duplicate "
        f"(joined a story), {summary.rejected} rejected"
    )
    for reason, count in summary.rejects_by_reason.most_common():
        console.print(f"  rejected {count} × {reason}")
    for line in summary.reject_lines:
        console.print(f"    {line}", markup=False)


def exit_for(summaries: list[IngestSummary]) -> None:
    """0 when anything was ingested (or nothing was wrong); 1 when nothing could be."""
    if summaries and all(s.new == 0 and s.duplicate == 0 and s.rejected > 0 for s in summaries):
        err_console.print("error: nothing could be ingested; see the rejects above")
        sys.exit(1)




def parse_time(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    from ..text.dates import parse_vietnamese_date

    parsed = parse_vietnamese_date(value)
    if parsed is None:
        raise UsageError(f"cannot read {name} {value!r}; use a date such as 2026-10-01 or 01/10/2026")
    return parsed




def fixed(value: float | None, digits: int) -> str:
    """A number with `digits` decimals, or "–" where there is none (a figure withheld)."""
    return "–" if value is None else f"{value:.{digits}f}"


def concern_value(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A concern typed by id or name ("ngap nuoc"), as the analysis wants it: its id."""
    if value is None:
        return None
    from ..enrich.concerns import resolve_concern
    from ..errors import UsageError

    try:
        return resolve_concern(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from None
