"""Finding surges in a set of daily series: the statistics, on arrays, without a database.

Series come in levels tested in order — wards, then provinces, then the whole country,
then topics — so that nested places are neither hidden nor counted twice: a ward that
surges is tested on its own (a small ward's surge would vanish inside its province), and
its posts are then taken out of its province's count for that day before the province is
tested, and likewise for the country. A province alerts only if the rest of it surges too.

On each day the series of a level are tested together and Benjamini-Hochberg keeps the
false discovery rate at q. A series is tested only when it reached `min_count` documents
from at least k distinct authors that day: fewer could never be shown (k-anonymity), and
no one acts on two posts. See analysis/baseline.py for the expected counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from .baseline import BaselineOptions, benjamini_hochberg, expect, upper_tail, weekday_factors

LEVELS = ("ward", "province", "national", "topic")


@dataclass(frozen=True)
class SeriesKey:
    kind: str  # concern_place, concern_national, topic
    level: str  # ward, province, national, topic
    concern: str | None = None
    code: str | None = None  # place code (new units) for ward and province
    topic_id: int | None = None

    @property
    def text(self) -> str:
        """A stable name, unique per series: the alert's natural key."""
        if self.kind == "topic":
            return f"topic:{self.topic_id}"
        if self.level == "national":
            return f"concern:{self.concern}:national"
        return f"concern:{self.concern}:{self.level}:{self.code}"


@dataclass(frozen=True)
class SurgeOptions:
    q: float = 0.05  # false discovery rate per level and day
    min_count: int = 5
    topic_min_count: int = 10  # a topic counts stories of every kind, press included
    k: int = 5
    gap: int = 1  # quiet days allowed inside one surge
    spans: tuple[int, ...] = (1, 2, 3)  # days summed by the scan test
    baseline: BaselineOptions = field(default_factory=BaselineOptions)


@dataclass
class SeriesSet:
    days: list[date]
    keys: list[SeriesKey]
    counts: np.ndarray  # series x days: distinct stories
    authors: np.ndarray  # series x days: distinct social authors
    parent: np.ndarray  # index of the enclosing series, -1 for none
    totals: np.ndarray  # all documents per day, for the weekday factors

    def level_index(self, level: str) -> np.ndarray:
        return np.array([i for i, k in enumerate(self.keys) if k.level == level], dtype=int)


@dataclass
class DayTest:
    observed: int  # after taking out what flagged sub-places explain
    expected: float
    dispersion: float
    p_value: float  # of the sum over the last `span` days (the smallest of the spans tried)
    critical: float  # that day's Benjamini-Hochberg critical p for the level
    span: int = 1  # days summed for p_value, ending this day
    span_observed: float = 0.0  # observed over those days
    span_expected: float = 0.0  # expected over those days


@dataclass
class Surge:
    series: int
    start: int  # day index
    end: int  # day index, inclusive
    tests: dict[int, DayTest]  # flagged days

    @property
    def observed(self) -> int:
        return sum(t.observed for t in self.tests.values())

    @property
    def expected(self) -> float:
        return sum(t.expected for t in self.tests.values())

    @property
    def peak(self) -> tuple[int, DayTest]:
        return min(self.tests.items(), key=lambda item: (item[1].p_value, item[0]))


@dataclass
class Detection:
    surges: list[Surge]
    flagged: np.ndarray
    expected: np.ndarray  # series x days; nan where not tested
    tested_days: int
    series_days: int  # series x tested days: the denominator of the false-alert rate


def detect(series: SeriesSet, options: SurgeOptions) -> Detection:
    """Flag series-days above baseline, level by level, and group them into surges."""
    n_series, n_days = series.counts.shape
    factors = weekday_factors(series.days, series.totals)
    flagged = np.zeros((n_series, n_days), dtype=bool)
    expected = np.full((n_series, n_days), np.nan)
    tests: dict[tuple[int, int], DayTest] = {}
    first = int(np.argmax(series.totals > 0)) if series.totals.any() else n_days
    levels = [(level, series.level_index(level)) for level in LEVELS]
    tested_days = 0
    # What is left of each series once flagged sub-places are taken out, day by day:
    # the multi-day sums below read it too.
    residual = series.counts.astype(float)
    for t in range(first, n_days):
        low = max(first, t - options.baseline.window)
        if t - options.baseline.guard - low < options.baseline.min_history:
            continue
        tested_days += 1
        exp = expect(series.counts[:, low:], factors[low:], t - low, flagged[:, low:], options.baseline)
        expected[:, t] = exp.expected
        explained = np.zeros(n_series)
        for _level, index in levels:
            if index.size == 0:
                continue
            observed = np.maximum(series.counts[index, t] - explained[index], 0)
            residual[index, t] = observed
            authors = series.authors[index, t]
            is_topic = np.array([series.keys[i].kind == "topic" for i in index])
            minimum = np.where(is_topic, options.topic_min_count, options.min_count)
            gate = (observed >= minimum) & (is_topic | (authors >= options.k))
            scan = _scan_p(residual[index], exp.expected[index], exp.dispersion[index], factors, t, options.spans, first)
            p = scan.p
            reject = np.zeros(index.size, dtype=bool)
            critical = options.q / max(index.size, 1)
            if gate.any():
                reject_gated, critical = benjamini_hochberg(p[gate], options.q, m=index.size)
                reject[np.nonzero(gate)[0][reject_gated]] = True
            for j in np.nonzero(reject)[0].tolist():
                s = int(index[j])
                flagged[s, t] = True
                tests[(s, t)] = DayTest(
                    int(observed[j]), float(exp.expected[s]), float(exp.dispersion[s]),
                    float(p[j]), float(critical), int(scan.span[j]),
                    float(scan.observed[j]), float(scan.expected[j]),
                )
            # What each series passes up: all of itself if it surged, else what its
            # surging sub-places explained.
            for j, child in enumerate(index.tolist()):
                parent = int(series.parent[child])
                if parent >= 0:
                    explained[parent] += series.counts[child, t] if reject[j] else explained[child]
    surges = _group(flagged, tests, options.gap)
    return Detection(surges, flagged, expected, tested_days, tested_days * n_series)


@dataclass
class _Scan:
    """Per series: the corrected smallest p, and the span (days) with its sums that gave it."""

    p: np.ndarray
    span: np.ndarray
    observed: np.ndarray
    expected: np.ndarray


def _scan_p(
    residual: np.ndarray,
    expected_today: np.ndarray,
    dispersion: np.ndarray,
    factors: np.ndarray,
    t: int,
    spans: tuple[int, ...],
    first: int,
) -> _Scan:
    """The smallest p-value over the sums of the last 1, 2, ... days, Bonferroni-corrected.

    A surge that builds over days (a flood, a rumour) shows in a two- or three-day sum
    before any single day is extreme, as in EARS C3; testing a few spans and multiplying
    the smallest p by their number keeps the test honest. The span that gave it is kept:
    a flagged day can itself be ordinary, the tail of a surge that the sum still shows.
    """
    n = residual.shape[0]
    scan = _Scan(np.ones(n), np.ones(n, dtype=int), residual[:, t].copy(), expected_today.copy())
    used = 0
    for span in spans:
        start = t - span + 1
        if start < first:
            continue
        used += 1
        observed = residual[:, start : t + 1].sum(axis=1)
        expected = expected_today * (factors[start : t + 1].sum() / factors[t])
        p = upper_tail(observed, expected, dispersion)
        better = p < scan.p  # strictly: ties keep the shorter span, as the minimum did
        scan.p = np.where(better, p, scan.p)
        scan.span = np.where(better, span, scan.span)
        scan.observed = np.where(better, observed, scan.observed)
        scan.expected = np.where(better, expected, scan.expected)
    scan.p = np.minimum(scan.p * max(used, 1), 1.0)
    return scan


def _group(flagged: np.ndarray, tests: dict[tuple[int, int], DayTest], gap: int) -> list[Surge]:
    surges: list[Surge] = []
    for s in np.nonzero(flagged.any(axis=1))[0]:
        days = np.nonzero(flagged[s])[0]
        current: Surge | None = None
        for t in days:
            if current is not None and t - current.end <= gap + 1:
                current.end = int(t)
                current.tests[int(t)] = tests[(int(s), int(t))]
            else:
                current = Surge(int(s), int(t), int(t), {int(t): tests[(int(s), int(t))]})
                surges.append(current)
    surges.sort(key=lambda g: (g.start, g.series))
    return surges
