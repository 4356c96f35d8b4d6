import numpy as np
import pytest

from duluan.analysis.stories import MinHasher, estimated_jaccard

ARTICLE = (
    "Chiều 12/10, mưa lớn kéo dài hơn hai giờ khiến nhiều tuyến đường ở phường Thủ Đức ngập sâu "
    "từ 30 đến 50 cm. Người dân phải dắt xe máy lội nước về nhà, nhiều phương tiện chết máy giữa đường. "
    "Theo Trung tâm Chống ngập, lượng mưa đo được tại trạm Thủ Đức là 95 mm, cao nhất từ đầu mùa."
)
EDITED = ARTICLE.replace("Chiều 12/10", "(Báo Mới) Chiều ngày 12/10").replace("cao nhất từ đầu mùa", "cao nhất từ đầu năm")
OTHER = (
    "Sở Giáo dục và Đào tạo thông báo mức học phí năm học mới tăng khoảng 10% so với năm trước, "
    "áp dụng cho các trường công lập trên địa bàn thành phố, phụ huynh có thể đóng theo từng học kỳ."
)


def test_edited_copy_scores_high_and_unrelated_text_low() -> None:
    hasher = MinHasher()
    a, b, c = (hasher.signature(t) for t in (ARTICLE, EDITED, OTHER))
    assert a is not None and b is not None and c is not None
    assert estimated_jaccard(a, b) >= 0.6
    assert estimated_jaccard(a, c) <= 0.1


def test_missing_diacritics_do_not_hide_a_copy() -> None:
    from duluan.text.fold import fold

    hasher = MinHasher()
    a, b = hasher.signature(ARTICLE), hasher.signature(fold(ARTICLE))
    assert a is not None and b is not None
    assert np.array_equal(a, b)


def test_short_texts_get_no_signature() -> None:
    assert MinHasher().signature("Ngập quá trời luôn") is None


def test_signature_is_deterministic_and_band_keys_share_on_equal_bands() -> None:
    first, second = MinHasher(), MinHasher()
    a, b = first.signature(ARTICLE), second.signature(ARTICLE)
    assert a is not None and b is not None
    assert np.array_equal(a, b)
    assert first.band_keys(a) == second.band_keys(b)
    assert len(set(first.band_keys(a))) == first.bands


def test_bands_must_divide_permutations() -> None:
    with pytest.raises(ValueError):
        MinHasher(permutations=64, bands=5)
