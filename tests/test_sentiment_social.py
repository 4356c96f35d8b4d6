"""Sentiment of social posts and comments: our hand-labelled sets and the social domain."""

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from duluan.enrich import datasets
from duluan.enrich.blend import NeuralBlend
from duluan.enrich.models import TASKS, ModelSet, model_inputs
from duluan.enrich.scoring import macro_f1
from duluan.text.fold import fold, fold_keep_case

DATA = Path(__file__).resolve().parent / "data"
SETS = {
    "sentiment_social.jsonl": "ss-",
    "sentiment_social_dev.jsonl": "sd-",
    "sentiment_social_more.jsonl": "sm-",
    "sentiment_social_blind.jsonl": "sb-",
    "sentiment_social_blind2.jsonl": "sc-",
}
LABELS = {"negative", "neutral", "positive"}


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(SETS))
def test_hand_labelled_sets_are_well_formed(name: str) -> None:
    rows = _rows(name)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) and all(i.startswith(SETS[name]) for i in ids)
    assert {r["sentiment"] for r in rows} == LABELS
    assert {r["kind"] for r in rows} == {"post", "comment"}
    texts = [" ".join(r["text"].lower().split()) for r in rows]
    assert len(texts) == len(set(texts)), "a text is written twice"
    for r in rows:
        text = r["text"]
        assert text == unicodedata.normalize("NFC", text)
        # The flag says how the text is written: no diacritic at all, or some.
        assert r["diacritics"] == (fold(text) != text.lower()), r["id"]
    counts = Counter(r["sentiment"] for r in rows)
    assert min(counts.values()) >= 0.2 * len(rows), counts
    assert 0.2 <= sum(not r["diacritics"] for r in rows) / len(rows) <= 0.35


def _keys(name: str) -> set[str]:
    return {fold(" ".join(r["text"].lower().split())) for r in _rows(name)}


def test_the_sets_share_no_text() -> None:
    names = sorted(SETS)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            assert not _keys(first) & _keys(second), (first, second)


def test_the_sets_load_as_named_data_sets() -> None:
    train = datasets.load("social/train")
    blind = datasets.load("social/blind")
    blind_files = {"sentiment_social_blind.jsonl", "sentiment_social_blind2.jsonl"}
    assert tuple(sorted(set(SETS) - blind_files)) == datasets.SOCIAL_TRAIN_FILES
    assert len(train) == sum(len(_rows(n)) for n in datasets.SOCIAL_TRAIN_FILES)
    assert set(train.labels) == LABELS
    assert len(blind) == len(_rows("sentiment_social_blind.jsonl"))


def test_sentiment_has_a_social_domain_the_cnn_lends() -> None:
    models = ModelSet(("sentiment",))
    reader = models.reader("sentiment")
    assert isinstance(reader, NeuralBlend)
    assert "social" in reader.mixture.router.labels
    assert "social" not in reader.cnn.heads
    task = TASKS["sentiment"]
    assert task.mixture is not None and task.mixture.experts["social"] == "sentiment-social"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Lưu ý cả nhà: thứ Bảy này tổ dân phố cắt nước từ 8 giờ đến 11 giờ để sửa ống.", "neutral"),
        ("Mọi người ơi, đổi giấy phép lái xe sang thẻ mới thì nộp hồ sơ ở đâu vậy?", "neutral"),
        ("Tối qua đội nhà lội ngược dòng, cả quán cà phê đứng dậy vỗ tay, vui không tả nổi.", "positive"),
        ("Cảm ơn các anh chị ở trạm y tế phường đã khám tận tình cho mẹ em.", "positive"),
        ("Rác để cả tuần không ai thu, ruồi bu đầy, con tôi bị tiêu chảy mấy hôm nay rồi.", "negative"),
    ],
)
def test_everyday_posts_read_sensibly(text: str, label: str) -> None:
    models = ModelSet(("sentiment",))
    for variant in (text, fold_keep_case(text)):
        labels, p = models.probabilities("sentiment", model_inputs([variant]))
        assert labels[int(np.argmax(p[0]))] == label, variant


@pytest.mark.slow
def test_the_blind_set_scores_over_its_floor() -> None:
    # Scored 0.8982 macro F1 (0.9095 without diacritics) when the social domain shipped;
    # the model before it scored 0.41. A floor well below, so a retrain that loses the
    # domain fails here without pinning the exact figure.
    # The second blind set, scored once when added: 0.8480 (0.8182 without diacritics) on
    # its 231 texts that share under 60 % of their words with a training text.
    models = ModelSet(("sentiment",))
    for name, floor in (("social/blind", 0.85), ("social/blind2", 0.78)):
        blind = datasets.load(name)
        for variant in (blind, datasets.without_diacritics(blind)):
            labels, p = models.probabilities("sentiment", model_inputs(variant.texts))
            predicted = [labels[i] for i in np.argmax(p, axis=1)]
            assert macro_f1(variant.labels, predicted) >= floor, (name, variant.name)


def test_restricting_the_task_to_the_public_sets_drops_the_social_domain() -> None:
    public = ("uit-vsfc/train", "aivivn/train")
    task = TASKS["sentiment"].restricted_to(public)
    assert {h.name for h in task.heads} == {"sentiment-feedback", "sentiment-reviews", "sentiment-domain"}
    router = next(h for h in task.heads if h.name == "sentiment-domain")
    assert router.train_sets == public and set(router.set_labels.values()) == {"feedback", "reviews"}
    assert task.mixture is not None and set(task.mixture.experts) == {"feedback", "reviews"}
    assert TASKS["sentiment"].restricted_to(TASKS["sentiment"].label_sets()) == TASKS["sentiment"]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(text.lower())))


def test_no_training_text_is_a_near_copy_of_a_blind_text() -> None:
    # Three writers wrote about the same everyday things; a training text sharing most of
    # its words with a blind one would make the blind score a memory test (three such
    # pairs were found and their training texts removed).
    blind = [_words(r["text"]) for name in ("sentiment_social_blind.jsonl", "sentiment_social_blind2.jsonl")
             for r in _rows(name)]  # fmt: skip
    for name in datasets.SOCIAL_TRAIN_FILES:
        for row in _rows(name):
            words = _words(row["text"])
            for other in blind:
                overlap = len(words & other) / len(words | other)
                assert overlap < 0.6, (row["id"], row["text"])
