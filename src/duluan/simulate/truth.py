"""The ground truth written beside a simulated stream, and reading it back."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .options import PlantedEvent

TRUTH_VERSION = 1


@dataclass
class PlaceTruth:
    """The place a text means, in new units, and how the text names it."""

    province: str
    ward: str | None  # None when only a province is meant
    surface: str  # the words used in the text
    old_name: bool  # a pre-2025 unit name (old ward, district or province) was used
    level: str  # what the surface names: "ward", "district" or "province"


@dataclass
class ItemTruth:
    kind: str  # "news", "post", "comment"
    file: str  # "news.xml", "posts.jsonl" or "legacy/<name>.txt"
    day: int
    story: str
    theme: str
    concern: str | None
    is_complaint: bool
    sentiment: str
    place: PlaceTruth | None = None
    noise: list[str] = field(default_factory=list)  # no_diacritics, teencode, typos, legacy:<enc>
    event: str | None = None
    duplicate_of: str | None = None  # an exact copy of this earlier item
    outlet: str | None = None


@dataclass
class RejectTruth:
    """A line in posts.jsonl that ingestion should turn into a reject."""

    line: int  # 1-based line number in posts.jsonl
    reason: str  # "broken_json", "empty_text", "future_date"
    id: str | None


@dataclass
class Truth:
    options: dict[str, Any]
    counts: dict[str, int]
    events: list[PlantedEvent]
    items: dict[str, ItemTruth]
    rejects: list[RejectTruth]
    version: int = TRUTH_VERSION


def _item_dict(item: ItemTruth) -> dict[str, Any]:
    data = dict(vars(item))
    data["place"] = dict(vars(item.place)) if item.place else None
    return data


def truth_to_json(truth: Truth) -> str:
    """Stable JSON text, one item a line: same truth, same bytes."""

    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    items = ",\n".join(
        f"  {dump(key)}: {dump(_item_dict(item))}" for key, item in truth.items.items()
    )
    parts = [
        f' "version": {truth.version}',
        f' "options": {dump(truth.options)}',
        f' "counts": {dump(truth.counts)}',
        ' "events": [\n' + ",\n".join("  " + dump(asdict(e)) for e in truth.events) + "\n ]",
        ' "rejects": [\n' + ",\n".join("  " + dump(asdict(r)) for r in truth.rejects) + "\n ]",
        ' "items": {\n' + items + "\n }",
    ]
    return "{\n" + ",\n".join(parts) + "\n}\n"


def load_truth(path: Path) -> Truth:
    """Read a truth.json written by `simulate` back into records."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    items = {}
    for item_id, raw in data["items"].items():
        place = raw.pop("place", None)
        items[item_id] = ItemTruth(**raw, place=PlaceTruth(**place) if place else None)
    return Truth(
        options=data["options"],
        counts=data["counts"],
        events=[PlantedEvent(**event) for event in data["events"]],
        items=items,
        rejects=[RejectTruth(**reject) for reject in data["rejects"]],
        version=data.get("version", TRUTH_VERSION),
    )
