"""Does a small CNN (trained with torch, read in numpy) help the toxicity label and score?

    python benchmarks/toxicity_neural.py [--data ../shared/data] [--folds 5] [--seed 13]
                                         [--cache DIR] [--cnns plain,balanced,long]
                                         [--ensembles plain+plain.s1,plain+plain.s1+plain.s2]

Needs `pip install torch==2.13.0` (training only). Training sets only: dev and valid
choose nothing here and are not read.

1. Grouped k-fold cross-validation on ViHSD train and ViCTSD train (a text and its
   exact duplicates, after lower-casing and collapsing spaces, fall in one fold; ViHSD
   train repeats 1,490 texts). On each fold the four shipped toxicity heads (`fit_head`:
   label head, two score experts, router) and the CNNs are trained on the other folds:
   a CNN with a head per domain ("social": ViHSD clean / hate / offensive, "comments":
   ViCTSD clean / toxic), in each variant of --cnns ("plain": the sentiment CNN's
   settings; "balanced": class-balanced loss; "long": 8 epochs instead of 5; NAME.sN: the
   variant NAME trained with seed + N, the folds unchanged). Out-of-fold probabilities
   are kept, as written and without diacritics (--cache: one file per variant, reused by
   the next run).
2. Systems, all with the shipped rule for the label (clean unless the score reaches its
   threshold, then offensive or hate by the label reader):
   - label: (1 - w) x label head + w x CNN social head;
   - score: each expert's toxic probability blended with its CNN head's
     ((1 - a) x social expert + a x CNN social hate + offensive; (1 - b) x comments
     expert + b x CNN comments toxic), mixed by the router; a threshold per domain,
     mixed by the router as the shipped one is.
   An ensemble (--ensembles, variants joined by "+") reads the mean of its CNNs'
   probabilities wherever a single CNN's are read, with its own shares and thresholds.
   The criterion: the mean of ViHSD macro F1 (three labels) and ViCTSD macro F1 (toxic /
   clean), as written and without diacritics. Weights (0-1 by 0.1) and thresholds
   (0.10-0.80 by 0.02) by coordinate ascent on the criterion.
3. Honest estimates: each choice is made on the out-of-fold predictions of k - 1 folds
   and scored on the remaining fold ("nested"), so a chosen threshold is never scored on
   the texts that chose it; the in-sample optimum is printed beside it.
4. Sign tests against the shipped procedure (heads and thresholds fitted on the same
   folds), and against the shipped CNN blend (label + score, plain), on the texts where
   the two disagree in being right.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402
import zlib  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from duluan.enrich import datasets  # noqa: E402
from duluan.enrich.mixture import Mixture  # noqa: E402
from duluan.enrich.models import TASKS, TOXIC_MAP, shared_features  # noqa: E402
from duluan.enrich.neural import CnnOptions, token_ids  # noqa: E402
from duluan.enrich.training import cnn_on_rows, cnn_variant, fit_on_rows  # noqa: E402
from duluan.errors import UsageError  # noqa: E402

SETS = {"vihsd/train": "social", "victsd/train": "comments"}
KIND = ["clean", "hate", "offensive"]
HEADS = {"social": KIND, "comments": ["clean", "toxic"]}
VARIANTS = ("written", "no diacritics")
CNNS = {
    "plain": CnnOptions(),
    "balanced": CnnOptions(class_weight="balanced"),
    "long": CnnOptions(epochs=8),  # the plain CNN's best epoch was its last, 5, on every fold
}
SHIPPED_BLEND = "label + score blend, plain"
WEIGHTS = [round(0.1 * i, 1) for i in range(11)]
CUTS = [round(0.1 + 0.02 * i, 2) for i in range(36)]


def grouped_folds(texts: list[str], k: int, seed: int) -> np.ndarray:
    """The fold of each text; exact duplicates (case and spacing aside) share one."""
    keys = [zlib.crc32(" ".join(t.lower().split()).encode("utf-8", "surrogatepass")) for t in texts]
    distinct = sorted(set(keys))
    order = np.random.default_rng(seed).permutation(len(distinct))
    fold_of = {distinct[i]: n % k for n, i in enumerate(order)}
    return np.array([fold_of[key] for key in keys])


# --- 1. out-of-fold probabilities ------------------------------------------------------


def out_of_fold(
    data: dict,
    folds: dict[str, np.ndarray],
    k: int,
    seed: int,
    variants: list[str],
    log: Callable,
    linear: bool = True,
) -> dict[str, np.ndarray]:
    """Keys "set|variant|what": kind (n, 3), router (n, 2: comments, social), e_social,
    e_comments, thr (the shipped per-text threshold), cnn_NAME_social, cnn_NAME_comments.
    With `linear` False only the CNNs' keys (the linear heads are cached already)."""
    # The public sets only: our social texts (social-toxicity/train) do not enter the folds.
    task = TASKS["toxicity"].restricted_to(tuple(SETS))
    assert task.mixture is not None
    oof: dict[str, np.ndarray] = {}
    for fold in range(k):
        train_rows = {n: np.flatnonzero(folds[n] != fold) for n in SETS}
        held_rows = {n: np.flatnonzero(folds[n] == fold) for n in SETS}

        if linear:
            heads = {spec.name: fit_on_rows(spec, data, train_rows, seed) for spec in task.heads}
            mixture = Mixture(
                {d: heads[h] for d, h in task.mixture.experts.items()}, heads[task.mixture.router]
            )  # type: ignore[misc]
            assert mixture.router.labels == ["comments", "social"]
            kind = heads["toxicity-kind"]
            assert kind.labels == KIND  # type: ignore[attr-defined]
            log(f"fold {fold + 1}: linear heads")
        cnns = {}
        for name in variants:
            options, cnn_seed = cnn_variant(name, CNNS, seed)
            cnns[name] = cnn_on_rows(data, train_rows, SETS, HEADS, options, cnn_seed)
            log(f"fold {fold + 1}: CNN {name} (best epoch {cnns[name].metadata['best_epoch']})")
        for n in SETS:
            rows = held_rows[n]
            size = len(data[n]["truth"])
            for v, variant in enumerate(VARIANTS):
                found = {}
                if linear:
                    x = data[n]["x"][v][rows]
                    found["kind"] = kind.predict_proba(x)  # type: ignore[attr-defined]
                    found["router"] = mixture.domain_probabilities(x)[1]
                    found["thr"] = mixture.thresholds(x)
                    experts = mixture.expert_probabilities(x)
                    toxic = mixture.labels.index("toxic")
                    found["e_social"] = experts["social"][:, toxic]
                    found["e_comments"] = experts["comments"][:, toxic]
                ids = data[n]["ids"][v].take(rows)
                for name, cnn in cnns.items():
                    for domain, p in cnn.predict_proba(ids).items():
                        found[f"cnn_{name}_{domain}"] = p
                for what, values in found.items():
                    key = f"{n}|{variant}|{what}"
                    if key not in oof:
                        oof[key] = np.zeros((size, *values.shape[1:]))
                    oof[key][rows] = values
    return oof


# --- 2. systems ------------------------------------------------------------------------


@dataclass(frozen=True)
class System:
    """How the label and the score read the out-of-fold probabilities."""

    cnn: str = "plain"  # a variant, or several joined by "+": the mean of their probabilities
    w: float = 0.0  # the CNN's share in the label
    a: float = 0.0  # ... in the social expert's toxic probability
    b: float = 0.0  # ... in the comments expert's
    t_social: float | None = None  # None: the shipped per-text threshold (fold's experts)
    t_comments: float | None = None

    def describe(self) -> str:
        cuts = ("thresholds of the folds' experts" if self.t_social is None
                else f"thresholds {self.t_social:.2f} / {self.t_comments:.2f}")  # fmt: skip
        return f"CNN {self.cnn}, w {self.w}, a {self.a}, b {self.b}, {cuts}"


def decide(
    system: System, oof: dict[str, np.ndarray], name: str, variant: str, rows: np.ndarray
) -> np.ndarray:
    """Label ids (KIND order) on ViHSD; 0 clean / 1 toxic on ViCTSD."""

    def get(what: str) -> np.ndarray:
        return oof[f"{name}|{variant}|{what}"][rows]

    def cnn(domain: str) -> np.ndarray:
        members = system.cnn.split("+")
        return sum(get(f"cnn_{m}_{domain}") for m in members) / len(members)  # type: ignore[return-value]

    router = get("router")
    cnn_social = cnn("social")
    social = (1 - system.a) * get("e_social") + system.a * (1 - cnn_social[:, 0])
    comments = (1 - system.b) * get("e_comments") + system.b * cnn("comments")[:, 1]
    score = router[:, 0] * comments + router[:, 1] * social
    if system.t_social is None:
        cut = get("thr")
    else:
        assert system.t_comments is not None
        cut = router[:, 0] * system.t_comments + router[:, 1] * system.t_social
    toxic = score >= cut
    if name.startswith("victsd"):
        return toxic.astype(int)
    label = (1 - system.w) * get("kind") + system.w * cnn_social
    worse = np.where(label[:, 1] >= label[:, 2], 1, 2)
    return np.where(toxic, worse, 0)


def macro(truth: np.ndarray, predicted: np.ndarray, n_labels: int) -> float:
    f1 = []
    for c in range(n_labels):
        tp = np.sum((truth == c) & (predicted == c))
        total = np.sum(truth == c) + np.sum(predicted == c)
        f1.append(2 * tp / total if total else 0.0)
    return float(np.mean(f1))


def f1_toxic(truth: np.ndarray, predicted: np.ndarray) -> float:
    tp = np.sum((truth == 1) & (predicted == 1))
    return float(2 * tp / (np.sum(truth == 1) + np.sum(predicted == 1)))


def scores(system: System, oof: dict, truth: dict, rows: dict) -> dict[tuple[str, str], float]:
    out = {}
    for name in SETS:
        for variant in VARIANTS:
            predicted = decide(system, oof, name, variant, rows[name])
            out[(name, variant)] = macro(
                truth[name][rows[name]], predicted, 3 if name.startswith("vihsd") else 2
            )
    return out


def criterion(system: System, oof: dict, truth: dict, rows: dict) -> float:
    return float(np.mean(list(scores(system, oof, truth, rows).values())))


def choose(start: System, free: tuple[str, ...], oof: dict, truth: dict, rows: dict) -> System:
    """Coordinate ascent over the `free` fields ("w", "ab": a with t_social and b with
    t_comments, "cuts": both thresholds alone); ties keep the smaller CNN share."""
    best = start
    if start.t_social is None and ("ab" in free or "cuts" in free):
        best = replace(best, t_social=0.4, t_comments=0.4)
    best_value = criterion(best, oof, truth, rows)
    for _ in range(3):
        before = best
        blocks: list[list[System]] = []
        if "w" in free:
            blocks.append([replace(best, w=w) for w in WEIGHTS])
        if "ab" in free:
            blocks.append([replace(best, a=a, t_social=t) for a in WEIGHTS for t in CUTS])
            blocks.append([replace(best, b=b, t_comments=t) for b in WEIGHTS for t in CUTS])
        if "cuts" in free:
            blocks.append([replace(best, t_social=t) for t in CUTS])
            blocks.append([replace(best, t_comments=t) for t in CUTS])
        for candidates in blocks:
            for candidate in candidates:  # in order of growing CNN share: ties keep the smaller
                value = criterion(candidate, oof, truth, rows)
                if value > best_value + 1e-12:
                    best, best_value = candidate, value
        if best == before:
            break
    return best


def sign_test(truth: np.ndarray, ours: np.ndarray, theirs: np.ndarray) -> tuple[int, int, float]:
    """Texts only ours gets right, only theirs gets right, two-sided exact binomial p."""
    a, b = ours == truth, theirs == truth
    wins, losses = int(np.sum(a & ~b)), int(np.sum(~a & b))
    n, k = wins + losses, min(wins, losses)
    p = min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2**n) if n else 1.0
    return wins, losses, p


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--cache", default=None, help="Folder to keep the out-of-fold predictions in."
    )
    parser.add_argument(
        "--cnns",
        default="plain,balanced",
        help=f"CNN variants, of: {', '.join(CNNS)}; NAME.sN trains NAME with seed + N",
    )
    parser.add_argument(
        "--ensembles",
        default="",
        help="Comma-separated averages of variants joined by '+', e.g. plain+plain.s1",
    )
    args = parser.parse_args()
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {message}", flush=True)

    data = {}
    for name in SETS:
        written = datasets.load(name, args.data)
        folded = datasets.without_diacritics(written)
        buckets = CnnOptions().buckets
        data[name] = {"truth": written.labels, "texts": written.texts,
                      "x": (shared_features(written.texts), shared_features(folded.texts)),
                      "ids": (token_ids(written.texts, buckets), token_ids(folded.texts, buckets))}  # fmt: skip
    folds = {n: grouped_folds(data[n]["texts"], args.folds, args.seed) for n in SETS}
    log("features and ids ready")

    # One cache file per variant; the linear heads go in the first (the same in every run:
    # same folds and seed).
    ensembles = [e for e in args.ensembles.split(",") if e]
    variants = list(
        dict.fromkeys(args.cnns.split(",") + [m for e in ensembles for m in e.split("+")])
    )
    try:  # an unknown variant stops the run before any training
        for v in variants:
            cnn_variant(v, CNNS, args.seed)
    except UsageError as error:
        raise SystemExit(str(error)) from error
    oof: dict[str, np.ndarray] = {}
    folder = Path(args.cache) if args.cache else None
    for saved_file in (
        sorted(folder.glob(f"toxicity-oof-k{args.folds}-s{args.seed}-*.npz")) if folder else []
    ):
        with np.load(saved_file, allow_pickle=False) as saved:
            oof.update({key: saved[key] for key in saved.files})
    # One variant at a time, each written as soon as it is done: a long run cut short
    # keeps what it finished.
    for variant in [v for v in variants if f"vihsd/train|written|cnn_{v}_social" not in oof]:
        linear = "vihsd/train|written|kind" not in oof
        found = out_of_fold(data, folds, args.folds, args.seed, [variant], log, linear)
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
            name = f"toxicity-oof-k{args.folds}-s{args.seed}-{variant}.npz"
            np.savez_compressed(folder / name, **found)  # type: ignore[arg-type]
        oof.update(found)

    truth = {
        "vihsd/train": np.array([KIND.index(t) for t in data["vihsd/train"]["truth"]]),
        "victsd/train": np.array(
            [int(TOXIC_MAP.get(t, t) == "toxic") for t in data["victsd/train"]["truth"]]
        ),
    }
    every = {n: np.arange(len(truth[n])) for n in SETS}

    shipped = System()
    candidates: dict[str, tuple[System, tuple[str, ...]]] = {
        "shipped procedure": (shipped, ()),
        "thresholds only, by CV": (shipped, ("cuts",)),
    }
    for v in variants + ensembles:
        candidates[f"label + score blend, {v}"] = (System(cnn=v), ("w", "ab"))
        if ".s" in v or "+" in v:  # other seeds and averages: the shipped kind of blend only
            continue
        candidates[f"label blend (w), {v}"] = (System(cnn=v), ("w",))
        candidates[f"score blend (a, b, cuts), {v}"] = (System(cnn=v), ("ab",))
        candidates[f"CNN alone, cuts, {v}"] = (System(cnn=v, w=1.0, a=1.0, b=1.0), ("cuts",))

    print(f"\n{args.folds}-fold grouped CV on ViHSD train ({len(truth['vihsd/train']):,}) and ViCTSD train "
          f"({len(truth['victsd/train']):,}), seed {args.seed}. 'nested': chosen on k - 1 folds' out-of-fold "
          "predictions, scored on the k-th; 'in-sample': chosen and scored on all.")  # fmt: skip
    header = (f"{'system':<34} {'estimate':<10} {'ViHSD m-F1':>10} {'no diac.':>9} "
              f"{'ViCTSD m-F1':>11} {'no diac.':>9} {'F1 toxic':>9} {'no diac.':>9} {'criterion':>9}")  # fmt: skip
    print(header)
    nested_predictions: dict[str, dict[tuple[str, str], np.ndarray]] = {}
    for label, (start, free) in candidates.items():
        # Nested: each fold decided by the system chosen on the other folds.
        predicted = {(n, v): np.zeros(len(truth[n]), np.int64) for n in SETS for v in VARIANTS}
        chosen_per_fold = []
        for fold in range(args.folds):
            inside = {n: np.flatnonzero(folds[n] != fold) for n in SETS}
            outside = {n: np.flatnonzero(folds[n] == fold) for n in SETS}
            system = choose(start, free, oof, truth, inside) if free else start
            chosen_per_fold.append(system)
            for n in SETS:
                for v in VARIANTS:
                    predicted[(n, v)][outside[n]] = decide(system, oof, n, v, outside[n])
        nested_predictions[label] = predicted
        overall = choose(start, free, oof, truth, every) if free else start
        for estimate, values in (
            ("nested", {(n, v): predicted[(n, v)] for n in SETS for v in VARIANTS}),
            (
                "in-sample",
                {(n, v): decide(overall, oof, n, v, every[n]) for n in SETS for v in VARIANTS},
            ),
        ):
            m = {
                (n, v): macro(truth[n], p, 3 if n.startswith("vihsd") else 2)
                for (n, v), p in values.items()
            }
            t = {v: f1_toxic(truth["victsd/train"], values[("victsd/train", v)]) for v in VARIANTS}
            print(f"{label:<34} {estimate:<10} {m[('vihsd/train', 'written')]:>10.4f} "
                  f"{m[('vihsd/train', 'no diacritics')]:>9.4f} {m[('victsd/train', 'written')]:>11.4f} "
                  f"{m[('victsd/train', 'no diacritics')]:>9.4f} {t['written']:>9.4f} {t['no diacritics']:>9.4f} "
                  f"{np.mean(list(m.values())):>9.4f}")  # fmt: skip
        print(f"{'':<34} chosen on all folds: {overall.describe()}")
        per_fold = "; ".join(
            f"w {s.w} a {s.a} b {s.b} t {s.t_social}/{s.t_comments}" for s in chosen_per_fold
        )
        print(f"{'':<34} per fold: {per_fold}", flush=True)

    for against in ("shipped procedure", SHIPPED_BLEND):
        if against not in nested_predictions:
            continue
        print(
            f"\nAgainst '{against}' (nested predictions): texts only the system gets right / "
            "only the other, two-sided sign test"
        )
        base = nested_predictions[against]  # fitted on the same folds
        for label, predicted in nested_predictions.items():
            if label == against:
                continue
            parts = []
            for n in SETS:
                for v in VARIANTS:
                    wins, losses, p = sign_test(truth[n], predicted[(n, v)], base[(n, v)])
                    parts.append(f"{n.split('/')[0]} {v}: +{wins}/-{losses} p={p:.3f}")
            print(f"{label:<34} " + "; ".join(parts))
    log("done")


if __name__ == "__main__":
    main()
