// Results: docs/benchmarks.md, "Drift evaluation scaling (issue 16, target 3)".
// Command: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*DriftEvaluationScalingBenchmarks*'
//   --inProcess --launchCount 1 --warmupCount 3 --iterationCount 8 --iterationTime 200
// The seeds' approach (scipy.stats.ks_2samp per feature) on the same shapes: Drift/scipy_ks_scaling.py, run in the same session.

using BenchmarkDotNet.Attributes;
using MlObservability.Drift;

namespace MlObservability.Benchmarks.Drift;

/// <summary>
/// Evaluation time per window against window size and feature count (issue 16, target 3): a tumbling window of
/// <see cref="Rows"/> rows × <see cref="Features"/> numeric features against a 5,000-row reference, drawn from the
/// reference's distribution (the common, quiet case), filled and evaluated by <see cref="DriftMonitor"/> with its
/// default methods (KS and PSI). Divide by the rows to get the evaluation cost per request; a service evaluates one
/// window per <see cref="Rows"/> requests.
/// </summary>
[MemoryDiagnoser]
public class DriftEvaluationScalingBenchmarks
{
    private const int ReferenceRows = 5_000;
    private double[][] _rows = [];
    private DriftMonitor _monitor = null!;

    /// <summary>Rows per window.</summary>
    [Params(250, 1_000, 5_000)]
    public int Rows { get; set; }

    /// <summary>Numeric features per row.</summary>
    [Params(8, 32, 128)]
    public int Features { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var builder = new ReferenceProfileBuilder([.. Enumerable.Range(0, Features).Select(i => $"f{i}")]);
        for (var r = 0; r < ReferenceRows; r++)
        {
            builder.AddRow([.. Enumerable.Range(0, Features).Select(_ => Normal())]);
        }

        _rows = [.. Enumerable.Range(0, Rows).Select(_ => Enumerable.Range(0, Features).Select(_ => Normal()).ToArray())];
        var options = new DriftMonitorOptions { WindowSize = Rows, EvaluateOnWindowCompletion = false, FleetFeatures = [] };
        _monitor = DriftMonitor.Create($"bench-scale-{Rows}-{Features}", "1", builder.Build(), options);
    }

    [GlobalCleanup]
    public void Cleanup() => _monitor.Dispose();

    [Benchmark(Description = "fill + Evaluate (KS screened + PSI)")]
    public void FillAndEvaluate()
    {
        foreach (var row in _rows)
        {
            _monitor.RecordFeatures(row);
        }

        _monitor.Evaluate(DateTimeOffset.UnixEpoch);
    }
}
