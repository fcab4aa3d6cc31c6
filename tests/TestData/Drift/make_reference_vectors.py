#!/usr/bin/python3
"""Reference vectors for the drift statistics, produced by Debian's scipy (python3-scipy 1.10).

Run from this folder:  /usr/bin/python3 make_reference_vectors.py
Writes ks_2samp.json (method='auto'), ks_2samp_methods.json (method='asymp' where 'auto' would pick the exact
distribution, method='exact' where it would pick the asymptotic one), psi_js_wasserstein_chi2.json.

Samples are generated from a 64-bit linear congruential generator that the C# tests reimplement bit for bit
(integer arithmetic only), so the JSON stores only the recipe of each sample, never the values.
Value i of a sample = (sum over `terms` draws of ((state >> 33) % range) + shift) / 8.
"""
import json
import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

MASK = (1 << 64) - 1


def lcg_sample(spec):
    n, seed, terms, modulus, shift = spec["n"], spec["seed"], spec["terms"], spec["range"], spec["shift"]
    state = seed & MASK
    out = np.empty(n)
    for i in range(n):
        total = 0
        for _ in range(terms):
            state = (state * 6364136223846793005 + 1442695040888963407) & MASK
            total += (state >> 33) % modulus
        out[i] = (total + shift) / 8.0
    return out


def ks_cases():
    specs = []
    # name, n1, n2, terms, range, shift1, shift2
    grid = [
        ("tiny-1x1", 1, 1, 1, 100, 0, 0),
        ("tiny-3x5", 3, 5, 1, 100, 0, 20),
        ("tiny-5x5-shift", 5, 5, 2, 100, 0, 60),
        ("small-10x7", 10, 7, 3, 1000, 0, 300),
        ("small-20x20", 20, 20, 3, 1000, 0, 100),
        ("ties-50x40", 50, 40, 1, 6, 0, 1),
        ("ties-300x200", 300, 200, 2, 4, 0, 0),
        ("ties-heavy-1000x999", 1000, 999, 1, 3, 0, 0),
        ("unequal-100x73", 100, 73, 4, 1000, 0, 150),
        ("unequal-500x333", 500, 333, 4, 1000, 0, 100),
        ("unequal-1000x2000", 1000, 2000, 4, 1000, 0, 60),
        ("unequal-null-700x900", 700, 900, 4, 1000, 0, 0),
        ("equal-2000x2000", 2000, 2000, 4, 1000, 0, 40),
        ("equal-10000x10000-null", 10000, 10000, 4, 100000, 0, 0),
        ("equal-10000x10000-shift", 10000, 10000, 4, 100000, 0, 2000),
        ("unequal-10000x9999", 10000, 9999, 4, 100000, 0, 1500),
        ("unequal-10000x4000", 10000, 4000, 4, 100000, 0, 3000),
        ("asymp-10001x10001", 10001, 10001, 4, 100000, 0, 1500),
        ("asymp-12000x15000", 12000, 15000, 4, 100000, 0, 1000),
        ("asymp-20000x100", 20000, 100, 4, 100000, 0, 5000),
        ("asymp-30000x20000-null", 30000, 20000, 4, 100000, 0, 0),
        ("asymp-11000x11000-big", 11000, 11000, 4, 100000, 0, 8000),
        ("strong-800x600", 800, 600, 4, 1000, 0, 150),
        ("strong-5000x5000", 5000, 5000, 4, 100000, 0, 9000),
        ("strong-3000x2000", 3000, 2000, 4, 100000, 0, 12000),
        ("asymp-15000x9000-mid", 15000, 9000, 4, 100000, 0, 3500),
    ]
    seed = 12345
    for name, n1, n2, terms, rr, s1, s2 in grid:
        specs.append(dict(name=name, sample1=dict(n=n1, seed=seed, terms=terms, range=rr, shift=s1),
                          sample2=dict(n=n2, seed=seed * 7 + 1, terms=terms, range=rr, shift=s2)))
        seed += 101
    # a sample and a prefix of it: tiny D at large n (Durbin-matrix region of the Kolmogorov distribution)
    specs.append(dict(name="asymp-prefix-40000x30000", sample1=dict(n=40000, seed=77, terms=4, range=100000, shift=0),
                      sample2=dict(n=30000, seed=77, terms=4, range=100000, shift=0)))
    # identical samples
    specs.append(dict(name="identical-500", sample1=dict(n=500, seed=99, terms=2, range=1000, shift=0),
                      sample2=dict(n=500, seed=99, terms=2, range=1000, shift=0)))
    cases = []
    for spec in specs:
        a = lcg_sample(spec["sample1"])
        b = lcg_sample(spec["sample2"])
        alts = ["two-sided", "less", "greater"]
        for alt in alts:
            r = stats.ks_2samp(a, b, alternative=alt, method="auto")
            cases.append(dict(spec, alternative=alt, statistic=float(r.statistic), pvalue=float(r.pvalue)))
    return cases


def ks_method_cases():
    """scipy's other two methods: 'asymp' on sizes where 'auto' is exact, 'exact' on sizes where 'auto' is asymptotic."""
    # name, n1, n2, terms, range, shift1, shift2, method
    grid = [
        ("asymp-tiny-3x5", 3, 5, 1, 100, 0, 20, "asymp"),
        ("asymp-small-10x7", 10, 7, 3, 1000, 0, 300, "asymp"),
        ("asymp-small-20x20", 20, 20, 3, 1000, 0, 100, "asymp"),
        ("asymp-ties-50x40", 50, 40, 1, 6, 0, 1, "asymp"),
        ("asymp-unequal-100x73", 100, 73, 4, 1000, 0, 150, "asymp"),
        ("asymp-unequal-500x333", 500, 333, 4, 1000, 0, 100, "asymp"),
        ("asymp-null-700x900", 700, 900, 4, 1000, 0, 0, "asymp"),
        ("asymp-equal-2000x2000", 2000, 2000, 4, 1000, 0, 40, "asymp"),
        ("asymp-10000x9999", 10000, 9999, 4, 100000, 0, 1500, "asymp"),
        ("exact-20000x100", 20000, 100, 4, 100000, 0, 5000, "exact"),
        ("exact-12000x300-null", 12000, 300, 4, 100000, 0, 0, "exact"),
        ("exact-10001x50", 10001, 50, 4, 100000, 0, 2000, "exact"),
        ("exact-small-10x7", 10, 7, 3, 1000, 0, 300, "exact"),
    ]
    seed = 54321
    cases = []
    for name, n1, n2, terms, rr, s1, s2, method in grid:
        spec = dict(name=name, method=method, sample1=dict(n=n1, seed=seed, terms=terms, range=rr, shift=s1),
                    sample2=dict(n=n2, seed=seed * 7 + 1, terms=terms, range=rr, shift=s2))
        seed += 101
        a = lcg_sample(spec["sample1"])
        b = lcg_sample(spec["sample2"])
        for alt in ["two-sided", "less", "greater"]:
            r = stats.ks_2samp(a, b, alternative=alt, method=method)
            cases.append(dict(spec, alternative=alt, statistic=float(r.statistic), pvalue=float(r.pvalue)))
    return cases


def distance_cases():
    cases = []
    for name, p, q in [
        ("uniform-vs-skewed", [0.1] * 10, [0.05, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.15]),
        ("three-bins", [0.5, 0.3, 0.2], [0.2, 0.3, 0.5]),
        ("identical", [0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]),
    ]:
        p, q = np.array(p), np.array(q)
        cases.append(dict(kind="js", name=name, p=p.tolist(), q=q.tolist(),
                          value=float(distance.jensenshannon(p, q))))
        psi = float(np.sum((q - p) * np.log(q / p)))
        cases.append(dict(kind="psi", name=name, p=p.tolist(), q=q.tolist(), value=psi))
    for name, s1, s2 in [
        ("wasserstein-shift", dict(n=500, seed=5, terms=4, range=1000, shift=0), dict(n=300, seed=6, terms=4, range=1000, shift=200)),
        ("wasserstein-null", dict(n=800, seed=7, terms=4, range=1000, shift=0), dict(n=800, seed=8, terms=4, range=1000, shift=0)),
    ]:
        a = lcg_sample(s1)
        b = lcg_sample(s2)
        cases.append(dict(kind="wasserstein", name=name, sample1=s1, sample2=s2,
                          value=float(stats.wasserstein_distance(a, b)),
                          normalised=float(stats.wasserstein_distance(a, b) / np.std(a))))
    for name, obs, exp in [
        ("chi2-mild", [48, 35, 17], [0.5, 0.3, 0.2]),
        ("chi2-strong", [10, 60, 30, 100], [0.25, 0.25, 0.25, 0.25]),
        ("chi2-perfect", [50, 30, 20], [0.5, 0.3, 0.2]),
    ]:
        obs = np.array(obs, dtype=float)
        f_exp = np.array(exp) * obs.sum()
        r = stats.chisquare(obs, f_exp)
        cases.append(dict(kind="chi2", name=name, observed=obs.tolist(), expected=exp,
                          statistic=float(r.statistic), pvalue=float(r.pvalue)))
    return cases


if __name__ == "__main__":
    meta = dict(scipy=scipy.__version__, numpy=np.__version__, generator=__doc__.strip())
    with open("ks_2samp.json", "w") as f:
        json.dump(dict(meta=meta, cases=ks_cases()), f, indent=1)
    with open("ks_2samp_methods.json", "w") as f:
        json.dump(dict(meta=meta, cases=ks_method_cases()), f, indent=1)
    with open("psi_js_wasserstein_chi2.json", "w") as f:
        json.dump(dict(meta=meta, cases=distance_cases()), f, indent=1)
