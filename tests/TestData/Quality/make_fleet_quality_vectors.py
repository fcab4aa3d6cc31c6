#!/usr/bin/python3
"""Reference vectors for the fleet quality counters (issue #14, quality half), computed with scikit-learn and numpy.

Run from the repository root:  /usr/bin/python3 tests/TestData/Quality/make_fleet_quality_vectors.py
Writes tests/TestData/Quality/fleet_quality.json. tests/MlObservability.Tests/Quality/FleetQualityScikitLearnTests.cs
records every case through a real QualityMonitor (predictions sampled, labels joined), reads the figures the library
computes from its fleet counters (FleetQualityStatistics) and compares them with these values:

- exact (1e-9): accuracy, per-class precision / recall / F1 and macro F1 (sklearn, labels = classes in y_true or
  y_pred, zero_division=0), the confusion matrix (sklearn.metrics.confusion_matrix), MAE, RMSE, MAPE (sklearn);
- expected calibration error: the in-process definition (10 equal-width bins over the predicted-class confidence,
  bin = min(floor(10 c), 9), sum over bins of |correct - sum of confidences| / n), computed here with numpy; the
  fleet counters keep exactly these bins, so it agrees to 1e-9 too;
- ROC AUC: sklearn.metrics.roc_auc_score (exact, ties averaged) on P(class 1) = conf if predicted 1 else 1 - conf,
  as the library derives it from a binary prediction's confidence. The fleet figure is binned (20 equal-width bins,
  pairs in one bin counted half): it must lie within its bound sum_b n_b p_b / (2 P N) of the exact AUC; numpy's
  binned AUC here must equal the library's to 1e-12.
"""
import json
import os

import numpy as np
from sklearn.metrics import (accuracy_score, confusion_matrix, f1_score, mean_absolute_error,
                             mean_absolute_percentage_error, mean_squared_error, precision_recall_fscore_support,
                             roc_auc_score)

rng = np.random.default_rng(14)


def ece(y_true, y_pred, conf):
    bins = np.minimum(np.floor(conf * 10).astype(int), 9)
    gap = 0.0
    for b in range(10):
        m = bins == b
        gap += abs((y_true[m] == y_pred[m]).sum() - conf[m].sum())
    return gap / len(conf)


def multiclass(name, n, k, never_predicted):
    y_true = rng.integers(0, k, n)
    y_pred = np.where(rng.random(n) < 0.7, y_true, rng.integers(0, k, n))
    y_pred = np.where(y_pred == never_predicted, (y_pred + 1) % k, y_pred)
    conf = np.round(rng.uniform(0.3, 1.0, n), 4)
    labels = sorted(set(y_true) | set(y_pred))
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    return {
        "name": name, "kind": "classification", "classCount": k, "binary": False,
        "yTrue": y_true.tolist(), "yPred": y_pred.tolist(), "confidence": conf.tolist(),
        "expected": {
            "accuracy": accuracy_score(y_true, y_pred),
            "classes": [int(c) for c in labels],
            "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
            "macroF1": f1_score(y_true, y_pred, average="macro", labels=labels, zero_division=0),
            "confusion": confusion_matrix(y_true, y_pred, labels=list(range(k))).tolist(),
            "ece": ece(y_true, y_pred, conf),
        },
    }


def binary(name, n, decimals):
    y_true = rng.integers(0, 2, n)
    score = np.clip(np.where(y_true == 1, rng.normal(0.65, 0.18, n), rng.normal(0.38, 0.18, n)), 0, 1)
    score = np.round(score, decimals)  # ties, within and across bins
    y_pred = (score >= 0.5).astype(int)
    conf = np.where(y_pred == 1, score, 1 - score)
    p1 = np.where(y_pred == 1, conf, 1 - conf)
    bins = np.minimum(np.floor(p1 * 20).astype(int), 19)
    pos = np.bincount(bins[y_true == 1], minlength=20).astype(float)
    neg = np.bincount(bins[y_true == 0], minlength=20).astype(float)
    cum = np.cumsum(pos)
    prev = np.concatenate([[0.0], cum[:-1]])
    binned = 1 - (neg * (cum + prev)).sum() / (2 * pos.sum() * neg.sum())
    labels = [0, 1]
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    return {
        "name": name, "kind": "classification", "classCount": 2, "binary": True,
        "yTrue": y_true.tolist(), "yPred": y_pred.tolist(), "confidence": conf.tolist(),
        "expected": {
            "accuracy": accuracy_score(y_true, y_pred),
            "classes": labels, "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
            "macroF1": f1_score(y_true, y_pred, average="macro", zero_division=0),
            "confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
            "ece": ece(y_true, y_pred, conf),
            "rocAuc": roc_auc_score(y_true, p1),
            "binnedRocAuc": binned,
        },
    }


def regression(name, n):
    y_true = rng.normal(50, 20, n)
    y_true[:5] = [0.5, -3.0, 0.01, 120.0, -0.2]
    y_pred = y_true + rng.normal(0, 4, n)
    return {
        "name": name, "kind": "regression", "yTrue": y_true.tolist(), "yPred": y_pred.tolist(),
        "expected": {
            "mae": mean_absolute_error(y_true, y_pred),
            "rmse": float(np.sqrt(mean_squared_error(y_true, y_pred))),
            "mape": mean_absolute_percentage_error(y_true, y_pred),
        },
    }


cases = [
    multiclass("four_classes_one_never_predicted", 600, 4, never_predicted=3),
    multiclass("seven_classes", 900, 7, never_predicted=-1),
    binary("binary_scores_two_decimals", 800, 2),
    binary("binary_scores_four_decimals", 1200, 4),
    regression("regression_with_values_near_zero", 400),
]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fleet_quality.json")
with open(out, "w") as f:
    json.dump({"generator": "make_fleet_quality_vectors.py", "cases": cases}, f, indent=1)
print(f"wrote {out}")
