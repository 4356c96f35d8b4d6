"""Find mentions of Vietnamese administrative units in free text and resolve them.

`find_places` works in three stages:

1. tokenise the folded text (no diacritics, lower case), keeping each token's span in
   the original, so "ngap o thu duc" and "ngập ở Thủ Đức" take the same path;
2. match each position against, in order, blocked phrases ("Thái Bình Dương"), short
   forms ("TP.HCM", "Sài Gòn"), a unit prefix followed by a name ("phường Bến Nghé",
   "Q.1") and bare names (provinces, and districts people name on their own); after a
   plural unit word, the rest of its list ("các quận 1, 3 và Bình Thạnh");
3. resolve each match to one unit using the places mentioned nearby (a ward's district
   or province, a district's province); what stays ambiguous is reported with all its
   candidates and a low confidence, never silently guessed.

Names written with diacritics must agree with the unit's own ("Huệ" is not "Huế");
names written without them match on the folded form.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

from duluan.text.fold import fold
from duluan.text.places_aliases import (
    ALIASES,
    BLOCK_AFTER,
    BLOCK_PHRASES,
    COMMON_AFTER_PREFIX,
    COMMON_WORDS,
    DOTTED_PREFIXES,
    NAMED_AFTER,
    PERSON_TITLES,
    PREFIXES,
    SURNAMES,
)
from duluan.text.places_gazetteer import (
    Gazetteer,
    Unit,
    _exact,
    has_tone,
    load_gazetteer,
)
from duluan.text.places_lookup import PlaceMatch, province_by_code, resolve_place, ward_by_code

__all__ = [
    "PlaceMatch",
    "PlaceMention",
    "find_places",
    "province_by_code",
    "resolve_place",
    "ward_by_code",
]

_TOKEN = re.compile(r"[a-z]+|[0-9]+")
# Split with the token captured: gap, token, gap, token…, gap in one call.
_GAPS_AND_TOKENS = re.compile(f"({_TOKEN.pattern})")
# What may stand between two tokens of one name: "TP.HCM", "Q. 1", "Bà Rịa - Vũng Tàu".
_JOINER = re.compile(r"[\s.\-–']{0,3}")
_CONTEXT_CHARS = 150  # how far a province or district counts as context, either side
# Centrally-run cities: their rural districts are household names too ("Củ Chi", "Sóc Sơn").
_CITIES = frozenset({"01", "31", "48", "79", "92"})
_LEVEL_RANK = {"province": 0, "district": 1, "ward": 2}
_WARD_KINDS = frozenset({"phuong", "xa", "thi tran", "dac khu"})
_NEAR = 60  # how far to look for capital letters: does this writer capitalise names?
_SPACES = re.compile(r"\s{1,3}")
_FOLDED_PEOPLE = frozenset(fold(w) for w in PERSON_TITLES | SURNAMES)
_TUPLE = tuple.__new__
# A place word before a bare name ("ở Gò Vấp", "về Định Quán") says a place follows. "ở"
# and "tại" say it firmly enough to take a lowercase or common-word name ("o thanh xuan");
# "về", "đến", "từ" only admit capitalised names ("trở về thanh xuân" is youth).
# "cách", "ra", "vào", "lên", "ghé", "gần", "thuộc" (a distance, a trip, nearness,
# belonging) take capitalised names only, like "về"; "thuộc" takes a lowercase one from a
# writer who never capitalises ("thuoc vinh long"), see `_locative_before`.
_LOCATIVE_FIRM = frozenset({"ở", "tại", "o", "tai"})
_LOCATIVE = _LOCATIVE_FIRM | frozenset({
    "về", "đến", "từ", "tới", "cách", "ra", "vào", "lên", "xuống", "ghé", "gần", "thuộc",
    "ve", "den", "tu", "cach", "vao", "len", "xuong", "ghe", "gan", "thuoc",
})  # fmt: skip
# A one-syllable city name ("Vinh", "Chũ") is a given name as often: only the words that
# say "a place" more than "a person" admit it ("ở Vinh", not "lời chúc từ Vinh").
_LOCATIVE_ONE = frozenset({"ở", "tại", "về", "ra", "vào", "cách", "o", "tai", "ve", "vao", "cach"})
# "Q1" is a quarter of a year when a year, a date or business words stand near it.
_QUARTER_AFTER = re.compile(
    r"\s*[/-]\s*\d|\s+(?:năm|nam)\b|\s+\d{4}\b|\s*(?:,|và|va)\s*q\.?\s?\d", re.IGNORECASE
)
_QUARTER_WORDS = (
    "doanh thu", "loi nhuan", "kinh doanh", "tang truong", "gdp", "quy ", "ket qua",
    "bao cao", "thi truong", "%",
)  # fmt: skip
_FOLDED_LOCATIVE = frozenset(fold(w) for w in _LOCATIVE)
_FOLDED_FIRM = frozenset(fold(w) for w in _LOCATIVE_FIRM | {"thuộc"})
# Old HCM's numbered districts: "Q1".."Q4" are quarters of a year as often ("Q1/2025"),
# so only Q5 and above stand without a place nearby.
_QUARTERS = frozenset({"1", "2", "3", "4"})
# Written short forms that name one of several provinces; the places nearby choose
# ("ra ĐN tắm biển Mỹ Khê ... Sơn Trà" is Đà Nẵng), else all are reported. Matched as
# written: "DN" without the stroke is "doanh nghiệp" far more often.
_AMBIGUOUS_SHORT = {"ĐN": ("48", "75")}
# Before "ĐN" these make it a form, a wind or a firm ("giấy ĐN" is a request, "hướng ĐN"
# south-east); so does a colon after it ("ĐN:" a definition).
_NOT_BEFORE_SHORT = frozenset({"giay", "huong", "gio", "tnhh", "ty", "cty", "phieu", "don", "mau"})
_FOLDED_AMBIGUOUS = frozenset(fold(w) for w in _AMBIGUOUS_SHORT)
_STARTERS = frozenset(k[0] for k in (*ALIASES, *PREFIXES, *BLOCK_PHRASES)) | _FOLDED_AMBIGUOUS
# Unit words that take a number: "phường 15 Tân Bình" is an address, so the name after
# the number is a place even when written as an everyday word ("phuong 15 tan binh").
_NUMBERED_KINDS = frozenset({"phuong", "p", "quan", "q"})
# Words before a lane number (folded): "ngõ", "ngách", "hẻm", "kiệt". Not "đường 3/2" or
# "phố 5", where the number names the street and the city may follow ("đường 3/2 Cần
# Thơ"); "số" only before a house number with parts ("số 12/3 Điện Biên Phủ"), since "số 1
# Hà Nội" is "the best in Hà Nội" and "so" is also the folded "sở", "sợ", "sổ".
_LANE_WORDS = frozenset({"ngo", "ngach", "hem", "kiet"})
_HOUSE_WORDS = frozenset({"so"})
_NUMBER_JOINS = frozenset({"/", "-"})
_LOOKBACK = 6  # tokens `_match_at` may read before a name: "hẻm 284/25/20/5 Điện Biên Phủ"
_ADDRESS_GAP = re.compile(r"\s{0,2},?\s{1,3}")  # "phường 15 Tân Bình", "phường 15, Tân Bình"
_BELONGS = frozenset({"thuộc", "thuoc"})  # a place word that is also "learnt" in "học thuộc"
# "các phường Đa Kao, Nguyễn Thái Bình": after a plural word and a unit word, the names
# that follow, split by commas or "và", are units of the same kind (see `_list_items`).
_PLURAL = frozenset({"các", "những", "hai", "ba", "bốn", "cac"})  # as written: "bà" is not
_FOLDED_PLURAL = frozenset(fold(w) for w in _PLURAL)
_AND = r"(?:và|va\u0300|va)"
_LIST_GAP = re.compile(rf"[ \t]{{0,3}},[ \t]{{0,3}}(?:{_AND}[ \t]{{1,3}})?|[ \t]{{1,3}}{_AND}[ \t]{{1,3}}", re.I)
# After a number in a list, these make it a count, not a unit: "các quận 1, 3, 12 người".
_COUNT_AFTER = re.compile(r"[.,/:]\d|\s*%")
_COUNTED = frozenset({
    "nguoi", "ho", "gio", "phut", "ngay", "thang", "nam", "tuan", "tuyen", "ngoi", "can",
    "nha", "xe", "ca", "truong", "lop", "km", "m", "ha", "tan", "kg", "trieu", "ty", "nghin",
    "ngan", "tram", "chuc", "diem", "vu", "chiec", "con", "cay", "lan", "tuoi", "hs", "hoc",
    "benh", "phong", "so", "tang", "doi", "h", "dong", "usd", "lit",
})  # fmt: skip
_LIST_SPAN = 80  # characters read for one item: longer than any unit's name
_KEY, _TEXT = itemgetter(0), itemgetter(3)  # a _Token's key and text


@dataclass(slots=True)
class PlaceMention:
    """One place named in a text, resolved to a unit or to its candidates."""

    start: int
    end: int
    surface: str
    level: str  # "province" | "district" | "ward"
    era: str  # "new" (since 1 July 2025) | "old" (before)
    name: str  # canonical full name, "Phường Bến Nghé"
    code: str | None  # unit code in its era; None while ambiguous
    new_codes: list[str]  # the new units it is or became: province first for old units
    province_code_new: str | None
    confidence: float
    candidates: list[str] = field(default_factory=list)  # all codes, when ambiguous


class _Token(NamedTuple):
    # A tuple, not a dataclass: texts make hundreds of them, and `_TUPLE(_Token, ...)`
    # builds one without a Python-level __init__.
    key: str  # folded
    start: int
    end: int
    text: str  # as written


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    units: list[Unit]
    how: str  # "alias" | "prefix" | "bare"
    kind: str = ""  # the type word a prefix stands for
    numbered: bool = False
    abbreviated: bool = False  # "Q.1", "P7": needs context more than "quận 1"
    number: str = ""  # the number of a numbered unit, "10" in "Q10"
    dotted: bool = False  # "Q.3", not "Q3": a quarter of a year is written "Q3/2025"
    located: bool = False  # "ở Q1": a firm place word before, no quarter of a year near
    listed: frozenset[str] = frozenset()  # the levels a list after it continues with
    confidence: float = 0.95


def _tokenize(text: str) -> list[_Token]:
    folded = fold(text)
    if len(folded) == len(text):
        spans = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
    else:  # decomposed input or a letter that lower-cases to two: map offsets per character
        parts: list[str] = []
        origin: list[int] = []
        for i, ch in enumerate(text):
            f = fold(ch)
            parts.append(f)
            origin.extend([i] * len(f))
        folded = "".join(parts)
        origin.append(len(text))
        spans = []
        for m in _TOKEN.finditer(folded):
            end = origin[m.end() - 1] + 1
            while end < len(text) and not text[end].isalnum() and fold(text[end]) == "":
                end += 1  # keep trailing combining marks inside the token
            spans.append((m.group(), origin[m.start()], end))
    return [_Token(key, s, e, text[s:e]) for key, s, e in spans]


def _joined(tokens: list[_Token], i: int, j: int, text: str) -> bool:
    """Tokens i..j (inclusive) are written as one name: nothing but joiners between."""
    if i == j:  # one token (most calls): nothing between
        return True
    return all(_JOINER.fullmatch(text, tokens[k].end, tokens[k + 1].start) for k in range(i, j))


def _spelled_alike(unit: Unit, written: tuple[str, ...]) -> bool:
    """Tokens written with diacritics must carry the unit's own; bare ASCII passes."""
    if len(unit.exact) != len(written):
        return True  # an alternative key ("Xuân Hương" for "Xuân Hương - Đà Lạt")
    if all(t.isascii() for t in written):
        return True
    # A writer who marks some syllables writes the tones: "Mỹ Tho" is not "Mỹ Thọ", though
    # "Mù Cang Chải" is "Mù Căng Chải" (a breve left out, no tone).
    return all(
        _exact(t) == e if not t.isascii() else not has_tone(e)
        for t, e in zip(written, unit.exact, strict=True)
    )


@lru_cache(maxsize=32768)
def _alike(gaz: Gazetteer, key: tuple[str, ...], written: tuple[str, ...]) -> tuple[Unit, ...]:
    """The units named `key` that agree with its spelling as written (cached: texts repeat)."""
    return tuple(u for u in gaz.by_key[key] if _spelled_alike(u, written))


def _lookup(gaz: Gazetteer, tokens: list[_Token], i: int, text: str) -> tuple[int, list[Unit]]:
    """The longest name starting at token i: (its length in tokens, units bearing it)."""
    for length in gaz.lengths.get(tokens[i].key, ()):
        if i + length > len(tokens):
            continue
        window = tokens[i : i + length]
        key = tuple(map(_KEY, window))  # in C: a generator per call cost more than the rest
        if key in gaz.by_key and _joined(tokens, i, i + length - 1, text):
            alike = _alike(gaz, key, tuple(map(_TEXT, window)))
            if alike:
                return length, list(alike)
    return 0, []


def _house_number_before(tokens: list[_Token], i: int, text: str) -> bool:
    """Token i follows a house or lane number: "ngõ 412 Điện Biên Phủ", "hẻm 185/32 Lê
    Lợi", "số 7 Hà Nội" name streets (many are named after places), not the places."""
    j = i - 1
    if not tokens[j].key.isdigit():
        return False
    # Back over "185/32", "12-14", no further than the scan's window lets every path read.
    while j > max(1, i - _LOOKBACK + 1) and tokens[j - 1].key.isdigit() and text[tokens[j - 1].end : tokens[j].start] in _NUMBER_JOINS:
        j -= 1
    if j < 1 or not _SPACES.fullmatch(text, tokens[j - 1].end, tokens[j].start):
        return False
    word = tokens[j - 1].key
    return word in _LANE_WORDS or (word in _HOUSE_WORDS and j < i - 1)


def _blocked_before(tokens: list[_Token], i: int, text: str, people: bool = True) -> bool:
    """The word(s) before token i make a bare name a street, a river, a person…"""
    if i == 0:
        return False
    prev = tokens[i - 1]
    if not _SPACES.fullmatch(text, prev.end, tokens[i].start):
        return False  # "Gia Lâm, Hà Nội": a comma ends whatever came before
    if _house_number_before(tokens, i, text):
        return True
    if (prev.key,) in BLOCK_AFTER:
        return True
    if i >= 2 and (tokens[i - 2].key, prev.key) in BLOCK_AFTER:
        return True
    if people:
        if (prev.key,) in NAMED_AFTER or (i >= 2 and (tokens[i - 2].key, prev.key) in NAMED_AFTER):
            return True
        lower = prev.text.lower()
        if not prev.text.isascii():
            return lower in PERSON_TITLES or (prev.text[:1].isupper() and lower in SURNAMES)
        return prev.text[:1].isupper() and prev.key in _FOLDED_PEOPLE
    return False


def _place_word_before(tokens: list[_Token], i: int, text: str) -> str:
    """The place word ("ở", "về"…) right before token i, lower case; "" if none."""
    if i == 0 or not _SPACES.fullmatch(text, tokens[i - 1].end, tokens[i].start):
        return ""
    word = unicodedata.normalize("NFC", tokens[i - 1].text.lower())  # "ở" typed decomposed
    if word in _BELONGS and i >= 2 and tokens[i - 2].key == "hoc":
        return ""  # "học thuộc": learnt by heart
    return word if word in _LOCATIVE else ""


def _locative_before(tokens: list[_Token], i: int, text: str) -> str | None:
    """ "firm" or "loose" when a place word stands right before token i, else None."""
    word = _place_word_before(tokens, i, text)
    if not word:
        return None
    if word in _BELONGS:
        # "thuoc vinh long" from a writer who never capitalises; else "thuộc thanh xuân"
        # is youth, and only a capitalised name after it is a place.
        lower = _lowercase_writer(text, tokens[i - 1].start, tokens[i].end)
        return "firm" if lower else "loose"
    return "firm" if word in _LOCATIVE_FIRM else "loose"


def _name_goes_on(tokens: list[_Token], j: int, text: str) -> bool:
    """Token j, right after a name, is capitalised: the name is longer ("Chu Lai", "Vinh Hy")."""
    if j >= len(tokens) or not _SPACES.fullmatch(text, tokens[j - 1].end, tokens[j].start):
        return False
    return tokens[j].text[:1].isupper()


def _quarter_context(text: str, start: int, end: int) -> bool:
    """Words near "Q1" that make it a quarter of a year: "Q1/2025", "doanh thu ở Q1"."""
    if _QUARTER_AFTER.match(text, end):
        return True
    near = fold(text[max(0, start - _NEAR) : end + _NEAR])
    return any(word in near for word in _QUARTER_WORDS)


def _after_numbered_unit(tokens: list[_Token], i: int, text: str) -> bool:
    """Token i follows "phường 15" or "Q.3" (a space or a comma between): an address."""
    if i < 2 or not tokens[i - 1].key.isdigit() or tokens[i - 2].key not in _NUMBERED_KINDS:
        return False
    return _ADDRESS_GAP.fullmatch(text, tokens[i - 1].end, tokens[i].start) is not None


def _lowercase_writer(text: str, start: int, end: int) -> bool:
    """No capital letter near the span: the writer does not capitalise names at all."""
    near = text[max(0, start - _NEAR) : end + _NEAR]
    return near == near.lower()


def _match_at(gaz: Gazetteer, tokens: list[_Token], i: int, text: str) -> tuple[int, _Raw | None]:
    """Try every way a place can start at token i: (tokens consumed, match or None)."""
    if tokens[i].key not in gaz.lengths and tokens[i].key not in _STARTERS:
        return 1, None
    keys = [t.key for t in tokens[i : i + 4]]
    for length in (4, 3, 2):
        if tuple(keys[:length]) in BLOCK_PHRASES:
            return length, None
    codes = _AMBIGUOUS_SHORT.get(tokens[i].text)
    if codes:
        if _short_form_blocked(tokens, i, text):
            return 1, None
        units = [u for u in (gaz.get("new", "province", code) for code in codes) if u]
        return 1, _Raw(tokens[i].start, tokens[i].end, units, "alias")
    for length in (3, 2, 1):
        target = ALIASES.get(tuple(keys[:length]))
        if target and len(keys) >= length and _joined(tokens, i, i + length - 1, text):
            unit = gaz.get(*target)
            if unit is not None:
                if _blocked_before(tokens, i, text, people=False):
                    return length, None  # nor its tail: a blocked "TP.HCM" leaves no "HCM"
                raw = _Raw(tokens[i].start, tokens[i + length - 1].end, [unit], "alias")
                return length, raw
    prefixed = _match_prefixed(gaz, tokens, i, text)
    if prefixed is not None:
        return prefixed
    return _match_bare(gaz, tokens, i, text)


def _short_form_blocked(tokens: list[_Token], i: int, text: str) -> bool:
    """ "giấy ĐN", "hướng ĐN", "ĐN:", "ĐN Logistics": not a province."""
    if i and tokens[i - 1].key in _NOT_BEFORE_SHORT:
        return True
    if text[tokens[i].end : tokens[i].end + 1] == ":":
        return True
    return _name_goes_on(tokens, i + 1, text)


def _match_prefixed(
    gaz: Gazetteer, tokens: list[_Token], i: int, text: str
) -> tuple[int, _Raw] | None:
    """A unit word then a name: "phường Bến Nghé", "Q.1", "TP Thủ Đức", "đặc khu Côn Đảo"."""
    keys = [t.key for t in tokens[i : i + 2]]
    for length in (2, 1):
        prefix = PREFIXES.get(tuple(keys[:length]))
        if prefix is None or i + length >= len(tokens):
            continue
        levels, kind = prefix
        gap = text[tokens[i + length - 1].end : tokens[i + length].start]
        if tuple(keys[:length]) in DOTTED_PREFIXES and "." not in gap:
            continue
        if not _JOINER.fullmatch(gap) or not _joined(tokens, i, i + length - 1, text):
            continue
        size, units = _lookup(gaz, tokens, i + length, text)
        units = [u for u in units if u.level in levels]
        name = tokens[i + length : i + length + size]
        if units and not all(t.text[:1].isupper() or t.key.isdigit() for t in name):
            common = tuple(t.key for t in name) in COMMON_AFTER_PREFIX
            # "đặc khu từ" typed without diacritics, in a text that capitalises names
            careless = all(t.text.isascii() for t in name) and not _lowercase_writer(
                text, name[0].start, name[-1].end
            )
            if common or careless:
                units = []
        if units:
            last = tokens[i + length + size - 1]
            raw = _Raw(tokens[i].start, last.end, units, "prefix", kind=kind)
            raw.numbered = last.key.isdigit() and size == 1
            raw.number = last.key if raw.numbered else ""
            raw.abbreviated = len(keys[0]) == 1 and length == 1
            raw.dotted = "." in gap
            if raw.numbered and raw.abbreviated and raw.number in _QUARTERS and not raw.dotted:
                raw.located = _place_word_before(tokens, i, text) in _LOCATIVE_FIRM and not (
                    _quarter_context(text, raw.start, raw.end)
                )
            if (
                i
                and tokens[i - 1].key in _FOLDED_PLURAL
                and unicodedata.normalize("NFC", tokens[i - 1].text.lower()) in _PLURAL
                and _SPACES.fullmatch(text, tokens[i - 1].end, tokens[i].start)
            ):
                raw.listed = levels
            return length + size, raw
    return None


def _list_items(gaz: Gazetteer, text: str, raws: list[_Raw]) -> list[_Raw]:
    """`raws` with the items of each list added ("các xã A, B và C"), in text order."""
    known = {r.start: r for r in raws}
    starts = sorted(known)
    added: list[_Raw] = []
    for first in raws:
        if not first.listed:
            continue
        pos = first.end
        while (gap := _LIST_GAP.match(text, pos)) is not None:
            start = gap.end()
            if start in known:  # found already (by the scan or a list before): step over it
                if known[start].units[0].level not in first.listed:
                    break
                pos = known[start].end
                continue
            item = _list_item(gaz, text, start, first)
            if item is None or bisect.bisect_left(starts, item.end) != bisect.bisect_left(
                starts, start
            ):
                break  # not a unit of that kind, or it would run into another match
            known[start] = item
            added.append(item)
            pos = item.end
    return sorted(raws + added, key=lambda r: r.start) if added else raws


def _list_item(gaz: Gazetteer, text: str, start: int, first: _Raw) -> _Raw | None:
    """The unit of `first`'s kind named at `start`, if the words there make one."""
    piece = text[start : start + _LIST_SPAN]
    tokens = _tokenize(piece)
    if not tokens or tokens[0].start != 0:
        return None
    if any(tuple(t.key for t in tokens[:n]) in BLOCK_PHRASES for n in (2, 3, 4)):
        return None
    size, units = _lookup(gaz, tokens, 0, piece)
    units = [u for u in units if u.level in first.listed]
    if not units:
        return None
    name, rest = tokens[:size], tokens[size : size + 1]
    numbered = size == 1 and name[0].key.isdigit()
    if numbered != first.numbered:
        return None  # "các quận Cầu Giấy, Đống Đa, 3 người": a count, not quận 3
    if numbered and (_COUNT_AFTER.match(piece, name[0].end) or (rest and rest[0].key in _COUNTED)):
        return None  # "các quận 1, 3, 12 người", "3,5 triệu", "7/2025"
    if not numbered:
        if size == 1:
            return None  # "…, Thắng cho biết": a one-syllable name is a person's as often
        if rest and rest[0].text[:1].isupper() and _SPACES.fullmatch(piece, name[-1].end, rest[0].start):
            return None  # the name goes on: "Tân Hiệp Phát"
        if not all(t.text[:1].isupper() for t in name) and not _lowercase_writer(
            text, start, start + name[-1].end
        ):
            return None
    item = _Raw(start, start + name[-1].end, units, "prefix", kind=first.kind)
    item.numbered, item.number = numbered, name[0].key if numbered else ""
    item.abbreviated, item.dotted, item.listed = first.abbreviated, first.dotted, first.listed
    return item


def _prefer_by_kind(raw: _Raw) -> list[Unit]:
    """What the words alone decide: "TP Hà Tĩnh" is the city, not the tỉnh; "huyện Tân Phú"
    the huyện, not quận Tân Phú; "thành phố Huế" the province before a namesake district."""
    units = raw.units
    if len(units) > 1 and raw.kind and raw.kind not in _WARD_KINDS:
        units = [u for u in units if u.kind == raw.kind] or units
    if len(units) > 1:
        top = min(_LEVEL_RANK[u.level] for u in units)
        units = [u for u in units if _LEVEL_RANK[u.level] == top]
    return units


def _match_bare(gaz: Gazetteer, tokens: list[_Token], i: int, text: str) -> tuple[int, _Raw | None]:
    size, units = _lookup(gaz, tokens, i, text)
    if not size or tokens[i].key.isdigit():
        return 1, None
    written = tokens[i : i + size]
    key = tuple(t.key for t in written)
    provinces = [u for u in units if u.level == "province"]
    title = all(t.text[:1].isupper() for t in written)
    locative = _locative_before(tokens, i, text)
    if locative is None and _after_numbered_unit(tokens, i, text):
        locative = "firm"
    # Rural districts (huyện) outside the big cities are named bare mostly inside other
    # names: "sân bay Long Thành", "cam Cao Phong", "cao nguyên đá Đồng Văn"; after a place
    # word and capitalised ("về Định Quán") they are places (and still need their
    # province nearby, see `_candidates`).
    # One-syllable city names ("cách Pleiku 170 km", "ở Vinh") only after a place word,
    # capitalised: alone they are a given name as often.
    one_syllable = (
        len(key) == 1
        and title
        and _place_word_before(tokens, i, text) in _LOCATIVE_ONE
        and not _name_goes_on(tokens, i + 1, text)
    )
    named = [u for u in units if u.level == "district" and (len(key) >= 2 or one_syllable)]
    # A household name first: "ở Bình Tân" is HCM's quận, not Vĩnh Long's huyện.
    districts = [u for u in named if u.urban or u.province_new in _CITIES]
    if not districts and locative is not None and not _name_goes_on(tokens, i + size, text) and (
        title or (locative == "firm" and all(t.text.isascii() for t in written)
                  and _lowercase_writer(text, written[0].start, written[-1].end))
    ):
        districts = named
    found = provinces or districts
    if not found or _blocked_before(tokens, i, text):
        return (size, None) if found else (1, None)
    # "người dân phường Bến Thành" folds to "nguoi dan phuong ben thanh": the unit word
    # inside a bare match ("Đan Phượng") gives way to the prefixed name it starts.
    for k in range(i + 1, i + size):
        if (tokens[k].key,) in PREFIXES and _match_prefixed(gaz, tokens, k, text) is not None:
            return 1, None
    plain = all(t.text.isascii() for t in written)
    if not title and locative != "firm" and (
        key in COMMON_WORDS
        or (not plain and not provinces)
        or (not provinces and not _lowercase_writer(text, written[0].start, written[-1].end))
    ):
        return size, None
    raw = _Raw(written[0].start, written[-1].end, found, "bare")
    raw.confidence = 0.9 if provinces else 0.8
    if not title and (not plain or key in COMMON_WORDS):
        raw.confidence = 0.75
    return size, raw


def _candidates(raw: _Raw, ctx: _Context, final: bool) -> tuple[list[Unit], float] | None:
    """Narrow the units of a match by the places nearby; the confidence of what is left.

    Before the `final` round, only context decides; the tie-breaks wait for the last round
    so that a quận settled late ("phường Tân Định, quận 1") still gets its say.
    """
    scored = []
    for unit in raw.units:
        score = 0
        if unit.district and unit.district in ctx.districts:
            score += 4
        if unit.province_new in ctx.new:
            # A unit in force sits exactly in the new province; an old one only if its own
            # old province was named too ("huyện Châu Thành, An Giang": not Kiên Giang's).
            score += 3 if unit.era == "new" else 2
        if unit.era == "old" and unit.province in ctx.old:
            score += 1
        scored.append((score, unit))
    best = max(s for s, _ in scored)
    units = [u for s, u in scored if s == best]
    if not final and (best == 0 or len(units) > 1):
        return None
    confidence = raw.confidence
    needs_context = raw.numbered and (raw.abbreviated or raw.units[0].level == "ward")
    if raw.numbered and raw.abbreviated and raw.units[0].level == "district":
        needs_context = raw.number in _QUARTERS and not raw.dotted and not raw.located
    needs_context |= raw.how == "bare" and all(
        u.level == "district" and not u.urban and u.province_new not in _CITIES for u in units
    )
    if best == 0 and needs_context:
        return [], 0.0
    if best == 0 and raw.numbered:
        confidence = 0.85  # "quận 3" alone: one unit in the country, but no support nearby
    if len(raw.units) > 1 and best > 0:
        confidence = 0.9 if best >= 4 else 0.85
    if len(units) > 1 and raw.kind:
        same_kind = [u for u in units if u.kind == raw.kind]
        units = same_kind or units
    if len(units) > 1:
        # The same name in both eras (Huế, or phường Tân Định without its quận): the unit
        # in force wins, unless the old district nearby said otherwise (score above).
        new = [u for u in units if u.era == "new"]
        if len(new) == 1 and all(u.key == new[0].key or u.code == new[0].code for u in units):
            units = new
            confidence = min(confidence, 0.85 if best else 0.8)
        elif new:
            units = new  # still ambiguous: the old namesakes are mostly their predecessors
    return units, confidence


@dataclass(slots=True)
class _Context:
    new: set[str] = field(default_factory=set)
    old: set[str] = field(default_factory=set)
    districts: set[str] = field(default_factory=set)

    def add(self, unit: Unit, namesakes: list[Unit]) -> None:
        # "An Giang" settles on the new province, but a huyện nearby may be the old one's.
        for other in namesakes:
            if (
                other.era == "old"
                and other.level == "province" == unit.level
                and other.key == unit.key
            ):
                self.old.add(other.code)
        self.new.add(unit.province_new)
        if unit.era == "old":
            self.old.add(unit.province)
            if unit.level == "district":
                self.districts.add(unit.code)
            elif unit.district:
                self.districts.add(unit.district)


def _mention(text: str, raw: _Raw, units: list[Unit], confidence: float) -> PlaceMention:
    surface = text[raw.start : raw.end]
    if len(units) == 1:
        u = units[0]
        return PlaceMention(raw.start, raw.end, surface, u.level, u.era, u.name, u.code,
                            list(u.new_codes), u.province_new, round(confidence, 2))  # fmt: skip
    provinces = sorted({u.province_new for u in units})
    province = provinces[0] if len(provinces) == 1 else None
    first = units[0]
    return PlaceMention(
        raw.start, raw.end, surface, first.level, first.era, first.name, None,
        [province] if province else [], province,
        round(max(0.1, min(0.5, 1 / len(units))), 2), list(dict.fromkeys(u.code for u in units)),
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Filter:
    """Which tokens can start a match at all: most tokens of a text cannot, and for them
    `_match_at` answers (1, None) after a dozen dictionary look-ups, so they are skipped."""

    first: frozenset[str]  # a token that may start something
    alone: frozenset[str]  # ...and needs nothing after it: an alias, "Huế"
    prefix: frozenset[str]  # ...if a name starts right after it or one token later
    pairs: frozenset[tuple[str, str]]  # ...or needs the next token too: ("ha", "noi")
    rural_pairs: frozenset[tuple[str, str]]  # ...and a place word before it: "về Định Quán"
    located: frozenset[str]  # one-token names that need a place word before: "ở Vinh"
    # A unit word starts a match only where a name begins after it: a one-token name, or
    # the first two tokens of a longer one ("tỉnh" before "hình" is no place).
    name_singles: frozenset[str]
    name_pairs: frozenset[tuple[str, str]]
    window: int  # how many tokens after a start `_match_at` may read


@lru_cache(maxsize=4)
def _filter(gaz: Gazetteer) -> _Filter:
    # A bare name is only ever kept when it names a province or a district people name
    # on its own (see `_match_bare`); every other start goes through `_STARTERS`.
    bare = [
        key for key, units in gaz.by_key.items()
        if any(
            u.level == "province"
            or (u.level == "district" and len(key) >= 2 and (u.urban or u.province_new in _CITIES))
            for u in units
        )
    ]  # fmt: skip
    rural = [
        key for key, units in gaz.by_key.items()
        if len(key) >= 2 and any(u.level == "district" for u in units)
    ]  # fmt: skip
    # A short form or blocked phrase of two tokens or more starts only where its first two
    # are: "thành", "hoa", "tp" are far more common than "thành phố HCM", "Hòa Bình Thượng…".
    phrases = [k for k in (*ALIASES, *BLOCK_PHRASES) if len(k) >= 2]
    alone = {k[0] for k in ALIASES if len(k) == 1} | {key[0] for key in bare if len(key) == 1}
    alone |= _FOLDED_AMBIGUOUS
    pairs = frozenset((key[0], key[1]) for key in (*bare, *phrases) if len(key) >= 2)
    rural_pairs = frozenset((key[0], key[1]) for key in rural) - pairs
    located = frozenset(
        key[0] for key, units in gaz.by_key.items()
        if len(key) == 1 and not key[0].isdigit() and any(u.level == "district" for u in units)
    ) - alone  # fmt: skip
    # A unit word ("quận", "thị xã") starts a match only if a name starts 1 or 2 tokens on.
    prefix = {k[0] for k in PREFIXES} - alone
    first = alone | prefix | located | {a for a, _ in pairs} | {a for a, _ in rural_pairs}
    # A prefix (two tokens) then a name, or a bare name holding a prefix then a name.
    window = 2 * gaz.max_tokens + 6
    name_singles = frozenset(key[0] for key in gaz.by_key if len(key) == 1)
    name_pairs = frozenset((key[0], key[1]) for key in gaz.by_key if len(key) >= 2)
    return _Filter(
        frozenset(first), frozenset(alone), frozenset(prefix), pairs, rural_pairs, located,
        name_singles, name_pairs, window,
    )  # fmt: skip


def _scan(gaz: Gazetteer, text: str, folded: str) -> list[_Raw]:
    """Stage 2 over the whole text: the matches, in order, as `_match_at` finds them."""
    flt = _filter(gaz)
    if len(folded) != len(text):  # rare: the slow tokeniser maps offsets per character
        tokens = _tokenize(text)
        keys = [t.key for t in tokens]
    else:
        parts = _GAPS_AND_TOKENS.split(folded)
        keys = parts[1::2]
    n = len(keys)
    first, alone, prefix, pairs, rural_pairs = flt.first, flt.alone, flt.prefix, flt.pairs, flt.rural_pairs
    located, singles, name_pairs = flt.located, flt.name_singles, flt.name_pairs
    if first.isdisjoint(keys):
        return []

    def capital(i: int) -> bool:  # token i is capitalised (asked of a few tokens only)
        if len(folded) != len(text):
            return tokens[i].text[:1].isupper()
        return text[sum(map(len, parts[: 2 * i + 1]))].isupper()
    # A name admitted by the word before it ("về Định Quán") is capitalised unless that
    # word is a firm one ("o thanh xuan"): the others are skipped before any matching.
    starts = [
        i for i in [i for i, k in enumerate(keys) if k in first]
        if keys[i] in alone
        or (i + 1 < n and (
            (pair := (keys[i], keys[i + 1])) in pairs
            or (i and pair in rural_pairs and (
                (keys[i - 1] in _FOLDED_LOCATIVE
                 and (keys[i - 1] in _FOLDED_FIRM or capital(i)))
                or (i >= 2 and keys[i - 1].isdigit() and keys[i - 2] in _NUMBERED_KINDS)
            ))
        ))
        or (keys[i] in located and i and keys[i - 1] in _FOLDED_LOCATIVE and capital(i))
        or (keys[i] in prefix and (
            (i + 1 < n and (keys[i + 1] in singles or tuple(keys[i + 1 : i + 3]) in name_pairs))
            or (i + 2 < n and (keys[i + 2] in singles or tuple(keys[i + 2 : i + 4]) in name_pairs))
        ))
    ]  # fmt: skip
    if not starts:
        return []
    if len(folded) == len(text):
        # Tokens are made only around the starts: most of a text is never looked at.
        # Offsets without a match object per token: the parts are gap, token, gap,
        # token…, so token j runs from bounds[2j + 1] to bounds[2j + 2].
        bounds = list(accumulate(map(len, parts), initial=0))
        made: list[_Token] = []  # tokens[made_from:] once made
        made_from = made_to = 0
    raws: list[_Raw] = []
    after = 0  # the original loop steps over every token; a match moves it past its tokens
    for i in starts:
        if i < after:
            continue
        if len(folded) != len(text):
            lo, window = 0, tokens
        else:
            # `_match_at` reads at most _LOOKBACK tokens back ("hẻm 453/12" before a name)
            # and `flt.window` ahead: a window that large behaves as the whole list (the
            # checks against its length agree).
            lo, hi = max(0, i - _LOOKBACK), min(n, i + flt.window)
            if lo > made_to:  # a gap: start afresh, the tokens behind are never read again
                made, made_from, made_to = [], lo, lo
            made += [
                _TUPLE(_Token, (k, b, e, text[b:e]))
                for k, b, e in zip(
                    keys[made_to:hi],
                    bounds[2 * made_to + 1 : 2 * hi + 1 : 2],
                    bounds[2 * made_to + 2 : 2 * hi + 2 : 2],
                    strict=True,
                )
            ]
            made_to = max(made_to, hi)
            window = made[lo - made_from : hi - made_from]
        step, raw = _match_at(gaz, window, i - lo, text)
        if raw is not None:
            raws.append(raw)
        after = i + step
    return raws


def find_places(text: str, *, folded: str | None = None) -> list[PlaceMention]:
    """Every mention of a Vietnamese administrative unit in `text`, in order.

    `folded` is `fold(text)` when the caller has made it already (the language core
    folds each text once for places and features).
    """
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return []
    gaz = load_gazetteer()
    raws = _scan(gaz, text, fold(text) if folded is None else folded)
    if not raws:  # most texts: nothing to resolve
        return []
    if any(r.listed for r in raws):
        raws = _list_items(gaz, text, raws)

    # Resolve the unambiguous first, let them settle the others, then break the ties.
    settled: dict[int, tuple[list[Unit], float]] = {}
    starts = [r.start for r in raws]
    for n, raw in enumerate(raws):
        units = raw.units = _prefer_by_kind(raw)
        if all(u.level == "province" and u.key == units[0].key for u in units):
            units = [min(units, key=lambda u: u.era != "new")]  # Tây Ninh: 80 now, 72 before
        distinct = {(u.level, u.code) for u in units}
        if len(distinct) != 1:
            continue
        if raw.how == "bare" and all(
            u.level == "district" and not u.urban and u.province_new not in _CITIES for u in units
        ):
            continue  # a rural district said bare ("về Định Quán") needs its province nearby
        if raw.numbered and (raw.abbreviated or units[0].level == "ward"):
            # "Q.1" alone may be a quarter ("Q1/2025"); next to another place it is a quận.
            lo = bisect.bisect_left(starts, raw.start - _CONTEXT_CHARS)
            hi = bisect.bisect_right(starts, raw.end + _CONTEXT_CHARS)
            if hi - lo < 2:
                continue
        settled[n] = ([min(units, key=lambda u: u.era != "new")], raw.confidence)
    final = False
    while True:
        pending = [n for n in range(len(raws)) if n not in settled]
        if not pending:
            break
        before = len(settled)
        for n in pending:
            raw = raws[n]
            ctx = _Context()
            lo = bisect.bisect_left(starts, raw.start - _CONTEXT_CHARS)
            hi = bisect.bisect_right(starts, raw.end + _CONTEXT_CHARS)
            for m in range(lo, hi):
                if m != n and m in settled and len(settled[m][0]) == 1:
                    ctx.add(settled[m][0][0], raws[m].units)
            decided = _candidates(raw, ctx, final)
            if decided is not None:
                settled[n] = decided
        if final:
            break
        # Context spreads one hop per round; once nothing new settles, break the ties.
        final = len(settled) == before
    return [_mention(text, raws[n], *settled[n]) for n in sorted(settled) if settled[n][0]]
