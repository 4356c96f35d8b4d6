import unicodedata

import pytest

from duluan.errors import InputRejected, UsageError
from duluan.text.encodings import decode_bytes, encode_legacy, repair_mojibake

# Real sentences that together carry every vowel, every tone, ă â ê ô ơ ư đ in both
# cases, and capitals only where TCVN3 can keep them (see test_tcvn3_title_case_limit).
SENTENCES = [
    "Người dân phường Thảo Điền phản ánh rác thải ùn ứ, mùi hôi bốc lên nồng nặc suốt mấy tuần nay.",
    "Ông Nguyễn Văn Bảy nói: chúng tôi mong được giải quyết sớm, đừng để kéo dài thêm nữa!",
    "Cơn mưa lớn kéo dài khiến nhiều tuyến đường ở quận Bình Thạnh ngập sâu, xe cộ chết máy.",
    "ĐƯỜNG PHỐ NGẬP SÂU, XE CỘ CHẾT MÁY HÀNG LOẠT; BÃO SỐ 3 ĐỔ BỘ VÀO QUẢNG NINH.",
    "Ăn uống ở đây rẻ và ngon: phở bò, bún chả, gỏi cuốn, chè đậu đỏ, bánh mì ốp la.",
    "Em học lớp mười một, thích đọc sách, ước mơ làm kỹ sư; ĐẶC BIỆT Ở VÙNG SÂU ÍT TRƯỜNG.",
    "Ơn nghĩa sinh thành khó đền đáp. Ưu tiên hồ sơ người cao tuổi, khuyết tật. ÊM ĐỀM THAY!",
    "Hôm qua, chị Lưu Thị Hoa ở Hà Nội mua vé xe về quê ăn Tết; giá vé tăng gấp rưỡi, thật bực mình.",
    "Giữ gìn sự trong sáng của tiếng Việt: ỷ lại, tỉ mỉ, lũy tre, quý giá, thủy lợi, bão lũ, ý kiến.",
]

# Every Vietnamese letter in both cases (12 vowels × 6 tones, and đ), each in a syllable.
ALL_LETTERS = (
    " ".join(
        ("x" if v.islower() else "X") + unicodedata.normalize("NFC", v + t)
        for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for t in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    )
    + " đa ĐA"
)


def _as_mojibake(data: bytes) -> str:
    """Bytes read as cp1252, the five undefined bytes as latin-1, as Windows tools do."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


def test_fixtures_cover_every_vowel_tone_and_case():
    text = unicodedata.normalize("NFD", " ".join(SENTENCES))
    for mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        assert mark in text
    joined = " ".join(SENTENCES)
    base = "".join(
        c for c in unicodedata.normalize("NFD", joined) if c not in "\u0300\u0301\u0303\u0309\u0323"
    )
    base = unicodedata.normalize("NFC", base)
    for letter in "aăâeêioôơuưyđ":
        assert letter in base and letter.upper() in base, letter


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "windows-1258"])
def test_round_trip_through_decode_bytes(encoding):
    for sentence in SENTENCES:
        data = encode_legacy(sentence, encoding)
        assert data.isascii() is False
        decoded = decode_bytes(data)
        assert decoded.text == sentence
        assert decoded.encoding == encoding
        assert decoded.confidence >= 0.8


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "windows-1258"])
def test_repair_mojibake_per_encoding(encoding):
    for sentence in SENTENCES:
        garbled = _as_mojibake(encode_legacy(sentence, encoding))
        assert garbled != sentence
        assert repair_mojibake(garbled) == (sentence, encoding)


def test_repair_utf8_read_as_cp1252():
    for sentence in SENTENCES:
        garbled = _as_mojibake(sentence.encode("utf-8"))
        assert repair_mojibake(garbled) == (sentence, "utf-8")


def test_repair_utf8_when_no_break_space_became_a_space():
    # "à" is C3 A0; A0 read as cp1252 is a no-break space that editors turn into " ".
    assert repair_mojibake("HÃ  Ná»™i") == ("Hà Nội", "utf-8")


def test_known_legacy_strings():
    assert repair_mojibake("Hµ Néi") == ("Hà Nội", "tcvn3")
    assert repair_mojibake("Céng hßa x· héi chñ nghÜa ViÖt Nam") == (
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "tcvn3",
    )
    assert repair_mojibake("Haø Noäi") == ("Hà Nội", "vni")
    assert repair_mojibake("Ñaø Naüng, Vieät Nam") == ("Đà Nẵng, Việt Nam", "vni")


def test_vni_and_windows_1258_keep_every_letter():
    for encoding in ("vni", "windows-1258"):
        data = encode_legacy(ALL_LETTERS, encoding)
        assert b"?" not in data
        decoded = decode_bytes(data)
        assert (decoded.text, decoded.encoding) == (ALL_LETTERS, encoding)


def test_tcvn3_keeps_every_lower_case_letter():
    lower = " ".join(w for w in ALL_LETTERS.split() if w.islower())
    assert len(lower.split()) == 12 * 6 + 1
    decoded = decode_bytes(encode_legacy(lower, "tcvn3"))
    assert (decoded.text, decoded.encoding) == (lower, "tcvn3")


def test_tcvn3_bytes_follow_the_chart():
    assert encode_legacy("Hà Nội", "tcvn3") == b"H\xb5 N\xe9i"
    assert encode_legacy("Đ đ Ă ă ư", "tcvn3") == b"\xa7 \xae \xa1 \xa8 \xad"
    assert encode_legacy("Hà Nội", "vni") == "Haø Noäi".encode("cp1252")
    assert encode_legacy("ỵ ị ỉ ĩ", "vni") == "î ò æ ó".encode("cp1252")
    assert encode_legacy("ệ", "windows-1258") == b"\xea\xf2"  # ê + combining dot below


def test_tcvn3_title_case_limit():
    # TCVN3 has no code for a toned capital, so a title-case "Ủy" comes back lower-case,
    # while a word written in capitals gets its capitals back.
    assert decode_bytes(encode_legacy("Ủy ban", "tcvn3")).text == "ủy ban"
    assert decode_bytes(encode_legacy("ỦY BAN", "tcvn3")).text == "ỦY BAN"


def test_encode_legacy_rejects_unknown_encoding():
    with pytest.raises(UsageError, match="tcvn3, vni, windows-1258"):
        encode_legacy("Hà Nội", "viscii")


def test_decode_bytes_prefers_utf8_and_boms():
    text = "Ngập nước ở Thủ Đức"
    assert decode_bytes(text.encode("utf-8")).encoding == "utf-8"
    assert decode_bytes(text.encode("utf-8-sig")).text == text
    assert decode_bytes(text.encode("utf-16")).text == text
    assert decode_bytes(text.encode("utf-16-le")).text == text
    assert decode_bytes(b"plain ascii").text == "plain ascii"


def test_decode_bytes_needs_more_than_one_letter_words():
    assert decode_bytes("Où? À côté.".encode("cp1252")).encoding == "cp1252"


def test_decode_bytes_reads_western_cp1252():
    decoded = decode_bytes("Un café crème, s’il vous plaît — 5 €".encode("cp1252"))
    assert decoded.text == "Un café crème, s’il vous plaît — 5 €"
    assert decoded.encoding == "cp1252"


def test_decode_bytes_rejects_binary():
    data = bytes(range(0, 32)) * 8 + b"\xff\xfe\x00\x01" * 4
    with pytest.raises(InputRejected) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n" + data)
    assert info.value.reason == "unknown_encoding"
    assert "UTF-8" in info.value.message


NORMAL_TEXT = [
    "Hà Nội mưa lớn, nhiều tuyến phố ngập sâu.",
    "Cà phê sữa đá",  # only cp1252 letters, but correct Vietnamese
    "Bà Rịa – Vũng Tàu",
    "Chè, bánh, phở: món ăn nổi tiếng",
    "The quick brown fox jumps over the lazy dog.",
    "Café crème, naïve résumé, façade, jalapeño, Zürich, São Paulo",
    "“Quoted” text — with dashes… and 5 € or £3",
    "Señor Muñoz visitó España en año 2020",
    "Björk and Ångström met Øyvind in Tromsø",
    "Prices: 10°C, ±5%, ½ cup, ©2024 ACME™",
    "Ở đây có bán bánh mì",
    "Xin chào, tôi là Minh. Số điện thoại?",
    "",
    "Mỹ Tho, Cà Mau, Bạc Liêu",
    "Bà già bán chè và cà phê",  # every letter also in cp1252
    "Le café est très bon à Montréal, où l'on parle français.",
    "Les élèves ont étudié l'économie et la société québécoise.",
    "¿Dónde está la estación? Mañana iré a Málaga con mi niño.",
    "Die Mädchen über der Brücke aßen Äpfel und Öl.",
    "Ça fait déjà longtemps, n'est-ce pas ? Voilà la fenêtre.",
    "São João é uma cidade histórica; a população é pequena.",
    "Il était une fois à Noël, près de la forêt, un château.",
    "À bientôt, chère amie — je t'embrasse très fort.",
    "Crème brûlée, pâté, hôtel, côte, île, âme, où, août.",
    "The naïve café owner’s résumé — “très chic” — cost £5 or €6.",
]


@pytest.mark.parametrize("text", [t for t in NORMAL_TEXT if t.isascii() or "é" in t])
def test_decode_bytes_keeps_western_text(text):
    assert decode_bytes(text.encode("cp1252")).text == text


@pytest.mark.parametrize("text", NORMAL_TEXT)
def test_repair_leaves_correct_text_alone(text):
    assert repair_mojibake(text) == (text, None)
