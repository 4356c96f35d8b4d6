import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from duluan.enrich import datasets
from duluan.enrich.linear import LinearModel, fit_temperature, softmax
from duluan.enrich.models import (
    FEATURE_OPTIONS,
    TASKS,
    ModelSet,
    gated_toxicity_labels,
    model_inputs,
    predict,
    shared_features,
)
from duluan.enrich.scoring import expected_calibration_error, macro_f1, weighted_f1
from duluan.errors import UsageError
from duluan.text.fold import fold_keep_case

MODELS_DIR = Path(__file__).resolve().parents[1] / "src" / "duluan" / "models"
HEADS = [head.name for task in TASKS.values() for head in task.heads]

SPORT = "Đội tuyển Việt Nam thắng Thái Lan 2-0 ở bán kết AFF Cup, HLV Park Hang-seo khen các cầu thủ."
COMPLAINT = "Dịch vụ quá tệ, nhân viên thái độ láo, chờ 2 tiếng không ai giải quyết, rất bức xúc!"
PRAISE = "Thầy dạy rất nhiệt tình và dễ hiểu, em cảm ơn thầy nhiều ạ."
INSULT = "Mày là thằng ngu, câm mồm đi đồ óc chó"
POLITE = "Chúc mọi người một ngày tốt lành và nhiều sức khỏe."


def test_shipped_models_load_offline_without_data(tmp_path):
    # A fresh process with no data folder and a network-less environment variable set:
    # nothing but the package is read.
    code = (
        "from duluan.enrich.models import predict;"
        "import json; print(json.dumps(predict(['Giá xăng tăng mạnh'])[0]))"
    )
    env = {"DULUAN_DATA": str(tmp_path / "absent"), "PATH": "", "no_proxy": "*"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env, cwd=tmp_path).stdout  # fmt: skip
    result = json.loads(out)
    assert set(result) == {"category", "sentiment", "toxicity"}


def test_predictions_are_sensible():
    sport, complaint, praise, insult, polite = predict([SPORT, COMPLAINT, PRAISE, INSULT, POLITE])
    assert sport["category"]["label"] == "The thao"
    assert complaint["sentiment"]["label"] == "negative"
    assert praise["sentiment"]["label"] == "positive"
    assert insult["toxicity"]["label"] in {"offensive", "hate"}
    assert insult["toxicity"]["score"] > polite["toxicity"]["score"]
    assert polite["toxicity"]["label"] == "clean"


NEWS = (
    "Doanh nghiệp tại TP.HCM cần tuyển hàng nghìn lao động cuối năm. Theo trung tâm dịch vụ "
    "việc làm TP.HCM, nhu cầu tuyển dụng dịp cuối năm tăng mạnh, tập trung ở ngành dệt may, "
    "da giày và điện tử."
)


def test_toxicity_label_follows_the_score():
    labels = ["clean", "hate", "offensive"]
    probabilities = np.array([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3], [0.6, 0.3, 0.1], [0.1, 0.5, 0.4]])
    toxic = np.array([False, True, True, True])
    # Not toxic by the score: clean, whatever the label head says; toxic: the likelier
    # kind of abuse, even where the head's top class is clean.
    assert gated_toxicity_labels(labels, probabilities, toxic) == ["clean", "offensive", "hate", "hate"]


def test_labels_never_contradict_the_toxic_flag():
    for row in predict([SPORT, COMPLAINT, PRAISE, INSULT, POLITE, NEWS, "", "ok"]):
        assert (row["toxicity"]["label"] != "clean") == row["toxicity"]["toxic"]
    # The label head alone put "hate" first for this news lead (and for two thirds of VNTC dev).
    assert predict([NEWS])[0]["toxicity"]["label"] == "clean"


def test_without_diacritics_gives_the_same_answers():
    folded = [fold_keep_case(t) for t in (SPORT, COMPLAINT, PRAISE)]
    sport, complaint, praise = predict(folded)
    assert sport["category"]["label"] == "The thao"
    assert complaint["sentiment"]["label"] == "negative"
    assert praise["sentiment"]["label"] == "positive"


def test_probabilities_sum_to_one_and_score_is_a_probability():
    for row in predict([SPORT, COMPLAINT, "", "ok", "🙂🙂"]):
        for name in ("category", "sentiment", "toxicity"):
            assert sum(row[name]["probabilities"].values()) == pytest.approx(1.0, abs=1e-3)
        assert 0.0 <= row["toxicity"]["score"] <= 1.0
        assert isinstance(row["toxicity"]["toxic"], bool)


@pytest.mark.parametrize("head", HEADS)
def test_files_hold_no_pickle_and_are_small(head):
    path = MODELS_DIR / f"{head}.npz"
    with np.load(path, allow_pickle=False) as arrays:
        assert {"columns", "weights", "bias"} <= set(arrays.files)
        assert all(arrays[name].dtype != object for name in arrays.files)
    assert path.stat().st_size < 8_000_000
    info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert info["feature_options"]["n_features"] == FEATURE_OPTIONS.n_features
    assert info["terms"]  # the card's licence statement has its source in the file


def _toy_model() -> LinearModel:
    rng = np.random.default_rng(0)
    coef = rng.normal(size=(3, 50)).astype(np.float32)
    coef[:, ::3] = 0.0  # unused columns must not be stored
    return LinearModel.from_dense(["a", "b", "c"], coef, np.array([0.1, -0.2, 0.0]),
                                  temperature=0.7, metadata={"seed": 1})  # fmt: skip


def test_save_load_round_trip_is_exact(tmp_path):
    model = _toy_model().rounded()  # what float16 storage keeps
    model.save(tmp_path / "toy")
    again = LinearModel.load(tmp_path / "toy")
    features = sp.random(20, 50, density=0.3, format="csr", random_state=1, dtype=np.float32)
    assert again.labels == model.labels
    assert again.temperature == model.temperature
    assert again.metadata == model.metadata
    np.testing.assert_array_equal(again.columns, model.columns)
    np.testing.assert_array_equal(again.scores(features), model.scores(features))
    assert len(model.columns) == 50 - 17


def test_pruning_keeps_the_strongest_columns():
    coef = np.zeros((2, 10), dtype=np.float32)
    coef[0, 3], coef[1, 7], coef[0, 5] = 5.0, -4.0, 0.01
    model = LinearModel.from_dense(["x", "y"], coef, np.zeros(2), keep=0.67)
    assert model.columns.tolist() == [3, 7]


def test_wrong_width_is_refused_with_the_fix():
    with pytest.raises(ValueError, match="feature options"):
        _toy_model().scores(sp.csr_matrix((1, 49), dtype=np.float32))


def test_temperature_and_softmax():
    scores = np.array([[4.0, 0.0], [0.0, 4.0], [4.0, 0.0], [4.0, 0.0]])
    truth = np.array([0, 1, 1, 0])  # one confident mistake in four: soften
    assert fit_temperature(scores, truth) > 1.0
    assert softmax(scores).sum(axis=1) == pytest.approx(np.ones(4))


def test_scores():
    truth = ["a", "a", "b", "b"]
    assert macro_f1(truth, ["a", "a", "b", "a"]) == pytest.approx((0.8 + 2 / 3) / 2)
    assert weighted_f1(truth, truth) == 1.0
    assert expected_calibration_error(np.array([0.9, 0.9]), np.array([1, 0])) == pytest.approx(0.4)


def test_unknown_names_name_the_choices():
    with pytest.raises(UsageError, match="category, sentiment, toxicity"):
        ModelSet(("sentimant",))
    with pytest.raises(UsageError, match="vntc/train"):
        datasets.load("vntc/tran")


def test_shared_features_cut_long_texts():
    long_text = "bóng đá " * 5000
    assert (shared_features([long_text]) != shared_features([long_text[: datasets.NEWS_CHARS]])).nnz == 0


@pytest.mark.data
def test_small_evaluation_on_real_data(tmp_path):
    data = datasets.data_dir()
    if not (data / "sentiment" / "uit-vsfc-dev.jsonl.gz").exists():
        pytest.skip(f"public data sets not found at {data} (set DULUAN_DATA)")
    from duluan.enrich.evaluation import evaluate

    rows = evaluate(["sentiment"], data, baseline=False)
    by_key = {(r.dataset, r.split, r.metric): r.score for r in rows}
    assert by_key[("uit-vsfc", "dev", "weighted F1")] > 0.85
    assert by_key[("uit-vsfc", "dev (no diacritics)", "weighted F1")] > 0.85
    assert by_key[("uit-vsfc", "dev", "ECE (10 bins)")] < 0.1


def _constant_head(labels: list[str], bias: list[float]) -> LinearModel:
    # No weights: every text gets softmax(bias), so the mixture's arithmetic is visible.
    coef = np.zeros((len(labels), 4), dtype=np.float32)
    return LinearModel.from_dense(labels, coef, np.array(bias))


def test_mixture_weighs_experts_by_the_router_and_lacks_nothing():
    from duluan.enrich.mixture import Mixture

    feedback = _constant_head(["negative", "neutral", "positive"], [0.0, 0.0, 0.0])
    reviews = _constant_head(["negative", "positive"], [np.log(3.0), 0.0])  # 0.75 / 0.25
    router = _constant_head(["feedback", "reviews"], [0.0, np.log(3.0)])  # 0.25 / 0.75
    mixture = Mixture({"feedback": feedback, "reviews": reviews}, router)
    p = mixture.predict_proba(sp.csr_matrix((2, 4), dtype=np.float32))
    assert mixture.labels == ["negative", "neutral", "positive"]
    # neutral only through the feedback expert's share; the reviews expert says 0 for it
    assert p[0] == pytest.approx([0.25 / 3 + 0.75 * 0.75, 0.25 / 3, 0.25 / 3 + 0.75 * 0.25])
    assert p.sum(axis=1) == pytest.approx(np.ones(2))
    with pytest.raises(ValueError, match="no expert"):
        Mixture({"feedback": feedback}, router)


def test_sentiment_is_read_through_its_mixture():
    models = ModelSet(("sentiment",))
    labels, p = models.probabilities("sentiment", model_inputs([COMPLAINT, PRAISE]))
    assert labels == ["negative", "neutral", "positive"]
    assert p.sum(axis=1) == pytest.approx(np.ones(2))
    domains, weights = models.reader("sentiment").domain_probabilities(shared_features([PRAISE]))
    assert domains == ["feedback", "reviews", "social"] and weights[0, 0] > 0.5  # a student's thanks


def test_mixture_threshold_is_the_router_weighted_mean_of_the_experts():
    from duluan.enrich.mixture import Mixture

    social = _constant_head(["clean", "toxic"], [0.0, 0.0])
    social.metadata["threshold"] = 0.4
    comments = _constant_head(["clean", "toxic"], [0.0, 0.0])
    comments.metadata["threshold"] = 0.6
    router = _constant_head(["comments", "social"], [0.0, np.log(3.0)])  # 0.25 / 0.75
    mixture = Mixture({"social": social, "comments": comments}, router)
    cuts = mixture.thresholds(sp.csr_matrix((3, 4), dtype=np.float32))
    assert cuts == pytest.approx([0.25 * 0.6 + 0.75 * 0.4] * 3)


def test_toxicity_score_is_a_mixture_with_a_cut_per_text():
    from duluan.enrich.models import thresholds

    models = ModelSet(("toxicity",))
    inputs = model_inputs([INSULT, POLITE])
    cuts = thresholds(models.reader("toxicity-score"), inputs.features)
    assert np.shape(cuts) == (2,) and all(0.05 <= c <= 0.95 for c in cuts)
    labels, p = models.probabilities("toxicity-score", inputs)
    toxic = p[:, labels.index("toxic")]
    assert toxic[0] >= cuts[0] > 0 and toxic[1] < cuts[1]
    score, flags = models.toxic_flags(inputs)
    np.testing.assert_allclose(score, toxic)
    assert flags.tolist() == [True, False]


def test_fit_on_rows_trains_a_head_on_the_rows_of_a_fold():
    from duluan.enrich.training import HeadSpec, fit_on_rows

    good = [f"Sản phẩm rất tốt, giao hàng nhanh lần {i}" for i in range(30)]
    bad = [f"Hàng lỗi, giao chậm, rất thất vọng lần {i}" for i in range(30)]
    texts = good + bad
    x = (shared_features(texts), shared_features([fold_keep_case(t) for t in texts]))
    data = {"reviews/train": {"x": x, "truth": ["positive"] * 30 + ["negative"] * 30}}
    rows = {"reviews/train": np.array([i for i in range(60) if i % 10])}  # a fold leaves out 6
    head = fit_on_rows(HeadSpec("toy", ("reviews/train",), c_grid=(1.0,)), data, rows, seed=3)
    held = shared_features([texts[0], texts[30]])
    assert head.predict(held) == ["positive", "negative"]
