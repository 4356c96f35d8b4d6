"""Does a small CNN (trained with torch, read in numpy) blended with the sentiment mixture help?

    python benchmarks/sentiment_neural.py [--data ../shared/data] [--folds 5] [--seed 13]
                                          [--cache DIR] [--cnns plain,plain.s1,plain.s2]
                                          [--ensembles plain+plain.s1,plain+plain.s1+plain.s2]
                                          [--no-dev]

Needs `pip install torch==2.13.0` (training only). Three systems, as written and
without diacritics:
- mixture: the shipped per-domain linear mixture (`sentiment.md`);
- cnn: `duluan.enrich.neural` (hashed syllable + folded-syllable embeddings, widths 1-3,
  max + mean pooling, a head per domain), its two heads mixed by the mixture's router;
- blend: the two combined, by the mean of probabilities or log-linearly, with one weight.

1. k-fold cross-validation on the training sets (the folds of `sentiment_cv.py`): on
   each fold every mixture head (`fit_head`) and the CNNs are trained on the other folds:
   each variant of --cnns ("plain": the shipped settings; NAME.sN: NAME trained with
   seed + N, the folds unchanged). --cache keeps the out-of-fold probabilities, one file
   per variant (the mixture's in the first), reused by the next run.
   An ensemble (--ensembles, variants joined by "+") reads the mean of its CNNs'
   probabilities wherever a single CNN's are read.
   Each CNN's or ensemble's blend kind and weight are chosen here, on the out-of-fold
   predictions only (mean of UIT-VSFC weighted F1 and AIVIVN F1 negative, as written and
   folded).
2. Dev (UIT-VSFC dev, AIVIVN eval; skipped with --no-dev): the shipped mixture files, the
   plain CNN trained on all of both training sets, its blend as chosen in 1. Dev chooses
   nothing.
3. Sign tests on the texts where two systems disagree in being right: each blend against
   the mixture, and each other blend against the plain CNN's.
4. Speed of the CNN in numpy on short posts (UIT-VSFC dev + ViHSD dev), one core.
"""

from __future__ import annotations

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from duluan.enrich import datasets  # noqa: E402
from duluan.enrich.blend import NeuralBlend  # noqa: E402
from duluan.enrich.mixture import Mixture  # noqa: E402
from duluan.enrich.models import TASKS, ModelSet, shared_features  # noqa: E402
from duluan.enrich.neural import CnnModel, CnnOptions, TokenIds, token_ids, train_cnn  # noqa: E402
from duluan.enrich.scoring import expected_calibration_error, f1_scores, macro_f1, weighted_f1  # noqa: E402
from duluan.enrich.training import cnn_on_rows, cnn_variant, fit_on_rows  # noqa: E402
from duluan.errors import UsageError  # noqa: E402

SETS = {"uit-vsfc/train": "feedback", "aivivn/train": "reviews"}
DEV = {"uit-vsfc/train": "uit-vsfc/dev", "aivivn/train": "aivivn/eval"}
LABELS = ["negative", "neutral", "positive"]
HEADS = {"feedback": LABELS, "reviews": ["negative", "positive"]}
DOMAINS = ["feedback", "reviews"]  # the router's order in the folds (restricted to SETS)
VARIANTS = ("written", "no diacritics")
CNNS = {"plain": CnnOptions()}


def cnn_mixed(
    cnn: CnnModel, ids: TokenIds, router_weights: np.ndarray, domains: list[str],
    experts: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """The CNN's heads over LABELS (0 for a label a head lacks), weighted by the router; a
    domain the CNN has no head for lends its expert's probabilities (`experts`), as the
    shipped blend does."""
    heads = cnn.predict_proba(ids)
    mixed = np.zeros((len(ids.offsets) - 1, len(LABELS)))
    for j, domain in enumerate(domains):
        if domain not in cnn.heads:
            if experts is None:
                raise ValueError(f"the CNN has no head for domain {domain!r} and no expert is lent")
            mixed += router_weights[:, j : j + 1] * experts[domain]
            continue
        full = np.zeros_like(mixed)
        full[:, [LABELS.index(label) for label in cnn.heads[domain]]] = heads[domain]
        mixed += router_weights[:, j : j + 1] * full
    return mixed


def out_of_fold(
    data: dict,
    folds: dict[str, list[np.ndarray]],
    seed: int,
    variants: list[str],
    log: Callable,
    routers: dict[str, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Out-of-fold probabilities over LABELS, keyed "set|variant|what": "mixture", "router"
    (the fold's router weights over DOMAINS) and "cnn_NAME" (its heads mixed by that
    router). Given the `routers` of an earlier run (same folds and seed), the linear heads
    are not trained again and only the CNNs' keys are returned."""
    task = TASKS["sentiment"].restricted_to(list(SETS))  # the social domain is not in these folds
    assert task.mixture is not None
    held: dict[str, list[np.ndarray]] = {}
    n_folds = len(folds[next(iter(SETS))])
    for k in range(n_folds):
        train_rows = {n: np.concatenate([f for j, f in enumerate(folds[n]) if j != k]) for n in SETS}
        mixture = None
        if routers is None:
            heads = {spec.name: fit_on_rows(spec, data, train_rows, seed) for spec in task.heads}
            mixture = Mixture({d: heads[h] for d, h in task.mixture.experts.items()}, heads[task.mixture.router])
        cnns = {}
        for variant in variants:
            options, cnn_seed = cnn_variant(variant, CNNS, seed)
            cnns[variant] = cnn_on_rows(data, train_rows, SETS, HEADS, options, cnn_seed)
        for name in SETS:
            rows = folds[name][k]
            start = sum(len(f) for f in folds[name][:k])  # this fold's place in the out-of-fold order
            for v, variant in enumerate(VARIANTS):
                if mixture is not None:
                    x = data[name]["x"][v][rows]
                    domains, weights = mixture.domain_probabilities(x)
                    assert list(domains) == DOMAINS, domains
                    held.setdefault(f"{name}|{variant}|mixture", []).append(mixture.predict_proba(x))
                    held.setdefault(f"{name}|{variant}|router", []).append(weights)
                else:
                    assert routers is not None
                    weights = routers[f"{name}|{variant}|router"][start : start + len(rows)]
                ids = data[name]["ids"][v].take(rows)
                for cnn_name, cnn in cnns.items():
                    held.setdefault(f"{name}|{variant}|cnn_{cnn_name}", []).append(
                        cnn_mixed(cnn, ids, weights, DOMAINS)
                    )
        log(f"fold {k + 1}/{n_folds} done ({', '.join(variants)}{'' if routers is None else ', CNN only'})")
    return {key: np.vstack(parts) for key, parts in held.items()}


def cnn_of(oof: dict[str, np.ndarray], name: str, variant: str, cnn: str) -> np.ndarray:
    """A CNN's out-of-fold probabilities; an ensemble ("a+b") reads the mean of its members'."""
    members = cnn.split("+")
    return sum(oof[f"{name}|{variant}|cnn_{m}"] for m in members) / len(members)  # type: ignore[return-value]


def blend(mixture: np.ndarray, cnn: np.ndarray, kind: str, weight: float) -> np.ndarray:
    """`weight` is the CNN's share: mean of probabilities, or a product of powers."""
    if kind == "mean":
        return (1 - weight) * mixture + weight * cnn
    log = (1 - weight) * np.log(np.clip(mixture, 1e-6, None)) + weight * np.log(np.clip(cnn, 1e-6, None))
    log -= log.max(axis=1, keepdims=True)
    p = np.exp(log)
    return p / p.sum(axis=1, keepdims=True)


def decide(name: str, p: np.ndarray) -> list[str]:
    if name.startswith("aivivn"):  # two labels: decide between them only, as evaluation does
        return np.where(p[:, 0] >= p[:, 2], "negative", "positive").tolist()
    return [LABELS[i] for i in p.argmax(1)]


def metrics(name: str, truth: list[str], p: np.ndarray) -> dict[str, float]:
    predicted = decide(name, p)
    correct = np.array([LABELS.index(t) for t in truth]) == p.argmax(1)
    out = {"weighted F1": weighted_f1(truth, predicted), "macro F1": macro_f1(truth, predicted)}
    if name.startswith("aivivn"):
        out = {"F1 negative": f1_scores(truth, predicted)["negative"][0], "macro F1": out["macro F1"]}
    out["ECE"] = expected_calibration_error(p.max(1), correct)
    return out


def criterion(truth: dict[str, list[str]], probabilities: dict[tuple[str, str], np.ndarray]) -> float:
    """What chooses the blend: mean of UIT-VSFC weighted F1 and AIVIVN F1 negative,
    as written and without diacritics."""
    values = []
    for name in SETS:
        for variant in VARIANTS:
            m = metrics(name, truth[name], probabilities[(name, variant)])
            values.append(m["weighted F1"] if name.startswith("uit") else m["F1 negative"])
    return float(np.mean(values))


def sign_test(truth: list[str], name: str, ours: np.ndarray, theirs: np.ndarray) -> tuple[int, int, float]:
    """Texts only ours gets right, only theirs gets right, two-sided exact binomial p."""
    a = np.asarray(decide(name, ours)) == np.asarray(truth)
    b = np.asarray(decide(name, theirs)) == np.asarray(truth)
    wins, losses = int(np.sum(a & ~b)), int(np.sum(~a & b))
    n, k = wins + losses, min(wins, losses)
    p = min(1.0, 2 * sum(math.comb(n, i) for i in range(k + 1)) / 2**n) if n else 1.0
    return wins, losses, p


def table(title: str, truth: dict[str, list[str]], systems: dict[str, dict[tuple[str, str], np.ndarray]]) -> None:
    print(f"\n{title}")
    print(f"{'system':<28} {'data set':<15} {'variant':<14} metrics")
    for system, probabilities in systems.items():
        for name in truth:
            for variant in VARIANTS:
                scores = metrics(name, truth[name], probabilities[(name, variant)])
                shown = ", ".join(f"{m} {v:.4f}" for m, v in scores.items())
                print(f"{system:<28} {name:<15} {variant:<14} {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", default=None, help="Folder to keep out-of-fold predictions in.")
    parser.add_argument("--cnn", default=None, help="A trained CNN (file stem) to use on dev instead of training one.")
    parser.add_argument("--cnns", default="plain",
                        help=f"CNN variants, of: {', '.join(CNNS)}; NAME.sN trains NAME with seed + N")  # fmt: skip
    parser.add_argument("--ensembles", default="",
                        help="Comma-separated averages of variants joined by '+', e.g. plain+plain.s1")  # fmt: skip
    parser.add_argument("--no-dev", action="store_true", help="Cross-validation only: dev and speed are not read.")
    args = parser.parse_args()
    started = time.perf_counter()
    options = CnnOptions()
    folder = Path(args.cache) if args.cache else None
    ensembles = [e for e in args.ensembles.split(",") if e]
    variants = list(dict.fromkeys(args.cnns.split(",") + [m for e in ensembles for m in e.split("+")]))
    try:  # an unknown variant stops the run before any training
        for variant in variants:
            cnn_variant(variant, CNNS, args.seed)
    except UsageError as error:
        raise SystemExit(str(error)) from error

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {message}", flush=True)

    # Features and token ids once per set, as written and folded.
    data = {}
    for name in list(SETS) + ([] if args.no_dev else list(DEV.values())):
        written = datasets.load(name, args.data)
        folded = datasets.without_diacritics(written)
        data[name] = {"truth": written.labels,
                      "x": (shared_features(written.texts), shared_features(folded.texts)),
                      "ids": (token_ids(written.texts, options.buckets), token_ids(folded.texts, options.buckets))}  # fmt: skip
    rng = np.random.default_rng(args.seed)
    folds = {n: np.array_split(rng.permutation(len(data[n]["truth"])), args.folds) for n in SETS}
    log("features and ids ready")

    # 1. Cross-validation: out-of-fold probabilities of the mixture and the CNNs, one
    # variant at a time, each written as soon as it is done (a run cut short keeps it).
    oof: dict[str, np.ndarray] = {}
    for saved_file in sorted(folder.glob(f"sentiment-oof-k{args.folds}-s{args.seed}-*.npz")) if folder else []:
        with np.load(saved_file, allow_pickle=False) as saved:
            oof.update({key: saved[key] for key in saved.files})
    first = next(iter(SETS))
    for variant in [v for v in variants if f"{first}|written|cnn_{v}" not in oof]:
        routers = {key: value for key, value in oof.items() if key.endswith("|router")} or None
        found = out_of_fold(data, folds, args.seed, [variant], log, routers)
        if folder:
            folder.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(folder / f"sentiment-oof-k{args.folds}-s{args.seed}-{variant}.npz", **found)  # type: ignore[arg-type]
        oof.update(found)
    truth_cv = {n: [data[n]["truth"][i] for f in folds[n] for i in f] for n in SETS}

    # Each CNN's (or ensemble's) blend: kind and weight by the out-of-fold criterion alone.
    grid = [round(0.1 * i, 1) for i in range(11)]
    chosen: dict[str, tuple[str, float]] = {}
    print("\nBlends chosen on out-of-fold predictions (criterion: mean of UIT-VSFC weighted F1 and "
          "AIVIVN F1 negative, written and folded; weight = the CNN's share)")  # fmt: skip
    for cnn_name in variants + ensembles:
        choices = {}
        for kind in ("mean", "log-linear"):
            for weight in grid:
                probabilities = {(n, v): blend(oof[f"{n}|{v}|mixture"], cnn_of(oof, n, v, cnn_name), kind, weight)
                                 for n in SETS for v in VARIANTS}  # fmt: skip
                choices[(kind, weight)] = criterion(truth_cv, probabilities)
        print(f"{cnn_name}")
        for kind in ("mean", "log-linear"):
            print(f"  {kind:<11} " + " ".join(f"{w}:{choices[(kind, w)]:.4f}" for w in grid))
        chosen[cnn_name] = max(choices, key=lambda c: (choices[c], -c[1]))  # a tie: the smaller CNN share
        print(f"  chosen: {chosen[cnn_name][0]}, CNN weight {chosen[cnn_name][1]}")
    kind, weight = chosen[variants[0]]

    # The shipped blend (the first variant, the shipped kind and weight) is the one to beat.
    shipped_weight = TASKS["sentiment"].cnn.weight if TASKS["sentiment"].cnn else 0.0
    shipped_name = f"shipped: blend {variants[0]} (mean, {shipped_weight})"
    cv_systems: dict[str, dict[tuple[str, str], np.ndarray]] = {
        "mixture": {(n, v): oof[f"{n}|{v}|mixture"] for n in SETS for v in VARIANTS}
    }
    for cnn_name in variants + ensembles:
        cv_systems[f"cnn {cnn_name}"] = {(n, v): cnn_of(oof, n, v, cnn_name) for n in SETS for v in VARIANTS}
    cv_systems[shipped_name] = {
        (n, v): blend(oof[f"{n}|{v}|mixture"], cnn_of(oof, n, v, variants[0]), "mean", shipped_weight)
        for n in SETS for v in VARIANTS
    }  # fmt: skip
    blend_names = {}
    for cnn_name in variants + ensembles:
        k_, w_ = chosen[cnn_name]
        blend_names[cnn_name] = f"blend {cnn_name} ({k_}, {w_})"
        cv_systems[blend_names[cnn_name]] = {
            (n, v): blend(oof[f"{n}|{v}|mixture"], cnn_of(oof, n, v, cnn_name), k_, w_) for n in SETS for v in VARIANTS
        }
    table(f"{args.folds}-fold cross-validation on the training sets (seed {args.seed})", truth_cv, cv_systems)

    print("\nThe criterion fold by fold (each fold's out-of-fold texts)")
    for system, probabilities in cv_systems.items():
        if system == "mixture" or system.startswith(("blend", "shipped")):
            per_fold = []
            for k in range(args.folds):
                at = {n: slice(sum(len(f) for f in folds[n][:k]), sum(len(f) for f in folds[n][: k + 1])) for n in SETS}
                per_fold.append(criterion({n: truth_cv[n][at[n]] for n in SETS},
                                          {(n, v): probabilities[(n, v)][at[n]] for n in SETS for v in VARIANTS}))  # fmt: skip
            print(f"{system:<44} " + " ".join(f"{c:.4f}" for c in per_fold))

    print("\nTexts only the first system gets right / only the second, two-sided sign test (CV)")
    for system in [s for s in cv_systems if s.startswith("blend")]:
        cnn_name = system.split(" ")[1]
        against = ["mixture", shipped_name] + [blend_names[m] for m in cnn_name.split("+") if "+" in cnn_name]
        for other in against:
            for name in SETS:
                for variant in VARIANTS:
                    wins, losses, p = sign_test(truth_cv[name], name, cv_systems[system][(name, variant)],
                                                cv_systems[other][(name, variant)])  # fmt: skip
                    print(f"{system:<44} vs {other:<34} {name:<15} {variant:<14} +{wins} / -{losses}, p = {p:.3f}")
    if args.no_dev:
        log("done")
        return

    def systems_of(p: dict[tuple[str, str, str], np.ndarray], names: list[str]) -> dict[str, dict]:
        return {
            "mixture": {(n, v): p[("mixture", n, v)] for n in names for v in VARIANTS},
            "cnn": {(n, v): p[("cnn", n, v)] for n in names for v in VARIANTS},
            f"blend ({kind}, {weight})": {(n, v): blend(p[("mixture", n, v)], p[("cnn", n, v)], kind, weight)
                                          for n in names for v in VARIANTS},  # fmt: skip
        }

    # 2. Dev: shipped mixture files, a CNN trained on all training data.
    if args.cnn:
        cnn = CnnModel.load(args.cnn)
    else:
        cnn = train_cnn(
            {SETS[n]: (data[n]["ids"][0], data[n]["ids"][1], data[n]["truth"]) for n in SETS},
            HEADS, options, args.seed,
        ).rounded()  # fmt: skip
        if folder:
            cnn.save(folder / "sentiment-cnn")
    log(f"CNN for dev ready (best epoch {cnn.metadata.get('best_epoch')})")
    shipped = ModelSet(("sentiment",)).reader("sentiment")
    if isinstance(shipped, NeuralBlend):  # once the blend is shipped: its mixture alone
        shipped = shipped.mixture
    assert isinstance(shipped, Mixture)
    dev: dict[tuple[str, str, str], np.ndarray] = {}
    for name in DEV.values():
        for v, variant in enumerate(VARIANTS):
            x = data[name]["x"][v]
            domains, weights = shipped.domain_probabilities(x)
            dev[("mixture", name, variant)] = shipped.predict_proba(x)
            experts = shipped.expert_probabilities(x)
            dev[("cnn", name, variant)] = cnn_mixed(cnn, data[name]["ids"][v], weights, domains, experts)
    truth_dev = {n: data[n]["truth"] for n in DEV.values()}
    dev_systems = systems_of(dev, list(DEV.values()))
    table("Dev (UIT-VSFC dev, AIVIVN eval): shipped mixture, CNN on all training data", truth_dev, dev_systems)

    # 3. Sign tests on dev, blend against mixture.
    print("\nBlend against mixture: texts only the blend gets right / only the mixture, two-sided sign test")
    name_blend = f"blend ({kind}, {weight})"
    for title, truth, systems in (("dev", truth_dev, dev_systems),):
        for name in truth:
            for variant in VARIANTS:
                wins, losses, p = sign_test(truth[name], name, systems[name_blend][(name, variant)],
                                            systems["mixture"][(name, variant)])  # fmt: skip
                print(f"{title:<4} {name:<15} {variant:<14} +{wins} / -{losses}, p = {p:.3f}")

    # 4. Speed of the CNN alone in numpy, one core, best of 3.
    short = datasets.load("uit-vsfc/dev", args.data).texts + datasets.load("vihsd/dev", args.data).texts
    cnn.predict_proba(token_ids(short[:50], options.buckets))
    timings = {}
    for label, run in (
        ("token ids", lambda: token_ids(short, options.buckets)),
        ("ids + CNN", lambda: cnn.predict_proba(token_ids(short, options.buckets))),
        ("shared features", lambda: shared_features(short)),
    ):
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - t)
        timings[label] = best
    print(f"\nSpeed on {len(short):,} short posts, one core, best of 3 (docs/s):")
    for label, seconds in timings.items():
        print(f"  {label:<16} {len(short) / seconds:>9,.0f}")
    log("done")


if __name__ == "__main__":
    main()
