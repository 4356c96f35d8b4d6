"""`duluan topics`: what people talk about in a time range, and one topic in detail."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from rich.markup import escape
from rich.table import Table

from ..text.shorten import shorten
from .common import console, err_console, open_workspace, progress_bar, workspace_options


def _growth(summary: Any) -> str:
    if not summary.compared:
        return "—"
    if summary.is_new:
        return "new"
    if summary.growth is None:
        return "—" if summary.documents is not None and summary.previous_documents is not None else f"< {summary.k_anonymity}"
    return f"{summary.growth:+.0%}"


def _shown(value: int | None, k: int) -> str:
    return f"< {k}" if value is None else str(value)


def _mix(summary: Any) -> str:
    k = summary.k_anonymity
    return " / ".join(_shown(summary.sentiment.get(s), k) for s in ("negative", "neutral", "positive"))


def _short_place(name: str) -> str:
    """"Thành phố Hồ Chí Minh" → "TP Hồ Chí Minh", "Tỉnh Nghệ An" → "Nghệ An": tables are narrow."""
    for prefix, short in (("Thành phố ", "TP "), ("Tỉnh ", "")):
        if name.startswith(prefix):
            return short + name[len(prefix):]
    return name


def _concern(code: str) -> str:
    """A concern by its Vietnamese name, as alerts and the dashboard show it."""
    from ..analysis.alerts import CONCERN_NAMES

    return CONCERN_NAMES.get(code, code)


def _cut(text: str, size: int = 80) -> str:
    return shorten(text, size)


def _print_table(summaries: list[Any], start: Any, end: Any) -> None:
    table = Table("id", "topic", "stories", "docs", "growth", "− / = / +", "places", "concerns",
                  title=f"Topics {start} → {end}", title_justify="left")
    for s in summaries:
        k = s.k_anonymity
        label = f"[bold]{escape(s.label)}[/bold]"
        if s.headline and s.headline != s.label:
            label += f"\n[dim]{escape(_cut(s.headline))}[/dim]"
        table.add_row(
            str(s.id), label, _shown(s.stories, k), _shown(s.documents, k), _growth(s), _mix(s),
            "\n".join(f"{_short_place(p.name)} {_shown(p.documents, k)}" for p in s.places),
            "\n".join(f"{_concern(c)} {_shown(n, k)}" for c, n in s.concerns),
        )
    console.print(table)
    console.print("[dim]growth: documents against the range of equal length before "
                  "(— when the workspace did not collect that range); "
                  "− / = / +: negative, neutral, positive documents[/dim]")


def _print_detail(detail: Any, zone: ZoneInfo, over: str) -> None:
    """One topic, its times on the workspace's clock; `over`: the range its figures count."""
    s = detail.summary
    k = s.k_anonymity

    def local(moment: datetime, fmt: str = "%Y-%m-%d %H:%M") -> str:
        return moment.astimezone(zone).strftime(fmt)

    console.print(f"[bold]Topic {s.id}[/bold] ({s.status}): {s.label}")
    if s.headline:
        console.print(f"  headline: {s.headline}", markup=False)
    console.print(f"  keywords: {', '.join(s.keywords)}", markup=False)
    console.print(f"  first story {local(s.born_at, '%Y-%m-%d')}, last story {local(s.last_seen_at, '%Y-%m-%d')}; "
                  f"{over}: {_shown(s.stories, k)} stories, {_shown(s.documents, k)} documents"
                  + (f", growth {_growth(s)}" if s.compared else ""))
    console.print(f"  sentiment (− / = / +): {_mix(s)}")
    if s.places:
        console.print("  places: " + ", ".join(f"{p.name} {_shown(p.documents, k)}" for p in s.places))
    if s.concerns:
        console.print("  concerns: " + ", ".join(f"{_concern(c)} {_shown(n, k)}" for c, n in s.concerns))
    if detail.split_from is not None:
        at = next((e.at for e in detail.events if e.kind == "split"), None)
        console.print(f"  split from topic {detail.split_from}" + (f" on {local(at, '%Y-%m-%d')}" if at else ""))
    if detail.split_off:
        console.print("  topics split off: " + ", ".join(map(str, detail.split_off)))
    if detail.merged_from:
        console.print("  absorbed topics: " + ", ".join(map(str, detail.merged_from)))
    if detail.events:
        table = Table(f"when ({zone.key})", "event", "other topic", title="History", title_justify="left")
        for e in detail.events:
            table.add_row(local(e.at), e.kind.replace("_", " "),
                          "" if e.other_topic_id is None else str(e.other_topic_id))
        console.print(table)
    if detail.evidence:
        table = Table("story", "kind", "published", "copies", "text", title="Evidence (nearest the centre)", title_justify="left")
        for e in detail.evidence:
            table.add_row(str(e.story_id), e.kind, local(e.published_at, "%Y-%m-%d"), str(e.documents),
                          (f"{e.title} — " if e.title else "") + e.snippet)
        console.print(table)


@click.command()
@click.option("--from", "start", default=None, help="First day, YYYY-MM-DD (local time).")
@click.option("--to", "end", default=None, help="Last day, YYYY-MM-DD (default today).")
@click.option("--days", type=int, default=None, help="The last N days up to --to (default 7).")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Topics to list.")
@click.option("--id", "topic_id", type=int, default=None, help="Show one topic: history and evidence.")
@click.option("--update/--no-update", default=True, show_default=True,
              help="First assign the stories that have no topic yet (incremental, usually quick).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@workspace_options
def topics(start: str | None, end: str | None, days: int | None, limit: int, topic_id: int | None,
           update: bool, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """What people talk about: topics of stories in a time range, largest first.

    Each topic shows a label (its keywords), a headline, its stories and documents in the
    range, growth against the range of equal length before, the sentiment mix, the
    provinces and the citizen concerns it names. Topics keep their ids as they grow; a
    topic that merged into another says which, and one that split off another says
    where it came from. Figures resting on posts from fewer than k distinct authors
    (setting k_anonymity) show as "< k".

    \b
    Examples:
      duluan topics                       # the last 7 days
      duluan topics --days 1 --limit 20   # today
      duluan topics --from 2026-11-01 --to 2026-11-07 --json
      duluan topics --id 12               # one topic, its history and evidence
    """
    from ..analysis.periods import make_period
    from ..analysis.topics import TopicOptions, topic_detail, topic_summaries, update_topics

    ws = open_workspace(workspace, database_url)
    tz = str(ws.settings["timezone"])
    k = int(ws.settings["k_anonymity"])
    if start is None and days is None and topic_id is None:
        days = 7
    period = make_period(tz, start, end, days) if (start or end or days) else None
    if update:
        with progress_bar("topics") as tick:
            summary = update_topics(ws.engine, TopicOptions.from_settings(ws.settings), progress=tick)
        if summary.stories:
            born = summary.events.get("born", 0)
            err_console.print(f"Assigned {summary.assigned + summary.attached} new stories in {summary.seconds:.1f} s "
                              f"({born} topics born, {summary.events.get('merged', 0)} merged, "
                              f"{summary.events.get('split', 0)} split).")
    if topic_id is not None:
        detail = topic_detail(ws.engine, topic_id, period.start if period else None, period.end if period else None,
                              tz, k_anonymity=k)
        if as_json:
            click.echo(json.dumps(detail.as_dict(), ensure_ascii=False, indent=2, default=str))
        else:
            over = f"{period.start} to {period.end}" if period else "all time"
            _print_detail(detail, ZoneInfo(tz), over)
        return
    assert period is not None
    found = topic_summaries(ws.engine, period.start, period.end, tz, limit, k_anonymity=k)
    if as_json:
        click.echo(json.dumps({"from": period.start.isoformat(), "to": period.end.isoformat(),
                               "k_anonymity": k, "topics": [s.as_dict() for s in found]},
                              ensure_ascii=False, indent=2))
        return
    if not found:
        from ..analysis.topic_report import data_range

        known = data_range(ws.engine)
        where = (f"; topics cover {known[0]:%Y-%m-%d} to {known[1]:%Y-%m-%d}" if known
                 else "; no story has a topic yet (run without --no-update)")
        console.print(f"No topics between {period.start} and {period.end}{where}.")
        return
    _print_table(found, period.start, period.end)


def register(main: click.Group) -> None:
    main.add_command(topics)
