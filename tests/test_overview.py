"""The dashboard's data: overview, place profile and topic page, checked against counts
made here from the rows, the simple way; k-suppression; the page cache."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, insert, select, update

from analysis_data import (
    BACH_MAI,
    HANOI,
    HCM,
    HOAN_KIEM_WARD,
    START,
    THANH_MY_TAY,
    add_background,
    add_posts,
)
from duluan.analysis.alerts import change_alert, list_alerts, run_alerts
from duluan.analysis.cases import CaseChange, NewCase, change_case, open_case
from duluan.analysis.overview import (
    TOP_PLACES,
    FigureSlice,
    complaint_places,
    documents_behind,
    overview,
    topic_page,
)
from duluan.analysis.periods import Period, today_in
from duluan.analysis.place_profile import UnknownPlaceCode, place_profile
from duluan.analysis.places import PlaceFilter, resolve_place_filter
from duluan.analysis.surges import SurgeOptions
from duluan.analysis.topic_report import topic_summaries
from duluan.config import load_settings
from duluan.store.schema import (
    document_places,
    documents,
    enrichments,
    sources,
    story_topics,
    topic_events,
    topics,
)

TZ = "Asia/Ho_Chi_Minh"
SETTINGS = load_settings(environ={})
PERIOD = Period(START, START + timedelta(days=9), TZ)


def _relabel(engine: Engine, ids: list[int], **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(update(enrichments).where(enrichments.c.document_id.in_(ids)).values(**values))


def _scene(engine: Engine) -> None:
    """Complaints in three wards of two provinces, calm talk, press, and days outside."""
    add_posts(engine, START + timedelta(days=2), 12, concern="waste", ward=BACH_MAI)
    add_posts(engine, START + timedelta(days=3), 7, concern="flooding", ward=THANH_MY_TAY, province=HCM)
    add_posts(engine, START + timedelta(days=4), 4, concern="traffic", ward=HOAN_KIEM_WARD)  # 4 authors
    add_posts(engine, START + timedelta(days=4), 3, concern="prices", kind="news", ward=None)  # press, Hà Nội
    calm = add_posts(engine, START + timedelta(days=5), 6, concern="other", ward=None, province=None)
    _relabel(engine, calm, sentiment="positive", complaint_p=0.1)
    plain = add_posts(engine, START + timedelta(days=6), 5, concern="health", ward=None, province=None)
    _relabel(engine, plain, sentiment="neutral", complaint_p=0.2)
    add_posts(engine, START - timedelta(days=1), 9, concern="waste", ward=BACH_MAI)  # before the period
    add_posts(engine, START + timedelta(days=10), 9, concern="waste", ward=BACH_MAI)  # after it


def _rows(engine: Engine, period: Period) -> list[Any]:
    """Every document of the period with its labels and places, read plainly."""
    low, high = period.utc_bounds()
    with engine.connect() as conn:
        docs = conn.execute(
            select(documents.c.id, documents.c.kind, documents.c.author_hash, enrichments.c.sentiment,
                   enrichments.c.concern, enrichments.c.complaint_p)
            .join(enrichments, enrichments.c.document_id == documents.c.id)
            .where(documents.c.published_at >= low, documents.c.published_at < high)
        ).all()
        places = defaultdict(set)
        for doc_id, province, ward in conn.execute(
            select(document_places.c.document_id, document_places.c.province_code, document_places.c.ward_code)
        ):
            places[doc_id].add((province, ward))
    return [(r, places[r.id]) for r in docs]


def _shown(docs: list[Any], k: int = 5) -> int | str:
    authors = {r.author_hash for r in docs if r.kind in ("post", "comment")}
    social = sum(r.kind in ("post", "comment") for r in docs)
    return f"< {k}" if social and len(authors) < k else len(docs)


def test_overview_figures_match_a_plain_count(engine: Engine) -> None:
    _scene(engine)
    rows = _rows(engine, PERIOD)
    result = overview(engine, SETTINGS, PERIOD, None)
    data = result.to_json()
    json.dumps(data)  # the API can send it as it is

    by_day = {p["bucket"]: p["documents"] for p in data["volume"]["points"]}
    # One day rests on fewer than k authors: the exact total (37) minus the days shown
    # would give it away, so one more day is hidden beside it (the smallest with posts);
    # the difference then rests on that day's k or more authors.
    assert "< 5" in by_day.values() and "hidden" in by_day.values()
    assert data["volume"]["total"] == len(rows) == 12 + 7 + 4 + 3 + 6 + 5
    assert by_day[str(START + timedelta(days=2))] == 12 and by_day[str(START)] == 0

    mood = {p["sentiment"]: p for p in data["sentiment"]["parts"]}
    for sentiment in ("negative", "neutral", "positive"):
        assert mood[sentiment]["documents"] == _shown([r for r, _ in rows if r.sentiment == sentiment])
    assert mood["negative"]["documents"] == 26 and mood["positive"]["share"] == round(6 / 37, 6)

    complaints = [r for r, _ in rows if r.complaint_p >= 0.5]
    assert data["concerns"]["complaints"] == len(complaints) == 26
    top = {c["concern"]: c for c in data["concerns"]["top"]}
    assert top["waste"]["documents"] == _shown([r for r in complaints if r.concern == "waste"]) == 12
    assert top["traffic"]["documents"] == "< 5" and top["traffic"]["share"] is None  # 4 authors
    # 26 complaints minus the concerns shown would give traffic back: the smallest other
    # concern with posts is hidden beside it.
    assert "hidden" in {c["documents"] for c in top.values()}
    assert top["waste"]["share"] == round(12 / 26, 6) and top["waste"]["name"] == "Rác thải, vệ sinh"
    assert top["prices"]["documents"] == 3  # press articles are public record
    assert "other" not in top and "health" not in top  # not complaints, or not a concern
    # Largest first, and the suppressed one after every shown one (its rank must not tell).
    assert [c["concern"] for c in data["concerns"]["top"]] == ["waste", "flooding", "prices", "traffic"]

    places = {p["code"]: p for p in data["places"]["top"]}
    assert data["places"]["level"] == "province"
    hanoi = [r for r, where in rows if r.complaint_p >= 0.5 and any(p == HANOI for p, _ in where)]
    assert places[HANOI]["documents"] == _shown(hanoi) == 12 + 4 + 3
    assert places[HANOI]["name"] == "Thành phố Hà Nội" and places[HCM]["documents"] == 7
    assert places[HANOI]["slice"] == {"place_level": "province", "place": HANOI, "complaint_at_least": 0.5}
    _no_pseudonym(engine, json.dumps(data))


def _no_pseudonym(engine: Engine, text: str) -> None:
    with engine.connect() as conn:
        hashes = set(conn.execute(select(documents.c.author_hash).where(documents.c.author_hash.is_not(None))).scalars())
    assert hashes and not any(h in text for h in hashes)


def test_a_province_ranks_its_wards_and_a_ward_profile_knows_its_province(engine: Engine) -> None:
    _scene(engine)
    hanoi = overview(engine, SETTINGS, PERIOD, resolve_place_filter(HANOI)).to_json()
    # The ward posts and the press naming Hà Nội (12 + 4 + 3); a day under k authors is
    # hidden, and one more beside it, the total stays exact.
    assert hanoi["volume"]["total"] == 12 + 4 + 3
    wards = [(p["code"], p["documents"]) for p in hanoi["places"]["top"]]
    assert hanoi["places"]["level"] == "ward" and wards == [(BACH_MAI, 12), (HOAN_KIEM_WARD, "< 5")]
    assert {c["concern"] for c in hanoi["concerns"]["top"]} == {"waste", "traffic", "prices"}

    profile = place_profile(engine, SETTINGS, PERIOD, resolve_place_filter("phường Bạch Mai"))
    assert (profile.level, profile.code, profile.name) == ("ward", BACH_MAI, "Phường Bạch Mai")
    assert profile.province is not None and (profile.province.code, profile.province.name) == (HANOI, "Thành phố Hà Nội")
    old = {(u.name, u.district) for u in profile.became_from}
    assert ("Phường Quỳnh Mai", "Quận Hai Bà Trưng") in old and ("Phường Bạch Mai", "Quận Hai Bà Trưng") in old
    data = profile.to_json()
    json.dumps(data)
    assert data["volume"]["total"] == 12 and data["concerns"]["top"][0]["documents"] == 12
    assert data["places"]["top"] == [
        {"code": BACH_MAI, "level": "ward", "name": "Phường Bạch Mai", "documents": 12,
         "slice": {"place_level": "ward", "place": BACH_MAI, "complaint_at_least": 0.5}}
    ]

    province = place_profile(engine, SETTINGS, PERIOD, resolve_place_filter("TP.HCM"))
    assert province.province is None and province.code == HCM
    assert {u.name for u in province.became_from} == {"Thành phố Hồ Chí Minh", "Tỉnh Bình Dương", "Tỉnh Bà Rịa - Vũng Tàu"}
    with pytest.raises(UnknownPlaceCode, match="no ward"):
        place_profile(engine, SETTINGS, PERIOD, PlaceFilter("ward", ("99999",), "?"))


def test_few_authors_are_suppressed_even_behind_many_posts(engine: Engine) -> None:
    day = START + timedelta(days=1)
    add_posts(engine, day, 20, concern="scams", ward=None, province=None, authors=3)  # 20 posts, 3 accounts
    add_posts(engine, day, 8, concern="health", ward=None, province=None, authors=5)  # 8 posts, 5 accounts
    negative = add_posts(engine, day, 30, concern="other", ward=None, province=None)
    shy = add_posts(engine, day, 3, concern="other", ward=None, province=None)
    neutral = add_posts(engine, day, 6, concern="other", ward=None, province=None)
    _relabel(engine, negative + shy + neutral, complaint_p=0.1)
    _relabel(engine, shy, sentiment="positive")
    _relabel(engine, neutral, sentiment="neutral")
    data = overview(engine, SETTINGS, PERIOD, None).to_json()
    top = {c["concern"]: c["documents"] for c in data["concerns"]["top"]}
    # The complaints (28) minus health (8) would give scams (20 posts, 3 accounts) back:
    # health is hidden beside it, though it rests on 5 authors.
    assert top == {"scams": "< 5", "health": "hidden"} and data["concerns"]["complaints"] == 28
    mood = {p["sentiment"]: p["documents"] for p in data["sentiment"]["parts"]}
    # positive rests on 3 authors; with the total shown it would follow by subtraction,
    # so the smallest other part (neutral, 6) is hidden with it.
    assert data["sentiment"]["total"] == 20 + 8 + 30 + 3 + 6
    assert mood == {"negative": 58, "neutral": "hidden", "positive": "< 5"}
    behind = documents_behind(engine, SETTINGS, PERIOD, FigureSlice(concern="scams", complaint=True))
    assert behind.figure.suppressed and behind.document_ids == ()
    health = documents_behind(engine, SETTINGS, PERIOD, FigureSlice(concern="health", complaint=True), limit=3)
    assert health.figure.value == 8 and len(health.document_ids) == 3


def test_complaint_places_for_the_map_lists_every_province(engine: Engine) -> None:
    from duluan.analysis.overview import wards_of
    from duluan.web.province_map import GRID

    codes = sorted(GRID)[: TOP_PLACES + 2]  # more provinces than the overview ranks
    for n, code in enumerate(codes):
        ward = wards_of(code)[0]
        add_posts(engine, START + timedelta(days=1), 5 + n, ward=ward, province=code)
    every = complaint_places(engine, SETTINGS, PERIOD)
    assert [(p.code, p.documents.value) for p in every] == [(c, 5 + n) for n, c in reversed(list(enumerate(codes)))]
    assert overview(engine, SETTINGS, PERIOD, None).sections.places == every  # nationally: all of them, for the map
    inside = complaint_places(engine, SETTINGS, PERIOD, resolve_place_filter(codes[-1]))
    assert [(p.level, p.code, p.documents.value) for p in inside] == [("ward", wards_of(codes[-1])[0], 5 + len(codes) - 1)]


def test_documents_behind_a_place_figure_are_its_own(engine: Engine) -> None:
    _scene(engine)
    piece = FigureSlice("province", (HCM,), complaint=True)
    behind = documents_behind(engine, SETTINGS, PERIOD, piece, limit=50)
    with engine.connect() as conn:
        in_hcm = set(conn.execute(select(document_places.c.document_id).where(document_places.c.province_code == HCM)).scalars())
    assert behind.figure.value == 7 and set(behind.document_ids) == in_hcm - _outside(engine)
    with engine.begin() as conn:  # a document not enriched yet still counts in the volume
        conn.execute(enrichments.delete().where(enrichments.c.document_id == behind.document_ids[0]))
    everything = documents_behind(engine, SETTINGS, PERIOD, FigureSlice(), limit=500)
    # The whole period has a day under k: the volume chart hides one more day beside it,
    # so the exact count here (and there) minus the days shown gives only a sum resting on
    # k or more authors.
    assert everything.figure.as_json() == 37 and len(everything.document_ids) == 37
    volume = overview(engine, SETTINGS, PERIOD, None).sections.volume
    assert volume.total is not None and volume.total.as_json() == 37
    hidden = [p for p in volume.points if p.documents.suppressed]
    assert len(hidden) == 2 and any(p.documents.secondary for p in hidden)
    assert documents_behind(engine, SETTINGS, PERIOD, FigureSlice(sentiment="positive")).figure.value == 6


def _numbers(data: Any) -> set[int]:
    """Every count anywhere in a JSON answer: whole numbers, and the bounds "≥ N"."""
    if isinstance(data, dict):
        return set().union(*(_numbers(v) for v in data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*(_numbers(v) for v in data)) if data else set()
    if isinstance(data, bool):
        return set()
    if isinstance(data, int):
        return {data}
    if isinstance(data, str) and data.startswith("≥ "):
        return {int(data[2:])}
    return set()


def _outside(engine: Engine) -> set[int]:
    low, high = PERIOD.utc_bounds()
    with engine.connect() as conn:
        return set(conn.execute(select(documents.c.id).where((documents.c.published_at < low) | (documents.c.published_at >= high))).scalars())


def test_open_alerts_and_cases_due(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    add_background(engine, START, 45, 3, ward=BACH_MAI)
    for day in (28, 29, 30):
        add_posts(engine, START + timedelta(days=day), 15, ward=BACH_MAI)
    run_alerts(engine, Period(START, START + timedelta(days=31), TZ), SurgeOptions())
    [alert] = list_alerts(engine, timezone=TZ)
    period = Period(START + timedelta(days=20), START + timedelta(days=34), TZ)
    national = overview(engine, SETTINGS, period, None)
    assert [a.id for a in national.sections.alerts] == [alert.id] and national.sections.open_alerts == 1
    assert national.sections.alert_days == tuple(str(START + timedelta(days=d)) for d in range(28, 31))
    # The chart marks every open alert's days, not only those of the alerts listed.
    import duluan.analysis.overview as overview_module

    monkeypatch.setattr(overview_module, "OPEN_ALERTS", 0)
    # (another period than above, so that no cached overview answers)
    unlisted = overview(engine, SETTINGS, Period(period.start, period.end - timedelta(days=1), TZ), None).sections
    assert unlisted.alerts == () and unlisted.alert_days == national.sections.alert_days
    monkeypatch.undo()
    hanoi = overview(engine, SETTINGS, period, resolve_place_filter(HANOI)).sections
    assert [a.id for a in hanoi.alerts] == [alert.id]  # a ward's alert shows on its province
    assert overview(engine, SETTINGS, period, resolve_place_filter(HCM)).sections.open_alerts == 0

    today = today_in(TZ)
    docs = add_posts(engine, START, 2, ward=BACH_MAI)
    later = open_case(engine, NewCase(document_ids=(docs[0],), place=resolve_place_filter(BACH_MAI),
                                      due_on=today + timedelta(days=3)), actor="lan", timezone=TZ)
    late = open_case(engine, NewCase(document_ids=(docs[1],), place=resolve_place_filter(BACH_MAI),
                                     due_on=today - timedelta(days=2)), actor="lan", timezone=TZ)
    undated = open_case(engine, NewCase(document_ids=(docs[1],), place=resolve_place_filter(HCM)), actor="lan", timezone=TZ)
    done = open_case(engine, NewCase(document_ids=(docs[0],), due_on=today - timedelta(days=9)), actor="lan", timezone=TZ)
    change_case(engine, done, CaseChange(status="closed"), actor="lan")
    sections = overview(engine, SETTINGS, period, None).sections
    assert [(c.case.id, c.overdue, c.days_left) for c in sections.cases] == [(late, True, -2), (later, False, 3), (undated, False, None)]
    assert (sections.open_cases, sections.overdue_cases) == (3, 1)
    assert [c.case.id for c in overview(engine, SETTINGS, period, resolve_place_filter(HANOI)).sections.cases] == [late, later]
    json.dumps(overview(engine, SETTINGS, period, None).to_json())

    change_alert(engine, alert.id, "dismissed", reason="đã xử lý")
    assert overview(engine, SETTINGS, period, None).sections.alerts == ()


def _topic(engine: Engine, topic_id: int, ids: list[int], label: str) -> None:
    at = datetime(2026, 9, 1, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(insert(topics).values(id=topic_id, label=label, keywords=[label], status="active", n_stories=0,
                                           n_documents=0, born_at=at, last_seen_at=at, updated_at=at))
        conn.execute(insert(topic_events).values(topic_id=topic_id, kind="born", at=at, detail={}))
        story_ids = conn.execute(select(documents.c.story_id).where(documents.c.id.in_(ids))).scalars().all()
        conn.execute(insert(story_topics), [
            {"story_id": s, "topic_id": topic_id, "similarity": 0.5 + 0.01 * n, "assigned_at": at}
            for n, s in enumerate(story_ids)
        ])


def test_topics_national_and_in_a_place_and_the_topic_page(engine: Engine) -> None:
    floods = add_posts(engine, START + timedelta(days=1), 9, concern="flooding", ward=THANH_MY_TAY, province=HCM)
    floods += add_posts(engine, START + timedelta(days=2), 6, concern="flooding", ward=BACH_MAI)
    rubbish = add_posts(engine, START + timedelta(days=3), 11, concern="waste", ward=BACH_MAI)
    rubbish += add_posts(engine, START - timedelta(days=5), 6, concern="waste", ward=BACH_MAI)  # the range before
    _topic(engine, 1, floods, "ngập nước")
    _topic(engine, 2, rubbish, "rác thải")
    national = overview(engine, SETTINGS, PERIOD, None).sections
    # The range before starts before the first document: nothing to compare with, and no
    # topic is "new" for it.
    assert [(t.compared, t.growth, t.is_new) for t in national.topics] == [(False, None, False)] * 2
    assert national.topics[0].to_json()["compared"] is False
    listed = topic_summaries(engine, PERIOD.start, PERIOD.end, TZ)
    assert [(s.id, s.compared, s.growth, s.is_new) for s in listed] == [(1, False, None, False), (2, False, None, False)]
    assert "growth" not in listed[1].as_dict()
    # One old document alone does not make the range before read...
    add_posts(engine, PERIOD.start - timedelta(days=PERIOD.n_days + 1), 1, concern="traffic", ward=BACH_MAI)
    assert not any(s.compared for s in topic_summaries(engine, PERIOD.start, PERIOD.end, TZ))
    # ...documents in its first half too do.
    add_posts(engine, PERIOD.start - timedelta(days=PERIOD.n_days), 1, concern="traffic", ward=BACH_MAI)
    listed = topic_summaries(engine, PERIOD.start, PERIOD.end, TZ)
    assert [(s.id, s.compared, s.is_new) for s in listed] == [(1, True, True), (2, True, False)]
    assert listed[1].growth == pytest.approx((11 - 6) / 6)
    national = overview(engine, SETTINGS, PERIOD, None).sections
    assert [(t.id, t.label, t.documents.value) for t in national.topics] == [(1, "ngập nước", 15), (2, "rác thải", 11)]
    assert national.topics_by_place is False
    assert all(t.compared for t in national.topics)
    assert national.topics[0].growth is None and national.topics[1].growth == pytest.approx((11 - 6) / 6)
    assert national.topics[0].is_new and national.topics[1].previous.value == 6

    hanoi = overview(engine, SETTINGS, PERIOD, resolve_place_filter(HANOI)).sections
    assert hanoi.topics_by_place is True
    assert [(t.id, t.documents.as_json()) for t in hanoi.topics] == [(2, 11), (1, 6)]  # floods: 6 of 15 in Hà Nội
    assert hanoi.topics[0].previous.value == 6 and hanoi.topics[0].growth == pytest.approx((11 - 6) / 6)
    assert hanoi.topics[1].previous.value == 0 and hanoi.topics[1].is_new
    hcm = overview(engine, SETTINGS, PERIOD, resolve_place_filter(HCM)).sections
    assert [(t.id, t.documents.value) for t in hcm.topics] == [(1, 9)]
    assert hcm.topics[0].slice == FigureSlice("province", (HCM,), topic_id=1)
    behind = documents_behind(engine, SETTINGS, PERIOD, hcm.topics[0].slice, limit=100)
    assert behind.figure.value == 9 and set(behind.document_ids) == set(floods[:9])
    json.dumps(hanoi.to_json())

    with engine.begin() as conn:
        source_id = conn.execute(insert(sources).values(name="Báo Tuổi Trẻ", kind="feed", location="https://example.vn/rss",
                                                         options={}, fetch_state={}, created_at=datetime(2026, 9, 1, tzinfo=UTC))).inserted_primary_key[0]
        conn.execute(update(documents).where(documents.c.id == floods[-1]).values(
            source_id=source_id, kind="news", url="https://example.vn/ngap", title="Ngập <b>sâu</b>"))
    page = topic_page(engine, SETTINGS, 1, PERIOD)
    assert page.detail.summary.documents == 15 and page.volume.total is not None and page.volume.total.value == 15
    assert len(page.stories) == 10  # of 15 stories, the ten nearest the centre
    best = page.stories[0]
    assert (best.source, best.url, best.title, best.size) == ("Báo Tuổi Trẻ", "https://example.vn/ngap", "Ngập <b>sâu</b>", 1)
    assert [s.similarity for s in page.stories] == sorted((s.similarity for s in page.stories), reverse=True)
    data = page.to_json()
    assert data["stories"][0]["snippet"].startswith("Rác không ai thu gom")
    _no_pseudonym(engine, json.dumps(data))


def test_a_topic_page_with_a_hidden_day_hides_one_more(engine: Engine) -> None:
    few = add_posts(engine, START + timedelta(days=1), 3, concern="flooding", ward=BACH_MAI)  # 3 authors: hidden
    many = add_posts(engine, START + timedelta(days=2), 10, concern="flooding", ward=BACH_MAI)
    _topic(engine, 1, few + many, "ngập nước")
    data = topic_page(engine, SETTINGS, 1, PERIOD).to_json()
    # With its only other day hidden beside it, nothing on the page gives day 1 alone.
    assert [p["documents"] for p in data["volume"]["points"] if p["documents"] != 0] == ["< 5", "hidden"]
    assert data["topic"]["documents"] == data["volume"]["total"] == 13


def test_bad_slices_are_usage_errors(engine: Engine) -> None:
    from duluan.errors import UsageError

    with pytest.raises(UsageError, match="between 1 and 500"):
        documents_behind(engine, SETTINGS, PERIOD, FigureSlice(), limit=0)
    with pytest.raises(UsageError, match="unknown place level 'district'"):
        documents_behind(engine, SETTINGS, PERIOD, FigureSlice("district", ("001",)))


def test_a_topics_concerns_never_rank_other_first(engine: Engine) -> None:
    waste = add_posts(engine, START + timedelta(days=1), 6, concern="waste", ward=BACH_MAI)
    other = add_posts(engine, START + timedelta(days=1), 9, concern="other", ward=BACH_MAI)
    _topic(engine, 1, waste + other, "rác thải")
    [summary] = topic_summaries(engine, PERIOD.start, PERIOD.end, TZ)
    assert summary.documents == 15 and summary.concerns == [("waste", 6)]
