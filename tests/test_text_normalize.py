import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duluan.text import normalize as normalize_module
from duluan.text.fold import fold
from duluan.text.normalize import (
    canonical_tone_placement,
    is_vietnamese_syllable,
    normalize_text,
)

TONES = "\u0300\u0301\u0303\u0309\u0323"
VOWELS = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
LETTERS = "".join(unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ("", *TONES))
CONSONANTS = "bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX"

# Syllable-like words: an onset, one to three vowels with any tones, an optional coda.
words = st.builds(
    lambda onset, vowels, coda: onset + "".join(vowels) + coda,
    st.sampled_from(["", "qu", "gi", "Qu", "GI", "th", "ng", "ngh", "h", "kh", "tr", "Đ", "b"]),
    st.lists(st.sampled_from(LETTERS), min_size=1, max_size=3),
    st.sampled_from(["", "n", "ng", "nh", "c", "ch", "t", "m", "p", "NG"]),
)
vietnamese_sentences = st.lists(words, min_size=1, max_size=12).map(" ".join)


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("hoà", "hòa"),
        ("hòa", "hòa"),
        ("thuỷ", "thủy"),
        ("thủy", "thủy"),
        ("hoè", "hòe"),
        ("khoẻ", "khỏe"),
        ("khỏe", "khỏe"),
        ("loá", "lóa"),
        ("xoã", "xõa"),
        ("luỹ", "lũy"),
        ("HOÀ", "HÒA"),
        ("Hoà Bình", "Hòa Bình"),
        ("THUỶ LỢI", "THỦY LỢI"),
        ("KhoẺ", "KhỏE"),  # each letter keeps its own case
        # A final consonant puts the tone on the last vowel; these are already canonical.
        ("hoàng", "hoàng"),
        ("thuyền", "thuyền"),
        ("toán", "toán"),
        ("huýt", "huýt"),
        ("khoảng", "khoảng"),
        # Misplaced tones in other clusters come back to their one place.
        ("hòang", "hoàng"),
        ("ngòai", "ngoài"),
        ("khủyu", "khuỷu"),
        ("ngừơi", "người"),
        ("mưá", "mứa"),
        # "qu" and "gi" are onsets: the tone goes on the vowel after them.
        ("quý", "quý"),
        ("qúy", "quý"),
        ("quà", "quà"),
        ("quốc", "quốc"),
        ("QUÝ", "QUÝ"),
        ("già", "già"),
        ("gìa", "già"),
        ("giữ", "giữ"),
        ("giường", "giường"),
        ("gì", "gì"),
        ("gìn", "gìn"),
        # Two-vowel clusters other than oa, oe, uy were never in doubt.
        ("mái", "mái"),
        ("múa", "múa"),
        ("mía", "mía"),
        ("cửa", "cửa"),
        ("thuở", "thuở"),
        ("tuổi", "tuổi"),
    ],
)
def test_canonical_tone_placement(variant, canonical):
    assert canonical_tone_placement(variant) == canonical
    assert normalize_text(variant) == canonical


def test_tone_placement_in_a_sentence():
    assert (
        canonical_tone_placement("Ủy ban tỉnh Hoà Bình chăm lo sức khoẻ, thuỷ lợi cho người dân")
        == "Ủy ban tỉnh Hòa Bình chăm lo sức khỏe, thủy lợi cho người dân"
    )


def test_non_syllables_are_left_alone():
    # French, English, two tones, or no Vietnamese cluster: nothing to move.
    for word in ("où", "Zoë", "hoàà", "thủỷ", "façade", "naïve", "xyzà", "Hoà123"):
        assert canonical_tone_placement(word) == word.replace("Hoà123", "Hòa123")


def test_is_vietnamese_syllable():
    for word in ("hòa", "người", "khuỷu", "nghiêng", "quý", "già", "Đường", "ĐƯỜNG", "ơ"):
        assert is_vietnamese_syllable(word), word
    for word in ("café", "hµ", "néi", "thủỷ", "flood", "", "ab1", "hoàà"):
        assert not is_vietnamese_syllable(word), word


def test_normalize_removes_invisible_characters():
    text = "\ufeffNgập\u200b nước\u00ad ở\u200e Thủ\u200f Đức\u2060\x00\x07"
    assert normalize_text(text) == "Ngập nước ở Thủ Đức"


def test_normalize_composes_nfc():
    decomposed = unicodedata.normalize("NFD", "Thủ Đức")
    assert normalize_text(decomposed) == "Thủ Đức"
    # A zero-width space between a letter and its mark must not keep them apart.
    assert normalize_text("e\u200b\u0301") == "é"


def test_normalize_unescapes_html():
    assert normalize_text("Tr&#7877; &amp; ph&iacute;") == "Trễ & phí"
    assert normalize_text("A &amp;amp; B &amp;lt;3") == "A & B <3"
    assert normalize_text("Hà&nbsp;Nội") == "Hà Nội"


def test_normalize_whitespace():
    text = "  Dòng   một\t\u00a0 có  khoảng trắng  \r\n\r\n\r\n\n Dòng hai\u2028dòng ba \n\n"
    assert normalize_text(text) == "Dòng một có khoảng trắng\n\nDòng hai\ndòng ba"
    assert normalize_text("a\n\nb\nc") == "a\n\nb\nc"
    assert normalize_text(" \t\n ") == ""


def test_normalize_replaces_lone_surrogates():
    assert normalize_text("Hà\ud800Nội") == "Hà\ufffdNội"
    assert normalize_text("\udfff") == "\ufffd"


def test_normalize_applies_tone_placement_last():
    assert normalize_text("Ho&agrave; B&igrave;nh") == "Hòa Bình"
    assert normalize_text(unicodedata.normalize("NFD", "thuỷ")) == "thủy"


def _marks(text: str) -> list[str]:
    return sorted(c for c in unicodedata.normalize("NFD", text) if unicodedata.combining(c))


@given(vietnamese_sentences)
def test_normalize_never_loses_a_diacritic(text):
    normalized = normalize_text(text)
    assert fold(normalized) == fold(text)
    assert _marks(normalized) == _marks(text)


@given(vietnamese_sentences)
def test_tone_placement_is_idempotent(text):
    once = canonical_tone_placement(text)
    assert canonical_tone_placement(once) == once
    assert _marks(once) == _marks(text)


def _tone_on_first_vowel(word: str) -> str:
    """The same word with its tone moved to its first vowel: a wrong-placement variant."""
    nfd = unicodedata.normalize("NFD", word)
    tones = [c for c in nfd if c in TONES]
    bare = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
    for i, ch in enumerate(bare):
        if ch in VOWELS and tones:
            return bare[:i] + unicodedata.normalize("NFC", ch + tones[0]) + bare[i + 1 :]
    return word


@given(vietnamese_sentences)
def test_tone_variants_meet_in_one_form(text):
    variant = " ".join(
        _tone_on_first_vowel(w) if is_vietnamese_syllable(w) else w for w in text.split(" ")
    )
    assert canonical_tone_placement(variant) == canonical_tone_placement(text)


@given(st.text())
def test_normalize_is_idempotent_on_any_text(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(st.text(alphabet=st.sampled_from(list("&amp;lt#x3B 9\u200b\u00a0\n\te\u0301à"))))
def test_normalize_is_idempotent_on_entity_soup(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def _tone_placement_by_regex_alone(text: str) -> str:
    """The definition `canonical_tone_placement` speeds up with its cache of pieces."""
    return normalize_module._TONED_WORD.sub(lambda m: normalize_module._place_tone(m.group(0)), text)


@given(st.lists(st.one_of(vietnamese_sentences, words.map(_tone_on_first_vowel)), max_size=4))
def test_tone_placement_by_pieces_equals_the_regex_over_the_whole_text(parts):
    # The same pieces seen twice: the second time the cache of canonical pieces answers.
    for text in (" ".join(parts), "\n".join(parts), " ".join(parts)):
        assert canonical_tone_placement(text) == _tone_placement_by_regex_alone(text)


_ANY_SPACE_RUN = re.compile("[\t\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+")


@given(st.text(alphabet=st.sampled_from(list("ab \t\x0c\u00a0\u2003\u3000\u202f"))))
def test_space_runs_become_one_space_and_lone_spaces_stay(text):
    # The pattern skips a lone " " for speed; it must still equal "every run → one space".
    assert normalize_module._SPACES.sub(" ", text) == _ANY_SPACE_RUN.sub(" ", text)


def _normalize_once_by_every_step(text: str) -> str:
    """`_normalize_once` without its shortcut for clean text: the definition it speeds up."""
    n = normalize_module
    text = n._unescape(n._SURROGATES.sub("\ufffd", text))
    text = n._INVISIBLE.sub("", n._LINE_BREAKS.sub("\n", text))
    text = n._SPACES.sub(" ", unicodedata.normalize("NFC", text))
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    return n.canonical_tone_placement(n._BLANK_LINES.sub("\n\n", text).strip())


_AWKWARD = list(" \n\r\t\x0b\x0c\x1c\x1f\x85\u00a0\u00ad\u2000\u2001\u2028\u200b\u202e\ufeff&;e\u0301\u212bàhoà")


@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(_AWKWARD)), vietnamese_sentences))
def test_clean_text_shortcut_equals_every_step(text):
    assert normalize_module._normalize_once(text) == _normalize_once_by_every_step(text)


def test_every_character_to_clean_is_non_printable():
    # The clean-text shortcut lets `str.isprintable` stand for the search; that holds only
    # while no character the search looks for is printable.
    pattern = normalize_module._NEEDS_CLEANING
    printable = [hex(c) for c in range(0x110000) if pattern.match(chr(c)) and chr(c).isprintable()]
    assert printable == []
    assert pattern.search("a\u00a0b") and not "a\u00a0b".isprintable()
