import gc

import numpy as np
import pytest

from duluan.text.analysis import (
    STEPS,
    AnalysisOptions,
    TextAnalysis,
    analyse,
    analyse_many,
    feature_matrix,
)
from duluan.text.features import FeatureExtractor, FeatureOptions
from duluan.text.keywords import document_keywords, group_keywords
from duluan.text.normalize import normalize_text
from duluan.text.places import find_places
from duluan.text.tokens import tokenize
from duluan.text.words import segment_words

TEXTS = [
    "Người dân phường Thủ Đức bức xúc vì đường ngập nước sau mỗi cơn mưa, rác thải không "
    "được thu gom suốt ba ngày. Ngập nước kéo dài khiến nhiều xe chết máy.",
    "UBND TP.HCM cho biết giá 335.000 đồng/kg, tăng 12,5% so với 10/7/2020 tại Q.1.",
    "ngap nuoc o thu duc ko ai xu ly het :)) mn oi",
    "Hội nghị  về biến đổi khí hậu\ndiễn ra tại Hà Nội &amp; Đà Nẵng hôm qua 😀",
    "",
]
BAD = [
    "",
    "😀😂👍🏻🇻🇳",
    "!!! ... ???",
    "a\ud800b \udfff lỗi",
    "\u200f\u202eمرحبا\u202c Hà Nội \u200e",
    "ngập " * 200_000,  # 1 MB of one word
]


def test_analyse_equals_each_step_alone():
    extractor = FeatureExtractor()
    for text in TEXTS:
        result = analyse(text)
        normalised = normalize_text(text)
        assert result.text == normalised
        assert result.tokens == tokenize(normalised)
        assert result.words == segment_words(normalised)
        assert result.places == find_places(normalised)
        assert result.keywords == document_keywords(normalised)
        assert result.features is not None
        alone = extractor.transform([normalised])
        assert (result.features.to_csr() != alone).nnz == 0


def test_batch_equals_one_by_one_and_stacks_into_the_extractors_matrix():
    options = AnalysisOptions(batch_size=2)  # several batches, one short
    many = analyse_many(TEXTS, options=options)
    assert many == [analyse(text) for text in TEXTS]
    matrix = feature_matrix(many)
    expected = FeatureExtractor().transform([normalize_text(t) for t in TEXTS])
    assert matrix.shape == expected.shape
    assert (matrix != expected).nnz == 0
    # Group labels read the same words.
    assert group_keywords(a.text for a in many) == group_keywords(normalize_text(t) for t in TEXTS)


def test_steps_choose_the_work_and_pull_in_what_they_need():
    words_only = analyse(TEXTS[0], steps=("words",))
    assert words_only.words and words_only.tokens
    assert words_only.places == [] and words_only.keywords == [] and words_only.features is None
    raw = analyse("Hòa  &amp; hoà", steps=["tokens"])
    assert raw.text == "Hòa  &amp; hoà"  # not normalised: "normalize" was not asked for
    assert analyse(TEXTS[1], steps=STEPS) == analyse(TEXTS[1])
    with pytest.raises(ValueError, match="unknown analysis step 'lemmas'; expected one of"):
        analyse("x", steps=["words", "lemmas"])
    with pytest.raises(ValueError, match="has no features"):
        feature_matrix([analyse("x", steps=["words"])])


def test_feature_options_reach_the_extractor():
    options = AnalysisOptions(features=FeatureOptions(n_features=2**10, char_ngrams=(0, 0)))
    result = analyse(TEXTS[0], options=options)
    assert result.features is not None
    assert result.features.n_features == 2**10
    assert np.all(np.diff(result.features.indices) > 0)  # ascending columns


def test_cycle_collector_is_restored():
    assert gc.isenabled()
    analyse_many(TEXTS)
    assert gc.isenabled()
    gc.disable()
    try:
        analyse_many(TEXTS)
        assert not gc.isenabled()  # left off, as the caller had it
    finally:
        gc.enable()


def test_bad_input_never_raises():
    results = analyse_many(BAD)
    for result in results:
        assert isinstance(result, TextAnalysis)
        assert result.features is not None
        assert "".join(t.text for t in result.tokens).replace(" ", "") == "".join(
            result.text.split()
        )
        assert "".join(w.text for w in result.words).replace(" ", "") == "".join(
            result.text.split()
        )
    assert analyse("").tokens == [] and analyse("").features.indices.size == 0
    emoji = analyse("😀😂👍🏻🇻🇳")
    assert emoji.places == [] and emoji.keywords == []
    assert {t.kind for t in emoji.tokens} == {"emoji"}
    long = results[-1]
    assert len(long.tokens) == 200_000
    assert long.keywords and set(long.keywords[0].phrase.split()) == {"ngập"}
