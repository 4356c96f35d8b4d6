import pytest

from duluan.text.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "Người dân phường Thủ Đức phản ánh tình trạng ngập nước kéo dài.",
        "ngap nuoc o thu duc qua troi luon, ko ai xu ly",
        "Giá xăng tăng mạnh từ chiều nay",
        "Hà Nội",
    ],
)
def test_vietnamese_with_and_without_diacritics(text: str) -> None:
    assert detect_language(text) == "vi"


@pytest.mark.parametrize(
    "text",
    ["The flood in the city was the worst in a decade.", "Prices of petrol and pork rose this week, and it hurts."],
)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", ["", "😀😀😀", "12345 678", "Ceci est une phrase française assez longue."])
def test_undetermined(text: str) -> None:
    assert detect_language(text) == "und"
