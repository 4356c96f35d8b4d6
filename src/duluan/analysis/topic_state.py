"""The state of the online clusterer: topics as truncated sums of rows, and what a batch
changed (the store turns a `TopicChange` into rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import scipy.sparse as sp

__all__ = ["TopicChange", "TopicState"]


@dataclass
class TopicState:
    """One topic as the clusterer sees it: a truncated sum of member rows and its life."""

    id: int
    indices: np.ndarray  # int32 columns of the centroid sum, sorted
    values: np.ndarray  # float32 weights, same length
    members: int  # stories whose rows make the centroid
    born_at: datetime
    last_seen_at: datetime
    status: str = "active"  # active, faded, merged
    merged_into: int | None = None

    def to_bytes(self) -> bytes:
        header = np.array([self.members, len(self.indices)], dtype="<i4").tobytes()
        return header + self.indices.astype("<i4").tobytes() + self.values.astype("<f4").tobytes()

    @staticmethod
    def centroid_from_bytes(blob: bytes) -> tuple[int, np.ndarray, np.ndarray]:
        members, size = np.frombuffer(blob[:8], dtype="<i4")
        indices = np.frombuffer(blob[8 : 8 + 4 * size], dtype="<i4").astype(np.int32)
        values = np.frombuffer(blob[8 + 4 * size : 8 + 8 * size], dtype="<f4").astype(np.float32)
        return int(members), indices, values


@dataclass
class TopicChange:
    """What one batch did; the store turns it into rows."""

    assignments: list[tuple[int, int, float]] = field(default_factory=list)  # story, topic, cosine
    created: list[int] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)
    events: list[tuple[int, str, int | None, datetime, dict[str, object]]] = field(default_factory=list)
    merges: list[tuple[int, int]] = field(default_factory=list)  # (absorbed, kept)
    splits: list[tuple[int, int, list[int]]] = field(default_factory=list)  # (parent, new, stories moved)
    grown_from: dict[int, int] = field(default_factory=dict)  # topic → its stories before the change


def _truncate(indices: np.ndarray, values: np.ndarray, top: int) -> tuple[np.ndarray, np.ndarray]:
    if len(values) > top:
        # Largest weights; among equals the lower column, so the cut is deterministic. The
        # cells kept are those a sort by (-weight, column) puts first, found without the
        # sort: all above the top-th largest weight, then the lowest columns at it.
        cut = np.partition(values, len(values) - top)[len(values) - top]
        keep = values > cut
        tied = np.flatnonzero(values == cut)
        need = top - int(np.count_nonzero(keep))
        if need < len(tied):
            tied = tied[np.argsort(indices[tied], kind="stable")[:need]]
        keep[tied] = True
        indices, values = indices[keep], values[keep]  # in their order, as before
    return indices.astype(np.int32), values.astype(np.float32)


def _add(state: TopicState, row_indices: np.ndarray, row_values: np.ndarray, top: int) -> None:
    merged = np.concatenate([state.indices, row_indices])
    weights = np.concatenate([state.values, row_values]).astype(np.float64)
    columns, inverse = np.unique(merged, return_inverse=True)
    sums = np.bincount(inverse, weights=weights)
    state.indices, state.values = _truncate(columns, sums, top)


def _add_rows(states: list[TopicState], sums: sp.csr_matrix, top: int) -> None:
    """`_add` of row k of `sums` (float64, sorted columns) to states[k], for all at once:
    scipy's sum of two sorted sparse matrices merges each row's columns without a sort,
    and adds a stored weight and a new one as `_add` does (in float64, old first)."""
    indptr = np.zeros(len(states) + 1, dtype=np.int64)
    np.cumsum([len(state.indices) for state in states], out=indptr[1:])
    old = sp.csr_matrix(
        (np.concatenate([state.values for state in states]).astype(np.float64),
         np.concatenate([state.indices for state in states]), indptr),
        shape=sums.shape,
    )
    total = (old + sums).tocsr()
    total.sort_indices()
    for k, state in enumerate(states):
        start, end = total.indptr[k], total.indptr[k + 1]
        state.indices, state.values = _truncate(total.indices[start:end], total.data[start:end], top)
