"""Metrics against values computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from factdiff.eval.metrics import (
    balanced_accuracy,
    choose_threshold,
    cross_validated_balanced_accuracy,
    cross_validated_predictions,
    roc_auc,
    stratified_folds,
)


def test_balanced_accuracy_by_hand():
    # class 1: 3 rows, 2 right; class 0: 2 rows, 1 right → (2/3 + 1/2) / 2
    assert balanced_accuracy([1, 1, 1, 0, 0], [1, 1, 0, 0, 1]) == pytest.approx(7 / 12)
    assert balanced_accuracy([0, 0, 1, 1], [0, 0, 1, 1]) == 1.0
    assert balanced_accuracy([0, 0, 0], [0, 1, 1]) == pytest.approx(1 / 3)  # one class
    assert math.isnan(balanced_accuracy([], []))
    with pytest.raises(ValueError):
        balanced_accuracy([0, 2], [0, 1])


def test_roc_auc_with_ties_by_hand():
    # positives 0.8, 0.5; negatives 0.5, 0.2. Pairs: (0.8>0.5)=1, (0.8>0.2)=1,
    # (0.5 vs 0.5)=0.5, (0.5>0.2)=1 → 3.5 / 4
    assert roc_auc([1, 1, 0, 0], [0.8, 0.5, 0.5, 0.2]) == pytest.approx(0.875)
    assert roc_auc([1, 0], [0.1, 0.9]) == 0.0
    assert roc_auc([1, 1, 0], [0.3, 0.3, 0.3]) == 0.5
    assert math.isnan(roc_auc([1, 1], [0.2, 0.4]))


def test_roc_auc_matches_pair_count_on_random_data():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 60)
    s = rng.integers(0, 5, 60) / 4.0  # many ties
    pos, neg = s[y == 1], s[y == 0]
    expected = np.mean([(p > n) + 0.5 * (p == n) for p in pos for n in neg])
    assert roc_auc(y, s) == pytest.approx(expected)


def test_choose_threshold():
    y = [0, 0, 0, 1, 1, 1]
    s = [0.1, 0.2, 0.3, 0.7, 0.8, 0.9]
    t = choose_threshold(y, s)
    assert 0.3 < t < 0.7 and t == pytest.approx(0.5)
    # Reversed scores: best is to predict one class throughout (balanced accuracy 0.5).
    t = choose_threshold(y, list(reversed(s)))
    assert balanced_accuracy(y, [int(v >= t) for v in reversed(s)]) == 0.5


def test_folds_are_stratified_and_seeded():
    y = [0] * 10 + [1] * 10
    g = ["a", "b"] * 10
    f1 = stratified_folds(y, g, folds=5, seed=1)
    assert (f1 == stratified_folds(y, g, folds=5, seed=1)).all()
    assert not (f1 == stratified_folds(y, g, folds=5, seed=2)).all()
    assert sorted(np.bincount(f1).tolist()) == [4, 4, 4, 4, 4]


def test_cross_validated_balanced_accuracy_is_deterministic_and_held_out():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    s = y * 0.3 + rng.random(200)  # informative but noisy
    g = ["x" if i % 3 else "y" for i in range(200)]
    a = cross_validated_balanced_accuracy(y, s, g, folds=5, seed=0)
    assert a == cross_validated_balanced_accuracy(y, s, g, folds=5, seed=0)
    assert 0.55 < a < 0.9
    # Pure noise: a threshold fitted on all rows looks better than chance, held-out does not.
    noise = rng.random(200)
    fitted_t = choose_threshold(y, noise)
    fitted = balanced_accuracy(y, (noise >= fitted_t).astype(int))
    held_out = cross_validated_balanced_accuracy(y, noise, g, folds=5, seed=0)
    assert held_out < fitted
    assert cross_validated_predictions(y, s, g).shape == (200,)
    assert math.isnan(cross_validated_balanced_accuracy([1], [0.5], ["a"]))
