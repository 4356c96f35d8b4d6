import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duluan.text import keywords
from duluan.text.keywords import document_keywords, group_keywords
from duluan.text.words import segment_words

FLOOD = (
    "Người dân phường Thủ Đức bức xúc vì đường ngập nước sau mỗi cơn mưa, rác thải không "
    "được thu gom suốt ba ngày. Ngập nước kéo dài khiến nhiều xe chết máy."
)


def phrases(found: list) -> list[str]:
    return [k.phrase for k in found]


def test_document_keywords_are_readable_phrases() -> None:
    found = phrases(document_keywords(FLOOD))
    assert "ngập nước" in found
    assert "rác thải" in found and "Thủ Đức" in found
    # No stopwords, no fragments of a chosen phrase, no name glued to common words.
    assert not {"ngập", "nước", "của", "không"} & set(found)
    assert all("Thủ Đức bức" not in p for p in found)


def test_names_and_acronyms_keep_their_capitals_at_a_sentence_start() -> None:
    found = phrases(document_keywords("Thủ Đức ngập nước. UBND huyện họp khẩn. Hà Nội mưa lớn."))
    assert {"Thủ Đức", "UBND", "Hà Nội"} <= set(found)
    assert not {"thủ Đức", "uBND", "hà Nội"} & set(found)
    # A common word that only starts the sentence loses its capital.
    assert "Mưa" not in phrases(document_keywords("Mưa lớn kéo dài. Mưa lớn gây ngập."))


def test_two_syllables_seen_once_are_a_keyword_only_if_news_uses_them() -> None:
    # "tuần giúp" is two words side by side (the week; helps), not a phrase.
    assert "tuan giup" not in keywords._known_pairs()
    assert {"ngap nuoc", "gia danh"} <= keywords._known_pairs()
    text = "Phường mở cửa các ngày trong tuần giúp giảm tải. Đường ngập nước sau mưa."
    found = phrases(document_keywords(text))
    assert "ngập nước" in found and "tuần giúp" not in found
    # Written twice in one text, a pair is the text's own phrase; a name is a name.
    assert "tuần giúp" in phrases(document_keywords("Trong tuần giúp dân. Trong tuần giúp dân."))
    assert "dieu nhi" not in keywords._known_pairs()
    assert "Diệu Nhi" in phrases(document_keywords("Phim của Diệu Nhi gây sốt phòng vé."))


def test_text_without_diacritics_gives_the_same_keys() -> None:
    from duluan.text.fold import fold

    with_marks = {k.key for k in document_keywords(FLOOD)}
    without = {k.key for k in document_keywords(fold(FLOOD))}
    assert len(with_marks & without) >= len(with_marks) // 2


def test_group_keywords_label_what_members_share() -> None:
    posts = [
        "Hẻm 42 ngập nước từ sáng, rác thải trôi khắp nơi.",
        "Lại ngập nước nữa rồi, đường Kha Vạn Cân thành sông.",
        "Mưa có 30 phút mà ngập nước tới gối, cống thoát nước bị tắc.",
        "Nhà tôi ở hẻm 42, ngập nước ba hôm chưa rút.",
        "Giá xăng tăng, đi làm tốn kém hơn hẳn.",
    ]
    found = group_keywords(posts, top=3)
    assert found[0].phrase == "ngập nước"
    assert found[0].count == 4


def test_how_people_talk_is_never_a_keyword() -> None:
    """Intensifiers, "my household" and "these few days" come with complaints of every
    kind; a topic of price complaints was labelled "giật mình · … · quá trời"."""
    text = "Giá thịt heo tăng quá trời, nhà em giật mình khi đi chợ. Mấy bữa nay giá rau cũng tăng quá trời."
    found = [k.key for k in document_keywords(text)]
    assert "gia thit" in found and "gia rau" in found
    assert not {"qua troi", "nha em", "giat minh", "may bua"} & set(found)
    posts = [f"Mấy bữa nay giá xăng tăng quá trời, nhà em giật mình lần {n}." for n in range(6)]
    assert not {"qua troi", "nha em", "giat minh", "may bua"} & {k.key for k in group_keywords(posts)}


def test_bad_input_gives_empty_results() -> None:
    for text in ("", "😀😀", "!!! ...", "\u200f\u200e", "\ud800 lỗi"):
        assert isinstance(document_keywords(text), list)
    assert group_keywords([]) == []


def _candidates_reference(text: str) -> list[tuple[str, str]]:
    """The definition `_candidates` computes in one pass: runs of content words (split at
    anything else and where names meet common words), then their phrases by start."""
    runs: list[list[tuple[str, str, int, bool]]] = [[]]
    sentence_start = True
    for token in segment_words(text):
        if token.kind != "word":
            sentence_start |= token.kind == "punct" and token.text.strip() in ".!?…:"
            runs.append([])
            continue
        reading = keywords._word_reading(token.text)
        entry, name = (reading[2], reading[3]) if sentence_start else (reading[0], reading[1])
        sentence_start = False
        if entry is None or (runs[-1] and runs[-1][-1][3] != name):
            runs.append([])
        if entry is not None:
            runs[-1].append((*entry, name))
    found = []
    for run in runs:
        for start in range(len(run)):
            for end in range(start, min(len(run), start + keywords.MAX_WORDS)):
                part = run[start : end + 1]
                if sum(syllables for _, _, syllables, _ in part) <= keywords.MAX_SYLLABLES:
                    found.append((" ".join(p[0] for p in part), " ".join(p[1] for p in part)))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "Người dân phường Bến Nghé bức xúc vì rác thải. Thu gom rác chậm, ngập nước kéo dài.",
        "Thành phố Hồ Chí Minh và Hà Nội đầu tư hệ thống thoát nước chống ngập đô thị.",
        "ngap nuoc o thu duc ko ai xu ly! Nguoi dan buc xuc: duong xa xuong cap",
        "Ủy ban nhân dân Thành phố Hồ Chí Minh: học phí năm 2025 tăng 10%.",
        "",
    ],
)
def test_candidates_follow_their_definition(text: str) -> None:
    assert keywords._candidates(text) == _candidates_reference(text)


def test_batch_keywords_equal_document_keywords_text_by_text() -> None:
    from duluan.text.token_table import TokenTable
    from duluan.text.tokens import tokenize
    from duluan.text.words import segment_table

    texts = [
        FLOOD,
        "",
        "Hà Nội: mưa lớn. Ngập nước ở Hà Nội! Ngập nước… Rác thải; rác thải? 12 giờ, 5 km",
        "ko có điện 3 ngày rồi, bức xúc quá!!! 😡 @evn #mấtđiện",
        "TP.HCM. Sài Gòn ngập. Thủ Đức ngập nước, Thủ Đức kẹt xe.",
    ]
    words = segment_table(texts, TokenTable.of([tokenize(text) for text in texts]))
    assert keywords.batch_keywords(words, top=5) == [
        document_keywords(text, 5, words=ws) for text, ws in zip(texts, words.lists(), strict=True)
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aBcĐđÉ-  \t1_.À\u0301ǅßⅧⅷ", max_size=8))
def test_word_tests_in_c_equal_their_per_character_definitions(word: str) -> None:
    assert keywords._is_name(word) == all(part[:1].isupper() for part in word.split())
    assert keywords._only_letters(word) == all(c.isalpha() or c in " -" for c in word)
