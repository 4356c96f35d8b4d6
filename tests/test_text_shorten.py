from duluan.text.shorten import shorten


def test_a_long_text_is_cut_at_a_word_and_never_exceeds_its_size() -> None:
    assert shorten("ngập nước", 20) == "ngập nước"
    assert shorten("ngập nước ở phường Bạch Mai", 14) == "ngập nước ở…"
    text = "Người dân phường Bạch Mai phản ánh rác thải chất đống ở cổng chợ"
    for size in range(2, len(text) + 1):
        assert len(shorten(text, size)) <= size
