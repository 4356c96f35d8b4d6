"""Alerts on a real database: one alert per surge, extended not duplicated, statuses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, update

from analysis_data import BACH_MAI, HOAN_KIEM_WARD, START, add_background, add_posts
from duluan.analysis.alerts import change_alert, get_alert, list_alerts, run_alerts
from duluan.analysis.periods import Period, today_in
from duluan.analysis.places import resolve_place_filter
from duluan.analysis.surges import SurgeOptions
from duluan.errors import UsageError
from duluan.store.schema import alerts, documents, enrichments

TZ = "Asia/Ho_Chi_Minh"


def _month(engine: Engine) -> None:
    add_background(engine, START, 30, 3, ward=BACH_MAI)
    add_background(engine, START, 30, 3, ward=HOAN_KIEM_WARD)
    for day in (25, 26, 27):
        add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI)


def _period(last: int = 29) -> Period:
    return Period(START, START + timedelta(days=last), TZ)


def test_a_ward_surge_becomes_one_alert_with_evidence(engine: Engine) -> None:
    _month(engine)
    summary = run_alerts(engine, _period(), SurgeOptions())
    assert (summary.new, summary.extended) == (1, 0)
    [view] = list_alerts(engine, timezone=TZ)
    assert view.series_key == f"concern:waste:ward:{BACH_MAI}"
    assert (view.started_on, view.last_on) == (START + timedelta(days=25), START + timedelta(days=27))
    assert view.observed == 54 and view.expected == pytest.approx(9.0, abs=0.5)  # 3 x (3 + 15)
    assert view.score > view.threshold
    assert view.what == "Rác thải, vệ sinh — Phường Bạch Mai"
    assert len(view.evidence) == 10
    assert set(view.stats["flagged"]) == {str(START + timedelta(days=d)) for d in (25, 26, 27)}
    # Each flagged day says which sum its p-value is of: 1-3 days ending on it.
    for day, test in view.stats["flagged"].items():
        at = view.stats["days"].index(day)
        summed = view.stats["observed"][at - test["span"] + 1 : at + 1]
        assert test["span"] in (1, 2, 3) and test["span_observed"] == sum(summed)
    assert "author" not in str(view.as_json())
    # The local day the counts were read on, so the chart can mark a day not yet over.
    assert view.stats["read_on"] == today_in(TZ).isoformat()


def test_evidence_puts_the_likeliest_complaints_about_the_concern_first(engine: Engine) -> None:
    _month(engine)
    # On a surge day, a plea the model only leaned to file under waste (0.2), yet the
    # most complaint-like of all (0.99): counted in the series, shown after the plain ones.
    [doubtful] = add_posts(engine, START + timedelta(days=26), 1, ward=BACH_MAI, text="Cây xanh nghiêng ra đường")
    with engine.begin() as conn:
        conn.execute(update(enrichments).where(enrichments.c.document_id == doubtful)
                     .values(complaint_p=0.99, concern_p=0.2))
    run_alerts(engine, _period(), SurgeOptions())
    [view] = list_alerts(engine, timezone=TZ)
    assert len(view.evidence) == 10 and doubtful not in view.evidence


def test_rerun_changes_nothing_and_a_longer_surge_extends_its_alert(engine: Engine) -> None:
    _month(engine)
    run_alerts(engine, _period(27), SurgeOptions())
    again = run_alerts(engine, _period(27), SurgeOptions())
    assert (again.new, again.extended, again.unchanged) == (0, 0, 1)
    add_posts(engine, START + timedelta(days=28), 15, ward=BACH_MAI)  # the next day, still high
    longer = run_alerts(engine, _period(28), SurgeOptions())
    assert (longer.new, longer.extended) == (0, 1)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(alerts)).scalar_one() == 1
        assert conn.execute(select(alerts.c.last_on)).scalar_one() == START + timedelta(days=28)


def test_alert_statuses_follow_the_rules(engine: Engine) -> None:
    _month(engine)
    run_alerts(engine, _period(), SurgeOptions())
    [view] = list_alerts(engine, timezone=TZ)
    with pytest.raises(UsageError, match="needs a reason"):
        change_alert(engine, view.id, "dismissed", "  ")
    change_alert(engine, view.id, "acknowledged")
    first_ack = get_alert(engine, view.id, timezone=TZ).acknowledged_at
    change_alert(engine, view.id, "dismissed", "Đã có kế hoạch thu gom")
    dismissed = get_alert(engine, view.id, timezone=TZ)
    assert dismissed.status == "dismissed" and dismissed.status_reason == "Đã có kế hoạch thu gom"
    with pytest.raises(UsageError, match="it can become: acknowledged"):
        change_alert(engine, view.id, "case")
    change_alert(engine, view.id, "acknowledged")
    assert get_alert(engine, view.id, timezone=TZ).acknowledged_at == first_ack
    with pytest.raises(UsageError, match="no alert 999"):
        get_alert(engine, 999, timezone=TZ)
    # The status survives a rerun of the detector.
    run_alerts(engine, _period(), SurgeOptions())
    assert get_alert(engine, view.id, timezone=TZ).status == "acknowledged"


def test_alert_filters(engine: Engine) -> None:
    _month(engine)
    run_alerts(engine, _period(), SurgeOptions())
    assert len(list_alerts(engine, timezone=TZ, place=resolve_place_filter("phường Bạch Mai"))) == 1
    assert list_alerts(engine, timezone=TZ, place=resolve_place_filter(HOAN_KIEM_WARD)) == []
    # A province lists its wards' alerts too, as its overview counts them.
    [ward_alert] = list_alerts(engine, timezone=TZ, place=resolve_place_filter("Hà Nội"))
    assert ward_alert.series_key == f"concern:waste:ward:{BACH_MAI}"
    assert list_alerts(engine, timezone=TZ, place=resolve_place_filter("TP.HCM")) == []
    assert list_alerts(engine, timezone=TZ, concern="flooding") == []
    assert len(list_alerts(engine, timezone=TZ, status="new")) == 1
    # "open": waiting for someone, new or acknowledged, as the overview counts them.
    assert [a.id for a in list_alerts(engine, timezone=TZ, status="open")] == [ward_alert.id]
    assert list_alerts(engine, timezone=TZ, status="dismissed") == []
    with pytest.raises(UsageError, match="unknown alert status 'closed'; choose one of: .*, open"):
        list_alerts(engine, timezone=TZ, status="closed")


def test_an_alert_on_few_authors_is_never_raised(engine: Engine) -> None:
    add_background(engine, START, 30, 1, ward=BACH_MAI)
    for day in (25, 26, 27):  # 15 posts a day from only 3 accounts
        add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI, authors=3)
    assert run_alerts(engine, _period(), SurgeOptions()).new == 0


def test_a_rising_topic_is_an_alert_named_by_its_label(engine: Engine) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from duluan.store.schema import documents, story_topics, topics

    now = datetime(2026, 10, 1, tzinfo=UTC)
    ids = []
    for day in range(30):
        ids += add_posts(engine, START + timedelta(days=day), 2, concern="other", ward=None, province=None)
    for day in (26, 27):
        ids += add_posts(engine, START + timedelta(days=day), 20, concern="other", ward=None, province=None)
    with engine.begin() as conn:
        conn.execute(insert(topics).values(id=1, label="giá thịt heo · tăng giá", keywords=[], status="active",
                                           n_stories=0, n_documents=0, born_at=now, last_seen_at=now, updated_at=now))
        story_ids = conn.execute(select(documents.c.story_id).where(documents.c.id.in_(ids))).scalars().all()
        conn.execute(insert(story_topics), [{"story_id": s, "topic_id": 1, "similarity": 0.9, "assigned_at": now}
                                            for s in story_ids])
    assert run_alerts(engine, _period(), SurgeOptions()).new == 1
    [view] = list_alerts(engine, timezone=TZ)
    assert view.kind == "topic" and view.what == "Chủ đề 1: giá thịt heo · tăng giá"
    assert view.started_on == START + timedelta(days=26)


def test_documents_dated_by_their_fetch_are_on_no_day_of_an_alert(engine: Engine) -> None:
    # A folder of undated notices read on one day took that day as their date: no surge.
    add_background(engine, START, 30, 3, ward=BACH_MAI)
    undated = []
    for day in (25, 26, 27):
        undated += add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI, flags="encoding:vni,date_from_fetch")
    assert run_alerts(engine, _period(), SurgeOptions()).new == 0
    # The same posts with dates of their own are the surge of the first test.
    with engine.begin() as conn:
        conn.execute(update(documents).where(documents.c.id.in_(undated)).values(flags="encoding:vni"))
    # Undated posts on the surge days again: not counted, and never the evidence.
    for day in (25, 26, 27):
        undated += add_posts(engine, START + timedelta(days=day), 10, ward=BACH_MAI, hour=1, flags="date_from_fetch")
    assert run_alerts(engine, _period(), SurgeOptions()).new == 1
    [view] = list_alerts(engine, timezone=TZ)
    assert view.observed == 54
    with engine.connect() as conn:
        flagged = set(conn.execute(select(documents.c.id).where(documents.c.flags.like("%date_from_fetch%"))).scalars())
    assert len(flagged) == 30 and view.evidence and not set(view.evidence) & flagged


def test_a_day_hidden_in_the_alert_is_hidden_everywhere_on_it(engine: Engine) -> None:
    add_background(engine, START, 30, 3, ward=BACH_MAI)
    for day, authors in ((25, None), (26, 6), (27, None)):
        add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI, authors=authors)
    run_alerts(engine, _period(), SurgeOptions(k=5))
    # Viewed with a larger k, day 26 (15 posts from 6 authors + 3 background) falls under it.
    [view] = list_alerts(engine, timezone=TZ, k=10)
    hidden = str(START + timedelta(days=26))
    assert view.stats["observed"][view.stats["days"].index(hidden)] == "< 10"
    assert view.stats["flagged"][hidden]["observed"] == "< 10"
    # Its test's law gives the count back from its p-value: those go too, and with them
    # the score (the peak day's p-value) and the expected total (a sum over the days).
    assert {view.stats["flagged"][hidden][name] for name in ("expected", "dispersion", "p_value")} == {None}
    assert view.score is None and view.expected is None
    # Day 27 is shown, but a test over days 26-27 or 25-27 sums the hidden day: that
    # sum and its p-value go; a one-day test of day 25 (before it) stays.
    after = view.stats["flagged"][str(START + timedelta(days=27))]
    assert after["span"] == 3 and after["observed"] == 18
    assert (after["span_observed"], after["span_expected"], after["p_value"]) == (None, None, None)
    # An alert stored before spans were recorded: its p-values may be of 3-day sums.
    with engine.begin() as conn:
        stats = conn.execute(select(alerts.c.stats)).scalar_one()
        old = {day: {k: v for k, v in test.items() if not k.startswith("span")} for day, test in stats["flagged"].items()}
        conn.execute(update(alerts).values(stats={**stats, "flagged": old}))
    [stored] = list_alerts(engine, timezone=TZ, k=10)
    assert stored.stats["flagged"][str(START + timedelta(days=27))]["p_value"] is None
    # 54 exactly, beside the two flagged days shown (18 each), would give day 26 back.
    assert view.observed == "≥ 36"
    assert list_alerts(engine, timezone=TZ, k=5)[0].observed == 54


def test_author_counts_are_stored_with_the_alert_and_never_shown(engine: Engine) -> None:
    from sqlalchemy import update

    from duluan.analysis.alerts import PRIVACY_KEY

    _month(engine)
    run_alerts(engine, _period(), SurgeOptions())
    with engine.connect() as conn:
        alert_id, stored = conn.execute(select(alerts.c.id, alerts.c.stats)).one()
    behind = stored[PRIVACY_KEY]
    assert len(behind["authors"]) == len(stored["days"]) and behind["surge_authors"] == 54  # each post its own author
    [first] = list_alerts(engine, timezone=TZ, k=5)
    assert PRIVACY_KEY not in first.stats and "authors" not in str(first.as_json())
    assert first.stats["observed"][-3:] == [18, 18, 18] and "< 5" in first.stats["observed"]  # 3 a day before
    # The view reads the stored counts, not the documents: change them and it follows.
    hidden = dict(behind, authors=[2] * len(behind["authors"]), surge_authors=2)
    with engine.begin() as conn:
        conn.execute(update(alerts).where(alerts.c.id == alert_id).values(stats={**stored, PRIVACY_KEY: hidden}))
    [view] = list_alerts(engine, timezone=TZ, k=5)
    assert view.observed == "< 5" and set(view.stats["observed"]) == {"< 5"}
    # An alert written before the counts were stored is counted from the documents.
    old = {key: value for key, value in stored.items() if key != PRIVACY_KEY}
    with engine.begin() as conn:
        conn.execute(update(alerts).where(alerts.c.id == alert_id).values(stats=old))
    [view] = list_alerts(engine, timezone=TZ, k=5)
    assert view.observed == 54 and view.stats == first.stats


def test_a_rerun_adds_the_author_counts_to_an_alert_written_without_them(engine: Engine) -> None:
    from sqlalchemy import update

    from duluan.analysis.alerts import PRIVACY_KEY

    _month(engine)
    run_alerts(engine, _period(), SurgeOptions())
    with engine.begin() as conn:
        stored = conn.execute(select(alerts.c.stats)).scalar_one()
        conn.execute(update(alerts).values(stats={k: v for k, v in stored.items() if k != PRIVACY_KEY}))
    again = run_alerts(engine, _period(), SurgeOptions())
    assert again.unchanged == 1
    with engine.connect() as conn:
        assert conn.execute(select(alerts.c.stats)).scalar_one() == stored
