"""The statistics of the alerts on plain arrays: baseline, tails, BH, nested places."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from scipy import stats

from duluan.analysis.baseline import (
    BaselineOptions,
    benjamini_hochberg,
    expect,
    lower_tail,
    upper_tail,
    weekday_factors,
)
from duluan.analysis.surges import SeriesKey, SeriesSet, SurgeOptions, detect

DAYS = [date(2026, 10, 1) + timedelta(days=i) for i in range(35)]


def test_weekday_factors_follow_the_stream() -> None:
    totals = np.array([200.0 if d.weekday() == 6 else 100.0 for d in DAYS])
    factors = weekday_factors(DAYS, totals)
    sunday = [f for d, f in zip(DAYS, factors, strict=True) if d.weekday() == 6]
    monday = [f for d, f in zip(DAYS, factors, strict=True) if d.weekday() == 0]
    assert sunday[0] == pytest.approx(2 * monday[0])


def test_expectation_leaves_out_the_guard_days_and_flagged_days() -> None:
    counts = np.array([[3.0] * 20 + [30.0, 30.0, 3.0]])
    options = BaselineOptions(window=28, guard=2, min_history=7)
    ones = np.ones(counts.shape[1])
    # On day 22 the two surge days (20, 21) are the guard: the baseline stays 3.
    assert expect(counts, ones, 22, None, options).expected[0] == pytest.approx(3.0)
    # On day 23 day 21 leaves the guard; flagged, it stays out of the baseline.
    counts = np.append(counts, [[3.0]], axis=1)
    flagged = np.zeros_like(counts, dtype=bool)
    flagged[0, 20:22] = True
    assert expect(counts, np.ones(24), 23, flagged, options).expected[0] == pytest.approx(3.0)
    assert expect(counts, np.ones(24), 23, None, options).expected[0] > 3.0


def test_tails_are_poisson_without_overdispersion_and_wider_with_it() -> None:
    observed, expected = np.array([9.0]), np.array([3.0])
    assert upper_tail(observed, expected, np.array([1.0]))[0] == pytest.approx(stats.poisson.sf(8, 3.0))
    assert upper_tail(observed, expected, np.array([3.0]))[0] > upper_tail(observed, expected, np.array([1.0]))[0]
    assert lower_tail(np.array([0.0]), expected, np.array([1.0]))[0] == pytest.approx(np.exp(-3.0))


def test_benjamini_hochberg_step_up() -> None:
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
    rejected, cutoff = benjamini_hochberg(p, 0.05)
    assert rejected.tolist() == [True, True] + [False] * 8
    assert cutoff == pytest.approx(0.05 * 2 / 10)
    none, bar = benjamini_hochberg(np.array([0.5]), 0.05, m=100)
    assert not none.any() and bar == pytest.approx(0.0005)


def _series(rows: dict[SeriesKey, list[int]], parents: dict[SeriesKey, SeriesKey], authors: int = 50) -> SeriesSet:
    keys = list(rows)
    counts = np.array([rows[k] for k in keys])
    parent = np.array([keys.index(parents[k]) if k in parents else -1 for k in keys])
    return SeriesSet(DAYS, keys, counts, np.full_like(counts, authors), parent, np.full(len(DAYS), 500.0))


WARD_A = SeriesKey("concern_place", "ward", "waste", "00292")
WARD_B = SeriesKey("concern_place", "ward", "waste", "00070")
PROVINCE = SeriesKey("concern_place", "province", "waste", "01")
NATION = SeriesKey("concern_national", "national", "waste")
NESTING = {WARD_A: PROVINCE, WARD_B: PROVINCE, PROVINCE: NATION}


def _flat(level: int, surge: dict[int, int] | None = None) -> list[int]:
    values = [level] * len(DAYS)
    for day, value in (surge or {}).items():
        values[day] = value
    return values


def test_a_ward_surge_is_raised_once_at_the_ward() -> None:
    ward_a = _flat(3, {28: 20, 29: 20})
    ward_b = _flat(3)
    province = [a + b + 4 for a, b in zip(ward_a, ward_b, strict=True)]
    nation = [p + 30 for p in province]
    detection = detect(_series({WARD_A: ward_a, WARD_B: ward_b, PROVINCE: province, NATION: nation}, NESTING), SurgeOptions())
    assert [(s.series, s.start, s.end) for s in detection.surges] == [(0, 28, 29)]


def test_a_province_surge_outside_the_surging_ward_is_raised_too() -> None:
    ward_a = _flat(3, {28: 20})
    ward_b = _flat(3)
    province = [a + b + 4 for a, b in zip(ward_a, ward_b, strict=True)]
    province[28] += 30  # the rest of the province rises too
    nation = [p + 30 for p in province]
    detection = detect(_series({WARD_A: ward_a, WARD_B: ward_b, PROVINCE: province, NATION: nation}, NESTING), SurgeOptions())
    raised = {detection_key for detection_key in (s.series for s in detection.surges)}
    assert raised == {0, 2}
    province_test = next(s for s in detection.surges if s.series == 2).tests[28]
    assert province_test.observed == province[28] - ward_a[28]


def test_small_counts_and_few_authors_never_alert() -> None:
    quiet = _flat(0, {30: 4})  # from nothing to 4: below the minimum count
    assert detect(_series({WARD_A: quiet}, {}), SurgeOptions()).surges == []
    loud = _flat(0, {30: 40})
    assert len(detect(_series({WARD_A: loud}, {}), SurgeOptions()).surges) == 1
    assert detect(_series({WARD_A: loud}, {}, authors=4), SurgeOptions()).surges == []


def test_steady_noise_raises_nothing() -> None:
    rng = np.random.default_rng(5)
    rows = {SeriesKey("concern_place", "ward", "waste", f"{i:05d}"): rng.poisson(4, len(DAYS)).tolist() for i in range(200)}
    detection = detect(_series(rows, {}), SurgeOptions(q=0.05))
    assert len(detection.surges) <= 1  # 200 series x 26 days of pure Poisson noise
    assert detection.series_days == 200 * detection.tested_days
