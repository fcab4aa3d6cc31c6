#!/usr/bin/python3
"""Reference vectors for probability vectors and predictions without confidence (issue #20, item 12), computed with
scikit-learn (Debian python3-sklearn 1.2) and numpy.

Run from the repository root:  /usr/bin/python3 tests/TestData/Quality/make_probability_reference.py
Writes tests/TestData/Quality/probability_metrics.json. tests/MlObservability.Tests/Quality/ProbabilityVectorAgreementTests.cs
records every case through a QualityMonitor (probability vectors, confidences, or neither), joins the labels and compares
the report with these values (1e-9 relative).

Definitions (the C# implementation follows them):
- multiclass log loss: sklearn.metrics.log_loss(y, P, labels=range(K)) -- each probability clipped to [eps, 1 - eps]
  with eps = float64 machine epsilon (sklearn 1.2's eps="auto"), each row renormalised, mean of -ln p[true];
- multiclass Brier score: sklearn 1.2's brier_score_loss is binary only ("Only binary classification is supported"),
  so the reference is computed here with numpy from the documented multiclass definition, which is what
  scikit-learn >= 1.7 computes for multiclass targets: mean over rows of sum over classes of (p_k - y_k)^2 (no clipping,
  no renormalisation);
- binary models: the positive-class probability p[1] (or, without a vector, confidence / 1 - confidence) drives
  sklearn's log_loss(y, p1), brier_score_loss(y, p1) and roc_auc_score(y, p1), exactly as without vectors;
- rows without a probability vector do not enter the multiclass log loss and Brier score; rows without a confidence
  (NaN) do not enter the ECE, the mean confidence or, for a binary model without a vector, AUC, log loss and Brier:
  each metric is computed over the rows that carry what it needs, and is absent (null here, NaN in C#) when none do;
- expected calibration error: as make_reference.py (10 equal-width bins over the predicted-class confidence).
"""
import csv
import json
import os

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, brier_score_loss, log_loss, roc_auc_score

DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data'
BINS = 10


def ece(correct, conf):
    bins = np.minimum(np.floor(conf * BINS).astype(int), BINS - 1)
    total = 0.0
    for b in range(BINS):
        mask = bins == b
        if mask.any():
            total += abs(np.sum(correct[mask] - conf[mask]))
    return total / len(conf)


def case(name, class_count, labelled, y_true, y_pred, conf, proba):
    """conf[i] is None for a prediction without confidence; proba[i] is None for a row without a vector."""
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    n = len(y_true)
    has_conf = np.array([c is not None for c in conf])
    has_vec = np.array([p is not None for p in proba])
    c = np.array([np.nan if v is None else v for v in conf], dtype=float)
    correct = (y_true == y_pred).astype(float)
    expected = {'count': n, 'accuracy': accuracy_score(y_true, y_pred)}
    expected['expectedCalibrationError'] = ece(correct[has_conf], c[has_conf]) if has_conf.any() else None
    expected['meanConfidence'] = float(np.mean(c[has_conf])) if has_conf.any() else None
    binary = class_count == 2
    if binary:
        # P(class 1): the vector's second entry, else from the confidence of the predicted class.
        p1 = np.array([proba[i][1] if has_vec[i] else (c[i] if y_pred[i] == 1 else 1.0 - c[i]) for i in range(n)])
        scored = has_vec | has_conf
        y, p = y_true[scored], p1[scored]
        expected['scoredRows'] = int(scored.sum())
        expected['logLoss'] = log_loss(y, p, labels=[0, 1]) if scored.any() else None
        expected['brierScore'] = brier_score_loss(y, p, pos_label=1) if scored.any() else None
        expected['rocAuc'] = roc_auc_score(y, p) if len(set(y.tolist())) == 2 else None
    else:
        rows = has_vec
        expected['scoredRows'] = int(rows.sum())
        if rows.any():
            P = np.array([proba[i] for i in range(n) if has_vec[i]], dtype=float)
            y = y_true[rows]
            expected['logLoss'] = log_loss(y, P, labels=list(range(class_count)))
            onehot = np.eye(class_count)[y]
            expected['brierScore'] = float(np.mean(np.sum((P - onehot) ** 2, axis=1)))
        else:
            expected['logLoss'] = None
            expected['brierScore'] = None
        expected['rocAuc'] = None
    return {'name': name, 'classCount': class_count, 'classLabels': labelled, 'yTrue': y_true.tolist(),
            'yPred': y_pred.tolist(), 'confidence': [None if v is None else float(v) for v in conf],
            'probabilities': [None if p is None else [float(x) for x in p] for p in proba], 'expected': expected}


def from_proba(name, labelled, y_true, proba):
    y_pred = np.argmax(proba, axis=1)
    conf = proba[np.arange(len(y_pred)), y_pred]
    return case(name, proba.shape[1], labelled, y_true, y_pred, conf.tolist(), proba.tolist())


def load_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array([[float(v) for v in row[:-1]] for row in rows])
    return data, np.array([int(row[-1]) for row in rows])


def main():
    rng = np.random.default_rng(20261130)
    cases = []

    # Real data: logistic regressions trained on half, probabilities of the other half.
    x, y = load_csv(os.path.join(DATA, 'wine_data.csv'))
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    order = rng.permutation(len(y))
    train, test = order[: len(y) // 2], order[len(y) // 2:]
    model = LogisticRegression(C=0.05, max_iter=1000).fit(x[train], y[train])
    cases.append(from_proba('wine_logistic_vectors', True, y[test], model.predict_proba(x[test])))

    x, y = load_csv(os.path.join(DATA, 'breast_cancer.csv'))
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    order = rng.permutation(len(y))
    train, test = order[: len(y) // 2], order[len(y) // 2:]
    model = LogisticRegression(C=0.05, max_iter=1000).fit(x[train], y[train])
    # A binary model recorded by class index 0/1 with vectors and no ClassLabels.
    cases.append(from_proba('binary_vectors_without_class_labels', False, y[test], model.predict_proba(x[test])))

    # Five classes, float32-rounded vectors (rows do not sum to exactly 1: renormalisation matters), some one-hot rows
    # (exact 0 and 1: clipping matters, including a confident wrong answer), a class never predicted.
    n = 300
    y = rng.choice(5, n, p=[0.35, 0.3, 0.2, 0.1, 0.05])
    alpha = np.full(5, 0.6)
    proba = rng.dirichlet(alpha, n)
    proba[np.arange(n), y] += rng.uniform(0.0, 1.5, n)
    proba /= proba.sum(axis=1, keepdims=True)
    proba[:, 4] *= 0.2  # class 4 rarely wins
    proba /= proba.sum(axis=1, keepdims=True)
    proba = proba.astype(np.float32).astype(np.float64)
    for i in range(0, n, 37):
        proba[i] = np.eye(5)[(y[i] + (i % 2)) % 5]  # one-hot, right on even i, wrong on odd i
    cases.append(from_proba('five_classes_float32_one_hot', True, y, proba))

    # Four classes, mixed rows: vectors, confidence only, neither.
    n = 240
    y = rng.choice(4, n)
    proba = rng.dirichlet(np.full(4, 0.8), n)
    proba[np.arange(n), y] += rng.uniform(0.0, 1.0, n)
    proba /= proba.sum(axis=1, keepdims=True)
    pred = np.argmax(proba, axis=1)
    kind = rng.choice(3, n, p=[0.5, 0.3, 0.2])  # 0 vector, 1 confidence only, 2 neither
    conf = [float(proba[i, pred[i]]) if kind[i] != 2 else None for i in range(n)]
    vectors = [proba[i].tolist() if kind[i] == 0 else None for i in range(n)]
    cases.append(case('four_classes_mixed_rows', 4, True, y, pred, conf, vectors))

    # Binary with two ClassLabels, confidences only, a quarter of the rows without confidence.
    n = 200
    y = rng.integers(0, 2, n)
    p1 = np.clip(0.5 + (y - 0.5) * rng.uniform(0.0, 0.9, n) + rng.normal(0, 0.15, n), 0.0, 1.0)
    pred = (p1 >= 0.5).astype(int)
    conf = [None if rng.uniform() < 0.25 else float(p1[i] if pred[i] == 1 else 1 - p1[i]) for i in range(n)]
    cases.append(case('binary_some_rows_without_confidence', 2, True, y, pred, conf, [None] * n))

    # Three classes, no row has a confidence: only the counts and accuracy-type metrics exist.
    n = 60
    y = rng.integers(0, 3, n)
    pred = np.where(rng.uniform(size=n) < 0.8, y, rng.integers(0, 3, n))
    cases.append(case('three_classes_without_confidence', 3, True, y, pred, [None] * n, [None] * n))

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'probability_metrics.json')
    with open(out, 'w') as f:
        json.dump({'generator': 'make_probability_reference.py', 'sklearn': __import__('sklearn').__version__,
                   'numpy': np.__version__, 'cases': cases}, f, indent=None, separators=(',', ':'))
        f.write('\n')
    print('wrote', out, len(cases), 'cases')


if __name__ == '__main__':
    main()
