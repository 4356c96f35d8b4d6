"""The one text normaliser at ingestion, with one canonical tone-mark placement.

Vietnamese writes a word's tone (dấu thanh: sắc, huyền, hỏi, ngã, nặng) on one vowel of
the syllable, and two placements are in use for the open syllables in oa, oe and uy:
the traditional one ("hòa", "khỏe", "thủy") and the newer one ("hoà", "khoẻ", "thuỷ").
Search and deduplication need one form, so we keep the traditional placement, the one
most Vietnamese newspapers print. The rule, over the vowel cluster of a syllable once its
onset ("qu" and "gi" count as onsets: "quý", "già", "giữ") is set aside:

1. a vowel with its own mark (ă â ê ô ơ ư) takes the tone; in "ươ" it is the ơ;
2. a lone vowel takes it;
3. with a final consonant, the last vowel takes it ("hoàng", "toán", "huýt");
4. of three vowels, the middle one takes it ("ngoài", "khuỷu");
5. of two vowels, the first one takes it ("hòa", "khỏe", "thủy", "mái", "múa").

A word that is not a Vietnamese syllable, or that carries two tones, is left as it is,
so the placement never drops a diacritic.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

__all__ = ["canonical_tone_placement", "is_vietnamese_syllable", "normalize_text"]

# The five tone marks as combining characters; the vowel-quality marks (circumflex,
# breve, horn) stay on their letter, since they make a different vowel.
_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = "aăâeêioôơuưy"

# Each toned vowel (both cases) → (vowel without tone, tone mark).
_SPLIT: dict[str, tuple[str, str]] = {}
for _vowel in _VOWELS + _VOWELS.upper():
    for _tone in _TONES:
        _SPLIT[unicodedata.normalize("NFC", _vowel + _tone)] = (_vowel, _tone)
_TONED = "".join(_SPLIT)

# Every vowel cluster (âm chính with its glides) that Vietnamese spelling allows.
_NUCLEI = frozenset((
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe",
    "oi", "ôi", "ơi", "oo", "ôô", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi",
    "ươ", "ưu", "yê", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi",
    "ươu", "uya", "uyê", "uyu",
))  # fmt: skip
_QUALITY = frozenset("ăâêôơư")
# "gh" and "gi" before "g", "ngh" before "ng": the regex tries alternatives in order and
# backtracks, so "gì" parses as g + i and "già" as gi + a.
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?"
    rf"([{_VOWELS}]+)"
    r"(ch|ng|nh|c|m|n|p|t)?"
)
_TONED_WORD = re.compile(rf"[^\W\d_]*[{_TONED}][^\W\d_]*")


def _split_tone(word: str) -> tuple[list[str], str, int]:
    """Untoned letters of `word`, its tone and how many tones it had."""
    letters: list[str] = []
    tone = ""
    count = 0
    for ch in word:
        base, mark = _SPLIT.get(ch, (ch, ""))
        if mark:
            tone = mark
            count += 1
        letters.append(base)
    return letters, tone, count


def _parse(letters: list[str]) -> re.Match[str] | None:
    match = _SYLLABLE.fullmatch("".join(letters).lower())
    if match is None or match.group(2) not in _NUCLEI:
        return None
    return match


def _tone_index(cluster: str, has_final: bool) -> int:
    marked = [i for i, ch in enumerate(cluster) if ch in _QUALITY]
    if marked:
        return marked[-1]
    if len(cluster) == 1:
        return 0
    if has_final:
        return len(cluster) - 1
    if len(cluster) == 3:
        return 1
    return 0


def is_vietnamese_syllable(word: str) -> bool:
    """Whether `word` (any case, NFC) spells one Vietnamese syllable with at most one tone."""
    letters, _tone, count = _split_tone(word)
    if count > 1 or not word.isalpha():
        return False
    return _parse(letters) is not None


@lru_cache(maxsize=65536)
def _place_tone(word: str) -> str:
    letters, tone, count = _split_tone(word)
    if count != 1:
        return word
    match = _parse(letters)
    if match is None:
        return word
    index = match.start(2) + _tone_index(match.group(2), bool(match.group(3)))
    letters[index] = unicodedata.normalize("NFC", letters[index] + tone)
    return "".join(letters)


def canonical_tone_placement(text: str) -> str:
    """Move each syllable's tone mark to its traditional place ("hoà" → "hòa"); text is NFC."""
    # Most texts are already canonical. A toned word never spans whitespace, so the text
    # is canonical when each of its space-separated pieces is: pieces seen canonical
    # before are remembered, and a subset test (in C) clears most texts without a regex.
    # `issuperset` reads the pieces as they come, with no set built for them.
    pieces = text.split()
    if _CANONICAL_PIECES.issuperset(pieces):
        return text
    changed = False
    for piece in set(pieces) - _CANONICAL_PIECES:
        if all(_place_tone(word) == word for word in _TONED_WORD.findall(piece)):
            if len(_CANONICAL_PIECES) >= _MAX_CANONICAL_PIECES:
                _CANONICAL_PIECES.clear()
            _CANONICAL_PIECES.add(piece)
        else:
            changed = True
    if not changed:
        return text
    return _TONED_WORD.sub(lambda m: _place_tone(m.group(0)), text)


_CANONICAL_PIECES: set[str] = set()
_MAX_CANONICAL_PIECES = 500_000  # bound memory on endless streams of new words


_SURROGATES = re.compile("[\ud800-\udfff]")
# Zero-width characters, BOM, soft hyphen, bidi marks and embeddings, and control
# characters except \n and \t (tab becomes a space below): invisible, they only break
# matching and hashing.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]"
)
# A run of spaces becomes one space. The pattern leaves a lone " " alone (most of them):
# replacing every space by itself made this the slowest step of normalisation.
_ODD_SPACE = "\t\x0c\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"(?:[ ]{{2,}}|[ ]?[{_ODD_SPACE}])[{_ODD_SPACE} ]*")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x0b\x1c-\x1e\x85]")
_BLANK_LINES = re.compile("\n{3,}")


def _unescape(text: str) -> str:
    # Bounded: pages that escaped twice ("&amp;amp;") are common, thrice is a bug.
    for _ in range(3):
        if "&" not in text:
            break
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


# Any character that steps 1-5 of `_normalize_once` would change, and a double space.
# Most texts have none: one search then stands for four substitutions and the line split.
_NEEDS_CLEANING = re.compile(
    f"[\ud800-\udfff{_INVISIBLE.pattern[1:-1]}{_ODD_SPACE}\n\r\u2028\u2029\x0b\x1c-\x1e\x85]|  "
)


def _normalize_once(text: str) -> str:
    # 0. A text with nothing to clean, no entity and already NFC only loses its outer
    #    whitespace: exactly what steps 1-5 would do to it, without their five passes.
    #    Every character the search looks for is non-printable (a control, format or
    #    separator character), so a printable text needs only the double-space test, in C.
    if (
        "&" not in text
        and ((text.isprintable() and "  " not in text) or _NEEDS_CLEANING.search(text) is None)
        and unicodedata.is_normalized("NFC", text)
    ):
        return canonical_tone_placement(text.strip())
    # 1. Lone surrogates (from bad JSON escapes) become U+FFFD instead of raising later.
    text = _SURROGATES.sub("\ufffd", text)
    # 2. Entities first: they can produce NBSP, zero-width and combining characters.
    text = _unescape(text)
    # 3. Line breaks to \n before dropping controls, so \r and U+2028 still break lines.
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    # 4. NFC after removal, so a mark split from its letter by a zero-width space joins it.
    text = unicodedata.normalize("NFC", text)
    # 5. Whitespace: one space inside a line, no blanks at line ends, one blank line at most.
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text).strip()
    # 6. One tone placement, so "hoà" and "hòa" hash, match and count as one word.
    return canonical_tone_placement(text)


def normalize_text(text: str) -> str:
    """Normalise text at ingestion: NFC, no invisibles, HTML unescaped, tidy spaces, tones."""
    text = _normalize_once(text)
    # Removing an invisible character can complete an entity ("&am\u200bp;"): once more.
    if "&" in text and html.unescape(text) != text:
        text = _normalize_once(text)
    return text
