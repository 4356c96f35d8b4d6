"""The demo's analysis step: alerts on the stored month and one case carried through."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from analysis_data import BACH_MAI, add_background, add_posts
from duluan.analysis.periods import today_in
from duluan.config import SETTINGS_BY_NAME
from duluan.demo_analysis import analyse_demo
from duluan.workspace import init_workspace


def test_the_demo_raises_the_surge_and_carries_a_case_through(tmp_path: Path) -> None:
    workspace = init_workspace(tmp_path / "ws")
    # The workspace's today (Asia/Ho_Chi_Minh), not the machine's: from 17:00 UTC they differ.
    first = today_in(SETTINGS_BY_NAME["timezone"].default) - timedelta(days=30)
    add_background(workspace.engine, first, 30, 3, ward=BACH_MAI)
    for day in (15, 16, 17):
        add_posts(workspace.engine, first + timedelta(days=day), 15, ward=BACH_MAI)
    result = analyse_demo(workspace, 30)
    assert result.alert_run is not None and result.alert_run.new >= 1
    [alert] = [a for a in result.alerts if a.kind != "topic"]  # topics may rise with it
    assert alert.place_code == BACH_MAI and alert.status == "case"
    statuses = [e["new"] for e in result.case_timeline if e["action"] == "status"]
    assert statuses == ["in_progress", "answered", "resolved"]
    assert {e["actor"] for e in result.case_timeline} == {"demo"}
    assert result.impact is not None
    assert result.impact.verdict == "went down: back to its normal level"
