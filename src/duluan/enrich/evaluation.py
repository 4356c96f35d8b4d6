"""Score the shipped models on named evaluation data, beside a baseline trained in the same run.

For each model and evaluation set:
1. the model's shared features are built once for the set as written and once for a copy
   with every diacritic removed;
2. the metrics of the issue are computed on both, and so are those of the TF-IDF +
   LinearSVC baseline trained now on the model's own training sets;
3. the expected calibration error (10 bins, top label) says whether the probabilities
   mean what they say.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import datasets
from .baseline import Baseline
from .blend import NeuralBlend
from .mixture import Mixture
from .models import TASKS, ModelSet, gated_toxicity_labels, model_inputs, thresholds
from .scoring import accuracy, expected_calibration_error, f1_scores, macro_f1, weighted_f1

__all__ = ["EVALUATIONS", "EvalRow", "EvalSet", "evaluate"]

Metric = Callable[[list[str], list[str]], float]


def _f1_of(label: str) -> Metric:
    return lambda truth, predicted: f1_scores(truth, predicted).get(label, (0.0, 0))[0]


def clean_flagged(truth: list[str], predicted: list[str]) -> float:
    """The share of texts labelled clean that the model calls abusive (lower is better)."""
    said = [p for t, p in zip(truth, predicted, strict=True) if t == "clean"]
    return sum(p != "clean" for p in said) / len(said) if said else 0.0


METRICS: dict[str, Metric] = {
    "accuracy": accuracy,
    "macro F1": macro_f1,
    "weighted F1": weighted_f1,
    "F1 negative": _f1_of("negative"),
    "F1 toxic": _f1_of("toxic"),
    "clean flagged": clean_flagged,
}


@dataclass(frozen=True)
class EvalSet:
    """One evaluation set of a model: which head reads it, how labels are decided."""

    model: str
    dataset: str  # a name in datasets.DATASETS
    head: str  # a head, or a mixture by its name (ModelSet.reader)
    metrics: tuple[str, ...]
    # Decide among these labels only (a 3-class model on 2-class data); empty: all.
    among: tuple[str, ...] = ()
    label_map: tuple[tuple[str, str], ...] = ()
    # The toxicity label as shipped: clean unless the toxicity score says toxic
    # (`models.gated_toxicity_labels`), not the label head's own top class.
    gated: bool = False


EVALUATIONS: tuple[EvalSet, ...] = (
    EvalSet("category", "vntc/dev", "category-vntc", ("accuracy", "macro F1")),
    EvalSet("sentiment", "uit-vsfc/dev", "sentiment", ("weighted F1", "macro F1")),
    EvalSet(
        "sentiment", "aivivn/eval", "sentiment", ("F1 negative", "macro F1"),
        among=("negative", "positive"),
    ),  # fmt: skip
    EvalSet("sentiment", "social/blind", "sentiment", ("weighted F1", "macro F1")),
    EvalSet("sentiment", "social/blind2", "sentiment", ("weighted F1", "macro F1")),
    EvalSet("toxicity", "vihsd/dev", "toxicity-kind", ("macro F1",), gated=True),
    # Our civic and social texts, nearly all clean: the false alarms an analyst would see.
    EvalSet("toxicity", "social-toxicity/eval", "toxicity-kind", ("clean flagged",), gated=True),
    EvalSet(
        "toxicity", "victsd/valid", "toxicity-score", ("F1 toxic", "macro F1"),
        label_map=(("offensive", "toxic"), ("hate", "toxic")),
    ),  # fmt: skip
)


@dataclass(frozen=True)
class EvalRow:
    """One line of the evaluation table; `baseline` is None where it does not apply."""

    model: str
    dataset: str
    split: str
    metric: str
    score: float
    baseline: float | None


def _decide(
    labels: list[str], scores: np.ndarray, spec: EvalSet, threshold: float | np.ndarray | None
) -> list[str]:
    if threshold is not None and "toxic" in labels:
        said = scores[:, labels.index("toxic")] >= threshold  # one cut, or one per text
        return np.where(said, "toxic", "clean").tolist()
    allowed = [i for i, label in enumerate(labels) if not spec.among or label in spec.among]
    best = np.asarray(allowed)[np.argmax(scores[:, allowed], axis=1)]
    return [labels[i] for i in best]


def _baseline_for(head: str, data_dir: str | Path | None, seed: int) -> Baseline:
    """The baseline trained on what the head (or every expert of a mixture) trained on."""
    specs = next(t.reader_heads(head) for t in TASKS.values() if t.reader_heads(head))
    texts: list[str] = []
    labels: list[str] = []
    for spec in specs:
        for name in spec.train_sets:
            data = datasets.load(name, data_dir)
            texts += data.texts
            labels += [spec.label_map.get(label, label) for label in data.labels]
    return Baseline(seed).fit([t[: datasets.NEWS_CHARS] for t in texts], labels)


def evaluate(
    names: Sequence[str] | None = None,
    data_dir: str | Path | None = None,
    model_dir: str | Path | None = None,
    seed: int = 13,
    baseline: bool = True,
) -> list[EvalRow]:
    """Evaluate models `names` (default: all) on their evaluation sets."""
    names = tuple(names or TASKS)
    models = ModelSet(names, Path(model_dir) if model_dir else None)
    rows: list[EvalRow] = []
    baselines: dict[str, Baseline] = {}
    for spec in EVALUATIONS:
        if spec.model not in names:
            continue
        head = models.reader(spec.head)
        binary = isinstance(head, Mixture | NeuralBlend) or "threshold" in head.metadata
        if baseline and spec.head not in baselines:
            baselines[spec.head] = _baseline_for(spec.head, data_dir, seed)
        mapping = dict(spec.label_map)
        data = datasets.load(spec.dataset, data_dir)
        dataset, split = spec.dataset.split("/")
        for variant, label in ((data, split), (datasets.without_diacritics(data), f"{split} (no diacritics)")):
            truth = [mapping.get(t, t) for t in variant.labels]
            inputs = model_inputs(variant.texts)
            _, probabilities = models.probabilities(spec.head, inputs)
            threshold = (thresholds(head, inputs.features)
                         if binary and "toxic" in head.labels else None)  # fmt: skip
            if spec.gated:
                _, toxic = models.toxic_flags(inputs)
                predicted = gated_toxicity_labels(head.labels, probabilities, toxic)
            else:
                predicted = _decide(head.labels, probabilities, spec, threshold)
            base_predicted = None
            if baseline:
                model = baselines[spec.head]
                cut = [t[: datasets.NEWS_CHARS] for t in variant.texts]
                base_predicted = _decide(model.labels, model.scores(cut), spec, None)
            for metric in spec.metrics:
                score = METRICS[metric](truth, predicted)
                base = METRICS[metric](truth, base_predicted) if base_predicted else None
                rows.append(EvalRow(spec.model, dataset, label, metric, round(score, 4),
                                    None if base is None else round(base, 4)))  # fmt: skip
            if variant is data:
                top = np.argmax(probabilities, axis=1)
                index = {lab: i for i, lab in enumerate(head.labels)}
                correct = np.array([index.get(t, -1) for t in truth]) == top
                ece = expected_calibration_error(probabilities.max(axis=1), correct)
                rows.append(EvalRow(spec.model, dataset, split, "ECE (10 bins)", round(ece, 4), None))
    return rows
