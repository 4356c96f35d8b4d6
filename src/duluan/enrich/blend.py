"""The sentiment mixture blended with the CNN: a weighted mean of their probabilities.

The linear mixture (`mixture.py`) reads bags of syllable n-grams; the CNN (`neural.py`)
reads the order of the words within three syllables and shares vectors between a syllable
and its form without diacritics. Their errors differ enough that a blend beats either
(benchmarks/sentiment_neural.py, `models/sentiment.md`):

1. the mixture gives its probabilities from the shared features;
2. the CNN gives each domain head's probabilities from the token ids, mixed by the same
   router weights as the mixture's experts (0 for a label a head lacks);
   A domain the CNN has no head for (the social posts and comments we labelled
   ourselves: too few texts to train one) lends the mixture's own expert instead, so
   texts of that domain get the mixture's answer;
3. the answer is (1 - w) * p_mixture + w * p_cnn, with w the CNN's weight. The kind of
   blend and w were chosen by cross-validation on the training sets, never on dev (see
   the model card: a log-linear blend at 0.2 scored the same F1 there, with a lower ECE).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp

from .mixture import Mixture
from .neural import CnnModel, TokenIds

__all__ = ["NeuralBlend"]

@dataclass
class NeuralBlend:
    """A `Mixture` and a `CnnModel` with one head per router domain, and the CNN's weight."""

    mixture: Mixture
    cnn: CnnModel
    weight: float
    labels: list[str] = field(init=False)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = set(self.cnn.heads) - set(self.mixture.router.labels)
        if unknown:
            raise ValueError(f"CNN heads {sorted(unknown)} are not domains of the router")
        self.labels = self.mixture.labels

    def domain_probabilities(self, features: sp.csr_matrix) -> tuple[list[str], np.ndarray]:
        return self.mixture.domain_probabilities(features)

    def cnn_probabilities(self, features: sp.csr_matrix, token_ids: TokenIds) -> np.ndarray:
        """The CNN's heads over `labels`, weighted by the router (step 2)."""
        domains, weights = self.domain_probabilities(features)
        experts = self._lent_experts(domains, features)
        return self._cnn_mixed(domains, weights, self.cnn.predict_proba(token_ids), experts)

    def predict_proba(self, features: sp.csr_matrix, token_ids: TokenIds) -> np.ndarray:
        """Probabilities over `labels`, rows summing to 1 (step 3). The router and the
        experts are read once for both parts of the blend."""
        domains, weights = self.domain_probabilities(features)
        experts = self.mixture.expert_probabilities(features)
        linear = np.zeros((features.shape[0], len(self.labels)))
        for j, domain in enumerate(domains):
            linear += weights[:, j : j + 1] * experts[domain]
        cnn = self._cnn_mixed(domains, weights, self.cnn.predict_proba(token_ids), experts)
        return (1 - self.weight) * linear + self.weight * cnn

    def _lent_experts(self, domains: list[str], features: sp.csr_matrix) -> dict[str, np.ndarray]:
        if all(d in self.cnn.heads for d in domains):
            return {}
        return self.mixture.expert_probabilities(features)

    def _cnn_mixed(
        self,
        domains: list[str],
        weights: np.ndarray,
        heads: dict[str, np.ndarray],
        experts: dict[str, np.ndarray],
    ) -> np.ndarray:
        mixed = np.zeros((weights.shape[0], len(self.labels)))
        for j, domain in enumerate(domains):
            if domain not in self.cnn.heads:  # no head: the mixture's expert is lent
                mixed += weights[:, j : j + 1] * experts[domain]
                continue
            columns = [self.labels.index(label) for label in self.cnn.heads[domain]]
            mixed[:, columns] += weights[:, j : j + 1] * heads[domain]
        return mixed
