"""Training the concern model from weak labels: `train_concern_model(data_dir, seed)`.

No labelled public data exists for civic complaints, so the labels are made here:
1. weak labels: the lexicon (concern_rules) reads news leads (TC201805, VNTC), news
   comments (UIT-ViCTSD) and product reviews (AIVIVN); the news categories and comment
   sections vote for a concern ("Suc khoe" → health, sport → other); negative reviews are
   complaints about something outside the taxonomy; composed sentences (concern_synth)
   add citizens' phrasing;
2. a first model is trained on the confident labels (class-balanced weights);
3. self-training: texts the lexicon could not decide are labelled by that model where it
   is confident, and the model is trained again on both;
4. calibration on a held-out tenth of the weak labels: a temperature for the concern
   softmax, Platt scaling for the complaint unit;
5. the gold part (concern_gold): the 1,145 hand-labelled texts of tests/data
   (concerns_eval.jsonl, concerns_dev.jsonl, concerns_more.jsonl) fit the stack that blends the heads with
   the lexicon and a gold complaint unit. The heads themselves never read a gold text.
Everything is deterministic by `seed`. The blind sets (concerns_blind*.jsonl) are never read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from ..text.features import FeatureExtractor
from .concern_gold import GOLD_PATHS, GoldData, GoldOptions, fit_gold, read_gold
from .concern_model import DEFAULT_FEATURES, LinearHeads, fit_logistic, fit_softmax
from .concern_model import fit_temperature as _fit_temperature
from .concern_rules import LexiconLabeller
from .concern_synth import compose_examples
from .concerns import CONCERN_IDS, MODEL_STEM
from .datasets import data_dir as resolve_data_dir

__all__ = [
    "TrainingReport",
    "WeakExample",
    "refit_gold_part",
    "train_concern_model",
    "weak_examples",
]

# News categories that name a concern, or say "no civic concern" (None: let the lexicon say).
TC201805_CONCERN = {
    "suc khoe": "health", "lam dep va the hinh - suc khoe": "health",
    "giao duc va viec lam - giao duc": "education",
    "giao duc va viec lam - viec lam": "jobs_wages", "bat dong san": "land_housing",
    "khoa hoc - sinh thai va moi truong": None, "chinh tri va phap luat": None,
    "con nguoi va xa hoi": None, "kinh doanh va cong nghiep": None, "tai chinh": None,
    "am thuc": None,
}  # every other TC201805 category → "other"  # fmt: skip
VNTC_CONCERN = {"Suc khoe": "health", "Chinh tri Xa hoi": None, "Doi song": None,
                "Kinh doanh": None, "Phap luat": None}  # fmt: skip
VICTSD_OTHER_SECTIONS = frozenset({"TheThao", "GiaiTri", "TheGioi", "KhoaHoc"})
PER_CATEGORY = {"tc201805": 400, "vntc": 300}
SYNTH_PER_CONCERN = 300
REVIEWS = 2000
L2 = 2e-5
CONFIDENT = 0.9  # self-training keeps predictions at least this probable


@dataclass
class WeakExample:
    """A text with whatever weak labels its sources agreed on (None: no label)."""

    text: str
    concern: str | None
    complaint: bool | None
    source: str
    weight: float = 1.0


@dataclass
class TrainingReport:
    """What a training run did, for the model card and the CLI."""

    seed: int
    examples: dict[str, int] = field(default_factory=dict)  # per source
    concern_labels: dict[str, int] = field(default_factory=dict)
    complaint_labels: dict[str, int] = field(default_factory=dict)
    self_trained: int = 0
    heldout_concern_accuracy: float = 0.0
    heldout_complaint_accuracy: float = 0.0
    concern_temperature: float = 1.0
    complaint_platt: tuple[float, float] = (1.0, 0.0)
    stack: dict[str, float] = field(default_factory=dict)
    gold_texts: int = 0
    seconds: float = 0.0
    model_path: str = ""


def _rows(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _sample_per_label(rows: list[dict], per_label: int, rng: random.Random) -> list[dict]:
    by_label: dict[str, list[dict]] = {}
    for row in rows:
        by_label.setdefault(row["label"], []).append(row)
    chosen: list[dict] = []
    for label in sorted(by_label):
        group = by_label[label]
        rng.shuffle(group)
        chosen.extend(group[:per_label])
    return chosen


def _lead(title: str, text: str, chars: int = 400) -> str:
    return (title.strip() + ". " + text.strip())[:chars]


def _concern_vote(prior: str | None, scores: dict[str, float]) -> tuple[str | None, float]:
    """Combine a category's vote with the lexicon's topic scores: (concern, weight)."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    top, top_score = ranked[0] if ranked else ("other", 0.0)
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    decisive = top_score >= 2.0 and top_score - second >= 1.0
    if prior == "other":
        # Sport or tech news can still be about a concern when the lexicon is sure.
        return (top, 0.7) if top_score >= 4.0 and decisive else ("other", 1.0)
    if prior is not None:
        if top != prior and top_score >= 4.0 and scores.get(prior, 0.0) == 0.0:
            return None, 0.0  # the category and the words disagree: leave it out
        return prior, 1.0
    if not ranked:
        return "other", 0.5
    return (top, 1.0) if decisive else (None, 0.0)


def _complaint_vote(score: float, high: float, low: float) -> bool | None:
    if score >= high:
        return True
    if score <= low:
        return False
    return None


def weak_examples(root: Path, seed: int, labeller: LexiconLabeller) -> list[WeakExample]:
    """Step 1: every weakly labelled text from the public data and the composed sentences."""
    rng = random.Random(seed)
    examples: list[WeakExample] = []

    def add(text: str, prior: str | None, source: str, high: float, low: float) -> None:
        label = labeller.label(text)
        concern, weight = _concern_vote(prior, label.concern_scores)
        complaint = _complaint_vote(label.complaint_score, high, low)
        examples.append(WeakExample(text, concern, complaint, source, weight))

    tc_rows = _sample_per_label(
        list(_rows(root / "news/tc201805.jsonl.gz")), PER_CATEGORY["tc201805"], rng
    )
    for row in tc_rows:
        prior = TC201805_CONCERN.get(row["label"], "other")
        add(_lead(row.get("title", ""), row.get("text", "")), prior, "tc201805", 3.0, 0.5)
    vntc_rows = _sample_per_label(
        list(_rows(root / "news/vntc-train.jsonl.gz")), PER_CATEGORY["vntc"], rng
    )
    for row in vntc_rows:
        prior = VNTC_CONCERN.get(row["label"], "other")
        add(_lead(row.get("title", ""), row.get("text", "")), prior, "vntc", 3.0, 0.5)
    for split in ("train", "valid"):
        for row in _rows(root / f"toxicity/victsd-{split}.jsonl.gz"):
            prior = "other" if row.get("section") in VICTSD_OTHER_SECTIONS else None
            add(row["text"], prior, "victsd", 2.5, 0.0)
    reviews = list(_rows(root / "sentiment/aivivn-train.jsonl.gz"))
    rng.shuffle(reviews)
    for wanted in ("negative", "positive"):
        picked = [r for r in reviews if r["sentiment"] == wanted][: REVIEWS // 2]
        for row in picked:
            # Reviews teach complaint phrasing only: their topics (food, delivery) would
            # teach the concern head that food is never a food-safety matter.
            examples.append(WeakExample(row["text"], None, wanted == "negative", "aivivn"))
    for text, complaint, concern in compose_examples(SYNTH_PER_CONCERN, seed):
        examples.append(WeakExample(text, concern, complaint, "composed", 1.0))
    return examples


def _balanced(labels: list[str], base: np.ndarray) -> np.ndarray:
    counts = Counter(labels)
    scale = {k: len(labels) / (len(counts) * v) for k, v in counts.items()}
    return base * np.array([min(max(scale[k], 0.2), 10.0) for k in labels])


def _platt(logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Logistic regression on one feature (the raw complaint logit): (scale, shift)."""
    x = sp.csr_matrix(logits[:, None])
    coef, bias = fit_logistic(x, y, np.ones(len(y)), l2=1e-6, max_iter=200)
    return float(coef[0]), bias


def train_concern_model(
    data_dir: str | Path | None = None,
    seed: int = 13,
    out: Path | None = None,
    gold_paths: Sequence[Path] = GOLD_PATHS,
    gold_options: GoldOptions | None = None,
) -> TrainingReport:
    """Train and save the concern model from ../shared/data (or `data_dir`)."""
    started = time.perf_counter()
    root = resolve_data_dir(data_dir)
    labeller = LexiconLabeller()
    examples = weak_examples(root, seed, labeller)
    report = TrainingReport(seed=seed, examples=dict(Counter(e.source for e in examples)))

    # Hold out a tenth of the public-data labels for calibration, by a seeded draw.
    rng = np.random.default_rng(seed)
    heldout = (rng.random(len(examples)) < 0.1) & np.array(
        [e.source != "composed" for e in examples]
    )
    x_all = FeatureExtractor(DEFAULT_FEATURES).transform([e.text for e in examples])
    index = {label: i for i, label in enumerate(CONCERN_IDS)}

    def fit(extra: list[tuple[int, str]]) -> LinearHeads:
        rows = [i for i, e in enumerate(examples) if e.concern and not heldout[i]]
        labels = [examples[i].concern or "" for i in rows]
        weights = np.array([examples[i].weight for i in rows])
        rows += [i for i, _ in extra]
        labels += [label for _, label in extra]
        weights = np.concatenate([weights, np.full(len(extra), 0.5)])
        concern_coef, concern_bias = fit_softmax(
            x_all[rows], np.array([index[k] for k in labels]), len(CONCERN_IDS),
            _balanced(labels, weights), L2,
        )  # fmt: skip
        crow = [i for i, e in enumerate(examples) if e.complaint is not None and not heldout[i]]
        cy = np.array([bool(examples[i].complaint) for i in crow])
        cweights = _balanced([str(v) for v in cy], np.ones(len(crow)))
        complaint_coef, complaint_bias = fit_logistic(x_all[crow], cy, cweights, L2)
        return LinearHeads(
            labels=list(CONCERN_IDS),
            concern_coef=concern_coef.astype(np.float32),
            concern_bias=concern_bias,
            complaint_coef=complaint_coef.astype(np.float32),
            complaint_bias=complaint_bias,
            options=DEFAULT_FEATURES,
        )

    # 2. first model; 3. self-training on the texts the lexicon left undecided.
    model = fit([])
    pool = [
        i
        for i, e in enumerate(examples)
        if e.concern is None and e.source != "aivivn" and not heldout[i]
    ]
    extra: list[tuple[int, str]] = []
    if pool:
        probs, _ = model.predict_rows(x_all[pool])
        for i, row in zip(pool, probs, strict=True):
            if row.max() >= CONFIDENT:
                extra.append((i, CONCERN_IDS[int(row.argmax())]))
        model = fit(extra)
    report.self_trained = len(extra)

    # 4. calibration on the held-out weak labels.
    cal = [i for i in np.flatnonzero(heldout) if examples[i].concern]
    logits, _ = model.raw_scores(x_all[cal])
    y = np.array([index[examples[i].concern or ""] for i in cal])
    model.concern_temperature = _fit_temperature(logits, y)
    report.heldout_concern_accuracy = float((logits.argmax(axis=1) == y).mean())
    ccal = [i for i in np.flatnonzero(heldout) if examples[i].complaint is not None]
    _, zc = model.raw_scores(x_all[ccal])
    cy = np.array([bool(examples[i].complaint) for i in ccal])
    model.complaint_scale, model.complaint_shift = _platt(zc, cy)
    report.heldout_complaint_accuracy = float(((zc > 0) == cy).mean())
    report.concern_temperature = model.concern_temperature
    report.complaint_platt = (model.complaint_scale, model.complaint_shift)

    # 5. the gold part: stack weights and the gold complaint unit, on every gold text. It
    # reads the heads as they will be stored (int8), so that a refit from the saved file
    # (refit_gold_part, --gold-only) gives this very model.
    model = model.quantised()
    gold = read_gold(gold_paths)
    if gold:
        data = GoldData.build(model, gold)
        options = gold_options or GoldOptions()
        model = fit_gold(model, data, np.arange(len(gold)), options, seed)
        report.stack = dict(model.stack)
        report.gold_texts = len(gold)

    labelled = [e for e in examples if e.concern]
    report.concern_labels = dict(Counter(e.concern or "" for e in labelled))
    report.complaint_labels = dict(
        Counter(str(e.complaint) for e in examples if e.complaint is not None)
    )
    report.seconds = round(time.perf_counter() - started, 1)
    stem = out or MODEL_STEM
    model.meta = {"seed": seed, "training": {k: v for k, v in vars(report).items()}}
    model.save(stem)
    report.model_path = str(stem.with_suffix(".npz"))
    return report


def refit_gold_part(
    seed: int = 13,
    source: Path | None = None,
    out: Path | None = None,
    gold_paths: Sequence[Path] = GOLD_PATHS,
    gold_options: GoldOptions | None = None,
) -> TrainingReport:
    """Step 5 alone: refit the gold part of the model at `source` (default: shipped) and
    save it to `out` (default: `source`). The heads read no gold text, so this gives the
    model a full training run would, in seconds, after the gold texts or options change."""
    started = time.perf_counter()
    stem = source or MODEL_STEM
    loaded = LinearHeads.load(stem)
    heads = replace(loaded, gold_complaint_coef=None, gold_complaint_bias=0.0, stack={})
    gold = read_gold(gold_paths)
    model = fit_gold(heads, GoldData.build(heads, gold), np.arange(len(gold)),
                     gold_options or GoldOptions(), seed)  # fmt: skip
    training = dict(loaded.meta.get("training", {}))
    training.update(seed=seed, stack=dict(model.stack), gold_texts=len(gold))
    model.meta = {**loaded.meta, "seed": seed, "training": training}
    model.save(out or stem)
    report = TrainingReport(
        **{k: v for k, v in training.items() if k in TrainingReport.__dataclass_fields__}
    )
    report.seconds = round(time.perf_counter() - started, 1)
    report.model_path = str((out or stem).with_suffix(".npz"))
    return report


def main(argv: list[str] | None = None) -> None:
    """`python -m duluan.enrich.concern_training --data DIR --seed N`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="data folder (default $DULUAN_DATA)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=None, help="model stem (default: shipped)")
    parser.add_argument(
        "--gold-only", type=Path, nargs="?", const=MODEL_STEM, default=None, metavar="STEM",
        help="refit only the gold part of the model at STEM (default: shipped), seconds",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.gold_only is not None:
        report = refit_gold_part(args.seed, args.gold_only, args.out)
    else:
        report = train_concern_model(args.data, args.seed, args.out)
    print(json.dumps(vars(report), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
