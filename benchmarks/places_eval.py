"""Precision, recall and F1 of `find_places` per level on tests/data/places_eval.jsonl.

The set is run twice: as written, then with every diacritic removed (the copy people
type on phones without a Vietnamese keyboard). Rows with "split": "heldout" were written
after the resolver was tuned on the "dev" rows and never tuned on; they are also scored
on their own, as the fairer estimate. Rows with "split": "fresh" (100 sentences) were
written later by a colleague who never read or ran the resolver; they were scored once
before and once after a change made without seeing them, then their errors were read
(see benchmarks/RESULTS.md). Rows with "split": "fresh2" (120 sentences) were written the
same way by another colleague and scored blind once, before any change made after
reading them. The two fresh sets disagree on one rule: "fresh2" counts a province named
inside an organisation's name ("Đại học Quốc gia TP.HCM") as a mention, the older rows do
not. A predicted mention is right when its span
overlaps a gold mention of the same level and it names the same unit code; where the
gold mention is ambiguous in the text itself (code null: "xã Tân Thành" with no province
nearby), it is right only if it reports no code and several candidates.

Usage: python benchmarks/places_eval.py [--data FILE]
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from duluan.text.fold import fold_keep_case
from duluan.text.places import PlaceMention, find_places
from duluan.text.places_gazetteer import load_gazetteer

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "places_eval.jsonl"
LEVELS = ("province", "district", "ward")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    levels: dict[str, Score] = field(default_factory=lambda: {lv: Score() for lv in LEVELS})
    era_right: int = 0
    province_right: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def matched(self) -> int:
        return sum(s.tp for s in self.levels.values())


def load_rows(path: Path = DATA) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def without_diacritics(rows: list[dict]) -> list[dict]:
    """The same rows with diacritics removed; spans stay valid (one letter for one)."""
    out = []
    for row in rows:
        text = fold_keep_case(row["text"])
        assert len(text) == len(row["text"]), row["id"]
        mentions = [dict(m, surface=text[m["start"] : m["end"]]) for m in row["mentions"]]
        out.append(dict(row, text=text, mentions=mentions, diacritics=False))
    return out


def _right(gold: dict, pred: PlaceMention) -> bool:
    if gold["code"] is None:
        return pred.code is None and len(pred.candidates) > 1
    return pred.code == gold["code"]


def evaluate(rows: list[dict]) -> Report:
    report = Report()
    for row in rows:
        preds = find_places(row["text"])
        used: set[int] = set()
        for gold in row["mentions"]:
            hit = None
            for n, pred in enumerate(preds):
                overlap = pred.start < gold["end"] and gold["start"] < pred.end
                if n not in used and overlap and pred.level == gold["level"] and _right(gold, pred):
                    hit = n
                    break
            score = report.levels[gold["level"]]
            if hit is None:
                score.fn += 1
                report.errors.append(
                    f"{row['id']} FN {gold['surface']!r} {gold['level']} {gold['code']}"
                )
                continue
            used.add(hit)
            score.tp += 1
            pred = preds[hit]
            report.era_right += gold["era"] is None or pred.era == gold["era"]
            report.province_right += gold["province_new"] in (None, pred.province_code_new)
        for n, pred in enumerate(preds):
            if n not in used:
                report.levels[pred.level].fp += 1
                report.errors.append(
                    f"{row['id']} FP {pred.surface!r} {pred.level} {pred.code} {pred.candidates[:3]}"
                )
    return report


def print_report(title: str, report: Report) -> None:
    print(f"\n{title}")
    print(f"  {'level':<9} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for level, s in report.levels.items():
        print(
            f"  {level:<9} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}"
        )
    if report.matched:
        print(f"  era right on {report.era_right / report.matched:.3f} of matched mentions, "
              f"new province right on {report.province_right / report.matched:.3f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--errors", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    rows = load_rows(args.data)
    started = time.perf_counter()
    load_gazetteer()
    print(f"gazetteer loaded in {time.perf_counter() - started:.2f} s")
    n_mentions = sum(len(r["mentions"]) for r in rows)
    print(f"{len(rows)} sentences, {n_mentions} gold mentions, "
          f"{sum(not r['mentions'] for r in rows)} sentences without a place")  # fmt: skip
    runs = [("all, as written", rows), ("all, without diacritics", without_diacritics(rows))]
    for split, name in (("heldout", "held-out"), ("fresh", "fresh"), ("fresh2", "fresh2")):
        part = [r for r in rows if r.get("split") == split]
        if part:
            runs += [
                (f"{name} ({len(part)} sentences), as written", part),
                (f"{name}, without diacritics", without_diacritics(part)),
            ]
    for title, data in runs:
        report = evaluate(data)
        print_report(title, report)
        if args.errors:
            print("\n".join("    " + e for e in report.errors))

    text = "\n".join(r["text"] for r in rows)
    text = (text + "\n") * max(1, 2_000_000 // len(text))
    started = time.perf_counter()
    found = len(find_places(text))
    seconds = time.perf_counter() - started
    print(f"\nspeed: {len(text) / seconds / 1e6:.2f} M chars/s "
          f"({len(text) / 1e6:.1f} M chars of eval text, {found} mentions, {seconds:.2f} s, one core)")  # fmt: skip


if __name__ == "__main__":
    main()
