"""`duluan trends`, `duluan alerts …` and `duluan cases …`: the analysis layer from the shell."""

from __future__ import annotations

import getpass
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click
from rich.table import Table

from ..workspace import Workspace
from .common import concern_value, console, fixed, open_workspace, workspace_options


def _local(moment: str, zone: ZoneInfo) -> str:
    """An ISO time from the store on the desk's clock: the days of an alert are local days."""
    return f"{datetime.fromisoformat(moment).astimezone(zone):%Y-%m-%d %H:%M}"


def _span(test: dict[str, Any] | None) -> str:
    """The days a flagged day's p-value sums: "1 day", "3 days: 61 / 38.2"."""
    if not test or test.get("span") is None:
        return "–" if test else ""
    if test["span"] == 1:
        return "1 day"
    if test.get("span_observed") is None:
        return f"{test['span']} days: hidden"
    return f"{test['span']} days: {test['span_observed']:g} / {test['span_expected']:.1f}"


def _json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def period_options(func: Any) -> Any:
    func = click.option("--days", type=int, default=None, help="The last N days up to --to (default 30).")(func)
    func = click.option("--to", "end", default=None, help="Last day, YYYY-MM-DD (default today).")(func)
    func = click.option("--from", "start", default=None, help="First day, YYYY-MM-DD.")(func)
    return func


def _period(ws: Workspace, start: str | None, end: str | None, days: int | None) -> Any:
    from ..analysis.periods import make_period

    return make_period(str(ws.settings["timezone"]), start, end, days)


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


actor_option = click.option("--by", "actor", default=_default_actor, show_default="your user name",
                            help="Who makes the change, for the audit trail.")


# ---------------------------------------------------------------------------- trends


@click.command()
@click.option("--concern", default=None, callback=concern_value, help="A concern by id or name, marks optional: flooding, 'ngập nước', 'ngap'.")
@click.option("--place", default=None, help="Province or ward, by name or code; old names resolve to new units.")
@click.option("--category", default=None, help="A news category (e.g. 'Pháp luật' or 'Phap luat').")
@click.option("--kind", default=None, help="Document kind: news, page, post, comment.")
@click.option("--source-kind", default=None, help="Source kind: feed, page, jsonl, csv, folder.")
@click.option("--sentiment", default=None, help="negative, neutral or positive.")
@click.option("--topic", "topic_id", type=int, default=None, help="A topic id from `duluan topics`.")
@click.option("--hourly", is_flag=True, help="Count per hour instead of per day (no baseline).")
@click.option("--share-of-voice", "share", is_flag=True,
              help="Also list each topic's share of the period's stories.")
@period_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@workspace_options
def trends(concern: str | None, place: str | None, category: str | None, kind: str | None,
           source_kind: str | None, sentiment: str | None, topic_id: int | None, hourly: bool,
           share: bool, start: str | None, end: str | None, days: int | None, as_json: bool,
           workspace: Path | None, database_url: str | None) -> None:
    """Counts per day (or hour) for any slice, with the baseline expected for each day.

    Figures resting on posts from fewer than k distinct authors (setting k_anonymity)
    show as "< k".

    \b
    Examples:
      duluan trends --concern flooding --place "TP.HCM" --days 30
      duluan trends --concern waste --place "phường Bạch Mai" --from 2026-11-01
      duluan trends --topic 12 --hourly --days 2 --json
    """
    from ..analysis.options import baseline_options
    from ..analysis.series import make_filter
    from ..analysis.trends import share_of_voice, trend

    ws = open_workspace(workspace, database_url)
    flt = make_filter(concern=concern, place=place, category=category, kind=kind,
                      source_kind=source_kind, sentiment=sentiment, topic_id=topic_id)
    period = _period(ws, start, end, days)
    result = trend(ws.engine, flt, period, granularity="hour" if hourly else "day",
                   k=int(ws.settings["k_anonymity"]), options=baseline_options(ws.settings))
    shares = share_of_voice(ws.engine, period) if share else []
    if as_json:
        _json({"share_of_voice": [vars(s) for s in shares], **result.as_json()})
        return
    table = Table("day" if not hourly else "hour", "documents", "expected", title=f"{result.filter}: {period.start} → {period.end}")
    # The day (or hour) under way is marked, and the hours still to come are not rows of
    # zeros: both would read as talk falling off.
    current = result.under_way
    for p in result.points:
        if current is not None and p.bucket > current:
            break
        label = f"{p.bucket} (so far)" if p.bucket == current else p.bucket
        table.add_row(label, p.documents.show(), "" if p.expected is None else f"{p.expected:.1f}")
    console.print(table)
    total = f"{result.total.show() if result.total else '0'} documents"
    if result.total and result.total.suppressed and not result.total.secondary:
        # "< 5" would read as fewer than five documents: it counts the posts' authors.
        total = f"documents hidden (their posts come from fewer than {result.total.k} authors)"
    if shares:
        voices = Table("topic", "label", "stories", "share", title="Share of voice")
        for s in shares:
            voices.add_row(str(s.topic_id), s.label, str(s.stories), f"{s.share:.1%}")
        console.print(voices)
    under_way = current is not None
    console.print(f"Total {total}{' (the day under way so far)' if under_way else ''}; expected "
                  f"{result.expected_total if result.expected_total is not None else '—'} on the days with a baseline"
                  f"{', whole days' if under_way and result.expected_total is not None else ''}. {result.method}")
    if result.compared_observed is not None:
        console.print(f"Like with like, the {result.compared_days} whole days with a baseline: "
                      f"{result.compared_observed} observed, {result.compared_expected} expected.")
    elif any(p.documents.suppressed for p in result.points):
        console.print("No like-with-like total: days under k authors are hidden, so the total is not "
                      "the sum of the days the expected count covers.")


# ---------------------------------------------------------------------------- alerts


@click.group()
def alerts() -> None:
    """Surge alerts: a concern rising in a place, or a topic rising, above its baseline.

    `duluan alerts run` scans the recent days and stores each surge once; `list` and
    `show` read them with their evidence; `ack`, `dismiss` and `duluan cases open
    --alert ID` act on them. The method is in docs/alerts.md.
    """


@alerts.command("run")
@click.option("--days", type=click.IntRange(1, 3650), default=None, help="Days to scan, ending today (setting alert_lookback_days).")
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def alerts_run(days: int | None, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """Scan for surges and store them; a rerun on the same data changes nothing."""
    from ..analysis.alerts import run_alerts
    from ..analysis.options import surge_options
    from ..analysis.periods import make_period

    ws = open_workspace(workspace, database_url)
    period = make_period(str(ws.settings["timezone"]), days=days or int(ws.settings["alert_lookback_days"]))
    summary = run_alerts(ws.engine, period, surge_options(ws.settings))
    if as_json:
        _json(vars(summary))
        return
    console.print(
        f"Scanned {summary.series} series over {summary.tested_days} days ({summary.series_days} series-days): "
        f"{summary.new} new alerts, {summary.extended} extended, {summary.unchanged} unchanged."
    )


def _alert_row(view: Any) -> list[str]:
    return [str(view.id), view.what, f"{view.started_on:%d/%m}–{view.last_on:%d/%m}", str(view.observed),
            fixed(view.expected, 1), f"{fixed(view.score, 1)} / {view.threshold:.1f}",
            f"case {view.case_id}" if view.status == "case" and view.case_id else view.status]


@alerts.command("list")
@click.option("--status", default=None, help="new, acknowledged, dismissed or case; open = new or acknowledged.")
@click.option("--concern", default=None, callback=concern_value, help="A concern by id or name, marks optional: flooding, 'ngập nước', 'ngap'.")
@click.option("--place", default=None, help="Province or ward, by name or code.")
@period_options
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def alerts_list(status: str | None, concern: str | None, place: str | None, start: str | None, end: str | None,
                days: int | None, limit: int, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """Stored alerts, the latest surge first."""
    from ..analysis.alerts import list_alerts
    from ..analysis.places import resolve_place_filter
    from ..analysis.series import make_filter

    ws = open_workspace(workspace, database_url)
    make_filter(concern=concern)  # checks the concern id
    period = _period(ws, start, end, days) if (start or end or days) else None
    views = list_alerts(ws.engine, timezone=str(ws.settings["timezone"]), status=status, concern=concern,
                        place=resolve_place_filter(place) if place else None, period=period,
                        k=int(ws.settings["k_anonymity"]), limit=limit)
    if as_json:
        _json([v.as_json() for v in views])
        return
    table = Table("id", "what — where", "days", "observed", "expected", "score / threshold", "status")
    for view in views:
        table.add_row(*_alert_row(view))
    console.print(table if views else "No alerts. Run `duluan alerts run` after ingesting.")


def _evidence(ws: Workspace, ids: list[int]) -> list[dict[str, Any]]:
    from ..analysis.evidence import evidence_documents

    return [doc.as_json() for doc in evidence_documents(ws.engine, ids)]


@alerts.command("show")
@click.argument("alert_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def alerts_show(alert_id: int, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """One alert: the numbers behind it, day by day, and the evidence documents."""
    from ..analysis.alerts import get_alert

    ws = open_workspace(workspace, database_url)
    view = get_alert(ws.engine, alert_id, timezone=str(ws.settings["timezone"]), k=int(ws.settings["k_anonymity"]))
    evidence = _evidence(ws, view.evidence)
    if as_json:
        _json({**view.as_json(), "evidence_documents": evidence})
        return
    console.print(f"[bold]Alert {view.id}[/bold]: {view.what} — {view.status}")
    console.print(f"  since {view.started_on}, last {view.last_on}; observed {view.observed}, expected {fixed(view.expected, 1)}; "
                  f"score {fixed(view.score, 1)} (-log10 p) over threshold {view.threshold:.1f}")
    console.print(f"  unit: {view.stats.get('unit')}; q={view.stats.get('q')}, at least {view.stats.get('min_count')} "
                  f"stories from {view.stats.get('k')} authors a day")
    # A flagged day is tested on the sum of its last 1-3 days ("tested on"): an ordinary
    # day can close a surge.
    table = Table("day", "observed", "expected", "tested on (observed / expected)", "p-value", "critical p")
    for day, obs, exp in zip(view.stats["days"], view.stats["observed"], view.stats["expected"], strict=True):
        test = view.stats["flagged"].get(day)
        table.add_row(day, str(obs), "" if exp is None else f"{exp:.1f}", _span(test),
                      f"{test['p_value']:.2e}" if test and test["p_value"] is not None else ("–" if test else ""), f"{test['critical_p']:.2e}" if test else "")
    console.print(table)
    if view.status_reason:
        console.print(f"  reason: {view.status_reason}")
    zone = ZoneInfo(str(ws.settings["timezone"]))
    console.print(f"[bold]Evidence[/bold] (redacted text as stored; times in {zone.key}):")
    for doc in evidence:
        console.print(f"  #{doc['id']} {_local(doc['published_at'], zone)} {doc['kind']} {doc['source'] or ''}: "
                      f"{(doc['title'] or doc['text'])[:160]}", markup=False)


@alerts.command("ack")
@click.argument("alert_id", type=int)
@workspace_options
def alerts_ack(alert_id: int, workspace: Path | None, database_url: str | None) -> None:
    """Acknowledge an alert: someone is looking at it."""
    from ..analysis.alerts import change_alert

    ws = open_workspace(workspace, database_url)
    change_alert(ws.engine, alert_id, "acknowledged")
    console.print(f"Alert {alert_id} acknowledged.")


@alerts.command("dismiss")
@click.argument("alert_id", type=int)
@click.option("--reason", required=True, help="Why it needs no action (kept with the alert).")
@workspace_options
def alerts_dismiss(alert_id: int, reason: str, workspace: Path | None, database_url: str | None) -> None:
    """Dismiss an alert, saying why."""
    from ..analysis.alerts import change_alert

    ws = open_workspace(workspace, database_url)
    change_alert(ws.engine, alert_id, "dismissed", reason)
    console.print(f"Alert {alert_id} dismissed: {reason}")


# ---------------------------------------------------------------------------- cases


@click.group()
def cases() -> None:
    """The case desk: follow a citizen concern from alert to resolution.

    \b
    Statuses: open → in_progress → answered → resolved → closed
    (answered or resolved may go back to in_progress; closed is final).
    Every change is written to the case's audit trail with who and when.
    """


def _due(value: str | None) -> date | None:
    from ..analysis.periods import parse_day

    return parse_day(value, "--due") if value else None


@cases.command("open")
@click.option("--alert", "alert_id", type=int, default=None, help="Open the case from this alert.")
@click.option("--document", "document_ids", type=int, multiple=True, help="Link this document (repeatable).")
@click.option("--title", default=None)
@click.option("--concern", default=None, callback=concern_value, help="A concern by id or name, marks optional: flooding, 'ngập nước', 'ngap'.")
@click.option("--place", default=None, help="Province or ward, by name or code.")
@click.option("--unit", "assigned_unit", default=None, help="The unit responsible, e.g. 'UBND phường Bạch Mai'.")
@click.option("--priority", default="normal", show_default=True, help="low, normal, high or urgent.")
@click.option("--due", default=None, help="Due date, YYYY-MM-DD.")
@click.option("--note", default=None)
@actor_option
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def cases_open(alert_id: int | None, document_ids: tuple[int, ...], title: str | None, concern: str | None,
               place: str | None, assigned_unit: str | None, priority: str, due: str | None, note: str | None,
               actor: str, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """Open a case from an alert or from hand-picked documents."""
    from ..analysis.cases import NewCase, open_case
    from ..analysis.places import resolve_place_filter

    ws = open_workspace(workspace, database_url)
    new = NewCase(title=title, alert_id=alert_id, document_ids=document_ids, concern=concern,
                  place=resolve_place_filter(place) if place else None, assigned_unit=assigned_unit,
                  priority=priority, due_on=_due(due), note=note)
    case_id = open_case(ws.engine, new, actor=actor, timezone=str(ws.settings["timezone"]))
    if as_json:
        _json({"id": case_id})
        return
    console.print(f"Opened case {case_id}.")


@cases.command("list")
@click.option(
    "--status", default=None,
    help="open, in_progress, answered, resolved or closed; unresolved = open, in_progress or answered.",
)
@click.option("--place", default=None, help="Province or ward, by name or code (a province lists its wards' cases too).")
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def cases_list(
    status: str | None, place: str | None, as_json: bool, workspace: Path | None, database_url: str | None,
) -> None:
    """Cases, the soonest due first."""
    from ..analysis.cases import list_cases
    from ..analysis.places import resolve_place_filter

    ws = open_workspace(workspace, database_url)
    views = list_cases(ws.engine, status, place=resolve_place_filter(place) if place else None)
    if as_json:
        _json([v.as_json() for v in views])
        return
    table = Table("id", "title", "place", "unit", "priority", "due", "status", "alerts")
    for v in views:
        table.add_row(str(v.id), v.title, v.place or "", v.assigned_unit or "", v.priority,
                      str(v.due_on or ""), v.status, ", ".join(map(str, v.alerts)))
    console.print(table if views else "No cases yet. Open one with `duluan cases open --alert ID`.")


@cases.command("show")
@click.argument("case_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def cases_show(case_id: int, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """One case with its timeline (the audit trail) and linked documents."""
    from ..analysis.cases import describe_event, get_case
    from ..analysis.overview import CONCERN_NAMES

    ws = open_workspace(workspace, database_url)
    view = get_case(ws.engine, case_id)
    zone = ZoneInfo(str(ws.settings["timezone"]))
    if as_json:
        _json(view.as_json())
        return
    console.print(f"[bold]Case {view.id}[/bold]: {view.title}", markup=True)
    console.print(f"  {view.status}, priority {view.priority}, due {view.due_on or '—'}, unit {view.assigned_unit or '—'}")
    concern = f"{CONCERN_NAMES[view.concern]} ({view.concern})" if view.concern in CONCERN_NAMES else view.concern
    console.print(f"  concern {concern or '—'}, place {view.place or '—'}; alerts {view.alerts or '—'}; "
                  f"{len(view.documents)} linked documents")
    table = Table(f"when ({zone.key})", "who", "what", "change", "note")
    for e in view.events:
        table.add_row(_local(e["at"], zone), e["actor"], e["action"], describe_event(e), e["note"] or "")
    console.print(table)


@cases.command("move")
@click.argument("case_id", type=int)
@click.argument("status")
@click.option("--note", default=None, help="What was done (kept in the timeline).")
@actor_option
@workspace_options
def cases_move(case_id: int, status: str, note: str | None, actor: str, workspace: Path | None,
               database_url: str | None) -> None:
    """Move a case to STATUS (in_progress, answered, resolved, closed)."""
    from ..analysis.cases import CaseChange, change_case

    ws = open_workspace(workspace, database_url)
    change_case(ws.engine, case_id, CaseChange(status=status, note=note), actor=actor)
    console.print(f"Case {case_id} is now {status}.")


@cases.command("update")
@click.argument("case_id", type=int)
@click.option("--unit", "assigned_unit", default=None)
@click.option("--priority", default=None)
@click.option("--due", default=None, help="YYYY-MM-DD")
@click.option("--note", default=None)
@click.option("--add-document", "documents", type=int, multiple=True)
@actor_option
@workspace_options
def cases_update(case_id: int, assigned_unit: str | None, priority: str | None, due: str | None,
                 note: str | None, documents: tuple[int, ...], actor: str, workspace: Path | None,
                 database_url: str | None) -> None:
    """Assign, reprioritise, set the due date, add a note or link documents."""
    from ..analysis.cases import CaseChange, change_case

    ws = open_workspace(workspace, database_url)
    change = CaseChange(assigned_unit=assigned_unit, priority=priority, due_on=_due(due), note=note,
                        add_documents=documents)
    change_case(ws.engine, case_id, change, actor=actor)
    console.print(f"Case {case_id} updated.")


@cases.command("impact")
@click.argument("case_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def cases_impact(case_id: int, as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """After the answer: did the talk about the concern in that place go down?"""
    from ..analysis.impact import case_impact
    from ..analysis.options import baseline_options

    ws = open_workspace(workspace, database_url)
    result = case_impact(ws.engine, case_id, timezone=str(ws.settings["timezone"]),
                         k=int(ws.settings["k_anonymity"]), options=baseline_options(ws.settings))
    if as_json:
        _json(result.as_json())
        return
    console.print(f"[bold]Case {case_id}[/bold] ({result.series}): {result.verdict}")
    console.print(f"  normal {result.normal[0]}..{result.normal[1]}: {result.normal_per_day} a day")
    console.print(f"  surge  {result.surge[0]}..{result.surge[1]}: {result.surge_per_day} a day")
    if result.after:
        console.print(f"  after  {result.after[0]}..{result.after[1]}: observed {result.after_observed}, "
                      f"expected at the normal level {fixed(result.after_expected, 2)}; p(still above normal) "
                      f"{result.p_still_above_normal}, p(below the surge) {result.p_below_surge}")


@cases.command("metrics")
@click.option("--json", "as_json", is_flag=True)
@workspace_options
def cases_metrics(as_json: bool, workspace: Path | None, database_url: str | None) -> None:
    """Time to acknowledge alerts, to start and to resolve cases (medians, in hours)."""
    from ..analysis.cases import desk_metrics

    ws = open_workspace(workspace, database_url)
    m = desk_metrics(ws.engine)
    if as_json:
        _json(vars(m))
        return
    console.print(f"Alerts acknowledged: {m.alerts_acknowledged}, median {m.median_hours_to_acknowledge} h")
    console.print(f"Cases started: {m.cases_started}, median {m.median_hours_to_start} h after opening")
    console.print(f"Cases resolved: {m.cases_resolved}, median {m.median_hours_to_resolve} h after opening")
    console.print("By status: " + ", ".join(f"{s} {n}" for s, n in m.open_by_status.items()))


def register(main: click.Group) -> None:
    main.add_command(trends)
    main.add_command(alerts)
    main.add_command(cases)
