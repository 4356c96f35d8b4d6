"""The main job on the embedded default: simulate a month of Vietnamese talk and ingest it."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from .demo_analysis import DemoAnalysis, analyse_demo
from .ingest import IngestSummary
from .runner import ingest_options, ingest_registered
from .simulate import SimulationOptions, SimulationResult, simulate
from .store import repository as repo
from .summary import WorkspaceSummary, summarise
from .workspace import Workspace, init_workspace

# name, kind, file inside the simulation folder, options
DEMO_SOURCES: tuple[tuple[str, str, str, dict[str, str]], ...] = (
    ("bao-dien-tu", "feed", "news.xml", {}),
    ("mang-xa-hoi", "jsonl", "posts.jsonl", {}),
    ("van-ban-ma-cu", "folder", "legacy", {}),
)


@dataclass
class DemoOptions:
    directory: Path | None = None
    days: int = 30
    seed: int = 7
    progress: Callable[[str, int], None] | None = None  # (stage, items done)
    analyse: bool = True  # topics, alerts and one case carried through


@dataclass
class DemoResult:
    workspace: Workspace
    simulation: SimulationResult
    ingests: list[IngestSummary] = field(default_factory=list)
    summary: WorkspaceSummary | None = None
    analysis: DemoAnalysis | None = None
    seconds: float = 0.0


def run_demo(options: DemoOptions) -> DemoResult:
    started = time.perf_counter()
    root = options.directory or Path(tempfile.mkdtemp(prefix="duluan-demo-"))
    workspace = init_workspace(root)
    tz = ZoneInfo(str(workspace.settings["timezone"]))
    # The simulated month ends yesterday, so "now" at ingestion is a real now and
    # the planted future-dated post is really in the future.
    today = datetime.now(tz).date()
    start: date = today - timedelta(days=options.days)
    sim_options = SimulationOptions(seed=options.seed, days=options.days, start=start)
    simulation = simulate(sim_options, workspace.root / "simulated")
    result = DemoResult(workspace=workspace, simulation=simulation)
    for name, kind, filename, source_options in DEMO_SOURCES:
        repo.add_source(workspace.engine, name, kind, str(workspace.root / "simulated" / filename), source_options)
    now = datetime.now(UTC)
    for name, *_ in DEMO_SOURCES:
        tick = partial(options.progress, name) if options.progress else None
        result.ingests.append(ingest_registered(workspace, name, ingest_options(workspace, now=now, progress=tick)))
    result.summary = summarise(workspace.engine, str(workspace.settings["timezone"]))
    if options.analyse:
        result.analysis = analyse_demo(workspace, options.days)
    result.seconds = time.perf_counter() - started
    return result
