"""Composed texts: slots filled once per text, independent writers rarely repeat each other."""

from __future__ import annotations

import random
import re
from collections import Counter

from duluan.simulate.phrasing import Details, choose, tidy
from duluan.simulate.social import comment_text, local_text
from duluan.simulate.texts_comments import COMMENTS_ON_COMPLAINT
from duluan.simulate.truth import PlaceTruth

PLACE = PlaceTruth("79", "26737", "phường Tân Định", False, "ward")


def test_alternations_are_resolved_and_empty_ones_leave_no_gap():
    rng = random.Random(1)
    seen = {tidy(choose(rng, "Mưa [to|như trút][ lắm|] nha.")) for _ in range(200)}
    assert seen == {"Mưa to nha.", "Mưa to lắm nha.", "Mưa như trút nha.", "Mưa như trút lắm nha."}


def test_a_slot_keeps_its_value_within_a_text():
    d = Details(random.Random(3), "phường Tân Định", "hẻm")
    text = d.fill("{lane} ngập, ai ở {lane} thì kê đồ lên.")
    lane = d.values["lane"]
    assert text.count(lane) == 2 and lane.startswith("hẻm ")


def test_sentences_inside_a_template_are_capitalised():
    d = Details(random.Random(5), "phường Tân Định", "hẻm", I="mình")
    assert d.sentence("hỏi chút. {I} mới dọn về.") == "Hỏi chút. Mình mới dọn về."


def test_independent_complaints_about_one_ward_rarely_repeat():
    rng = random.Random(7)
    texts = [local_text(rng, "flooding", "complaint", PLACE)[0] for _ in range(300)]
    assert all(not re.search(r"[\[\]{}]", t) for t in texts)
    assert len(set(texts)) >= 295
    # No two share their first eight words: they are not one sentence with a new number.
    openings = Counter(" ".join(t.split()[:8]) for t in texts)
    assert openings.most_common(1)[0][1] <= 10


def test_a_reply_can_quote_the_lane_of_its_post():
    rng = random.Random(2)
    parent = {"place": "phường Tân Định", "lane": "hẻm 42", "lw": "hẻm"}
    entry = next(e for e in COMMENTS_ON_COMPLAINT if any("{the_lane}" in v for v in e[3]))
    replies = [comment_text(rng, entry, parent, "flooding", "flooding") for _ in range(60)]
    assert any("hẻm 42" in r.lower() for r in replies)
    without = [comment_text(rng, entry, {"lw": "hẻm"}, "flooding", "flooding") for _ in range(60)]
    assert not any("{" in r for r in without)
