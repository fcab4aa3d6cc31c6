#!/usr/bin/python3
"""Reference vectors for the multivariate (PCA reconstruction) and embedding (MMD) drift detectors.

Run from this folder:  /usr/bin/python3 make_detector_vectors.py   (Debian python3-sklearn 1.2, numpy, scipy)
Writes:
  wine_reference.csv, wine_serving.csv   scikit-learn's wine data (178 rows, 13 features) split in random halves
  reconstruction_expected.json           StandardScaler + PCA(n_components=0.65) + inverse_transform fitted on the
                                         reference half: components kept, means, scales, and the Euclidean
                                         reconstruction error of every serving row (standardised space, as NannyML);
                                         the same for the breast cancer scenario (6 features, the split of
                                         make_breast_cancer_scenario.py) with reference-chunk thresholds (10 chunks,
                                         mean +- 3 population sd) and the mean error of the permuted window
  breast_cancer_permuted.csv             breast_cancer_random.csv with mean_radius permuted across rows (each
                                         marginal unchanged; relationships broken)
  mmd_vectors.json                       two small samples and numpy's unbiased squared MMD with a Gaussian kernel,
                                         bandwidth by the median heuristic on the reference sample
"""
import csv
import json
import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data/"


def read_csv(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return rows[0], np.array([[float(v) for v in r] for r in rows[1:]])


def write_csv(path, names, data):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        for r in data:
            w.writerow([repr(float(v)) for v in r])


def fit(reference):
    scaler = StandardScaler().fit(reference)
    pca = PCA(n_components=0.65, svd_solver="full").fit(scaler.transform(reference))
    return scaler, pca


def errors(scaler, pca, rows):
    z = scaler.transform(rows)
    return np.linalg.norm(z - pca.inverse_transform(pca.transform(z)), axis=1)


# --- wine: agreement with scikit-learn -------------------------------------------------------------------------------
with open(DATA + "wine_data.csv") as f:
    wine = np.array([[float(v) for v in r[:13]] for r in list(csv.reader(f))[1:]])
wine_names = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols", "flavanoids",
              "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue", "od280_od315", "proline"]
order = np.random.default_rng(7).permutation(len(wine))
wine_ref, wine_srv = wine[order[:89]], wine[order[89:]]
write_csv("wine_reference.csv", wine_names, wine_ref)
write_csv("wine_serving.csv", wine_names, wine_srv)
scaler, pca = fit(wine_ref)
wine_expected = {
    "features": wine_names,
    "components": int(pca.n_components_),
    "explainedVarianceRatio": pca.explained_variance_ratio_.tolist(),
    "means": scaler.mean_.tolist(),
    "scales": scaler.scale_.tolist(),
    "referenceErrors": errors(scaler, pca, wine_ref).tolist(),
    "servingErrors": errors(scaler, pca, wine_srv).tolist(),
}

# --- breast cancer: a shift only the multivariate detector sees --------------------------------------------------------
bc_names, bc_ref = read_csv("breast_cancer_reference.csv")
_, bc_random = read_csv("breast_cancer_random.csv")
features = bc_names[:6]
bc_ref, bc_random = bc_ref[:, :6], bc_random[:, :6]
permuted = bc_random.copy()
permuted[:, 0] = np.random.default_rng(11).permutation(permuted[:, 0])
write_csv("breast_cancer_permuted.csv", features, permuted)
scaler, pca = fit(bc_ref)
ref_err = errors(scaler, pca, bc_ref)
chunk = len(bc_ref) // 10
chunk_means = np.array([ref_err[i:i + chunk].mean() for i in range(0, 10 * chunk, chunk)])
mean, sd = chunk_means.mean(), chunk_means.std()
bc_expected = {
    "features": features,
    "components": int(pca.n_components_),
    "chunkSize": chunk,
    "chunkMeans": chunk_means.tolist(),
    "upperThreshold": float(mean + 3 * sd),
    "lowerThreshold": float(max(0.0, mean - 3 * sd)),
    "randomWindowMeanError": float(errors(scaler, pca, bc_random).mean()),
    "permutedWindowMeanError": float(errors(scaler, pca, permuted).mean()),
}
assert bc_expected["permutedWindowMeanError"] > bc_expected["upperThreshold"] > bc_expected["randomWindowMeanError"]

with open("reconstruction_expected.json", "w") as f:
    json.dump({"wine": wine_expected, "breastCancer": bc_expected}, f, indent=1)


# --- MMD ----------------------------------------------------------------------------------------------------------------
def sq_dists(a, b):
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2)


def mmd2_unbiased(x, y, sigma2):
    kxx, kyy, kxy = (np.exp(-sq_dists(p, q) / (2 * sigma2)) for p, q in ((x, x), (y, y), (x, y)))
    m, n = len(x), len(y)
    return ((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
            - 2 * kxy.mean())


rng = np.random.default_rng(3)
dim = 16
# float32 values (what an embedding model emits and the profile stores), computed in float64
reference = rng.normal(size=(60, dim)).astype(np.float32).astype(np.float64)
same = rng.normal(size=(40, dim)).astype(np.float32).astype(np.float64)
shifted = (rng.normal(size=(40, dim)) + 0.5).astype(np.float32).astype(np.float64)
d = sq_dists(reference, reference)[np.triu_indices(len(reference), 1)]
sigma2 = float(np.median(d) / 2)  # kernel exp(-d^2 / (2 sigma^2)) = exp(-d^2 / median(d^2))


def cosine_distance(a, b):
    ca, cb = a.mean(axis=0), b.mean(axis=0)
    return float(1 - ca @ cb / np.linalg.norm(ca) / np.linalg.norm(cb))


with open("mmd_vectors.json", "w") as f:
    json.dump({
        "reference": reference.tolist(), "same": same.tolist(), "shifted": shifted.tolist(),
        "sigma2": sigma2,
        "mmd2Same": float(mmd2_unbiased(same, reference, sigma2)),
        "mmd2Shifted": float(mmd2_unbiased(shifted, reference, sigma2)),
        "cosineSame": cosine_distance(same, reference),
        "cosineShifted": cosine_distance(shifted, reference),
    }, f)
