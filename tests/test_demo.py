"""The main job end to end on a short simulated stream, and `duluan simulate`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import func, select

from duluan.cli import main
from duluan.demo import DemoOptions, run_demo
from duluan.store.schema import documents, rejects


def test_demo_ingests_every_source_and_keeps_every_reject(tmp_path: Path) -> None:
    result = run_demo(DemoOptions(directory=tmp_path / "demo", days=4, seed=3))
    truth = json.loads((result.simulation.out_dir / "truth.json").read_text(encoding="utf-8"))
    assert {s.label for s in result.ingests} == {"source bao-dien-tu", "source mang-xa-hoi", "source van-ban-ma-cu"}
    read = sum(s.read for s in result.ingests)
    stored = sum(s.new for s in result.ingests)
    with result.workspace.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar_one() == stored
        reject_reasons = set(conn.execute(select(rejects.c.reason)).scalars())
    # Nothing lost: every line the simulator wrote is a document, a duplicate or a reject.
    assert read == len(truth["items"]) + len(truth["rejects"])
    assert {r["reason"] for r in truth["rejects"]} <= reject_reasons | {"empty_text", "missing_text"}
    assert result.summary is not None and result.summary.documents == stored
    assert set(result.summary.by_kind) >= {"news", "post", "comment", "page"}


def test_demo_command_prints_the_summary(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["demo", str(tmp_path / "d"), "--days", "3", "--no-serve"])
    assert out.exit_code == 0, out.output
    for heading in ("Documents by kind", "Rejects by reason", "Busiest days", "Largest stories"):
        assert heading in out.output
    # Concerns by the names the alerts and the dashboard use, not their ids.
    concerns = out.output.split("concern (complaints):")[1].split("most named provinces")[0]
    assert "Khác" in concerns and "other" not in concerns and "traffic" not in concerns


def test_simulate_command_writes_files(tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["simulate", str(tmp_path / "s"), "--days", "2", "--seed", "5"])
    assert out.exit_code == 0, out.output
    for name in ("news.xml", "posts.jsonl", "truth.json"):
        assert (tmp_path / "s" / name).stat().st_size > 0
