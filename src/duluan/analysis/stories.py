"""Near-duplicate detection for stories: MinHash signatures over word shingles, banded LSH.

Vietnamese press syndicates heavily: one agency article reappears on many sites with a new
first line or a trimmed paragraph. Such copies share most word 3-shingles, so the Jaccard
similarity of their shingle sets stays high; MinHash estimates it from 64 numbers and
LSH banding (16 bands of 4 rows) finds candidates with an index lookup. With b bands of r
rows, a pair of similarity s becomes a candidate with probability 1 - (1 - s^r)^b: about
0.64 at s=0.5 and 0.999 at s=0.8, so edited copies are found and unrelated texts are not.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..text.fold import fold

_SHIFT_32 = np.uint64(32)
_SHIFT_29 = np.uint64(29)
# Odd 64-bit constants for mixing; any odd multipliers with well-spread bits do.
_MIX_1 = np.uint64(0x9E3779B97F4A7C15)
_MIX_2 = np.uint64(0xC2B2AE3D27D4EB4F)
_MIX_3 = np.uint64(0x165667B19E3779F9)
_MIX_4 = np.uint64(0xFF51AFD7ED558CCD)


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


def _avalanche(values: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (xor-shift, multiply): every input bit moves every output bit,
    so that the permutations below see well-spread values."""
    values = values ^ (values >> _SHIFT_29)
    values = values * _MIX_4
    return values ^ (values >> _SHIFT_32)


_WORD = re.compile(r"\w+")
SHINGLE_SIZE = 3
# Below this many shingles a text is too short for similarity to mean "same story":
# two six-word complaints about flooding are different voices, not copies.
MIN_SHINGLES = 8


@dataclass(frozen=True)
class MinHasher:
    permutations: int = 64
    bands: int = 16
    seed: int = 1

    def __post_init__(self) -> None:
        if self.permutations % self.bands:
            raise ValueError("permutations must be a multiple of bands")
        rng = np.random.default_rng(self.seed)
        # Multiply-shift hashing (Dietzfelbinger): h(x) = (a*x + b mod 2^64) >> 32 with odd
        # random 64-bit a is a proper family of independent-looking permutations; a modulus
        # with small coefficients is not (it wraps too rarely and every "permutation" then
        # ranks shingles by x alone).
        high = rng.integers(0, 1 << 63, self.permutations, dtype=np.uint64)
        object.__setattr__(self, "_a", (high << np.uint64(1)) | np.uint64(1))
        object.__setattr__(self, "_b", rng.integers(0, 1 << 63, self.permutations, dtype=np.uint64))

    @property
    def rows(self) -> int:
        return self.permutations // self.bands

    def shingles(self, text: str) -> np.ndarray:
        """64-bit hashes of the word 3-shingles of the folded text (diacritics ignored)."""
        words = _WORD.findall(fold(text))
        if not words:
            return np.empty(0, dtype=np.uint64)
        ids = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
        if ids.size >= SHINGLE_SIZE:
            # Combine neighbouring word hashes arithmetically (wrapping uint64) instead of
            # hashing joined strings: one C-level pass per text instead of one call a shingle.
            ids = ids[:-2] * _MIX_1 + ids[1:-1] * _MIX_2 + ids[2:]
        return np.unique(_avalanche(ids))

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash signature, or None when the text is too short to compare."""
        hashes = self.shingles(text)
        if hashes.size < MIN_SHINGLES:
            return None
        a: np.ndarray = self._a  # type: ignore[attr-defined]
        b: np.ndarray = self._b  # type: ignore[attr-defined]
        mixed = (np.outer(a, hashes) + b[:, None]) >> _SHIFT_32
        return mixed.min(axis=1).astype(np.uint32)

    def band_keys(self, signature: np.ndarray) -> list[int]:
        """One signed 64-bit key per band (fits BIGINT on both databases).

        Each band's rows are folded with a multiply-xor mix seeded by the band number, so
        equal rows in different bands give different keys; all bands at once in numpy.
        """
        rows = signature.astype(np.uint64).reshape(self.bands, self.rows)
        keys = np.arange(1, self.bands + 1, dtype=np.uint64) * _MIX_3
        for column in range(self.rows):
            keys = (keys ^ rows[:, column]) * _MIX_4
            keys ^= keys >> np.uint64(29)
        return keys.view(np.int64).tolist()  # type: ignore[no-any-return]


ANCHOR_CHARS = 3000
_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# Numbers, and words that start with a capital: the only tokens that can be anchors, found
# in one C-level pass instead of a Python loop over every word.
_ANCHOR_CANDIDATE = re.compile(rf"\d+|[{_UPPER}][^\W\d_]*")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:\n…][\s\"“”'(]*)$")
# Two texts of one story name the same places, people and numbers. Templated texts about
# different events (the same police bulletin for two wards, the same weather warning for
# two provinces) share their wording but not these, so text similarity alone would
# merge them. Below MIN_ANCHORS the check says nothing.
MIN_ANCHORS = 3
ANCHOR_AGREEMENT = 0.5


def anchors(text: str) -> np.ndarray:
    """Sorted 32-bit hashes of the numbers and of the capitalised words not opening a
    sentence (names: places, people, organisations), folded so marks do not matter."""
    found: set[int] = set()
    for match in _ANCHOR_CANDIDATE.finditer(text, 0, ANCHOR_CHARS):
        token = match.group()
        start = match.start()
        if not token[0].isdigit() and _OPENS_SENTENCE.search(text[max(0, start - 4) : start]):
            continue
        found.add(_word_hash(fold(token)))
    return np.array(sorted(found), dtype="<u4")


def anchors_agree(first: np.ndarray, second: np.ndarray) -> bool:
    if first.size < MIN_ANCHORS or second.size < MIN_ANCHORS:
        return True
    shared = np.intersect1d(first, second, assume_unique=True).size
    return shared / (first.size + second.size - shared) >= ANCHOR_AGREEMENT


def estimated_jaccard(first: np.ndarray, second: np.ndarray) -> float:
    return float(np.mean(first == second))


def signature_to_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")
