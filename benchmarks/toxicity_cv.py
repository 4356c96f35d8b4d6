"""k-fold cross-validation of toxicity-score candidates on ViCTSD train (dev chooses nothing).

    python benchmarks/toxicity_cv.py [--data ../shared/data] [--folds 5] [--seed 13]

ViCTSD train is cut into k seeded folds. For each fold every candidate head is trained by
the shipped procedure (`fit_head`: C grid, temperature and F1-best threshold on a seeded
slice of its own training rows) on the other folds (plus all of ViHSD train where the
candidate reads it) and scored on the fold: F1 of "toxic" at the head's threshold, as
written and without diacritics. Then each candidate is trained on all of ViCTSD train
and scored on ViCTSD valid, the split `duluan models eval toxicity` reports, and on ViHSD
dev (offensive and hate read as toxic), to see what a candidate costs on other data.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np
import scipy.sparse as sp

from duluan.enrich import datasets
from duluan.enrich.linear import LinearModel
from duluan.enrich.mixture import Mixture
from duluan.enrich.models import TASKS, TOXIC_MAP, shared_features, thresholds
from duluan.enrich.scoring import f1_scores, macro_f1
from duluan.enrich.training import HeadSpec, fit_head

CANDIDATES = {
    "vihsd+victsd (one head, before)": HeadSpec(
        "toxicity-score", ("vihsd/train", "victsd/train"), label_map=TOXIC_MAP,
        c_grid=(0.1, 0.3, 1.0), positive="toxic",
    ),
    "victsd only, svm": HeadSpec(
        "toxicity-score", ("victsd/train",), c_grid=(0.1, 0.3, 1.0), positive="toxic",
    ),
    "victsd only, nbsvm": HeadSpec(
        "toxicity-score", ("victsd/train",), c_grid=(0.1, 0.3, 1.0), positive="toxic",
        learner="nbsvm",
    ),
    "victsd only, svm, low C": HeadSpec(
        "toxicity-score", ("victsd/train",), c_grid=(0.03, 0.1, 0.3), positive="toxic",
    ),
    "victsd only, blend": HeadSpec(
        "toxicity-score", ("victsd/train",), c_grid=(0.1, 0.3, 1.0), positive="toxic",
        learner="blend",
    ),
    "victsd only, svm, 30% slice": HeadSpec(
        "toxicity-score", ("victsd/train",), c_grid=(0.1, 0.3, 1.0), positive="toxic",
        holdout=0.3,
    ),
}  # fmt: skip


MIXTURE = "mixture: vihsd + victsd experts"  # the shipped toxicity-score since this run
# The public sets only: our social texts (social-toxicity/train) do not enter these folds.
TASK = TASKS["toxicity"].restricted_to(("vihsd/train", "victsd/train"))
assert TASK.mixture is not None


def said_toxic(model: LinearModel | Mixture, x: sp.csr_matrix) -> np.ndarray:
    p = model.predict_proba(x)[:, model.labels.index("toxic")]
    return np.where(p >= thresholds(model, x), "toxic", "clean")


def toxic_scores(model: LinearModel | Mixture, x: sp.csr_matrix, truth: np.ndarray) -> tuple[float, float]:
    predicted = said_toxic(model, x)
    f1 = f1_scores(truth.tolist(), predicted.tolist())["toxic"][0]
    return f1, macro_f1(truth.tolist(), predicted.tolist())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--only", default="", help="Run the candidates whose name has this text.")
    args = parser.parse_args()
    started = time.perf_counter()

    data = {}
    for name in ("vihsd/train", "victsd/train", "victsd/valid", "vihsd/dev"):
        written = datasets.load(name, args.data)
        folded = datasets.without_diacritics(written)
        labels = np.asarray([TOXIC_MAP.get(label, label) for label in written.labels])
        data[name] = (shared_features(written.texts), shared_features(folded.texts), labels)
    n = len(data["victsd/train"][2])
    folds = np.array_split(np.random.default_rng(args.seed).permutation(n), args.folds)

    def fit(spec: HeadSpec | str, victsd_rows: np.ndarray) -> LinearModel | Mixture:
        if spec == MIXTURE:
            assert TASK.mixture is not None
            heads = {h.name: h for h in TASK.heads}
            experts = {d: fit(heads[h], victsd_rows) for d, h in TASK.mixture.experts.items()}
            router = fit(heads[TASK.mixture.router], victsd_rows)
            assert isinstance(router, LinearModel)
            return Mixture({d: e for d, e in experts.items() if isinstance(e, LinearModel)}, router)
        assert isinstance(spec, HeadSpec)
        rows = {s: np.arange(len(data[s][2])) for s in spec.train_sets}
        rows["victsd/train"] = victsd_rows
        written = sp.vstack([data[s][0][rows[s]] for s in spec.train_sets]).tocsr()
        folded = sp.vstack([data[s][1][rows[s]] for s in spec.train_sets]).tocsr()
        labels = [spec.set_labels.get(s, str(y)) for s in spec.train_sets for y in data[s][2][rows[s]]]
        return fit_head(written, folded, labels, spec, args.seed, {})[0].rounded()

    print(f"{'candidate':<24} {'where':<34} {'F1 toxic':>9} {'macro F1':>9}")
    for name, spec in [*CANDIDATES.items(), (MIXTURE, MIXTURE)]:
        if args.only not in name:
            continue
        said = {"written": [], "no diacritics": []}
        for k in range(args.folds):
            train = np.concatenate([f for j, f in enumerate(folds) if j != k])
            model = fit(spec, train)
            truth = data["victsd/train"][2][folds[k]]
            for variant, column in (("written", 0), ("no diacritics", 1)):
                x = data["victsd/train"][column][folds[k]]
                said[variant].append((truth, said_toxic(model, x)))
        for variant, parts in said.items():
            truth = np.concatenate([t for t, _ in parts]).tolist()
            predicted = np.concatenate([p for _, p in parts]).tolist()
            print(f"{name:<24} {f'{args.folds}-fold CV, ' + variant:<34} "
                  f"{f1_scores(truth, predicted)['toxic'][0]:>9.4f} {macro_f1(truth, predicted):>9.4f}")  # fmt: skip
        model = fit(spec, np.arange(n))
        valid = data["victsd/valid"]
        for variant, column in (("written", 0), ("no diacritics", 1)):
            f1, macro = toxic_scores(model, valid[column], valid[2])
            print(f"{name:<24} {'valid, ' + variant:<34} {f1:>9.4f} {macro:>9.4f}", flush=True)
        # Other data, other annotators: ViHSD dev with offensive + hate read as toxic.
        f1, macro = toxic_scores(model, data["vihsd/dev"][0], data["vihsd/dev"][2])
        print(f"{name:<24} {'ViHSD dev (offensive+hate)':<34} {f1:>9.4f} {macro:>9.4f}", flush=True)
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
