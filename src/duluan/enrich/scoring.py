"""Scores the model evaluation reports: accuracy, F1 and expected calibration error."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["accuracy", "expected_calibration_error", "f1_scores", "macro_f1", "weighted_f1"]


def accuracy(truth: Sequence[str], predicted: Sequence[str]) -> float:
    if not truth:
        return 0.0
    return sum(t == p for t, p in zip(truth, predicted, strict=True)) / len(truth)


def f1_scores(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, tuple[float, int]]:
    """F1 and support of every label that occurs in `truth`."""
    out: dict[str, tuple[float, int]] = {}
    for label in sorted(set(truth)):
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        n_true = sum(t == label for t in truth)
        n_pred = sum(p == label for p in predicted)
        out[label] = (2 * tp / (n_true + n_pred) if n_true + n_pred else 0.0, n_true)
    return out


def macro_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    scores = f1_scores(truth, predicted)
    return sum(f for f, _ in scores.values()) / len(scores) if scores else 0.0


def weighted_f1(truth: Sequence[str], predicted: Sequence[str]) -> float:
    scores = f1_scores(truth, predicted)
    return sum(f * n for f, n in scores.values()) / len(truth) if truth else 0.0


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    if not len(confidence):
        return 0.0
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            error += inside.sum() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(error / len(confidence))
