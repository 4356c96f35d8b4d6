"""A small language guess for stored documents: Vietnamese, English, or undetermined.

duluan reads Vietnamese sources, so the question is only whether a text is Vietnamese
(with or without its diacritics), English (shared links, quotes), or something else.
"""

from __future__ import annotations

import re

from .fold import fold
from .normalize import is_vietnamese_syllable

SAMPLE_CHARS = 400
_WORD = re.compile(r"[^\W\d_]+")
# Letters that exist only in Vietnamese among Latin-script languages we meet.
_VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ") | set(
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_MARKED_LETTER = re.compile("[" + "".join(sorted(_VIETNAMESE_LETTERS)) + "]")
_ENGLISH = frozenset(
    ["the", "and", "of", "to", "is", "in", "for", "on", "with", "was", "are", "that", "this", "it", "be", "at", "by", "from", "as", "an", "or", "not", "have", "has", "were", "will", "would", "can", "could", "you", "your", "they", "their", "we", "our", "he", "she", "his", "her", "which", "what"]
)  # fmt: skip
# Folded syllables that only exist with a horn ("nuoc" for "nước"): the syllable check
# needs the marks, so these common skeletons are accepted as they are.
_HORN_SKELETONS = re.compile(r"^(?:[b-df-hj-np-tv-z]{0,3})(?:uo|uoi|uou|uong|uoc|uon|uot|uom|uop|ua|uu|u)(?:ng|nh|ch|[cmnpt])?$")


def detect_language(text: str) -> str:
    """'vi', 'en' or 'und' (too little text, or another language)."""
    # The opening is enough to tell, and keeps the cost flat for long articles.
    text = text[:SAMPLE_CHARS]
    # Most texts decide here, on counts made in C: marked letters per whitespace word.
    marked = len(_MARKED_LETTER.findall(text))
    if marked and marked / max(1, len(text.split())) >= 0.15:
        return "vi"
    words = _WORD.findall(text)
    if len(words) < 2:
        return "vi" if marked else "und"
    lowered = [w.lower() for w in words]
    english = sum(1 for w in lowered if w in _ENGLISH) / len(words)
    if english >= 0.2:
        return "en"
    syllables = sum(1 for w in lowered if is_vietnamese_syllable(w) or _HORN_SKELETONS.match(fold(w)))
    return "vi" if syllables / len(words) >= 0.8 else "und"
