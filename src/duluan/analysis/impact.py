"""Did the answer land? The concern's talk in the case's place before and after the answer.

Three stretches of the same series the alert counted (posts and comments about the
concern in the place, distinct stories per day):

- **normal**: the `window` days before the surge began (before the earliest linked
  alert, else before the case was opened) — the baseline, as for the alerts;
- **surge**: from the surge's first day to the day of the answer;
- **after**: from the day after the answer to yesterday (the last full day: today's
  count is still growing), at most `after_days`.

The expected count after the answer is the normal rate scaled by the weekday factors
(the alerts' method). Two one-sided tests with the alerts' negative binomial law say
whether the talk after the answer is still above normal, and whether it fell below the
surge's level. Counts resting on fewer than k authors are suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from sqlalchemy import Engine, func, select

from ..errors import UsageError
from ..store.schema import alerts, cases
from .alerts import series_filter
from .baseline import BaselineOptions, lower_tail, upper_tail, weekday_factors
from .cases import CASE_STATUS_NAMES_VI
from .periods import Period, check_timezone, today_in
from .privacy import guarded
from .series import SeriesFilter, count_series, distinct_authors
from .surges import SeriesKey

SIGNIFICANCE = 0.05
MIN_DAYS_AFTER = 3


@dataclass
class Impact:
    case_id: int
    series: str
    normal: tuple[date, date]
    surge: tuple[date, date]
    after: tuple[date, date] | None
    normal_per_day: float | str  # "< k" when the normal stretch rests on fewer than k authors
    surge_per_day: float | str
    after_observed: int | str | None
    after_expected: float | None
    p_still_above_normal: float | None
    p_below_surge: float | None
    verdict: str
    method: str

    def as_json(self) -> dict[str, Any]:
        data = dict(vars(self))
        for name in ("normal", "surge", "after"):
            if data[name] is not None:
                data[name] = [d.isoformat() for d in data[name]]
        return data


def case_impact(
    engine: Engine, case_id: int, *, timezone: str, k: int = 5,
    today: date | None = None, after_days: int = 14, options: BaselineOptions | None = None,
) -> Impact:
    options = options or BaselineOptions()
    with engine.connect() as conn:
        row = conn.execute(select(cases).where(cases.c.id == case_id)).first()
        first_alert = conn.execute(select(func.min(alerts.c.started_on)).where(alerts.c.case_id == case_id)).scalar_one_or_none()
    if row is None:
        raise UsageError(f"no case {case_id}; `duluan cases list` shows them")
    if row.concern is None or row.concern == "other":
        raise UsageError(
            f"case {case_id} has no civic concern to follow; set one when opening it",
            vi=f"hồ sơ {case_id} không gắn với vấn đề dân sinh nào để theo dõi; hãy chọn khi mở hồ sơ",
        )
    if row.answered_at is None:
        raise UsageError(
            f"case {case_id} has not been answered yet (status {row.status}); impact is measured after the answer",
            vi=f"hồ sơ {case_id} chưa được trả lời (trạng thái “{CASE_STATUS_NAMES_VI.get(row.status, row.status)}”); "
            "tác động chỉ được đo sau khi trả lời",
        )
    zone = check_timezone(timezone)
    answered = row.answered_at.astimezone(zone).date()
    surge_start = first_alert or row.created_at.astimezone(zone).date()
    today = today or today_in(timezone)
    level = row.place_level or "national"
    key = SeriesKey("concern_place" if row.place_level else "concern_national", level, row.concern, row.place_code)
    flt = series_filter(key)
    normal = Period(surge_start - timedelta(days=options.window), surge_start - timedelta(days=1), timezone)
    surge = Period(surge_start, answered, timezone)
    last_full = today - timedelta(days=1)
    whole = Period(normal.start, max(last_full, answered), timezone)
    counts = np.array(count_series(engine, flt, whole).stories, dtype=float)
    totals = np.array(count_series(engine, SeriesFilter(), whole).documents, dtype=float)
    factors = weekday_factors(whole.days(), totals)
    n_normal, n_surge = normal.n_days, surge.n_days
    # Days before the stream began are not "normal": nothing was being collected.
    first = min(int(np.argmax(totals > 0)) if totals.any() else n_normal, n_normal)
    if n_normal - first < MIN_DAYS_AFTER:
        raise UsageError(
            f"case {case_id}: fewer than {MIN_DAYS_AFTER} days of data before the surge began "
            f"({surge_start}); there is no normal level to compare with",
            vi=f"hồ sơ {case_id}: có dữ liệu chưa đến {MIN_DAYS_AFTER} ngày trước khi bắt đầu tăng đột biến "
            f"({surge_start}); chưa có mức bình thường để so sánh",
        )
    normal = Period(whole.start + timedelta(days=first), normal.end, timezone)
    base = counts[first:n_normal]
    rate = base.sum() / factors[first:n_normal].sum()
    adjusted = base / factors[first:n_normal]
    dispersion = float(np.clip(adjusted.var(ddof=1) / adjusted.mean(), 1.0, options.max_dispersion)) if adjusted.mean() > 0 else 1.0
    surge_counts = counts[n_normal:n_normal + n_surge]
    surge_rate = surge_counts.sum() / factors[n_normal:n_normal + n_surge].sum()
    surge_figure = guarded(int(surge_counts.sum()), int(surge_counts.sum()), distinct_authors(engine, flt, surge), k)
    # The normal rate times the stretch's weekday factors gives its total back: it is a
    # figure like any other, hidden under k authors (and so is what is derived from it).
    normal_figure = guarded(int(base.sum()), int(base.sum()), distinct_authors(engine, flt, normal), k)
    result = Impact(
        case_id, key.text, (normal.start, normal.end), (surge.start, surge.end), None,
        round(float(rate), 2) if not normal_figure.suppressed else normal_figure.show(),
        round(float(surge_counts.sum() / n_surge), 2) if not surge_figure.suppressed else surge_figure.show(),
        None, None, None, None, "", "weekday-adjusted normal rate, negative binomial one-sided tests",
    )
    after_start = answered + timedelta(days=1)
    after_end = min(last_full, answered + timedelta(days=after_days))
    if (after_end - after_start).days + 1 < MIN_DAYS_AFTER:
        result.verdict = f"too early: fewer than {MIN_DAYS_AFTER} full days since the answer"
        return result
    after = Period(after_start, after_end, timezone)
    index = slice((after_start - whole.start).days, (after_end - whole.start).days + 1)
    observed = float(counts[index].sum())
    expected_normal = float(rate * factors[index].sum())
    expected_surge = float(surge_rate * factors[index].sum())
    p_up = float(upper_tail(np.array([observed]), np.array([max(expected_normal, options.floor)]), np.array([dispersion]))[0])
    p_down = float(lower_tail(np.array([observed]), np.array([max(expected_surge, options.floor)]), np.array([dispersion]))[0])
    figure = guarded(int(observed), int(observed), distinct_authors(engine, flt, after), k)
    result.after = (after.start, after.end)
    result.after_observed = figure.as_json()
    result.after_expected = None if normal_figure.suppressed else round(expected_normal, 2)
    result.p_still_above_normal = round(p_up, 6)
    result.p_below_surge = round(p_down, 6)
    if p_down < SIGNIFICANCE and p_up >= SIGNIFICANCE:
        result.verdict = "went down: back to its normal level"
    elif p_down < SIGNIFICANCE:
        result.verdict = "went down, but still above its normal level"
    elif p_up < SIGNIFICANCE:
        result.verdict = "did not go down: still at the surge's level"
    else:
        result.verdict = "no clear change: too few documents to tell"
    return result
