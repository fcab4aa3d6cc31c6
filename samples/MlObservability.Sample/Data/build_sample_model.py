#!/usr/bin/python3
"""Builds the sample's wine model on a training split, so the simulation replays rows the model never saw.

Run with Debian's python3 (numpy, scikit-learn 1.2, onnx 1.12; skl2onnx is not needed: the graph is written by hand
with onnx.helper from the weights scikit-learn learned, as tests/TestData/Onnx/build_model.py does for wine_mlp.onnx,
which the ONNX Runtime tests keep using unchanged):

    /usr/bin/python3 samples/MlObservability.Sample/Data/build_sample_model.py

Reads  Data/wine_data.csv (the UCI wine data as scikit-learn ships it: 178 wines, 13 measurements, 3 cultivars).
Writes, next to this script, all reproducible (fixed seeds; same bytes on every run with the same library versions):
  wine_train.csv          the training split (60 %, stratified by cultivar)
  wine_holdout.csv        the held-out split (40 %): the rows the simulation replays
  wine_sample_mlp.onnx    MLPClassifier (13 -> 16 ReLU -> 3) trained on wine_train.csv only; standardisation (from the
                          training rows) is part of the graph. Input "features" float[N,13]; outputs "logits" and
                          "probabilities" float[N,3]. Metadata: feature_names, class_names, split sizes and the
                          training and held-out accuracy.
Then rebuild the drift profile from the training rows:
    dotnet run --project samples/MlObservability.Sample -- --build-profile
"""
import csv
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

HERE = os.path.dirname(os.path.abspath(__file__))
SPLIT_SEED = 20261130
HOLDOUT_FRACTION = 0.4
MODEL_SEED = 7
OPSET = 13
IR_VERSION = 7  # the IR version that goes with opset 13; ONNX Runtime 1.31 reads it
FEATURES = [
    "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
    "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315_of_diluted_wines", "proline",
]
CLASSES = ["class_0", "class_1", "class_2"]


def load():
    with open(os.path.join(HERE, "wine_data.csv")) as f:
        rows = list(csv.reader(f))[1:]
    return rows


def write_rows(name, rows):
    # Same layout as wine_data.csv: a header line "<rows>,<features>,<class names>", then the rows as they were.
    with open(os.path.join(HERE, name), "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([len(rows), len(FEATURES)] + CLASSES)
        out.writerows(rows)


def split():
    """The rows, their features and cultivars, and the stratified training and held-out indices."""
    rows = load()
    data = np.array(rows, dtype=np.float64)
    x, y = data[:, :-1], data[:, -1].astype(np.int64)
    index = np.arange(len(y))
    train, holdout = train_test_split(index, test_size=HOLDOUT_FRACTION, stratify=y, random_state=SPLIT_SEED)
    return rows, x, y, np.sort(train), np.sort(holdout)


def build_onnx(x, y, fit_rows, train, holdout, graph_name, model_version, doc_string, extra_metadata=None):
    """Trains the MLP on fit_rows (standardised by their own mean and sd) and returns the ONNX model with its
    training and held-out accuracy in the metadata."""
    mean, std = x[fit_rows].mean(axis=0), x[fit_rows].std(axis=0)
    clf = MLPClassifier(hidden_layer_sizes=(16,), activation="relu", max_iter=2000, random_state=MODEL_SEED)
    clf.fit((x[fit_rows] - mean) / std, y[fit_rows])
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
        nodes, graph_name,
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", len(FEATURES)])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 3]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])],
        inits, doc_string="Wine cultivar classifier: standardise, 16 ReLU units, softmax over 3 classes.")
    model = helper.make_model(graph, producer_name="mlobservability-build_sample_model.py", producer_version="1.0",
                              domain="org.mlobservability.sample", model_version=model_version,
                              doc_string=doc_string,
                              opset_imports=[helper.make_opsetid("", OPSET)])

    # Accuracy of the graph itself (float32, as ONNX Runtime computes it) on both splits.
    def predict(rows_x):
        h = np.maximum((f32(rows_x) - f32(mean)) * f32(1.0 / std) @ f32(w1) + f32(b1), 0)
        logits = h @ f32(w2) + f32(b2)
        return np.argmax(logits, axis=1)

    assert np.array_equal(predict(x), clf.predict((x - mean) / std))
    train_accuracy = float(np.mean(predict(x[fit_rows]) == y[fit_rows]))
    holdout_accuracy = float(np.mean(predict(x[holdout]) == y[holdout]))
    for key, value in {
        "feature_names": ",".join(FEATURES),
        "class_names": ",".join(CLASSES),
        "split_seed": str(SPLIT_SEED),
        "training_rows": str(len(fit_rows)),
        "holdout_rows": str(len(holdout)),
        "training_accuracy": f"{train_accuracy:.4f}",
        "holdout_accuracy": f"{holdout_accuracy:.4f}",
        **(extra_metadata or {}),
    }.items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value
    model.ir_version = IR_VERSION
    onnx.checker.check_model(model)
    return model, train_accuracy, holdout_accuracy


def main():
    rows, x, y, train, holdout = split()
    model, train_accuracy, holdout_accuracy = build_onnx(
        x, y, train, train, holdout, "wine_sample_mlp", 3,
        "scikit-learn MLPClassifier trained on a 60 % split of the UCI wine data.")
    onnx.save(model, os.path.join(HERE, "wine_sample_mlp.onnx"))

    write_rows("wine_train.csv", [rows[i] for i in train])
    write_rows("wine_holdout.csv", [rows[i] for i in holdout])
    print(f"training rows {len(train)}, accuracy {train_accuracy:.4f}; held-out rows {len(holdout)}, accuracy {holdout_accuracy:.4f}")


if __name__ == "__main__":
    main()
