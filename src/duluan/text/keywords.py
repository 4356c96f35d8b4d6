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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .fold import fold
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


@dataclass(frozen=True)
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


def _chunks(text: str) -> Iterator[list[tuple[str, str]]]:
    """Runs of content words as (folded, written) pairs, split at anything else."""
    stop = _stopwords()
    run: list[tuple[str, str]] = []
    sentence_start = True
    for token in segment_words(text):
        written = " ".join(token.text.split())
        key = fold(written)
        if sentence_start and token.kind == "word":
            # A capital that only starts a sentence does not make a name.
            written = written[:1].lower() + written[1:] if not _is_name(written[1:] or "x") or " " not in written else written
            sentence_start = False
        elif token.kind == "punct" and token.text.strip() in {".", "!", "?", "…", ":"}:
            sentence_start = True
        content = (
            token.kind == "word" and key not in stop and len(key) > 1
            and all(c.isalpha() or c in " -" for c in key)
        )
        # A name ("Thủ Đức") and the common words around it ("bức xúc") are two
        # keywords, never one: runs also break where capitalisation changes.
        if content and run and _is_name(written) != _is_name(run[-1][1]):
            yield run
            run = []
        if content:
            run.append((key, written))
            continue
        if run:
            yield run
        run = []
    if run:
        yield run


def _is_name(written: str) -> bool:
    return all(part[:1].isupper() for part in written.split())


def _candidates(text: str) -> Iterator[tuple[str, str]]:
    for run in _chunks(text):
        for start in range(len(run)):
            for size in range(1, MAX_WORDS + 1):
                part = run[start : start + size]
                if len(part) < size:
                    break
                key = " ".join(k for k, _ in part)
                if key.count(" ") + 1 > MAX_SYLLABLES:
                    break
                yield key, " ".join(w for _, w in part)


def candidate_keys(text: str) -> list[str]:
    """Folded candidate phrases of `text` (used to build the background statistics)."""
    return [key for key, _ in _candidates(text)]


def _weight(key: str, df: dict[str, int], documents: int) -> float:
    idf = math.log((documents + 1) / (df.get(key, 0) + 1)) + 1.0
    syllables = key.count(" ") + 1
    # One syllable is rarely a readable keyword on its own; two to three are the sweet spot.
    shape = 0.35 if syllables == 1 else 1.0 if syllables <= 3 else 0.8
    return idf * shape


def _overlaps(first: str, second: str) -> bool:
    if f" {first} " in f" {second} " or f" {second} " in f" {first} ":
        return True
    a, b = first.split(), second.split()
    return a[-1] == b[0] or b[-1] == a[0]


def _select(scored: dict[str, float], counts: Counter[str], surfaces: dict[str, Counter[str]], top: int) -> list[Keyword]:
    chosen: list[Keyword] = []
    for key, score in sorted(scored.items(), key=lambda kv: (-kv[1], kv[0])):
        # Skip a phrase inside, around or chained to one already chosen: "thu gom" after
        # "thu gom rác", "đường ngập" after "ngập nước".
        if any(_overlaps(key, k.key) for k in chosen):
            continue
        phrase = surfaces[key].most_common(1)[0][0]
        chosen.append(Keyword(phrase=phrase, key=key, score=round(score, 4), count=counts[key]))
        if len(chosen) >= top:
            break
    return chosen


def document_keywords(text: str, top: int = 8) -> list[Keyword]:
    """The most telling phrases of one text."""
    documents, df = _background()
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for key, written in _candidates(text):
        counts[key] += 1
        surfaces[key][written] += 1
    scored = {
        key: (1 + math.log(n)) * _weight(key, df, documents)
        for key, n in counts.items()
        # Three words seen once and never in the background are a chance sequence.
        if key.count(" ") < 2 or n > 1 or df.get(key, 0) >= 3
    }
    # A phrase seen once in one text is only as good as its words are rare; one repeated
    # or known as a collocation in the background earns its length.
    return _select(scored, counts, surfaces, top)


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
    return _select(scored, doc_freq, surfaces, top)
