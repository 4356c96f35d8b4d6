"""Sentiment of social posts and comments: grouped k-fold cross-validation of a third
domain in the sentiment mixture, trained on texts we wrote and labelled ourselves.

    OMP_NUM_THREADS=1 nice -n 5 python benchmarks/sentiment_social_cv.py [--data ../shared/data] [--folds 5]

Why: the shipped mixture knows students' course feedback (UIT-VSFC) and product reviews
(AIVIVN, no "neutral"). Social posts look like neither, so a job-fair notice or a post
about a great match came out "negative" (the demo's posts were 86 % negative).

Data: `tests/data/sentiment_social.jsonl` (hand-written and labelled, negative / neutral
/ positive; `--social FILE` to read another copy). Folds are groups of 10 consecutive
ids (written together), shuffled by the seed. In each fold, every candidate's parts that
read social text (the router, with a third domain "social", and the social expert) are
trained on the other folds; the feedback and reviews experts and the CNN are the shipped
files (they never read social text). Scored on the held-out fold as written and without
diacritics. Rows:
- shipped: the model as it is (two domains);
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


CANDIDATES = (
    Candidate("social expert: social only, svm"),
    Candidate("social expert: social only, blend", learner="blend"),
    Candidate("social expert: social + uit-vsfc, svm", ("uit-vsfc/train",)),
    Candidate("social expert: social x4 + uit-vsfc, svm", ("uit-vsfc/train",), social_copies=4),
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


def _score(truth: list[str], predicted: list[str]) -> dict[str, float]:
    per_class = f1_scores(truth, predicted)
    out = {"weighted F1": weighted_f1(truth, predicted), "macro F1": macro_f1(truth, predicted)}
    out.update({f"F1 {label}": per_class.get(label, (0.0, 0))[0] for label in LABELS})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None)
    parser.add_argument("--social", type=Path, default=datasets.WRITTEN_DATA / "sentiment_social.jsonl")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", nargs="*", default=None, help="candidate names to run (default: all)")
    args = parser.parse_args()
    started = time.perf_counter()

    rows = [json.loads(line) for line in args.social.open(encoding="utf-8") if line.strip()]
    texts = [r["text"] for r in rows]
    truth = np.array([r["sentiment"] for r in rows])
    folds = _folds(rows, args.folds, args.seed)
    print(f"social set: {len(rows)} texts, {args.folds} folds of {BLOCK}-id groups; labels "
          + ", ".join(f"{label} {int((truth == label).sum())}" for label in LABELS))

    shipped = ModelSet(("sentiment",))
    blend = shipped.reader("sentiment")
    assert isinstance(blend, NeuralBlend)
    experts = dict(blend.mixture.experts)
    cnn_weight = blend.weight
    task = TASKS["sentiment"]
    router_spec = next(h for h in task.heads if h.name == "sentiment-domain")

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
    ships = {variant: shipped.probabilities("sentiment", x)[1] for variant, x in inputs.items()}
    predictions["shipped (two domains)"] = {
        v: [blend.labels[i] for i in np.argmax(p, axis=1)] for v, p in ships.items()
    }
    candidates = [c for c in CANDIDATES if args.only is None or c.name in args.only]
    for candidate in candidates:
        out = {v: [""] * len(rows) for v in inputs}
        for fold in range(args.folds):
            train = np.flatnonzero(folds != fold)
            test = np.flatnonzero(folds == fold)
            social = (social_w[train], social_f[train], truth[train].tolist())
            router = _fit(
                replace(router_spec, train_sets=(*router_spec.train_sets, "social/train"),
                        set_labels={**router_spec.set_labels, "social/train": "social"}),
                [(p[0], p[1], [router_spec.set_labels[n]] * len(p[2])) for n, p in public.items()]
                + [(social[0], social[1], ["social"] * len(train))],
                args.seed,
            )  # fmt: skip
            parts = [social] * candidate.social_copies + [public[n] for n in candidate.extra_sets]
            expert = _fit(
                HeadSpec("sentiment-social", ("social/train", *candidate.extra_sets),
                         c_grid=candidate.c_grid, learner=candidate.learner),
                parts, args.seed,
            )  # fmt: skip
            mixture = Mixture({**experts, "social": expert}, router)
            model = NeuralBlend(mixture, blend.cnn, cnn_weight)
            for variant, x in fold_inputs[fold].items():
                p = model.predict_proba(x.features, x.token_ids)
                for i, k in zip(test.tolist(), np.argmax(p, axis=1).tolist(), strict=True):
                    out[variant][i] = model.labels[k]
        predictions[candidate.name] = out
        print(f"  {candidate.name}: done at {time.perf_counter() - started:.0f} s", flush=True)

    print()
    header = "| setting | variant | weighted F1 | macro F1 | F1 neg | F1 neu | F1 pos |"
    print(header)
    print("|---|---|---|---|---|---|---|")
    for name, out in predictions.items():
        for variant, predicted in out.items():
            s = _score(truth.tolist(), predicted)
            print(f"| {name} | {variant} | {s['weighted F1']:.4f} | {s['macro F1']:.4f} | "
                  f"{s['F1 negative']:.4f} | {s['F1 neutral']:.4f} | {s['F1 positive']:.4f} |")
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
