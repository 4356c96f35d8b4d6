"""The case desk: from an alert to resolution, the audit trail, the impact after the answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, select

from analysis_data import BACH_MAI, START, add_background, add_posts
from duluan.analysis.alerts import get_alert, list_alerts, run_alerts
from duluan.analysis.cases import (
    CaseChange,
    NewCase,
    change_case,
    describe_event,
    desk_metrics,
    get_case,
    list_cases,
    open_case,
)
from duluan.analysis.impact import case_impact
from duluan.analysis.periods import Period
from duluan.analysis.surges import SurgeOptions
from duluan.errors import UsageError
from duluan.store.schema import documents

TZ = "Asia/Ho_Chi_Minh"
SURGE = (28, 29, 30)


def _surge(engine: Engine, after: int = 3) -> int:
    add_background(engine, START, 45, 3, ward=BACH_MAI)
    for day in SURGE:
        add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI)
    run_alerts(engine, Period(START, START + timedelta(days=31), TZ), SurgeOptions())
    [alert] = list_alerts(engine, timezone=TZ)
    return alert.id


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(START.year, START.month, START.day, hour, tzinfo=UTC) + timedelta(days=day)


def test_a_case_from_an_alert_to_resolution(engine: Engine) -> None:
    alert_id = _surge(engine)
    case_id = open_case(engine, NewCase(alert_id=alert_id, assigned_unit="UBND phường Bạch Mai", priority="high",
                                        due_on=date(2026, 11, 5)), actor="lan", timezone=TZ, now=_at(31))
    case = get_case(engine, case_id)
    assert case.title.startswith("Rác thải, vệ sinh — Phường Bạch Mai")
    assert (case.concern, case.place_level, case.place_code) == ("waste", "ward", BACH_MAI)
    assert case.alerts == [alert_id] and len(case.documents) == 3 * 18
    assert get_alert(engine, alert_id, timezone=TZ).status == "case"
    change_case(engine, case_id, CaseChange(status="in_progress", note="Đã liên hệ công ty môi trường"), actor="lan", now=_at(31, 12))
    change_case(engine, case_id, CaseChange(status="answered"), actor="minh", now=_at(32))
    change_case(engine, case_id, CaseChange(status="resolved"), actor="minh", now=_at(40))
    with pytest.raises(UsageError, match="it can move to: closed, in_progress"):
        change_case(engine, case_id, CaseChange(status="open"), actor="minh")
    change_case(engine, case_id, CaseChange(status="closed"), actor="minh", now=_at(41))
    with pytest.raises(UsageError, match="closed and cannot change"):
        change_case(engine, case_id, CaseChange(note="muộn"), actor="minh")
    trail = get_case(engine, case_id).events
    assert [e["action"] for e in trail] == ["opened", "linked", "status", "note", "status", "status", "status"]
    assert [e["new"] for e in trail if e["action"] == "status"] == ["in_progress", "answered", "resolved", "closed"]
    assert {e["actor"] for e in trail} == {"lan", "minh"}
    metrics = desk_metrics(engine)
    assert metrics.median_hours_to_start == pytest.approx(3.0)
    assert metrics.median_hours_to_resolve == pytest.approx(9 * 24)
    assert metrics.open_by_status["closed"] == 1
    with pytest.raises(UsageError, match="already case"):
        open_case(engine, NewCase(alert_id=alert_id), actor="lan", timezone=TZ)


def test_impact_after_the_answer_says_whether_talk_went_down(engine: Engine) -> None:
    alert_id = _surge(engine)
    case_id = open_case(engine, NewCase(alert_id=alert_id), actor="lan", timezone=TZ, now=_at(30))
    with pytest.raises(UsageError, match="has not been answered yet"):
        case_impact(engine, case_id, timezone=TZ, today=START + timedelta(days=44))
    change_case(engine, case_id, CaseChange(status="answered"), actor="lan", now=_at(31))
    early = case_impact(engine, case_id, timezone=TZ, today=START + timedelta(days=32))
    assert early.verdict.startswith("too early")
    result = case_impact(engine, case_id, timezone=TZ, today=START + timedelta(days=44))
    assert result.verdict == "went down: back to its normal level"
    assert result.normal_per_day == pytest.approx(3.0)
    # After the answer: day 32 to yesterday (day 43); today, a day not over, is not counted.
    assert result.after == (START + timedelta(days=32), START + timedelta(days=43))
    assert result.after_observed == 3 * 12 and result.after_expected == pytest.approx(36.0, abs=2)
    # With k above the normal stretch's authors (3 a day for 28 days: 84), its rate and
    # what it gives (the expected count after the answer) are hidden like any figure.
    strict = case_impact(engine, case_id, timezone=TZ, k=100, today=START + timedelta(days=44))
    assert strict.normal_per_day == "< 100" and strict.after_expected is None


def test_impact_sees_talk_that_did_not_go_down(engine: Engine) -> None:
    alert_id = _surge(engine)
    for day in range(31, 38):
        add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI)
    case_id = open_case(engine, NewCase(alert_id=alert_id), actor="lan", timezone=TZ, now=_at(30))
    change_case(engine, case_id, CaseChange(status="answered"), actor="lan", now=_at(30, 20))
    result = case_impact(engine, case_id, timezone=TZ, today=START + timedelta(days=37))
    assert result.verdict == "did not go down: still at the surge's level"


def test_cases_from_documents_and_bad_input(engine: Engine) -> None:
    ids = add_posts(engine, START, 3, concern="flooding")
    with pytest.raises(UsageError, match="no document with id 99999"):
        open_case(engine, NewCase(document_ids=(ids[0], 99999)), actor="lan", timezone=TZ)
    assert list_cases(engine) == []  # nothing was written
    with pytest.raises(UsageError, match="starts from an alert"):
        open_case(engine, NewCase(), actor="lan", timezone=TZ)
    with pytest.raises(UsageError, match="unknown priority"):
        open_case(engine, NewCase(document_ids=tuple(ids), priority="asap"), actor="lan", timezone=TZ)
    with pytest.raises(UsageError, match="say who"):
        open_case(engine, NewCase(document_ids=tuple(ids)), actor=" ", timezone=TZ)
    case_id = open_case(engine, NewCase(document_ids=tuple(ids)), actor="lan", timezone=TZ)
    case = get_case(engine, case_id)
    assert case.concern == "flooding" and case.documents == ids and case.status == "open"
    change_case(engine, case_id, CaseChange(assigned_unit="Phòng Quản lý đô thị", due_on=date(2026, 12, 1)), actor="lan")
    trail = get_case(engine, case_id).events
    assert {(e["field"], e["new"]) for e in trail if e["action"] == "changed"} == {
        ("assigned_unit", "Phòng Quản lý đô thị"), ("due_on", "2026-12-01")}
    with pytest.raises(UsageError, match="no case 42"):
        change_case(engine, 42, CaseChange(status="answered"), actor="lan")
    with pytest.raises(UsageError, match="unknown case status"):
        list_cases(engine, "done")


def test_each_event_of_the_trail_says_what_it_changed() -> None:
    def event(action: str, field: str | None = None, old: str | None = None, new: str | None = None) -> dict:
        return {"action": action, "field": field, "old": old, "new": new, "note": None}

    assert describe_event(event("opened", new="open")) == "status open"
    assert describe_event(event("linked", "documents", new="24")) == "+24 documents"
    assert describe_event(event("status", "status", "open", "in_progress")) == "open → in_progress"
    assert describe_event(event("changed", "due_on", None, "2026-12-01")) == "due_on: – → 2026-12-01"
    assert describe_event(event("note")) == ""


def test_a_case_links_only_what_was_there_when_it_opened(engine: Engine) -> None:
    # Opened (a replay's clock) on the surge's second day at 09:00 UTC: the posts of that
    # day's afternoon and of the third day were not there to link.
    alert_id = _surge(engine)
    opened = _at(SURGE[1])
    case_id = open_case(engine, NewCase(alert_id=alert_id), actor="lan", timezone=TZ, now=opened)
    with engine.connect() as conn:
        times = conn.execute(
            select(documents.c.published_at).where(documents.c.id.in_(get_case(engine, case_id).documents))
        ).scalars().all()
    assert times and all(t.replace(tzinfo=UTC) <= opened for t in times)
