"""The toxicity readers blended with a CNN (`blend.py`): label head and score mixture."""

import numpy as np
import pytest
import scipy.sparse as sp

from blend_fixtures import constant_cnn, constant_head
from duluan.enrich.blend import HeadBlend, NeuralBlend
from duluan.enrich.mixture import Mixture
from duluan.enrich.neural import CnnOptions, token_ids, train_cnn
from duluan.text.fold import fold_keep_case

KIND = ["clean", "hate", "offensive"]




def _softmax(bias: list[float]) -> np.ndarray:
    e = np.exp(np.array(bias))
    return e / e.sum()


FEATURES = sp.csr_matrix((2, 4), dtype=np.float32)
IDS = token_ids(["a", "b c"], 8)


def test_head_blend_is_a_weighted_mean_with_labels_matched_by_name():
    head = constant_head(KIND, [np.log(6.0), 0.0, np.log(3.0)])  # 0.6 0.1 0.3
    # The CNN lists its labels in another order: offensive .5, clean .25, hate .25.
    cnn = constant_cnn(
        {"social": ["offensive", "clean", "hate"]}, {"social": [np.log(2.0), 0.0, 0.0]}
    )
    blend = HeadBlend(head, cnn, "social", 0.4)
    p = blend.predict_proba(FEATURES, IDS)
    assert blend.labels == KIND
    assert p[0] == pytest.approx(
        0.6 * np.array([0.6, 0.1, 0.3]) + 0.4 * np.array([0.25, 0.25, 0.5])
    )
    assert p.sum(axis=1) == pytest.approx(np.ones(2))


def test_head_blend_refuses_a_cnn_head_with_other_labels():
    head = constant_head(KIND, [0.0, 0.0, 0.0])
    cnn = constant_cnn({"comments": ["clean", "toxic"]}, {"comments": [0.0, 0.0]})
    with pytest.raises(ValueError, match="CNN head 'comments' has labels"):
        HeadBlend(head, cnn, "comments", 0.5)


def _score_blend(cuts: dict[str, float]) -> NeuralBlend:
    social = constant_head(["clean", "toxic"], [0.0, 0.0])  # toxic 0.5
    social.metadata["threshold"] = 0.4
    comments = constant_head(["clean", "toxic"], [np.log(4.0), 0.0])  # toxic 0.2
    comments.metadata["threshold"] = 0.6
    router = constant_head(["comments", "social"], [0.0, np.log(3.0)])  # 0.25 / 0.75
    mixture = Mixture({"social": social, "comments": comments}, router)
    cnn = constant_cnn(
        {"social": KIND, "comments": ["clean", "toxic"]},
        {"social": [0.0, np.log(2.0), 0.0], "comments": [0.0, np.log(3.0)]},  # .25 .5 .25 / .25 .75
    )
    return NeuralBlend(mixture, cnn, {"social": 0.2, "comments": 0.6},
                       {"hate": "toxic", "offensive": "toxic"}, cuts)  # fmt: skip


def test_score_blend_mixes_each_expert_with_its_own_cnn_head_and_share():
    blend = _score_blend({"social": 0.3, "comments": 0.5})
    p = blend.predict_proba(FEATURES, IDS)
    toxic = blend.labels.index("toxic")
    social = 0.8 * 0.5 + 0.2 * (0.5 + 0.25)  # the CNN's hate + offensive count as toxic
    comments = 0.4 * 0.2 + 0.6 * 0.75
    assert p[:, toxic] == pytest.approx([0.75 * social + 0.25 * comments] * 2)
    assert p.sum(axis=1) == pytest.approx(np.ones(2))
    # The blend's own thresholds, weighted by the router as the experts' would be.
    assert blend.thresholds(FEATURES) == pytest.approx([0.75 * 0.3 + 0.25 * 0.5] * 2)


def test_score_blend_without_cuts_keeps_the_experts_thresholds():
    assert _score_blend({}).thresholds(FEATURES) == pytest.approx([0.75 * 0.4 + 0.25 * 0.6] * 2)


def test_score_blend_refuses_a_cnn_label_the_mixture_lacks():
    blend = _score_blend({})
    with pytest.raises(ValueError, match=r"says \['hate', 'offensive'\]"):
        NeuralBlend(blend.mixture, blend.cnn, 0.5)


def test_class_balanced_loss_trains_differently_and_deterministically():
    pytest.importorskip("torch")
    texts = ["đồ ngu", "bài viết hay", "cảm ơn bạn", "tin tốt", "rất hay", "đúng rồi"] * 8
    labels = ["toxic", "clean", "clean", "clean", "clean", "clean"] * 8
    ids = token_ids(texts, 64), token_ids([fold_keep_case(t) for t in texts], 64)
    data = {"comments": (ids[0], ids[1], labels)}
    heads = {"comments": ["clean", "toxic"]}
    options = CnnOptions(buckets=64, dim=4, filters=3, epochs=2, batch=8, class_weight="balanced")
    one, two = train_cnn(data, heads, options, 5), train_cnn(data, heads, options, 5)
    np.testing.assert_array_equal(one.embedding, two.embedding)
    plain = train_cnn(data, heads, CnnOptions(buckets=64, dim=4, filters=3, epochs=2, batch=8), 5)
    assert not np.array_equal(one.embedding, plain.embedding)


def test_shipped_toxicity_reads_the_blends_from_small_numpy_files():
    import json
    from pathlib import Path

    from duluan.enrich.models import TASKS, ModelSet, model_inputs
    from duluan.enrich.neural import CnnEnsemble, member_path

    spec = TASKS["toxicity"].cnn
    assert spec is not None and spec.members == 3
    folder = Path(__file__).resolve().parents[1] / "src" / "duluan" / "models"
    seeds = []
    for member in range(spec.members):  # toxicity-cnn, toxicity-cnn-2, toxicity-cnn-3
        path = member_path(folder / spec.name, member).with_suffix(".npz")
        with np.load(path, allow_pickle=False) as arrays:
            assert arrays["embedding"].dtype == np.int8
        assert path.stat().st_size < 4_000_000
        info = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert info["heads"] == {"social": KIND, "comments": ["clean", "toxic"]}
        assert info["terms"]["vihsd"].startswith("research")
        assert (info["member"], info["members"]) == (member + 1, 3)
        seeds.append(info["seed"])
    assert seeds == [seeds[0], seeds[0] + 1, seeds[0] + 2]
    models = ModelSet(("toxicity",))
    label = models.reader("toxicity-kind")
    assert isinstance(label, HeadBlend) and isinstance(label.cnn, CnnEnsemble)
    assert len(label.cnn.members) == 3
    score = models.reader("toxicity-score")
    assert isinstance(score, NeuralBlend) and score.cuts == {"social": 0.44, "comments": 0.40}
    assert score.cnn is label.cnn  # loaded once, run once per batch for both readers
    texts = ["đm thằng ngu", "Cảm ơn bài viết rất hay"]
    rows = models.predict(texts)
    assert [r["toxicity"]["label"] for r in rows][1] == "clean" and rows[0]["toxicity"]["toxic"]
    # The CNN moves both readers: the label's probabilities are not the head's alone.
    inputs = model_inputs(texts)
    _, blended = models.probabilities("toxicity-kind", inputs)
    alone = models.head("toxicity-kind").predict_proba(inputs.features)
    assert not np.allclose(blended, alone)


def _score_mixture() -> Mixture:
    social = constant_head(["clean", "toxic"], [0.0, 0.0])
    social.metadata["threshold"] = 0.3
    comments = constant_head(["clean", "toxic"], [0.0, 0.0])
    comments.metadata["threshold"] = 0.6
    router = constant_head(["comments", "social"], [0.0, np.log(3.0)])  # 0.25 / 0.75
    return Mixture({"social": social, "comments": comments}, router)


def test_a_domain_without_its_own_cut_keeps_its_experts_threshold():
    cnn = constant_cnn({"social": ["clean", "toxic"]}, {"social": [0.0, 0.0]})
    blend = NeuralBlend(_score_mixture(), cnn, {"social": 0.5}, cuts={"social": 0.4})
    cuts = blend.thresholds(sp.csr_matrix((2, 4), dtype=np.float32))
    assert cuts == pytest.approx([0.25 * 0.6 + 0.75 * 0.4] * 2)


@pytest.mark.parametrize("field", ["weight", "cuts"])
def test_a_misspelt_domain_in_weights_or_cuts_is_refused(field):
    cnn = constant_cnn({"social": ["clean", "toxic"]}, {"social": [0.0, 0.0]})
    settings = {"weight": {"social": 0.5}, "cuts": {}}
    settings[field] = {"socail": 0.5}
    with pytest.raises(ValueError, match="socail"):
        NeuralBlend(_score_mixture(), cnn, settings["weight"], cuts=settings["cuts"])


def test_a_numpy_share_reads_as_one_share_for_every_domain():
    cnn = constant_cnn({"social": ["clean", "toxic"]}, {"social": [0.0, 0.0]})
    blend = NeuralBlend(_score_mixture(), cnn, np.float32(0.25))
    assert blend.share("social") == blend.share("comments") == 0.25


def test_head_blend_keeps_what_the_head_says_of_itself():
    head = constant_head(["clean", "toxic"], [0.0, 0.0])
    head.metadata.update({"model": "toxicity-comments", "threshold": 0.6})
    cnn = constant_cnn({"comments": ["clean", "toxic"]}, {"comments": [0.0, 0.0]})
    blend = HeadBlend(head, cnn, "comments", 0.5)
    assert blend.metadata["threshold"] == 0.6 and blend.metadata["model"] == "toxicity-comments"
