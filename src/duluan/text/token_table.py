"""A batch's tokens laid flat, with one id per distinct text: coded once, read twice.

The segmenter and the feature hashing both turn every token of a batch into an integer
code found by the token's text. Asked token by token in Python, those look-ups were about
a tenth of the language core. Here each token costs only C-level passes (`map`,
`dict.setdefault`, `np.fromiter`); the Python look-up runs once per distinct text (1,000
news leads hold ~37,000 tokens but ~5,000 distinct texts), and the answers are spread
back to the tokens with one numpy gather.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import itemgetter

import numpy as np

from .tokens import KINDS, Token

__all__ = ["OTHER_KIND", "WORD_KIND", "TokenTable", "kind_mask"]

OTHER_KIND = len(KINDS)  # the kind id of a token whose kind is not in KINDS


class _KindIds(dict[str, int]):
    def __missing__(self, kind: str) -> int:
        return OTHER_KIND


_KIND_IDS = _KindIds((kind, i) for i, kind in enumerate(KINDS))
WORD_KIND = _KIND_IDS["word"]
_TEXT, _KIND = itemgetter(0), itemgetter(3)


def kind_mask(kinds: Sequence[str] | frozenset[str]) -> np.ndarray:
    """A boolean array over kind ids: True for the kinds named."""
    mask = np.zeros(OTHER_KIND + 1, bool)
    mask[[_KIND_IDS[kind] for kind in kinds if kind in _KIND_IDS]] = True
    return mask


@dataclass(slots=True, eq=False)
class TokenTable:
    """The tokens of many texts end to end, each with the id of its text and of its kind."""

    flat: list[Token]
    offsets: list[int]  # text i's tokens are flat[offsets[i] : offsets[i + 1]]
    texts: list[str]  # the token texts, in order of first sight (distinct, in `of`)
    ids: np.ndarray  # per token: its text's index in `texts`
    kinds: np.ndarray  # per token: its kind's index in KINDS (OTHER_KIND if not there)

    @classmethod
    def of(cls, token_lists: Sequence[Sequence[Token]]) -> TokenTable:
        flat = list(chain.from_iterable(token_lists))
        offsets = list(accumulate(map(len, token_lists), initial=0))
        size = len(flat)
        # Each token's text is first numbered by the position where it first occurs:
        # `setdefault` keeps that position, one hash look-up per token in one C pass
        # (a list of texts, `dict.fromkeys` and a second dict took three).
        first_at: dict[str, int] = {}
        firsts = np.fromiter(map(first_at.setdefault, map(_TEXT, flat), range(size)), np.intp, size)
        # The first positions, in order of first sight, become the ids 0, 1, 2...
        texts = list(first_at)
        rank = np.empty(size, np.intp)
        rank[np.fromiter(first_at.values(), np.intp, len(texts))] = np.arange(len(texts))
        ids = rank[firsts]
        kinds = np.fromiter(map(_KIND_IDS.__getitem__, map(_KIND, flat)), np.int8, size)
        return cls(flat, offsets, texts, ids, kinds)

    def __len__(self) -> int:
        """The number of texts."""
        return len(self.offsets) - 1

    def lists(self) -> list[list[Token]]:
        """The tokens of each text, in order."""
        flat, offsets = self.flat, self.offsets
        return [flat[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1)]

    def docs(self, dtype: type = np.int64) -> np.ndarray:
        """The index of each token's text in the batch."""
        return np.repeat(np.arange(len(self.offsets) - 1, dtype=dtype), np.diff(self.offsets))

    def codes(
        self, selected: np.ndarray, known: dict[str, int], make: Callable[[str], int], default: int
    ) -> np.ndarray:
        """The code of each token whose kind `selected` (a `kind_mask`) holds, else `default`.

        A code is `known[text]`, or `make(text)` for a text not in `known` (which `make` is
        expected to remember); both are asked once per distinct text, and only for the texts
        of selected tokens.
        """
        chosen = selected[self.kinds]
        needed = np.zeros(len(self.texts), bool)
        needed[self.ids[chosen]] = True
        wanted = np.flatnonzero(needed)
        texts = self.texts
        get = known.get
        found = np.fromiter((get(texts[i], -1) for i in wanted.tolist()), np.int64, len(wanted))
        for k in np.flatnonzero(found < 0).tolist():
            found[k] = make(texts[wanted[k]])
        # One slot per distinct text and a last one for the tokens not selected.
        by_text = np.full(len(texts) + 1, default, np.int64)
        by_text[wanted] = found
        return by_text[np.where(chosen, self.ids, len(texts))]
