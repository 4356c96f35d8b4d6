"""The baseline every shipped model is measured against: TF-IDF word and character
n-grams with a linear SVM, trained in the same run on the same training texts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

__all__ = ["Baseline"]


class Baseline:
    """TF-IDF (words 1-2, characters 2-4 within words) + LinearSVC, default settings."""

    def __init__(self, seed: int = 13) -> None:
        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2
                    ),
                ),
            ]
        )
        self.pipeline = Pipeline([("tfidf", features), ("svm", LinearSVC(random_state=seed))])

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> Baseline:
        self.pipeline.fit(list(texts), list(labels))
        return self

    @property
    def labels(self) -> list[str]:
        return [str(c) for c in self.pipeline.classes_]

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Decision scores, one column per label (two columns for a binary task)."""
        raw = np.asarray(self.pipeline.decision_function(list(texts)))
        return np.column_stack([-raw, raw]) if raw.ndim == 1 else raw

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [str(p) for p in self.pipeline.predict(list(texts))]
