"""The citizen concern and complaint model: taxonomy, offline loading, predictions, floor."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from duluan.enrich.concern_eval import evaluate_concerns, evaluate_gold_cv, score_predictions
from duluan.enrich.concern_gold import (
    GoldData,
    GoldOptions,
    cross_validate,
    fit_gold,
    gold_folds,
    read_gold,
)
from duluan.enrich.concern_lexicon import COMPLAINT_FAMILIES, COMPLAINT_MARKERS, TOPIC_TERMS
from duluan.enrich.concern_model import COMPLAINT_FEATURES, LinearHeads, complaint_features
from duluan.enrich.concern_rules import LexiconLabeller, folded_words, has_marks, marked_words
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
    # The families split the markers without changing them.
    assert sum(len(f) for f in COMPLAINT_FAMILIES.values()) == len(COMPLAINT_MARKERS)
    assert all(w < 0 for w in COMPLAINT_FAMILIES["against"].values())


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
    assert accented.family_scores == {"nobody_acts": 4.5, "sufferer": 2.0}
    assert sum(accented.family_scores.values()) == accented.complaint_score


def test_text_with_diacritics_is_matched_with_them():
    labeller = LexiconLabeller()
    # Folded, "đẹp" (beautiful) would be the marker "dẹp", "cho" (for) the marker "chờ",
    # "tai nạn" would hold the marker "nản" and "qua" the marker "quá".
    praise = labeller.label("Bãi biển đẹp, nước trong, tai nạn không có, cho trẻ em qua chơi")
    assert praise.markers == () and praise.complaint_score == 0.0
    assert set(labeller.label("Chờ mãi chán quá, nản thật").markers) == {"chờ", "chán", "quá", "nản"}
    # Typed without marks, the same words are read folded, as before.
    assert set(labeller.label("cho mai chan qua, nan that").markers) == {"chan", "cho", "nan", "qua"}
    assert has_marks("Đã") and has_marks("ngập") and not has_marks("ngap nuoc 😡 !!!")
    # Decomposed marks (NFD) read as the composed text does.
    import unicodedata

    plea = "Đường ngập mấy ngày nay, chờ mãi chán quá"
    nfd = labeller.label(unicodedata.normalize("NFD", plea))
    assert nfd.markers == labeller.label(plea).markers and "chờ" in nfd.markers
    assert marked_words("Hoà  Thuỷ, KO ĐƯỢC!") == " hòa thủy không được "


def test_complaint_features_read_marks_first_person_and_length():
    labeller = LexiconLabeller()
    text = "Nhà tôi mất điện cả tuần nay, ai giải quyết giùm?"
    found = complaint_features(text, labeller.label(text))
    values = dict(zip(COMPLAINT_FEATURES, found, strict=True))
    assert values["question"] == 1.0 and values["exclamation"] == 0.0
    assert values["first_person"] == 1.0 and values["nobody_acts"] > 0
    column = COMPLAINT_FEATURES.index("first_person")
    # "Minh" in a place name is not the writer; folded "toi" only counts in folded text.
    news = "Tại TP Hồ Chí Minh, mưa lớn kéo dài tới tối"
    assert complaint_features(news, labeller.label(news))[column] == 0.0
    folded = "nha toi mat dien ca tuan nay"
    assert complaint_features(folded, labeller.label(folded))[column] == 1.0


def test_model_loads_offline_from_the_package_once(monkeypatch):
    monkeypatch.setenv("DULUAN_DATA", "/nonexistent")
    first = load_concern_model()
    assert first is load_concern_model()
    assert first.labels == list(CONCERN_IDS)
    assert MODEL_STEM.with_suffix(".npz").stat().st_size < 2_000_000
    assert first.gold_complaint_coef is not None and "complaint_gold" in first.stack


def test_model_file_round_trips_without_pickle(tmp_path):
    model = load_concern_model()
    model.save(tmp_path / "copy")
    again = LinearHeads.load(tmp_path / "copy")
    texts = ["Mất điện cả ngày không báo trước", "Giá vàng hôm nay đi ngang"]
    for a, b in zip(model.predict(texts), again.predict(texts), strict=True):
        np.testing.assert_allclose(a, b, atol=1e-3)
    with np.load(tmp_path / "copy.npz", allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)
    np.testing.assert_allclose(again.gold_complaint_coef, model.gold_complaint_coef, atol=1e-3)
    # What training fits the gold part on is what the file holds: quantising is idempotent.
    np.testing.assert_array_equal(model.quantised().concern_coef, again.concern_coef)
    np.testing.assert_array_equal(model.quantised().gold_complaint_coef, again.gold_complaint_coef)


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


def test_gold_sets_are_large_varied_and_distinct():
    rows = [json.loads(line) for line in (DATA / "concerns_eval.jsonl").open(encoding="utf-8")]
    dev = [json.loads(line) for line in (DATA / "concerns_dev.jsonl").open(encoding="utf-8")]
    assert len(rows) >= 800
    assert {r["concern"] for r in rows} == EXPECTED_IDS
    assert sum(not r["diacritics"] for r in rows) >= len(rows) // 5 - 10
    more = [json.loads(line) for line in (DATA / "concerns_more.jsonl").open(encoding="utf-8")]
    # Everyday chatter that is not a complaint, as much as a real stream carries.
    assert sum(not r["complaint"] and r["concern"] == "other" for r in more) >= 100
    # All train the gold part: a text in two files would count twice and cross its folds.
    texts = [r["text"] for r in rows + dev + more]
    assert len(set(texts)) == len(texts)
    gold = read_gold()
    assert len(gold) == len(rows) + len(dev) + len(more) and len({r["id"] for r in gold}) == len(gold)
    # The blind sets never train anything.
    for blind in ("concerns_blind.jsonl", "concerns_blind2.jsonl"):
        held = {json.loads(line)["text"] for line in (DATA / blind).open(encoding="utf-8")}
        assert not held & set(texts)


def test_gold_folds_keep_groups_whole_and_follow_the_seed():
    rows = read_gold()
    folds = gold_folds(rows, 5, seed=13)
    assert set(folds) == {0, 1, 2, 3, 4}
    assert np.array_equal(folds, gold_folds(rows, 5, seed=13))
    assert not np.array_equal(folds, gold_folds(rows, 5, seed=14))
    sizes = np.bincount(folds)
    assert sizes.min() >= 0.8 * len(rows) / 5
    # Consecutive ids written together (ce-0001…ce-0005) stay in one fold.
    index = {r["id"]: i for i, r in enumerate(rows)}
    assert len({folds[index[f"ce-000{i}"]] for i in range(1, 5)}) == 1
    by_concern = gold_folds(rows, 5, seed=13, by="concern")
    for concern in EXPECTED_IDS:
        assert (
            len({f for f, r in zip(by_concern, rows, strict=True) if r["concern"] == concern}) == 1
        )


@pytest.fixture(scope="module")
def small_gold():
    """The shipped weak-label heads and 120 gold texts (every 7th), for the CV machinery."""
    heads = load_concern_model()
    heads = LinearHeads(
        labels=heads.labels, concern_coef=heads.concern_coef, concern_bias=heads.concern_bias,
        complaint_coef=heads.complaint_coef, complaint_bias=heads.complaint_bias,
        options=heads.options, concern_temperature=heads.concern_temperature,
        complaint_scale=heads.complaint_scale, complaint_shift=heads.complaint_shift,
    )  # fmt: skip
    rows = read_gold()[::7][:120]
    return heads, GoldData.build(heads, rows)


def test_gold_part_reads_only_its_training_rows(small_gold):
    heads, data = small_gold
    train = np.arange(0, 90)
    options = GoldOptions(inner_folds=3)
    fitted = fit_gold(heads, data, train, options, seed=13)
    assert fitted.gold_complaint_coef is not None and "complaint_gold" in fitted.stack
    # Flip every label outside `train`: nothing fitted may change.
    flipped = GoldData(
        rows=data.rows, x=data.x, inputs=data.inputs,
        y_complaint=data.y_complaint.copy(), y_concern=data.y_concern.copy(),
    )  # fmt: skip
    outside = data.both(np.arange(90, len(data.rows)))
    flipped.y_complaint[outside] = ~flipped.y_complaint[outside]
    flipped.y_concern[outside] = (flipped.y_concern[outside] + 1) % len(heads.labels)
    again = fit_gold(heads, flipped, train, options, seed=13)
    assert again.stack == fitted.stack
    np.testing.assert_array_equal(again.gold_complaint_coef, fitted.gold_complaint_coef)


def test_cross_validation_predicts_every_text_out_of_fold(small_gold):
    heads, data = small_gold
    cv = cross_validate(heads, data, GoldOptions(gold_head="none"), k=3, seed=13)
    n = len(data.rows)
    assert cv.complaint.shape == (2 * n,) and cv.concern.shape == (2 * n, len(heads.labels))
    assert np.all((cv.complaint > 0) & (cv.complaint < 1))
    np.testing.assert_allclose(cv.concern.sum(axis=1), 1.0, atol=1e-6)
    # Each fold's predictions come from a stack fit on the other folds, so they differ
    # from one fit on everything.
    everything = fit_gold(heads, data, np.arange(n), GoldOptions(gold_head="none"), seed=13)
    _, complaint = everything.combine(data.inputs)
    assert not np.allclose(complaint, cv.complaint)


# Floors: out-of-fold scores over the 905 gold texts when the model was shipped (see
# models/concern.md), minus a small margin, so that a worse model or lexicon fails here.
FLOORS = {
    ("as-written", "complaint F1"): 0.91,  # shipped: 0.934
    ("as-written", "concern macro F1"): 0.80,  # shipped: 0.828
    ("no-diacritics", "complaint F1"): 0.91,  # shipped: 0.935
    ("no-diacritics", "concern macro F1"): 0.80,  # shipped: 0.825
}


@pytest.mark.slow
def test_gold_cross_validation_floor():
    rows = evaluate_gold_cv()
    scores = {(r.split, r.metric): r.score for r in rows}
    for key, floor in FLOORS.items():
        assert scores[key] >= floor, f"{key}: {scores[key]:.3f} < {floor}"
    assert scores[("as-written", "complaint ECE")] <= 0.05  # shipped: 0.028
    assert scores[("as-written", "concern ECE")] <= 0.12
    # Robustness: at most 3 points lost without diacritics.
    for metric in ("complaint F1", "concern macro F1"):
        assert scores[("as-written", metric)] - scores[("no-diacritics", metric)] <= 0.03
    # The lexicon baseline is the same in every run.
    baseline = {(r.split, r.metric): r.baseline for r in rows}
    assert baseline[("as-written", "complaint F1")] < scores[("as-written", "complaint F1")]


def test_evaluate_concerns_scores_any_labelled_file(tmp_path):
    path = tmp_path / "tiny.jsonl"
    rows = [
        {"text": "Rác đầu hẻm cả tuần không ai thu gom", "complaint": True, "concern": "waste"},
        {"text": "Đội tuyển thắng 2-0 tối qua", "complaint": False, "concern": "other"},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    table = {(r.split, r.metric): r for r in evaluate_concerns(path, per_class=False)}
    assert table[("as-written", "complaint F1")].dataset == "tiny"
    assert table[("as-written", "concern accuracy")].score == 1.0


BLIND_SETS = {"concerns_blind.jsonl": 240, "concerns_blind2.jsonl": 300}


@pytest.mark.parametrize("name", sorted(BLIND_SETS))
def test_blind_sets_are_well_formed_and_apart_from_the_others(name):
    blind = [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]
    others = {
        json.loads(line)["text"]
        for other in ("concerns_eval.jsonl", "concerns_dev.jsonl", *BLIND_SETS)
        if other != name
        for line in (DATA / other).open(encoding="utf-8")
    }
    size = BLIND_SETS[name]
    assert len(blind) == size and len({r["id"] for r in blind}) == size
    assert len({r["text"] for r in blind}) == size
    assert {r["concern"] for r in blind} == EXPECTED_IDS
    assert all(isinstance(r["complaint"], bool) and r["kind"] in ("news", "post", "comment") for r in blind)
    assert not {r["text"] for r in blind} & others


# Scored blind (see models/concern.md): the model trained on gold reached complaint F1
# 0.892 and 0.860, concern macro F1 0.877 and 0.813; the floors sit a little below, so
# that a worse model fails here. Never tune on these sets.
BLIND_FLOORS = {"concerns_blind.jsonl": (0.86, 0.85), "concerns_blind2.jsonl": (0.83, 0.79)}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_blind_set_floor(name):
    rows = evaluate_concerns(DATA / name, per_class=False)
    scores = {(r.split, r.metric): r.score for r in rows}
    complaint, concern = BLIND_FLOORS[name]
    assert scores[("as-written", "complaint F1")] >= complaint
    assert scores[("as-written", "concern macro F1")] >= concern


@pytest.mark.slow
def test_models_eval_prints_the_cross_validated_and_blind_scores():
    from click.testing import CliRunner

    from duluan.cli import main

    result = CliRunner().invoke(main, ["models", "eval", "concern", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {r["dataset"] for r in rows} == {"gold 5-fold CV", "concerns_blind", "concerns_blind2"}
    blind2 = {(r["split"], r["metric"]): r["score"] for r in rows if r["dataset"] == "concerns_blind2"}
    assert blind2[("as-written", "complaint F1")] >= BLIND_FLOORS["concerns_blind2.jsonl"][0]


def test_a_concern_is_found_by_its_name_with_or_without_marks() -> None:
    from duluan.enrich.concerns import resolve_concern
    from duluan.errors import UsageError

    cases = {
        "flooding": "flooding", "Ngập nước": "flooding", "ngap": "flooding", "Rác thải, vệ sinh": "waste",
        "giá": "prices", "gia": "prices", "giáo": "education", "Y tế": "health", "lua": "scams", "Jobs": "jobs_wages",
    }
    assert {text: resolve_concern(text) for text in cases} == cases
    for vague in ("giao", "public", "g"):  # giao thông or giáo dục; public order or services
        with pytest.raises(UsageError, match="may mean several concerns"):
            resolve_concern(vague)
    with pytest.raises(UsageError, match="is not a concern; choose one of: flooding \\(Ngập nước, thoát nước\\)"):
        resolve_concern("nuoc")
