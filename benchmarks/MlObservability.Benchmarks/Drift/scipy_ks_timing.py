#!/usr/bin/python3
"""Times scipy.stats.ks_2samp on the shapes DriftBenchmarks measures, for the ratio in docs/benchmarks.md.

Run: /usr/bin/python3 benchmarks/MlObservability.Benchmarks/Drift/scipy_ks_timing.py
Prints the best of 5 repeats (each the mean of `number` calls) per case, in milliseconds.
"""
import platform
import timeit

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(42)
reference = rng.normal(0.0, 1.0, 10_000)
current = rng.normal(0.02, 1.0, 10_000)  # DriftBenchmarks shifts its current sample by 0.02
shifted = current + 0.3
current_9999 = current[:9_999]

cases = [
    ("ks_2samp 10k vs 10k, method='auto'", lambda: stats.ks_2samp(reference, current, method="auto")),
    ("ks_2samp 10k vs 10k shifted, method='auto'", lambda: stats.ks_2samp(reference, shifted, method="auto")),
    ("ks_2samp 10k vs 9,999, method='auto'", lambda: stats.ks_2samp(reference, current_9999, method="auto")),
    ("ks_2samp 10k vs 10k, method='asymp'", lambda: stats.ks_2samp(reference, current, method="asymp")),
]

print(f"Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}")
for name, fn in cases:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    best = min(timer.repeat(repeat=5, number=number)) / number
    print(f"{name}: {best * 1e3:.3f} ms (best of 5 x {number})")
