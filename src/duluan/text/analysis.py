"""The language core in one pass: normalise, tokenise and segment once, share the rest.

Each step of `duluan.text` can be called alone, but a document that goes through all of
them would be tokenised three times and segmented twice (keywords and features each
start from the raw text). `analyse` runs the steps in order on shared intermediates:

1. normalise the text (`normalize_text`);
2. tokenise it once (`tokenize`);
3. segment the tokens into words once (`segment_table`, one numpy pass per batch, from
   a `TokenTable` that the features read too);
4. find places (`find_places`, which reads the folded text its own way);
5. keywords from the words of step 3 (`batch_keywords`, as `document_keywords` gives them);
6. hashed features from the tokens and words of steps 2 and 3, one sparse row per text.

`analyse_many` does the same for a batch, which is where the segmenter and the feature
hashing earn their numpy: use it for more than a handful of texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from ..collector import collector_paused
from .features import FeatureExtractor, FeatureOptions
from .fold import fold
from .keywords import Keyword, batch_keywords
from .normalize import normalize_text
from .places import PlaceMention, find_places
from .token_table import TokenTable
from .tokens import Token, tokenize
from .words import segment_table

__all__ = [
    "STEPS",
    "AnalysisOptions",
    "FeatureRow",
    "TextAnalysis",
    "analyse",
    "analyse_many",
    "feature_matrix",
]

STEPS = ("normalize", "tokens", "words", "places", "keywords", "features")
# What each step needs done before it.
_NEEDS = {
    "normalize": (),
    "tokens": (),
    "words": ("tokens",),
    "places": (),
    "keywords": ("tokens", "words"),
    "features": ("tokens", "words"),
}


@dataclass(frozen=True)
class AnalysisOptions:
    """How the steps run: feature options, keywords per text, texts per numpy batch."""

    features: FeatureOptions = field(default_factory=FeatureOptions)
    keywords: int = 8
    batch_size: int = 1000
    # A batch allocates hundreds of thousands of small acyclic objects (tokens, words),
    # and each of them counts towards Python's cycle collector, whose full passes also
    # walk the loaded models: pausing it for the batch saves about a sixth of the time
    # (benchmarks/RESULTS.md). Reference counting frees memory as usual; the
    # collector is restored after the batch, and left alone if it was already off.
    pause_gc: bool = True


@dataclass(frozen=True, slots=True, eq=False)
class FeatureRow:
    """One text's hashed features: the non-zero columns and their values."""

    indices: np.ndarray  # int32 column numbers, ascending
    values: np.ndarray  # float32
    n_features: int

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FeatureRow):
            return NotImplemented
        return (
            self.n_features == other.n_features
            and np.array_equal(self.indices, other.indices)
            and np.array_equal(self.values, other.values)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable arrays inside

    def to_csr(self) -> sp.csr_matrix:
        """The row as a (1, n_features) sparse matrix, as `FeatureExtractor.transform` gives."""
        return sp.csr_matrix(
            (self.values, self.indices, [0, len(self.indices)]), shape=(1, self.n_features)
        )


@dataclass(slots=True)
class TextAnalysis:
    """What the language core read in one text; steps not asked for stay empty."""

    text: str  # normalised when "normalize" was a step, else as given
    tokens: list[Token] = field(default_factory=list)
    words: list[Token] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    features: FeatureRow | None = None


def _resolve_steps(steps: Iterable[str]) -> frozenset[str]:
    wanted = set()
    for step in [steps] if isinstance(steps, str) else steps:
        if step not in _NEEDS:
            raise ValueError(f"unknown analysis step {step!r}; expected one of: {', '.join(STEPS)}")
        wanted.add(step)
        wanted.update(_NEEDS[step])
    return frozenset(wanted)


@lru_cache(maxsize=8)
def _extractor(options: FeatureOptions) -> FeatureExtractor:
    # One extractor per options: its caches of token codes are what make it fast.
    return FeatureExtractor(options)


def analyse(
    text: str, steps: Iterable[str] = STEPS, *, options: AnalysisOptions | None = None
) -> TextAnalysis:
    """Run the language core's `steps` on one text (all of them by default)."""
    return analyse_many([text], steps, options=options)[0]


def analyse_many(
    texts: Iterable[str], steps: Iterable[str] = STEPS, *, options: AnalysisOptions | None = None
) -> list[TextAnalysis]:
    """`analyse` for many texts, in batches of `options.batch_size`; results in order."""
    options = options or AnalysisOptions()
    wanted = _resolve_steps(steps)
    results: list[TextAnalysis] = []
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= options.batch_size:
            results.extend(_analyse_paused(batch, wanted, options))
            batch = []
    if batch:
        results.extend(_analyse_paused(batch, wanted, options))
    return results


def _analyse_paused(
    texts: Sequence[str], wanted: frozenset[str], options: AnalysisOptions
) -> list[TextAnalysis]:
    with collector_paused(options.pause_gc):
        return _analyse_batch(texts, wanted, options)


def _analyse_batch(
    texts: Sequence[str], wanted: frozenset[str], options: AnalysisOptions
) -> list[TextAnalysis]:
    # 1. Normalise.
    if "normalize" in wanted:
        texts = [normalize_text(text) for text in texts]
    results = [TextAnalysis(text) for text in texts]
    # 2. Tokens, once.
    if "tokens" in wanted:
        for result in results:
            result.tokens = tokenize(result.text)
    # 3. Words, once, for the whole batch; the tables of tokens and words serve the
    #    features too.
    token_table = word_table = None
    if "words" in wanted:
        token_table = TokenTable.of([result.tokens for result in results])
        word_table = segment_table(texts, token_table)
        for result, words in zip(results, word_table.lists(), strict=True):
            result.words = words
    # Folded once, for places and the character n-grams of the features.
    chars = "features" in wanted and options.features.char_ngrams[1] > 0
    folded = [fold(text) for text in texts] if chars or "places" in wanted else None
    # 4. Places.
    if "places" in wanted:
        for result, folded_text in zip(results, folded or [], strict=True):
            result.places = find_places(result.text, folded=folded_text)
    # 5. Keywords from the words of step 3, each distinct word read once for the batch.
    if "keywords" in wanted and word_table is not None:
        for result, keywords in zip(
            results, batch_keywords(word_table, options.keywords), strict=True
        ):
            result.keywords = keywords
    # 6. Features from the tokens and words of steps 2 and 3.
    if "features" in wanted:
        matrix = _extractor(options.features).transform(
            texts, tokens=token_table, words=word_table, folded=folded
        )
        indptr = matrix.indptr.tolist()
        indices, values, n_features = matrix.indices, matrix.data, matrix.shape[1]
        for i, result in enumerate(results):
            start, end = indptr[i], indptr[i + 1]
            result.features = FeatureRow(indices[start:end], values[start:end], n_features)
    return results


def feature_matrix(analyses: Sequence[TextAnalysis]) -> sp.csr_matrix:
    """The feature rows of `analyses` stacked into one CSR matrix, one row per text."""
    rows = [a.features for a in analyses]
    missing = [i for i, row in enumerate(rows) if row is None]
    if missing:
        raise ValueError(
            f"text {missing[0]} has no features; run analyse with the 'features' step"
        )
    present = [row for row in rows if row is not None]
    n_features = present[0].n_features if present else FeatureOptions().n_features
    indptr = np.zeros(len(present) + 1, np.int64)
    np.cumsum([len(row.indices) for row in present], out=indptr[1:])
    if present:
        indices = np.concatenate([row.indices for row in present])
        values = np.concatenate([row.values for row in present])
    else:
        indices, values = np.empty(0, np.int32), np.empty(0, np.float32)
    return sp.csr_matrix((values, indices, indptr), shape=(len(present), n_features))
