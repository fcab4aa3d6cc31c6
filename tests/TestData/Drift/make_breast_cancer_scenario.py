#!/usr/bin/python3
"""Drift scenario on a real dataset: scikit-learn's breast cancer CSV as shipped by Debian's python3-sklearn
(/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv, 569 rows, 30 features + diagnosis).

Run from this folder:  /usr/bin/python3 make_breast_cancer_scenario.py
Writes:
  breast_cancer_reference.csv   a random half of the rows (the "training" data the profile is built from)
  breast_cancer_random.csv      the other half (serving traffic from the same distribution: must stay quiet)
  breast_cancer_shifted.csv     only rows whose mean radius is above the dataset's 60th percentile (one tail of a
                                feature: must raise drift on radius and the features correlated with it)
  breast_cancer_expected.json   scipy's ks_2samp (auto) D and p per feature for both scenarios
Columns kept: six features and the diagnosis (0 malignant, 1 benign) used as the predicted class.
"""
import csv
import json
import numpy as np
from scipy import stats

SRC = "/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv"
# column positions in the source file and the names we give them
COLUMNS = [(0, "mean_radius"), (1, "mean_texture"), (2, "mean_perimeter"), (3, "mean_area"),
           (4, "mean_smoothness"), (9, "mean_fractal_dimension")]

with open(SRC) as f:
    rows = list(csv.reader(f))[1:]
data = np.array([[float(r[i]) for i, _ in COLUMNS] for r in rows])
target = np.array([int(r[30]) for r in rows])

rng = np.random.default_rng(42)
order = rng.permutation(len(data))
half = len(data) // 2
ref_idx, rand_idx = order[:half], order[half:]
radius = data[:, 0]
shift_idx = np.where(radius > np.quantile(radius, 0.60))[0]

names = [n for _, n in COLUMNS] + ["diagnosis"]


def write(path, idx):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        for i in idx:
            w.writerow([repr(float(v)) for v in data[i]] + [int(target[i])])


write("breast_cancer_reference.csv", ref_idx)
write("breast_cancer_random.csv", rand_idx)
write("breast_cancer_shifted.csv", shift_idx)

expected = {}
for scenario, idx in [("random", rand_idx), ("shifted", shift_idx)]:
    expected[scenario] = {}
    for j, name in enumerate(n for _, n in COLUMNS):
        r = stats.ks_2samp(data[ref_idx, j], data[idx, j], method="auto")
        expected[scenario][name] = dict(statistic=float(r.statistic), pvalue=float(r.pvalue), n=int(len(idx)))
with open("breast_cancer_expected.json", "w") as f:
    json.dump(dict(reference_rows=int(len(ref_idx)), scenarios=expected), f, indent=1)
for s, d in expected.items():
    print(s, {k: round(v["statistic"], 3) for k, v in d.items()})
