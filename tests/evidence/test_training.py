import numpy as np

from jane_synth.evidence.training import TrainingSet, choose_threshold, folds, picked, scores


def _set():
    # Question 0: rows 0-2 (one evidence sentence, row 1); question 1: rows 3-4 (no evidence
    # in the corpus); question 2: rows 5-6 (two evidence sentences, only row 5 retrieved).
    y = np.array([0, 1, 0, 0, 0, 1, 0])
    group = np.array([0, 0, 0, 1, 1, 2, 2])
    return TrainingSet(np.zeros((7, 1)), y, group, np.array([1, 0, 2]))


def test_picked_takes_the_best_rows_per_question_above_the_threshold_up_to_the_cap():
    probs = np.array([0.6, 0.9, 0.7, 0.2, 0.1, 0.8, 0.55])
    group = _set().group
    assert np.flatnonzero(picked(probs, group, 0.5, 1)).tolist() == [1, 5]
    assert np.flatnonzero(picked(probs, group, 0.5, 2)).tolist() == [1, 2, 5, 6]
    assert np.flatnonzero(picked(probs, group, 0.95, 3)).tolist() == []


def test_scores_count_missed_evidence_and_reward_abstaining():
    ts = _set()
    mask = np.array([0, 1, 0, 0, 0, 1, 1], dtype=bool)
    s = scores(mask, ts)
    assert s["precision"] == 2 / 3
    assert s["recall"] == 2 / 3  # three evidence sentences exist, one was never retrieved
    assert s["no_evidence_abstained"] == 1.0
    mask[3] = True
    assert scores(mask, ts)["no_evidence_abstained"] == 0.0


def test_the_chosen_threshold_maximises_f1():
    ts = _set()
    probs = np.array([0.3, 0.6, 0.2, 0.5, 0.1, 0.7, 0.45])
    threshold, figures = choose_threshold(probs, ts, cap=3)
    assert 0.5 < threshold <= 0.6
    assert figures["precision"] == 1.0 and figures["no_evidence_abstained"] == 1.0


def test_folds_partition_the_questions_deterministically():
    parts = folds(23, 5, seed=0)
    assert sorted(np.concatenate(parts).tolist()) == list(range(23))
    assert [p.tolist() for p in parts] == [p.tolist() for p in folds(23, 5, seed=0)]


def test_subset_renumbers_questions():
    ts = _set().subset(np.array([0, 2]))
    assert ts.group.tolist() == [0, 0, 0, 1, 1] and ts.n_gold.tolist() == [1, 2]
