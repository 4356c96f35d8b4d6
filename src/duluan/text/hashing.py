"""A 64-bit mixer shared by the hashed features and the topic vectors."""

from __future__ import annotations

import numpy as np

__all__ = ["MIX_BLOCK", "splitmix64"]

_SHIFT_1, _SHIFT_2, _SHIFT_3 = np.uint64(30), np.uint64(27), np.uint64(31)
_MULTIPLY_1, _MULTIPLY_2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
# Values mixed at a time: the seven passes of the mixer over 256 KB stay in the CPU's
# cache, where seven passes over a whole batch (a million values) would not: about 1.8
# times faster on 175,000 values.
MIX_BLOCK = 32_768


def splitmix64(values: np.ndarray, scratch: np.ndarray | None = None) -> np.ndarray:
    """The splitmix64 finaliser, so nearby inputs land far apart; `values` (uint64) is
    overwritten and returned.

    In place, with one scratch array: at a million values a batch, allocating a new
    array for each of the seven steps costs more than the arithmetic. A caller that
    mixes many arrays may lend its own `scratch` (uint64, at least
    `min(len(values), MIX_BLOCK)` long).
    """
    if scratch is None:
        scratch = np.empty(min(len(values), MIX_BLOCK), np.uint64)
    for start in range(0, len(values), MIX_BLOCK):
        _mix(values[start : start + MIX_BLOCK], scratch)
    return values


def _mix(values: np.ndarray, scratch: np.ndarray) -> None:
    scratch = np.right_shift(values, _SHIFT_1, out=scratch[: len(values)])
    with np.errstate(over="ignore"):
        values ^= scratch
        values *= _MULTIPLY_1
        np.right_shift(values, _SHIFT_2, out=scratch)
        values ^= scratch
        values *= _MULTIPLY_2
        np.right_shift(values, _SHIFT_3, out=scratch)
        values ^= scratch
