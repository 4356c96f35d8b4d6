"""The concern model on a whole simulated social stream, chatter included.

    duluan simulate /tmp/sim11 --days 30 --seed 11
    python benchmarks/concern_stream.py /tmp/sim11 [/tmp/sim23 ...] [--model STEM ...]

The gold and blind sets are balanced by concern; a real stream is mostly chatter (sport,
shows, weather, questions, short replies) with complaints among it. This reads every
distinct post and comment of `duluan simulate` folders with the simulator's truth
(`truth.json`: is it a complaint, about which concern) and prints, per folder and model:
- complaint precision, recall and F1 over all posts and comments (chatter included);
- the share of non-complaints read as complaints, and of those read as "other";
- concern accuracy and macro F1 over the true complaints (concern "other" excluded from
  the macro, as it is not a civic concern), and the share of them read as "other".

The simulator's texts come from its own templates and labelling conventions, so this is
a check on another writer's text, not a goal. `--model` takes model stems (a folder
with concern.npz/.json, or the path without suffix) to compare with the shipped one.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from duluan.enrich.concerns import CONCERN_IDS, NOT_A_CONCERN, load_concern_model, predict_concerns

COMPLAINT_AT = 0.5


def simulated_posts(folder: Path) -> Iterator[tuple[dict, dict]]:
    """(line, truth) of each post and comment of a `duluan simulate` folder that is not a
    planted copy (`duplicate_of`), in file order."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))["items"]
    with (folder / "posts.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # the simulator plants broken lines on purpose
            item = truth.get(row.get("id"))
            if item and not item.get("duplicate_of") and (row.get("text") or "").strip():
                yield row, item


def read_stream(folder: Path) -> list[tuple[str, bool, str | None]]:
    """(text, is complaint, concern if a complaint) of each distinct post and comment."""
    seen: dict[str, tuple[bool, str | None]] = {}
    for row, item in simulated_posts(folder):
        if item.get("kind") in ("post", "comment"):
            complaint = bool(item.get("is_complaint"))
            seen.setdefault(row["text"], (complaint, item.get("concern") if complaint else None))
    return [(text, c, concern) for text, (c, concern) in seen.items()]


def _stem(value: str) -> Path:
    """A model stem from a folder holding concern.npz, a .npz/.json path, or a stem."""
    path = Path(value)
    if path.is_dir() and (path / "concern.npz").exists():
        return path / "concern"
    return path.with_suffix("") if path.suffix in (".npz", ".json") else path


def score(stream: list[tuple[str, bool, str | None]], model_stem: Path | None) -> dict[str, float]:
    model = load_concern_model(model_stem)
    predictions = predict_concerns([t for t, _, _ in stream], model)
    said = [p.complaint >= COMPLAINT_AT for p in predictions]
    truth = [c for _, c, _ in stream]
    hits = sum(s and t for s, t in zip(said, truth, strict=True))
    precision = hits / max(sum(said), 1)
    recall = hits / max(sum(truth), 1)
    chatter = [p for p, t in zip(predictions, truth, strict=True) if not t]
    false = [p for p in chatter if p.complaint >= COMPLAINT_AT]
    complaints = [(p.concern, concern) for p, (_, t, concern) in zip(predictions, stream, strict=True) if t]
    right = sum(p == c for p, c in complaints)
    classes = [c for c in CONCERN_IDS if c != NOT_A_CONCERN]
    f1s = []
    for c in classes:
        tp = sum(p == c and t == c for p, t in complaints)
        said_c = sum(p == c for p, _ in complaints)
        true_c = sum(t == c for _, t in complaints)
        if true_c:
            f1s.append(2 * tp / (said_c + true_c))
    return {
        "texts": len(stream),
        "complaints": sum(truth),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / max(precision + recall, 1e-9),
        "chatter_flagged": len(false) / max(len(chatter), 1),
        "chatter_flagged_other": sum(p.concern == NOT_A_CONCERN for p in false) / max(len(chatter), 1),
        "concern_accuracy": right / max(len(complaints), 1),
        "concern_macro_f1": sum(f1s) / max(len(f1s), 1),
        "complaints_read_other": Counter(p for p, _ in complaints)[NOT_A_CONCERN] / max(len(complaints), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="`duluan simulate` output folders")
    parser.add_argument("--model", action="append", default=[], help="a model stem to compare (repeatable)")
    args = parser.parse_args()
    models: list[tuple[str, Path | None]] = [("shipped", None)] + [(m, _stem(m)) for m in args.model]
    print("folder  model  texts  complaints  P  R  F1  chatter-flagged (as other)  concern-acc  concern-macroF1  complaints-as-other")
    for folder in args.folders:
        stream = read_stream(folder)
        for name, stem in models:
            s = score(stream, stem)
            print(f"{folder.name}  {name}  {s['texts']}  {s['complaints']}  {s['precision']:.3f}  {s['recall']:.3f}  "
                  f"{s['f1']:.3f}  {s['chatter_flagged']:.3f} ({s['chatter_flagged_other']:.3f})  "
                  f"{s['concern_accuracy']:.3f}  {s['concern_macro_f1']:.3f}  {s['complaints_read_other']:.3f}", flush=True)


if __name__ == "__main__":
    main()
