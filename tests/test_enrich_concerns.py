"""The citizen concern and complaint model: taxonomy, offline loading, predictions, floor."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from duluan.enrich.concern_eval import evaluate_concerns, score_predictions
from duluan.enrich.concern_lexicon import COMPLAINT_MARKERS, TOPIC_TERMS
from duluan.enrich.concern_model import LinearHeads
from duluan.enrich.concern_rules import LexiconLabeller, folded_words
from duluan.enrich.concerns import (
    CONCERN_IDS,
    CONCERNS,
    MODEL_STEM,
    load_concern_model,
    predict_concerns,
)

DATA = Path(__file__).parent / "data"
EXPECTED_IDS = {
    "flooding", "traffic", "waste", "pollution", "land_housing", "prices", "utilities",
    "health", "education", "public_order", "public_services", "jobs_wages", "food_safety",
    "scams", "other",
}  # fmt: skip


def test_taxonomy_has_every_id_with_names_and_examples():
    assert set(CONCERN_IDS) == EXPECTED_IDS
    assert len(CONCERN_IDS) == len(set(CONCERN_IDS))
    for concern in CONCERNS:
        assert concern.name_vi and concern.name_en
        assert any(ord(ch) > 127 for ch in concern.name_vi)  # written in Vietnamese
        assert 2 <= len(concern.examples) <= 3


def test_lexicon_covers_every_concern_but_other():
    assert set(TOPIC_TERMS) == EXPECTED_IDS - {"other"}
    assert "bức xúc" in COMPLAINT_MARKERS and COMPLAINT_MARKERS["cảm ơn"] < 0


def test_model_card_lists_the_taxonomy():
    card = (MODEL_STEM.parent / "concern.md").read_text(encoding="utf-8")
    for concern in CONCERNS:
        assert f"`{concern.id}`" in card and concern.name_vi in card


def test_lexicon_reads_with_and_without_diacritics_and_teencode():
    labeller = LexiconLabeller()
    accented = labeller.label("Hẻm nhà tôi ngập nước cả tuần nay mà không ai giải quyết")
    folded = labeller.label("hem nha toi ngap nuoc ca tuan nay ma ko ai giai quyet")
    assert accented.concern == folded.concern == "flooding"
    assert accented.complaint and folded.complaint
    assert accented.complaint_score == folded.complaint_score
    assert labeller.label("Đội tuyển thắng 2-0 tối qua").concern == "other"
    assert folded_words("Đề nghị, xử lý!") == " de nghi xu ly "


def test_model_loads_offline_from_the_package_once(monkeypatch):
    monkeypatch.setenv("DULUAN_DATA", "/nonexistent")
    first = load_concern_model()
    assert first is load_concern_model()
    assert first.labels == list(CONCERN_IDS)
    assert MODEL_STEM.with_suffix(".npz").stat().st_size < 8_000_000


def test_model_file_round_trips_without_pickle(tmp_path):
    model = load_concern_model()
    model.save(tmp_path / "copy")
    again = LinearHeads.load(tmp_path / "copy")
    texts = ["Mất điện cả ngày không báo trước", "Giá vàng hôm nay đi ngang"]
    for a, b in zip(model.predict(texts), again.predict(texts), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-3)
    with np.load(tmp_path / "copy.npz", allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)


@pytest.mark.parametrize(
    ("text", "complaint", "concern"),
    [
        (
            "Rác chất đống đầu hẻm cả tuần nay không ai thu gom, bốc mùi hôi thối, "
            "đề nghị phường xử lý.",
            True,
            "waste",
        ),
        (
            "Công ty nợ lương công nhân ba tháng rồi, chủ thì né tránh, anh em không biết kêu ai.",
            True,
            "jobs_wages",
        ),
        (
            "Tôi bấm vào đường link lạ trong tin nhắn giả ngân hàng, mất sạch tiền, xin giúp đỡ.",
            True,
            "scams",
        ),
        (
            "Bộ Giáo dục công bố lịch thi tốt nghiệp trung học phổ thông năm nay.",
            False,
            "education",
        ),
        (
            "mat dien tu sang toi gio ko bao truoc, nong qua troi, dien luc dau roi",
            True,
            "utilities",
        ),
        ("Tối nay đội tuyển đá trận chung kết, cả nhà cùng xem nhé.", False, "other"),
    ],
)
def test_sensible_predictions(text, complaint, concern):
    [prediction] = predict_concerns([text])
    assert prediction.is_complaint is complaint
    assert prediction.concern == concern
    assert abs(sum(prediction.concern_probabilities.values()) - 1.0) < 1e-6
    assert 0.0 <= prediction.complaint <= 1.0


def test_predict_concerns_keeps_order_and_handles_empty_input():
    assert predict_concerns([]) == []
    texts = ["Kẹt xe kinh khủng ở ngã tư", "Ngộ độc sau khi ăn bánh mì"]
    assert [p.concern for p in predict_concerns(texts)] == ["traffic", "food_safety"]


def test_scores_are_computed_right_on_a_tiny_case():
    scores = score_predictions(
        [True, False, True, False],
        ["waste", "waste", "other", "health"],
        np.array([0.9, 0.2, 0.4, 0.6]),
        ["waste", "other", "other", "health"],
        np.array([0.9, 0.6, 0.8, 0.7]),
    )
    assert scores.complaint_f1 == pytest.approx(0.5)
    assert scores.per_concern["waste"][:3] == pytest.approx((1.0, 0.5, 2 / 3))
    assert scores.concern_accuracy == pytest.approx(0.75)


def test_eval_set_is_large_varied_and_apart_from_dev():
    rows = [json.loads(line) for line in (DATA / "concerns_eval.jsonl").open(encoding="utf-8")]
    dev = [json.loads(line) for line in (DATA / "concerns_dev.jsonl").open(encoding="utf-8")]
    assert len(rows) >= 800
    assert {r["concern"] for r in rows} == EXPECTED_IDS
    assert sum(not r["diacritics"] for r in rows) >= len(rows) // 5 - 10
    assert not {r["text"] for r in rows} & {r["text"] for r in dev}


# Floors: the scores reached when the model was shipped (see models/concern.md), minus a
# small margin, so that a worse model or lexicon fails here.
FLOORS = {
    ("as-written", "complaint F1"): 0.87,  # shipped: 0.895
    ("as-written", "concern macro F1"): 0.80,  # shipped: 0.821
    ("no-diacritics", "complaint F1"): 0.87,  # shipped: 0.899
    ("no-diacritics", "concern macro F1"): 0.79,  # shipped: 0.817
}


@pytest.mark.slow
def test_eval_floor():
    rows = evaluate_concerns(per_class=False)
    scores = {(r.split, r.metric): r.score for r in rows}
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key}: {scores[key]:.3f} < {floor}"
    assert scores[("as-written", "complaint ECE")] <= 0.05  # shipped: 0.008
    assert scores[("as-written", "concern ECE")] <= 0.12  # shipped: 0.078
    # Robustness: at most 3 points lost without diacritics.
    for metric in ("complaint F1", "concern macro F1"):
        assert scores[("as-written", metric)] - scores[("no-diacritics", metric)] <= 0.03


def test_blind_set_is_well_formed_and_apart_from_the_others():
    blind = [json.loads(line) for line in (DATA / "concerns_blind.jsonl").open(encoding="utf-8")]
    others = {
        json.loads(line)["text"]
        for name in ("concerns_eval.jsonl", "concerns_dev.jsonl")
        for line in (DATA / name).open(encoding="utf-8")
    }
    assert len(blind) == 240 and len({r["id"] for r in blind}) == 240
    assert {r["concern"] for r in blind} == EXPECTED_IDS
    assert not {r["text"] for r in blind} & others


@pytest.mark.slow
def test_blind_set_floor():
    # Measured once, blind (see models/concern.md): 0.833 complaint F1, 0.860 concern
    # macro F1; the floors sit a little below so that a worse model fails here.
    rows = evaluate_concerns(DATA / "concerns_blind.jsonl", per_class=False)
    scores = {(r.split, r.metric): r.score for r in rows}
    assert scores[("as-written", "complaint F1")] >= 0.80
    assert scores[("as-written", "concern macro F1")] >= 0.83
