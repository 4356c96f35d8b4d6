"""Surge alerts against planted events: recall, false alerts, detection delay.

For every seed and event size, a simulated month (`duluan.simulate`, with its planted
events: a ward flood, uncollected rubbish in another ward, a national false rumour and a
national price rise) is ingested and enriched into a new workspace; topics are updated
when the topics module is there; then the alert detector runs over the whole month.

An alert matches a planted event when its days overlap the event (to two days after its
end) and either it is the event's series (same concern, and the event's ward or its
province; the country for national events) or the event's documents make up at least
half of the alert's excess over its baseline (documents counted minus expected). Every other alert is false. The false-alert rate is per 1,000
series-days tested. Delay is the first matching alert's first day minus the event's
first day, in days (the detection window is one day).

    python benchmarks/alerts_quality.py --seeds 7 11 23 --scales 0.6 1.0 1.5

`--cache DIR` keeps the workspaces so that detection options can be tried again fast
(`--q`, `--min-count`).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, and_, select

from duluan.analysis.alert_series import load_series
from duluan.analysis.alerts import series_filter
from duluan.analysis.periods import Period
from duluan.analysis.series import filtered
from duluan.analysis.surges import SeriesSet, Surge, SurgeOptions, detect
from duluan.runner import ingest_options, ingest_registered
from duluan.simulate import SimulationOptions, load_truth, simulate
from duluan.simulate.options import PlantedEvent
from duluan.store import repository as repo
from duluan.store.schema import documents
from duluan.workspace import Workspace, find_workspace, init_workspace

SOURCES = (("news", "feed", "news.xml"), ("posts", "jsonl", "posts.jsonl"), ("legacy", "folder", "legacy"))
TIMEZONE = "Asia/Ho_Chi_Minh"
AFTER_END = 2  # days after an event's end an alert may still start and match it


def build(root: Path, seed: int, scale: float, days: int) -> tuple[Workspace, Path]:
    folder = root / f"s{seed}-x{scale:g}-d{days}"
    sim_dir = folder / "simulated"
    if (folder / "ready").exists():
        return find_workspace(folder), sim_dir
    folder.mkdir(parents=True, exist_ok=True)
    workspace = init_workspace(folder)
    start = (datetime.now(UTC) - timedelta(days=days + 1)).date()
    simulate(SimulationOptions(seed=seed, days=days, start=start, event_scale=scale), sim_dir)
    for name, kind, filename in SOURCES:
        repo.add_source(workspace.engine, name, kind, str(sim_dir / filename), {})
        ingest_registered(workspace, name, ingest_options(workspace))
    (folder / "ready").write_text("ok\n")
    return workspace, sim_dir


def surge_items(engine: Engine, series: SeriesSet, surge: Surge) -> list[str]:
    """The simulated item ids of the documents an alert counts on its flagged days."""
    key = series.keys[surge.series]
    items: list[str] = []
    for t in surge.tests:
        low, high = Period(series.days[t], series.days[t], TIMEZONE).utc_bounds()
        query = select(documents.c.external_id, documents.c.origin).where(
            and_(documents.c.published_at >= low, documents.c.published_at < high)
        )
        with engine.connect() as conn:
            for external_id, origin in conn.execute(filtered(query, series_filter(key))):
                items.append(external_id or Path(origin).stem)
    return items


@dataclass
class Outcome:
    seed: int
    scale: float
    events: dict[str, int | None] = field(default_factory=dict)  # event id -> delay or None
    event_types: dict[str, str] = field(default_factory=dict)
    false_alerts: int = 0
    alerts: int = 0
    series_days: int = 0
    false_list: list[str] = field(default_factory=list)


def matches(event: PlantedEvent, start: date, key_text: str, surge_days: tuple[date, date],
            share: float) -> bool:
    first = start + timedelta(days=event.start_day)
    last = start + timedelta(days=event.end_day + AFTER_END)
    if surge_days[1] < first or surge_days[0] > last:
        return False
    if share >= 0.5:
        return True
    if event.ward is not None:
        keys = {f"concern:{event.concern}:ward:{event.ward}", f"concern:{event.concern}:province:{event.province}"}
    else:
        keys = {f"concern:{event.concern}:national"}
    return key_text in keys


def update_topics_if_built(workspace: Workspace, concern_weight: float | None = None) -> None:
    """Topics are assigned incrementally: only stories not yet in a topic are read.
    `concern_weight` replaces the setting topic_concern_weight when given."""
    try:
        from duluan.analysis.topics import update_topics  # type: ignore[attr-defined]
    except ImportError:
        return
    settings = dict(workspace.settings)
    if concern_weight is not None:
        settings["topic_concern_weight"] = concern_weight
    update_topics(workspace.engine, settings)


def evaluate(workspace: Workspace, sim_dir: Path, seed: int, scale: float, options: SurgeOptions,
             concern_weight: float | None = None) -> Outcome:
    update_topics_if_built(workspace, concern_weight)
    truth = load_truth(sim_dir / "truth.json")
    start = date.fromisoformat(truth.options["start"])
    days = int(truth.options["days"])
    period = Period(start, start + timedelta(days=days - 1), TIMEZONE)
    series = load_series(workspace.engine, period)
    detection = detect(series, options)
    outcome = Outcome(seed, scale, series_days=detection.series_days, alerts=len(detection.surges))
    event_items = {e.id: set(e.item_ids) | {i for i, item in truth.items.items() if item.event == e.id} for e in truth.events}
    for event in truth.events:
        outcome.events[event.id] = None
        outcome.event_types[event.id] = event.type
    for surge in detection.surges:
        key = series.keys[surge.series]
        items = surge_items(workspace.engine, series, surge)
        span = (series.days[surge.start], series.days[surge.end])
        matched = False
        # The share of the alert's excess over its baseline made of the event's documents.
        excess = max(len(items) - surge.expected, 1.0)
        for event in truth.events:
            share = min(1.0, sum(i in event_items[event.id] for i in items) / excess)
            if matches(event, start, key.text, span, share):
                matched = True
                delay = (span[0] - (start + timedelta(days=event.start_day))).days
                current = outcome.events[event.id]
                outcome.events[event.id] = delay if current is None else min(current, delay)
        if not matched:
            outcome.false_alerts += 1
            outcome.false_list.append(f"{key.text} {span[0]}..{span[1]} obs={surge.observed} exp={surge.expected:.1f}")
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 11, 23])
    parser.add_argument("--scales", type=float, nargs="+", default=[0.6, 1.0, 1.5])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--q", type=float, default=SurgeOptions.q)
    parser.add_argument("--min-count", type=int, default=SurgeOptions.min_count)
    parser.add_argument("--topic-min-count", type=int, default=SurgeOptions.topic_min_count)
    parser.add_argument("--spans", type=int, nargs="+", default=list(SurgeOptions.spans))
    parser.add_argument("--cache", type=Path, default=None, help="keep workspaces here and reuse them")
    parser.add_argument("--show-false", action="store_true", help="list every false alert")
    parser.add_argument("--topic-concern-weight", type=float, default=None,
                        help="the setting topic_concern_weight for the topics (default: the workspace's); "
                             "a workspace kept by --cache keeps the topics it was built with")
    args = parser.parse_args()
    options = SurgeOptions(q=args.q, min_count=args.min_count, topic_min_count=args.topic_min_count, spans=tuple(args.spans))
    root = args.cache or Path(tempfile.mkdtemp(prefix="duluan-alerts-"))
    outcomes: list[Outcome] = []
    print(f"{'seed':>5} {'scale':>5}  {'event':<22} {'detected':>8} {'delay':>5}")
    for seed in args.seeds:
        for scale in args.scales:
            began = time.perf_counter()
            workspace, sim_dir = build(root, seed, scale, args.days)
            outcome = evaluate(workspace, sim_dir, seed, scale, options, args.topic_concern_weight)
            outcomes.append(outcome)
            for event_id, delay in outcome.events.items():
                label = f"{event_id} {outcome.event_types[event_id]}"
                shown = "-" if delay is None else str(delay)
                print(f"{seed:>5} {scale:>5g}  {label:<22} {'yes' if delay is not None else 'NO':>8} {shown:>5}")
            print(f"{seed:>5} {scale:>5g}  false alerts {outcome.false_alerts} of {outcome.alerts}, "
                  f"{outcome.series_days} series-days ({time.perf_counter() - began:.0f} s)")
            if args.show_false:
                for line in outcome.false_list:
                    print(f"        false: {line}")
    delays = [d for o in outcomes for d in o.events.values() if d is not None]
    n_events = sum(len(o.events) for o in outcomes)
    false = sum(o.false_alerts for o in outcomes)
    series_days = sum(o.series_days for o in outcomes)
    print()
    print(f"options: q={options.q} min_count={options.min_count} topic_min_count={options.topic_min_count} k={options.k} "
          f"spans={options.spans} window={options.baseline.window} guard={options.baseline.guard}")
    print(f"recall of planted events      {len(delays)}/{n_events} = {len(delays) / max(n_events, 1):.3f}   (goal >= 0.95)")
    for kind in sorted({t for o in outcomes for t in o.event_types.values()}):
        found = [o.events[e] is not None for o in outcomes for e, t in o.event_types.items() if t == kind]
        print(f"  {kind:<28} {sum(found)}/{len(found)}")
    for scale in args.scales:
        found = [d for o in outcomes if o.scale == scale for d in o.events.values()]
        hits = [d for d in found if d is not None]
        false_at = sum(o.false_alerts for o in outcomes if o.scale == scale)
        days_at = sum(o.series_days for o in outcomes if o.scale == scale)
        print(f"  event scale {scale:g}: recall {len(hits)}/{len(found)}, median delay "
              f"{statistics.median(hits) if hits else '-'}, false alerts per 1,000 series-days "
              f"{1000 * false_at / max(days_at, 1):.3f}")
    print(f"false alerts per 1,000 series-days  {1000 * false / max(series_days, 1):.3f}   "
          f"({false} in {series_days})   (goal <= 1)")
    median = statistics.median(delays) if delays else float("nan")
    print(f"median detection delay (days)  {median}   (goal <= 1 window of 1 day)")


if __name__ == "__main__":
    main()
