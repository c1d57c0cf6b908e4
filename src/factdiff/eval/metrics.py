"""Metrics for a binary "is this rewrite consistent?" benchmark, in numpy only.

Convention everywhere: label 1 = consistent, 0 = inconsistent; a score is higher for "more
consistent" (``summary.consistency``), and a threshold ``t`` predicts 1 when ``score >= t``.

Threshold procedure (why two figures are reported): the product ships a fixed decision rule,
and its balanced accuracy is measured as is. A score can also be turned into a decision by
choosing the threshold that maximises balanced accuracy, but a threshold picked on the rows it
is measured on flatters the score. ``cross_validated_balanced_accuracy`` therefore splits the
rows into ``folds`` stratified folds (by group and label, shuffled with ``seed``), picks the
threshold on the other folds with ``choose_threshold``, predicts the held-out fold, and computes
balanced accuracy once over all out-of-fold predictions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def _as_labels(y: Sequence[int] | np.ndarray) -> np.ndarray:
    arr = np.asarray(y, dtype=int)
    if arr.ndim != 1:
        raise ValueError("labels must be a 1-D sequence of 0/1")
    if arr.size and not np.isin(arr, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    return arr


def balanced_accuracy(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    """Mean recall of the classes present in ``y_true`` (nan when there are no rows).

    With one class present it is that class's recall, as in scikit-learn."""
    t, p = _as_labels(y_true), _as_labels(y_pred)
    if t.shape != p.shape:
        raise ValueError("y_true and y_pred must have the same length")
    if t.size == 0:
        return float("nan")
    recalls = [float(np.mean(p[t == c] == c)) for c in (0, 1) if np.any(t == c)]
    return float(np.mean(recalls))


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """1-based ranks; tied values share the mean of their ranks."""
    order = np.argsort(values, kind="mergesort")
    sorted_vals = values[order]
    ranks = np.empty(values.size, dtype=float)
    # Boundaries of runs of equal values in the sorted order.
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_vals)) + 1]
    ends = np.r_[starts[1:], values.size]
    for s, e in zip(starts, ends, strict=True):
        ranks[order[s:e]] = (s + 1 + e) / 2.0
    return ranks


def roc_auc(y_true: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve via the Mann-Whitney U statistic: the probability that a random
    consistent row scores higher than a random inconsistent one, ties counting one half.
    nan when only one class is present."""
    t = _as_labels(y_true)
    s = np.asarray(scores, dtype=float)
    if t.shape != s.shape:
        raise ValueError("y_true and scores must have the same length")
    n_pos = int(np.sum(t == 1))
    n_neg = int(t.size - n_pos)
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = _average_ranks(s)
    u = float(np.sum(ranks[t == 1])) - n_pos * (n_pos + 1) / 2.0
    return u / (n_pos * n_neg)


def choose_threshold(y_true: Sequence[int], scores: Sequence[float]) -> float:
    """The threshold maximising balanced accuracy of ``score >= t → consistent``.

    Candidates are the midpoints between consecutive distinct scores, plus one below the
    lowest and one above the highest score (all-consistent / all-inconsistent). Among equally
    good candidates the lowest is taken, so the result is deterministic."""
    t = _as_labels(y_true)
    s = np.asarray(scores, dtype=float)
    if t.shape != s.shape:
        raise ValueError("y_true and scores must have the same length")
    if t.size == 0:
        return 0.5
    uniq = np.unique(s)
    cuts = np.r_[uniq[0] - 1.0, (uniq[:-1] + uniq[1:]) / 2.0, uniq[-1] + 1.0]
    n_pos = max(int(np.sum(t == 1)), 1)
    n_neg = max(int(np.sum(t == 0)), 1)
    # For each cut: positives at or above it (true positives) and negatives below it.
    pos_sorted = np.sort(s[t == 1])
    neg_sorted = np.sort(s[t == 0])
    tp = pos_sorted.size - np.searchsorted(pos_sorted, cuts, side="left")
    tn = np.searchsorted(neg_sorted, cuts, side="left")
    if np.any(t == 1) and np.any(t == 0):
        bacc = (tp / n_pos + tn / n_neg) / 2.0
    else:
        bacc = tp / n_pos if np.any(t == 1) else tn / n_neg
    return float(cuts[int(np.argmax(bacc))])


def stratified_folds(
    y_true: Sequence[int], groups: Sequence[str], folds: int = 5, seed: int = 0
) -> np.ndarray:
    """A fold number per row: rows of each (group, label) stratum are shuffled with ``seed``
    and dealt round-robin, so every fold sees every domain and both labels."""
    t = _as_labels(y_true)
    g = np.asarray([str(x) for x in groups], dtype=object)
    if g.size != t.size:
        raise ValueError("groups must have one entry per row")
    rng = np.random.default_rng(seed)
    assignment = np.zeros(t.size, dtype=int)
    offset = 0
    for group, label in sorted(set(zip(g.tolist(), t.tolist(), strict=True))):
        idx = np.flatnonzero((g == group) & (t == label))
        idx = idx[rng.permutation(idx.size)]
        # Continue dealing where the previous stratum stopped, to balance fold sizes.
        assignment[idx] = (np.arange(idx.size) + offset) % folds
        offset = (offset + idx.size) % folds
    return assignment


def cross_validated_predictions(
    y_true: Sequence[int],
    scores: Sequence[float],
    groups: Sequence[str],
    folds: int = 5,
    seed: int = 0,
) -> np.ndarray:
    """Out-of-fold 0/1 predictions: each fold is predicted with the threshold chosen on the
    other folds (see the module docstring)."""
    t = _as_labels(y_true)
    s = np.asarray(scores, dtype=float)
    if t.shape != s.shape:
        raise ValueError("y_true and scores must have the same length")
    if folds < 2:
        raise ValueError("folds must be at least 2")
    pred = np.zeros(t.size, dtype=int)
    if t.size < 2:
        return pred
    k = min(folds, t.size)
    fold_of = stratified_folds(t, groups, k, seed)
    for f in range(k):
        held = fold_of == f
        if not held.any():
            continue
        threshold = choose_threshold(t[~held], s[~held])
        pred[held] = (s[held] >= threshold).astype(int)
    return pred


def cross_validated_balanced_accuracy(
    y_true: Sequence[int],
    scores: Sequence[float],
    groups: Sequence[str],
    folds: int = 5,
    seed: int = 0,
) -> float:
    """Balanced accuracy of out-of-fold threshold predictions (nan with fewer than 2 rows)."""
    t = _as_labels(y_true)
    if t.size < 2:
        return float("nan")
    pred = cross_validated_predictions(t, scores, groups, folds, seed)
    return balanced_accuracy(t, pred)
