import numpy as np
import pytest

from jane_synth.evidence.features import FEATURE_NAMES
from jane_synth.evidence.model import EvidenceModel, Tree, bundled_model_path, load_model
from jane_synth.evidence.training import Params, TrainingSet, _boost, _trees


def _data(n=600, seed=3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, len(FEATURE_NAMES)))
    y = (x[:, 0] + 0.5 * x[:, 3] + rng.normal(scale=0.5, size=n) > 0.4).astype(np.int64)
    return x, y


def test_exported_trees_reproduce_scikit_learn_log_odds():
    x, y = _data()
    ts = TrainingSet(x, y, np.arange(y.size) % 30, np.ones(30, dtype=np.int64))
    clf = _boost(ts, Params(max_iter=25, min_samples_leaf=10))
    baseline, trees = _trees(clf)
    model = EvidenceModel("m", "1", FEATURE_NAMES, baseline, trees, 1.0, 0.0, 0.5, 3)
    np.testing.assert_allclose(model.raw(x), clf.decision_function(x), rtol=1e-9, atol=1e-9)


def test_all_trees_at_once_give_the_same_bits_as_tree_by_tree():
    x, y = _data(n=700)  # more rows than one block of the forest's evaluation
    ts = TrainingSet(x, y, np.arange(y.size) % 30, np.ones(30, dtype=np.int64))
    baseline, trees = _trees(_boost(ts, Params(max_iter=40, min_samples_leaf=10)))
    model = EvidenceModel("m", "1", FEATURE_NAMES, baseline, trees, 1.0, 0.0, 0.5, 3)
    one_by_one = np.full(x.shape[0], baseline)
    for tree in trees:
        one_by_one += tree.predict(x)
    assert model.raw(x).tobytes() == one_by_one.tobytes()
    assert model.leaf_values(x[:5]).shape == (5, len(trees))
    assert model.raw(x[:0]).shape == (0,)


def test_a_tree_sends_values_at_the_threshold_left():
    tree = Tree(feature=(0, -1, -1), threshold=(1.0, 0, 0), left=(1, 0, 0), right=(2, 0, 0),
                value=(0.0, -1.0, 2.0))  # fmt: skip
    x = np.array([[0.5], [1.0], [1.5]])
    assert tree.predict(x).tolist() == [-1.0, -1.0, 2.0]


def test_probability_is_the_calibrated_logistic_of_the_raw_score():
    tree = Tree((-1,), (0.0,), (0,), (0,), (0.5,))
    model = EvidenceModel("m", "1", ("a",), 0.25, (tree,), 2.0, -1.0, 0.5, 3)
    p = model.probability(np.zeros((2, 1)))
    assert p == pytest.approx([1 / (1 + np.exp(-(2.0 * 0.75 - 1.0)))] * 2)
    with pytest.raises(ValueError):
        model.probability(np.zeros((1, 2)))


def test_json_round_trip_is_exact_and_deterministic():
    x, y = _data(300)
    ts = TrainingSet(x, y, np.arange(y.size) % 10, np.ones(10, dtype=np.int64))
    baseline, trees = _trees(_boost(ts, Params(max_iter=10, min_samples_leaf=10)))
    model = EvidenceModel("m", "1", FEATURE_NAMES, baseline, trees, 1.3, -0.2, 0.41, 3,
                          {"why": "test"})  # fmt: skip
    again = EvidenceModel.from_json(model.to_json())
    assert again == model
    assert again.to_json() == model.to_json()
    np.testing.assert_array_equal(again.probability(x), model.probability(x))


def test_the_shipped_model_loads_with_its_threshold_and_rule():
    if not bundled_model_path().is_file():
        pytest.fail("the evidence model is not in the package: run scripts/train_evidence_model.py")
    model = load_model()
    assert model.feature_names == FEATURE_NAMES
    assert 0.05 <= model.threshold <= 0.95 and model.cap >= 1
    assert "F1" in model.notes["threshold_rule"]
    assert model.name and model.version
