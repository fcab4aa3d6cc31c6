// Results: docs/benchmarks.md, "Drift evaluation scaling (issue 16, target 3)".
// Command: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*KsExactPValueBenchmarks*'
//   --inProcess --launchCount 1 --warmupCount 3 --iterationCount 8 --iterationTime 200

using BenchmarkDotNet.Attributes;
using MlObservability.Drift;
using MlObservability.Tests.Drift;

namespace MlObservability.Benchmarks.Drift;

/// <summary>
/// The exact two-sided KS p-value at a statistic near α = 0.05 for a 1,000-value window against a 5,000-value reference
/// (what the drift monitor computes for a feature inside its exact band): Viehmann's recursion by anti-diagonals
/// (vectorised, the library's) against the same recursion row by row (scipy's order, the test oracle, linked here).
/// </summary>
public class KsExactPValueBenchmarks
{
    private const long N1 = 5_000;
    private const long N2 = 1_000;
    private const long G = 1_000;
    private const long H = 232; // D = 232 / 5,000 = 0.0464: p ≈ 0.05

    [Benchmark(Baseline = true, Description = "row order (scipy's), 5,000 x 1,000 at p ~ 0.05")]
    public double Rows() => ViehmannRowRecursion.ProbabilityOutside(N1, N2, G, H);

    [Benchmark(Description = "anti-diagonals, vectorised (library), 5,000 x 1,000 at p ~ 0.05")]
    public double Diagonals() => KolmogorovSmirnovExact.ProbabilityOutsideInsideMethod(N1, N2, G, H);
}
