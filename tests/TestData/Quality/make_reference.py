#!/usr/bin/python3
"""Reference vectors for MlObservability.Quality, computed with scikit-learn (Debian python3-sklearn 1.2).

Run from the repository root:  /usr/bin/python3 tests/TestData/Quality/make_reference.py
Writes tests/TestData/Quality/reference_metrics.json. The C# tests in tests/MlObservability.Tests/Quality compare
their metrics with these values (1e-9 relative, exact for counts).

Conventions shared with the C# implementation:
- classes are integer indexes; the label set is the sorted union of y_true and y_pred (scikit-learn's default);
- 'confidence' is the probability the model gave its predicted class;
- binary models: class 1 is positive, P(class 1) = confidence if predicted 1 else 1 - confidence;
- expected calibration error (ECE): 10 equal-width bins over the predicted-class confidence, bin = min(floor(c*10), 9),
  ECE = sum over bins of |sum(correct - confidence)| / n  (= sum_b n_b/n * |acc_b - conf_b|).
"""
import csv
import gzip
import json
import os

import numpy as np
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import (accuracy_score, brier_score_loss, confusion_matrix, f1_score, log_loss,
                             mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                             precision_score, recall_score, roc_auc_score)

DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data'
BINS = 10


def ece(y_true, y_pred, conf):
    correct = (y_true == y_pred).astype(float)
    bins = np.minimum(np.floor(conf * BINS).astype(int), BINS - 1)
    total = 0.0
    for b in range(BINS):
        mask = bins == b
        if mask.any():
            total += abs(np.sum(correct[mask] - conf[mask]))
    return total / len(y_true)


def classification_case(name, class_count, y_true, y_pred, conf):
    y_true = np.asarray(y_true, dtype=int)
    y_pred = np.asarray(y_pred, dtype=int)
    conf = np.asarray(conf, dtype=float)
    labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    p, r, f = (precision_score(y_true, y_pred, labels=labels, average=None, zero_division=0),
               recall_score(y_true, y_pred, labels=labels, average=None, zero_division=0),
               f1_score(y_true, y_pred, labels=labels, average=None, zero_division=0))
    expected = {
        'labels': labels,
        'accuracy': accuracy_score(y_true, y_pred),
        'precision': p.tolist(), 'recall': r.tolist(), 'f1': f.tolist(),
        'macroPrecision': precision_score(y_true, y_pred, average='macro', zero_division=0),
        'macroRecall': recall_score(y_true, y_pred, average='macro', zero_division=0),
        'macroF1': f1_score(y_true, y_pred, average='macro', zero_division=0),
        'confusionMatrix': confusion_matrix(y_true, y_pred, labels=labels).tolist(),
        'expectedCalibrationError': ece(y_true, y_pred, conf),
    }
    if class_count == 2:
        p1 = np.where(y_pred == 1, conf, 1.0 - conf)
        expected['logLoss'] = log_loss(y_true, p1, labels=[0, 1])
        expected['brierScore'] = brier_score_loss(y_true, p1, pos_label=1)
        expected['rocAuc'] = roc_auc_score(y_true, p1) if len(set(y_true.tolist())) == 2 else None
    return {'name': name, 'kind': 'classification', 'classCount': class_count, 'yTrue': y_true.tolist(),
            'yPred': y_pred.tolist(), 'confidence': conf.tolist(), 'expected': expected}


def from_probabilities(name, y_true, proba):
    y_pred = np.argmax(proba, axis=1)
    conf = proba[np.arange(len(y_pred)), y_pred]
    return classification_case(name, proba.shape[1], y_true, y_pred, conf)


def regression_case(name, y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return {'name': name, 'kind': 'regression', 'yTrue': y_true.tolist(), 'yPred': y_pred.tolist(), 'expected': {
        'mae': mean_absolute_error(y_true, y_pred),
        'rmse': mean_squared_error(y_true, y_pred, squared=False),
        'mape': mean_absolute_percentage_error(y_true, y_pred),
    }}


def request_id_unit(request_id):
    """The deterministic sampling hash (documented in docs/quality.md): FNV-1a 64 over UTF-8, SplitMix64 finaliser."""
    mask = (1 << 64) - 1
    h = 0xcbf29ce484222325
    for b in request_id.encode('utf-8'):
        h = ((h ^ b) * 0x100000001b3) & mask
    h ^= h >> 30
    h = (h * 0xbf58476d1ce4e5b9) & mask
    h ^= h >> 27
    h = (h * 0x94d049bb133111eb) & mask
    h ^= h >> 31
    return h, (h >> 11) * 2.0 ** -53


def load_csv(path, skip):
    with open(path) as f:
        rows = list(csv.reader(f))[skip:]
    data = np.array([[float(v) for v in row[:-1]] for row in rows])
    target = np.array([int(row[-1]) for row in rows])
    return data, target


def main():
    rng = np.random.default_rng(20261123)
    cases = []

    # Real data: a logistic regression on breast cancer (binary) and wine (3 classes), trained on half, scored on the rest.
    for name, path, in (('breast_cancer_logistic', 'breast_cancer.csv'), ('wine_logistic', 'wine_data.csv')):
        x, y = load_csv(os.path.join(DATA, path), 1)
        x = (x - x.mean(axis=0)) / x.std(axis=0)
        order = rng.permutation(len(y))
        train, test = order[: len(y) // 2], order[len(y) // 2:]
        model = LogisticRegression(C=0.05, max_iter=1000).fit(x[train], y[train])
        cases.append(from_probabilities(name, y[test], model.predict_proba(x[test])))

    # Synthetic binary: noisy, with ties in the scores (confidences rounded to 2 decimals).
    n = 500
    y = rng.integers(0, 2, n)
    p1 = np.clip(0.5 + (y - 0.5) * rng.uniform(0.0, 0.8, n) + rng.normal(0, 0.2, n), 0.0, 1.0).round(2)
    cases.append(from_probabilities('binary_synthetic_ties', y, np.column_stack([1 - p1, p1])))

    # Synthetic 5 classes where the model never predicts class 3 (zero-division precision) and class 4 is rare.
    n = 400
    y = rng.choice(5, n, p=[0.4, 0.3, 0.2, 0.08, 0.02])
    pred = np.where(rng.uniform(size=n) < 0.7, y, rng.integers(0, 5, n))
    pred = np.where(pred == 3, 0, pred)
    conf = rng.uniform(0.2, 1.0, n).round(3)
    cases.append(classification_case('multiclass_missing_prediction', 5, y, pred, conf))

    # Small hand-sized binary case with a class absent from the predictions and confidences exactly 0 and 1.
    cases.append(classification_case('binary_small_extremes', 2, [1, 1, 0, 1, 0, 0, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1],
                                     [1.0, 0.9, 0.3, 0.75, 1.0, 0.5, 0.61, 0.7]))

    # Regression: linear regression on diabetes, and a synthetic case with a zero target (MAPE epsilon).
    with gzip.open(os.path.join(DATA, 'diabetes_data_raw.csv.gz'), 'rt') as f:
        x = np.loadtxt(f)
    with gzip.open(os.path.join(DATA, 'diabetes_target.csv.gz'), 'rt') as f:
        y = np.loadtxt(f)
    order = rng.permutation(len(y))
    train, test = order[: len(y) // 2], order[len(y) // 2:]
    model = LinearRegression().fit(x[train], y[train])
    cases.append(regression_case('diabetes_linear', y[test], model.predict(x[test])))
    y = rng.normal(10, 5, 200)
    y[7] = 0.0
    cases.append(regression_case('regression_synthetic_zero_target', y, y + rng.normal(0, 2, 200)))

    ids = ['', 'a', 'req-000001', 'req-000002', '7f3c2a9e-1b4d-4c8e-9f00-123456789abc', 'caf\u00e9', '\u65e5\u672c\u8a9e',
           'emoji-\U0001F600', 'x' * 100]
    hashes = [{'id': i, 'hash': str(request_id_unit(i)[0]), 'unit': request_id_unit(i)[1]} for i in ids]

    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reference_metrics.json')
    with open(out, 'w') as f:
        json.dump({'generator': 'make_reference.py', 'sklearn': __import__('sklearn').__version__,
                   'eceBins': BINS, 'cases': cases, 'requestIdHashes': hashes}, f, indent=None, separators=(',', ':'))
        f.write('\n')
    print('wrote', out, len(cases), 'cases')


if __name__ == '__main__':
    main()
