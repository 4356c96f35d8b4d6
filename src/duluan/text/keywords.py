"""Readable keywords for one text and for a group of texts ("ngập nước", "thu gom rác").

Candidates are runs of one to three content words (from the word segmenter), never
crossing punctuation, numbers or stopwords, so a keyword is always a phrase someone wrote,
not a syllable fragment. They are scored by frequency in the text (or the group) times
their rarity in a background of news articles (document frequencies shipped in the
package). Single syllables are discounted: "ngập" alone says less than "ngập nước".
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import numpy as np

from .fold import fold
from .token_table import WORD_KIND, TokenTable
from .tokens import KINDS, Token
from .words import segment_words

DATA = Path(__file__).parent / "data"
MAX_WORDS = 3
MAX_SYLLABLES = 4
# News boilerplate and discourse words that the general stopword list lacks.
BOILERPLATE = frozenset(
    fold(w)
    for w in (
        "cho biết", "theo", "tuy nhiên", "ngoài ra", "hiện nay", "thông tin", "bài viết",
        "xem thêm", "nguồn", "ảnh", "video", "clip", "phóng viên", "báo", "trang", "tin",
        "hôm nay", "hôm qua", "sáng nay", "chiều nay", "tối nay", "ngày", "tháng", "năm",
        "giờ", "phút", "mọi người", "ai", "mình", "tôi", "em", "anh", "chị", "ạ", "nha",
        "nhé", "luôn", "quá", "thật sự", "thì", "mà", "là", "của", "và", "có", "không",
        "được", "đã", "đang", "sẽ", "rất", "lại", "vẫn", "còn", "cũng", "nên", "vì",
        "khi", "sau", "trước", "trong", "ngoài", "với", "cho", "để", "từ", "đến", "tại",
        "người", "việc", "vấn đề", "trường hợp", "khu vực", "địa bàn", "thời gian",
        "suốt", "mỗi", "nhiều", "khiến", "so với", "kéo dài", "liên tục", "ba ngày", "mấy ngày",
        "hai ngày", "nay", "đây", "đó", "này", "kia", "rồi", "nữa", "hết", "chưa", "bị",
    )
)  # fmt: skip
# How people talk in posts whatever they are about: intensifiers, "my household", "these
# few days" as the South says it. Never keywords; but not stopwords of the topic vectors
# either (`_stopwords` is theirs too), whose clusters were measured without them.
DISCOURSE = frozenset(
    fold(w)
    for w in (
        "quá trời", "quá chừng", "dữ lắm", "thiệt tình", "nhà em", "nhà mình", "nhà tui", "nhà tôi",
        "giật mình", "bà con", "anh chị em", "cả nhà", "mọi người ơi",
        "mấy bữa", "mấy hôm", "bữa nay", "hôm bữa", "bữa hổm",
    )
)  # fmt: skip


@dataclass(slots=True)  # not frozen: a frozen dataclass takes 3x as long to build
class Keyword:
    phrase: str  # as most often written, diacritics kept
    key: str  # folded form used for counting
    score: float
    count: int


# Entries of the general stopword list that carry civic meaning here: "nước" is water
# in "ngập nước" and "nhà" the house in "nhà ở".
KEEP = frozenset(fold(w) for w in ("nước", "nhà"))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    path = DATA / "stopwords-vi.txt"
    words = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    return (frozenset(fold(w) for w in words if w) - KEEP) | BOILERPLATE


@lru_cache(maxsize=1)
def _background() -> tuple[int, dict[str, int]]:
    path = DATA / "keyword-df.json.gz"
    if not path.exists():
        return 1, {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        data = json.load(handle)
    return int(data["documents"]), dict(data["df"])


_SENTENCE_ENDS = frozenset({".", "!", "?", "…", ":"})
_PUNCT_KIND = KINDS.index("punct")


_FIRST_LETTER = itemgetter(0)


def _is_name(written: str) -> bool:
    """Every syllable starts with a capital; `map` keeps the test in C."""
    return all(map(str.isupper, map(_FIRST_LETTER, written.split())))


# A content word as a phrase part: folded key, written form, syllable count.
_Entry = tuple[str, str, int]
# How a word token reads: its entry (None for a stopword, a number...), whether it is a
# name, and both again for the first word of a sentence.
_Reading = tuple[_Entry | None, bool, _Entry | None, bool]
# Readings of the word texts seen so far: a plain dict, since `_candidates` asks once per
# word and an lru_cache wrapper would cost as much as the lookup.
_READINGS: dict[str, _Reading] = {}
_MAX_READINGS = 200_000


def _only_letters(key: str) -> bool:
    """Letters, spaces and hyphens only; tested in C: without its spaces and hyphens,
    `key` is all letters, or nothing."""
    letters = key.replace(" ", "").replace("-", "")
    return letters.isalpha() or not letters


def _word_reading(text: str) -> _Reading:
    """How `_candidates` reads a word token's text (see `_Reading`); remembered."""
    written = " ".join(text.split())
    key = fold(written)
    content = key not in _stopwords() and key not in DISCOURSE and len(key) > 1 and _only_letters(key)
    # A capital that only starts a sentence does not make a name ("Mưa lớn"), but an
    # acronym ("UBND") or a word whose other syllables are capitalised ("Thủ Đức") is one.
    others = written.partition(" ")[2]
    first = written if written[1:2].isupper() or (others and _is_name(others)) else written[:1].lower() + written[1:]
    syllables = key.count(" ") + 1
    reading = (
        (key, written, syllables) if content else None,
        _is_name(written),
        (key, first, syllables) if content else None,
        _is_name(first),
    )
    if len(_READINGS) >= _MAX_READINGS:
        _READINGS.clear()
    _READINGS[text] = reading
    return reading


def _phrases(run: list[_Entry], append: Callable[[tuple[str, str]], None]) -> None:
    """Every phrase of one to MAX_WORDS words and at most MAX_SYLLABLES syllables of a run
    of content words, as (folded key, written form), by start then by length."""
    for start, (key, written, total) in enumerate(run):
        if total > MAX_SYLLABLES:  # "Thành phố Hồ Chí Minh" alone is already too long
            continue
        append((key, written))
        for next_key, next_written, syllables in run[start + 1 : start + MAX_WORDS]:
            total += syllables
            if total > MAX_SYLLABLES:
                break
            key = f"{key} {next_key}"  # the same strings as " ".join of the words
            written = f"{written} {next_written}"
            append((key, written))


# What `_candidates` reads from a token: a word's reading, or one of these two marks.
_SENTENCE_END = ("end",)  # punctuation that ends a sentence
_NOT_A_WORD = ("other",)  # any other token that is not a word


def _read(token: Token) -> _Reading | tuple[str]:
    if token[3] == "word":  # token[0] is the text, token[3] the kind: the fastest access
        return _READINGS.get(token[0]) or _word_reading(token[0])
    if token[3] == "punct" and token[0].strip() in _SENTENCE_ENDS:
        return _SENTENCE_END
    return _NOT_A_WORD


def _candidates(text: str, words: Sequence[Token] | None = None) -> list[tuple[str, str]]:
    """Every phrase of one to MAX_WORDS content words and at most MAX_SYLLABLES syllables,
    as (folded key, written form), in order (see `_candidates_of`)."""
    return _candidates_of(map(_read, segment_words(text) if words is None else words))


def _candidates_of(readings: Iterable[_Reading | tuple[str]]) -> list[tuple[str, str]]:
    """The candidate phrases of one text from what `_read` gives for each of its words.

    Phrases come from runs of content words, split at anything else: punctuation,
    numbers, stopwords, and a change between names and common words. One pass over the
    words; each word's reading is a dictionary look-up once seen (`_read`), or one per
    distinct text of a batch (`batch_keywords`).
    """
    found: list[tuple[str, str]] = []
    append = found.append
    run: list[_Entry] = []  # the content words of the current run
    run_is_name = False
    sentence_start = True
    for reading in readings:
        if len(reading) == 1:  # not a word
            if reading is _SENTENCE_END:
                sentence_start = True
            if run:
                if len(run) == 1:  # the most common run: one content word between stopwords
                    if run[0][2] <= MAX_SYLLABLES:
                        append(run[0][:2])
                else:
                    _phrases(run, append)
                run = []
            continue
        if sentence_start:
            entry, name = reading[2], reading[3]
            sentence_start = False
        else:
            entry, name = reading[0], reading[1]
        # A name ("Thủ Đức") and the common words around it ("bức xúc") are two
        # keywords, never one: runs also break where capitalisation changes.
        if run and (entry is None or name != run_is_name):
            if len(run) == 1:
                if run[0][2] <= MAX_SYLLABLES:
                    append(run[0][:2])
            else:
                _phrases(run, append)
            run = []
        if entry is not None:
            run.append(entry)
            run_is_name = name
    if run:
        _phrases(run, append)
    return found


def candidate_keys(text: str) -> list[str]:
    """Folded candidate phrases of `text` (used to build the background statistics)."""
    return [key for key, _ in _candidates(text)]


def _weight(key: str, df: dict[str, int], documents: int) -> float:
    idf = math.log((documents + 1) / (df.get(key, 0) + 1)) + 1.0
    syllables = key.count(" ") + 1
    # One syllable is rarely a readable keyword on its own; two to three are the sweet spot.
    shape = 0.35 if syllables == 1 else 1.0 if syllables <= 3 else 0.8
    return idf * shape


# Each key as `_select` compares it: padded with spaces, its first and its last word.
_KEY_PARTS: dict[str, tuple[str, str, str]] = {}


def _key_parts(key: str) -> tuple[str, str, str]:
    parts = key.split()
    found = _KEY_PARTS[key] = (f" {key} ", parts[0], parts[-1])
    if len(_KEY_PARTS) >= _MAX_READINGS:
        _KEY_PARTS.clear()
    return found


def _select(scored: dict[str, float], top: int) -> list[str]:
    """The best `top` keys by score (ties by key), skipping any that overlaps one taken."""
    chosen: list[str] = []
    taken: list[tuple[str, str, str]] = []  # each chosen key padded with spaces, first, last word
    # Two sorts in C instead of one with a Python key: by key, then stably by score.
    order = sorted(scored)
    order.sort(key=scored.__getitem__, reverse=True)
    known = _KEY_PARTS.get
    for key in order:
        # Skip a phrase inside, around or chained to one already chosen: "thu gom" after
        # "thu gom rác", "đường ngập" after "ngập nước".
        parts = known(key) or _key_parts(key)
        padded, first, last = parts
        for other, other_first, other_last in taken:
            if padded in other or other in padded or last == other_first or other_last == first:
                break
        else:
            chosen.append(key)
            if len(chosen) >= top:
                break
            taken.append(parts)
    return chosen


def _most_written(forms: Mapping[str, int]) -> str:
    """The form written most often, the first seen among equals."""
    return next(iter(forms)) if len(forms) == 1 else max(forms.items(), key=itemgetter(1))[0]


def label_form(forms: Mapping[str, int]) -> str:
    """How to show a phrase that a group wrote in several forms: the most written among
    those with diacritics, so a label reads "giấy tờ" even when most members typed
    "giay to" (the most written form when none has them); capitalised as most members
    wrote it, so a sentence-initial "Giấy tờ" does not make a name, nor one writer's
    "ubnd" unmake "UBND"."""
    capital = sum(n for form, n in forms.items() if form[:1].isupper())
    as_name = capital * 2 > sum(forms.values())
    marked = {form: n for form, n in forms.items() if not form.isascii()} or dict(forms)
    same_case = {form: n for form, n in marked.items() if form[:1].isupper() == as_name}
    if same_case:
        return _most_written(same_case)
    form = _most_written(marked)
    return (form[:1].upper() if as_name else form[:1].lower()) + form[1:]


@lru_cache(maxsize=1)
def _known_pairs() -> frozenset[str]:
    """Two-syllable phrases news has used (scripts/build_keyword_pairs.py)."""
    path = DATA / "keyword-pairs.json.gz"
    if not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return frozenset(json.load(handle)["df"])


# Background weights of the keys seen so far: a plain dict, asked once per distinct
# phrase of every text (an lru_cache wrapper cost as much as the work it saved).
_WEIGHTS: dict[str, tuple[float, bool, float]] = {}


def _background_weight(key: str) -> tuple[float, bool, float]:
    """`_weight` of a key against the background, whether one sighting is enough, and the
    weight rounded as a keyword seen once reports it (`round(x, 4)` costs a microsecond).

    Two or more syllables seen once are most often a chance sequence ("tuần giúp" in
    "trong tuần giúp giảm tải") unless news uses them: two syllables must be in the
    table of known pairs, three or more in the background counts."""
    documents, df = _background()
    weight = _weight(key, df, documents)
    spaces = key.count(" ")
    once = spaces == 0 or (key in _known_pairs() if spaces == 1 else df.get(key, 0) >= 3)
    found = _WEIGHTS[key] = (weight, once, round(weight, 4))
    if len(_WEIGHTS) >= _MAX_READINGS:
        _WEIGHTS.clear()
    return found


_REPEATS = [0.0] + [1 + math.log(n) for n in range(1, 64)]  # 1 + log(count), precomputed


def document_keywords(
    text: str, top: int = 8, *, words: Sequence[Token] | None = None
) -> list[Keyword]:
    """The most telling phrases of one text; `words` (from `segment_words`) if already made."""
    return _keywords(_candidates(text, words), top)


def batch_keywords(words: TokenTable, top: int = 8) -> list[list[Keyword]]:
    """`document_keywords` of every text of a batch, from the table of its words (as
    `segment_table` gives it): each distinct word text is read once for the batch."""
    texts, ids, kinds = words.texts, words.ids, words.kinds
    # What each distinct text reads as; two more slots for the marks of other tokens.
    readings: list[_Reading | tuple[str]] = [_NOT_A_WORD] * len(texts)
    readings += [_SENTENCE_END, _NOT_A_WORD]
    known = _READINGS.get
    is_word = kinds == WORD_KIND
    for i in np.unique(ids[is_word]).tolist():
        readings[i] = known(texts[i]) or _word_reading(texts[i])
    is_punct = kinds == _PUNCT_KIND
    ends = np.zeros(len(texts), bool)
    for i in np.unique(ids[is_punct]).tolist():
        ends[i] = texts[i].strip() in _SENTENCE_ENDS
    slots = np.where(is_word, ids, np.where(is_punct & ends[ids], len(texts), len(texts) + 1))
    read = list(map(readings.__getitem__, slots.tolist()))
    offsets = words.offsets
    return [
        _keywords(_candidates_of(read[offsets[i] : offsets[i + 1]]), top)
        for i in range(len(offsets) - 1)
    ]


def _keywords(candidates: list[tuple[str, str]], top: int) -> list[Keyword]:
    # Counted in a plain dict: `Counter(...)` goes through two Python-level calls first,
    # which cost more than counting a text's ~17 candidates.
    counts: dict[str, int] = {}
    count_of = counts.get
    for key, _ in candidates:
        counts[key] = count_of(key, 0) + 1
    # A phrase seen once in one text is only as good as its words are rare; one repeated
    # or known as a collocation in the background earns its length.
    # A key seen once has one written form: the one `dict` keeps (in C) for it.
    written_of = dict(candidates)
    scored = {}
    known = _WEIGHTS.get
    for key, n in counts.items():
        if key in DISCOURSE:  # a phrase of two words ("mấy" "bữa") the word check let through
            continue
        weight, once_is_enough, _ = known(key) or _background_weight(key)
        # A two-syllable name ("Linh Xuân") is a name however rarely news wrote it.
        if once_is_enough or n > 1 or (key.count(" ") == 1 and _is_name(written_of[key])):
            scored[key] = (_REPEATS[n] if n < 64 else 1 + math.log(n)) * weight
    chosen = _select(scored, top)
    # Forms are counted, in the order the text wrote them, only for chosen keys seen more
    # than once (in about a quarter of news leads).
    surfaces: dict[str, dict[str, int]] = {key: {} for key in chosen if counts[key] > 1}
    if surfaces:
        for key, written in candidates:
            forms = surfaces.get(key)
            if forms is not None:
                forms[written] = forms.get(written, 0) + 1
    found = []
    for key in chosen:
        n = counts[key]
        if n == 1:  # the score is the weight itself (1 + log 1 is exactly 1.0)
            score = (known(key) or _background_weight(key))[2]
            found.append(Keyword(written_of[key], key, score, 1))
        else:
            found.append(Keyword(_most_written(surfaces[key]), key, round(scored[key], 4), n))
    return found


def group_keywords(texts: Iterable[str], top: int = 8, min_share: float = 0.05) -> list[Keyword]:
    """Labels for a group (a topic, a story): phrases many members use that the
    background rarely does; `min_share` drops phrases used by too few members."""
    documents, df = _background()
    members = 0
    doc_freq: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        members += 1
        seen = set()
        for key, written in _candidates(text):
            surfaces[key][written] += 1
            seen.add(key)
        doc_freq.update(seen)
    if not members:
        return []
    floor = max(1, math.ceil(min_share * members)) if members >= 5 else 1
    scored = {
        key: (n / members) * _weight(key, df, documents)
        for key, n in doc_freq.items()
        if n >= floor and key not in DISCOURSE
    }
    return [
        Keyword(label_form(surfaces[key]), key, round(scored[key], 4), doc_freq[key])
        for key in _select(scored, top)
    ]
