import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from duluan.text.features import FeatureExtractor, FeatureOptions

TEXTS = ["Ngập nước ở Thủ Đức", "ngap nuoc o thu duc", "Giá xăng tăng 2.000 đồng", ""]


def test_shape_and_unit_rows():
    matrix = FeatureExtractor().transform(TEXTS)
    assert matrix.shape == (4, 2**20)
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1)).A.ravel()
    assert norms[:3] == pytest.approx([1.0, 1.0, 1.0], rel=1e-5)
    assert matrix[3].nnz == 0  # empty text, empty row


def test_folded_char_ngrams_match_text_without_diacritics():
    matrix = FeatureExtractor().transform(TEXTS)
    similarity = (matrix @ matrix.T).toarray()
    assert similarity[0, 1] > 0.5  # same words, diacritics lost
    assert similarity[0, 2] < 0.2


def test_rows_do_not_depend_on_the_batch():
    extractor = FeatureExtractor()
    together = extractor.transform(TEXTS)
    for i, text in enumerate(TEXTS):
        alone = extractor.transform([text])
        assert abs(alone - together[i]).sum() == pytest.approx(0.0, abs=1e-6)


def test_teencode_and_placeholders_share_features():
    options = FeatureOptions(char_ngrams=(0, 0), word_ngrams=(0, 0), syllable_ngrams=(1, 1))
    extractor = FeatureExtractor(options)
    matrix = extractor.transform(["ko đc", "không được", "50k", "335.000 đồng"])
    assert abs(matrix[0] - matrix[1]).sum() == pytest.approx(0.0, abs=1e-6)
    assert abs(matrix[2] - matrix[3]).sum() == pytest.approx(0.0, abs=1e-6)


def test_blocks_can_be_turned_off():
    off = FeatureOptions(syllable_ngrams=(0, 0), word_ngrams=(0, 0), char_ngrams=(0, 0))
    assert FeatureExtractor(off).transform(TEXTS).nnz == 0
    with pytest.raises(ValueError, match="n_features"):
        FeatureExtractor(FeatureOptions(n_features=1))


def test_hashing_is_the_same_in_another_process():
    # Python's hash() of str is salted per process; our columns must not be.
    code = (
        "from duluan.text.features import FeatureExtractor;"
        "m = FeatureExtractor().transform(['Ngập nước ở Thủ Đức']);"
        "print(sorted(m.indices.tolist()))"
    )
    here = sorted(FeatureExtractor().transform(["Ngập nước ở Thủ Đức"]).indices.tolist())
    there = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": ""},
    ).stdout  # fmt: skip
    assert there.strip() == str(here)


def test_bad_input_never_raises():
    bad = ["", "😂😂😂", "!!!", "a\ud800b\udfff", "\u200f\u202eمرحبا", "nhà " * 250_000]
    matrix = FeatureExtractor().transform(bad)
    assert matrix.shape[0] == len(bad)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=5))
def test_any_batch_gives_one_finite_row_per_text(texts):
    matrix = FeatureExtractor(FeatureOptions(n_features=2**12)).transform(texts)
    assert matrix.shape == (len(texts), 2**12)
    assert np.isfinite(matrix.data).all()


def test_given_tokens_and_words_give_the_same_rows():
    from duluan.text.tokens import tokenize
    from duluan.text.words import segment_batch

    texts = TEXTS + ["ko  đc\nhội nghị TP.HCM 50k :))", "Hội nghị  về  ngập nước"]
    tokens = [tokenize(t) for t in texts]
    words = segment_batch(texts, tokens)
    extractor = FeatureExtractor()
    given_ = extractor.transform(texts, tokens=tokens, words=words)
    alone = FeatureExtractor().transform(texts)
    assert (given_ != alone).nnz == 0
    assert given_.has_canonical_format
    with pytest.raises(ValueError, match="lists of words"):
        extractor.transform(texts, words=words[:1])


def test_given_folded_texts_give_the_same_rows():
    from duluan.text.fold import fold

    extractor = FeatureExtractor()
    given_ = extractor.transform(TEXTS, folded=[fold(t) for t in TEXTS])
    assert (given_ != extractor.transform(TEXTS)).nnz == 0
    with pytest.raises(ValueError, match="lists of folded texts"):
        extractor.transform(TEXTS, folded=[])


def test_a_batch_too_large_for_32_bit_cell_keys_gives_the_same_rows():
    # 4,097 texts × 2**20 columns number cells past 2**32: the extractor switches to
    # 64-bit keys, and the rows must not change.
    texts = [f"Ngập nước đường số {n % 97} ở phường {n % 13}" for n in range(4_097)]
    extractor = FeatureExtractor(FeatureOptions(char_ngrams=(0, 0)))
    large = extractor.transform(texts)
    small = sp.vstack([extractor.transform(texts[i : i + 1_000]) for i in range(0, 4_097, 1_000)])
    assert large.shape == small.shape
    assert abs(large - small).max() == pytest.approx(0.0, abs=1e-7)
    assert large.has_canonical_format


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 0x10FFFF), max_size=40), st.integers(2, 4))
def test_first_char_step_from_the_table_equals_the_computed_one(code_points, n):
    from duluan.text.features import _TABLED_CHARS, _first_char_step, _first_step

    codes = np.array(code_points + [0, _TABLED_CHARS - 1, _TABLED_CHARS], np.uint64)
    scratch = np.empty(len(codes), np.uint64)
    wide = np.flatnonzero(codes >= _TABLED_CHARS)
    looked_up = _first_char_step(codes, wide, 3, n, scratch)
    assert np.array_equal(looked_up, _first_step(codes, 3, n, scratch))


def test_char_ngrams_past_the_table_give_the_same_rows_in_any_batch():
    # Emoji and other code points past the table are hashed the slow way, in place.
    texts = ["Ngập 😂 nước 𝒜 ở Thủ Đức", "🙏🙏", "ngập nước", "ký tự 中文 và 😂"]
    extractor = FeatureExtractor()
    together = extractor.transform(texts)
    for i, text in enumerate(texts):
        assert (extractor.transform([text]) != together[i]).nnz == 0


def test_character_unigrams_count_no_document_boundary():
    # Character n-grams from n = 1: each text's characters alone, whatever the batch.
    extractor = FeatureExtractor(FeatureOptions(char_ngrams=(1, 3)))
    texts = ["Ngập nước", "", "ở Thủ Đức"]
    together = extractor.transform(texts)
    for i, text in enumerate(texts):
        assert (extractor.transform([text]) != together[i]).nnz == 0
