"""Batch commands yield the CPU to the dashboard: `ingest_nice` lowers their priority."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from duluan.cli import main
from duluan.workspace import init_workspace

pytestmark = pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no process niceness on this platform")


def _niceness_after_yielding(root: Path, env: dict[str, str]) -> int:
    # In a child process: lowering a priority cannot be undone, and pytest keeps its own.
    code = (
        "from pathlib import Path; from duluan.workspace import find_workspace; "
        "from duluan.runner import yield_cpu_to_the_dashboard; "
        f"print(yield_cpu_to_the_dashboard(find_workspace(Path({str(root)!r}))))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def test_the_default_lowers_priority_and_zero_leaves_it(tmp_path: Path) -> None:
    init_workspace(tmp_path / "ws")
    base = {k: v for k, v in os.environ.items() if k != "DULUAN_INGEST_NICE"}
    start = os.getpriority(os.PRIO_PROCESS, 0)
    assert _niceness_after_yielding(tmp_path / "ws", base) == max(start, 10)
    assert _niceness_after_yielding(tmp_path / "ws", {**base, "DULUAN_INGEST_NICE": "0"}) == start
    # Never raises a priority: a process already at 15 stays there.
    assert _niceness_after_yielding(tmp_path / "ws", {**base, "DULUAN_INGEST_NICE": "3"}) == max(start, 3)


@pytest.mark.parametrize("command", ["ingest", "fetch", "enrich"])
def test_batch_commands_yield_before_working(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    calls: list[str] = []
    monkeypatch.setattr("duluan.runner.yield_cpu_to_the_dashboard", lambda ws: calls.append(str(ws.root)) or 0)
    monkeypatch.setattr("duluan.cli.ingest.yield_cpu_to_the_dashboard", lambda ws: calls.append(str(ws.root)) or 0)
    init_workspace(tmp_path / "ws")
    posts = tmp_path / "posts.jsonl"
    posts.write_text(json.dumps({"text": "Đường Láng ngập nước sau mưa lớn.", "time": "2026-11-20T08:00:00+07:00"},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    args = {"ingest": ["ingest", str(posts), "--no-enrich"], "fetch": ["fetch"], "enrich": ["enrich"]}[command]
    result = CliRunner().invoke(main, [*args, "-w", str(tmp_path / "ws")])
    assert result.exit_code in (0, 1), result.output
    assert calls == [str(tmp_path / "ws")]
