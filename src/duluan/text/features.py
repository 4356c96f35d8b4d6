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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .fold import fold
from .hashing import MIX_BLOCK, splitmix64
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


# Code points whose first mixing step into a character n-gram is looked up in a table
# rather than computed: folded text is almost all ASCII, so the table stays in cache.
_TABLED_CHARS = 0x10000


def _first_step(codes: np.ndarray, namespace: int, n: int, scratch: np.ndarray) -> np.ndarray:
    """A new array: the hash of each code as the first unit of an n-gram."""
    start = (namespace * 1_000_003 + n) * int(_FNV_PRIME) % 2**64  # the seed, stepped once
    return splitmix64(np.add(codes, np.uint64(start)), scratch)


@lru_cache(maxsize=8)
def _first_steps_of_chars(namespace: int, n: int) -> np.ndarray:
    codes = np.arange(_TABLED_CHARS, dtype=np.uint64)
    return _first_step(codes, namespace, n, np.empty(_TABLED_CHARS, np.uint64))


def _first_char_step(
    codes: np.ndarray, wide: np.ndarray, namespace: int, n: int, scratch: np.ndarray
) -> np.ndarray:
    """`_first_step` of code points, from the table; `wide` holds the positions of the
    code points past it (emoji...), which are computed."""
    value = _first_steps_of_chars(namespace, n).take(codes.view(np.int64), mode="clip")
    if len(wide):
        value[wide] = _first_step(codes[wide], namespace, n, scratch)
    return value


def _ngram_keys(
    codes: np.ndarray,
    docs: np.ndarray,
    ngrams: tuple[int, int],
    namespace: int,
    n_features: int,
    chars: bool = False,
) -> list[np.ndarray]:
    """The cell key (document * n_features + column) of every n-gram of `codes` that
    stays inside one document, for each n of `ngrams` (low, high): one array per n.

    `docs` gives each unit's document, ascending, in the keys' dtype; `chars` says the
    codes are code points (their first step is looked up, see `_TABLED_CHARS`).
    """
    low, high = ngrams
    keys: list[np.ndarray] = []
    size = len(codes)
    key_type = docs.dtype.type
    row_starts = docs * key_type(n_features)  # each unit's document's first key
    scratch = np.empty(min(size, MIX_BLOCK), np.uint64)
    wide = np.flatnonzero(codes >= _TABLED_CHARS) if chars else None
    with np.errstate(over="ignore"):
        for n in range(max(low, 1), high + 1):
            if size < n:
                break
            count = size - n + 1
            if wide is None:
                value = _first_step(codes[:count], namespace, n, scratch)
            else:
                value = _first_char_step(codes[:count], wide[wide < count], namespace, n, scratch)
            # The later units a block of positions at a time (see MIX_BLOCK): each block
            # stays in the CPU's cache through all of its steps.
            for start in range(0, count, MIX_BLOCK):
                block = value[start : start + MIX_BLOCK]
                for k in range(start + 1, start + n):
                    block *= _FNV_PRIME
                    block += codes[k : k + len(block)]
                    splitmix64(block, scratch)
            if n_features & (n_features - 1) == 0:  # a power of two: a mask, not a division
                np.bitwise_and(value, np.uint64(n_features - 1), out=value)
            else:
                np.remainder(value, np.uint64(n_features), out=value)
            cells = value if key_type is np.uint64 else value.astype(key_type)
            cells += row_starts[:count]
            keys.append(cells[docs[:count] == docs[n - 1 :]])
    return keys


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
        tokens: Sequence[Sequence[Token]] | TokenTable | None,
        words: Sequence[Sequence[Token]] | TokenTable | None,
        key_type: type,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Codes and documents (in `key_type`) of syllables and of words, in order."""
        options = self.options
        if not isinstance(tokens, TokenTable):
            tokens = TokenTable.of([tokenize(text) for text in texts] if tokens is None else tokens)
        syllables = self._codes_of(tokens, self._written_codes, self._syllable_code)
        syllable_docs = tokens.docs(key_type)
        if options.word_ngrams[1] > 0:
            if words is None:
                words = segment_table(texts, tokens)
            elif not isinstance(words, TokenTable):
                words = TokenTable.of(words)
            words_codes = self._codes_of(words, self._written_word_codes, self._word_code)
            word_docs = words.docs(key_type)
        else:
            words_codes, word_docs = np.empty(0, np.uint64), np.empty(0, key_type)
        return syllables, syllable_docs, words_codes, word_docs

    def _codes_of(
        self, table: TokenTable, known: dict[str, int], make: Callable[[str], int]
    ) -> np.ndarray:
        """One code per token of the table: its kind's placeholder, else from its text as
        written (once per distinct text)."""
        codes = table.codes(self._written_kinds, known, make, 0)
        kinds = table.kinds
        codes = np.where(self._placeholder_kinds[kinds], self._placeholder_codes[kinds], codes)
        return codes.view(np.uint64)

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
        n_features = options.n_features
        texts = list(texts)
        for name, given in (("tokens", tokens), ("words", words), ("folded texts", folded)):
            if given is not None and len(given) != len(texts):
                raise ValueError(f"got {len(texts)} texts but {len(given)} lists of {name}")
        # A batch of up to 4,096 documents over 2**20 columns numbers its cells below
        # 2**32: 32-bit keys sort about 2.5 times faster than 64-bit ones.
        key_type = np.uint32 if len(texts) * n_features <= 2**32 else np.uint64
        keys: list[np.ndarray] = []
        syllables, syllable_docs, words_codes, word_docs = self._unit_codes(
            texts, tokens, words, key_type
        )
        for codes, docs, ngrams, namespace in (
            (syllables, syllable_docs, options.syllable_ngrams, 1),
            (words_codes, word_docs, options.word_ngrams, 2),
        ):
            if ngrams[1] > 0 and len(codes):
                keys += _ngram_keys(codes, docs, ngrams, namespace, n_features)
        if options.char_ngrams[1] > 0 and texts:
            chars, char_docs = _char_stream(
                map(fold, texts) if folded is None else folded, key_type
            )
            keys += _ngram_keys(chars, char_docs, options.char_ngrams, 3, n_features, chars=True)
        return self._matrix(keys, len(texts), key_type)

    def _matrix(self, runs: list[np.ndarray], n_docs: int, key_type: type) -> sp.csr_matrix:
        """Count the cell keys (row * n_features + column) into a CSR matrix in canonical form."""
        options = self.options
        n_features = options.n_features
        # One sort of all keys: numpy sorts 32-bit keys with SIMD, faster than merging
        # the runs by row first.
        keys = np.concatenate(runs) if runs else np.empty(0, key_type)
        keys.sort()
        # Runs of equal keys are one cell; their length is its count.
        starts_run = np.empty(len(keys), dtype=bool)
        starts_run[:1] = True
        np.not_equal(keys[1:], keys[:-1], out=starts_run[1:])
        firsts = np.flatnonzero(starts_run)
        cells = keys[firsts]
        data = np.empty(len(cells), np.float32)  # the counts, then their weights
        np.subtract(firsts[1:], firsts[:-1], out=data[:-1], casting="unsafe")
        data[-1:] = len(keys) - firsts[-1:]
        # Cells are sorted by row: each row starts at the first cell at or past its key.
        indptr = np.empty(n_docs + 1, dtype=np.int64)
        row_keys = np.arange(n_docs, dtype=key_type) * key_type(n_features)
        indptr[:-1] = np.searchsorted(cells, row_keys)
        indptr[-1] = len(cells)
        if options.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        if options.normalize and len(data):
            cells_per_row = np.diff(indptr)
            row_of_cell = np.repeat(np.arange(n_docs), cells_per_row)
            norms = np.sqrt(
                np.bincount(
                    row_of_cell, weights=np.square(data, dtype=np.float64), minlength=n_docs
                )
            )
            norms[norms == 0] = 1.0
            data *= np.repeat((1.0 / norms).astype(np.float32), cells_per_row)
        if n_features & (n_features - 1) == 0 and key_type is np.uint32:
            # A mask for the column; below 2**31, its bits are an int32's.
            columns = np.bitwise_and(cells, key_type(n_features - 1), out=cells).view(np.int32)
        else:
            columns = (cells % key_type(n_features)).astype(np.int32)
        matrix = sp.csr_matrix((data, columns, indptr), shape=(n_docs, n_features))
        matrix.has_sorted_indices = True
        return matrix


def _char_stream(folded: Iterable[str], key_type: type) -> tuple[np.ndarray, np.ndarray]:
    """The code points of the folded texts end to end, and the document of each.

    Words one space apart, with a space at both ends so that n-grams mark where a
    document starts and ends; a NUL (unnormalised input) counts as a space.
    """
    pieces = [
        " " + joined + " " if joined else ""
        for joined in (" ".join(f.replace("\x00", " ").split()) for f in folded)
    ]
    stream = "".join(pieces)
    chars = np.frombuffer(stream.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    docs: np.ndarray = np.repeat(np.arange(len(pieces), dtype=key_type), list(map(len, pieces)))
    return chars.astype(np.uint64), docs
