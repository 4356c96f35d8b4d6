"""Trends: counts per day and hour, the baseline, k-anonymity and bad filters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from analysis_data import BACH_MAI, HANOI, START, add_background, add_posts
from duluan.analysis.periods import Period, PeriodError, make_period, today_in
from duluan.analysis.places import UnknownPlace, resolve_place_filter
from duluan.analysis.series import UnknownFilter, make_filter
from duluan.analysis.trends import trend

TZ = "Asia/Ho_Chi_Minh"


def test_daily_counts_baseline_and_suppression(engine: Engine) -> None:
    add_background(engine, START, 20, 6, ward=BACH_MAI)
    add_posts(engine, START + timedelta(days=20), 3, ward=BACH_MAI)  # 3 authors only
    add_posts(engine, START + timedelta(days=21), 4, kind="news", ward=BACH_MAI)  # press, no authors
    period = Period(START + timedelta(days=10), START + timedelta(days=21), TZ)
    result = trend(engine, make_filter(concern="waste", place="phường Bạch Mai"), period, k=5)
    shown = {p.bucket: p.documents.as_json() for p in result.points}
    assert shown[str(START + timedelta(days=11))] == 6
    assert shown[str(START + timedelta(days=20))] == "< 5"
    assert shown[str(START + timedelta(days=21))] == 4  # news articles are public record
    assert result.points[0].expected == pytest.approx(6.0)
    # The exact total (67) minus the days shown would give day 20's 3 posts away: one
    # more day is hidden, the first of the smallest with posts (day 10, 6 authors), so
    # the difference (9) rests on 9 authors; the total stays exact.
    assert shown[str(START + timedelta(days=10))] == "hidden"
    assert result.total is not None and result.total.as_json() == 6 * 10 + 3 + 4
    # The expected total sums the days that have a baseline, and says how many they are.
    with_baseline = [p.expected for p in result.points if p.expected is not None]
    assert result.expected_days == len(with_baseline) and result.expected_total == pytest.approx(sum(with_baseline), abs=0.1)
    assert result.as_json()["expected_days"] == result.expected_days
    # A day is hidden: no like-with-like sum beside the total (it could give it back).
    assert result.compared_observed is None


def test_hidden_days_of_one_post_each_are_not_left_to_be_worked_out(engine: Engine) -> None:
    add_background(engine, START, 6, 6, ward=BACH_MAI)
    for day in range(6, 12):  # six quiet days, one post each, six authors in all
        add_posts(engine, START + timedelta(days=day), 1, ward=BACH_MAI)
    period = Period(START + timedelta(days=4), START + timedelta(days=11), TZ)
    result = trend(engine, make_filter(concern="waste", place="phường Bạch Mai"), period, k=5)
    shown = [p.documents.as_json() for p in result.points]
    assert shown.count("< 5") == 6
    # Together they rest on six authors, but the total minus the days shown (6, over six
    # days that each hold a post) would say every one of them is exactly 1: so one more
    # day is hidden beside them.
    assert "hidden" in shown and result.total is not None and result.total.as_json() == 6 * 2 + 6


def test_a_slice_with_nothing_before_expects_nothing(engine: Engine) -> None:
    add_background(engine, START, 30, 6, ward=BACH_MAI)  # waste in Bạch Mai; nothing on flooding
    period = Period(START + timedelta(days=20), START + timedelta(days=29), TZ)
    empty = trend(engine, make_filter(concern="flooding", place="phường Bạch Mai"), period, k=5)
    assert {p.expected for p in empty.points} == {0.0} and empty.compared_expected == 0.0
    busy = trend(engine, make_filter(concern="waste", place="phường Bạch Mai"), period, k=5)
    assert busy.points[-1].expected == pytest.approx(6.0)


def test_like_with_like_leaves_out_the_day_under_way(engine: Engine) -> None:
    today = today_in(TZ)
    add_background(engine, today - timedelta(days=40), 40, 6, ward=BACH_MAI)  # to yesterday
    add_posts(engine, today, 2, ward=BACH_MAI, authors=2, hour=0)  # the day has only begun
    period = Period(today - timedelta(days=9), today, TZ)
    result = trend(engine, make_filter(concern="waste", place="phường Bạch Mai"), period, k=1)
    whole = [p for p in result.points if p.expected is not None and p.bucket < today.isoformat()]
    assert result.compared_days == len(whole) == 9
    assert result.compared_observed == 6 * 9 and result.compared_expected == pytest.approx(6.0 * 9, abs=0.5)
    # The expected total still covers today's whole day beside its two posts so far.
    assert result.expected_days == 10 and result.total.as_json() == 6 * 9 + 2
    # The day under way is named, so a client can mark it (and the hours after it).
    assert result.as_json()["under_way"] == today.isoformat()
    past = Period(today - timedelta(days=20), today - timedelta(days=11), TZ)
    assert trend(engine, make_filter(concern="waste", place="phường Bạch Mai"), past, k=1).under_way is None


def test_hours_still_to_come_are_not_listed(engine: Engine) -> None:
    today = today_in(TZ)
    add_posts(engine, today, 3, ward=BACH_MAI, authors=3, hour=0)
    result = trend(engine, make_filter(), Period(today - timedelta(days=1), today, TZ), granularity="hour", k=1)
    buckets = [p.bucket for p in result.points]
    # Yesterday's 24 hours, then today's up to the hour under way, which is the last point.
    assert buckets[-1] == result.under_way and len(buckets) == 24 + int(result.under_way[-2:]) + 1
    assert buckets[0] == f"{today - timedelta(days=1)} 00" and result.total.as_json() == 3


def test_broad_slices_count_by_hour_and_still_suppress_few_authors(engine: Engine) -> None:
    add_posts(engine, START, 20, ward=None, province=None)  # 20 authors
    add_posts(engine, START + timedelta(days=1), 12, ward=None, province=None, authors=3)
    add_posts(engine, START + timedelta(days=2), 4, kind="news", ward=None, province=None)
    result = trend(engine, make_filter(kind="post"), Period(START, START + timedelta(days=2), TZ), k=5)
    # Day 1 rests on 3 authors; day 0, the only other day with posts, is hidden beside it.
    assert [p.documents.as_json() for p in result.points] == ["hidden", "< 5", 0]
    assert result.total is not None and result.total.show() == "32"
    everything = trend(engine, make_filter(), Period(START, START + timedelta(days=2), TZ), k=5)
    assert [p.documents.as_json() for p in everything.points] == ["hidden", "< 5", 4]
    assert everything.total is not None and everything.total.as_json() == 36
    nothing_hidden = trend(engine, make_filter(), Period(START, START, TZ), k=5)
    assert nothing_hidden.total is not None and nothing_hidden.total.as_json() == 20


def test_hourly_buckets_in_local_time(engine: Engine) -> None:
    add_posts(engine, START, 5, hour=23)  # 23:xx in Vietnam is 16:xx UTC the same day
    add_posts(engine, START + timedelta(days=1), 5, hour=0)
    result = trend(engine, make_filter(), Period(START, START + timedelta(days=1), TZ), granularity="hour")
    counts = {p.bucket: p.documents.as_json() for p in result.points if p.documents.as_json() != 0}
    assert counts == {f"{START} 23": 5, f"{START + timedelta(days=1)} 00": 5}
    assert all(p.expected is None for p in result.points)


def test_old_names_resolve_to_new_units() -> None:
    phu_nhuan = resolve_place_filter("quận Phú Nhuận")
    assert phu_nhuan.level == "ward" and len(phu_nhuan.codes) >= 2 and "(cũ)" in phu_nhuan.label
    assert resolve_place_filter("Sài Gòn").codes == ("79",)
    assert resolve_place_filter(HANOI).level == "province"
    with pytest.raises(UnknownPlace, match="may mean several units"):
        resolve_place_filter("Thủ Đức")
    with pytest.raises(UnknownPlace, match="no administrative unit"):
        resolve_place_filter("Xứ Sở Thần Tiên")


def test_a_code_shown_with_its_name_reads_back_and_a_wrong_name_is_not_ignored() -> None:
    # What a filter field shows for a code it was given: "Name (code)".
    assert resolve_place_filter("Thành phố Hồ Chí Minh (79)").codes == ("79",)
    assert resolve_place_filter("(79)").codes == ("79",)
    old = resolve_place_filter("26734")  # a former ward: its label holds "(cũ)"
    assert resolve_place_filter(f"{old.label} (26734)").codes == old.codes
    with pytest.raises(UnknownPlace, match="no administrative unit is called 'Hà Nội \\(79\\)'"):
        resolve_place_filter("Hà Nội (79)")  # not quietly Hồ Chí Minh City


def test_bad_filters_and_ranges_are_clear_errors() -> None:
    with pytest.raises(UnknownFilter, match="unknown concern 'floods'; choose one of: flooding"):
        make_filter(concern="floods")
    assert make_filter(category="Pháp luật").category == "Phap luat"
    with pytest.raises(UnknownFilter, match="sentiment"):
        make_filter(sentiment="angry")
    today = date(2026, 11, 23)
    with pytest.raises(PeriodError, match="in the future"):
        make_period(TZ, "2026-12-01", "2026-12-05", today=today)
    with pytest.raises(PeriodError, match="empty"):
        make_period(TZ, "2026-11-10", "2026-11-01", today=today)
    with pytest.raises(PeriodError, match="YYYY-MM-DD"):
        make_period(TZ, "01/11/2026", today=today)
    clipped = make_period(TZ, "2026-11-20", "2026-11-30", today=today)
    assert (clipped.start, clipped.end) == (date(2026, 11, 20), today)
    assert make_period(TZ, days=7, today=today).start == date(2026, 11, 17)
    # Dates at the calendar's edges and absurd lengths are refused, not overflowed.
    with pytest.raises(PeriodError, match="before 1990-01-01"):
        make_period(TZ, "0001-01-01", today=today)
    # "The last N days" reaching past the earliest day starts there (the API's "since
    # the beginning" asks for a hundred years).
    assert make_period(TZ, days=10**9, today=today).start == date(1990, 1, 1)
    assert make_period(TZ, end="2026-11-20", days=36_500, today=today).start == date(1990, 1, 1)
    assert make_period(TZ, "1990-01-01", "2026-11-20", today=today).n_days > 13_000
    assert make_period(TZ, end="9999-12-31", days=3, today=today).end == today
    with pytest.raises(PeriodError, match="before 1990-01-01"):
        make_period(TZ, end="1985-06-01", days=3, today=today)


def test_a_hidden_part_never_follows_from_the_total_by_subtraction() -> None:
    from duluan.analysis.privacy import Figure, hide_complement

    k = 5
    parts = [Figure(40, k), Figure(None, k), Figure(12, k), Figure(9, k), Figure(7, k)]
    social = [40, 3, 12, 9, 0]  # the last part is press only: its figure says nothing of people
    total = Figure(40 + 3 + 12 + 9 + 7, k)
    # A series keeps its days and shows the total as a lower bound.
    kept, bound = hide_complement(parts, social, total, keep_parts=True)
    assert kept == parts and bound.as_json() == "≥ 68" and bound.show() == "≥ 68"
    # Shares of one total keep the total and hide the smallest shown part with posts
    # (9, not the press-only 7), so the sum that can be worked out rests on k or more.
    shares, same = hide_complement(parts, social, total)
    assert same == total and [p.as_json() for p in shares] == [40, "< 5", 12, "hidden", 7]
    assert shares[3].show() == "hidden" and shares[3].secondary  # it may rest on many authors
    # Nothing hidden, or the total hidden already: nothing to do.
    assert hide_complement([Figure(3, k)], [0], Figure(3, k)) == ([Figure(3, k)], Figure(3, k))
    assert hide_complement(parts, social, Figure(None, k))[1].suppressed
    # No part with posts to hide beside the hidden one: the total becomes the bound.
    _, only_press = hide_complement([Figure(None, k), Figure(7, k)], [2, 0], Figure(9, k))
    assert only_press.as_json() == "≥ 7"
    # A day hidden elsewhere on the page: parts that add up to the same documents lose
    # their smallest shown part with posts and their exact total, even with none hidden.
    whole = [Figure(40, k), Figure(12, k), Figure(7, k)]
    hidden, bound = hide_complement(whole, [40, 12, 0], Figure(59, k), hidden_elsewhere=True)
    assert [p.as_json() for p in hidden] == [40, "hidden", 7] and bound.as_json() == "≥ 47"
    shares, bound = hide_complement(parts, social, total, hidden_elsewhere=True)
    assert [p.as_json() for p in shares] == [40, "< 5", 12, "hidden", 7] and bound.as_json() == "≥ 59"
