"""The demo's analysis step: topics, alerts on the simulated month, one case carried through.

The simulated month ends yesterday, so the case desk is replayed on the month's own
clock: the alert is dated as a daily run would have raised it (07:00 the day after its
first day), the case is opened an hour later, taken up two hours after that, answered
the evening after the alert's last day and resolved a week later (or as late as the data
allows). Without the first step the alert, detected today, would be acknowledged weeks
before it was raised, and the desk's time to acknowledge would be negative. The audit
trail says so (actor "demo"), and the impact after the answer is then measured on the
days that followed, as an officer would see it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import update

from .analysis.alerts import AlertRunSummary, AlertView, list_alerts, run_alerts
from .analysis.cases import CaseChange, NewCase, change_case, get_case, open_case
from .analysis.impact import Impact, case_impact
from .analysis.options import baseline_options, surge_options
from .analysis.periods import check_timezone, make_period, today_in
from .errors import UsageError
from .store.schema import alerts
from .workspace import Workspace

DEMO_ACTOR = "demo"
# The topics table reads the month's last week against the week before: over the whole
# month every topic "grows" from the nearly empty month before the simulation began.
DEMO_TOPIC_DAYS = 7


@dataclass
class DemoAnalysis:
    topics: list[Any] = field(default_factory=list)
    topics_period: tuple[date, date] | None = None  # the days the topics table counts
    alert_run: AlertRunSummary | None = None
    alerts: list[AlertView] = field(default_factory=list)
    case_id: int | None = None
    case_timeline: list[dict[str, Any]] = field(default_factory=list)
    impact: Impact | None = None
    topics_note: str = ""
    impact_note: str = ""


def _at(day: date, hour: int, timezone: str) -> datetime:
    return datetime.combine(day, time(hour), check_timezone(timezone))


def _topics(workspace: Workspace, days: int, out: DemoAnalysis) -> None:
    try:
        topic_module = importlib.import_module("duluan.analysis.topics")
    except ImportError:
        out.topics_note = "topics: not built in this version"
        return
    update = getattr(topic_module, "update_topics", None)
    summaries = getattr(topic_module, "topic_summaries", None)
    if update is None or summaries is None:
        out.topics_note = "topics: not built in this version"
        return
    update(workspace.engine, workspace.settings)
    tz = str(workspace.settings["timezone"])
    # The simulated month ends yesterday: today would be an empty day in the week.
    period = make_period(tz, end=today_in(tz) - timedelta(days=1), days=min(days, DEMO_TOPIC_DAYS))
    out.topics = list(summaries(workspace.engine, period.start, period.end, tz, 5))
    out.topics_period = (period.start, period.end)


def analyse_demo(workspace: Workspace, days: int) -> DemoAnalysis:
    out = DemoAnalysis()
    tz = str(workspace.settings["timezone"])
    _topics(workspace, days, out)
    period = make_period(tz, days=days)
    out.alert_run = run_alerts(workspace.engine, period, surge_options(workspace.settings))
    k = int(workspace.settings["k_anonymity"])
    out.alerts = list_alerts(workspace.engine, timezone=tz, k=k, limit=20)
    wards = [a for a in out.alerts if a.place_level == "ward"] or [a for a in out.alerts if a.kind != "topic"]
    if not wards:
        return out
    alert = max(wards, key=lambda a: a.score or 0.0)
    yesterday = period.end - timedelta(days=1)
    raised = _at(alert.started_on + timedelta(days=1), 7, tz)
    with workspace.engine.begin() as conn:
        conn.execute(update(alerts).where(alerts.c.id == alert.id).values(created_at=raised))
    opened = _at(alert.started_on + timedelta(days=1), 8, tz)
    answered = _at(min(alert.last_on + timedelta(days=1), yesterday), 17, tz)
    resolved = _at(min(alert.last_on + timedelta(days=8), yesterday), 10, tz)
    case_id = open_case(
        workspace.engine,
        NewCase(alert_id=alert.id, assigned_unit="UBND phường (đơn vị phụ trách)", priority="high",
                due_on=alert.last_on + timedelta(days=3), note="Mở từ cảnh báo trong bản demo"),
        actor=DEMO_ACTOR, timezone=tz, now=opened,
    )
    steps = (
        ("in_progress", opened + timedelta(hours=2), "Đã chuyển cho đơn vị phụ trách"),
        ("answered", max(answered, opened + timedelta(hours=3)), "Đơn vị đã trả lời người dân và báo chí"),
        ("resolved", max(resolved, answered + timedelta(hours=1)), "Tình trạng đã được khắc phục"),
    )
    for status, when, note in steps:
        change_case(workspace.engine, case_id, CaseChange(status=status, note=note), actor=DEMO_ACTOR, now=when)
    out.case_id = case_id
    out.alerts = list_alerts(workspace.engine, timezone=tz, k=k, limit=20)
    out.case_timeline = get_case(workspace.engine, case_id).events
    try:
        out.impact = case_impact(workspace.engine, case_id, timezone=tz, k=k, options=baseline_options(workspace.settings))
    except UsageError as exc:  # a month too short to know the normal level
        out.impact_note = str(exc)
    return out
