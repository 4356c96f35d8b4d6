"""Citizen concern and complaint: which civic problem a text is about, and whether it is a
citizen's complaint or request for help ("phản ánh", "bức xúc", "kiến nghị", "kêu cứu").

The taxonomy is fixed (ids never change; names and examples may be reworded). The shipped
model (`models/concern.npz` + `concern.json`, card in `models/concern.md`) is loaded once
per process on first use and needs nothing outside the package.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .concern_model import LinearHeads
from .passages import passage_weights, split_passages

__all__ = [
    "CONCERNS",
    "CONCERN_IDS",
    "NOT_A_CONCERN",
    "Concern",
    "ConcernPrediction",
    "load_concern_model",
    "predict_concerns",
    "resolve_concern",
]


@dataclass(frozen=True)
class Concern:
    """One entry of the civic taxonomy."""

    id: str
    name_vi: str
    name_en: str
    examples: tuple[str, ...]  # short phrases a resident would write


CONCERNS: tuple[Concern, ...] = (
    Concern("flooding", "Ngập nước, thoát nước", "Flooding and drainage",
            ("hẻm ngập tới đầu gối", "cống thoát nước bị nghẹt", "triều cường tràn vào nhà")),
    Concern("traffic", "Giao thông, đường sá", "Traffic and roads",
            ("đường đầy ổ gà", "kẹt xe cả tiếng", "đèn tín hiệu hỏng")),
    Concern("waste", "Rác thải, vệ sinh", "Waste and sanitation",
            ("rác không ai thu gom", "bãi rác bốc mùi", "đổ trộm xà bần")),
    Concern("pollution", "Ô nhiễm không khí, nước, tiếng ồn", "Air, water and noise pollution",
            ("khói lò gạch", "nhà máy xả thải ra sông", "bụi mịn vượt ngưỡng")),
    Concern("land_housing", "Đất đai, nhà ở, quy hoạch", "Land, housing and planning",
            ("chậm cấp sổ đỏ", "quy hoạch treo", "đền bù giải tỏa thấp")),
    Concern("prices", "Giá cả, chi phí sinh hoạt", "Prices and cost of living",
            ("giá thịt tăng", "xăng tăng giá", "lúa rớt giá")),
    Concern("utilities", "Điện, nước sinh hoạt", "Electricity and water supply",
            ("mất điện không báo trước", "nước máy đục", "hóa đơn tiền điện tăng vọt")),
    Concern("health", "Y tế", "Health care",
            ("chờ khám cả ngày", "thiếu thuốc bảo hiểm y tế", "nằm ghép giường")),
    Concern("education", "Giáo dục, học phí", "Education and school fees",
            ("lạm thu đầu năm", "ép học thêm", "học phí tăng")),
    Concern("public_order", "An ninh trật tự", "Public order and safety",
            ("trộm xe máy", "đua xe ban đêm", "cướp giật điện thoại")),
    Concern("public_services", "Thủ tục hành chính, dịch vụ công",
            "Administrative procedures and public services",
            ("hồ sơ trễ hẹn", "làm căn cước bị hẹn nhiều lần", "cán bộ một cửa hách dịch")),
    Concern("jobs_wages", "Việc làm, tiền lương", "Jobs and wages",
            ("công ty nợ lương", "không đóng bảo hiểm xã hội", "mất việc")),
    Concern("food_safety", "An toàn thực phẩm", "Food safety",
            ("ngộ độc thực phẩm", "thịt ôi thiu", "rau phun thuốc")),
    Concern("scams", "Lừa đảo", "Scams and fraud",
            ("giả danh công an gọi điện", "link lạ mất tiền", "bị lừa đặt cọc online")),
    Concern("other", "Khác", "Other",
            ("hàng mua bị lỗi", "nhà mạng trừ tiền", "tin thể thao, giải trí")),
)  # fmt: skip
CONCERN_IDS: tuple[str, ...] = tuple(c.id for c in CONCERNS)
# The id for "no civic concern fits": counted among complaints, never ranked as a concern.
NOT_A_CONCERN = "other"

MODEL_STEM = Path(__file__).resolve().parent.parent / "models" / "concern"


def resolve_concern(text: str) -> str:
    """A concern's id from its id, its Vietnamese or English name, or the start of one,
    with or without diacritics ("ngập nước", "ngap", "Flooding"); an error lists them."""
    from ..errors import UsageError
    from ..text.fold import fold

    if text in CONCERN_IDS:
        return text

    def starting(form: Callable[[str], str], whole: bool) -> set[str]:
        wanted = form(text).replace(",", " ").split()
        found = set()
        for concern in CONCERNS:
            for name in (concern.id.replace("_", " "), concern.name_vi, concern.name_en):
                words = form(name).replace(",", " ").split()[: len(wanted)]
                if wanted and len(words) == len(wanted) and (
                    words == wanted if whole else words[:-1] == wanted[:-1] and words[-1].startswith(wanted[-1])
                ):
                    found.add(concern.id)
        return found

    # Typed with marks, they decide first ("giá" is prices, not "giáo dục"); whole words
    # before the start of one ("giao" is traffic).
    marked: Callable[[str], str] = lambda value: unicodedata.normalize("NFC", value).casefold()  # noqa: E731
    folded: Callable[[str], str] = lambda value: fold(value).lower()  # noqa: E731
    stages = [(folded, True), (folded, False)]
    if fold(text) != text:  # marks typed: read with them first
        stages[:0] = [(marked, True), (marked, False)]
    found: set[str] = set()
    for form, whole in stages:
        found = starting(form, whole)
        if len(found) == 1:
            break
    if len(found) == 1:
        return found.pop()
    listed = "; ".join(f"{c.id} ({c.name_vi})" for c in CONCERNS)
    what = "may mean several concerns" if found else "is not a concern"
    raise UsageError(f"{text!r} {what}; choose one of: {listed}")


@dataclass(frozen=True)
class ConcernPrediction:
    """The concern model's answer for one text."""

    complaint: float  # probability that the text is a citizen's complaint or plea, 0–1
    concern: str  # the most probable concern id ("other" when no civic concern fits)
    concern_probabilities: dict[str, float]  # every concern id → probability, summing to 1

    @property
    def is_complaint(self) -> bool:
        """Complaint probability at least one half."""
        return self.complaint >= 0.5


_lock = threading.Lock()
_model: LinearHeads | None = None


def load_concern_model(stem: Path | None = None) -> LinearHeads:
    """The shipped model, read once per process (or the model at `stem`, not cached)."""
    global _model
    if stem is not None:
        return LinearHeads.load(stem)
    with _lock:
        if _model is None:
            if not MODEL_STEM.with_suffix(".npz").exists():
                raise FileNotFoundError(
                    f"concern model {MODEL_STEM}.npz is missing; retrain it with "
                    "`python -m duluan.enrich.concern_training --data DIR`"
                )
            _model = LinearHeads.load(MODEL_STEM)
        return _model


def predict_concerns(
    texts: Sequence[str], model: LinearHeads | None = None
) -> list[ConcernPrediction]:
    """Complaint probability and concern with probabilities for each text, in order."""
    texts = list(texts)
    if not texts:
        return []
    model = model or load_concern_model()
    # Long texts are read as passages (see `passages`); one batch for every passage.
    split = [split_passages(text) for text in texts]
    passage_probs, passage_complaint = model.predict([p for parts in split for p in parts])
    probs = np.empty((len(texts), passage_probs.shape[1]))
    complaint = np.empty(len(texts))
    start = 0
    for i, parts in enumerate(split):
        end = start + len(parts)
        if len(parts) == 1:
            probs[i], complaint[i] = passage_probs[start], passage_complaint[start]
        else:
            weights = passage_weights(parts)
            probs[i] = weights @ passage_probs[start:end]
            complaint[i] = float(weights @ passage_complaint[start:end])
        start = end
    labels = model.labels
    results = []
    for row, score in zip(probs, complaint, strict=True):
        best = int(row.argmax())
        results.append(
            ConcernPrediction(
                complaint=float(score),
                concern=labels[best],
                concern_probabilities={
                    label: float(p) for label, p in zip(labels, row, strict=True)
                },
            )
        )
    return results
