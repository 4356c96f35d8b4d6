"""Story vectors for topics: TF-IDF over folded syllables and syllable pairs, hashed.

A topic is found by comparing stories, so the vector must be cheap, stable across
processes and releases, and blind to how a text was typed:
1. the text is cut at punctuation and numbers, and each piece is read as lower-case
   syllables; stopwords, teencode ("ko", "dc") and one-letter syllables are not terms on
   their own. A text typed with marks is checked with marks ("gom" in "thu gom" is not
   "gồm"), one typed without them against the folded list;
2. terms are folded (no diacritics), so "ngập nước" and "ngap nuoc" meet: the syllables
   kept, and every pair of neighbouring syllables that are not both stopwords ("thu gom",
   "rac thai", "ngap nuoc"). Most Vietnamese words are one or two syllables, so pairs
   stand in for the word segmenter at a fraction of its cost; lone syllables weigh less;
3. weights are (1 + log tf) x idf, the idf from the background counts shipped with the
   keywords (`text/data/keyword-df.json.gz`), never from the data being clustered: the
   weight of a term does not change as stories arrive, so old centroids stay comparable
   and a rerun gives the same numbers. A pair the background never saw is most often two
   words side by side, not a rare name, so it gets the idf of a moderately rare term;
4. each row is scaled to unit length, so a dot product is a cosine.

Columns are hashes of the folded terms modulo 2^20, from CRC-32 (deterministic everywhere,
unlike Python's salted hash()); `TopicVectorizer.column_of` names the column of a term.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from ..collector import collector_paused
from ..text.fold import fold
from ..text.hashing import splitmix64
from ..text.keywords import DATA, _background, _stopwords
from ..text.teencode import TEENCODE

__all__ = ["N_FEATURES", "TopicVectorizer", "concern_column", "story_terms", "with_concerns"]

N_FEATURES = 1 << 20
# Punctuation, digits, underscores, emoji end a piece of text: no term spans them.
_BREAK = re.compile(r"[^\w\s]+|[\d_]+")
# Unseen pairs are mostly chance neighbours ("tang gia" from "tăng giá"... or "nam nay"),
# so they weigh like a term found in this share of background documents.
UNSEEN_PAIR_DF_SHARE = 0.01
# A lone syllable ("dong", "cong") is a piece of many words, so it says less than a pair;
# pairs carry the topic, syllables help short posts that have few pairs.
SYLLABLE_WEIGHT = 0.3
# The lead and first paragraphs of an article say what it is about; reading past them
# costs time and adds little.
MAX_CHARS = 3000


@lru_cache(maxsize=1)
def _stop_syllables() -> tuple[frozenset[str], frozenset[str]]:
    """Single-syllable stopwords as written (with marks) and folded (for unmarked text).

    Marked text is checked with marks, so "gom" in "thu gom" is not taken for "gồm"; text
    typed without marks can only be checked folded."""
    path = DATA / "stopwords-vi.txt"
    written = {w for w in path.read_text(encoding="utf-8").split("\n") if w and " " not in w}
    written -= {"nước", "nhà"}  # "ngập nước", "nhà ở": civic meaning here
    written.update(k for k in TEENCODE if " " not in k)
    folded = {w for w in _stopwords() if " " not in w} | {fold(k) for k in TEENCODE if " " not in k}
    return frozenset(written), frozenset(folded)


@lru_cache(maxsize=1)
def _stop_pairs() -> frozenset[str]:
    return frozenset(w for w in _stopwords() if w.count(" ") == 1)


_READINGS: dict[str, tuple[str, bool, bool, bool]] = {}


def _reading(syllable: str) -> tuple[str, bool, bool, bool]:
    """(folded, marked, stop as marked text, stop as unmarked text) of a lower-case syllable."""
    found = _READINGS.get(syllable)
    if found is None:
        written, folded_stop = _stop_syllables()
        folded = fold(syllable)
        short = len(folded) < 2
        found = (folded, folded != syllable, short or syllable in written, short or folded in folded_stop)
        if len(_READINGS) > 500_000:  # bound memory on endless streams
            _READINGS.clear()
        _READINGS[syllable] = found
    return found


def story_terms(text: str) -> list[str]:
    """Folded terms of one text, repeats kept: per piece, its syllables then its pairs."""
    stop_pairs = _stop_pairs()
    known = _READINGS.get
    pieces = [[known(s) or _reading(s) for s in piece.split()] for piece in _BREAK.split(text.lower())]
    marked = any(r[1] for piece in pieces for r in piece)
    flag = 2 if marked else 3
    terms: list[str] = []
    for readings in pieces:
        if not readings:
            continue
        syllables = [r[0] for r in readings]
        content = [not r[flag] for r in readings]
        terms.extend([s for s, keep in zip(syllables, content, strict=True) if keep])
        if len(syllables) > 1:
            pairs = [
                f"{a} {b}"
                for a, b, keep_a, keep_b in zip(syllables, syllables[1:], content, content[1:], strict=False)
                if keep_a or keep_b
            ]
            terms.extend([p for p in pairs if p not in stop_pairs])
    return terms


_TOKEN = re.compile(r"[^\W\d_]+|[^\w\s]+|[\d_]+")  # syllables; punctuation and digits break
_BREAK_ID = 1  # every token that is not a syllable
_SEPARATOR_ID = 0  # between two texts of a batch
_PAIR_BASE = 1 << 32
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _syllable_hash(syllable: str) -> int:
    return zlib.crc32(syllable.encode("utf-8"))


def _pair_keys(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """64-bit keys of syllable pairs from the CRC-32 of each syllable (order matters)."""
    with np.errstate(over="ignore"):
        return splitmix64(first.astype(np.uint64) * _GOLDEN + second.astype(np.uint64))


class _Ids(dict[str, int]):
    """Ids of words: a word not seen before gets one from `new` on first lookup, so a batch
    is mapped in one pass."""

    def __init__(self, new: Callable[[str], int]) -> None:
        super().__init__()
        self._new = new

    def __missing__(self, word: str) -> int:
        return self._new(word)


class TopicVectorizer:
    """Stateless apart from caches: the same text gives the same row in every process.

    `transform` gives the terms of `story_terms` without building them as strings: each
    distinct word (text between spaces) is cut into tokens once, each distinct token is
    read once (caches of small integer ids), and the syllables and pairs of a whole batch
    are found, hashed and counted in numpy. A syllable's column is the CRC-32 of its
    folded form; a pair's, a 64-bit mix of its two syllables' CRC-32s.
    """

    def __init__(self, n_features: int = N_FEATURES) -> None:
        self.n_features = n_features
        documents, df = _background()
        self._documents = documents
        self._df = df
        self._unseen_pair_idf = math.log((documents + 1) / (documents * UNSEEN_PAIR_DF_SHARE + 1)) + 1.0
        # Background counts and stopwords of pairs, by key, for lookups in numpy.
        pairs = [(k.split(" "), n) for k, n in df.items() if k.count(" ") == 1]
        keys = self._keys_of([p for p, _ in pairs])
        counts = np.array([n for _, n in pairs], dtype=np.float64)
        self._background_pairs = (keys, counts)  # in the order of the counts, for background()
        order = np.argsort(keys)
        self._df_pair_keys = keys[order]
        self._df_pair_counts = counts[order]
        self._stop_pair_keys = np.sort(self._keys_of([w.split(" ") for w in _stop_pairs()]))
        self.idf = np.zeros(n_features, dtype=np.float32)
        self._reset_tokens()

    @staticmethod
    def _keys_of(pairs: Sequence[Sequence[str]]) -> np.ndarray:
        hashes = {s: _syllable_hash(s) for s in {s for pair in pairs for s in pair}}  # each syllable once
        first = np.array([hashes[a] for a, _ in pairs], dtype=np.uint64)
        second = np.array([hashes[b] for _, b in pairs], dtype=np.uint64)
        return _pair_keys(first, second)

    def _reset_tokens(self) -> None:
        self._token_ids: dict[str, int] = {}
        # per token id: folded syllable id, marked, stop in marked text, stop in plain text, break
        self._token_rows: list[tuple[int, bool, bool, bool, bool]] = [(0, False, True, True, True)] * 2
        self._folded_ids: dict[str, int] = {}
        self._folded_hashes: list[int] = []
        self._single_columns: list[int] = []
        self._pending_idf: list[float] = []  # idf of the last len() single columns, not yet in self.idf
        self._tables: tuple[np.ndarray, ...] | None = None
        # per word id: its token ids, at word_starts[id]:word_starts[id + 1] of word_tokens;
        # the empty word stands between two texts
        self._word_ids = _Ids(self._word)
        self._word_ids[""] = 0
        self._word_starts: list[int] = [0, 1]
        self._word_tokens: list[int] = [_SEPARATOR_ID]
        self._word_tables: tuple[np.ndarray, np.ndarray] | None = None

    def idf_of(self, term: str) -> float:
        """The weight of a folded term (a syllable or a pair of syllables) for tf = 1."""
        count = self._df.get(term)
        if " " in term:
            return self._unseen_pair_idf if count is None else math.log((self._documents + 1) / (count + 1)) + 1.0
        return (math.log((self._documents + 1) / ((count or 0) + 1)) + 1.0) * SYLLABLE_WEIGHT

    def column_of(self, term: str) -> int:
        """The column of a folded term: a syllable, or two syllables and one space."""
        if " " not in term:
            return _syllable_hash(term) % self.n_features
        first, second = term.split(" ")
        return int(self._keys_of([(first, second)])[0] % np.uint64(self.n_features))

    def _token(self, token: str) -> int:
        """Read a token never seen before and give it an id."""
        if not token[0].isalpha():
            self._token_ids[token] = _BREAK_ID
            return _BREAK_ID
        folded, marked, stop_marked, stop_plain = _READINGS.get(token) or _reading(token)
        folded_id = self._folded_ids.get(folded)
        if folded_id is None:
            folded_id = self._folded_ids[folded] = len(self._folded_hashes)
            hashed = _syllable_hash(folded)
            self._folded_hashes.append(hashed)
            column = hashed % self.n_features  # column_of(folded)
            # Two terms on one column (rare at 2^20) share the larger weight: noted here,
            # written by _flush_idf (a max, so the order of the writes does not matter).
            self._pending_idf.append(self.idf_of(folded))
            self._single_columns.append(column)
        token_id = self._token_ids[token] = len(self._token_rows)
        self._token_rows.append((folded_id, marked, stop_marked, stop_plain, False))
        self._tables = None
        return token_id

    def _flush_idf(self) -> None:
        """Write the idf of the syllables read since the last call: each column takes the
        larger of its weight and theirs, rounded to float32 as one write at a time would
        (rounding keeps the order, so the max of the rounded is the rounded max)."""
        if not self._pending_idf:
            return
        columns = np.array(self._single_columns[len(self._single_columns) - len(self._pending_idf) :], dtype=np.int64)
        np.maximum.at(self.idf, columns, np.array(self._pending_idf, dtype=np.float64).astype(np.float32))
        self._pending_idf = []

    def _word(self, word: str) -> int:
        """Cut a word never seen before into tokens, read them, and give it an id."""
        word_id = self._word_ids[word] = len(self._word_starts) - 1
        if word.isalpha():  # letters only: one syllable, as _TOKEN would find it
            self._word_tokens.append(self._token_ids.get(word) or self._token(word))
        else:
            known, read = self._token_ids.get, self._token
            self._word_tokens.extend([known(t) or read(t) for t in _TOKEN.findall(word)])
        self._word_starts.append(len(self._word_tokens))
        self._word_tables = None
        return word_id

    def _tokens(self, texts: Iterable[str]) -> np.ndarray:
        """The token ids of the texts, each text after a separator: words are split at
        white space (no token spans it, so each word is cut on its own, once)."""
        words: list[str] = []
        for text in texts:
            words.append("")
            words.extend(text[:MAX_CHARS].lower().split())
        found = np.fromiter(map(self._word_ids.__getitem__, words), dtype=np.int64, count=len(words))
        if self._word_tables is None:
            self._word_tables = (np.array(self._word_starts, dtype=np.int64), np.array(self._word_tokens, dtype=np.int64))
        starts, tokens = self._word_tables
        # each word's run of tokens, in order
        first, counts = starts[found], starts[found + 1] - starts[found]
        ends = np.cumsum(counts)
        offsets = np.arange(ends[-1] if len(ends) else 0) - np.repeat(ends - counts, counts)
        return tokens[np.repeat(first, counts) + offsets]  # type: ignore[no-any-return]

    def _pair_columns(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Columns of pairs of folded syllable ids; -1 for stopword pairs. Notes their idf."""
        hashes = np.array(self._folded_hashes, dtype=np.uint64)
        keys = _pair_keys(hashes[first], hashes[second])
        found = np.searchsorted(self._df_pair_keys, keys)
        found = np.minimum(found, max(len(self._df_pair_keys) - 1, 0))
        seen = self._df_pair_keys[found] == keys if len(self._df_pair_keys) else np.zeros(len(keys), bool)
        counts = np.where(seen, self._df_pair_counts[found] if len(self._df_pair_keys) else 0.0, 0.0)
        idf = np.where(seen, np.log((self._documents + 1) / (counts + 1)) + 1.0, self._unseen_pair_idf)
        columns = (keys % np.uint64(self.n_features)).astype(np.int64)
        np.maximum.at(self.idf, columns, idf.astype(np.float32))
        stop = np.isin(keys, self._stop_pair_keys)
        return np.where(stop, -1, columns)

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        """One unit-length CSR row per text (an all-zero row when a text has no terms)."""
        with collector_paused():  # a word and a token per new text: many small objects
            return self._transform(texts)

    def _transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        if len(self._token_ids) > 1_000_000 or len(self._word_ids) > 1_000_000:
            self._reset_tokens()  # bound memory on endless streams
        tokens = self._tokens(texts)
        self._flush_idf()
        if self._tables is None:
            self._tables = tuple(np.array(column) for column in zip(*self._token_rows, strict=True))
        folded_of, marked_of, stop_marked_of, stop_plain_of, break_of = self._tables
        doc = np.cumsum(tokens == _SEPARATOR_ID) - 1
        n_texts = int(doc[-1]) + 1 if len(doc) else 0
        # 1. stopwords as written in marked texts, folded in unmarked ones
        marked = np.bincount(doc, weights=marked_of[tokens], minlength=n_texts) > 0
        stop = np.where(marked[doc], stop_marked_of[tokens], stop_plain_of[tokens]) | break_of[tokens]
        folded = folded_of[tokens]
        # 2. syllables that are not stopwords
        single = np.flatnonzero(~stop)
        single_columns = np.array(self._single_columns, dtype=np.int64)[folded[single]]
        # 3. neighbouring syllables, not both stopwords, not a stopword pair
        inside = ~break_of[tokens]
        pairs = np.flatnonzero(inside[:-1] & inside[1:] & ~(stop[:-1] & stop[1:]))
        codes = folded[pairs] * _PAIR_BASE + folded[pairs + 1]
        unique, inverse = np.unique(codes, return_inverse=True)
        pair_columns = self._pair_columns(unique // _PAIR_BASE, unique % _PAIR_BASE)[inverse]
        kept = pair_columns >= 0
        rows = np.concatenate([doc[single], doc[pairs][kept]])
        columns = np.concatenate([single_columns, pair_columns[kept]])
        # The cells are the term counts, in the order of (row, column): one sort of the
        # cells' keys (a COO conversion sorted each row's columns and summed in a second
        # and third pass; counts are whole numbers, so any order of summing gives them).
        keys = rows * self.n_features + columns
        keys.sort()
        first = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) if len(keys) else np.empty(0, np.int64)
        counts = np.diff(np.append(first, len(keys))).astype(np.float32)
        cells = keys[first]
        indptr = np.zeros(n_texts + 1, dtype=np.int64)
        np.cumsum(np.bincount(cells // self.n_features, minlength=n_texts), out=indptr[1:])
        matrix = sp.csr_matrix((counts, cells % self.n_features, indptr), shape=(n_texts, self.n_features))
        matrix.data = (1.0 + np.log(matrix.data)) * self.idf[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        # Each row times its 1 / norm, in float32: the numbers a diagonal product gives.
        matrix.data *= np.repeat((1.0 / norms).astype(np.float32), np.diff(matrix.indptr))
        return matrix

    def background(self) -> sp.csr_matrix:
        """The unit row of the average background document: each known syllable and pair
        weighted by its document frequency times its idf. Fixed, so it means the same on
        any data."""
        # The same weights as idf_of and columns as column_of, term by term, but in numpy:
        # this runs once per process and took 2 s as a loop.
        singles = [(t, n) for t, n in self._df.items() if " " not in t]
        pair_keys, pair_counts = self._background_pairs
        counts = np.concatenate([np.array([n for _, n in singles], dtype=np.float64), pair_counts])
        idf = np.log((self._documents + 1) / (counts + 1)) + 1.0
        idf[: len(singles)] *= SYLLABLE_WEIGHT
        single_columns = np.array([_syllable_hash(t) % self.n_features for t, _ in singles], dtype=np.int64)
        pair_columns = (pair_keys % np.uint64(self.n_features)).astype(np.int64)
        all_columns = np.concatenate([single_columns, pair_columns])
        columns, inverse = np.unique(all_columns, return_inverse=True)
        weights = np.bincount(inverse, weights=counts / self._documents * idf)
        values = weights / np.linalg.norm(weights)
        columns = columns.astype(np.int32)
        return sp.csr_matrix((values, columns, np.array([0, len(columns)])), shape=(1, self.n_features))


def concern_column(concern: str, n_features: int = N_FEATURES) -> int:
    """The column of a concern's term: no folded text has a colon, so no word lands here
    except by a hash collision (about one in a million columns)."""
    return _syllable_hash(f"concern:{concern}") % n_features


def with_concerns(rows: sp.csr_matrix, concerns: Sequence[str | None], weight: float) -> sp.csr_matrix:
    """Rows with one more term for the concern each story names, still of unit length.

    A row with a concern becomes sqrt(1 - w²) · row + w · e(concern). Two stories naming
    the same concern go from cosine c to (1 - w²) · c + w² (a gain of w² · (1 - c)); two
    naming different ones lose w² · c. So a complaint about rubbish and one about a school
    that share only how people write about their ward ("phường", "hẻm", "mấy bữa nay")
    drift apart, and two about rubbish come closer. Rows without a concern, or with no
    terms at all, are unchanged."""
    if len(concerns) != rows.shape[0]:
        raise ValueError(f"{len(concerns)} concerns for {rows.shape[0]} rows")
    if weight <= 0 or not any(concerns):
        return rows
    rows = rows.tocsr(copy=True)
    has_terms = np.diff(rows.indptr) > 0
    named = [(i, c) for i, c in enumerate(concerns) if c and has_terms[i]]
    scale = np.ones(rows.shape[0], dtype=rows.dtype)
    index = np.array([i for i, _ in named], dtype=np.int64)
    scale[index] = math.sqrt(1.0 - weight * weight)
    rows = sp.csr_matrix(sp.diags(scale).dot(rows), dtype=rows.dtype)
    columns = np.array([concern_column(c, rows.shape[1]) for _, c in named], dtype=np.int64)
    extra = sp.csr_matrix((np.full(len(named), weight, dtype=rows.dtype), (index, columns)), shape=rows.shape)
    out = sp.csr_matrix(rows + extra)
    out.sum_duplicates()
    return out
