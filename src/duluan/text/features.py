"""Hashed text features shared by every model: read each document once, reuse the matrix.

Three blocks go into one sparse row per document, each with its own hash namespace:
1. syllable n-grams over lower-cased tokens, teencode expanded ("ko" counts as "không"),
   numbers, dates, URLs... replaced by their kind so "335.000 đồng" and "2tr" both read
   as <money>;
2. word n-grams from the segmenter ("hội nghị" is one feature, not two);
3. character n-grams over the folded text (no diacritics, đ → d), so "ngap nuoc" and
   "ngập nước" share most of their features.

Hashing is deterministic across processes and machines (CRC-32 of the UTF-8 token, then
a 64-bit mixer in numpy), unlike Python's salted hash(): a model trained today reads the
features of tomorrow's documents. The n-gram and character stages are vectorised over
the whole batch, which is what makes the extractor cheap next to the segmenter.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .fold import fold
from .teencode import TEENCODE
from .tokens import tokenize
from .words import segment_tokens

__all__ = ["FeatureExtractor", "FeatureOptions"]

# Kinds whose exact text carries little meaning for a model but whose presence does.
_PLACEHOLDER_KINDS = frozenset(
    {"number", "money", "percent", "date", "time", "url", "email", "mention"}
)
_SEPARATOR = "\x00"  # never in normalised text; marks document ends in the char stream


@dataclass(frozen=True)
class FeatureOptions:
    """What goes into the feature rows; (0, 0) turns a block off."""

    n_features: int = 2**20
    syllable_ngrams: tuple[int, int] = (1, 2)
    word_ngrams: tuple[int, int] = (1, 1)
    char_ngrams: tuple[int, int] = (2, 4)
    expand_teencode: bool = True
    sublinear_tf: bool = True  # 1 + log(count): a word said ten times is not ten times the signal
    normalize: bool = True  # unit L2 rows, so long and short documents compare


def _mix(values: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (splitmix64), so nearby inputs land far apart."""
    with np.errstate(over="ignore"):
        values = values ^ (values >> np.uint64(30))
        values = values * np.uint64(0xBF58476D1CE4E5B9)
        values = values ^ (values >> np.uint64(27))
        values = values * np.uint64(0x94D049BB133111EB)
        return values ^ (values >> np.uint64(31))


def _ngram_hashes(
    codes: np.ndarray, doc_ids: np.ndarray, low: int, high: int, namespace: int
) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of every n-gram (low ≤ n ≤ high) of `codes` that stays inside one document."""
    rows: list[np.ndarray] = []
    hashes: list[np.ndarray] = []
    size = len(codes)
    with np.errstate(over="ignore"):
        for n in range(max(low, 1), high + 1):
            if size < n:
                break
            count = size - n + 1
            value = np.full(count, np.uint64(namespace * 1_000_003 + n), dtype=np.uint64)
            for k in range(n):
                value = _mix(value * np.uint64(0x100000001B3) + codes[k : k + count])
            inside = doc_ids[:count] == doc_ids[n - 1 :]
            rows.append(doc_ids[:count][inside])
            hashes.append(value[inside])
    if not rows:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint64)
    return np.concatenate(rows), np.concatenate(hashes)


class FeatureExtractor:
    """Stateless: the same options give the same columns in every process."""

    def __init__(self, options: FeatureOptions | None = None) -> None:
        self.options = options or FeatureOptions()
        if self.options.n_features < 2:
            raise ValueError(f"n_features must be at least 2, got {self.options.n_features}")
        self._token_codes: dict[str, int] = {}  # a cache, not state: values never change

    def _code(self, text: str) -> int:
        code = self._token_codes.get(text)
        if code is None:
            if len(self._token_codes) > 1_000_000:  # bound memory on endless streams
                self._token_codes.clear()
            code = zlib.crc32(text.encode("utf-8", "surrogatepass"))
            self._token_codes[text] = code
        return code

    def _unit_codes(
        self, texts: Sequence[str]
    ) -> tuple[list[int], list[int], list[int], list[int]]:
        """Codes and document ids of syllables and of words, in order, for the batch."""
        options = self.options
        syllables: list[int] = []
        syllable_docs: list[int] = []
        words: list[int] = []
        word_docs: list[int] = []
        want_words = options.word_ngrams[1] > 0
        for doc, text in enumerate(texts):
            tokens = tokenize(text)
            for token in tokens:
                if token.kind in _PLACEHOLDER_KINDS:
                    unit = "<" + token.kind + ">"
                else:
                    unit = token.text.lower()
                    if options.expand_teencode and token.kind == "word":
                        unit = TEENCODE.get(unit, unit)
                syllables.append(self._code(unit))
                syllable_docs.append(doc)
            if want_words:
                for group in segment_tokens(tokens, text):
                    if group[0].kind in _PLACEHOLDER_KINDS:
                        unit = "<" + group[0].kind + ">"
                    else:
                        unit = " ".join(t.text for t in group).lower()
                    words.append(self._code(unit))
                    word_docs.append(doc)
        return syllables, syllable_docs, words, word_docs

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """One CSR row of shape (1, n_features) per text, in order."""
        options = self.options
        texts = list(texts)
        rows: list[np.ndarray] = []
        hashes: list[np.ndarray] = []
        syllables, syllable_docs, words, word_docs = self._unit_codes(texts)
        for codes, docs, (low, high), namespace in (
            (syllables, syllable_docs, options.syllable_ngrams, 1),
            (words, word_docs, options.word_ngrams, 2),
        ):
            if high > 0 and codes:
                r, h = _ngram_hashes(
                    np.asarray(codes, dtype=np.uint64),
                    np.asarray(docs, dtype=np.int64),
                    low,
                    high,
                    namespace,
                )
                rows.append(r)
                hashes.append(h)
        low, high = options.char_ngrams
        if high > 0 and texts:
            # Spaces at both ends let n-grams mark where a document starts and ends.
            # NUL is the separator: one inside a text (unnormalised input) becomes a space.
            folded = (" ".join(fold(t).replace(_SEPARATOR, " ").split()) for t in texts)
            stream = _SEPARATOR.join(" " + f + " " if f else "" for f in folded)
            chars = np.frombuffer(stream.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            doc_ids = np.cumsum(chars == ord(_SEPARATOR), dtype=np.int64)
            keep = chars != ord(_SEPARATOR)
            # Separators get an id of their own, so no n-gram crosses two texts.
            doc_ids = np.where(keep, doc_ids, -1 - np.arange(len(chars)))
            r, h = _ngram_hashes(chars.astype(np.uint64), doc_ids, low, high, 3)
            rows.append(r)
            hashes.append(h)
        return self._matrix(rows, hashes, len(texts))

    def _matrix(
        self, rows: list[np.ndarray], hashes: list[np.ndarray], n_docs: int
    ) -> sp.csr_matrix:
        options = self.options
        if rows:
            row = np.concatenate(rows)
            column = (np.concatenate(hashes) % np.uint64(options.n_features)).astype(np.int64)
        else:
            row = column = np.empty(0, dtype=np.int64)
        data = np.ones(len(row), dtype=np.float32)
        matrix = sp.csr_matrix(
            (data, (row, column)), shape=(n_docs, options.n_features), dtype=np.float32
        )
        matrix.sum_duplicates()
        if options.sublinear_tf:
            np.log(matrix.data, out=matrix.data)
            matrix.data += 1.0
        if options.normalize and matrix.nnz:
            norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            matrix = sp.csr_matrix(sp.diags(1.0 / norms).astype(np.float32) @ matrix)
        return matrix
