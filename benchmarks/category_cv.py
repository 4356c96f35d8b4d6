"""Candidates for the news category model against the shipped NBSVM, on a slice of VNTC train.

    python benchmarks/category_cv.py [--data ../shared/data] [--seed 13]

The dev split chooses nothing here. VNTC train is cut as `fit_head` cuts it (a seeded
15 % slice held out); every candidate trains on the other 85 %, as written and without
diacritics, and is scored on the slice, as written and without diacritics:

1. the shipped head (NBSVM, C = 0.5, shared features: syllable 1-2-grams, 2^20 hashed
   columns, first 3,000 characters);
2. the same learner on whole articles and 2^22 columns, with syllable 1-2- and 1-3-grams
   (does the cut or the hash space limit accuracy?);
3. multinomial naive Bayes over hashed 1-3-gram counts of whole articles;
4. a per-class syllable trigram language model (Witten-Bell interpolation, hashed
   tables), the kind of model behind the 97.1 % of Vu et al. 2007;
5. stacks: a logistic regression over the candidates' scores, fitted and scored by 5-fold
   cross-validation inside the slice, with a sign test of its right/wrong pairs against
   the shipped head.

About 16 minutes on 2 busy cores, 6 GB of memory.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import time

import numpy as np
import scipy.sparse as sp
from scipy.stats import binomtest
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict
from sklearn.preprocessing import normalize

from duluan.enrich import datasets
from duluan.enrich.models import TASKS, shared_features
from duluan.enrich.nbsvm import NBSVM
from duluan.text.features import FeatureExtractor, FeatureOptions
from duluan.text.fold import fold_keep_case
from duluan.text.hashing import splitmix64
from duluan.text.tokens import tokenize

BITS = 22  # 2^22 hashed columns for the count matrices and the LM tables
SIZE = 1 << BITS
MASK = np.uint64(SIZE - 1)
BOS = np.uint64(0x9E3779B97F4A7C15)  # pads each article's start, so trigrams see it


def whole_articles(root: str) -> tuple[list[str], list[str]]:
    """Title and whole body of every VNTC train article (the loader cuts at 3,000 chars)."""
    path = datasets.data_dir(root) / "news" / "vntc-train.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r["title"].strip() + "\n" + r["text"].strip() for r in rows], [r["label"] for r in rows]


def count_matrices(texts: list[str]) -> dict[int, sp.csr_matrix]:
    """Raw counts of syllable n-grams (n = 1, 2, 3, one matrix each), tokenised once."""
    tokens = [tokenize(t) for t in texts]
    out = {}
    for n in (1, 2, 3):
        options = FeatureOptions(n_features=SIZE, syllable_ngrams=(n, n), word_ngrams=(0, 0),
                                 char_ngrams=(0, 0), sublinear_tf=False, normalize=False)  # fmt: skip
        extractor = FeatureExtractor(options)
        parts = [extractor.transform(texts[i : i + 2000], tokens=tokens[i : i + 2000])
                 for i in range(0, len(texts), 2000)]  # fmt: skip
        out[n] = sp.vstack(parts).tocsr()
    return out


def sublinear_rows(counts: sp.csr_matrix) -> sp.csr_matrix:
    """The shared extractor's weighting (1 + log count, unit rows) over other columns."""
    rows = counts.astype(np.float32).tocsr()
    rows.data = 1 + np.log(rows.data)
    return normalize(rows)


def nbsvm_scores(written: sp.csr_matrix, folded: sp.csr_matrix, y: np.ndarray,
                 kept: np.ndarray, held: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    model = NBSVM(C=0.5, random_state=seed).fit(
        sp.vstack([written[kept], folded[kept]]).tocsr(), np.concatenate([y[kept], y[kept]])
    )
    return model.decision_function(written[held]), model.decision_function(folded[held])


def naive_bayes_scores(written: sp.csr_matrix, folded: sp.csr_matrix, y: np.ndarray,
                       kept: np.ndarray, held: np.ndarray, alpha: float = 0.03) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    train = sp.vstack([written[kept], folded[kept]]).tocsr()
    labels = np.concatenate([y[kept], y[kept]])
    used = int((np.asarray(train.sum(axis=0)).ravel() > 0).sum())
    log_p = np.empty((y.max() + 1, train.shape[1]))
    for c in range(y.max() + 1):
        count = np.asarray(train[labels == c].sum(axis=0)).ravel()
        log_p[c] = np.log(count + alpha) - np.log(count.sum() + alpha * used)
    return np.asarray(written[held] @ log_p.T), np.asarray(folded[held] @ log_p.T)


# --- the trigram language model --------------------------------------------------------


def _mix(*parts: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        value = np.full(len(parts[0]), np.uint64(len(parts)), dtype=np.uint64)
        for part in parts:
            value = value * np.uint64(0x100000001B3) + part
            splitmix64(value)
    return value & MASK


def trigrams(texts: list[str]) -> tuple[np.ndarray, ...]:
    """Hashed (u v w, u v, v w, v, w) of every position, with its article's index."""
    extractor = FeatureExtractor(FeatureOptions(syllable_ngrams=(1, 1), word_ngrams=(0, 0),
                                                char_ngrams=(0, 0)))  # fmt: skip
    codes, docs = extractor._unit_codes(texts)[:2]  # the syllable codes the features use
    starts = np.flatnonzero(np.r_[True, docs[1:] != docs[:-1]])
    codes = np.insert(codes, np.repeat(starts, 2), BOS)
    docs = np.insert(docs, np.repeat(starts, 2), np.repeat(docs[starts], 2))
    at = np.flatnonzero(docs[2:] == docs[:-2])
    u, v, w = codes[at], codes[at + 1], codes[at + 2]
    return _mix(u, v, w), _mix(u, v), _mix(v, w), _mix(v), _mix(w), docs[at + 2]


def _bincount(keys: np.ndarray) -> np.ndarray:
    return np.bincount(keys.astype(np.int64), minlength=SIZE).astype(np.float32)


def language_model_scores(grams: list[tuple[np.ndarray, ...]], y: np.ndarray,
                          kept: np.ndarray, held: np.ndarray) -> list[np.ndarray]:  # fmt: skip
    """Log-likelihood of each held article under each class's trigram model; `grams` are
    `trigrams()` of the texts as written and folded (both train the models)."""
    in_kept = np.zeros(len(y), dtype=bool)
    in_kept[kept] = True
    shift = np.uint64(BITS)
    out = [np.zeros((len(y), y.max() + 1)) for _ in grams]
    for c in range(y.max() + 1):
        chosen = [np.flatnonzero(in_kept[g[5]] & (y[g[5]] == c)) for g in grams]
        tri, ctx2, bi, ctx1, uni = (np.concatenate([g[j][s] for g, s in zip(grams, chosen, strict=True)])
                                    for j in range(5))  # fmt: skip
        c3, n2, c2, n1, c1 = (_bincount(k) for k in (tri, ctx2, bi, ctx1, uni))
        # Witten-Bell: a context's weight on the lower order is its number of distinct
        # continuations, counted here (hash collisions merge a few contexts).
        t2 = _bincount(np.unique((ctx2 << shift) | tri) >> shift)
        t1 = _bincount(np.unique((ctx1 << shift) | bi) >> shift)
        total, seen = c1.sum(), float((c1 > 0).sum())
        for g, scores in zip(grams, out, strict=True):
            pick = np.flatnonzero(~in_kept[g[5]])
            tri, ctx2, bi, ctx1, uni, doc = (x[pick] for x in g)
            p1 = (c1[uni] + 1.0) / (total + seen + 1.0)
            a, b = n1[ctx1], t1[ctx1]
            p2 = np.where(a + b > 0, (c2[bi] + b * p1) / np.maximum(a + b, 1e-9), p1)
            a, b = n2[ctx2], t2[ctx2]
            p3 = np.where(a + b > 0, (c3[tri] + b * p2) / np.maximum(a + b, 1e-9), p2)
            scores[:, c] = np.bincount(doc, weights=np.log(p3), minlength=len(y))
    return [scores[held] for scores in out]


# --- scoring -----------------------------------------------------------------------------


def centred(scores: np.ndarray) -> np.ndarray:
    """Scores on one scale per candidate, so a stack's regularisation treats them alike."""
    shifted = scores - scores.mean(axis=1, keepdims=True)
    return shifted / (shifted.std() or 1.0)


def per_token(log_likelihood: np.ndarray) -> np.ndarray:
    """Log-likelihoods relative to the best class, in units of the row's mean gap: long
    articles would otherwise swamp a stack with huge margins."""
    gap = log_likelihood - log_likelihood.max(axis=1, keepdims=True)
    return gap / np.maximum(np.abs(gap).mean(axis=1, keepdims=True), 1e-9)


def confusion_table(truth: np.ndarray, predicted: np.ndarray, classes: list[str]) -> str:
    matrix = np.zeros((len(classes), len(classes)), dtype=int)
    np.add.at(matrix, (truth, predicted), 1)
    lines = ["true \\ said " + " ".join(f"{c[:6]:>6}" for c in classes) + "  recall"]
    for i, name in enumerate(classes):
        cells = " ".join(f"{v:6d}" for v in matrix[i])
        lines.append(f"{name[:11]:<12} {cells}  {matrix[i, i] / max(matrix[i].sum(), 1):.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("DULUAN_DATA", "../shared/data"))
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    started = time.perf_counter()
    spec = TASKS["category"].heads[0]

    # 1. Texts as written and folded; the slice `fit_head` holds out.
    texts, labels = whole_articles(args.data)
    folded = [fold_keep_case(t) for t in texts]
    classes = sorted(set(labels))
    y = np.searchsorted(classes, labels)
    order = np.random.default_rng(args.seed).permutation(len(y))
    held, kept = order[: int(len(y) * spec.holdout)], order[int(len(y) * spec.holdout) :]
    truth = y[held]

    # 2. Features: the shipped ones (cut at 3,000 characters) and whole-article counts.
    cut = datasets.NEWS_CHARS
    shipped = (
        shared_features([t[:cut] for t in texts]),
        shared_features([t[:cut] for t in folded]),
    )
    counts = (count_matrices(texts), count_matrices(folded))
    print(f"features: {time.perf_counter() - started:.0f} s", flush=True)

    # 3. Candidates, each as (written, folded) scores of the held slice.
    scores: dict[str, tuple[np.ndarray, ...]] = {}
    scores["shipped: NBSVM, 1-2, 2^20, 3,000 chars"] = nbsvm_scores(
        *shipped, y, kept, held, args.seed
    )
    for top in (2, 3):
        rows = [sublinear_rows(sum(m[n] for n in range(1, top + 1))) for m in counts]  # type: ignore[misc]
        name = f"NBSVM, 1-{top}, 2^22, whole article"
        scores[name] = nbsvm_scores(rows[0], rows[1], y, kept, held, args.seed)
    raw = [(m[1] + m[2] + m[3]).tocsr() for m in counts]
    scores["naive Bayes, 1-3 counts, whole article"] = naive_bayes_scores(
        raw[0], raw[1], y, kept, held
    )
    del raw, counts
    grams = [trigrams(texts), trigrams(folded)]
    scores["trigram LM (Witten-Bell), whole article"] = tuple(
        language_model_scores(grams, y, kept, held)
    )
    del grams
    print(f"candidates: {time.perf_counter() - started:.0f} s\n", flush=True)

    # 4. Alone, then stacked over the shipped head's scores.
    base_name = next(iter(scores))
    base_right = [s.argmax(axis=1) == truth for s in scores[base_name]]
    print(f"{'candidate':<62} {'written':>8} {'no diac.':>8}  better/worse than shipped")
    names = list(scores)
    stacks = {
        f"stack: shipped + {names[3]}": (base_name, names[3]),
        f"stack: shipped + {names[4]}": (base_name, names[4]),
        f"stack: {names[2]} + LM + naive Bayes": (names[2], names[4], names[3]),
    }
    results = {name: [s.argmax(axis=1) for s in value] for name, value in scores.items()}
    for name, parts in stacks.items():
        results[name] = []
        for variant in (0, 1):
            blocks = [per_token(scores[p][variant]) if "LM" in p or "Bayes" in p else centred(scores[p][variant])
                      for p in parts]  # fmt: skip
            model = LogisticRegression(max_iter=2000)
            results[name].append(cross_val_predict(model, np.hstack(blocks), truth, cv=5))
    for name, (written, no_diacritics) in results.items():
        right = written == truth
        better, worse = int((right & ~base_right[0]).sum()), int((~right & base_right[0]).sum())
        p = binomtest(better, better + worse).pvalue if better + worse else 1.0
        print(f"{name:<62} {right.mean():8.4f} {(no_diacritics == truth).mean():8.4f}"
              f"  +{better} / -{worse} (sign test p = {p:.2f})")  # fmt: skip
    print(f"\nshipped head on the slice (as written), {len(held):,} articles:")
    print(confusion_table(truth, results[base_name][0], classes))
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
