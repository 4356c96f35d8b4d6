"""A 64-bit mixer shared by the hashed features and the topic vectors."""

from __future__ import annotations

import numpy as np

__all__ = ["splitmix64"]

_SHIFT_1, _SHIFT_2, _SHIFT_3 = np.uint64(30), np.uint64(27), np.uint64(31)
_MULTIPLY_1, _MULTIPLY_2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def splitmix64(values: np.ndarray, scratch: np.ndarray | None = None) -> np.ndarray:
    """The splitmix64 finaliser, so nearby inputs land far apart; `values` (uint64) is
    overwritten and returned.

    In place, with one scratch array: at a million values a batch, allocating a new
    array for each of the seven steps costs more than the arithmetic. A caller that
    mixes many arrays may lend its own `scratch` (uint64, at least as long as `values`).
    """
    if scratch is None:
        scratch = np.right_shift(values, _SHIFT_1)
    else:
        scratch = np.right_shift(values, _SHIFT_1, out=scratch[: len(values)])
    with np.errstate(over="ignore"):
        values ^= scratch
        values *= _MULTIPLY_1
        np.right_shift(values, _SHIFT_2, out=scratch)
        values ^= scratch
        values *= _MULTIPLY_2
        np.right_shift(values, _SHIFT_3, out=scratch)
        values ^= scratch
    return values
