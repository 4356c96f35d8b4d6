"""The charts of the pages: library results handed to web/charts.py with the page's words."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from markupsafe import Markup
from sqlalchemy import Engine

from ...analysis.cases import CaseView
from ...analysis.impact import Impact
from ...analysis.overview import PlaceCount, Sections
from ...analysis.periods import Period, today_in
from ...analysis.trends import Share, Trend
from ..charts import ChartSeries, Value, bar_chart, chart_language, line_chart, stacked_share
from ..province_map import province_tiles
from .render import translator


def volume_chart(result: Trend, lang: str, alert_days: Collection[str] = ()) -> Markup:
    """Documents per day against the expected baseline; alert days marked."""
    t = translator(lang)
    labels = [p.bucket for p in result.points]
    series = [
        ChartSeries(t("chart_observed"), [p.documents for p in result.points], markers=alert_days)
    ]
    if any(p.expected is not None for p in result.points):
        series.append(
            ChartSeries(t("chart_expected"), [p.expected for p in result.points], role="expected")
        )
    today = today_in(result.period.timezone).isoformat()
    with chart_language(lang):
        return line_chart(
            series, labels, t("volume_with_baseline"), t("chart_documents"),
            partial=today if result.granularity == "day" else None,
        )


def alert_chart(stats: Mapping[str, Any], lang: str) -> Markup | None:
    """What the detector saw: observed against expected per day, the flagged days marked;
    the day the counts were read on, if the chart reaches it, as "so far" (it was not
    over then, whenever the chart is looked at)."""
    days = list(stats.get("days", []))
    if not days:
        return None
    read_on = stats.get("read_on")
    t = translator(lang)
    series = [
        ChartSeries(
            t("chart_observed"), list(stats["observed"]), markers=set(stats.get("flagged", {}))
        ),
        ChartSeries(t("chart_expected"), list(stats["expected"]), role="expected"),
    ]
    with chart_language(lang):
        unit = t("chart_stories") if stats.get("unit", "").startswith("distinct stories per") else t("chart_social_stories")
        return line_chart(series, days, t("observed_vs_expected"), unit, partial=read_on)


def impact_chart(
    engine: Engine, settings: Mapping[str, Any], case: CaseView, impact: Impact, lang: str
) -> Markup | None:
    """The case's concern in its place per day, from the normal stretch to the last day measured."""
    from ...analysis.alerts import get_alert, series_filter
    from ...analysis.privacy import Figure, guarded, hide_complement
    from ...analysis.series import count_series
    from ...analysis.surges import SeriesKey

    if case.concern is None:
        return None
    # The series the alert counted (as analysis/impact.py reads it): posts and comments.
    kind = "concern_place" if case.place_level else "concern_national"
    key = SeriesKey(kind, case.place_level or "national", case.concern, case.place_code)
    end = impact.after[1] if impact.after else impact.surge[1]
    period = Period(impact.normal[0], end, str(settings["timezone"]))
    # Distinct stories per day, as the verdict counts them (analysis/impact.py), each day
    # shown only when it rests on k or more authors.
    counts = count_series(engine, series_filter(key), period)
    k = int(settings["k_anonymity"])
    values = [
        guarded(stories, social, authors, k)
        for stories, social, authors in zip(counts.stories, counts.social, counts.authors, strict=True)
    ]
    # The table beside the chart gives each stretch's total (a rate per day times its
    # days): a day hidden in a stretch would be that total minus the days shown, so one
    # more day of the stretch is hidden with it (`hide_complement`).
    labels = list(counts.buckets)
    stretches = [
        (impact.normal, not isinstance(impact.normal_per_day, str)),
        (impact.surge, not isinstance(impact.surge_per_day, str)),
    ]
    if impact.after is not None:
        stretches.append((impact.after, isinstance(impact.after_observed, int)))
    for (first, last), exact in stretches:
        at = [i for i, day in enumerate(labels) if first.isoformat() <= day <= last.isoformat()]
        if not exact or not at:
            continue
        total = Figure(sum(counts.stories[i] for i in at), k)
        parts, _ = hide_complement([values[i] for i in at], [counts.social[i] for i in at], total)
        for i, part in zip(at, parts, strict=True):
            values[i] = part
    # The triangles mark the days the case's alerts flagged, not the whole stretch from
    # the first alert to the answer (which the verdict calls "the surge").
    spans = [
        (alert.started_on.isoformat(), alert.last_on.isoformat())
        for alert in (get_alert(engine, alert_id, timezone=period.timezone, k=k) for alert_id in case.alerts)
    ]
    flagged = {day for day in labels if any(start <= day <= last for start, last in spans)}
    t = translator(lang)
    series = [ChartSeries(t("chart_observed"), values, markers=flagged)]
    with chart_language(lang):
        return line_chart(series, labels, t("after_answer"), t("chart_social_stories"))


def sentiment_chart(sections: Sections, lang: str) -> Markup:
    t = translator(lang)
    parts: list[tuple[str, Value]] = [(t("sentiment_" + s.sentiment), s.documents) for s in sections.sentiment]
    total = sections.sentiment_total
    whole = total.value if total.value is not None and not total.at_least else None
    with chart_language(lang):
        return stacked_share(parts, t("sentiment_mix"), whole)


def share_chart(shares: Sequence[Share], lang: str) -> Markup | None:
    """Each topic's share of the period's stories, in per cent, each bar a link to the topic."""
    if not shares:
        return None
    t = translator(lang)
    items: list[tuple[str, Any]] = [(s.label, round(100 * s.share, 1)) for s in shares]
    with chart_language(lang):
        return bar_chart(
            items, t("share_of_voice"), hrefs=[f"/topics/{s.topic_id}" for s in shares]
        )


def province_map(places: Sequence[PlaceCount], lang: str) -> Markup:
    """The provinces' tiles coloured by their complaints; a province not listed has no figure."""
    t = translator(lang)
    values = {p.code: p.documents for p in places if p.level == "province"}
    with chart_language(lang):
        return province_tiles(values, t("provinces_most_complaints"), t("chart_complaints"))


def section_figures(sections: Sections, lang: str) -> dict[str, Markup | None]:
    """The charts of the overview's sections, by the names the templates use."""
    return {
        "volume_chart": volume_chart(sections.volume, lang, sections.alert_days),
        "sentiment_chart": sentiment_chart(sections, lang),
        "map": province_map(sections.places, lang) if sections.places_level == "province" else None,
    }
