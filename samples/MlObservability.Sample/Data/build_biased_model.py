#!/usr/bin/python3
"""Builds the sample's bad deploy: version 4 of the wine model, trained on a biased subset of the training split.

The simulation deploys it mid-run (docs/sample.md, phase `deploy v4`) and the model router rolls it back when the
quality alert fires. The bias is the kind a broken data export produces: the training rows keep only the first
KEPT_CLASS_1 wines of cultivar class_1 (of 43), so the model almost never answers class_1, stays confident, and loses
about a quarter of its held-out accuracy. Same architecture, seeds and graph as wine_sample_mlp.onnx
(build_sample_model.py); reproducible (same bytes on every run with the same library versions):

    /usr/bin/python3 samples/MlObservability.Sample/Data/build_biased_model.py

Writes wine_sample_mlp_v4_biased.onnx next to this script; its metadata holds the subset and both accuracies.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the data

import numpy as np
import onnx

from build_sample_model import HERE, build_onnx, split

KEPT_CLASS_1 = 3


def main():
    _, x, y, train, holdout = split()
    biased = np.sort(np.concatenate([train[y[train] != 1], train[y[train] == 1][:KEPT_CLASS_1]]))
    model, train_accuracy, holdout_accuracy = build_onnx(
        x, y, biased, train, holdout, "wine_sample_mlp_v4_biased", 4,
        f"scikit-learn MLPClassifier trained on a biased subset of the training split: {KEPT_CLASS_1} of its class_1 wines.",
        {"training_subset": f"training split without class_1 except its first {KEPT_CLASS_1} rows"})
    onnx.save(model, os.path.join(HERE, "wine_sample_mlp_v4_biased.onnx"))
    print(f"training rows {len(biased)} (class counts {np.bincount(y[biased], minlength=3).tolist()}), accuracy {train_accuracy:.4f}; "
          f"held-out rows {len(holdout)}, accuracy {holdout_accuracy:.4f}")


if __name__ == "__main__":
    main()
