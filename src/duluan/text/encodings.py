"""Legacy Vietnamese encodings (TCVN3, VNI, Windows-1258): decode, detect, repair, encode.

Before Unicode, Vietnamese text lived in font encodings over cp1252: TCVN3 (the "ABC"
fonts such as .VnTime) gives each toned lower-case letter one byte and has no byte for
toned capitals (the ".VnTimeH" capital fonts draw the lower-case codes as capitals);
VNI writes a base letter followed by one or two mark bytes ("Haø Noäi"); Windows-1258
keeps the vowel letters and adds the tone as a combining mark. Files, old pages and
exports still arrive in these forms, as bytes or already mis-read as cp1252 text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from duluan.errors import InputRejected, UsageError
from duluan.problem_text import problem_message
from duluan.text.normalize import is_vietnamese_syllable

__all__ = ["LEGACY_ENCODINGS", "DecodedText", "decode_bytes", "encode_legacy", "repair_mojibake"]

LEGACY_ENCODINGS = ("tcvn3", "vni", "windows-1258")


@dataclass
class DecodedText:
    """Text decoded from bytes, the encoding we chose and how sure we are (0–1)."""

    text: str
    encoding: str
    confidence: float


# TCVN3 (TCVN 5712:1993, VN3), written from the standard's chart: byte → letter.
# Toned capitals have no code of their own; see _restore_tcvn3_capitals.
_TCVN3_CHART = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip
_TCVN3_ENCODE = {ch: bytes([b]) for b, ch in _TCVN3_CHART.items()}
_TCVN3_CASELESS = frozenset(ch for ch in _TCVN3_CHART.values() if ch not in "ăâêôơưđ")

# VNI-Windows, written from the VNI font chart: the mark bytes as cp1252 characters.
# Tone after a plain vowel, ơ or ư: sắc, huyền, hỏi, ngã, nặng.
_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
# â, ê, ô: circumflex alone, then with each tone (the two marks share one byte).
_VNI_CIRCUMFLEX = {
    "": "â",
    "\u0301": "á",
    "\u0300": "à",
    "\u0309": "å",
    "\u0303": "ã",
    "\u0323": "ä",
}
# ă: breve alone, then with each tone.
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
# Letters that VNI stores as one byte of their own: ơ ư đ, toned i, and ỵ.
_VNI_SINGLE = {
    "ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î",
}  # fmt: skip
_VNI_SINGLE.update({k.upper(): v.upper() for k, v in _VNI_SINGLE.items()})

# Tone and quality marks as they appear after NFD.
_TONE_MARKS = frozenset(_VNI_TONE)
_CIRCUMFLEX, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"


def _split_letter(ch: str) -> tuple[str, str]:
    """A letter without its tone (quality marks kept), and the tone mark or ""."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    rest = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", rest), tone


def _vni_letter(ch: str) -> str | None:
    """The VNI spelling of one Vietnamese letter, or None when it needs none."""
    if ch in _VNI_SINGLE:
        return _VNI_SINGLE[ch]
    base, tone = _split_letter(ch)
    if len(base) != 1 or len(tone) > 1:
        return None
    upper = base.isupper()
    plain = unicodedata.normalize("NFD", base)[0]
    if base.lower() in "âêô":
        marks = _VNI_CIRCUMFLEX[tone]
    elif base.lower() == "ă":
        marks = _VNI_BREVE[tone]
    elif base.lower() in "ơư" and tone:
        return _VNI_SINGLE[base] + (_VNI_TONE[tone].upper() if upper else _VNI_TONE[tone])
    elif tone and plain.lower() in "aeiouy":
        marks = _VNI_TONE[tone]
    else:
        return None
    return plain + (marks.upper() if upper else marks)


_VIETNAMESE_LETTERS = [
    unicodedata.normalize("NFC", v + t)
    for v in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for t in ("", *_TONE_MARKS)
] + ["đ", "Đ"]
_VNI_ENCODE = {ch: vni for ch in _VIETNAMESE_LETTERS if (vni := _vni_letter(ch))}
# Decoding also accepts a mark typed in the other case ("Aø"): the font draws it alike.
_VNI_DECODE: dict[str, str] = {}
for _ch, _vni in _VNI_ENCODE.items():
    _VNI_DECODE[_vni] = _ch
    if len(_vni) == 2:
        _VNI_DECODE.setdefault(_vni[0] + _vni[1].swapcase(), _ch)
_VNI_PATTERN = re.compile(
    "|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True))
)


def _to_cp1252(text: str) -> bytes:
    # Characters cp1252 lacks become "?", as the old Windows converters did.
    return text.encode("cp1252", errors="replace")


def encode_legacy(text: str, encoding: str) -> bytes:
    """Encode Unicode Vietnamese `text` as "tcvn3", "vni" or "windows-1258" bytes."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        # Toned capitals take the lower-case code, which the capital fonts draw upper-case.
        return b"".join(
            _TCVN3_ENCODE.get(ch) or _TCVN3_ENCODE.get(ch.lower()) or _to_cp1252(ch) for ch in text
        )
    if encoding == "vni":
        return b"".join(_to_cp1252(_VNI_ENCODE.get(ch, ch)) for ch in text)
    if encoding == "windows-1258":
        # Vowel letters stay whole (â, ơ...), tones become cp1258's combining marks.
        parts = []
        for ch in text:
            base, tone = _split_letter(ch) if ch in _VNI_ENCODE else (ch, "")
            parts.append((base + tone).encode("cp1258", errors="replace"))
        return b"".join(parts)
    raise UsageError(
        f"unknown legacy encoding {encoding!r}; expected one of: tcvn3, vni, windows-1258"
    )


# cp1252 leaves five bytes undefined; like latin-1 we read them as C1 controls, losing nothing.
_CP1252_TABLE = "".join(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
    for b in range(256)
)
_TCVN3_TABLE = "".join(_TCVN3_CHART.get(b, _CP1252_TABLE[b]) for b in range(256))


def _from_cp1252(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _CP1252_TABLE)[0]


_WORD = re.compile(r"[^\W\d_]+")


def _restore_tcvn3_capitals(text: str) -> str:
    """Upper-case toned letters inside words written in capitals ("CéNG" → "CỘNG")."""
    words = list(_WORD.finditer(text))

    def others_upper(word: str) -> int:
        """How many letters with a case of their own, or -1 if one is lower-case."""
        others = [c for c in word if c not in _TCVN3_CASELESS]
        return len(others) if all(c.isupper() for c in others) else -1

    counts = [others_upper(m.group(0)) for m in words]
    capital = [n >= 2 for n in counts]

    # A word with one such letter or none ("HỒ", "Ở") is capital when a word next to it,
    # with only spaces or digits between, is: "HỒ CHÍ MINH" but not "MINH, Hà Nội".
    def next_to_capital(i: int, j: int) -> bool:
        if not 0 <= j < len(words) or not capital[j]:
            return False
        gap = text[words[min(i, j)].end() : words[max(i, j)].start()]
        return all(c.isspace() or c.isdigit() for c in gap)

    changed = True
    while changed:  # "ĐỔ BỘ VÀO": capitals spread word by word
        changed = False
        for i, n in enumerate(counts):
            near = next_to_capital(i, i - 1) or next_to_capital(i, i + 1)
            if not capital[i] and n in (0, 1) and near:
                capital[i] = changed = True
    out = list(text)
    for match, is_capital in zip(words, capital, strict=True):
        if is_capital:
            for pos in range(match.start(), match.end()):
                if out[pos] in _TCVN3_CASELESS:
                    out[pos] = out[pos].upper()
    return "".join(out)


def _decode_tcvn3(data: bytes) -> str:
    text = codecs.charmap_decode(data, "strict", _TCVN3_TABLE)[0]
    return _restore_tcvn3_capitals(text)


def _decode_vni(data: bytes) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI_DECODE[m.group(0)], _from_cp1252(data))


def _decode_windows_1258(data: bytes) -> str:
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


_DECODERS = {
    "windows-1258": _decode_windows_1258,
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
}


def _vietnamese_share(text: str) -> tuple[float, int]:
    """Share of the words with non-ASCII letters that are Vietnamese syllables, and how
    many of those syllables have two letters or more (one-letter ones are weak evidence:
    a stray "½" reads as "ẵ" in TCVN3)."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words:
        return 0.0, 0
    valid = [w for w in words if is_vietnamese_syllable(w)]
    return len(valid) / len(words), sum(1 for w in valid if len(w) > 1)


def _control_share(text: str) -> float:
    controls = sum(
        1 for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\t\n\r\x0c"
    )
    return controls / max(len(text), 1)


def _utf16_without_bom(data: bytes) -> str | None:
    # Plain-ASCII UTF-16 has a zero in every other byte; Vietnamese keeps most of them.
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    for encoding, zeros in (("utf-16-le", data[1::2]), ("utf-16-be", data[0::2])):
        if zeros.count(0) > half * 0.3:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes) -> DecodedText:
    """Decode `data`: UTF-8 or UTF-16 when marked or valid, else the most Vietnamese legacy guess."""
    # 1. Byte order marks say it outright.
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return DecodedText(data.decode(encoding, errors="replace"), encoding, 1.0)
    # 2. Valid UTF-8 with non-ASCII bytes is almost never an accident.
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        pass
    text = _utf16_without_bom(data) if b"\x00" in data else None
    if text is not None and _control_share(text) < 0.05:
        return DecodedText(text, "utf-16", 0.8)
    # 3. Score each legacy reading by how much of it spells Vietnamese syllables.
    best_name, best_text, best_share = "", "", 0.0
    for name, decoder in _DECODERS.items():
        candidate = decoder(data)
        share, evidence = _vietnamese_share(candidate)
        # One-letter syllables alone prove nothing: French "où" reads as VNI "ó".
        if evidence and share > best_share:
            best_name, best_text, best_share = name, candidate, share
    if best_share >= 0.6:
        return DecodedText(best_text, best_name, round(best_share, 3))
    # 4. Otherwise Western text in cp1252, if it reads as text at all.
    latin = _from_cp1252(data)
    if _control_share(latin) < 0.05:
        return DecodedText(latin, "cp1252", 0.5)
    raise InputRejected(
        "unknown_encoding",
        problem_message("unknown_encoding", size=len(data), start=repr(data[:16])),
    )


def _as_cp1252_bytes(text: str) -> bytes | None:
    """The bytes that `text` was read from as cp1252 (or latin-1), or None if it was not."""
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x100 and not 0x80 <= ord(ch) < 0xA0:
            out += ch.encode("latin-1")
        elif 0x80 <= ord(ch) < 0xA0:
            out.append(ord(ch))
        else:
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                return None
    return bytes(out)


def _decode_utf8_mojibake(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # "à" is C3 A0, and A0 (no-break space) is often turned into a plain space on the way.
    try:
        return data.replace(b"\xc3 ", b"\xc3\xa0").decode("utf-8")
    except UnicodeDecodeError:
        return None


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo Vietnamese read in the wrong encoding ("Hµ Néi" → "Hà Nội"); else leave `text`."""
    if text.isascii():
        return text, None
    data = _as_cp1252_bytes(text)
    if data is None:
        # Letters outside cp1252 (ộ, ư...) mean the text was decoded right.
        return text, None
    share_before, _count = _vietnamese_share(text)
    utf8 = _decode_utf8_mojibake(data)
    if utf8 is not None and utf8 != text:
        share, _evidence = _vietnamese_share(utf8)
        if share >= share_before:
            return unicodedata.normalize("NFC", utf8), "utf-8"
    best: tuple[float, str, str] | None = None
    for name, decoder in _DECODERS.items():
        candidate = decoder(data)
        if candidate == text:
            continue
        share, evidence = _vietnamese_share(candidate)
        # Demand a clear gain: real Vietnamese or Western text must come through untouched.
        if (
            evidence >= 2
            and share >= 0.8
            and share >= share_before + 0.3
            and (best is None or share > best[0])
        ):
            best = (share, candidate, name)
    if best is None:
        return text, None
    return best[1], best[2]
