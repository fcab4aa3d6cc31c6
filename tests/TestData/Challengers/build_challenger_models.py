#!/usr/bin/python3
"""Builds the real ONNX models of different quality and the McNemar reference vectors the challenger tests use.

Run with Debian's python3 (numpy, scipy 1.10, scikit-learn 1.2, onnx 1.12); the graphs are written by hand with
onnx.helper from the weights scikit-learn learned (no skl2onnx).

  wine_good.onnx      LogisticRegression on all 13 standardised wine features.
  wine_fair.onnx      LogisticRegression on 3 of them (alcohol, ash, hue): a little worse.
  wine_poor.onnx      LogisticRegression on 2 of them (ash, magnesium): much worse.
                      Each: input "features" float[N,13], output "probabilities" float[N,3] (Softmax).
  wine_predictions.csv  every UCI wine row (178) with its label and each model's predicted class, computed with numpy in
                      float32 as the graph does; the tests check ONNX Runtime gives the same classes.
  mcnemar_reference.csv McNemar p-values from scipy for (b, c) pairs, and for the model pairs on the rows above:
                      exact = scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue,
                      asymptotic = scipy.stats.chi2.sf((|b - c| - 1)^2 / (b + c), 1)  (Edwards' continuity correction).

    /usr/bin/python3 tests/TestData/Challengers/build_challenger_models.py
"""
import csv
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from scipy.stats import binomtest, chi2
from sklearn.linear_model import LogisticRegression

DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 13
IR_VERSION = 7
MODELS = {"good": list(range(13)), "fair": [0, 2, 10], "poor": [2, 4]}


def load_wine():
    with open(os.path.join(DATA, "wine_data.csv")) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array(rows, dtype=np.float64)
    return data[:, :-1], data[:, -1].astype(np.int64)


def build(name, columns, x, y):
    mean, std = x.mean(axis=0), x.std(axis=0)
    z = (x - mean) / std
    clf = LogisticRegression(max_iter=5000, C=1.0).fit(z[:, columns], y)
    w = np.zeros((13, 3))
    w[columns, :] = clf.coef_.T
    f32 = lambda a: np.asarray(a, dtype=np.float32)  # noqa: E731
    inits = [numpy_helper.from_array(f32(mean), "mean"), numpy_helper.from_array(f32(1.0 / std), "inv_std"),
             numpy_helper.from_array(f32(w), "w"), numpy_helper.from_array(f32(clf.intercept_), "b")]
    nodes = [helper.make_node("Sub", ["features", "mean"], ["centred"]),
             helper.make_node("Mul", ["centred", "inv_std"], ["scaled"]),
             helper.make_node("MatMul", ["scaled", "w"], ["xw"]),
             helper.make_node("Add", ["xw", "b"], ["logits"]),
             helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1)]
    graph = helper.make_graph(nodes, "wine_" + name,
                              [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", 13])],
                              [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])], inits)
    model = helper.make_model(graph, producer_name="mlobservability-build_challenger_models.py",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, f"wine_{name}.onnx"))
    logits = (f32(x) - f32(mean)) * f32(1.0 / std) @ f32(w) + f32(clf.intercept_)
    return np.argmax(logits, axis=1)


def mcnemar(b, c):
    n = b + c
    exact = 1.0 if n == 0 else binomtest(min(b, c), n, 0.5).pvalue
    asym = 1.0 if n == 0 else chi2.sf(max(0.0, abs(b - c) - 1.0) ** 2 / n, 1)
    return exact, asym


def main():
    x, y = load_wine()
    predictions = {name: build(name, cols, x, y) for name, cols in MODELS.items()}
    with open(os.path.join(HERE, "wine_predictions.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([f"f{i}" for i in range(13)] + ["label"] + list(MODELS))
        for i in range(len(y)):
            out.writerow([repr(float(v)) for v in x[i]] + [int(y[i])] + [int(predictions[m][i]) for m in MODELS])
    with open(os.path.join(HERE, "mcnemar_reference.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "b", "c", "exact_p", "asymptotic_p"])
        grid = [(0, 0), (0, 1), (1, 0), (3, 3), (2, 9), (0, 12), (5, 19), (12, 12), (20, 4), (10, 15), (30, 45),
                (100, 140), (7, 60), (500, 520), (1000, 1200), (2, 200), (5000, 5100)]
        for b, c in grid:
            e, a = mcnemar(b, c)
            out.writerow(["grid", b, c, repr(e), repr(a)])
        for champion, challenger in [("good", "fair"), ("good", "poor"), ("poor", "good"), ("fair", "poor")]:
            right_a = predictions[champion] == y
            right_b = predictions[challenger] == y
            b = int(np.sum(right_a & ~right_b))
            c = int(np.sum(~right_a & right_b))
            e, a = mcnemar(b, c)
            out.writerow([f"{champion}-{challenger}", b, c, repr(e), repr(a)])
    for name, p in predictions.items():
        print(name, "accuracy", np.mean(p == y))


if __name__ == "__main__":
    main()
