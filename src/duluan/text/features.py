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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .fold import fold
from .hashing import splitmix64
from .teencode import TEENCODE
from .token_table import OTHER_KIND, TokenTable, kind_mask
from .tokens import KINDS, Token, tokenize
from .words import segment_table

__all__ = ["FeatureExtractor", "FeatureOptions"]

# Kinds whose exact text carries little meaning for a model but whose presence does.
_PLACEHOLDER_KINDS = frozenset(
    {"number", "money", "percent", "date", "time", "url", "email", "mention"}
)
_FNV_PRIME = np.uint64(0x100000001B3)  # steps one unit's hash into the n-gram's
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


def _ngram_hashes(
    codes: np.ndarray, doc_ids: np.ndarray, low: int, high: int, namespace: int
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Hashes of every n-gram (low ≤ n ≤ high) of `codes` that stays inside one document,
    and its document: one pair of arrays per n, in the order of `doc_ids` (ascending)."""
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
                value *= _FNV_PRIME
                value += codes[k : k + count]
                splitmix64(value)
            inside = doc_ids[:count] == doc_ids[n - 1 :]
            rows.append(doc_ids[:count][inside])
            hashes.append(value[inside])
    return rows, hashes


# Rows sorted together: small enough for a sort in cache, large enough to call it rarely.
_SORT_ROWS = 8


def _sorted_by_row(
    rows: list[np.ndarray], runs: list[np.ndarray], n_docs: int, key_type: type
) -> np.ndarray:
    """The cell keys (row * n_features + column) of all runs, sorted.

    Each run is in ascending rows already, so the runs are first merged row by row (a
    place for each key, from counts per row) and then sorted a few rows at a time: the
    same order as one sort of everything, in about half the time.
    """
    if not rows:
        return np.empty(0, key_type)
    counts = [np.bincount(r, minlength=n_docs) for r in rows]
    row_start = np.zeros(n_docs + 1, np.int64)
    np.cumsum(np.sum(counts, axis=0, dtype=np.int64), out=row_start[1:])
    merged: np.ndarray = np.empty(int(row_start[-1]), key_type)
    taken = row_start[:-1].copy()  # where the next run's keys of each row go
    for r, keys, count in zip(rows, runs, counts, strict=True):
        first = np.zeros(n_docs, np.int64)  # where each row starts within the run
        np.cumsum(count[:-1], out=first[1:])
        place = np.arange(len(r), dtype=np.int64)
        place += (taken - first)[r]
        merged[place] = keys
        taken += count
    for low in range(0, n_docs, _SORT_ROWS):
        merged[row_start[low] : row_start[min(low + _SORT_ROWS, n_docs)]].sort()
    return merged


class FeatureExtractor:
    """Stateless: the same options give the same columns in every process."""

    def __init__(self, options: FeatureOptions | None = None) -> None:
        self.options = options or FeatureOptions()
        if self.options.n_features < 2:
            raise ValueError(f"n_features must be at least 2, got {self.options.n_features}")
        # Caches, not state: their values never change.
        self._token_codes: dict[str, int] = {}  # unit → code
        self._written_codes: dict[str, int] = {}  # token text as written → code
        self._written_word_codes: dict[str, int] = {}  # word text as written → code
        # By kind id (see `TokenTable`): a placeholder's code, and which kinds are not one.
        self._placeholder_codes = np.zeros(OTHER_KIND + 1, np.int64)
        for kind in _PLACEHOLDER_KINDS:
            self._placeholder_codes[KINDS.index(kind)] = self._code("<" + kind + ">")
        self._placeholder_kinds = kind_mask(_PLACEHOLDER_KINDS)
        self._written_kinds = ~self._placeholder_kinds

    def _code(self, text: str) -> int:
        code = self._token_codes.get(text)
        if code is None:
            if len(self._token_codes) > 1_000_000:  # bound memory on endless streams
                self._token_codes.clear()
            code = zlib.crc32(text.encode("utf-8", "surrogatepass"))
            self._token_codes[text] = code
        return code

    def _syllable_code(self, written: str) -> int:
        """Code of a token that is not a placeholder, from its text as written (cached).

        Lower-cased and, for words, teencode expanded; no other kind of token spells a
        teencode key (those are letters), so the text alone decides the unit.
        """
        unit = written.lower()
        if self.options.expand_teencode:
            unit = TEENCODE.get(unit, unit)
        code = self._code(unit)
        if len(self._written_codes) > 1_000_000:
            self._written_codes.clear()
        self._written_codes[written] = code
        return code

    def _word_code(self, written: str) -> int:
        """Code of a word that is not a placeholder: its syllables, one space apart, lower case."""
        code = self._code(" ".join(written.split()).lower())
        if len(self._written_word_codes) > 1_000_000:
            self._written_word_codes.clear()
        self._written_word_codes[written] = code
        return code

    def _unit_codes(
        self,
        texts: Sequence[str],
        tokens: Sequence[Sequence[Token]] | TokenTable | None = None,
        words: Sequence[Sequence[Token]] | TokenTable | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Codes and document ids of syllables and of words, in order, for the batch."""
        options = self.options
        if not isinstance(tokens, TokenTable):
            tokens = TokenTable.of([tokenize(text) for text in texts] if tokens is None else tokens)
        syllables, syllable_docs = self._codes_of(tokens, self._written_codes, self._syllable_code)
        if options.word_ngrams[1] > 0:
            if words is None:
                words = segment_table(texts, tokens)
            elif not isinstance(words, TokenTable):
                words = TokenTable.of(words)
            words_codes, word_docs = self._codes_of(
                words, self._written_word_codes, self._word_code
            )
        else:
            words_codes, word_docs = np.empty(0, np.uint64), np.empty(0, np.int64)
        return syllables, syllable_docs, words_codes, word_docs

    def _codes_of(
        self, table: TokenTable, known: dict[str, int], make: Callable[[str], int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """One code per token of the table (its kind's placeholder, else from its text as
        written, once per distinct text), and the index of its text in the batch."""
        codes = table.codes(self._written_kinds, known, make, 0)
        kinds = table.kinds
        codes = np.where(self._placeholder_kinds[kinds], self._placeholder_codes[kinds], codes)
        return codes.view(np.uint64), table.docs()

    def transform(
        self,
        texts: Sequence[str],
        *,
        tokens: Sequence[Sequence[Token]] | TokenTable | None = None,
        words: Sequence[Sequence[Token]] | TokenTable | None = None,
        folded: Sequence[str] | None = None,
    ) -> sp.csr_matrix:
        """One CSR row of shape (1, n_features) per text, in order.

        `tokens` (from `tokenize`), `words` (from `segment_words` or `segment_batch`) and
        `folded` (from `fold`) of the same texts spare the extractor from making them again;
        tokens and words may come as `TokenTable`s (as `segment_table` takes and gives them).
        """
        options = self.options
        texts = list(texts)
        for name, given in (("tokens", tokens), ("words", words), ("folded texts", folded)):
            if given is not None and len(given) != len(texts):
                raise ValueError(f"got {len(texts)} texts but {len(given)} lists of {name}")
        rows: list[np.ndarray] = []
        hashes: list[np.ndarray] = []
        syllables, syllable_docs, words_codes, word_docs = self._unit_codes(texts, tokens, words)
        for codes, docs, (low, high), namespace in (
            (syllables, syllable_docs, options.syllable_ngrams, 1),
            (words_codes, word_docs, options.word_ngrams, 2),
        ):
            if high > 0 and len(codes):
                r, h = _ngram_hashes(codes, docs, low, high, namespace)
                rows += r
                hashes += h
        low, high = options.char_ngrams
        if high > 0 and texts:
            # Spaces at both ends let n-grams mark where a document starts and ends.
            # NUL is the separator: one inside a text (unnormalised input) becomes a space.
            pieces = (
                " ".join(f.replace(_SEPARATOR, " ").split())
                for f in (map(fold, texts) if folded is None else folded)
            )
            stream = _SEPARATOR.join(" " + f + " " if f else "" for f in pieces)
            chars = np.frombuffer(stream.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            doc_ids = np.cumsum(chars == ord(_SEPARATOR), dtype=np.int64)
            keep = chars != ord(_SEPARATOR)
            # Separators get an id of their own, so no n-gram crosses two texts.
            doc_ids = np.where(keep, doc_ids, -1 - np.arange(len(chars)))
            r, h = _ngram_hashes(chars.astype(np.uint64), doc_ids, low, high, 3)
            rows += r
            hashes += h
        return self._matrix(rows, hashes, len(texts))

    def _matrix(
        self, rows: list[np.ndarray], hashes: list[np.ndarray], n_docs: int
    ) -> sp.csr_matrix:
        """Count (row, column) pairs into a CSR matrix in canonical form.

        `rows` and `hashes` come in runs (one per block and n), each in ascending rows.
        """
        options = self.options
        n_features = options.n_features
        # A batch of up to 4,096 documents over 2**20 columns numbers its cells below
        # 2**32: 32-bit keys sort about 2.5 times faster than 64-bit ones.
        key_type = np.uint32 if n_docs * n_features <= 2**32 else np.uint64
        runs = []
        for r, h in zip(rows, hashes, strict=True):
            if n_features & (n_features - 1) == 0:  # a power of two: a mask, not a division
                columns = h & np.uint64(n_features - 1)
            else:
                columns = h % np.uint64(n_features)
            keys = r.astype(key_type)
            np.multiply(keys, n_features, out=keys)
            np.add(keys, columns.astype(key_type), out=keys)
            runs.append(keys)
        keys = _sorted_by_row(rows, runs, n_docs, key_type)
        # Runs of equal keys are one cell; their length is its count.
        starts_run = np.empty(len(keys), dtype=bool)
        starts_run[:1] = True
        np.not_equal(keys[1:], keys[:-1], out=starts_run[1:])
        firsts = np.flatnonzero(starts_run)
        cells = keys[firsts]
        counts = np.diff(np.append(firsts, len(keys)))
        row_of_cell = (cells // n_features).astype(np.int64)
        indptr = np.zeros(n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(row_of_cell, minlength=n_docs), out=indptr[1:])
        data = counts.astype(np.float32)
        if options.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        if options.normalize and len(data):
            norms = np.sqrt(
                np.bincount(
                    row_of_cell, weights=np.square(data, dtype=np.float64), minlength=n_docs
                )
            )
            norms[norms == 0] = 1.0
            data *= (1.0 / norms).astype(np.float32)[row_of_cell]
        matrix = sp.csr_matrix(
            (data, (cells % n_features).astype(np.int32), indptr),
            shape=(n_docs, n_features),
        )
        matrix.has_sorted_indices = True
        return matrix
