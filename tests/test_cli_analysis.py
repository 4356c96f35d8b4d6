"""`duluan trends`, `duluan alerts …` and `duluan cases …` end to end on a workspace."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from analysis_data import BACH_MAI, add_background, add_posts
from duluan.analysis.periods import today_in
from duluan.cli import main
from duluan.config import SETTINGS_BY_NAME
from duluan.workspace import find_workspace


def _workspace(tmp_path: Path) -> tuple[CliRunner, list[str]]:
    runner = CliRunner()
    ws = tmp_path / "ws"
    assert runner.invoke(main, ["init", str(ws)]).exit_code == 0
    engine = find_workspace(ws).engine
    # A month that ends yesterday, with a surge of uncollected rubbish over its last days.
    # The workspace's today (Asia/Ho_Chi_Minh), not the machine's: from 17:00 UTC they differ.
    first = today_in(SETTINGS_BY_NAME["timezone"].default) - timedelta(days=30)
    add_background(engine, first, 30, 3, ward=BACH_MAI)
    for day in (27, 28, 29):
        add_posts(engine, first + timedelta(days=day), 15, ward=BACH_MAI)
    return runner, ["-w", str(ws)]


def test_trends_alerts_and_a_case_from_the_shell(tmp_path: Path) -> None:
    runner, ws = _workspace(tmp_path)
    out = runner.invoke(main, ["trends", "--concern", "waste", "--place", "phường Bạch Mai", "--days", "10", "--json", *ws])
    assert out.exit_code == 0, out.output
    series = json.loads(out.output)
    assert [p["documents"] for p in series["points"]][-4:] == [18, 18, 18, 0]
    assert "Total" in runner.invoke(main, ["trends", "--concern", "waste", *ws]).output
    # Quiet days under k are hidden: no total set against the expected count as if alike.
    ward = runner.invoke(main, ["trends", "--concern", "waste", "--place", "phường Bạch Mai", "--days", "10", *ws],
                         terminal_width=200).output
    assert "< 5" in ward and "No like-with-like total: days under k authors are hidden" in ward
    # A hidden total says what "< 5" would not: it counts authors, not documents.
    quiet = runner.invoke(main, ["trends", "--concern", "waste", "--place", "phường Bạch Mai", "--days", "1",
                                 "--to", (today_in(SETTINGS_BY_NAME["timezone"].default) - timedelta(days=20)).isoformat(),
                                 *ws], terminal_width=200).output
    assert "Total documents hidden (their posts come from fewer than 5 authors)" in quiet, quiet
    # Today is under way: marked, and the hours still to come are not rows of zeros.
    today = today_in(SETTINGS_BY_NAME["timezone"].default).isoformat()
    daily = runner.invoke(main, ["trends", "--days", "3", *ws], terminal_width=200).output
    assert f"{today} (so far)" in daily and "day under way so far" in daily
    hourly = runner.invoke(main, ["trends", "--hourly", "--days", "1", *ws], terminal_width=200).output
    lines = hourly.splitlines()
    [current] = [i for i, line in enumerate(lines) if "(so far)" in line]
    assert lines[current + 1].startswith("└")  # the hour under way is the last row

    run = runner.invoke(main, ["alerts", "run", *ws])
    assert run.exit_code == 0 and "1 new alerts" in run.output, run.output
    assert "0 new alerts, 0 extended, 1 unchanged" in runner.invoke(main, ["alerts", "run", *ws]).output
    [alert] = json.loads(runner.invoke(main, ["alerts", "list", "--json", *ws]).output)
    assert alert["what"] == "Rác thải, vệ sinh — Phường Bạch Mai" and alert["status"] == "new"
    shown = runner.invoke(main, ["alerts", "show", str(alert["id"]), "--json", *ws])
    detail = json.loads(shown.output)
    assert len(detail["evidence_documents"]) == 10
    assert all("author" not in key for doc in detail["evidence_documents"] for key in doc)
    assert "Evidence" in runner.invoke(main, ["alerts", "show", str(alert["id"]), *ws]).output

    opened = runner.invoke(main, ["cases", "open", "--alert", str(alert["id"]), "--unit", "UBND phường Bạch Mai",
                                  "--by", "lan", "--json", *ws])
    case_id = json.loads(opened.output)["id"]
    assert runner.invoke(main, ["cases", "move", str(case_id), "in_progress", "--by", "lan", *ws]).exit_code == 0
    refused = runner.invoke(main, ["cases", "move", str(case_id), "closed", "--by", "lan", *ws])
    assert refused.exit_code == 0  # in_progress may close
    again = runner.invoke(main, ["cases", "move", str(case_id), "answered", "--by", "lan", *ws])
    assert again.exit_code == 2 and "closed and cannot change" in again.output
    case = json.loads(runner.invoke(main, ["cases", "show", str(case_id), "--json", *ws]).output)
    assert case["status"] == "closed" and case["alerts"] == [alert["id"]]
    listed = runner.invoke(main, ["alerts", "list", *ws], terminal_width=200).output
    assert f"case {case_id}" in listed  # the alert names the case it became
    assert [e["action"] for e in case["events"]][:2] == ["opened", "linked"]
    table = runner.invoke(main, ["cases", "show", str(case_id), *ws], terminal_width=200).output
    assert "Asia/Ho_Chi_Minh" in table and "in_progress → closed" in table and "documents" in table
    # Times on the desk's clock: the opening event at its local hour, not UTC's.
    opened_at = datetime.fromisoformat(case["events"][0]["at"]).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
    assert f"{opened_at:%Y-%m-%d %H:%M}" in table
    assert "closed 1" in runner.invoke(main, ["cases", "metrics", *ws]).output


def test_bad_input_exits_2_with_the_choices(tmp_path: Path) -> None:
    runner, ws = _workspace(tmp_path)
    bad_concern = runner.invoke(main, ["trends", "--concern", "xyz", *ws])
    assert bad_concern.exit_code == 2 and "choose one of: flooding (Ngập nước, thoát nước)" in bad_concern.output
    vague = runner.invoke(main, ["trends", "--concern", "g", *ws])
    assert vague.exit_code == 2 and "may mean several concerns" in vague.output
    # A concern by its name, marks optional, is the same series as by its id.
    by_id = json.loads(runner.invoke(main, ["trends", "--concern", "waste", "--json", *ws]).output)
    for name in ("rác thải", "rac", "Waste"):
        by_name = json.loads(runner.invoke(main, ["trends", "--concern", name, "--json", *ws]).output)
        assert by_name["points"] == by_id["points"], name
    future = runner.invoke(main, ["trends", "--from", "2999-01-01", *ws])
    assert future.exit_code == 2 and "in the future" in future.output
    place = runner.invoke(main, ["alerts", "list", "--place", "Thủ Đức", *ws])
    assert place.exit_code == 2 and "may mean several units" in place.output
    missing = runner.invoke(main, ["alerts", "dismiss", "7", "--reason", "trùng", *ws])
    assert missing.exit_code == 2 and "no alert 7" in missing.output
    no_reason = runner.invoke(main, ["alerts", "dismiss", "7", *ws])
    assert no_reason.exit_code == 2 and "--reason" in no_reason.output
