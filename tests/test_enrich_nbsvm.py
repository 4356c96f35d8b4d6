"""NBSVM and the SVM+NBSVM blend: ratios, folding into one linear model, save/load."""

import numpy as np
import pytest
import scipy.sparse as sp

from duluan.enrich.linear import LinearModel
from duluan.enrich.nbsvm import NBSVM, Blend, log_count_ratios
from duluan.enrich.training import HeadSpec, fit_head


def _toy(n: int = 240, width: int = 60, classes: int = 3, seed: int = 0):
    """Rows where class k turns on columns 3k..3k+2 more often: separable with noise."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, classes, size=n)
    dense = (rng.random((n, width)) < 0.08).astype(np.float32)
    for k in range(classes):
        rows = np.flatnonzero(y == k)
        dense[rows, 3 * k : 3 * k + 3] += (rng.random((len(rows), 3)) < 0.7).astype(np.float32)
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)
    labels = np.array([f"c{k}" for k in y])
    return sp.csr_matrix(dense), labels


def test_log_count_ratios_favour_a_class_own_columns():
    features, labels = _toy()
    ratios = log_count_ratios(features, labels, ["c0", "c1", "c2"])
    assert ratios.shape == (3, 60)
    for k in range(3):
        own = ratios[k, 3 * k : 3 * k + 3]
        assert (own > 0.5).all()  # present far more often inside the class than outside
        assert own.min() > np.delete(ratios[k], range(3 * k, 3 * k + 3)).max()


@pytest.mark.parametrize("learner", [NBSVM, Blend])
def test_ratios_fold_into_one_weight_matrix(learner):
    features, labels = _toy()
    model = learner(C=1.0, random_state=3).fit(features, labels)
    # The scores are an ordinary linear function of the shared rows.
    expected = features @ model.coef_.T + model.intercept_
    np.testing.assert_allclose(model.decision_function(features), expected, rtol=1e-6)
    predicted = model.classes_[np.argmax(model.decision_function(features), axis=1)]
    assert np.mean(predicted == labels) > 0.9


def test_binary_has_one_row_like_linear_svc():
    features, labels = _toy(classes=2)
    model = NBSVM(C=1.0).fit(features, labels)
    assert model.coef_.shape == (1, 60)
    assert model.decision_function(features).shape == (240,)


@pytest.mark.parametrize("learner", ["nbsvm", "blend"])
def test_head_round_trips_through_save_and_load(tmp_path, learner):
    features, labels = _toy()
    folded = features.copy()
    spec = HeadSpec("toy", ("toy/train",), c_grid=(1.0,), keep=1.0, learner=learner)
    model, report = fit_head(features, folded, labels.tolist(), spec, seed=5)
    assert learner.upper()[:5] in model.metadata["learner"].upper()
    model.save(tmp_path / "toy")
    again = LinearModel.load(tmp_path / "toy")
    np.testing.assert_allclose(again.scores(features), model.rounded().scores(features), atol=1e-5)
    assert again.predict(features) == model.rounded().predict(features)
    # Deterministic by seed: the same inputs give the same weights.
    twin, _ = fit_head(features, folded, labels.tolist(), spec, seed=5)
    np.testing.assert_array_equal(twin.weights, model.weights)


def test_per_set_holdout_averages_the_sets():
    features, labels = _toy(n=300)
    groups = [0] * 150 + [1] * 150
    spec = HeadSpec("toy", ("a/train", "b/train"), c_grid=(0.3, 1.0), per_set_holdout=True)
    model, report = fit_head(features, features, labels.tolist(), spec, seed=5, groups=groups)
    assert set(report.holdout_scores) == {0.3, 1.0}
    assert "mean over training sets" in model.metadata["holdout_metric"]


def test_unknown_learner_is_refused():
    features, labels = _toy()
    with pytest.raises(ValueError, match="unknown learner"):
        fit_head(features, features, labels.tolist(), HeadSpec("toy", (), learner="x"), seed=1)
