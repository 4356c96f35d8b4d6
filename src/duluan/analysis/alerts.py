"""Alerts: run the surge detection, store each surge once, and let people act on it.

`run_alerts` reads the series (analysis/alert_series.py), finds surges
(analysis/surges.py) and writes one alert per surge. A surge that continues on later
days extends its alert instead of raising a new one, and a rerun on the same data changes
nothing: the natural key is (series, first day), and a run that overlaps a stored alert
of the same series updates it. People then acknowledge, dismiss (with a reason) or turn
an alert into a case; the status is kept across reruns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, insert, select, update
from sqlalchemy.sql import Select

from ..enrich.concerns import CONCERNS
from ..errors import NotFound, UsageError
from ..store.repository import utcnow
from ..store.schema import alerts, documents, enrichments, topics
from .alert_series import load_series
from .periods import Period, check_timezone
from .places import PlaceFilter, place_name, place_rows
from .privacy import Figure, guarded, hide_complement
from .series import SeriesFilter, count_series, distinct_authors, filtered
from .surges import Detection, SeriesKey, SeriesSet, Surge, SurgeOptions, detect

ALERT_STATUSES = ("new", "acknowledged", "dismissed", "case")
# Waiting for someone: the overview counts these, and `status="open"` lists them.
OPEN_ALERT_STATUSES = ("new", "acknowledged")
# The statuses as the dashboard names them (Vietnamese first); errors use them too.
ALERT_STATUS_NAMES_VI = {
    "new": "Mới", "acknowledged": "Đã tiếp nhận", "dismissed": "Đã bỏ qua", "case": "Đã lập hồ sơ",
}  # fmt: skip
# What a person may do to an alert in each status.
ALERT_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "new": ("acknowledged", "dismissed", "case"),
    "acknowledged": ("dismissed", "case"),
    "dismissed": ("acknowledged",),
    "case": (),
}
EVIDENCE_SIZE = 10
CHART_DAYS_BEFORE = 14
CONCERN_NAMES = {c.id: c.name_vi for c in CONCERNS}
METHOD = "negative binomial over a weekday-adjusted trailing baseline, Benjamini-Hochberg"


class UnknownAlert(NotFound):
    pass


class TransitionNotAllowed(UsageError):
    pass


def key_of(row: Any) -> SeriesKey:
    level = row.place_level or ("topic" if row.kind == "topic" else "national")
    return SeriesKey(row.kind, level, row.concern, row.place_code, row.topic_id)


def series_filter(key: SeriesKey) -> SeriesFilter:
    """The documents a series counts, as a filter (for evidence and charts)."""
    if key.kind == "topic":
        return SeriesFilter(topic_id=key.topic_id, dated_only=True)
    place = None
    if key.level in ("ward", "province") and key.code:
        place = PlaceFilter(key.level, (key.code,), place_name(key.level, key.code))
    return SeriesFilter(concern=key.concern, place=place, social_only=True, dated_only=True)


def describe(key: SeriesKey) -> str:
    """What and where, for people: "Ngập nước, thoát nước — Phường Thạnh Mỹ Tây"."""
    if key.kind == "topic":
        return f"Chủ đề {key.topic_id}"
    what = CONCERN_NAMES.get(key.concern or "", key.concern or "")
    where = "cả nước" if key.level == "national" else place_name(key.level, key.code or "")
    return f"{what} — {where}"


@dataclass
class AlertRunSummary:
    series: int
    tested_days: int
    series_days: int
    new: int
    extended: int
    unchanged: int


def run_alerts(
    engine: Engine, period: Period, options: SurgeOptions, now: datetime | None = None
) -> AlertRunSummary:
    """Detect surges over `period` (plus the baseline window before it) and store them."""
    history = period.extended_back(options.baseline.window)
    series = load_series(engine, history)
    detection = detect(series, options)
    new = extended = unchanged = 0
    now = now or utcnow()
    with engine.begin() as conn:
        for surge in detection.surges:
            if series.days[surge.end] < period.start:
                continue
            outcome = _store(conn, engine, series, detection, surge, options, history, now)
            new += outcome == "new"
            extended += outcome == "extended"
            unchanged += outcome == "unchanged"
    return AlertRunSummary(len(series.keys), detection.tested_days, detection.series_days, new, extended, unchanged)


def _store(
    conn: Connection,
    engine: Engine,
    series: SeriesSet,
    detection: Detection,
    surge: Surge,
    options: SurgeOptions,
    history: Period,
    now: datetime,
) -> str:
    key = series.keys[surge.series]
    started, last = series.days[surge.start], series.days[surge.end]
    _, peak = surge.peak
    stats = _stats(series, detection, surge, options)
    # The local day the counts were read on: if the chart reaches it, that day was not over.
    stats["read_on"] = now.astimezone(check_timezone(history.timezone)).date().isoformat()
    values: dict[str, Any] = {
        "series_key": key.text,
        "kind": key.kind,
        "concern": key.concern,
        "place_level": key.level if key.level in ("ward", "province") else None,
        "place_code": key.code,
        "topic_id": key.topic_id,
        "started_on": started,
        "last_on": last,
        "observed": surge.observed,
        "expected": round(surge.expected, 2),
        "score": round(-math.log10(max(peak.p_value, 1e-300)), 2),
        "threshold": round(-math.log10(max(peak.critical, 1e-300)), 2),
        "method": "nb-baseline-bh/v1",
        "stats": stats,
        "evidence": evidence_ids(engine, key, Period(started, last, history.timezone)),
        "updated_at": now,
    }
    gap = timedelta(days=options.gap + 1)
    existing = conn.execute(
        select(alerts).where(
            and_(
                alerts.c.series_key == key.text,
                alerts.c.started_on <= last + gap,
                alerts.c.last_on >= started - gap,
            )
        ).order_by(alerts.c.started_on)
    ).first()
    if existing is None:
        stats[PRIVACY_KEY] = _author_counts(engine, key, stats, started, last, history.timezone)
        conn.execute(insert(alerts).values(**values, status="new", created_at=now))
        return "new"
    first_on, last_on = min(existing.started_on, started), max(existing.last_on, last)
    values["started_on"], values["last_on"] = first_on, last_on
    same = all(getattr(existing, k) == values[k] for k in ("started_on", "last_on", "observed", "evidence"))
    if same:
        if PRIVACY_KEY not in (existing.stats or {}):  # written before the counts were kept
            kept = dict(existing.stats or {})
            kept[PRIVACY_KEY] = _author_counts(engine, key, kept, existing.started_on, existing.last_on, history.timezone)
            conn.execute(update(alerts).where(alerts.c.id == existing.id).values(stats=kept))
        return "unchanged"
    stats[PRIVACY_KEY] = _author_counts(engine, key, stats, first_on, last_on, history.timezone)
    conn.execute(update(alerts).where(alerts.c.id == existing.id).values(**values))
    return "extended"


# Under this key the stored stats keep what k-anonymity needs to guard the alert's
# figures when it is shown (posts and distinct authors per chart day, and over the
# surge), so that listing alerts reads no documents. Never shown: `_view` removes it.
PRIVACY_KEY = "authors_behind"


def _author_counts(
    engine: Engine, key: SeriesKey, stats: dict[str, Any], started: date, last: date, timezone: str,
    k: int | None = None,
) -> dict[str, Any]:
    """Social documents and distinct authors per chart day and over the surge, counted
    when the alert is written (exactly), or when an alert written before they were
    stored is shown: then the surge's distinct authors are counted only when its busiest
    day's, a lower bound, do not already clear `k`."""
    flt, surge = series_filter(key), Period(started, last, timezone)
    days = stats.get("days") or []
    span = surge
    if days:
        span = Period(min(date.fromisoformat(days[0]), started), max(date.fromisoformat(days[-1]), last), timezone)
    counts = count_series(engine, flt, span)
    by_day = dict(zip(counts.buckets, zip(counts.social, counts.authors, strict=True), strict=True))
    inside = [i for i, day in enumerate(counts.buckets) if started.isoformat() <= day <= last.isoformat()]
    social = sum(counts.social[i] for i in inside)
    authors = max((counts.authors[i] for i in inside), default=0)
    if social and (k is None or authors < k):
        authors = distinct_authors(engine, flt, surge)
    return {
        "social": [by_day.get(day, (0, 0))[0] for day in days],
        "authors": [by_day.get(day, (0, 0))[1] for day in days],
        "surge_social": social,
        "surge_authors": authors,
    }


def _stats(series: SeriesSet, detection: Detection, surge: Surge, options: SurgeOptions) -> dict[str, Any]:
    low = max(0, surge.start - CHART_DAYS_BEFORE)
    days = range(low, surge.end + 1)
    expected = detection.expected[surge.series]
    return {
        "days": [series.days[t].isoformat() for t in days],
        "observed": [int(series.counts[surge.series, t]) for t in days],
        "expected": [None if math.isnan(expected[t]) else round(float(expected[t]), 2) for t in days],
        "flagged": {
            series.days[t].isoformat(): {
                "observed": test.observed,
                "expected": round(test.expected, 2),
                "dispersion": round(test.dispersion, 2),
                "p_value": test.p_value,
                "critical_p": test.critical,
                "span": test.span,
                "span_observed": round(test.span_observed, 2),
                "span_expected": round(test.span_expected, 2),
            }
            for t, test in sorted(surge.tests.items())
        },
        "q": options.q,
        "min_count": options.min_count,
        "k": options.k,
        "unit": "distinct stories of posts and comments per day" if series.keys[surge.series].kind != "topic" else "distinct stories per day",
    }


def evidence_ids(engine: Engine, key: SeriesKey, period: Period, limit: int = EVIDENCE_SIZE) -> list[int]:
    """The documents that best show the surge, one per story: for a concern, the likeliest
    complaints about it first (complaint times concern probability); for a topic, the most
    complaint-like."""
    low, high = period.utc_bounds()
    query: Select[Any] = (
        select(documents.c.id, documents.c.story_id)
        .where(and_(documents.c.published_at >= low, documents.c.published_at < high))
        .outerjoin(enrichments, enrichments.c.document_id == documents.c.id)
    )
    flt = series_filter(key)
    # The filter joins enrichments itself for concerns; the outer join above serves ordering.
    query = filtered(query, SeriesFilter(place=flt.place, topic_id=flt.topic_id, social_only=flt.social_only,
                                         dated_only=flt.dated_only))
    if flt.concern:
        query = query.where(enrichments.c.concern == flt.concern)
        # Most likely a complaint about this very concern first: by complaint probability
        # alone, a plea that the model only leaned to file here (a leaning tree under
        # "prices", at 0.22) came before posts plainly about prices.
        strength = enrichments.c.complaint_p * func.coalesce(enrichments.c.concern_p, 0.0)
    else:
        strength = enrichments.c.complaint_p
    query = query.order_by(strength.desc().nulls_last(), documents.c.published_at, documents.c.id)
    seen: set[int] = set()
    out: list[int] = []
    with engine.connect() as conn:
        for row in conn.execute(query.limit(limit * 20)):
            if row.story_id in seen:
                continue
            seen.add(row.story_id)
            out.append(int(row.id))
            if len(out) == limit:
                break
    return out


@dataclass
class AlertView:
    id: int
    what: str
    series_key: str
    kind: str
    concern: str | None
    place_level: str | None
    place_code: str | None
    topic_id: int | None
    started_on: date
    last_on: date
    observed: int | str
    expected: float | None  # None when a flagged day is hidden (see `_view`)
    score: float | None
    threshold: float
    status: str
    status_reason: str | None
    case_id: int | None
    created_at: datetime
    acknowledged_at: datetime | None
    stats: dict[str, Any]
    evidence: list[int]
    topic_label: str | None = None  # a topic alert's topic as labelled today

    def as_json(self) -> dict[str, Any]:
        data = dict(vars(self))
        for name in ("started_on", "last_on", "created_at", "acknowledged_at"):
            value = data[name]
            data[name] = value.isoformat() if value is not None else None
        return data


def _view(row: Any, engine: Engine, k: int, timezone: str) -> AlertView:
    key = key_of(row)
    stats = dict(row.stats)
    behind = stats.pop(PRIVACY_KEY, None) or _author_counts(engine, key, stats, row.started_on, row.last_on, timezone, k)
    figure = guarded(row.observed, behind["surge_social"], behind["surge_authors"], k)
    stats = _guarded_stats(stats, behind, k)
    figure = _surge_figure(figure, stats, k)
    # The score is the peak day's p-value and the expected total the flagged days' sum:
    # beside the other days' figures either gives a hidden day back.
    hidden = _hides_a_flagged_day(stats)
    expected, score = (None, None) if hidden else (row.expected, row.score)
    what = describe(key)
    label = None
    if key.kind == "topic":
        with engine.connect() as conn:
            label = conn.execute(select(topics.c.label).where(topics.c.id == key.topic_id)).scalar_one_or_none()
        what = f"Chủ đề {key.topic_id}: {label}" if label else what
    return AlertView(
        row.id, what, row.series_key, row.kind, row.concern, row.place_level, row.place_code,
        row.topic_id, row.started_on, row.last_on, figure.as_json(), expected, score,
        row.threshold, row.status, row.status_reason, row.case_id, row.created_at,
        row.acknowledged_at, stats, list(row.evidence), label,
    )


def _guarded_stats(stats: dict[str, Any], behind: dict[str, Any], k: int) -> dict[str, Any]:
    """The chart's daily counts as they may be shown: a day resting on fewer than k
    authors reads "< k" (the flagged days passed the same gate when they were raised)."""
    days = stats.get("days") or []
    observed = stats.get("observed") or []
    if not days:
        return stats
    if len(days) != len(observed) or len(behind.get("authors") or []) != len(days):
        # Stats that do not line up (written by hand, or damaged): show no day rather
        # than days nothing guarded.
        return {**stats, "observed": [Figure(None, k).as_json() for _ in days], "flagged": {}}
    shown: list[int | str] = []
    for value, social, authors in zip(observed, behind["social"], behind["authors"], strict=True):
        shown.append(guarded(int(value), social, authors, k).as_json())
    # A flagged day's test reads the same day's count (less what its wards explain): it
    # is hidden wherever the chart hides that day, with what would give the count back
    # (its expected value, dispersion and p-value fix the count through the test's law).
    hidden = {day for day, value in zip(days, shown, strict=True) if isinstance(value, str)}
    position = {day: i for i, day in enumerate(days)}

    def span_hidden(day: str, span: int) -> bool:
        # The p-value is of the sum over `span` days ending here: with a hidden day among
        # them (or one before the chart), the sum and its p-value would give that day back.
        at = position.get(day)
        return at is None or at - span + 1 < 0 or any(days[i] in hidden for i in range(at - span + 1, at + 1))

    flagged = {}
    for day, test in (stats.get("flagged") or {}).items():
        if day in hidden:
            test = {**test, "observed": Figure(None, k).as_json(), "expected": None, "dispersion": None,
                    "p_value": None}  # fmt: skip
        # Stored before spans were recorded: the p-value may be of the longest sum.
        span = int(test["span"]) if test.get("span") is not None else max(SurgeOptions().spans)
        if day in hidden or span_hidden(day, span):
            test = {**test, "p_value": None, "span_observed": None, "span_expected": None}
        flagged[day] = test
    return {**stats, "observed": shown, "flagged": flagged}


def _hides_a_flagged_day(stats: dict[str, Any]) -> bool:
    return any(test.get("p_value") is None for test in (stats.get("flagged") or {}).values())


def _surge_figure(figure: Figure, stats: dict[str, Any], k: int) -> Figure:
    """The surge's total beside its flagged days: the total is the sum of their tested
    counts, so when one of them is hidden the total minus the others would give it back;
    the total is then a lower bound."""
    tests = (stats.get("flagged") or {}).values()
    parts = [Figure(t["observed"], k) if isinstance(t["observed"], int) else Figure(None, k) for t in tests]
    _, total = hide_complement(parts, [1] * len(parts), figure, keep_parts=True)
    return total


def list_alerts(
    engine: Engine,
    *,
    timezone: str,
    status: str | None = None,
    concern: str | None = None,
    place: PlaceFilter | None = None,
    period: Period | None = None,
    k: int = 5,
    limit: int = 50,
) -> list[AlertView]:
    """Alerts, newest surge first; filters as in the dashboard ("open": new or acknowledged)."""
    if status is not None and status not in (*ALERT_STATUSES, "open"):
        raise UsageError(
            f"unknown alert status {status!r}; choose one of: {', '.join(ALERT_STATUSES)}, open",
            vi=f"không có trạng thái cảnh báo {status!r}; hãy chọn một trong: {', '.join(ALERT_STATUSES)}, open",
        )
    query = select(alerts)
    if status == "open":
        query = query.where(alerts.c.status.in_(OPEN_ALERT_STATUSES))
    elif status:
        query = query.where(alerts.c.status == status)
    if concern:
        query = query.where(alerts.c.concern == concern)
    if place is not None:
        query = query.where(place_rows(alerts, place))  # a province's wards too, as the overview
    if period is not None:
        query = query.where(and_(alerts.c.last_on >= period.start, alerts.c.started_on <= period.end))
    query = query.order_by(alerts.c.last_on.desc(), alerts.c.score.desc(), alerts.c.id).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [_view(r, engine, k, timezone) for r in rows]


def get_alert(engine: Engine, alert_id: int, *, timezone: str, k: int = 5) -> AlertView:
    with engine.connect() as conn:
        row = conn.execute(select(alerts).where(alerts.c.id == alert_id)).first()
    if row is None:
        raise UnknownAlert(
            f"no alert {alert_id}; `duluan alerts list` shows them", vi=f"không có cảnh báo số {alert_id}"
        )
    return _view(row, engine, k, timezone)


def set_alert_status(
    conn: Connection, alert_id: int, status: str, *, reason: str | None = None,
    case_id: int | None = None, now: datetime | None = None,
) -> None:
    """Move an alert to `status` if its current status allows; dismissing needs a reason."""
    row = conn.execute(select(alerts.c.status).where(alerts.c.id == alert_id)).first()
    if row is None:
        raise UnknownAlert(
            f"no alert {alert_id}; `duluan alerts list` shows them", vi=f"không có cảnh báo số {alert_id}"
        )
    allowed = ALERT_TRANSITIONS[row.status]
    if status not in allowed:
        choices = ", ".join(allowed) if allowed else "none: it is final"
        choices_vi = ", ".join(ALERT_STATUS_NAMES_VI[s] for s in allowed) if allowed else "không: đây là trạng thái cuối"
        raise TransitionNotAllowed(
            f"alert {alert_id} is {row.status}; it can become: {choices}",
            vi=f"cảnh báo {alert_id} đang ở trạng thái “{ALERT_STATUS_NAMES_VI[row.status]}”; "
            f"chỉ có thể chuyển sang: {choices_vi}",
        )
    if status == "dismissed" and not (reason or "").strip():
        raise UsageError(
            "dismissing an alert needs a reason (--reason), so others know why",
            vi="bỏ qua cảnh báo cần ghi lý do, để người khác biết vì sao",
        )
    now = now or utcnow()
    values: dict[str, Any] = {"status": status, "updated_at": now}
    if reason is not None:
        values["status_reason"] = reason.strip()
    if case_id is not None:
        values["case_id"] = case_id
    conn.execute(update(alerts).where(alerts.c.id == alert_id).values(**values))
    if status in ("acknowledged", "case"):
        # The first acknowledgement counts for the time-to-acknowledge, not a later one.
        first = and_(alerts.c.id == alert_id, alerts.c.acknowledged_at.is_(None))
        conn.execute(update(alerts).where(first).values(acknowledged_at=now))


def change_alert(engine: Engine, alert_id: int, status: str, reason: str | None = None) -> None:
    with engine.begin() as conn:
        set_alert_status(conn, alert_id, status, reason=reason)
