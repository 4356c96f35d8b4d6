"""Sentiment of social posts and comments: grouped k-fold cross-validation of a third
domain in the sentiment mixture, trained on texts we wrote and labelled ourselves.

    OMP_NUM_THREADS=1 nice -n 5 python benchmarks/sentiment_social_cv.py [--data ../shared/data] [--folds 5]

Why: the shipped mixture knows students' course feedback (UIT-VSFC) and product reviews
(AIVIVN, no "neutral"). Social posts look like neither, so a job-fair notice or a post
about a great match came out "negative" (the demo's posts were 86 % negative).

Data: the social training files, `datasets.SOCIAL_TRAIN_FILES` in tests/data
(hand-written and labelled by three writers, negative / neutral / positive; `--social
FILE...` to read others). `--dev FILE` also scores every setting, trained on all of `--social`, on a set
by another writer (how the learner was chosen: `--social tests/data/sentiment_social.jsonl
--dev tests/data/sentiment_social_dev.jsonl`, before the dev texts joined training). Folds are groups of 10 consecutive
ids (written together), shuffled by the seed. In each fold, every candidate's parts that
read social text (the router, with a third domain "social", and the social expert) are
trained on the other folds; the feedback and reviews experts and the CNN are the shipped
files (they never read social text). Scored on the held-out fold as written and without
diacritics. Rows:
- before: the feedback and reviews experts, the CNN and a router on the two public sets
  (the model before the social domain);
- the candidates below, each a social expert's training sets and learner.
The UIT-VSFC and AIVIVN scores of the chosen setting are measured by `duluan models eval
sentiment` after training (dev, looked at once), not here.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from duluan.enrich import datasets
from duluan.enrich.blend import NeuralBlend
from duluan.enrich.mixture import Mixture
from duluan.enrich.models import TASKS, ModelSet, model_inputs
from duluan.enrich.scoring import f1_scores, macro_f1, weighted_f1
from duluan.enrich.training import HeadSpec, fit_head
from duluan.text.fold import fold_keep_case

BLOCK = 10
LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Candidate:
    name: str
    extra_sets: tuple[str, ...] = ()  # public sets the social expert also reads
    social_copies: int = 1  # each social text seen this many times (against a big set)
    learner: str = "svm"
    c_grid: tuple[float, ...] = (0.1, 0.3, 1.0)
    extra_rows: int | None = None  # a seeded sample of this many rows of each extra set


BOTH = ("uit-vsfc/train", "aivivn/train")
CANDIDATES = (
    Candidate("social only, svm"),
    Candidate("social only, blend", learner="blend"),
    Candidate("social only, nbsvm", learner="nbsvm"),
    Candidate("social only, nbsvm, C 0.1", learner="nbsvm", c_grid=(0.1,)),
    Candidate("social + uit-vsfc, svm", ("uit-vsfc/train",)),
    Candidate("social x4 + uit-vsfc, svm", ("uit-vsfc/train",), social_copies=4),
    Candidate("social x4 + uit-vsfc, nbsvm", ("uit-vsfc/train",), social_copies=4, learner="nbsvm"),
    Candidate("social + both, nbsvm", BOTH, learner="nbsvm"),
    Candidate("social x4 + both, nbsvm", BOTH, social_copies=4, learner="nbsvm"),
    Candidate("social x8 + both, nbsvm", BOTH, social_copies=8, learner="nbsvm"),
    Candidate("social + 1,000 of each public set, blend", BOTH, learner="blend", extra_rows=1000),
    Candidate("social + 3,000 of each public set, blend", BOTH, learner="blend", extra_rows=3000),
    Candidate("social x2 + 3,000 of each public set, blend", BOTH, social_copies=2, learner="blend",
              extra_rows=3000),
)


def _folds(rows: list[dict], k: int, seed: int) -> np.ndarray:
    blocks = np.array([i // BLOCK for i in range(len(rows))])
    order = np.random.default_rng(seed).permutation(blocks.max() + 1)
    return order[blocks] % k


def _features(texts: list[str]) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    return model_inputs(texts).features, model_inputs([fold_keep_case(t) for t in texts]).features


def _fit(spec: HeadSpec, parts: list[tuple[sp.csr_matrix, sp.csr_matrix, list[str]]], seed: int):
    written = sp.vstack([p[0] for p in parts]).tocsr()
    folded = sp.vstack([p[1] for p in parts]).tocsr()
    labels = [label for p in parts for label in p[2]]
    model, _ = fit_head(written, folded, labels, spec, seed)
    return model


def _sample(part, rows: int | None, seed: int):
    if rows is None or rows >= part[0].shape[0]:
        return part
    keep = np.sort(np.random.default_rng(seed).choice(part[0].shape[0], rows, replace=False))
    return part[0][keep], part[1][keep], [part[2][i] for i in keep]


def _score(truth: list[str], predicted: list[str]) -> dict[str, float]:
    per_class = f1_scores(truth, predicted)
    out = {"weighted F1": weighted_f1(truth, predicted), "macro F1": macro_f1(truth, predicted)}
    out.update({f"F1 {label}": per_class.get(label, (0.0, 0))[0] for label in LABELS})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None)
    parser.add_argument("--social", type=Path, nargs="+",
                        default=[datasets.WRITTEN_DATA / f for f in datasets.SOCIAL_TRAIN_FILES])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dev", type=Path, default=None,
                        help="a labelled social set by another writer, to choose between settings")
    parser.add_argument("--only", nargs="*", default=None, help="candidate names to run (default: all)")
    args = parser.parse_args()
    started = time.perf_counter()

    rows = [json.loads(line) for path in args.social for line in path.open(encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in rows]
    truth = np.array([r["sentiment"] for r in rows])
    folds = _folds(rows, args.folds, args.seed)
    print(f"social set: {len(rows)} texts, {args.folds} folds of {BLOCK}-id groups; labels "
          + ", ".join(f"{label} {int((truth == label).sum())}" for label in LABELS))

    task = TASKS["sentiment"]
    assert task.cnn is not None
    shipped = ModelSet(("sentiment",))
    experts = {"feedback": shipped.head("sentiment-feedback"), "reviews": shipped.head("sentiment-reviews")}
    cnn = shipped.cnn(task.cnn.name)
    cnn_weight = task.cnn.weight
    # The router as it was before the social domain: the two public sets only.
    shipped_router = next(h for h in task.heads if h.name == "sentiment-domain")
    router_spec = replace(
        shipped_router,
        train_sets=("uit-vsfc/train", "aivivn/train"),
        set_labels={"uit-vsfc/train": "feedback", "aivivn/train": "reviews"},
    )

    public: dict[str, tuple[sp.csr_matrix, sp.csr_matrix, list[str]]] = {}
    for name in ("uit-vsfc/train", "aivivn/train"):
        data = datasets.load(name, args.data)
        public[name] = (*_features(data.texts), data.labels)
    social_w, social_f = _features(texts)
    variants = {"written": texts, "no diacritics": [fold_keep_case(t) for t in texts]}
    inputs = {variant: model_inputs(v) for variant, v in variants.items()}
    fold_inputs = [
        {variant: model_inputs([v[i] for i in np.flatnonzero(folds == fold)]) for variant, v in variants.items()}
        for fold in range(args.folds)
    ]
    print(f"features ready in {time.perf_counter() - started:.0f} s")

    predictions: dict[str, dict[str, list[str]]] = {}
    dev_predictions: dict[str, dict[str, list[str]]] = {}
    two_domains = _fit(router_spec, [(p[0], p[1], [router_spec.set_labels[n]] * len(p[2])) for n, p in public.items()], args.seed)
    before = NeuralBlend(Mixture(experts, two_domains), cnn, cnn_weight)

    def label(model: NeuralBlend, x) -> list[str]:
        return [model.labels[i] for i in np.argmax(model.predict_proba(x.features, x.token_ids), axis=1)]

    predictions["before: two domains"] = {v: label(before, x) for v, x in inputs.items()}
    dev = None
    if args.dev is not None:
        dev_rows = [json.loads(line) for line in args.dev.open(encoding="utf-8") if line.strip()]
        dev_truth = [r["sentiment"] for r in dev_rows]
        dev = {v: model_inputs([r["text"] if v == "written" else fold_keep_case(r["text"]) for r in dev_rows])
               for v in variants}  # fmt: skip
        dev_predictions["before: two domains"] = {v: label(before, x) for v, x in dev.items()}

    def build(candidate: Candidate, train: np.ndarray) -> NeuralBlend:
        social = (social_w[train], social_f[train], truth[train].tolist())
        router = _fit(
            replace(router_spec, train_sets=(*router_spec.train_sets, "social/train"),
                    set_labels={**router_spec.set_labels, "social/train": "social"}),
            [(p[0], p[1], [router_spec.set_labels[n]] * len(p[2])) for n, p in public.items()]
            + [(social[0], social[1], ["social"] * len(train))],
            args.seed,
        )  # fmt: skip
        parts = [social] * candidate.social_copies + [
            _sample(public[n], candidate.extra_rows, args.seed) for n in candidate.extra_sets
        ]
        expert = _fit(
            HeadSpec("sentiment-social", ("social/train", *candidate.extra_sets),
                     c_grid=candidate.c_grid, learner=candidate.learner),
            parts, args.seed,
        )  # fmt: skip
        return NeuralBlend(Mixture({**experts, "social": expert}, router), cnn, cnn_weight)

    candidates = [c for c in CANDIDATES if args.only is None or c.name in args.only]
    for candidate in candidates:
        out = {v: [""] * len(rows) for v in inputs}
        for fold in range(args.folds):
            model = build(candidate, np.flatnonzero(folds != fold))
            test = np.flatnonzero(folds == fold)
            for variant, x in fold_inputs[fold].items():
                for i, said in zip(test.tolist(), label(model, x), strict=True):
                    out[variant][i] = said
        predictions[candidate.name] = out
        if dev is not None:
            model = build(candidate, np.arange(len(rows)))
            dev_predictions[candidate.name] = {v: label(model, x) for v, x in dev.items()}
        print(f"  {candidate.name}: done at {time.perf_counter() - started:.0f} s", flush=True)

    print("\ngrouped cross-validation on the social set")
    _table(truth.tolist(), predictions)
    if dev is not None:
        print(f"\n{args.dev} (another writer; every setting trained on the whole social set)")
        _table(dev_truth, dev_predictions)
    print(f"\n{time.perf_counter() - started:.0f} s")


def _table(truth: list[str], predictions: dict[str, dict[str, list[str]]]) -> None:
    print()
    header = "| setting | variant | weighted F1 | macro F1 | F1 neg | F1 neu | F1 pos |"
    print(header)
    print("|---|---|---|---|---|---|---|")
    for name, out in predictions.items():
        for variant, predicted in out.items():
            s = _score(truth, predicted)
            print(f"| {name} | {variant} | {s['weighted F1']:.4f} | {s['macro F1']:.4f} | "
                  f"{s['F1 negative']:.4f} | {s['F1 neutral']:.4f} | {s['F1 positive']:.4f} |")


if __name__ == "__main__":
    main()
