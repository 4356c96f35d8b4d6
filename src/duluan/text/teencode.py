"""Teencode and chat abbreviations ("ko", "dc", "j", "ntn") expanded to standard Vietnamese.

Social posts spell the commonest words in short forms; models and keyword counts treat
"ko", "k", "hok" and "không" as one word only once they are expanded. Only whole word
tokens are replaced (never inside a word, URL, hashtag or mention), and forms with a
common standard meaning are left out: "hn" (hôm nay / Hà Nội), "cmt" (bình luận /
chứng minh thư), "t" (tôi / tao), "a" (anh / the interjection "a"), "trg" (trường /
trong). "k", "tr", "kg" and "bit" after a number are units ("50 k" = 50 nghìn).
"""

from __future__ import annotations

from .tokens import tokenize

__all__ = ["TEENCODE", "expand_teencode"]

# short form (lower case) → standard form; every entry is a form seen in real posts.
TEENCODE: dict[str, str] = {
    # không
    "ko": "không", "k": "không", "k0": "không", "kh": "không", "khg": "không",
    "kg": "không", "hok": "không", "hông": "không", "hem": "không", "khum": "không",
    "kô": "không", "khôg": "không",  "hổng": "không",
    # được
    "dc": "được", "đc": "được", "dk": "được", "đk": "được", "đươc": "được",
    # gì, vậy, rồi
    "j": "gì", "ji": "gì", "z": "vậy", "dzậy": "vậy", "zậy": "vậy", "vại": "vậy",
    "r": "rồi", "rùi": "rồi", "roài": "rồi", "rầu": "rồi",
    # pronouns and people
    "mik": "mình", "mk": "mình", "mjk": "mình", "mh": "mình", "ng": "người",
    "ngta": "người ta", "mn": "mọi người", "mng": "mọi người", "ae": "anh em",
    "ace": "anh chị em", "ny": "người yêu", "ck": "chồng", "vk": "vợ",
    "bn": "bao nhiêu", "bnhiu": "bao nhiêu",
    # verbs and adverbs
    "bít": "biết", "bik": "biết", "bjk": "biết", "bit": "biết", "iu": "yêu",
    "thik": "thích", "thix": "thích", "ns": "nói", "lm": "làm", "đag": "đang",
    "dg": "đang", "ms": "mới", "ik": "đi", "đy": "đi", "lun": "luôn", "nhìu": "nhiều",
    "nx": "nữa", "cx": "cũng", "cg": "cũng", "vs": "với", "trc": "trước",
    "ntn": "như thế nào", "bh": "bao giờ", "bgio": "bao giờ", "hqua": "hôm qua",
    "wá": "quá", "qá": "quá", "wa": "quá", "zui": "vui", "dzui": "vui", "bùn": "buồn",
    "wên": "quên", "thui": "thôi", "hum": "hôm",
    "tks": "cảm ơn", "thanks": "cảm ơn", "thank": "cảm ơn",
    "sr": "xin lỗi", "uk": "ừ", "uh": "ừ", "uhm": "ừ", "oki": "ok", "oke": "ok",
    "okie": "ok",
    # nouns that social posts abbreviate
    "đt": "điện thoại", "sđt": "số điện thoại", "sdt": "số điện thoại",
    "gđ": "gia đình", "kq": "kết quả", "tl": "trả lời", "sn": "sinh nhật",
    "dth": "dễ thương", "bt": "bình thường", "sp": "sản phẩm", "cty": "công ty",
    "nv": "nhân viên", "hs": "học sinh", "sv": "sinh viên", "gv": "giáo viên",
    "bv": "bệnh viện", "fb": "Facebook", "ubnd": "ủy ban nhân dân",
    "csgt": "cảnh sát giao thông",
}  # fmt: skip

# One-letter forms are teencode only in lower case: "R", "K", "J" are initials or names.
_LOWER_ONLY = frozenset(key for key in TEENCODE if len(key) == 1)
# Units a number takes before it ("50 k", "2 tr", "3 kg"): left alone in that position.
_UNITS_AFTER_NUMBER = frozenset({"k", "tr", "kg", "bit"})


def _match_case(short: str, standard: str) -> str:
    if short.isupper() and len(short) > 1:
        return standard.upper()
    if short[0].isupper():
        return standard[0].upper() + standard[1:]
    return standard


def expand_teencode(text: str) -> str:
    """Replace teencode words in `text` by their standard form, keeping everything else."""
    parts: list[str] = []
    position = 0
    previous_kind = ""
    for token in tokenize(text):
        kind, previous = token.kind, previous_kind
        previous_kind = kind
        if kind != "word":
            continue
        lower = token.text.lower()
        standard = TEENCODE.get(lower)
        if (
            standard is None
            or (lower in _UNITS_AFTER_NUMBER and previous == "number")
            or (lower in _LOWER_ONLY and token.text != lower)
        ):
            continue
        parts.append(text[position : token.start])
        parts.append(_match_case(token.text, standard))
        position = token.end
    if not parts:
        return text
    parts.append(text[position:])
    return "".join(parts)
