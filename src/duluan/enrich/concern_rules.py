"""The lexicon labeller: complaint score and concern from the phrases of concern_lexicon.

It is the baseline the learned model is measured against, and the first source of weak
labels it is trained on. A text typed without diacritics is matched on folded words, so
"ngap nuoc" reads as "ngập nước"; a text typed with them is matched with them, since
folding makes many words one: "chờ" (wait) and "cho" (for), "dẹp" and "đẹp", "nản" and
"nạn", "quá" and "qua". Teencode is expanded first ("ko ai giải quyết" → "không ai ...").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..text.fold import fold
from ..text.normalize import canonical_tone_placement
from ..text.teencode import expand_teencode
from .concern_lexicon import COMPLAINT_FAMILIES, COMPLAINT_MARKERS, TOPIC_TERMS

__all__ = ["LexiconLabel", "LexiconLabeller", "folded_words"]

_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Question or exclamation marks add a little to a complaint; mostly they end questions
# put to someone ("bao giờ mới làm?") or outbursts.
_QUESTION_WEIGHT = 0.5
_EXCLAMATION_WEIGHT = 0.5


_NOT_MARKED_WORD = re.compile(r"[\W_]+")
# A Vietnamese letter with a diacritic: the text was typed with marks.
_MARKED_LETTER = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)


def folded_words(text: str) -> str:
    """`text` as folded words between single spaces, padded: " ngap nuoc qua "."""
    return " " + " ".join(_NOT_WORD.split(fold(expand_teencode(text)))).strip() + " "


def marked_words(text: str) -> str:
    """`text` as lower-case words with their diacritics (tone marks in their canonical
    place), between single spaces, padded: " ngập nước quá "."""
    words = canonical_tone_placement(expand_teencode(text).lower())
    return " " + " ".join(_NOT_MARKED_WORD.split(words)).strip() + " "


def has_marks(text: str) -> bool:
    """Whether `text` was typed with diacritics (one marked letter is enough)."""
    return _MARKED_LETTER.search(text) is not None


def _fold_table(table: dict[str, float], words: Callable[[str], str] = folded_words) -> list[tuple[str, float]]:
    folded: dict[str, float] = {}
    for phrase, weight in table.items():
        key = words(phrase)
        # Two phrases may fold to one ("phản ánh"/"phản ảnh"): keep the stronger.
        if abs(weight) > abs(folded.get(key, 0.0)):
            folded[key] = weight
    return sorted(folded.items())


@dataclass(frozen=True)
class LexiconLabel:
    """What the lexicon sees in one text."""

    complaint_score: float  # sum of marker weights; > threshold reads as a complaint
    complaint: bool
    concern: str  # best-scoring concern id, "other" when no topic phrase matched
    concern_scores: dict[str, float]  # summed topic weights per concern (matched only)
    markers: tuple[str, ...]  # the complaint markers found, as matched (folded in unmarked text)
    # the same markers' weights summed per family of concern_lexicon.COMPLAINT_FAMILIES
    family_scores: dict[str, float] = field(default_factory=dict)

    @property
    def topic_strength(self) -> float:
        """The winning concern's summed weight (0 for "other")."""
        return self.concern_scores.get(self.concern, 0.0)


class LexiconLabeller:
    """Scores texts with the hand-written lexicon; stateless after construction."""

    def __init__(self, complaint_threshold: float = 1.0) -> None:
        self.complaint_threshold = complaint_threshold
        self._topics = list(TOPIC_TERMS)
        # Two spellings of every table: folded (for text without diacritics) and marked.
        self._family: dict[str, str] = {}
        self._by_first: dict[bool, dict[str, list[tuple[str, str, float]]]] = {}
        for marked, words in ((False, folded_words), (True, marked_words)):
            for name, table in COMPLAINT_FAMILIES.items():
                self._family.update((phrase, name) for phrase, _ in _fold_table(table, words))
            # Index every phrase by its first word: a text is only checked for the phrases
            # that start with one of its words (same matches, several times faster).
            index: dict[str, list[tuple[str, str, float]]] = {}
            tables = [("", COMPLAINT_MARKERS)] + list(TOPIC_TERMS.items())
            for owner, table in tables:
                for phrase, weight in _fold_table(table, words):
                    index.setdefault(phrase.split()[0], []).append((owner, phrase, weight))
            self._by_first[marked] = index

    def label(self, text: str) -> LexiconLabel:
        """The lexicon's reading of one text."""
        # Decomposed marks (NFD) would split words apart in the marked path; stored text
        # is NFC already, so the check (in C) is all most texts cost.
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        marked = has_marks(text)
        words = marked_words(text) if marked else folded_words(text)
        by_first = self._by_first[marked]
        candidates: dict[str, list[tuple[str, float]]] = {}
        for word in set(words.split()):
            for owner, phrase, weight in by_first.get(word, ()):
                if phrase in words:
                    candidates.setdefault(owner, []).append((phrase, weight))
        found = candidates.get("", [])
        # A marker inside a longer one found too ("đề nghị" in "đề nghị xử lý") adds nothing.
        kept = [(m, w) for m, w in found if not any(m != o and m in o for o, _ in found)]
        score = sum(w for _, w in kept)
        families: dict[str, float] = {}
        for marker, weight in kept:
            family = self._family[marker]
            families[family] = families.get(family, 0.0) + weight
        if "?" in text:
            score += _QUESTION_WEIGHT
        if "!" in text:
            score += _EXCLAMATION_WEIGHT
        scores: dict[str, float] = {}
        for cid in self._topics:
            hits = candidates.get(cid, [])
            hits = [(t, w) for t, w in hits if not any(t != o and t in o for o, _ in hits)]
            if hits:
                scores[cid] = sum(w for _, w in hits)
        concern = max(scores, key=lambda c: (scores[c], c)) if scores else "other"
        return LexiconLabel(
            complaint_score=score,
            complaint=score >= self.complaint_threshold,
            concern=concern,
            concern_scores=scores,
            markers=tuple(m.strip() for m, _ in kept),
            family_scores=families,
        )

    def topic_matrix(self, labels: Sequence[LexiconLabel], ids: Sequence[str]) -> np.ndarray:
        """Topic scores as an array (texts × `ids`), zero where nothing matched."""
        out = np.zeros((len(labels), len(ids)))
        column = {cid: j for j, cid in enumerate(ids)}
        for i, label in enumerate(labels):
            for cid, score in label.concern_scores.items():
                out[i, column[cid]] = score
        return out

    def label_many(self, texts: Sequence[str]) -> list[LexiconLabel]:
        """`label` over a batch, in order."""
        return [self.label(t) for t in texts]

    def complaint_probability(self, label: LexiconLabel) -> float:
        """A squashed score for the baseline's calibration row: 0.5 at the threshold."""
        return 1.0 / (1.0 + math.exp(-(label.complaint_score - self.complaint_threshold)))
