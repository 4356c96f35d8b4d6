import gzip
import json
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duluan.text.conllu import read_conllu_words, word_f1, word_spans
from duluan.text.tokens import tokenize
from duluan.text.words import (
    load_segmenter,
    segment,
    segment_batch,
    segment_words,
    syllable_shape,
)

DATA = Path(os.environ.get("DULUAN_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def test_common_words_are_joined():
    words = segment("Hội nghị về biến đổi khí hậu diễn ra tại Thành phố Hồ Chí Minh hôm qua.")
    assert "Hội nghị" in words
    assert "khí hậu" in words
    assert words[-1] == "."
    assert (
        "".join(words).replace(" ", "") == "HộinghịvềbiếnđổikhíhậudiễnratạiThànhphốHồChíMinhhômqua."
    )


def test_underscore_option_and_special_tokens_stay_single():
    words = segment("Giá 335.000 đồng ở Sài Gòn :))", underscore=True)
    assert "335.000 đồng" in words  # a money token is one word, never split or joined
    assert "Sài_Gòn" in words
    assert words[-1] == ":))"


def test_segment_words_spans_point_into_the_text():
    text = "Người dân  phản ánh tình trạng ngập nước."
    for word in segment_words(text):
        assert text[word.start : word.end] == word.text


def test_fast_scoring_equals_reference_features():
    model = load_segmenter()
    text = (
        "Sản phẩm sữa đặc của công ty đã đi sâu vào lòng người tiêu dùng Việt Nam, "
        "Bộ trưởng Bộ Giáo dục và Đào tạo cho biết chiều nay tại Hà Nội"
    )
    run = [t.text for t in tokenize(text) if t.kind == "word"]
    low, shapes = [s.lower() for s in run], [syllable_shape(s) for s in run]
    assert model.joins(low, shapes) == model.joins_reference(low, shapes)


def test_packaged_model_is_gzip_json(tmp_path):
    model = load_segmenter()
    path = tmp_path / "model.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(model.to_json(), handle)
    again = load_segmenter(path)
    text = "Ủy ban nhân dân phường đã tiếp nhận phản ánh của người dân."
    assert segment(text, model=again) == segment(text, model=model)


def test_word_spans_and_f1():
    gold = [word_spans(["hội nghị", "lớn"])]
    assert word_f1(gold, [word_spans(["hội nghị", "lớn"])])["f1"] == 1.0
    scores = word_f1(gold, [word_spans(["hội", "nghị", "lớn"])])
    assert scores["precision"] == pytest.approx(1 / 3)
    assert scores["recall"] == pytest.approx(1 / 2)


@pytest.mark.data
def test_f1_on_ud_vtb_dev_sample():
    path = DATA / "segmentation" / "ud-vtb-dev.conllu"
    if not path.exists():
        pytest.skip(f"{path} not found; set DULUAN_DATA")
    sentences = list(read_conllu_words(path))[:200]
    gold = [word_spans(words) for words in sentences]
    predicted = [word_spans(segment(" ".join(words))) for words in sentences]
    assert word_f1(gold, predicted)["f1"] > 0.93  # dev was in training: this guards regressions


def test_bad_input_never_raises():
    for text in ["", "😂😂", "...!!!", "a\ud800b", "\u200f\u202eمرحبا", "nhà " * 250_000]:
        words = segment(text)
        assert "".join(words).replace(" ", "") == "".join(text.split())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120))
def test_words_keep_every_character(text):
    assert "".join(w.replace(" ", "") for w in segment(text)) == "".join(text.split())


def _reference_words(text, model):
    """Words by the plain per-feature scoring of training (`joins_reference`)."""
    words, run = [], []

    def flush():
        if run:
            low = [t.text.lower() for t in run]
            shapes = [syllable_shape(t.text) for t in run]
            group = [run[0]]
            for token, join in zip(run[1:], model.joins_reference(low, shapes), strict=True):
                if join:
                    group.append(token)
                else:
                    words.append(group)
                    group = [token]
            words.append(group)
            run.clear()

    for token in tokenize(text):
        if token.kind == "word" and (not run or "\n" not in text[run[-1].end : token.start]):
            run.append(token)
            continue
        flush()
        if token.kind == "word":
            run.append(token)
        else:
            words.append([token])
    flush()
    return [(text[g[0].start : g[-1].end], g[0].start, g[-1].end, g[0].kind) for g in words]


BATCH = [
    "Hội nghị về biến đổi khí hậu diễn ra tại Thành phố Hồ Chí Minh hôm qua.",
    "",
    "Người dân  phản ánh\ntình trạng ngập nước ở Thủ Đức, giá 335.000 đồng :))",
    "😀",
    "ko ai xu ly het, mn oi",
    "Bộ trưởng Bộ Giáo dục và Đào tạo cho biết chiều nay tại Hà Nội",
]


def test_batch_scoring_equals_reference_and_single_calls():
    model = load_segmenter()
    batch = segment_batch(BATCH)
    assert batch == [segment_words(text) for text in BATCH]
    assert batch == segment_batch(BATCH, [tokenize(text) for text in BATCH])
    for text, words in zip(BATCH, batch, strict=True):
        assert [tuple(w) for w in words] == _reference_words(text, model)


@pytest.mark.data
def test_batch_scoring_equals_reference_on_ud_vtb_dev():
    # The numpy tables must take every decision the training-time scoring takes.
    path = DATA / "segmentation" / "ud-vtb-dev.conllu"
    if not path.exists():
        pytest.skip(f"{path} not found; set DULUAN_DATA")
    model = load_segmenter()
    texts = [" ".join(words) for words in read_conllu_words(path)]
    batch = segment_batch(texts)
    assert len(texts) > 1000
    for text, words in zip(texts, batch, strict=True):
        assert [tuple(w) for w in words] == _reference_words(text, model), text


@pytest.mark.parametrize("max_probes", [64, 2])
def test_key_table_answers_as_the_binary_search(monkeypatch, max_probes):
    # 2 probes at most forces the table to grow until every key fits.
    from duluan.text import words

    monkeypatch.setattr(words, "_MAX_PROBES", max_probes)
    rng = np.random.default_rng(7)
    keys = np.unique(rng.integers(0, 2**40, 5_000))
    queries = np.concatenate([keys, keys + 1, rng.integers(0, 2**40, 5_000), [0]])
    table = words._KeyTable(keys)
    assert np.array_equal(table.rows_of(queries), words._lookup(keys, queries))
    assert np.array_equal(words._KeyTable(keys[:0]).rows_of(queries), np.zeros(len(queries)))
