"""Evaluating the concern model against the lexicon baseline on hand-labelled texts.

`evaluate_concerns(path)` scores the shipped model and the lexicon labeller in the same
run on a labelled file, on the texts as written and on a copy with every diacritic
removed, and returns `EvalRow`s (model, dataset, split, metric, score, baseline) like the
other models. Our own 1,145 texts (tests/data/concerns_eval.jsonl, concerns_dev.jsonl, concerns_more.jsonl)
train the model's gold part, so on them the honest number is the cross-validated one:
`evaluate_gold_cv()`, out-of-fold predictions (concern_gold.cross_validate).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..text.fold import fold_keep_case
from .concern_gold import GoldData, GoldOptions, cross_validate, read_gold
from .concern_model import LinearHeads
from .concern_rules import LexiconLabeller
from .concerns import CONCERN_IDS, load_concern_model, predict_concerns
from .evaluation import EvalRow
from .scoring import expected_calibration_error, f1_scores

__all__ = [
    "ConcernEvalRow",
    "BLIND_PATHS",
    "EVAL_PATH",
    "Scores",
    "evaluate_concerns",
    "evaluate_gold_cv",
    "score_predictions",
]

EVAL_PATH = Path(__file__).resolve().parents[3] / "tests" / "data" / "concerns_eval.jsonl"
# Written by colleagues who saw only the task and the taxonomy; never read by training.
# In a checkout only (an installed package has no tests folder).
BLIND_PATHS = tuple(EVAL_PATH.with_name(f"concerns_blind{n}.jsonl") for n in ("", "2"))


# The other models' row type, so `duluan models eval` can print one table.
ConcernEvalRow = EvalRow


@dataclass(frozen=True)
class Scores:
    """Every number the table reports for one system on one copy of the data."""

    complaint_f1: float
    complaint_precision: float
    complaint_recall: float
    complaint_ece: float
    concern_macro_f1: float
    concern_accuracy: float
    concern_ece: float
    per_concern: dict[str, tuple[float, float, float, int]]  # precision, recall, F1, support


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score_predictions(
    gold_complaint: Sequence[bool],
    gold_concern: Sequence[str],
    complaint_probability: np.ndarray,
    concern: Sequence[str],
    concern_confidence: np.ndarray,
) -> Scores:
    """Precision/recall/F1, macro F1 and calibration errors of one system's predictions."""
    truth = np.asarray(gold_complaint, dtype=bool)
    said = np.asarray(complaint_probability) >= 0.5
    tp = int((truth & said).sum())
    precision = tp / max(int(said.sum()), 1)
    recall = tp / max(int(truth.sum()), 1)
    f1 = 2 * tp / max(int(said.sum()) + int(truth.sum()), 1)
    per: dict[str, tuple[float, float, float, int]] = {}
    for label, (label_f1, support) in f1_scores(list(gold_concern), list(concern)).items():
        hits = sum(g == label == p for g, p in zip(gold_concern, concern, strict=True))
        predicted = sum(p == label for p in concern)
        per[label] = (hits / max(predicted, 1), hits / max(support, 1), label_f1, support)
    correct = np.array([g == p for g, p in zip(gold_concern, concern, strict=True)])
    # Complaint calibration: the probability of "complaint" against the 0/1 truth,
    # folded onto the confidence of the predicted side so that the bins are comparable.
    probability = np.asarray(complaint_probability, dtype=np.float64)
    confidence = np.where(said, probability, 1.0 - probability)
    return Scores(
        complaint_f1=f1,
        complaint_precision=precision,
        complaint_recall=recall,
        complaint_ece=expected_calibration_error(confidence, said == truth),
        concern_macro_f1=float(np.mean([v[2] for v in per.values()])),
        concern_accuracy=float(correct.mean()),
        concern_ece=expected_calibration_error(np.asarray(concern_confidence), correct),
        per_concern=per,
    )


def _model_scores(model: LinearHeads, rows: list[dict], texts: list[str]) -> Scores:
    predictions = predict_concerns(texts, model)
    return score_predictions(
        [r["complaint"] for r in rows],
        [r["concern"] for r in rows],
        np.array([p.complaint for p in predictions]),
        [p.concern for p in predictions],
        np.array([p.concern_probabilities[p.concern] for p in predictions]),
    )


def _lexicon_scores(labeller: LexiconLabeller, rows: list[dict], texts: list[str]) -> Scores:
    labels = labeller.label_many(texts)
    return score_predictions(
        [r["complaint"] for r in rows],
        [r["concern"] for r in rows],
        np.array([labeller.complaint_probability(lab) for lab in labels]),
        [lab.concern for lab in labels],
        # The lexicon has no probabilities: it is as sure of every answer.
        np.ones(len(labels)),
    )


_METRICS = (
    ("complaint F1", "complaint_f1"),
    ("complaint precision", "complaint_precision"),
    ("complaint recall", "complaint_recall"),
    ("complaint ECE", "complaint_ece"),
    ("concern macro F1", "concern_macro_f1"),
    ("concern accuracy", "concern_accuracy"),
    ("concern ECE", "concern_ece"),
)


def evaluate_gold_cv(
    k: int = 5, seed: int = 13, options: GoldOptions | None = None
) -> list[ConcernEvalRow]:
    """Out-of-fold scores over our 1,145 gold texts: the shipped heads, the gold part refit
    on k-1 folds (GoldOptions, the shipped setting by default), against the lexicon."""
    shipped = load_concern_model()
    heads = replace(shipped, gold_complaint_coef=None, gold_complaint_bias=0.0, stack={})
    rows = read_gold()
    data = GoldData.build(heads, rows)
    cv = cross_validate(heads, data, options or GoldOptions(), k, seed)
    labeller = LexiconLabeller()
    n = len(rows)
    table: list[ConcernEvalRow] = []
    for split, idx in (("as-written", np.arange(n)), ("no-diacritics", np.arange(n, 2 * n))):
        said = [heads.labels[j] for j in cv.concern[idx].argmax(axis=1)]
        ours = score_predictions(
            [r["complaint"] for r in rows], [r["concern"] for r in rows],
            cv.complaint[idx], said, cv.concern[idx].max(axis=1),
        )  # fmt: skip
        texts = [r["text"] for r in rows]
        if split == "no-diacritics":
            texts = [fold_keep_case(t) for t in texts]
        base = _lexicon_scores(labeller, rows, texts)
        for metric, attribute in _METRICS:
            table.append(
                ConcernEvalRow(
                    "concern", f"gold {k}-fold CV", split, metric,
                    getattr(ours, attribute), getattr(base, attribute),
                )
            )  # fmt: skip
    return table


def evaluate_concerns(
    path: Path | None = None,
    model: LinearHeads | None = None,
    per_class: bool = True,
) -> list[ConcernEvalRow]:
    """The evaluation table on `path`: model against lexicon, as written and without
    diacritics. On our own concerns_eval.jsonl (the default) the model's scores are
    in-sample since it trains the gold part; see `evaluate_gold_cv`."""
    path = path or EVAL_PATH
    rows = _read(path)
    model = model or load_concern_model()
    labeller = LexiconLabeller()
    table: list[ConcernEvalRow] = []
    dataset = path.stem
    for split, texts in (
        ("as-written", [r["text"] for r in rows]),
        ("no-diacritics", [fold_keep_case(r["text"]) for r in rows]),
    ):
        ours, base = _model_scores(model, rows, texts), _lexicon_scores(labeller, rows, texts)
        for metric, attribute in _METRICS:
            table.append(
                ConcernEvalRow(
                    "concern", dataset, split, metric,
                    getattr(ours, attribute), getattr(base, attribute),
                )
            )  # fmt: skip
        if per_class and split == "as-written":
            for label in CONCERN_IDS:
                if label not in ours.per_concern:
                    continue
                p, r, f, n = ours.per_concern[label]
                bp, br, bf, _ = base.per_concern.get(label, (0.0, 0.0, 0.0, n))
                for metric, value, baseline in (("P", p, bp), ("R", r, br), ("F1", f, bf)):
                    table.append(
                        ConcernEvalRow(
                            "concern", dataset, split, f"{label} {metric} (n={n})",
                            value, baseline,
                        )
                    )  # fmt: skip
    return table
