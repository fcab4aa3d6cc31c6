#!/usr/bin/python3
"""Peers of DetectorBenchmarks on the same sizes (run in the same hour, on the same machine, and note the load):
scikit-learn StandardScaler + PCA(0.65) transform + inverse_transform + norm per row of 32 features (batch of 1,024
rows, and one row at a time), and a numpy MMD² (unbiased, Gaussian kernel, precomputed reference term) of a 500 x 384
window against 1,000 reference vectors. Best of 5 with timeit.
Run:  /usr/bin/python3 benchmarks/MlObservability.Benchmarks/Drift/detector_peer_timing.py
"""
import timeit
import numpy as np
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(42)
loadings = rng.normal(size=(32, 8))
def rows(n):
    return rng.normal(size=(n, 8)) @ loadings.T + 0.5 * rng.normal(size=(n, 32))
scaler = StandardScaler().fit(train := rows(2000))
pca = PCA(n_components=0.65).fit(scaler.transform(train))
batch = rows(1024)
def reconstruct(x):
    z = scaler.transform(x)
    return np.linalg.norm(z - pca.inverse_transform(pca.transform(z)), axis=1)
t = min(timeit.repeat(lambda: reconstruct(batch), number=20, repeat=5)) / 20 / 1024
print(f"sklearn reconstruction error, batch of 1,024: {t * 1e9:.0f} ns per row")
one = batch[:1]
t = min(timeit.repeat(lambda: reconstruct(one), number=200, repeat=5)) / 200
print(f"sklearn reconstruction error, one row per call: {t * 1e9:.0f} ns per row")

d = 384
ref = rng.normal(size=(1000, d)).astype(np.float32).astype(np.float64)
win = rng.normal(size=(500, d)).astype(np.float32).astype(np.float64)
def sq(a, b):
    return (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
s2 = np.median(sq(ref, ref)[np.triu_indices(1000, 1)]) / 2
kyy = np.exp(-sq(ref, ref) / (2 * s2)); ref_term = (kyy.sum() - np.trace(kyy)) / (1000 * 999)
def mmd2(x):
    kxx = np.exp(-sq(x, x) / (2 * s2)); kxy = np.exp(-sq(x, ref) / (2 * s2)); m = len(x)
    return (kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + ref_term - 2 * kxy.mean()
t = min(timeit.repeat(lambda: mmd2(win), number=5, repeat=5)) / 5
print(f"numpy MMD2 500x384 vs 1,000: {t * 1e3:.1f} ms")
