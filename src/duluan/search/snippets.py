"""A short passage of a document around the first place it matches a query."""

from __future__ import annotations

import re

from .normalise import Term, search_words

__all__ = ["SNIPPET_CHARS", "snippet"]

SNIPPET_CHARS = 280
# Start this far before the match, so that the reader sees what leads to it.
_LEAD = 80
# Matches past this point are not looked for: the opening of the text stands in.
_SCAN_CHARS = 20_000
_WORD = re.compile(r"[^\W_]+")
# Each word's indexed form, remembered: a result page reads the same few thousand words
# over and over, and normalising them one by one was most of a search's time.
_INDEXED: dict[str, list[str]] = {}
_MAX_INDEXED = 200_000


def _indexed(word: str) -> list[str]:
    found = _INDEXED.get(word)
    if found is None:
        if len(_INDEXED) >= _MAX_INDEXED:
            _INDEXED.clear()
        found = _INDEXED[word] = search_words(word)
    return found


def _first_match(text: str, terms: tuple[Term, ...]) -> int | None:
    whole = {t.words[0] for t in terms if not (t.prefix and len(t.words) == 1)}
    whole.update(t.literal for t in terms if t.literal)
    prefixes = tuple(t.words[0] for t in terms if t.prefix and len(t.words) == 1)
    if not whole and not prefixes:
        return None
    for match in _WORD.finditer(text, 0, _SCAN_CHARS):
        # The word as indexed: folded, teencode expanded ("ko" reads as "khong").
        for word in _indexed(match.group()):
            if word in whole or word.startswith(prefixes or ("\0",)):
                return match.start()
    return None


def snippet(text: str, terms: tuple[Term, ...], size: int = SNIPPET_CHARS) -> str:
    """Up to `size` characters of `text` around its first match of `terms`, cut at spaces."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    at = _first_match(text, terms) or 0
    start = max(0, min(at - _LEAD, len(text) - size))
    if start > 0:
        space = text.find(" ", start, at + 1 if at else start + _LEAD)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start + size // 2, end)
        end = space if space != -1 else end
    return ("…" if start > 0 else "") + text[start:end] + ("…" if end < len(text) else "")
