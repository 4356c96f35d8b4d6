"""Diacritic-free forms of Vietnamese text for matching ("Thủ Đức" → "thu duc")."""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "fold_keep_case"]

# Combining marks: NFD input (and text from old Windows keyboards) carries tones this way.
_COMBINING_RANGES = ((0x0300, 0x0370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00))


def _build_keep_case_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Latin-1 Supplement up to Latin Extended Additional covers every Vietnamese letter
    # (and the French, German... letters that share a plain ASCII base).
    for cp in range(0x00C0, 0x1F00):
        base = unicodedata.normalize("NFD", chr(cp))[0]
        if base != chr(cp) and base.isascii() and base.isalpha():
            table[cp] = base
    # đ has no decomposition in Unicode: it is a letter of its own, folded by convention.
    table[ord("đ")] = "d"
    table[ord("Đ")] = "D"
    for start, stop in _COMBINING_RANGES:
        for cp in range(start, stop):
            table[cp] = None
    return table


_KEEP_CASE = _build_keep_case_table()
# Lower-casing happens before translation, so the lower table needs no upper-case keys.
_LOWER = {cp: (v.lower() if v else v) for cp, v in _KEEP_CASE.items() if chr(cp).islower()}
_LOWER.update({cp: None for start, stop in _COMBINING_RANGES for cp in range(start, stop)})


class _Pieces(dict[str, str]):
    """Folded forms of the space-separated pieces seen so far.

    `str.translate` with a dict costs about 150 ns a character, a dict lookup per piece a
    tenth of that, and news and posts repeat the same few thousand words. Folding is per
    character and lower-casing never looks across a space, so folding piece by piece
    gives exactly `fold` of the whole. A piece not seen yet is folded by `__missing__`,
    so `map(_PIECES.__getitem__, ...)` looks pieces up in C and folds only new ones.
    """

    def __missing__(self, piece: str) -> str:
        folded = piece.lower().translate(_LOWER)
        if len(self) >= _MAX_PIECES:
            self.clear()
        self[piece] = folded
        return folded


_PIECES = _Pieces()
_MAX_PIECES = 300_000  # bound memory on endless streams of new words


def fold(text: str) -> str:
    """Lower-case `text` and remove its diacritics, đ → d, for matching and search."""
    if text.isascii():  # most English and unaccented text: skip the per-character table
        return text.lower()
    if len(text) < 24:  # a word or two: the table alone is as quick as splitting
        return text.lower().translate(_LOWER)
    return " ".join(map(_PIECES.__getitem__, text.split(" ")))


def fold_keep_case(text: str) -> str:
    """Remove the diacritics of `text` but keep its case ("Đà Nẵng" → "Da Nang")."""
    return text.translate(_KEEP_CASE)
