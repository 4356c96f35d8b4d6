"""Every label for a batch of texts: the shipped models plus places and keywords.

One call per batch, so the models share their feature pass and each stage runs
vectorised; the ingest loop calls it in its worker processes, `duluan label` on streams,
and `duluan enrich` on stored documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..text.keywords import document_keywords
from ..text.places import PlaceMention, find_places

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
TEXT_DATA_DIR = Path(__file__).resolve().parent.parent / "text" / "data"
# The VNTC topic labels as the data set spells them (no diacritics), and as people read them.
CATEGORY_NAMES = {
    "Chinh tri Xa hoi": "Chính trị – Xã hội", "Doi song": "Đời sống", "Khoa hoc": "Khoa học",
    "Kinh doanh": "Kinh doanh", "Phap luat": "Pháp luật", "Suc khoe": "Sức khỏe",
    "The gioi": "Thế giới", "The thao": "Thể thao", "Van hoa": "Văn hóa", "Vi tinh": "Vi tính",
}
KEYWORDS_PER_DOCUMENT = 8
# Sentiment and toxicity learned from what people write: course comments, product reviews,
# social posts, news comments. On press articles they say nothing sensible (the sentiment
# mixture called 4,979 of 5,000 VNTC news articles negative; the toxicity score flags
# entertainment news that quotes "dở" or "nhảm"), so documents of these kinds get neither.
PRESS_KINDS = frozenset({"news", "page"})
# How labels are read from the same model files; part of `model_version`, so that a
# change here makes `duluan enrich` redo what older rules enriched.
# 2: toxicity label follows the score; no sentiment or toxicity for PRESS_KINDS.
# 3: long texts read as passages for complaint and concern; keywords keep a two-syllable
#    phrase seen once only if news uses it, and names keep their capitals.
ENRICHMENT_RULES = 3


@dataclass
class Enrichment:
    category: str | None = None
    category_p: float | None = None
    sentiment: str | None = None
    sentiment_probabilities: dict[str, float] = field(default_factory=dict)
    toxicity: str | None = None
    toxicity_score: float | None = None
    complaint_p: float | None = None
    concern: str | None = None
    concern_p: float | None = None
    keywords: list[str] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `duluan label`."""
        return {
            "category": {
                "label": self.category, "name": CATEGORY_NAMES.get(self.category or "", self.category),
                "probability": self.category_p,
            },
            "sentiment": {"label": self.sentiment, "probabilities": self.sentiment_probabilities},
            "toxicity": {"label": self.toxicity, "score": self.toxicity_score},
            "complaint": self.complaint_p,
            "concern": {"label": self.concern, "probability": self.concern_p},
            "keywords": self.keywords,
            "places": [
                {
                    "surface": p.surface, "start": p.start, "end": p.end, "level": p.level, "era": p.era,
                    "name": p.name, "code": p.code, "province_code_new": p.province_code_new,
                    "new_codes": list(p.new_codes), "confidence": p.confidence,
                    "candidates": list(p.candidates),
                }
                for p in self.places
            ],
        }


@lru_cache(maxsize=1)
def model_version() -> str:
    """A short hash of the shipped model files and the language core's data (keyword
    counts, pair table, gazetteer): enrichment made by other files is stale."""
    digest = hashlib.sha256(f"rules {ENRICHMENT_RULES}\n".encode())
    for folder in (MODELS_DIR, TEXT_DATA_DIR):
        for path in sorted(folder.glob("*")):
            if path.suffix in (".npz", ".json", ".gz"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def enrich_texts(texts: Sequence[str], kinds: Sequence[str | None] | None = None) -> list[Enrichment]:
    """Labels, scores, keywords and places for each text, in order.

    `kinds`: each text's document kind ("news", "page", "post", "comment"), where known;
    press articles and web pages (`PRESS_KINDS`) get no sentiment and no toxicity.
    """
    from .concerns import predict_concerns
    from .models import shipped_models

    texts = list(texts)
    if not texts:
        return []
    kinds = [None] * len(texts) if kinds is None else list(kinds)
    if len(kinds) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(kinds)} kinds")
    out = [Enrichment() for _ in texts]
    # 1. The shared-feature models: category, sentiment, toxicity.
    for row, predicted, kind in zip(out, shipped_models().predict(texts), kinds, strict=True):
        category = predicted.get("category")
        if category:
            row.category = category["label"]
            row.category_p = category["probabilities"][category["label"]]
        if kind in PRESS_KINDS:
            continue
        sentiment = predicted.get("sentiment")
        if sentiment:
            row.sentiment = sentiment["label"]
            row.sentiment_probabilities = sentiment["probabilities"]
        toxicity = predicted.get("toxicity")
        if toxicity:
            row.toxicity = toxicity["label"]
            row.toxicity_score = toxicity.get("score")
    # 2. Citizen concern and complaint.
    for row, concern in zip(out, predict_concerns(texts), strict=True):
        row.complaint_p = round(concern.complaint, 4)
        row.concern = concern.concern
        row.concern_p = round(concern.concern_probabilities[concern.concern], 4)
    # 3. The language core: places (old units mapped to new) and keywords.
    for row, text in zip(out, texts, strict=True):
        row.places = find_places(text)
        row.keywords = [k.phrase for k in document_keywords(text, top=KEYWORDS_PER_DOCUMENT)]
    return out
