"""CNNs averaged (`CnnEnsemble`): the mean of their probabilities, its files, its blends."""

import numpy as np
import pytest
import scipy.sparse as sp

from blend_fixtures import constant_cnn, constant_head
from duluan.enrich.blend import HeadBlend
from duluan.enrich.models import _load_cnn
from duluan.enrich.neural import CnnEnsemble, member_path, token_ids
from duluan.errors import UsageError

KIND = ["clean", "hate", "offensive"]
IDS = token_ids(["a", "b c"], 8)
HEADS = {"social": KIND, "comments": ["clean", "toxic"]}


def _cnn(social: list[float], comments: list[float]):
    return constant_cnn(HEADS, {"social": social, "comments": comments})


def test_ensemble_reads_the_mean_of_its_members():
    one = _cnn([0.0, 0.0, 0.0], [0.0, 0.0])  # 1/3 each; 0.5 / 0.5
    two = _cnn([np.log(4.0), 0.0, np.log(3.0)], [np.log(3.0), 0.0])  # .5 .125 .375; .75 .25
    p = CnnEnsemble([one, two]).predict_proba(IDS)
    assert p["social"][0] == pytest.approx(
        [(1 / 3 + 0.5) / 2, (1 / 3 + 0.125) / 2, (1 / 3 + 0.375) / 2]
    )
    assert p["comments"][1] == pytest.approx([0.625, 0.375])
    assert p["social"].sum(axis=1) == pytest.approx(np.ones(2))
    # The members' own outputs are left as they were (the first one's arrays are summed into).
    assert one.predict_proba(IDS)["comments"][0] == pytest.approx([0.5, 0.5])


def test_ensemble_of_one_is_its_member():
    one = _cnn([0.2, 0.0, -0.1], [0.3, 0.0])
    alone, ensemble = one.predict_proba(IDS), CnnEnsemble([one]).predict_proba(IDS)
    for domain in HEADS:
        np.testing.assert_allclose(ensemble[domain], alone[domain])


def test_ensemble_refuses_members_with_other_heads():
    other = constant_cnn({"social": KIND}, {"social": [0.0, 0.0, 0.0]})
    with pytest.raises(ValueError, match="CNN 2 of the ensemble has heads"):
        CnnEnsemble([_cnn([0.0] * 3, [0.0] * 2), other])
    with pytest.raises(ValueError, match="at least one"):
        CnnEnsemble([])


def test_a_head_blend_reads_an_ensemble_as_one_cnn():
    head = constant_head(KIND, [np.log(6.0), 0.0, np.log(3.0)])  # 0.6 0.1 0.3
    ensemble = CnnEnsemble(
        [_cnn([0.0] * 3, [0.0] * 2), _cnn([np.log(4.0), 0.0, np.log(3.0)], [0.0] * 2)]
    )
    p = HeadBlend(head, ensemble, "social", 0.5).predict_proba(
        sp.csr_matrix((2, 4), dtype=np.float32), IDS
    )
    mean = np.array([(1 / 3 + 0.5) / 2, (1 / 3 + 0.125) / 2, (1 / 3 + 0.375) / 2])
    assert p[0] == pytest.approx(0.5 * np.array([0.6, 0.1, 0.3]) + 0.5 * mean)


def test_members_are_files_name_name_2_name_3_and_load_together(tmp_path):
    assert member_path(tmp_path / "toxicity-cnn", 0) == tmp_path / "toxicity-cnn"
    assert member_path(tmp_path / "toxicity-cnn", 2) == tmp_path / "toxicity-cnn-3"
    members = [
        _cnn([0.0] * 3, [0.0] * 2),
        _cnn([np.log(4.0), 0.0, np.log(3.0)], [np.log(3.0), 0.0]),
    ]
    for i, member in enumerate(members):
        member.save(member_path(tmp_path / "toy-cnn", i))
    loaded = _load_cnn(str(tmp_path), "toy-cnn", 2)
    assert isinstance(loaded, CnnEnsemble) and len(loaded.members) == 2
    expected = CnnEnsemble(members).predict_proba(IDS)
    for domain, p in loaded.predict_proba(IDS).items():
        np.testing.assert_allclose(p, expected[domain], atol=1e-3)  # float16 weights on disk
    with pytest.raises(UsageError, match=r"toy-cnn-3\.npz not found; train it"):
        _load_cnn(str(tmp_path), "toy-cnn", 3)


def test_token_ids_take_keeps_the_chosen_texts_in_the_order_asked() -> None:
    from duluan.enrich.neural import token_ids

    texts = ["ngập nước hẻm", "kẹt xe", "giá xăng tăng mạnh quá"]
    ids = token_ids(texts, 1024)
    picked = ids.take(np.array([2, 0]))
    again = token_ids([texts[2], texts[0]], 1024)
    assert np.array_equal(picked.offsets, again.offsets)
    assert np.array_equal(picked.written, again.written) and np.array_equal(picked.folded, again.folded)


def test_a_cnn_variant_names_its_options_and_seed_and_a_bad_name_is_refused() -> None:
    from duluan.enrich.neural import CnnOptions
    from duluan.enrich.training import cnn_variant
    from duluan.errors import UsageError

    known = {"plain": CnnOptions(), "long": CnnOptions(epochs=8)}
    assert cnn_variant("plain", known, 13) == (known["plain"], 13)
    assert cnn_variant("long.s2", known, 13) == (known["long"], 15)
    for bad in ("wide", "plain.sx", "wide.s1"):
        with pytest.raises(UsageError, match="unknown CNN variant"):
            cnn_variant(bad, known, 13)
