"""The demo's analysis step: alerts on the stored month and one case carried through."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

from analysis_data import BACH_MAI, add_background, add_posts
from duluan.analysis.alerts import AlertRunSummary, AlertView
from duluan.analysis.cases import desk_metrics
from duluan.analysis.periods import today_in
from duluan.cli.data import DEMO_ALERTS_SHOWN, print_demo_analysis
from duluan.config import SETTINGS_BY_NAME
from duluan.demo_analysis import DemoAnalysis, analyse_demo
from duluan.workspace import init_workspace


def test_the_demo_raises_the_surge_and_carries_a_case_through(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws")
    # The workspace's today (Asia/Ho_Chi_Minh), not the machine's: from 17:00 UTC they differ.
    first = today_in(SETTINGS_BY_NAME["timezone"].default) - timedelta(days=30)
    add_background(workspace.engine, first, 30, 3, ward=BACH_MAI)
    for day in (15, 16, 17):
        add_posts(workspace.engine, first + timedelta(days=day), 15, ward=BACH_MAI)
    result = analyse_demo(workspace, 30)
    # Topics: the month's last week (it ends yesterday), against the week before.
    yesterday = today_in(SETTINGS_BY_NAME["timezone"].default) - timedelta(days=1)
    assert result.topics_period == (yesterday - timedelta(days=6), yesterday)
    assert result.alert_run is not None and result.alert_run.new >= 1
    [alert] = [a for a in result.alerts if a.kind != "topic"]  # topics may rise with it
    assert alert.place_code == BACH_MAI and alert.status == "case"
    statuses = [e["new"] for e in result.case_timeline if e["action"] == "status"]
    assert statuses == ["in_progress", "answered", "resolved"]
    assert {e["actor"] for e in result.case_timeline} == {"demo"}
    assert result.impact is not None
    assert result.impact.verdict == "went down: back to its normal level"
    # The alert is dated as a daily run would have raised it: acknowledged an hour later.
    assert desk_metrics(workspace.engine).median_hours_to_acknowledge == 1.0


def _alert_view(alert_id: int) -> AlertView:
    day = date(2026, 11, 1) + timedelta(days=alert_id)
    return AlertView(
        id=alert_id, what=f"T{alert_id}", series_key=f"c:{alert_id}",
        kind="concern_place", concern="flooding", place_level="ward", place_code=str(alert_id),
        topic_id=None, started_on=day, last_on=day, observed=12, expected=2.0, score=5.0,
        threshold=3.2, status="new", status_reason=None, case_id=None,
        created_at=datetime(2026, 11, 30, tzinfo=UTC), acknowledged_at=None, stats={}, evidence=[],
    )  # fmt: skip


def test_the_demo_summary_says_when_it_shows_only_some_alerts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = DEMO_ALERTS_SHOWN + 3
    analysis = DemoAnalysis(
        alert_run=AlertRunSummary(
            series=40, tested_days=22, series_days=880, new=count, extended=0, unchanged=0
        ),
        alerts=[_alert_view(i) for i in range(count, 0, -1)],
    )
    print_demo_analysis(analysis, tmp_path)
    out = capsys.readouterr().out
    assert f"{count} raised" in out
    assert f"the {DEMO_ALERTS_SHOWN} latest of {count}" in out
    assert re.search(rf"\bT{count}\b", out) and not re.search(r"\bT1\b", out)

    analysis.alerts = analysis.alerts[-2:]
    print_demo_analysis(analysis, tmp_path)
    assert "latest of" not in capsys.readouterr().out


def test_the_demo_topics_table_names_its_week_and_what_growth_compares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topic = SimpleNamespace(id=3, label="ngập nước · triều cường", n_stories=40, documents=173, k_anonymity=5,
                            growth=0.5, is_new=False)
    hidden = SimpleNamespace(id=4, label="xe rác", n_stories="< 5", documents=None, k_anonymity=5, growth=None, is_new=False)
    analysis = DemoAnalysis(topics=[topic, hidden], topics_period=(date(2026, 11, 30), date(2026, 12, 6)))
    print_demo_analysis(analysis, tmp_path)
    out = capsys.readouterr().out
    assert "30/11–06/12" in out and "against the 7 days before" in out and "by documents" in out
    assert "+50%" in out and "ngập nước" in out
    # The table is ordered by documents, so it shows them beside the stories.
    assert "173" in out and "documents" in out and out.count("< 5") == 2
