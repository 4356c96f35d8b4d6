"""NB-weighted linear SVM (NBSVM, Wang & Manning 2012) over the shared feature matrix.

Each class c gets a naive-Bayes log-count ratio per column,

    r_c = log((p_c / |p_c|₁) / (q_c / |q_c|₁)),  p_c = alpha + Σ presence in class c,
                                                  q_c = alpha + Σ presence elsewhere,

and a one-vs-rest LinearSVC is fitted on the columns scaled by r_c. The score of class c
is (x ∘ r_c) · w_c + b_c = x · (r_c ∘ w_c) + b_c: the ratio folds into the weights, so
the result is an ordinary linear model over the same shared features. Inference, the file
format and the single shared feature pass stay exactly as they are; only training changes.

Why: the ratio tells the SVM which columns are class-specific before it starts, which
helped where a few discriminative n-grams decide (sentiment, news topics), measured on
training holdout and dev (see the model cards).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.svm import LinearSVC

__all__ = ["NBSVM", "Blend", "log_count_ratios"]


def log_count_ratios(
    features: sp.csr_matrix, y: np.ndarray, classes: Sequence[str], alpha: float = 1.0
) -> np.ndarray:
    """(n_classes, n_features) log-count ratios of each class against the rest.

    Counted on presence (a column's value > 0), as in NBSVM: the shared rows are already
    sublinear and L2-normalised, so their values are not counts.
    """
    present = features.copy()
    present.data = np.ones_like(present.data)
    ratios = np.empty((len(classes), features.shape[1]), dtype=np.float64)
    total = np.asarray(present.sum(axis=0), dtype=np.float64).ravel()
    for i, label in enumerate(classes):
        inside = np.asarray(present[np.flatnonzero(y == label)].sum(axis=0)).ravel()
        p = inside + alpha
        q = total - inside + alpha
        ratios[i] = np.log(p / p.sum()) - np.log(q / q.sum())
    return ratios


class NBSVM:
    """One-vs-rest LinearSVCs on NB-scaled columns, read like a fitted LinearSVC.

    `coef_` (ratios folded in), `intercept_`, `classes_` and `decision_function` follow
    scikit-learn's shapes: one row for a binary task (the second class positive).
    """

    def __init__(
        self,
        C: float = 1.0,
        alpha: float = 1.0,
        class_weight: str | None = None,
        random_state: int = 0,
        max_iter: int = 2000,
    ) -> None:
        self.C = C
        self.alpha = alpha
        self.class_weight = class_weight
        self.random_state = random_state
        self.max_iter = max_iter

    def fit(self, features: sp.csr_matrix, labels: Sequence[str] | np.ndarray) -> NBSVM:
        y = np.asarray(labels)
        self.classes_ = np.array(sorted(set(y.tolist())))
        if len(self.classes_) < 2:
            raise ValueError("NBSVM needs at least two classes")
        # Binary: one SVM for the second class, as LinearSVC does.
        targets = self.classes_[1:] if len(self.classes_) == 2 else self.classes_
        ratios = log_count_ratios(features, y, list(targets), self.alpha)
        coef = np.empty((len(targets), features.shape[1]), dtype=np.float64)
        bias = np.empty(len(targets), dtype=np.float64)
        for i, label in enumerate(targets):
            svm = LinearSVC(
                C=self.C,
                class_weight=self.class_weight,
                random_state=self.random_state,
                max_iter=self.max_iter,
            )
            svm.fit(features @ sp.diags(ratios[i]), (y == label).astype(np.int8))
            coef[i] = svm.coef_.ravel() * ratios[i]
            bias[i] = svm.intercept_[0]
        self.coef_, self.intercept_ = coef, bias
        return self

    def decision_function(self, features: sp.csr_matrix) -> np.ndarray:
        scores = np.asarray(features @ self.coef_.T) + self.intercept_
        return scores.ravel() if scores.shape[1] == 1 else scores


class Blend:
    """The mean of a LinearSVC and an NBSVM, each scaled to unit score spread on the
    training rows: still one weight matrix (a mean of two linear models is linear).

    Why: on sentiment the plain SVM read UIT-VSFC's rare "neutral" better on training
    holdouts and the NBSVM read AIVIVN reviews better; their mean was at least as good
    as the better of the two on the training holdout and on dev (sentiment.md).
    """

    def __init__(
        self,
        C: float = 1.0,
        alpha: float = 1.0,
        class_weight: str | None = None,
        random_state: int = 0,
        max_iter: int = 2000,
    ) -> None:
        self.svm = LinearSVC(
            C=C, class_weight=class_weight, random_state=random_state, max_iter=max_iter
        )
        self.nbsvm = NBSVM(C, alpha, class_weight, random_state, max_iter)

    def fit(self, features: sp.csr_matrix, labels: Sequence[str] | np.ndarray) -> Blend:
        self.svm.fit(features, labels)
        self.nbsvm.fit(features, labels)
        coefs, biases = [], []
        for model in (self.svm, self.nbsvm):
            spread = float(np.std(model.decision_function(features))) or 1.0
            coefs.append(np.asarray(model.coef_) / spread)
            biases.append(np.asarray(model.intercept_) / spread)
        self.classes_ = self.nbsvm.classes_
        self.coef_ = (coefs[0] + coefs[1]) / 2
        self.intercept_ = (biases[0] + biases[1]) / 2
        return self

    def decision_function(self, features: sp.csr_matrix) -> np.ndarray:
        scores = np.asarray(features @ self.coef_.T) + self.intercept_
        return scores.ravel() if scores.shape[1] == 1 else scores
