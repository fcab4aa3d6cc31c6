#!/usr/bin/python3
"""Reference vectors for the fleet (binned) drift statistics, produced by Debian's numpy/scipy (python3-scipy 1.10).

Run from this folder:  /usr/bin/python3 make_fleet_vectors.py
Writes fleet_binned.json. Samples come from the same 64-bit LCG as make_reference_vectors.py (recipes only).

For each case: the fleet bin edges (numpy.quantile, linear), the reference's cumulative fraction per bin and the
current sample's cumulative counts (a value's bin = number of edges at or below it), the binned figures computed here
independently of the C# code (PSI with empty bins at epsilon, scipy's Jensen-Shannon distance on the bin fractions,
binned D, scipy.special.kolmogorov of lambda, Pearson chi-square), and the exact figures over the raw samples
(scipy.stats.ks_2samp D) that the binned ones approximate. Categorical cases compare with scipy.stats.chisquare.
"""
import json
import numpy as np
from scipy import special, stats
from scipy.spatial import distance

MASK = (1 << 64) - 1
EPS = 1e-4
ALPHA = 0.05


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


def binned(ref_cdf, cur_cum, m):
    n = cur_cum[-1]
    cdf = cur_cum / n
    q = np.diff(np.concatenate([[0.0], cdf]))
    p = np.diff(np.concatenate([[0.0], ref_cdf]))
    qe, pe = np.maximum(q, EPS), np.maximum(p, EPS)
    psi = float(np.sum((qe - pe) * np.log(qe / pe)))
    js = float(distance.jensenshannon(p, q))
    d = float(np.max(np.abs(cdf - ref_cdf)))
    lam = d * np.sqrt(n * m / (n + m))
    used = (q + p) > 0
    chi = float(n * np.sum(((q - pe) ** 2 / pe)[used]))
    df = int(used.sum()) - 1
    return {
        "rows": float(n), "psi": psi, "js": js, "ks_d": d, "ks_lambda": float(lam),
        "kolmogorov_sf": float(special.kolmogorov(lam)),
        "ks_critical": float(np.sqrt(-np.log(ALPHA / 2) / 2) * np.sqrt((n + m) / (n * m))),
        "chi_square": chi, "chi_square_df": df,
        "chi_square_critical_exact": float(stats.chi2.ppf(1 - ALPHA, df)) if df > 0 else None,
        "max_bin_mass": float(max(np.max(p), np.max(q))),
    }


def numeric_case(name, ref_spec, cur_spec, bins):
    ref = np.sort(lcg_sample(ref_spec))
    cur = lcg_sample(cur_spec)
    edges = np.quantile(ref, np.arange(1, bins) / bins)
    edges = np.maximum.accumulate(edges)
    ref_bin = np.searchsorted(edges, ref, side="right")
    cur_bin = np.searchsorted(edges, cur, side="right")
    ref_cdf = np.cumsum(np.bincount(ref_bin, minlength=bins)) / len(ref)
    cur_cum = np.cumsum(np.bincount(cur_bin, minlength=bins)).astype(float)
    b = binned(ref_cdf, cur_cum, len(ref))
    exact = stats.ks_2samp(ref, cur, method="asymp")
    return {
        "kind": "numeric", "name": name, "bins": bins, "reference": ref_spec, "current": cur_spec,
        "edges": edges.tolist(), "reference_cdf": ref_cdf.tolist(), "current_cumulative": cur_cum.tolist(),
        "binned": b, "exact_ks_d": float(exact.statistic),
    }


def categorical_case(name, categories, ref_counts, cur_counts):
    ref_counts = np.array(ref_counts, dtype=float)
    cur_counts = np.array(cur_counts, dtype=float)
    m = ref_counts.sum()
    ref_cdf = np.cumsum(np.concatenate([ref_counts, [0.0]])) / m
    cur_cum = np.cumsum(cur_counts)
    b = binned(ref_cdf, cur_cum, m)
    seen = cur_counts[:-1]
    exact = None
    if cur_counts[-1] == 0:
        exact = float(stats.chisquare(seen, ref_counts / m * seen.sum()).statistic)
    return {
        "kind": "categorical", "name": name, "categories": categories, "reference_counts": ref_counts.tolist(),
        "reference_cdf": ref_cdf.tolist(), "current_cumulative": cur_cum.tolist(), "binned": b,
        "scipy_chisquare": exact,
    }


def spec(n, seed, terms, rng, shift):
    return {"n": n, "seed": seed, "terms": terms, "range": rng, "shift": shift}


cases = [
    numeric_case("null-5000x3000-10bins", spec(5000, 11, 4, 1000, 0), spec(3000, 12, 4, 1000, 0), 10),
    numeric_case("shift-5000x3000-10bins", spec(5000, 21, 4, 1000, 0), spec(3000, 22, 4, 1000, 150), 10),
    numeric_case("small-shift-4000x4000-20bins", spec(4000, 31, 4, 1000, 0), spec(4000, 32, 4, 1000, 40), 20),
    numeric_case("wide-shift-2000x1500-50bins", spec(2000, 41, 3, 1000, 0), spec(1500, 42, 3, 1000, 600), 50),
    numeric_case("ties-3000x2000-10bins", spec(3000, 51, 1, 6, 0), spec(2000, 52, 1, 6, 1), 10),
    numeric_case("outside-range-1000x800-10bins", spec(1000, 61, 2, 100, 0), spec(800, 62, 2, 100, 300), 10),
    numeric_case("null-large-20000x20000-10bins", spec(20000, 71, 4, 1000, 0), spec(20000, 72, 4, 1000, 0), 10),
    categorical_case("categories-null", [1, 2, 3, 4], [400, 300, 200, 100], [410, 290, 205, 95, 0]),
    categorical_case("categories-shift", [1, 2, 3], [500, 300, 200], [300, 300, 400, 0]),
    categorical_case("categories-unseen", [0, 5], [600, 400], [500, 450, 50]),
]

wh = []
for df in [1, 2, 3, 5, 10, 20, 49]:
    z = stats.norm.ppf(1 - ALPHA)
    a = 2 / (9 * df)
    wh.append({"df": df, "alpha": ALPHA, "exact": float(stats.chi2.ppf(1 - ALPHA, df)),
               "wilson_hilferty": float(df * (1 - a + z * np.sqrt(a)) ** 3)})

kolmogorov = [{"lambda": lam, "sf": float(special.kolmogorov(lam))} for lam in [0.3, 0.4, 0.5, 0.7, 1.0, 1.36, 1.5, 2.0, 3.0]]

with open("fleet_binned.json", "w") as f:
    json.dump({"epsilon": EPS, "alpha": ALPHA, "cases": cases, "wilson_hilferty": wh, "kolmogorov": kolmogorov}, f, indent=1)
print("wrote fleet_binned.json")
for w in wh:
    print(w["df"], w["exact"], w["wilson_hilferty"], (w["wilson_hilferty"] - w["exact"]) / w["exact"])
for c in cases:
    print(c["name"], c["binned"]["psi"], c["binned"]["ks_d"], c.get("exact_ks_d"), c["binned"]["ks_lambda"], c["binned"]["max_bin_mass"])
