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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from .fold import fold
from .tokens import Token
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


def _is_name(written: str) -> bool:
    return all(part[:1].isupper() for part in written.split())


_Reading = tuple[str, str, int, bool, bool, str, bool]
# Readings of the word texts seen so far: a plain dict, since `_chunks` asks once per
# word and an lru_cache wrapper would cost as much as the lookup.
_READINGS: dict[str, _Reading] = {}
_MAX_READINGS = 200_000


def _word_reading(text: str) -> _Reading:
    """How `_chunks` reads a word token's text: folded key, written form, syllables,
    whether it is content, whether it is a name, and the last two again for the first
    word of a sentence."""
    written = " ".join(text.split())
    key = fold(written)
    content = (
        key not in _stopwords() and len(key) > 1 and all(c.isalpha() or c in " -" for c in key)
    )
    # A capital that only starts a sentence does not make a name.
    first = (
        written[:1].lower() + written[1:]
        if not _is_name(written[1:] or "x") or " " not in written
        else written
    )
    syllables = key.count(" ") + 1
    reading = (key, written, syllables, content, _is_name(written), first, _is_name(first))
    if len(_READINGS) >= _MAX_READINGS:
        _READINGS.clear()
    _READINGS[text] = reading
    return reading


# A run: the folded keys, written forms and syllable counts of its words.
_Run = tuple[list[str], list[str], list[int]]


def _chunks(text: str, words: Sequence[Token] | None = None) -> Iterator[_Run]:
    """Runs of content words, split at anything else."""
    keys: list[str] = []
    forms: list[str] = []
    sizes: list[int] = []
    run_is_name = False
    sentence_start = True
    known = _READINGS.get
    # Tokens are named tuples: token[0] is the text, token[3] the kind (the fastest access).
    for token in segment_words(text) if words is None else words:
        if token[3] != "word":
            if token[3] == "punct" and token[0].strip() in _SENTENCE_ENDS:
                sentence_start = True
            if keys:
                yield keys, forms, sizes
                keys, forms, sizes = [], [], []
            continue
        key, written, syllables, content, name, first_written, first_name = known(
            token[0]
        ) or _word_reading(token[0])
        if sentence_start:
            written, name = first_written, first_name
            sentence_start = False
        if not content:
            if keys:
                yield keys, forms, sizes
                keys, forms, sizes = [], [], []
            continue
        # A name ("Thủ Đức") and the common words around it ("bức xúc") are two
        # keywords, never one: runs also break where capitalisation changes.
        if keys and name != run_is_name:
            yield keys, forms, sizes
            keys, forms, sizes = [], [], []
        keys.append(key)
        forms.append(written)
        sizes.append(syllables)
        run_is_name = name
    if keys:
        yield keys, forms, sizes


def _candidates(text: str, words: Sequence[Token] | None = None) -> list[tuple[str, str]]:
    """Every phrase of one to MAX_WORDS content words and at most MAX_SYLLABLES syllables,
    as (folded key, written form), in order."""
    found: list[tuple[str, str]] = []
    append = found.append
    for keys, written, syllables in _chunks(text, words):
        size = len(keys)
        if size == 1:  # the most common run: one content word between stopwords
            if syllables[0] <= MAX_SYLLABLES:
                append((keys[0], written[0]))
            continue
        for start in range(size):
            total = syllables[start]
            if total > MAX_SYLLABLES:  # "Thành phố Hồ Chí Minh" alone is already too long
                continue
            append((keys[start], written[start]))
            for end in range(start + 1, min(size, start + MAX_WORDS)):
                total += syllables[end]
                if total > MAX_SYLLABLES:
                    break
                append((" ".join(keys[start : end + 1]), " ".join(written[start : end + 1])))
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


def _select(scored: dict[str, float], top: int) -> list[str]:
    """The best `top` keys by score (ties by key), skipping any that overlaps one taken."""
    chosen: list[str] = []
    taken: list[tuple[str, str, str]] = []  # each chosen key padded with spaces, first, last word
    # Two sorts in C instead of one with a Python key: by key, then stably by score.
    order = sorted(scored)
    order.sort(key=scored.__getitem__, reverse=True)
    for key in order:
        # Skip a phrase inside, around or chained to one already chosen: "thu gom" after
        # "thu gom rác", "đường ngập" after "ngập nước".
        padded = f" {key} "
        parts = key.split()
        first, last = parts[0], parts[-1]
        for other, other_first, other_last in taken:
            if padded in other or other in padded or last == other_first or other_last == first:
                break
        else:
            chosen.append(key)
            if len(chosen) >= top:
                break
            taken.append((padded, first, last))
    return chosen


def _most_written(forms: Mapping[str, int]) -> str:
    """The form written most often, the first seen among equals."""
    return next(iter(forms)) if len(forms) == 1 else max(forms.items(), key=itemgetter(1))[0]


@lru_cache(maxsize=200_000)
def _background_weight(key: str) -> tuple[float, bool]:
    """`_weight` of a key against the background, and whether one sighting is enough:
    three words seen once and never in the background are a chance sequence."""
    documents, df = _background()
    return _weight(key, df, documents), key.count(" ") < 2 or df.get(key, 0) >= 3


_REPEATS = [0.0] + [1 + math.log(n) for n in range(1, 64)]  # 1 + log(count), precomputed


def document_keywords(
    text: str, top: int = 8, *, words: Sequence[Token] | None = None
) -> list[Keyword]:
    """The most telling phrases of one text; `words` (from `segment_words`) if already made."""
    candidates = _candidates(text, words)
    counts: Counter[str] = Counter(map(itemgetter(0), candidates))
    # A phrase seen once in one text is only as good as its words are rare; one repeated
    # or known as a collocation in the background earns its length.
    scored = {}
    for key, n in counts.items():
        weight, once_is_enough = _background_weight(key)
        if once_is_enough or n > 1:
            scored[key] = (_REPEATS[n] if n < 64 else 1 + math.log(n)) * weight
    chosen = _select(scored, top)
    # Written forms only for the chosen few, in the order the text wrote them.
    surfaces: dict[str, dict[str, int]] = {key: {} for key in chosen}
    for key, written in candidates:
        forms = surfaces.get(key)
        if forms is not None:
            forms[written] = forms.get(written, 0) + 1
    return [
        Keyword(_most_written(surfaces[key]), key, round(scored[key], 4), counts[key])
        for key in chosen
    ]


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
        if n >= floor
    }
    return [
        Keyword(_most_written(surfaces[key]), key, round(scored[key], 4), doc_freq[key])
        for key in _select(scored, top)
    ]
