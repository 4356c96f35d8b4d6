"""The expected count of a daily series, and how surprising an observed count is.

Method (documented for analysts in docs/alerts.md):

1. **Day-of-week factors** f(d) come from the total volume of the whole stream, not from
   each series: one ward's handful of posts a day cannot tell Monday from Sunday, the
   stream can. f is the median volume on that weekday over the median daily volume
   (medians, so that one big day does not make its weekday look busy), with weekdays
   seen fewer than twice set to 1; days before collection began are left out.
2. **Baseline.** For series s on day t, the trailing window is the `window` days before
   t minus a `guard` of the last days (as in the CDC's EARS C2/C3: a surge that builds
   over two days must not raise its own baseline), minus any day already flagged as
   part of a surge. The rate is r = sum(c[s,u]) / sum(f(u)) over the window and the
   expected count is mu = max(r * f(t), floor): the floor keeps a series that was silent
   from alerting on two posts.
3. **Over-dispersion.** Real counts vary more than a Poisson law allows (a rainy week, a
   viral post). The dispersion phi = var / mean of the weekday-adjusted window, clipped
   to [1, max_dispersion], turns the Poisson into a negative binomial with the same mean
   and variance phi * mu.
4. **Score.** p = P(X >= observed) under that law, one-sided (only rises are alerts);
   the score printed is -log10(p).
5. **Many series.** Every day hundreds of series (concern x ward, concern x province,
   topic) are tested; `benjamini_hochberg` keeps the expected share of false alerts among
   the raised ones at q. The threshold shown with an alert is -log10 of that day's
   critical p-value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class BaselineOptions:
    window: int = 28  # trailing days read for the baseline
    guard: int = 2  # most recent days left out of it
    min_history: int = 7  # baseline days needed before a day can be tested
    floor: float = 0.5  # smallest expected count per day
    max_dispersion: float = 4.0


def weekday_factors(days: list[date], totals: np.ndarray) -> np.ndarray:
    """One multiplicative factor per day from the stream's weekday pattern (mean about 1)."""
    totals = np.asarray(totals, dtype=float)
    weekdays = np.array([d.weekday() for d in days])
    seen_days = totals[totals > 0]
    overall = float(np.median(seen_days)) if seen_days.size else 1.0
    by_weekday = np.ones(7)
    for w in range(7):
        seen = totals[(weekdays == w) & (totals > 0)]
        if seen.size >= 2:
            by_weekday[w] = max(float(np.median(seen)) / overall, 0.2)
    return by_weekday[weekdays] if days else np.ones(0)


@dataclass
class Expectation:
    expected: np.ndarray  # per series
    dispersion: np.ndarray  # per series, >= 1
    history: int  # baseline days used


def expect(
    counts: np.ndarray,
    factors: np.ndarray,
    t: int,
    excluded: np.ndarray | None,
    options: BaselineOptions,
) -> Expectation:
    """Expected counts on day t for every series (rows of `counts`, days in columns)."""
    low, high = max(0, t - options.window), t - options.guard
    n_series = counts.shape[0]
    if high <= low:
        return Expectation(np.full(n_series, options.floor), np.ones(n_series), 0)
    window = counts[:, low:high].astype(float)
    f = factors[low:high][None, :]
    keep = np.ones_like(window, dtype=bool) if excluded is None else ~excluded[:, low:high]
    weight = (f * keep).sum(axis=1)
    safe_weight = np.where(weight > 0, weight, 1.0)
    rate = (window * keep).sum(axis=1) / safe_weight
    adjusted = window / f
    n_kept = keep.sum(axis=1)
    mean = np.where(n_kept > 0, (adjusted * keep).sum(axis=1) / np.maximum(n_kept, 1), 0.0)
    var = np.where(
        n_kept > 1,
        (((adjusted - mean[:, None]) ** 2) * keep).sum(axis=1) / np.maximum(n_kept - 1, 1),
        0.0,
    )
    dispersion = np.clip(np.where(mean > 0, var / np.where(mean > 0, mean, 1.0), 1.0), 1.0, options.max_dispersion)
    expected = np.maximum(rate * factors[t], options.floor)
    return Expectation(expected, dispersion, high - low)


def upper_tail(observed: np.ndarray, expected: np.ndarray, dispersion: np.ndarray) -> np.ndarray:
    """P(X >= observed) for a negative binomial with this mean and variance dispersion*mean
    (a Poisson where dispersion is 1)."""
    observed = np.asarray(observed, dtype=float)
    expected = np.asarray(expected, dtype=float)
    dispersion = np.asarray(dispersion, dtype=float)
    poisson = stats.poisson.sf(observed - 1, expected)
    over = dispersion > 1.0 + 1e-9
    if not over.any():
        return np.asarray(poisson, dtype=float)
    phi = np.where(over, dispersion, 2.0)
    n = expected / (phi - 1.0)
    p = 1.0 / phi
    negbin = stats.nbinom.sf(observed - 1, n, p)
    return np.where(over, negbin, poisson).astype(float)


def lower_tail(observed: np.ndarray, expected: np.ndarray, dispersion: np.ndarray) -> np.ndarray:
    """P(X <= observed) under the same law: how surprising a fall is."""
    observed = np.asarray(observed, dtype=float)
    expected = np.asarray(expected, dtype=float)
    dispersion = np.asarray(dispersion, dtype=float)
    over = dispersion > 1.0 + 1e-9
    phi = np.where(over, dispersion, 2.0)
    negbin = stats.nbinom.cdf(observed, expected / (phi - 1.0), 1.0 / phi)
    return np.where(over, negbin, stats.poisson.cdf(observed, expected)).astype(float)


def benjamini_hochberg(pvalues: np.ndarray, q: float, m: int | None = None) -> tuple[np.ndarray, float]:
    """Which tests to reject at false discovery rate q, and the cut-off p-value q*R/m
    (R rejections); every rejected test is at or below it, and with no rejection the
    cut-off is q/m, the bar the best test missed.

    `m` is the number of tests made when some were left out of `pvalues` because they could
    not reject (fewer observations than the minimum); it defaults to len(pvalues).
    """
    pvalues = np.asarray(pvalues, dtype=float)
    m = max(m if m is not None else pvalues.size, 1)
    if pvalues.size == 0:
        return np.zeros(0, dtype=bool), q / m
    order = np.argsort(pvalues, kind="stable")
    ranked = pvalues[order]
    limits = q * np.arange(1, pvalues.size + 1) / m
    passing = np.nonzero(ranked <= limits)[0]
    if passing.size == 0:
        return np.zeros(pvalues.size, dtype=bool), q / m
    rejected = int(passing[-1]) + 1
    return pvalues <= ranked[rejected - 1], q * rejected / m
