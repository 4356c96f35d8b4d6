"""The one normal form that documents are indexed in and queries are read in.

Both sides go through the same steps, so "ngap nuoc thu duc", "ngập nước Thủ Đức" and
"NGẬP NƯỚC thủ đức" are the same words, and "ko co dien" finds "không có điện":

1. split into words (letters and digits; punctuation, URLs' dots and dashes separate);
2. expand teencode ("ko", "k", "hok" → "không", "dc" → "được"), by the rules of
   `duluan.text.teencode`: one-letter forms only in lower case, units after a number left;
3. fold: lower case, no diacritics, đ → d.

The indexed form is those words joined by single spaces, so that the SQLite FTS5
tokenizer and PostgreSQL's text-search parser see the same plain tokens (PostgreSQL would
otherwise read "tp.hcm" as a host name and "covid-19" as one hyphenated word).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.fold import fold
from ..text.teencode import TEENCODE

__all__ = ["MAX_TERMS", "Term", "normalise_query", "parse_query", "search_form", "search_words"]

_WORD = re.compile(r"[^\W_]+")
# In a query, a word may end in "*" (prefix match).
_QUERY_WORD = re.compile(r"([^\W_]+)(\*?)")
# The same two rules as duluan.text.teencode: "R", "K", "J" in capitals are initials, and
# "50 k", "2 tr", "3 kg" are units.
_UNITS_AFTER_NUMBER = frozenset({"k", "tr", "kg", "bit"})
# Phones type “curly” quotes; they mean the same as straight ones.
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})

# Function words dropped from a query when typed with their diacritics ("ngập nước ở Thủ
# Đức" finds "ngập nước tại Thủ Đức"): they carry no subject and are absent from many
# texts that match. Typed without diacritics they stay required, because their folded
# forms are also content words: "tai" is "tai nạn", "o" is "ô nhiễm", "cua" is "cửa".
STOPWORDS = frozenset({"ở", "tại", "của", "và", "là", "thì", "mà", "những", "các", "với"})
MAX_TERMS = 16
# Prefix terms shorter than this would expand to most of the vocabulary.
MIN_PREFIX = 2


def _standard(words: list[str]) -> list[str]:
    """Each word, or its standard form if it is teencode (unfolded, maybe two words)."""
    out: list[str] = []
    previous_number = False
    for word in words:
        lower = word.lower()
        standard = TEENCODE.get(lower)
        if (
            standard is None
            or (previous_number and lower in _UNITS_AFTER_NUMBER)
            or (len(lower) == 1 and word != lower)
        ):
            out.append(lower)
        else:
            out.append(standard)
        previous_number = word.isdigit()
    return out


def search_words(text: str) -> list[str]:
    """The normalised words of `text`: teencode expanded, folded."""
    return fold(" ".join(_standard(_WORD.findall(text)))).split()


def search_form(title: str | None, text: str) -> str:
    """What the index holds for one document: its title and text as normalised words."""
    body = f"{title}\n{text}" if title else text
    return fold(" ".join(_standard(_WORD.findall(body))))


@dataclass(frozen=True)
class Term:
    """One required part of a query: a word, or a quoted phrase; `prefix` for a trailing *.

    `literal` is the word as typed when it is teencode and also a word of its own, matched
    as well: "hem" is "không" in chat but also "hẻm" (alley) typed without diacritics.
    """

    words: tuple[str, ...]
    prefix: bool = False
    literal: str | None = None

    def __str__(self) -> str:
        shown = " ".join(self.words) + ("*" if self.prefix else "")
        return f"{shown}|{self.literal}" if self.literal else shown


def _segment_terms(segment: str) -> list[tuple[Term, bool]]:
    """Terms of unquoted text, each with whether it is a droppable function word."""
    found: list[tuple[Term, bool]] = []
    matches = list(_QUERY_WORD.finditer(segment))
    standard = _standard([m.group(1) for m in matches])
    for match, expanded in zip(matches, standard, strict=True):
        typed = fold(match.group(1))
        if match.group(2):  # the start of a word, as typed: no teencode
            found.append((Term((typed,), prefix=len(typed) >= MIN_PREFIX), False))
            continue
        words = tuple(fold(expanded).split())
        # Teencode for two words ("ngta" → "người ta") is a phrase.
        literal = typed if words != (typed,) else None
        found.append((Term(words, literal=literal), match.group(1).lower() in STOPWORDS))
    return found


def parse_query(text: str) -> tuple[Term, ...]:
    """The terms a query requires, in the order typed, without repeats.

    Words are required together (AND); "quoted words" must appear side by side; a word
    ending in * matches any word it begins ("ngap*" finds "ngập", "ngập"); any other
    punctuation is a separator and never reaches the database as syntax.
    """
    parts = text.translate(_QUOTES).split('"')
    # An unmatched last quote opens nothing: its text is read as plain words.
    if len(parts) % 2 == 0:
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    candidates: list[tuple[Term, bool]] = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            candidates.extend(_segment_terms(part))
            continue
        star = part.rstrip().endswith("*")
        words = search_words(part)
        if len(words) == 1:
            candidates.extend(_segment_terms(part))
        elif words:
            candidates.append((Term(tuple(words), star and len(words[-1]) >= MIN_PREFIX), False))
    keep_stopwords = all(stop for _, stop in candidates)
    terms: list[Term] = []
    for term, stop in candidates:
        if (stop and not keep_stopwords) or term in terms:
            continue
        terms.append(term)
    return tuple(terms[:MAX_TERMS])


def normalise_query(text: str) -> tuple[str, ...]:
    """The terms searched for `text`: "ngap", "thu duc" (a phrase), "ngap*" (a prefix),
    "khong|ko" (teencode: either form)."""
    return tuple(str(term) for term in parse_query(text))
