"""The sentiment CNN read in numpy (`neural.py`) and its blend with the mixture (`blend.py`)."""

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

import duluan
from blend_fixtures import constant_cnn, constant_head
from duluan.enrich.blend import NeuralBlend
from duluan.enrich.mixture import Mixture
from duluan.enrich.models import TASKS, ModelSet, model_inputs, shared_features
from duluan.enrich.neural import MAX_TOKENS, CnnModel, CnnOptions, token_ids, train_cnn
from duluan.errors import UsageError
from duluan.text.features import _PLACEHOLDER_KINDS
from duluan.text.fold import fold, fold_keep_case
from duluan.text.teencode import TEENCODE
from duluan.text.tokens import tokenize

MODELS_DIR = Path(__file__).resolve().parents[1] / "src" / "duluan" / "models"
CNN = TASKS["sentiment"].cnn
assert CNN is not None

TEXTS = [
    "Thầy dạy rất nhiệt tình và dễ hiểu, em cảm ơn thầy nhiều ạ.",
    "Hàng giao chậm, đóng gói ẩu, dùng 2 hôm đã hỏng. Không bao giờ mua lại!!!",
    "sp ko dc nhu quang cao, gia 335.000 đồng ma chat luong qua te :((",
    "",
    "🙂🙂",
    "ok",
    " ".join(["rất tốt"] * 100),  # longer than MAX_TOKENS
]


def _reference_ids(text: str, buckets: int) -> list[tuple[int, int]]:
    """Token ids written out plainly, one token at a time."""
    ids = []
    for token in tokenize(text)[:MAX_TOKENS]:
        if token.kind in _PLACEHOLDER_KINDS:
            unit = "<" + token.kind + ">"
        else:
            unit = TEENCODE.get(token.text.lower(), token.text.lower())
        written = 1 + zlib.crc32(("w" + unit).encode()) % (buckets - 1)
        folded = 1 + zlib.crc32(("f" + fold(unit)).encode()) % (buckets - 1)
        ids.append((written, folded))
    return ids or [(0, 0)]


def _reference_proba(model: CnnModel, pairs: list[tuple[int, int]], domain: str) -> np.ndarray:
    """The CNN of one text with loops: windows past the end read zero vectors."""
    x = np.array([model.embedding[a] + model.embedding[b] for a, b in pairs], dtype=np.float64)
    length = len(x)
    x = np.vstack([x, np.zeros((max(model.options.widths) - 1, x.shape[1]))])
    maxima, means = [], []
    for width in model.options.widths:
        h = np.array([
            sum(x[t + k] @ model.conv[width][k] for k in range(width)) + model.conv_bias[width]
            for t in range(length)
        ])  # fmt: skip
        h = np.maximum(h, 0.0)
        maxima.append(h.max(axis=0))
        means.append(h.mean(axis=0))
    z = np.concatenate(maxima + means)
    scores = (z @ model.out[domain] + model.out_bias[domain]) / model.temperature[domain]
    e = np.exp(scores - scores.max())
    return e / e.sum()


def test_shipped_cnn_in_numpy_equals_the_reference():
    model = CnnModel.load(MODELS_DIR / CNN.name)
    texts = TEXTS + [fold_keep_case(t) for t in TEXTS[:3]]
    ids = token_ids(texts, model.options.buckets)
    got = model.predict_proba(ids)
    for i, text in enumerate(texts):
        pairs = _reference_ids(text, model.options.buckets)
        offsets = ids.offsets
        assert list(zip(ids.written[offsets[i] : offsets[i + 1]].tolist(),
                        ids.folded[offsets[i] : offsets[i + 1]].tolist(), strict=True)) == pairs  # fmt: skip
        for domain in model.heads:
            np.testing.assert_allclose(got[domain][i], _reference_proba(model, pairs, domain), atol=1e-5)
    assert got["feedback"][0].argmax() == 2 and got["reviews"][1].argmax() == 0  # praise, complaint


def test_inputs_share_one_tokenisation_and_match_separate_passes():
    inputs = model_inputs(TEXTS)
    alone = token_ids(TEXTS, CNN.options.buckets)
    np.testing.assert_array_equal(inputs.token_ids.written, alone.written)
    np.testing.assert_array_equal(inputs.token_ids.offsets, alone.offsets)
    assert (inputs.features != shared_features(TEXTS)).nnz == 0


def test_shipped_cnn_file_is_numpy_only_and_small():
    path = MODELS_DIR / f"{CNN.name}.npz"
    with np.load(path, allow_pickle=False) as arrays:
        assert arrays["embedding"].dtype == np.int8
        assert all(arrays[name].dtype != object for name in arrays.files)
    assert path.stat().st_size < 4_000_000
    info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert info["terms"]["uit-vsfc"].startswith("research")
    assert info["blend_weight"] == CNN.weight


def test_models_load_and_predict_without_torch(tmp_path):
    # torch made unimportable (a finder that refuses it; a None in sys.modules would
    # confuse scipy): inference must not need it, training must say how to get it.
    code = (
        "import sys\n"
        "class NoTorch:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'torch':\n"
        "            raise ImportError('no torch here')\n"
        "sys.meta_path.insert(0, NoTorch())\n"
        "from duluan.enrich.models import predict\n"
        "row = predict(['Hàng tốt, giao nhanh, rất hài lòng'])[0]\n"
        "assert row['sentiment']['label'] == 'positive', row\n"
        "assert 'torch' not in sys.modules\n"
        "from duluan.enrich.neural import train_cnn, CnnOptions\n"
        "from duluan.errors import UsageError\n"
        "try:\n"
        "    train_cnn({}, {}, CnnOptions(), 1)\n"
        "except UsageError as error:\n"
        "    print(error)\n"
    )
    # The same package as this process imports, wherever it comes from.
    env = {**os.environ, "PYTHONPATH": str(Path(duluan.__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path, env=env).stdout  # fmt: skip
    assert "pip install torch==2.13.0" in out




def test_blend_is_a_weighted_mean_over_the_router():
    feedback = constant_head(["negative", "neutral", "positive"], [0.0, 0.0, 0.0])
    reviews = constant_head(["negative", "positive"], [0.0, 0.0])
    router = constant_head(["feedback", "reviews"], [np.log(3.0), 0.0])  # 0.75 / 0.25
    mixture = Mixture({"feedback": feedback, "reviews": reviews}, router)
    cnn = constant_cnn(
        {"feedback": ["negative", "neutral", "positive"], "reviews": ["negative", "positive"]},
        {"feedback": [np.log(2.0), 0.0, 0.0], "reviews": [np.log(3.0), 0.0]},  # .5 .25 .25 / .75 .25
    )
    blend = NeuralBlend(mixture, cnn, 0.3)
    features = sp.csr_matrix((2, 4), dtype=np.float32)
    p = blend.predict_proba(features, token_ids(["a", "b c"], 8))
    m = 0.75 * np.full(3, 1 / 3) + 0.25 * np.array([0.5, 0.0, 0.5])
    c = 0.75 * np.array([0.5, 0.25, 0.25]) + 0.25 * np.array([0.75, 0.0, 0.25])
    assert p[0] == pytest.approx(0.7 * m + 0.3 * c)
    assert p.sum(axis=1) == pytest.approx(np.ones(2))


def test_a_domain_without_a_cnn_head_lends_its_expert_to_the_blend():
    feedback = constant_head(["negative", "neutral", "positive"], [0.0, 0.0, 0.0])
    social = constant_head(["negative", "neutral", "positive"], [0.0, np.log(2.0), 0.0])
    router = constant_head(["feedback", "social"], [0.0, np.log(3.0)])  # 0.25 / 0.75
    mixture = Mixture({"feedback": feedback, "social": social}, router)
    cnn = constant_cnn(
        {"feedback": ["negative", "neutral", "positive"]}, {"feedback": [np.log(2.0), 0.0, 0.0]}
    )  # .5 .25 .25
    blend = NeuralBlend(mixture, cnn, 0.3)
    features = sp.csr_matrix((2, 4), dtype=np.float32)
    ids = token_ids(["a", "b c"], 8)
    p = blend.predict_proba(features, ids)
    expert = np.array([0.25, 0.5, 0.25])
    m = 0.25 * np.full(3, 1 / 3) + 0.75 * expert
    c = 0.25 * np.array([0.5, 0.25, 0.25]) + 0.75 * expert
    assert p[0] == pytest.approx(0.7 * m + 0.3 * c)
    assert blend.cnn_probabilities(features, ids)[1] == pytest.approx(c)
    assert p.sum(axis=1) == pytest.approx(np.ones(2))


def test_a_cnn_head_the_router_does_not_know_is_refused():
    feedback = constant_head(["negative", "positive"], [0.0, 0.0])
    router = constant_head(["feedback"], [0.0])
    cnn = constant_cnn({"reviews": ["negative", "positive"]}, {"reviews": [0.0, 0.0]})
    with pytest.raises(ValueError, match="reviews"):
        NeuralBlend(Mixture({"feedback": feedback}, router), cnn, 0.3)


def test_sentiment_reads_the_blend_and_the_cnn_moves_it():
    models = ModelSet(("sentiment",))
    reader = models.reader("sentiment")
    assert isinstance(reader, NeuralBlend)
    inputs = model_inputs(TEXTS[:2])
    labels, p = models.probabilities("sentiment", inputs)
    assert labels == ["negative", "neutral", "positive"]
    assert p.argmax(axis=1).tolist() == [2, 0]
    assert not np.allclose(p, reader.mixture.predict_proba(inputs.features))


def test_cnn_save_load_round_trip_is_exact(tmp_path):
    rng = np.random.default_rng(0)
    model = constant_cnn({"a": ["x", "y"]}, {"a": [0.1, -0.1]})
    model.embedding = rng.normal(size=model.embedding.shape).astype(np.float32)
    model.embedding[0] = 0.0
    model.conv = {w: rng.normal(size=v.shape).astype(np.float32) for w, v in model.conv.items()}
    model.out = {d: rng.normal(size=v.shape).astype(np.float32) for d, v in model.out.items()}
    model = model.rounded()
    model.save(tmp_path / "toy")
    again = CnnModel.load(tmp_path / "toy")
    ids = token_ids(["một hai ba", "bốn", ""], 8)
    np.testing.assert_allclose(again.predict_proba(ids)["a"], model.predict_proba(ids)["a"], rtol=1e-6)
    assert again.embedding[0].tolist() == [0.0, 0.0]  # padding stays the zero vector


def test_training_without_torch_names_the_fix(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(UsageError, match=r"pip install torch==2\.13\.0"):
        train_cnn({}, {}, CnnOptions(), 1)


def test_training_is_deterministic_when_torch_is_there():
    pytest.importorskip("torch")
    texts = ["rất tốt", "quá tệ", "bình thường", "tuyệt vời", "hỏng rồi", "ổn"] * 10
    labels = ["positive", "negative", "neutral", "positive", "negative", "neutral"] * 10
    ids = token_ids(texts, 64), token_ids([fold_keep_case(t) for t in texts], 64)
    options = CnnOptions(buckets=64, dim=4, filters=3, epochs=2, batch=8)
    data = {"feedback": (ids[0], ids[1], labels)}
    heads = {"feedback": ["negative", "neutral", "positive"]}
    one, two = train_cnn(data, heads, options, 5), train_cnn(data, heads, options, 5)
    np.testing.assert_array_equal(one.embedding, two.embedding)
    np.testing.assert_array_equal(one.out["feedback"], two.out["feedback"])
