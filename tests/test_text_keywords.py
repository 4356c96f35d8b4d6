from duluan.text.keywords import document_keywords, group_keywords

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


def test_bad_input_gives_empty_results() -> None:
    for text in ("", "😀😀", "!!! ...", "\u200f\u200e", "\ud800 lỗi"):
        assert isinstance(document_keywords(text), list)
    assert group_keywords([]) == []
