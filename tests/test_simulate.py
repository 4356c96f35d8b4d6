"""The simulated stream: deterministic, complete ground truth, planted events that show."""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest

from duluan.simulate import SimulationOptions, load_truth, simulate
from duluan.simulate.noise import fold, has_diacritics

OPTIONS = SimulationOptions(
    seed=11, days=20, start=date(2026, 10, 1), posts_per_day=150, news_per_day=15
)
POST_KEYS = {
    "id",
    "text",
    "time",
    "url",
    "author",
    "platform",
    "likes",
    "shares",
    "comments",
    "parent_id",
    "kind",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sim")
    return simulate(OPTIONS, out)


@pytest.fixture(scope="module")
def truth(run):
    return load_truth(run.files["truth"])


@pytest.fixture(scope="module")
def lines(run):
    return run.files["posts"].read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def posts(lines, truth):
    bad = {r.line for r in truth.rejects}
    return [json.loads(line) for n, line in enumerate(lines, start=1) if n not in bad]


@pytest.fixture(scope="module")
def news(run):
    root = ET.parse(run.files["news"]).getroot()
    return root.findall("./channel/item")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_same_options_give_identical_bytes(run, tmp_path):
    again = simulate(OPTIONS, tmp_path / "again")
    assert _files(run.out_dir) == _files(again.out_dir)
    other = simulate(
        SimulationOptions(seed=12, days=3, posts_per_day=40, news_per_day=5), tmp_path / "other"
    )
    assert _files(other.out_dir)["posts.jsonl"] != _files(run.out_dir)["posts.jsonl"]


def test_counts_are_plausible(run, posts, news):
    counts = run.counts
    expected_posts = OPTIONS.days * OPTIONS.posts_per_day
    assert 0.9 * expected_posts < counts["posts"] < 1.3 * expected_posts
    assert counts["comments"] > 0.4 * counts["posts"]
    assert counts["news_stories"] >= 0.8 * OPTIONS.days * OPTIONS.news_per_day
    assert counts["news"] > counts["news_stories"]  # syndicated copies on top
    assert counts["posts"] == sum(1 for p in posts if p["kind"] == "post")
    assert counts["comments"] == sum(1 for p in posts if p["kind"] == "comment")
    assert counts["news"] == len(news)
    assert counts["legacy"] == len(list(run.files["legacy"].iterdir())) >= 3


def test_every_item_has_truth_and_every_truth_an_item(run, truth, posts, news):
    seen = {}
    for post in posts:
        assert set(post) == POST_KEYS
        seen[post["id"]] = ("posts.jsonl", post["kind"])
    for item in news:
        seen[item.find("guid").text] = ("news.xml", "news")
    for path in run.files["legacy"].iterdir():
        seen[path.stem] = (f"legacy/{path.name}", "post")
    assert set(seen) == set(truth.items)
    for item_id, (file, kind) in seen.items():
        assert (truth.items[item_id].file, truth.items[item_id].kind) == (file, kind)


def test_posts_look_like_an_export(posts):
    ids = {p["id"] for p in posts if p["kind"] == "post"}
    for post in posts:
        assert re.fullmatch(r"[a-z]+_\d+", post["author"])
        assert post["platform"] in {"facebook", "tiktok", "zalo", "forum", "youtube"}
        assert post["time"].endswith("+07:00")
        assert (
            (post["parent_id"] in ids) if post["kind"] == "comment" else post["parent_id"] is None
        )


def test_flood_event_is_about_four_times_background_in_its_ward(truth):
    flood = next(e for e in truth.events if e.type == "flood_surge")
    per_day = Counter(
        t.day
        for t in truth.items.values()
        if t.kind == "post" and t.concern == "flooding" and t.place and t.place.ward == flood.ward
    )
    event_days = range(flood.start_day, flood.end_day + 1)
    quiet_days = [
        d for d in range(OPTIONS.days) if not flood.start_day - 1 <= d <= flood.end_day + 2
    ]
    during = sum(per_day[d] for d in event_days) / len(event_days)
    before = sum(per_day[d] for d in quiet_days) / len(quiet_days)
    assert 2.5 < during / before < 6
    assert abs(before - flood.background_per_day) < 0.5 * flood.background_per_day + 1


def test_events_are_planted_with_their_truth(truth):
    types = {e.type: e for e in truth.events}
    assert set(types) == {"flood_surge", "uncollected_rubbish", "false_claim", "price_rise"}
    assert types["flood_surge"].ward != types["uncollected_rubbish"].ward
    for event in truth.events:
        assert len(event.extra_per_day) == event.end_day - event.start_day + 1
        tagged = [i for i, t in truth.items.items() if t.event == event.id and t.kind == "post"]
        assert set(event.item_ids) <= set(tagged)
    claim = types["false_claim"]
    clarification = [t for t in truth.items.values() if t.story == claim.clarification_story]
    assert len(clarification) >= 2 and all(t.kind == "news" for t in clarification)
    assert clarification[0].day == claim.start_day + 3


def test_syndicated_copies_share_a_story_and_differ_in_text(truth, news):
    stories = defaultdict(list)
    for item in news:
        stories[truth.items[item.find("guid").text].story].append(item)
    groups = [g for g in stories.values() if len(g) > 1]
    assert len(groups) > 0.15 * len(stories)
    for group in groups:
        texts = [g.find("description").text for g in group]
        links = [g.find("link").text.split("/")[2] for g in group]
        assert len(set(texts)) == len(texts)
        assert len(set(links)) == len(links)  # one copy per outlet
        first, *rest = (set(t.split()) for t in texts)
        for words in rest:
            assert len(first & words) / len(first | words) > 0.6


def test_news_articles_are_full_and_dated(news):
    for item in news:
        assert 400 <= len(item.find("description").text) <= 1500
        datetime.strptime(item.find("pubDate").text, "%a, %d %b %Y %H:%M:%S %z")
        assert item.find("pubDate").text.endswith("+0700")


def test_legacy_files_decode_back(run, truth):
    encodings = pytest.importorskip("duluan.text.encodings", reason="needs duluan.text.encodings")
    for path in sorted(run.files["legacy"].iterdir()):
        item = truth.items[path.stem]
        encoding = item.noise[0].removeprefix("legacy:")
        data = path.read_bytes()
        decoded = encodings.decode_bytes(data).text
        assert item.place.surface in decoded
        assert encodings.encode_legacy(decoded, encoding) == data


def test_bad_lines_are_present_and_counted(run, truth, lines):
    reasons = Counter(r.reason for r in truth.rejects)
    assert set(reasons) == {"broken_json", "empty_text", "future_date"}
    assert run.counts["rejects"] == len(truth.rejects)
    for reject in truth.rejects:
        line = lines[reject.line - 1]
        if reject.reason == "broken_json":
            with pytest.raises(json.JSONDecodeError):
                json.loads(line)
            continue
        record = json.loads(line)
        assert record["id"] == reject.id
        if reject.reason == "empty_text":
            assert record["text"] == ""
        else:
            assert datetime.fromisoformat(record["time"]).year > OPTIONS.start.year + 1


def test_texts_carry_diacritics_except_the_planted_share(truth, posts):
    folded = 0
    for post in posts:
        noise = truth.items[post["id"]].noise
        if "no_diacritics" in noise:
            folded += 1
            assert fold(post["text"]) == post["text"]
        else:
            assert has_diacritics(post["text"]), post["text"]
    assert 0.06 < folded / len(posts) < 0.2


def test_texts_are_nfc_and_handles_never_names(posts, news):
    for post in posts:
        assert unicodedata.is_normalized("NFC", post["text"])
    for item in news[:50]:
        assert unicodedata.is_normalized("NFC", item.find("description").text)


def test_duplicates_repeat_text_and_story(truth, posts):
    text_of = {p["id"]: p["text"] for p in posts}
    copies = [(i, t) for i, t in truth.items.items() if t.duplicate_of]
    assert copies
    for item_id, item in copies:
        original = truth.items[item.duplicate_of]
        assert text_of[item_id] == text_of[item.duplicate_of]
        assert item.story == original.story


def test_places_are_new_units_and_old_names_are_flagged(truth):
    from duluan.simulate.places import WARDS, province

    wards = {w.code: w for w in WARDS}
    old_used = 0
    for item in truth.items.values():
        if item.place is None:
            continue
        province(item.place.province)
        if item.place.ward:
            assert wards[item.place.ward].province == item.place.province
        old_used += item.place.old_name
    assert old_used > 100


def test_short_runs_drop_events_that_do_not_fit(tmp_path):
    result = simulate(SimulationOptions(days=4, posts_per_day=30, news_per_day=3), tmp_path)
    assert all(e.end_day < 4 for e in result.events)
    assert load_truth(result.files["truth"]).events == result.events


def test_independent_long_texts_rarely_repeat(truth, posts):
    # Texts of ten words or more are compared for near-duplicates: people do not write them alike.
    long = [
        " ".join(fold(p["text"]).casefold().split())
        for p in posts
        if not truth.items[p["id"]].duplicate_of and len(p["text"].split()) >= 10
    ]
    repeats = len(long) - len(set(long))
    assert long and repeats / len(long) < 0.01
