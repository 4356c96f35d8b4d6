"""The mess real texts carry: missing diacritics, teencode, small typos.

Each function takes the random generator it must use, so a seed fixes the output.
"""

from __future__ import annotations

import random
import re
import unicodedata

from .templates_social import TEENCODE

_VOWELS_NO_TONE = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Vietnamese text without diacritics, the way people type on a bare keyboard."""
    decomposed = unicodedata.normalize("NFD", text.translate(_VOWELS_NO_TONE))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def has_diacritics(text: str) -> bool:
    """True when the text holds at least one Vietnamese letter with a mark."""
    return fold(text) != text


# "giật mình" is one word to the reader: its "mình" is not the pronoun.
_TEENCODE_PATTERNS = [
    (re.compile(rf"(?<!\w)(?<!giật ){re.escape(word)}(?!\w)"), choices)
    for word, choices in TEENCODE
]


def teencode(text: str, rng: random.Random) -> str:
    """Swap common words for their fast-typed forms ("không" -> "ko")."""
    for pattern, choices in _TEENCODE_PATTERNS:
        if rng.random() < 0.75:
            replacement = rng.choice(choices)
            text = pattern.sub(replacement, text)
    return text


_TONE_SLIPS = (
    ("ngập", "ngâp"),
    ("nhiều", "nhìu"),
    ("được", "đuợc"),
    ("người", "nguời"),
    ("quá", "qúa"),
    ("thật", "thậ"),
)


def add_typos(text: str, rng: random.Random) -> str:
    """One or two small slips: a swapped, dropped or doubled letter, or a misplaced mark."""
    for _ in range(rng.choice((1, 1, 2))):
        slips = [pair for pair in _TONE_SLIPS if pair[0] in text]
        if slips and rng.random() < 0.3:
            right, wrong = rng.choice(slips)
            text = text.replace(right, wrong, 1)
            continue
        words = [m for m in re.finditer(r"\w{4,}", text)]
        if not words:
            return text
        match = rng.choice(words)
        word = match.group()
        i = rng.randrange(1, len(word) - 1)
        operation = rng.choice(("swap", "drop", "double"))
        if operation == "swap":
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif operation == "drop":
            word = word[:i] + word[i + 1 :]
        else:
            word = word[:i] + word[i] + word[i:]
        text = text[: match.start()] + word + text[match.end() :]
    return text
