from hypothesis import given, settings
from hypothesis import strategies as st

from duluan.text.tokens import KINDS, Token, split_sentences, tokenize


def kinds(text):
    return [(t.text, t.kind) for t in tokenize(text)]


def test_numbers_money_percent_stay_whole():
    assert kinds("Giá 335.000 đồng, tăng 12,5% từ 1,2 tỷ đồng; 1,5 lít") == [
        ("Giá", "word"), ("335.000 đồng", "money"), (",", "punct"), ("tăng", "word"),
        ("12,5%", "percent"), ("từ", "word"), ("1,2 tỷ đồng", "money"), (";", "punct"),
        ("1,5", "number"), ("lít", "word"),
    ]  # fmt: skip


def test_short_money_forms():
    assert [t.kind for t in tokenize("50k 2tr 2tr5 100K $5 5 USD")] == ["money"] * 6


def test_dong_as_a_word_is_not_money():
    assert kinds("có 2 đồng nghiệp")[1:] == [("2", "number"), ("đồng", "word"), ("nghiệp", "word")]


def test_dates_and_times():
    found = kinds("ngày 10/7/2020, 11-08-2023 lúc 11:50 hay 8h30, tháng 7/2020")
    assert ("10/7/2020", "date") in found
    assert ("11-08-2023", "date") in found
    assert ("11:50", "time") in found
    assert ("8h30", "time") in found
    assert ("7/2020", "date") in found


def test_web_and_social_tokens():
    found = kinds("Xem https://vnexpress.net/a-1.html, mail a.b@gmail.com, @nguyen #ngậpnước")
    assert ("https://vnexpress.net/a-1.html", "url") in found
    assert ("a.b@gmail.com", "email") in found
    assert ("@nguyen", "mention") in found
    assert ("#ngậpnước", "hashtag") in found


def test_emoticons_and_emoji():
    found = kinds("vui quá :)) =)) <3 :( 😂 👍🏻 🇻🇳")
    assert [k for _, k in found[2:]] == ["emoticon"] * 4 + ["emoji"] * 3
    assert found[-2] == ("👍🏻", "emoji")


def test_abbreviations_keep_their_dot_and_words_their_apostrophe():
    assert kinds("TP.HCM")[0] == ("TP.", "word")
    assert ("H'Mông", "word") in kinds("người H'Mông")
    assert ("COVID-19", "word") in kinds("dịch COVID-19.")


def test_split_sentences_with_abbreviations_decimals_and_initials():
    text = (
        "TS. Nguyễn Văn A cho biết GDP tăng 6,5%. Tuy nhiên, PGS.TS Lê B. nói khác. "
        'TP. HCM mưa lớn! Ngập ở Q. 1, P. 7 v.v. Giá 3.5 triệu. "Quá đắt!" Anh ấy nói.'
    )
    assert split_sentences(text) == [
        "TS. Nguyễn Văn A cho biết GDP tăng 6,5%.",
        "Tuy nhiên, PGS.TS Lê B. nói khác.",
        "TP. HCM mưa lớn!",
        "Ngập ở Q. 1, P. 7 v.v.",
        "Giá 3.5 triệu.",
        '"Quá đắt!"',
        "Anh ấy nói.",
    ]


def test_split_sentences_on_lines_and_empty_input():
    assert split_sentences("Tiêu đề\nNội dung một. Nội dung hai") == [
        "Tiêu đề", "Nội dung một.", "Nội dung hai",
    ]  # fmt: skip
    assert split_sentences("") == []
    assert split_sentences("  \n ") == []


BAD_INPUTS = [
    "",
    "😂😂😂",
    "!!!???...",
    "a\ud800b\udfff",
    "\u200f\u202eمرحبا\u202c",
    "ko " * 100_000,
]


def test_bad_input_never_raises():
    for text in BAD_INPUTS:
        tokens = tokenize(text)
        assert all(isinstance(t, Token) and t.kind in KINDS for t in tokens)
        split_sentences(text)
    assert len(tokenize("ko " * 100_000)) == 100_000


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_spans_cover_every_non_space_character_without_overlap(text):
    tokens = tokenize(text)
    position = 0
    for token in tokens:
        assert token.start >= position
        assert text[position : token.start].strip() == ""
        assert text[token.start : token.end] == token.text
        assert token.end > token.start
        assert token.kind in KINDS
        position = token.end
    assert text[position:].strip() == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_sentences_keep_every_non_space_character(text):
    joined = "".join("".join(s.split()) for s in split_sentences(text))
    assert joined == "".join(text.split())


# The fast path (plain words without the regex) must give what the regex alone gives.
TRICKY = [
    "Giá 335.000 đồng, tăng 12,5% từ 1,2 tỷ đồng; TP. HCM và TP.HCM, Q.1, P. 7.",
    "nay. TS. Nguyễn A. B. Trần v.v. H'Mông COVID-19, $ 5 5 USD 50k 2tr5 a, b. c.",
    "ông. bà. Tr. tr. Th.S X. Y. đ/c :)) <3 =.= T_T 😀👍🏻 #ngập @an https://a.vn/x.",
    "  leading\tand\ntrailing  \u00a0 spaces ,  . ; nước,nước.nước",
    "5 đồng, 2 đồng nghiệp; 7/2020. 8h30, 11:50. abc.vn, a@b.com.",
    "(Hà Nội) “nước” 'Hà' - 2018 12 USD 5 triệu 3 Đồng 7 % 9\u00a0€ 8 ; : ( ) [A] nay; ơi! 4",
]


def test_fast_path_equals_the_regex_on_tricky_text():
    from duluan.text.tokens import _tokenize_reference

    for text in TRICKY + BAD_INPUTS:
        assert tokenize(text) == _tokenize_reference(text), text


# What `_plain_tokens` takes without the regex, and its neighbours that it must not take.
PLAIN_SHAPES = [
    "2018", "2018,", "3.", "12", "USD", "triệu", "“nước”", "'Hà", "(A)", "-", "–", ":", ";",
    "8", "nay;", "ơi!", "(", ")", '"', "\u00a0", "tr", "k", "(5", "8h", "5%", "usd",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["nước", "nước,", "nay.", "TP.", "HCM", "A.", "B", "5", "đồng", "đồng,", "1,2", "tỷ",
             "%", "$", ":)", "(Hà", "Nội)", "a.vn", "v.v.", ",", ".", " ", "\n", "😀", "ko"]
            + PLAIN_SHAPES
        ),  # fmt: skip
        max_size=30,
    ).map(" ".join)
    | st.text(max_size=120)
)
def test_fast_path_equals_the_regex(text):
    from duluan.text.tokens import _tokenize_reference

    assert tokenize(text) == _tokenize_reference(text)
