"""Tiny linear heads and CNNs with fixed outputs, for the blend tests of sentiment and toxicity."""

import numpy as np

from duluan.enrich.linear import LinearModel
from duluan.enrich.neural import CnnModel, CnnOptions


def constant_head(labels: list[str], bias: list[float]) -> LinearModel:
    """A head that gives every text softmax(bias)."""
    return LinearModel.from_dense(labels, np.zeros((len(labels), 4), np.float32), np.array(bias))


def constant_cnn(heads: dict[str, list[str]], bias: dict[str, list[float]]) -> CnnModel:
    """Zero weights: every text gets softmax(bias) from each head."""
    options = CnnOptions(buckets=8, dim=2, filters=2)
    n_pooled = 2 * options.filters * len(options.widths)
    return CnnModel(
        options, heads, np.zeros((8, 2), np.float32),
        {w: np.zeros((w, 2, 2), np.float32) for w in options.widths},
        {w: np.zeros(2, np.float32) for w in options.widths},
        {d: np.zeros((n_pooled, len(labels)), np.float32) for d, labels in heads.items()},
        {d: np.array(b, np.float32) for d, b in bias.items()},
        {d: 1.0 for d in heads},
    )  # fmt: skip
