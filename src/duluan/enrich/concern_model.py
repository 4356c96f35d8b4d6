"""The learned concern model: two linear heads over the shared hashed features.

One head is a softmax over the concern ids, the other a logistic complaint score; both
read the same `FeatureExtractor` row, are trained here with L-BFGS (scipy), and are
stored as numpy arrays (`concern.npz`, only the feature columns that carry weight) next
to a JSON file with the labels, feature options and calibration. Nothing is pickled.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

from ..text.features import FeatureExtractor, FeatureOptions
from .concern_rules import LexiconLabel, LexiconLabeller

__all__ = [
    "COMPLAINT_FEATURES",
    "LinearHeads",
    "StackInputs",
    "complaint_features",
    "fit_binary",
    "fit_logistic",
    "fit_softmax",
    "fit_temperature",
]

# Character and syllable n-grams only: the segmenter triples feature time and adds
# little to short complaints; the folded character n-grams carry the no-diacritics case.
DEFAULT_FEATURES = FeatureOptions(n_features=2**18, word_ngrams=(0, 0))
FORMATS = ("duluan-concern-linear/1", "duluan-concern-linear/2")

# Scalar features of a text that the complaint stack may weigh one by one: the lexicon's
# marker families, a question or exclamation mark, a first-person writer, the length.
COMPLAINT_FEATURES = (
    "petition", "nobody_acts", "hardship", "sufferer", "against",
    "question", "exclamation", "first_person", "length",
)  # fmt: skip
_FIRST_PERSON = re.compile(r"\b(?:tôi|tui|mình|tớ|tao|em|bọn|tụi|chúng)\b", re.IGNORECASE)
# Without diacritics "Minh" is also a name (Hồ Chí Minh): only "minh" in lower case.
_FIRST_PERSON_FOLDED = re.compile(r"\b(?:[Tt]oi|[Tt]ui|minh|[Tt]ao|[Ee]m)\b")


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    np.exp(logits, out=logits)
    return logits / logits.sum(axis=1, keepdims=True)


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(values, -40, 40)))


def fit_softmax(
    x: sp.csr_matrix,
    y: np.ndarray,
    n_classes: int,
    weights: np.ndarray,
    l2: float,
    max_iter: int = 200,
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression: (coef of shape (features, classes), bias)."""
    n, d = x.shape
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), y] = 1.0
    total = weights.sum()
    xt = x.T.tocsr()

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        coef = params[: d * n_classes].reshape(d, n_classes)
        bias = params[d * n_classes :]
        probs = _softmax(np.asarray(x @ coef) + bias)
        value = -(weights * np.log(probs[np.arange(n), y] + 1e-12)).sum() / total
        value += 0.5 * l2 * float((coef * coef).sum())
        delta = (probs - onehot) * (weights / total)[:, None]
        grad_coef = np.asarray(xt @ delta) + l2 * coef
        return value, np.concatenate([grad_coef.ravel(), delta.sum(axis=0)])

    start = np.zeros(d * n_classes + n_classes)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    return result.x[: d * n_classes].reshape(d, n_classes), result.x[d * n_classes :]


def fit_logistic(
    x: sp.csr_matrix, y: np.ndarray, weights: np.ndarray, l2: float, max_iter: int = 200
) -> tuple[np.ndarray, float]:
    """Binary logistic regression with L2: (coef of shape (features,), bias)."""
    coef, bias = fit_softmax(x, y.astype(np.int64), 2, weights, l2, max_iter)
    # Two softmax columns are one logistic unit: the difference of their scores.
    return coef[:, 1] - coef[:, 0], float(bias[1] - bias[0])


def fit_binary(
    x: sp.csr_matrix,
    y: np.ndarray,
    weights: np.ndarray,
    l2: float,
    offset: np.ndarray | None = None,
    max_iter: int = 300,
) -> tuple[np.ndarray, float]:
    """Logistic regression with L2 and a fixed per-row `offset` added to the logit, so that
    a unit can learn what an existing score misses: (coef of shape (features,), bias)."""
    n, d = x.shape
    sign = np.where(y, 1.0, -1.0)
    base = np.zeros(n) if offset is None else np.asarray(offset, dtype=np.float64)
    share = weights / weights.sum()
    xt = x.T.tocsr()

    def loss(params: np.ndarray) -> tuple[float, np.ndarray]:
        coef, bias = params[:d], params[d]
        margin = sign * (np.asarray(x @ coef).ravel() + bias + base)
        value = float((share * np.logaddexp(0.0, -margin)).sum()) + 0.5 * l2 * float(coef @ coef)
        slope = -share * sign * _sigmoid(-margin)
        grad = np.asarray(xt @ slope).ravel() + l2 * coef
        return value, np.concatenate([grad, [slope.sum()]])

    result = minimize(
        loss, np.zeros(d + 1), jac=True, method="L-BFGS-B", options={"maxiter": max_iter}
    )
    return result.x[:d], float(result.x[d])


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the log loss of softmax(logits / T) on (logits, y)."""
    best, best_loss = 1.0, float("inf")
    for temperature in np.exp(np.linspace(np.log(0.2), np.log(5.0), 61)):
        probs = _softmax(logits / temperature)
        value = -float(np.log(probs[np.arange(len(y)), y] + 1e-12).mean())
        if value < best_loss:
            best, best_loss = float(temperature), value
    return best


def complaint_features(text: str, label: LexiconLabel) -> list[float]:
    """The values of COMPLAINT_FEATURES for one text and its lexicon label."""
    # Folded pronouns only count when the text has no diacritics at all ("tới" is "toi").
    pronoun = _FIRST_PERSON_FOLDED if text.isascii() else _FIRST_PERSON
    families = label.family_scores
    return [
        families.get("petition", 0.0),
        families.get("nobody_acts", 0.0),
        families.get("hardship", 0.0),
        families.get("sufferer", 0.0),
        families.get("against", 0.0),
        float("?" in text),
        float("!" in text),
        float(pronoun.search(text) is not None),
        math.log1p(len(text.split())) / 3.0,
    ]


@dataclass(frozen=True)
class StackInputs:
    """Per-text inputs of the stacked prediction."""

    log_probs: np.ndarray  # (texts, labels) log-probabilities of the concern head
    complaint_logit: np.ndarray  # (texts,) raw complaint logit of the linear head
    lexicon_topics: np.ndarray  # (texts, labels) lexicon topic scores
    no_topic: np.ndarray  # (texts,) 1 where the lexicon matched no topic phrase
    lexicon_complaint: np.ndarray  # (texts,) lexicon complaint score
    complaint_features: np.ndarray  # (texts, len(COMPLAINT_FEATURES))
    gold_logit: np.ndarray  # (texts,) the gold complaint head's logit, zeros without one


@dataclass
class LinearHeads:
    """A concern softmax and a complaint logistic unit over one feature row."""

    labels: list[str]
    concern_coef: np.ndarray  # (n_features, n_labels), float32
    concern_bias: np.ndarray  # (n_labels,)
    complaint_coef: np.ndarray  # (n_features,)
    complaint_bias: float
    options: FeatureOptions = DEFAULT_FEATURES
    # A second complaint unit trained on the hand-labelled gold texts (None: not trained).
    gold_complaint_coef: np.ndarray | None = None
    gold_complaint_bias: float = 0.0
    concern_temperature: float = 1.0
    complaint_scale: float = 1.0  # Platt scaling of the complaint logit: a·z + b
    complaint_shift: float = 0.0
    # Stacking with the lexicon (fit on the dev set): empty means the linear heads alone.
    stack: dict[str, float] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._extractor = FeatureExtractor(self.options)
        self._lexicon = LexiconLabeller()

    def features(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The shared feature rows of `texts`."""
        return self._extractor.transform(texts)

    def raw_scores(self, x: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Uncalibrated (concern logits, complaint logit) for feature rows `x`."""
        concern = np.asarray(x @ self.concern_coef, dtype=np.float64) + self.concern_bias
        complaint = np.asarray(x @ self.complaint_coef, dtype=np.float64).ravel()
        return concern, complaint + self.complaint_bias

    def predict_rows(self, x: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated (concern probabilities, complaint probability) for rows `x`."""
        concern, complaint = self.raw_scores(x)
        probs = _softmax(concern / self.concern_temperature)
        return probs, _sigmoid(self.complaint_scale * complaint + self.complaint_shift)

    def gold_scores(self, x: sp.csr_matrix) -> np.ndarray:
        """The gold complaint head's logit for rows `x` (zeros when there is none)."""
        if self.gold_complaint_coef is None:
            return np.zeros(x.shape[0])
        return np.asarray(x @ self.gold_complaint_coef, dtype=np.float64).ravel() + (
            self.gold_complaint_bias
        )

    def stack_inputs(self, texts: Sequence[str]) -> StackInputs:
        """What the stacked prediction reads: the heads' scores and the lexicon's."""
        x = self.features(texts)
        concern, complaint = self.raw_scores(x)
        labels = self._lexicon.label_many(texts)
        topics = self._lexicon.topic_matrix(labels, self.labels)
        extra = [complaint_features(t, lab) for t, lab in zip(texts, labels, strict=True)]
        return StackInputs(
            log_probs=np.log(_softmax(concern) + 1e-9),
            complaint_logit=complaint,
            lexicon_topics=topics,
            no_topic=(topics.max(axis=1) == 0).astype(np.float64),
            lexicon_complaint=np.array([lab.complaint_score for lab in labels]),
            complaint_features=np.array(extra, dtype=np.float64).reshape(
                len(texts), len(COMPLAINT_FEATURES)
            ),
            gold_logit=self.gold_scores(x),
        )

    def combine(self, inputs: StackInputs) -> tuple[np.ndarray, np.ndarray]:
        """(concern probabilities, complaint probability) from `inputs` and the stack weights."""
        s = self.stack
        other = np.array([label == "other" for label in self.labels], dtype=np.float64)
        logits = (
            s["concern_model"] * inputs.log_probs
            + s["concern_lexicon"] * inputs.lexicon_topics
            + s["concern_no_topic"] * inputs.no_topic[:, None] * other
        )
        return _softmax(logits), _sigmoid(self.complaint_logit(inputs))

    def complaint_logit(self, inputs: StackInputs) -> np.ndarray:
        """The stacked complaint score before the sigmoid."""
        s = self.stack
        z = (
            s["complaint_model"] * inputs.complaint_logit
            + s["complaint_lexicon"] * inputs.lexicon_complaint
            + s["complaint_bias"]
            + s.get("complaint_gold", 0.0) * inputs.gold_logit
        )
        for j, name in enumerate(COMPLAINT_FEATURES):
            z = z + s.get(f"complaint_x_{name}", 0.0) * inputs.complaint_features[:, j]
        return z

    def predict(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated (concern probabilities, complaint probability) for `texts`."""
        if not self.stack:
            return self.predict_rows(self.features(texts))
        return self.combine(self.stack_inputs(texts))

    # Storage: the columns whose weights matter, quantised, plus a JSON header.
    def _quantise(self, min_weight: float = 1e-3) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(columns, int8 weights, float32 scale per output) as stored."""
        parts = [self.concern_coef, self.complaint_coef[:, None]]
        if self.gold_complaint_coef is not None:
            parts.append(self.gold_complaint_coef[:, None])
        stacked = np.hstack(parts)
        columns = np.flatnonzero(np.abs(stacked).max(axis=1) >= min_weight).astype(np.int32)
        kept = stacked[columns]
        # int8 with one scale per output: a quarter of float32, and the rounding error
        # (half a step of max|w|/127) is far below what moves a prediction.
        scales = np.maximum(np.abs(kept).max(axis=0), 1e-12) / 127.0
        quantised = np.round(kept / scales).astype(np.int8)
        # Columns whose weights all round to zero carry nothing once quantised.
        nonzero = quantised.any(axis=1)
        return columns[nonzero], quantised[nonzero], scales.astype(np.float32)

    def quantised(self) -> LinearHeads:
        """This model with the weights `save` would store, as `load` reads them back."""
        columns, weights, scales = self._quantise()
        dense = np.zeros((self.options.n_features, weights.shape[1]), dtype=np.float32)
        dense[columns] = weights.astype(np.float32) * scales
        n = len(self.labels)
        gold = self.gold_complaint_coef is not None
        return replace(
            self,
            concern_coef=np.ascontiguousarray(dense[:, :n]),
            concern_bias=self.concern_bias.astype(np.float32).astype(np.float64),
            complaint_coef=np.ascontiguousarray(dense[:, n]),
            gold_complaint_coef=np.ascontiguousarray(dense[:, n + 1]) if gold else None,
        )

    def save(self, stem: Path) -> None:
        """Write `stem`.npz and `stem`.json."""
        columns, weights, scales = self._quantise()
        np.savez_compressed(
            stem.with_suffix(".npz"),
            columns=columns,
            weights=weights,
            scales=scales,
            concern_bias=self.concern_bias.astype(np.float32),
        )
        header = {
            "format": FORMATS[-1],
            "labels": self.labels,
            "features": asdict(self.options),
            "complaint_bias": self.complaint_bias,
            "gold_complaint": self.gold_complaint_coef is not None,
            "gold_complaint_bias": self.gold_complaint_bias,
            "concern_temperature": self.concern_temperature,
            "complaint_scale": self.complaint_scale,
            "complaint_shift": self.complaint_shift,
            "stack": self.stack,
            "meta": self.meta,
        }
        stem.with_suffix(".json").write_text(
            json.dumps(header, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, stem: Path) -> LinearHeads:
        """Read what `save` wrote; no pickle is ever allowed."""
        header = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if header.get("format") not in FORMATS:
            raise ValueError(
                f"{stem}.json is not a concern model (format {header.get('format')!r})"
            )
        features: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v for k, v in header["features"].items()
        }
        options = FeatureOptions(**features)
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arrays:
            columns = arrays["columns"]
            weights = arrays["weights"].astype(np.float32) * arrays["scales"]
            concern_bias = arrays["concern_bias"].astype(np.float64)
        n_labels = len(header["labels"])
        gold = bool(header.get("gold_complaint", False))
        dense = np.zeros((options.n_features, n_labels + 1 + gold), dtype=np.float32)
        dense[columns] = weights
        return cls(
            labels=list(header["labels"]),
            concern_coef=np.ascontiguousarray(dense[:, :n_labels]),
            concern_bias=concern_bias,
            complaint_coef=np.ascontiguousarray(dense[:, n_labels]),
            complaint_bias=float(header["complaint_bias"]),
            options=options,
            gold_complaint_coef=np.ascontiguousarray(dense[:, n_labels + 1]) if gold else None,
            gold_complaint_bias=float(header.get("gold_complaint_bias", 0.0)),
            concern_temperature=float(header["concern_temperature"]),
            complaint_scale=float(header["complaint_scale"]),
            complaint_shift=float(header["complaint_shift"]),
            stack={k: float(v) for k, v in header.get("stack", {}).items()},
            meta=header.get("meta", {}),
        )
