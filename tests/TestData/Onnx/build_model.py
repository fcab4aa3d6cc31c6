#!/usr/bin/python3
"""Builds the small, real ONNX models the ONNX Runtime adapter tests and benchmarks run.

Run with Debian's python3 (numpy, scikit-learn 1.2, onnx 1.12); skl2onnx is not needed: the graphs are written by hand
with onnx.helper from the weights scikit-learn learned.

  wine_mlp.onnx        scikit-learn MLPClassifier (13 -> 16 ReLU -> 3) trained on the UCI wine data that Debian's
                       python3-sklearn ships. Standardisation is part of the graph. Input "features" float[N,13];
                       outputs "logits" float[N,3] and "probabilities" float[N,3] (Softmax).
  diabetes_linear.onnx scikit-learn LinearRegression on the diabetes data (10 features). Input "features" float[N,10];
                       output "prediction" float[N,1].

Also writes wine_rows.csv and diabetes_rows.csv: a few real rows with the outputs scikit-learn/numpy computed, so the
tests check ONNX Runtime's numbers as well as the adapter's.

    /usr/bin/python3 tests/TestData/Onnx/build_model.py
"""
import csv
import gzip
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LinearRegression
from sklearn.neural_network import MLPClassifier

DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
HERE = os.path.dirname(os.path.abspath(__file__))
OPSET = 13
IR_VERSION = 7  # the IR version that goes with opset 13; ONNX Runtime 1.31 reads it

WINE_FEATURES = [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
    "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline",
]
WINE_CLASSES = ["class_0", "class_1", "class_2"]
DIABETES_FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def load_wine():
    with open(os.path.join(DATA, "wine_data.csv")) as f:
        rows = list(csv.reader(f))[1:]
    data = np.array(rows, dtype=np.float64)
    return data[:, :-1], data[:, -1].astype(np.int64)


def load_diabetes():
    x = np.loadtxt(gzip.open(os.path.join(DATA, "diabetes_data_raw.csv.gz")), dtype=np.float64)
    y = np.loadtxt(gzip.open(os.path.join(DATA, "diabetes_target.csv.gz")), dtype=np.float64)
    return x, y


def metadata(model, props):
    for key, value in props.items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value


def save(model, name):
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name))


def build_wine():
    x, y = load_wine()
    mean, std = x.mean(axis=0), x.std(axis=0)
    z = (x - mean) / std
    clf = MLPClassifier(hidden_layer_sizes=(16,), activation="relu", max_iter=2000, random_state=7)
    clf.fit(z, y)
    w1, w2 = clf.coefs_
    b1, b2 = clf.intercepts_

    f32 = lambda a: np.asarray(a, dtype=np.float32)  # noqa: E731
    inits = [
        numpy_helper.from_array(f32(mean), "mean"),
        numpy_helper.from_array(f32(1.0 / std), "inv_std"),
        numpy_helper.from_array(f32(w1), "w1"),
        numpy_helper.from_array(f32(b1), "b1"),
        numpy_helper.from_array(f32(w2), "w2"),
        numpy_helper.from_array(f32(b2), "b2"),
    ]
    nodes = [
        helper.make_node("Sub", ["features", "mean"], ["centred"]),
        helper.make_node("Mul", ["centred", "inv_std"], ["scaled"]),
        helper.make_node("MatMul", ["scaled", "w1"], ["h1"]),
        helper.make_node("Add", ["h1", "b1"], ["h1b"]),
        helper.make_node("Relu", ["h1b"], ["hidden"]),
        helper.make_node("MatMul", ["hidden", "w2"], ["o"]),
        helper.make_node("Add", ["o", "b2"], ["logits"]),
        helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
    ]
    graph = helper.make_graph(
        nodes, "wine_mlp",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", len(WINE_FEATURES)])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 3]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])],
        inits, doc_string="Wine cultivar classifier: standardise, 16 ReLU units, softmax over 3 classes.")
    model = helper.make_model(graph, producer_name="mlobservability-build_model.py", producer_version="1.0",
                              domain="org.mlobservability.tests", model_version=3,
                              doc_string="scikit-learn MLPClassifier trained on the UCI wine data.",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    metadata(model, {
        "feature_names": ",".join(WINE_FEATURES),
        "class_names": ",".join(WINE_CLASSES),
        "training_accuracy": f"{clf.score(z, y):.4f}",
    })
    save(model, "wine_mlp.onnx")

    # Reference outputs, computed the way the graph does, in float32 like ONNX Runtime.
    xf = f32(x)
    h = np.maximum((xf - f32(mean)) * f32(1.0 / std) @ f32(w1) + f32(b1), 0)
    logits = h @ f32(w2) + f32(b2)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    assert np.allclose(probs, clf.predict_proba(z), atol=1e-4)
    picks = [0, 1, 2, 60, 61, 62, 130, 131, 132, 177]
    with open(os.path.join(HERE, "wine_rows.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(WINE_FEATURES + ["label", "logit_0", "logit_1", "logit_2", "prob_0", "prob_1", "prob_2", "predicted"])
        for i in picks:
            out.writerow([repr(float(v)) for v in x[i]] + [int(y[i])]
                         + [f"{float(v):.7g}" for v in logits[i]] + [f"{float(v):.7g}" for v in probs[i]]
                         + [int(np.argmax(probs[i]))])


def build_diabetes():
    x, y = load_diabetes()
    reg = LinearRegression().fit(x, y)
    f32 = lambda a: np.asarray(a, dtype=np.float32)  # noqa: E731
    inits = [
        numpy_helper.from_array(f32(reg.coef_.reshape(-1, 1)), "w"),
        numpy_helper.from_array(f32([reg.intercept_]), "b"),
    ]
    nodes = [
        helper.make_node("MatMul", ["features", "w"], ["xw"]),
        helper.make_node("Add", ["xw", "b"], ["prediction"]),
    ]
    graph = helper.make_graph(
        nodes, "diabetes_linear",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", len(DIABETES_FEATURES)])],
        [helper.make_tensor_value_info("prediction", TensorProto.FLOAT, ["N", 1])], inits)
    model = helper.make_model(graph, producer_name="mlobservability-build_model.py", producer_version="1.0",
                              model_version=1, opset_imports=[helper.make_opsetid("", OPSET)])
    metadata(model, {"feature_names": ",".join(DIABETES_FEATURES)})
    save(model, "diabetes_linear.onnx")

    pred = f32(x) @ f32(reg.coef_.reshape(-1, 1)) + f32([reg.intercept_])
    with open(os.path.join(HERE, "diabetes_rows.csv"), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(DIABETES_FEATURES + ["target", "prediction"])
        for i in [0, 1, 2, 3, 4, 100, 200, 300]:
            out.writerow([repr(float(v)) for v in x[i]] + [repr(float(y[i])), f"{float(pred[i, 0]):.7g}"])


if __name__ == "__main__":
    build_wine()
    build_diabetes()
