#!/usr/bin/python3
"""The constant behind the drift monitor's narrow exact-p band (KolmogorovSmirnovTest.AsymptoticErrorConstant).

For each pair of sample sizes, over statistics D on the lattice whose asymptotic p-value (scipy's kstwo.sf(D, round(en)),
what ks_2samp(method='asymp') reports) lies between 1e-7 and 0.9, prints the largest

    C = |ln(p_exact / p_asymptotic)| * sqrt(en) / lambda,   lambda = sqrt(ln(2 / p_asymptotic) / 2),  en = n1 n2 / (n1 + n2)

with p_exact from scipy's own exact computation (ks_2samp(method='exact')). The library uses C = 2 for en >= 50, twice
the largest value this prints there (1.08, at 100 x 100; equal sizes are the worst case), and keeps the factor-4 band
below en = 50. KolmogorovSmirnovScreeningTests checks the resulting decisions at alpha on the lattice.

Run: /usr/bin/python3 tests/TestData/Drift/ks_screening_bound.py   (scipy 1.10; about 15 s)
"""
import math

import numpy as np
from scipy.stats import kstwo
from scipy.stats._stats_py import _attempt_exact_2kssamp

SIZES = [(5000, 1000), (10000, 1000), (5000, 250), (2000, 500), (1000, 500), (750, 250), (400, 100), (300, 200),
         (200, 50), (2500, 2500), (1000, 1000), (1000, 999), (500, 500), (300, 300), (250, 250), (128, 128),
         (100, 100), (64, 64), (60, 40), (50, 50), (40, 40), (30, 30), (20, 30), (25, 25), (20, 20), (16, 12),
         (15, 15), (10, 12), (10, 10), (8, 8)]


def exact(n1, n2, d):
    ok, _, p = _attempt_exact_2kssamp(n1, n2, math.gcd(n1, n2), d, 'two-sided')
    return p if ok else None


for n1, n2 in SIZES:
    g = math.gcd(n1, n2)
    lcm = (n1 // g) * n2
    en = n1 * n2 / (n1 + n2)
    ne = np.round(en)
    h_low = int(kstwo.isf(0.9, ne) * lcm) - 1
    h_high = int(kstwo.isf(1e-7, ne) * lcm) + 2
    step = max(1, (h_high - h_low) // 80)
    worst, where = 0.0, None
    for h in range(max(1, h_low), h_high, step):
        d = h / lcm
        a = kstwo.sf(d, ne)
        if a < 1e-7 or a > 0.9:
            continue
        e = exact(n1, n2, d)
        if e is None or e <= 0:
            continue
        c = abs(math.log(e / a)) * math.sqrt(en) / math.sqrt(math.log(2 / a) / 2)
        if c > worst:
            worst, where = c, (h, e, a)
    print(f"{n1} x {n2}: en = {en:.1f}, C = {worst:.3f} at (h, exact, asymptotic) = {where}", flush=True)
