"""Topic summaries counted in SQL: documents, stories, growth, sentiment, places and
concerns per topic, each guarded by k distinct authors — checked against counts known by
construction."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, update

from analysis_data import BACH_MAI, HANOI, HCM, START, THANH_MY_TAY, add_posts
from duluan.analysis.periods import Period, today_in
from duluan.analysis.topic_report import growth_window, topic_summaries
from duluan.store.schema import enrichments
from test_overview import _topic

TZ = "Asia/Ho_Chi_Minh"


def test_summary_figures_match_the_documents_written(engine: Engine) -> None:
    day = START + timedelta(days=2)
    hanoi = add_posts(engine, day, 8, concern="flooding", ward=BACH_MAI, province=HANOI)
    saigon = add_posts(engine, day, 6, concern="flooding", ward=THANH_MY_TAY, province=HCM)
    few = add_posts(engine, day, 3, concern="traffic", ward=THANH_MY_TAY, province=HCM, authors=2)
    before = add_posts(engine, START - timedelta(days=2), 7, concern="flooding", ward=BACH_MAI)
    with engine.begin() as conn:  # 5 of the Hà Nội posts are positive, the rest negative
        conn.execute(update(enrichments).where(enrichments.c.document_id.in_(hanoi[:5])).values(sentiment="positive"))
        conn.execute(update(enrichments).where(enrichments.c.document_id.in_(saigon[:2])).values(complaint_p=0.1))
    _topic(engine, 1, hanoi + saigon + few + before, "ngập nước")
    # Nothing stored before the 5 days before the range: no growth to show.
    [summary] = topic_summaries(engine, START, START + timedelta(days=4), TZ, 5, k_anonymity=5)
    assert (summary.compared, summary.growth, summary.is_new) == (False, None, False)
    add_posts(engine, START - timedelta(days=6), 1, concern="traffic", ward=BACH_MAI)  # in no topic
    [summary] = topic_summaries(engine, START, START + timedelta(days=4), TZ, 5, k_anonymity=5)
    assert not summary.compared  # one older document: the range before is still unread
    add_posts(engine, START - timedelta(days=5), 1, concern="traffic", ward=BACH_MAI)  # its first day
    [summary] = topic_summaries(engine, START, START + timedelta(days=4), TZ, 5, k_anonymity=5)
    assert summary.compared
    assert (summary.documents, summary.stories) == (17, 17)
    assert summary.previous_documents == 7 and abs(summary.growth - (17 - 7) / 7) < 1e-9
    assert summary.sentiment == {"negative": 12, "neutral": 0, "positive": 5}
    assert [(p.code, p.documents) for p in summary.places] == [(HCM, 9), (HANOI, 8)]  # largest first
    # 6 Sài Gòn flooding posts, 2 of them not complaints: 8 + 4 = 12 flooding complaints;
    # the 3 traffic posts come from 2 authors only, so their figure is hidden.
    assert summary.concerns == [("flooding", 12), ("traffic", None)]


def test_growth_of_a_range_under_way_compares_whole_days_with_as_many_before() -> None:
    week = Period(START, START + timedelta(days=6), TZ)
    day = timedelta(days=1)
    low, high = week.utc_bounds()
    # On its seventh day: six whole days against the first six of the week before, cut
    # at local midnight; `before` (what reads_before checks) is the whole week before.
    window = growth_window(week, today=START + timedelta(days=6))
    assert window.current == (low, high - day)
    assert window.previous == (low - 7 * day, low - day) and window.before == (low - 7 * day, low)
    # A range that is over, or still to come, compares whole ranges.
    for today in (START + timedelta(days=9), START - timedelta(days=1)):
        assert growth_window(week, today=today) == growth_window(week, today=START + timedelta(days=30))
        assert growth_window(week, today=today).current == (low, high)
    # On its first day no whole day is over: no growth yet.
    assert growth_window(week, today=START).current is None


def test_growth_on_whole_days_in_the_summaries(engine: Engine) -> None:
    today = today_in(TZ)
    ids = []
    for back in range(1, 15):  # 10 posts a day for two weeks, up to yesterday
        ids += add_posts(engine, today - timedelta(days=back), 10, concern="waste", ward=BACH_MAI, province=HANOI)
    ids += add_posts(engine, today, 1, concern="waste", ward=BACH_MAI, province=HANOI, hour=0)  # today so far
    _topic(engine, 1, ids, "rác thải")
    [summary] = topic_summaries(engine, today - timedelta(days=6), today, TZ, k_anonymity=1)
    # 60 posts on the six whole days against 60 on the same six days before: level, where
    # the whole week (61 so far against 70) would read as a 13 % fall.
    assert summary.documents == 61 and summary.previous_documents == 70
    assert summary.growth == 0.0
