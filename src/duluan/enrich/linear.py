"""A small linear classifier over hashed features, stored without pickle.

A `LinearModel` keeps only the hashed columns it uses: `columns` (sorted column numbers
of the shared feature matrix) and one row of `weights` per kept column, so a model over
2**20 hashed features is a few megabytes. Scores are `X @ W + bias`; probabilities are a
softmax of the scores divided by a temperature fitted on held-out training data, so a
0.8 means right about four times in five. A binary model keeps two columns (the second
the negation of the first), so every model is read the same way.

Files: NAME.npz (numpy arrays, loaded with allow_pickle=False) beside NAME.json (labels,
feature options, training data, seed, scores).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar

__all__ = ["LinearModel", "fit_temperature", "softmax"]

_FORMAT = 1


def softmax(scores: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of `scores / temperature`, stable for large scores."""
    z = np.asarray(scores, dtype=np.float64) / temperature
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """The temperature that minimises the log loss of softmax(scores / T) on `truth`."""

    def log_loss(log_t: float) -> float:
        p = softmax(scores, float(np.exp(log_t)))
        return float(-np.mean(np.log(np.clip(p[np.arange(len(truth)), truth], 1e-12, None))))

    # Searched in log space: temperatures from about 0.02 to 50 cover SVM and LR margins.
    best = minimize_scalar(log_loss, bounds=(-4.0, 4.0), method="bounded")
    return float(np.exp(best.x))


@dataclass
class LinearModel:
    """Labels, kept columns with their weights, bias and temperature; metadata rides along."""

    labels: list[str]
    columns: np.ndarray  # int64, sorted, unique: columns of the shared feature matrix
    weights: np.ndarray  # (len(columns), len(labels)) float32
    bias: np.ndarray  # (len(labels),) float32
    n_features: int
    temperature: float = 1.0
    metadata: dict[str, Any] = field(default_factory=dict)
    _dense: sp.csr_matrix | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_dense(
        cls,
        labels: list[str],
        coef: np.ndarray,
        bias: np.ndarray,
        keep: float = 1.0,
        **kwargs: Any,
    ) -> LinearModel:
        """Build from a (n_labels, n_features) weight matrix, keeping the `keep` share of
        columns with the largest weights: the rest change almost no decision."""
        coef = np.asarray(coef, dtype=np.float32)
        strength = np.abs(coef).max(axis=0)
        used = np.flatnonzero(strength > 0)
        if keep < 1.0 and len(used):
            count = max(1, int(round(len(used) * keep)))
            order = np.argsort(-strength[used], kind="stable")[:count]
            used = np.sort(used[order])
        return cls(
            labels=list(labels),
            columns=used.astype(np.int64),
            weights=np.ascontiguousarray(coef[:, used].T),
            bias=np.asarray(bias, dtype=np.float32),
            n_features=coef.shape[1],
            **kwargs,
        )

    def weight_matrix(self) -> sp.csr_matrix:
        """The weights as a sparse (n_features, n_labels) matrix, built once."""
        if self._dense is None:
            n_labels = len(self.labels)
            rows = np.repeat(self.columns, n_labels)
            cols = np.tile(np.arange(n_labels), len(self.columns))
            self._dense = sp.csr_matrix(
                (self.weights.ravel().astype(np.float32), (rows, cols)),
                shape=(self.n_features, n_labels),
            )
        return self._dense

    def scores(self, features: sp.csr_matrix) -> np.ndarray:
        """Raw scores, one row per document, one column per label."""
        self._check_width(features)
        return np.asarray((features @ self.weight_matrix()).toarray()) + self.bias

    def predict_proba(self, features: sp.csr_matrix) -> np.ndarray:
        """Calibrated probabilities, rows summing to 1."""
        return softmax(self.scores(features), self.temperature)

    def predict(self, features: sp.csr_matrix) -> list[str]:
        return [self.labels[i] for i in np.argmax(self.scores(features), axis=1)]

    def _check_width(self, features: sp.spmatrix) -> None:
        if features.shape[1] != self.n_features:
            raise ValueError(
                f"feature matrix has {features.shape[1]} columns but the model reads "
                f"{self.n_features}; build features with the model's feature options"
            )

    # --- files -----------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write PATH.npz (arrays) and PATH.json (labels and metadata); `path` has no suffix."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        # float16 keeps three significant digits: far below the noise of training.
        np.savez_compressed(
            path.with_suffix(".npz"),
            columns=self.columns.astype(np.int32 if self.n_features < 2**31 else np.int64),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )
        info = {
            "format": _FORMAT,
            "labels": self.labels,
            "n_features": self.n_features,
            "temperature": self.temperature,
            **self.metadata,
        }
        path.with_suffix(".json").write_text(
            json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        """Read a model written by `save`; never unpickles anything."""
        path = Path(path)
        info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(path.with_suffix(".npz"), allow_pickle=False) as arrays:
            return cls._from_parts(info, dict(arrays))

    @classmethod
    def _from_parts(cls, info: dict[str, Any], arrays: dict[str, np.ndarray]) -> LinearModel:
        if info.get("format") != _FORMAT:
            raise ValueError(f"unsupported model format {info.get('format')!r}; retrain it")
        metadata = {
            k: v
            for k, v in info.items()
            if k not in {"format", "labels", "n_features", "temperature"}
        }
        return cls(
            labels=list(info["labels"]),
            columns=arrays["columns"].astype(np.int64),
            weights=arrays["weights"].astype(np.float32),
            bias=arrays["bias"].astype(np.float32),
            n_features=int(info["n_features"]),
            temperature=float(info["temperature"]),
            metadata=metadata,
        )

    def rounded(self) -> LinearModel:
        """The model as it reads back from its file (float16 weights), for honest scores."""
        return LinearModel(
            labels=self.labels,
            columns=self.columns,
            weights=self.weights.astype(np.float16).astype(np.float32),
            bias=self.bias,
            n_features=self.n_features,
            temperature=self.temperature,
            metadata=self.metadata,
        )
