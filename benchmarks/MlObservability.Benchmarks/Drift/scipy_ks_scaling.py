#!/usr/bin/python3
"""The seeds' approach to window evaluation, timed on the shapes of DriftEvaluationScalingBenchmarks: for a window of
`rows` x `features` against a 5,000-row reference, scipy.stats.ks_2samp (method='auto', as the design documents call it)
on every feature column. Run in the same session as the C# benchmark so that the load is comparable.

Run: /usr/bin/python3 benchmarks/MlObservability.Benchmarks/Drift/scipy_ks_scaling.py
Prints the best of 3 repeats (each the mean of `number` calls) per shape, in milliseconds per window.
"""
import platform
import timeit

import numpy as np
import scipy
from scipy import stats

REFERENCE_ROWS = 5_000
rng = np.random.default_rng(7)

print(f"Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}")
for features in (8, 32, 128):
    reference = rng.normal(0.0, 1.0, (REFERENCE_ROWS, features))
    for rows in (250, 1_000, 5_000):
        window = rng.normal(0.0, 1.0, (rows, features))

        def evaluate():
            return [stats.ks_2samp(reference[:, f], window[:, f], method="auto").pvalue for f in range(features)]

        timer = timeit.Timer(evaluate)
        number, _ = timer.autorange()
        number = max(1, number // 5)
        best = min(timer.repeat(repeat=3, number=number)) / number
        print(f"ks_2samp per feature, {rows} rows x {features} features: {best * 1e3:.2f} ms per window (best of 3 x {number})", flush=True)
