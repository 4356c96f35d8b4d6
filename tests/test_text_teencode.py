import pytest

from duluan.text.teencode import TEENCODE, expand_teencode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ko bít j", "không biết gì"),
        ("hok dc", "không được"),
        ("mik đc r", "mình được rồi"),
        ("bn tiền z", "bao nhiêu tiền vậy"),
        ("làm ntn vs nó", "làm như thế nào với nó"),
        ("cx trc ng ta", "cũng trước người ta"),
        ("khg hông kh", "không không không"),
    ],
)
def test_expands_common_forms(text, expected):
    assert expand_teencode(text) == expected


def test_keeps_case_of_the_first_letter_and_shouting():
    assert expand_teencode("Ko đi") == "Không đi"
    assert expand_teencode("KO ĐC") == "KHÔNG ĐƯỢC"


def test_never_inside_words_urls_hashtags_or_mentions():
    text = "koala, kho, https://ko.vn/dc, #ko, @dc, a.b@dc.vn"
    assert expand_teencode(text) == text


def test_k_after_a_number_is_a_unit():
    assert expand_teencode("giá 50k") == "giá 50k"
    assert expand_teencode("giá 50 k ko đắt") == "giá 50 k không đắt"
    assert expand_teencode("nặng 3 kg") == "nặng 3 kg"


def test_one_letter_forms_only_in_lower_case():
    assert expand_teencode("ông K và R") == "ông K và R"
    assert expand_teencode("k đi r") == "không đi rồi"


def test_map_is_large_and_lower_case():
    assert len(TEENCODE) >= 60
    assert all(key == key.lower() and " " not in key for key in TEENCODE)


def test_bad_input():
    for text in ["", "😂", "\ud800", "\u200fko", "ko " * 50_000]:
        assert isinstance(expand_teencode(text), str)
    assert expand_teencode("") == ""
