"""Commands over whole data sets: simulate, demo, export, status."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from rich.markup import escape
from rich.table import Table

from ..export import EXPORT_FORMATS, ExportOptions, export_documents
from ..records import DOCUMENT_KINDS
from ..summary import WorkspaceSummary, summarise
from .common import (
    console,
    err_console,
    fixed,
    open_workspace,
    parse_time,
    print_ingest_summary,
    workspace_options,
)


def print_workspace_summary(s: WorkspaceSummary) -> None:
    console.print(
        f"\n[bold]Workspace[/bold]: {s.documents} documents in {s.stories} stories "
        f"({s.multi_document_stories} stories gather several copies), {s.rejects} rejects"
    )
    if s.first_published and s.last_published:
        console.print(f"Published between {s.first_published:%Y-%m-%d} and {s.last_published:%Y-%m-%d}")
    table = Table("kind", "documents", title="Documents by kind")
    for kind, n in sorted(s.by_kind.items(), key=lambda kv: -kv[1]):
        table.add_row(kind, str(n))
    console.print(table)
    table = Table("source", "documents", title="Documents by source")
    for name, n in sorted(s.by_source.items(), key=lambda kv: -kv[1]):
        table.add_row(name, str(n))
    console.print(table)
    if s.rejects_by_reason:
        table = Table("reason", "rejects", title="Rejects by reason")
        for reason, n in sorted(s.rejects_by_reason.items(), key=lambda kv: -kv[1]):
            table.add_row(reason, str(n))
        console.print(table)
    table = Table("day", "documents", title="Busiest days")
    for day, n in s.busiest_days:
        table.add_row(day.isoformat(), str(n))
    console.print(table)
    table = Table("story", "copies", title="Largest stories")
    for title, size in s.largest_stories:
        # A story's title may hold line breaks (a notice's first lines) and brackets,
        # which rich would read as markup: one line, escaped.
        table.add_row(escape(" ".join(title.split())[:90]), str(size))
    console.print(table)
    if s.enriched:
        console.print(f"\n[bold]Labels[/bold] on {s.enriched} documents; {s.complaints} read as citizen complaints")
        from ..enrich.concerns import CONCERNS
        from ..enrich.pipeline import CATEGORY_NAMES

        concern_names = {c.id: c.name_vi for c in CONCERNS}
        for name, counts in s.labels.items():
            if name == "category":
                counts = {CATEGORY_NAMES.get(k or "", k): v for k, v in counts.items()}
            elif name == "concern (complaints)":  # the names the alerts and the dashboard use
                counts = {concern_names.get(k or "", k): v for k, v in counts.items()}
            total = sum(counts.values()) or 1
            shown = ", ".join(
                f"{label or '—'} {n} ({100 * n / total:.0f}%)"
                for label, n in sorted(counts.items(), key=lambda kv: -kv[1])[:8]
            )
            scope = " (posts and comments)" if name in ("sentiment", "toxicity") else ""
            console.print(f"  {name}{scope}: {shown}")
        if s.top_provinces:
            console.print("  most named provinces: " + ", ".join(f"{name} {n}" for name, n in s.top_provinces))


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--days", type=click.IntRange(1, 3650), default=30, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True, help="Same seed, same files.")
@click.option(
    "--event-scale", type=click.FloatRange(0.1, 20), default=1.0, show_default=True,
    help="Multiply the planted events' extra posts (1 = a ward flood of about 15 extra posts a day over 5).",
)
def simulate(out_dir: Path, days: int, seed: int, event_scale: float) -> None:
    """Write a simulated Vietnamese stream with its ground truth into OUT_DIR.

    news.xml (RSS), posts.jsonl (posts and comments), legacy/ (legacy-encoded texts)
    and truth.json (stories, places, concerns and the planted events).
    """
    # Imported here: the simulator's templates are large and most commands never need them.
    from ..simulate import SimulationOptions
    from ..simulate import simulate as run_simulation

    result = run_simulation(SimulationOptions(seed=seed, days=days, event_scale=event_scale), out_dir)
    for name, count in sorted(result.counts.items()):
        console.print(f"  {name}: {count}")
    console.print(f"Wrote {out_dir} ({len(result.events)} planted events; ground truth in truth.json)")


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--days", type=click.IntRange(1, 365), default=30, show_default=True)
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--no-serve", is_flag=True, help="Stop after the summary instead of serving the dashboard.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port of the dashboard on 127.0.0.1.")
def demo(directory: Path | None, days: int, seed: int, no_serve: bool, port: int) -> None:
    """The main job: simulate a month of Vietnamese news and posts, ingest, analyse, serve.

    Creates a workspace in DIRECTORY (default: a new temporary folder) on the embedded
    SQLite store, prints what came in, the top topics, the alerts and one case carried
    through, then serves the dashboard on http://127.0.0.1:PORT and prints a one-time
    login link. Nothing to install or start; --no-serve stops after the summary.
    """
    from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

    from ..demo import DemoOptions, run_demo

    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} items"),
                  TimeElapsedColumn(), console=err_console, transient=True,
                  disable=not err_console.is_terminal) as progress:
        tasks: dict[str, TaskID] = {}

        def tick(stage: str, done: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(f"ingest {stage}", total=None)
            progress.update(tasks[stage], completed=done)

        result = run_demo(DemoOptions(directory=directory, days=days, seed=seed, progress=tick))
    console.print(f"Simulated {days} days into {result.simulation.out_dir}")
    for summary in result.ingests:
        print_ingest_summary(summary)
    assert result.summary is not None
    print_workspace_summary(result.summary)
    if result.analysis is not None:
        print_demo_analysis(result.analysis, result.workspace.root, str(result.workspace.settings["timezone"]))
    console.print(f"\nDone in {result.seconds:.1f} s. Workspace: {result.workspace.root}")
    console.print(f"Try: duluan --help, or duluan export out.csv --format csv -w {result.workspace.root}")
    if not no_serve:
        from ..web.state import WebOptions
        from .serve import serve_workspace

        serve_workspace(result.workspace, WebOptions.from_settings(result.workspace.settings, port=port))


# The demo's summary fits a terminal; the rest is one command away.
DEMO_ALERTS_SHOWN = 8


def print_demo_analysis(analysis: Any, root: Path, timezone: str = "Asia/Ho_Chi_Minh") -> None:
    """Topics, alerts and the case the demo carried through."""
    from rich.table import Table

    if analysis.topics:
        heading = "Top topics"
        if analysis.topics_period is not None:
            first, last = analysis.topics_period
            days = (last - first).days + 1
            heading = (f"Top topics by documents, {first:%d/%m}–{last:%d/%m} (growth: documents "
                       f"against the {days} days before)")
        table = Table("topic", "label", "documents", "stories", "growth", title=heading)
        for topic in analysis.topics:
            growth = "new" if getattr(topic, "is_new", False) else (
                "" if topic.growth is None else f"{topic.growth:+.0%}")
            documents = f"< {topic.k_anonymity}" if topic.documents is None else str(topic.documents)
            table.add_row(str(topic.id), topic.label, documents, str(topic.n_stories), growth)
        console.print(table)
    elif analysis.topics_note:
        console.print(analysis.topics_note)
    run = analysis.alert_run
    if run is not None:
        console.print(f"\nAlerts: scanned {run.series} series over {run.tested_days} days; {run.new} raised")
        shown = analysis.alerts[:DEMO_ALERTS_SHOWN]
        title = None
        if len(analysis.alerts) > len(shown):
            title = f"the {len(shown)} latest of {len(analysis.alerts)}; all: duluan alerts list -w {root}"
        table = Table("id", "what — where", "days", "observed", "expected", "score / threshold", title=title)
        for alert in shown:
            table.add_row(str(alert.id), alert.what, f"{alert.started_on:%d/%m}–{alert.last_on:%d/%m}",
                          str(alert.observed), fixed(alert.expected, 1), f"{fixed(alert.score, 1)} / {alert.threshold:.1f}")
        console.print(table)
    if analysis.case_id is not None:
        console.print(f"\nCase {analysis.case_id}, replayed on the month's clock (local time):")
        from ..analysis.cases import describe_event

        for event in analysis.case_timeline:
            at = datetime.fromisoformat(event["at"]).astimezone(ZoneInfo(timezone))
            said = [part for part in (describe_event(event), event["note"]) if part]
            console.print(f"  {at:%d/%m %H:%M} {event['actor']}: {event['action']}"
                          + (f" — {'; '.join(said)}" if said else ""), markup=False)
        if analysis.impact is not None:
            impact = analysis.impact
            line = f"  after the answer: {impact.verdict} (normal {impact.normal_per_day}/day, surge {impact.surge_per_day}/day"
            if impact.after is not None:
                line += f"; after: {impact.after_observed} observed vs {fixed(impact.after_expected, 2)} expected at the normal level"
            console.print(line + ")")
        elif analysis.impact_note:
            console.print(f"  after the answer: {analysis.impact_note}")
        console.print(f"  see: duluan cases show {analysis.case_id} -w {root}")


@click.command()
@workspace_options
def status(workspace: Path | None, database_url: str | None) -> None:
    """Summarise what the workspace holds."""
    ws = open_workspace(workspace, database_url)
    print_workspace_summary(summarise(ws.engine, str(ws.settings["timezone"])))


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None,
              help="Output format (default: from the file suffix).")
@click.option("--since", default=None, help="Published at or after this date/time.")
@click.option("--until", default=None, help="Published before this date/time.")
@click.option("--kind", "kinds", type=click.Choice(DOCUMENT_KINDS), multiple=True, help="Only these kinds (repeatable).")
@workspace_options
def export(path: Path, fmt: str | None, since: str | None, until: str | None, kinds: tuple[str, ...],
           workspace: Path | None, database_url: str | None) -> None:
    """Export documents to PATH as CSV, JSON Lines or Parquet (the authors of posts and
    comments are never exported; a news article's byline is). For a filtered export with
    labels (concern, place, topic, words…), use `duluan search … --export FILE`."""
    fmt = fmt or {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}.get(path.suffix.lower())
    if fmt is None:
        raise click.UsageError("cannot tell the format from the file name; pass --format csv|jsonl|parquet")
    ws = open_workspace(workspace, database_url)
    options = ExportOptions(path=path, format=fmt, since=parse_time(since, "--since"),
                            until=parse_time(until, "--until"), kinds=kinds)
    count = export_documents(ws.engine, options)
    console.print(f"Wrote {count} documents to {path} ({fmt})")


def register(main: click.Group) -> None:
    for command in (simulate, demo, status, export):
        main.add_command(command)
