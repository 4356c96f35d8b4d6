import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from duluan.text import fold as fold_module
from duluan.text.fold import _LOWER, fold, fold_keep_case

VIETNAMESE_LETTERS = (
    "".join(
        unicodedata.normalize("NFC", v + t)
        for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    )
    + "đĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVX"
)
vietnamese_text = st.text(alphabet=VIETNAMESE_LETTERS + " ,.\n0123456789", max_size=80)


def test_fold_examples():
    assert fold("Ngập nước ở Thủ Đức") == "ngap nuoc o thu duc"
    assert fold("ĐƯỜNG PHỐ") == "duong pho"
    assert fold("Hòa và hoà") == "hoa va hoa"
    assert fold("Quý, già, giữ, khuỷu") == "quy, gia, giu, khuyu"
    assert fold("Café Zürich") == "cafe zurich"
    assert fold("abc 123 !?") == "abc 123 !?"
    assert fold("") == ""


def test_fold_handles_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Ngập nước ở Thủ Đức")
    assert decomposed != "Ngập nước ở Thủ Đức"
    assert fold(decomposed) == "ngap nuoc o thu duc"


def test_fold_keep_case():
    assert fold_keep_case("Đà Nẵng") == "Da Nang"
    assert fold_keep_case("ĐƯỜNG PHỐ Hà Nội") == "DUONG PHO Ha Noi"
    assert fold_keep_case(unicodedata.normalize("NFD", "Ủy ban")) == "Uy ban"


def test_fold_leaves_other_scripts():
    assert fold("Москва 東京") == "москва 東京"


@given(vietnamese_text)
def test_fold_gives_plain_ascii_for_vietnamese(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == folded.lower()
    assert len(folded) == len(text)


@given(vietnamese_text)
def test_fold_same_for_nfc_and_nfd_and_case(text):
    expected = fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == expected
    assert fold(text.upper()) == expected
    assert fold(expected) == expected
    assert fold_keep_case(text).lower() == expected


@given(st.text())
def test_fold_never_raises_and_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def _fold_whole(text: str) -> str:
    """The definition `fold` speeds up: lower-case, then the table over every character."""
    return text.lower().translate(_LOWER)


@given(st.text(alphabet=VIETNAMESE_LETTERS + " \u0301\u0323ΣσİßΑς .,\n\t", max_size=120))
def test_fold_by_pieces_equals_folding_the_whole_text(text):
    # Folded piece by piece (cached per space-separated piece) and folded at once must
    # agree, including Greek final sigma and dotted İ, whose lower case is contextual or
    # longer, and a combining mark alone after a space.
    assert fold(text) == _fold_whole(text)
    assert fold(text) == _fold_whole(text)  # second time from the cache


def test_fold_cache_stays_bounded(monkeypatch):
    monkeypatch.setattr(fold_module, "_MAX_PIECES", 5)
    fold_module._PIECES.clear()
    for n in range(40):
        assert fold(f"Ngập nước đường số {n} ở phường Bến Nghé") == (
            f"ngap nuoc duong so {n} o phuong ben nghe"
        )
    assert len(fold_module._PIECES) <= 5
