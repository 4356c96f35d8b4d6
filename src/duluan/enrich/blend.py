"""Linear readers blended with a CNN: a weighted mean of their probabilities.

The linear readers (`linear.py`, `mixture.py`) read bags of syllable n-grams; the CNN
(`neural.py`) reads the order of the words within three syllables and shares vectors
between a syllable and its form without diacritics. Their errors differ enough that a
blend beats either (benchmarks/sentiment_neural.py, benchmarks/toxicity_neural.py):

1. the linear reader gives its probabilities from the shared features;
2. the CNN gives its head's probabilities from the token ids (for a mixture: each router
   domain's head, read into the mixture's labels through `label_map`, e.g. hate and
   offensive into toxic; 0 for a label a head lacks). A router domain the CNN has no
   head for (sentiment's social posts: too few texts to train one) lends the mixture's
   own expert instead, so texts of that domain get the mixture's answer;
3. for each domain, (1 - w) * p_linear + w * p_cnn with w that domain's CNN share; a
   mixture then weights the domains by its router, as it weights its experts.

`NeuralBlend` blends a mixture (sentiment; the toxicity score), `HeadBlend` one head
(the toxicity label); the CNN may be a `CnnEnsemble`, read as one CNN. Weights, and a
blended score's thresholds, were chosen by cross-validation on the training sets, never
on dev (the model cards say how).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

from .linear import LinearModel
from .mixture import Mixture
from .neural import CnnEnsemble, CnnModel, TokenIds

__all__ = ["HeadBlend", "NeuralBlend"]

# The CNN's probabilities by head for a batch: one pass serves every blend of that CNN.
CnnOutput: TypeAlias = Mapping[str, np.ndarray] | None


@dataclass
class NeuralBlend:
    """A `Mixture` and a `CnnModel` with a head for some or all router domains (a domain
    without one lends its expert), and the CNN's share: one for every domain, or one per
    domain."""

    mixture: Mixture
    cnn: CnnModel | CnnEnsemble
    weight: float | Mapping[str, float]
    # A CNN label -> the mixture label it counts for (hate -> toxic); others by name.
    label_map: Mapping[str, str] = field(default_factory=dict)
    # Binary: each domain's threshold of the blended score (else the experts' own).
    cuts: Mapping[str, float] = field(default_factory=dict)
    labels: list[str] = field(init=False)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown_heads = set(self.cnn.heads) - set(self.mixture.router.labels)
        if unknown_heads:
            raise ValueError(f"CNN heads {sorted(unknown_heads)} are not domains of the router")
        self.labels = self.mixture.labels
        domains = set(self.mixture.router.labels)
        for what, keys in (("weight", self.weight), ("cuts", self.cuts)):
            unknown_keys = set(keys) - domains if isinstance(keys, Mapping) else set()
            if unknown_keys:
                raise ValueError(f"{what} names {sorted(unknown_keys)}, not domains of the router")
        for domain, labels in self.cnn.heads.items():
            unknown = {self.label_map.get(label, label) for label in labels} - set(self.labels)
            if unknown:
                raise ValueError(
                    f"CNN head {domain!r} says {sorted(unknown)}, not among {self.labels}"
                )

    def share(self, domain: str) -> float:
        """The CNN's weight in `domain`."""
        if isinstance(self.weight, Mapping):
            return float(self.weight.get(domain, 0.0))
        return float(self.weight)

    def domain_probabilities(self, features: sp.csr_matrix) -> tuple[list[str], np.ndarray]:
        return self.mixture.domain_probabilities(features)

    def _cnn_heads(self, token_ids: TokenIds, heads: CnnOutput = None) -> dict[str, np.ndarray]:
        """Each domain's CNN head over `labels` (step 2)."""
        out = {}
        for domain, p in (heads or self.cnn.predict_proba(token_ids)).items():
            full = np.zeros((p.shape[0], len(self.labels)))
            for j, label in enumerate(self.cnn.heads[domain]):
                full[:, self.labels.index(self.label_map.get(label, label))] += p[:, j]
            out[domain] = full
        return out

    def cnn_probabilities(
        self, features: sp.csr_matrix, token_ids: TokenIds, heads: CnnOutput = None
    ) -> np.ndarray:
        """The CNN's heads over `labels`, weighted by the router (a domain without a head
        lends its expert)."""
        domains, weights = self.domain_probabilities(features)
        experts = self.mixture.expert_probabilities(features)
        parts = self._cnn_parts(domains, self._cnn_heads(token_ids, heads), experts)
        mixed = np.zeros((features.shape[0], len(self.labels)))
        for j, domain in enumerate(domains):
            mixed += weights[:, j : j + 1] * parts[domain]
        return mixed

    def predict_proba(
        self, features: sp.csr_matrix, token_ids: TokenIds, heads: CnnOutput = None
    ) -> np.ndarray:
        """Probabilities over `labels`, rows summing to 1 (step 3); `heads`: the CNN's
        `predict_proba` of these texts, if already known. The router and the experts are
        read once for both parts of the blend."""
        domains, weights = self.domain_probabilities(features)
        experts = self.mixture.expert_probabilities(features)
        parts = self._cnn_parts(domains, self._cnn_heads(token_ids, heads), experts)
        p = np.zeros((features.shape[0], len(self.labels)))
        for j, domain in enumerate(domains):
            w = self.share(domain)
            p += weights[:, j : j + 1] * ((1 - w) * experts[domain] + w * parts[domain])
        return p

    @staticmethod
    def _cnn_parts(
        domains: list[str], heads: dict[str, np.ndarray], experts: dict[str, np.ndarray]
    ) -> dict[str, np.ndarray]:
        """The CNN's part of each domain: its head, or the expert lent where it has none."""
        return {d: heads[d] if d in heads else experts[d] for d in domains}

    def thresholds(self, features: sp.csr_matrix) -> np.ndarray:
        """The router-weighted mean of the domains' thresholds, one per text: the blend's
        own cuts, else the experts'."""
        return self.mixture.thresholds(features, self.cuts)


@dataclass
class HeadBlend:
    """One `LinearModel` and one head of a `CnnModel` over the same labels, and the
    CNN's share."""

    head: LinearModel
    cnn: CnnModel | CnnEnsemble
    domain: str  # the CNN head read
    weight: float
    labels: list[str] = field(init=False)
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if sorted(self.cnn.heads.get(self.domain, [])) != sorted(self.head.labels):
            raise ValueError(
                f"CNN head {self.domain!r} has labels {self.cnn.heads.get(self.domain)}; "
                f"expected those of {self.head.metadata.get('model', 'the head')}: {self.head.labels}"
            )
        self.labels = self.head.labels
        # What the head says of itself (its model name, a binary head's threshold) holds
        # for the blend unless the blend says otherwise.
        self.metadata = {**self.head.metadata, **self.metadata}

    def predict_proba(
        self, features: sp.csr_matrix, token_ids: TokenIds, heads: CnnOutput = None
    ) -> np.ndarray:
        """Probabilities over `labels`, rows summing to 1; `heads` as for `NeuralBlend`."""
        cnn = (heads or self.cnn.predict_proba(token_ids))[self.domain]
        order = [self.cnn.heads[self.domain].index(label) for label in self.labels]
        return (1 - self.weight) * self.head.predict_proba(features) + self.weight * cnn[:, order]
