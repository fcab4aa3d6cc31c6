// Results: docs/benchmarks.md, "Drift window evaluation (issue 16, target 2)".
// Command: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*DriftWindowEvaluationBenchmarks*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8

using BenchmarkDotNet.Attributes;
using MlObservability.Drift;

namespace MlObservability.Benchmarks.Drift;

/// <summary>
/// What the evaluator pays per window (issue 16, target 2): a tumbling window of 1,000 rows × 32 numeric features
/// against a 5,000-row reference, drawn from the reference's distribution (the common, quiet case, where the exact KS
/// p-value used to cost most), filled (1,000 rows, about 0.1 ms of the total) and evaluated by <see cref="DriftMonitor"/>
/// with its default methods (KS and PSI); and, as the "before", the exact KS test (scipy's <c>method='auto'</c>) on the same 32 columns.
/// </summary>
[MemoryDiagnoser]
public class DriftWindowEvaluationBenchmarks
{
    private const int Features = 32;
    private const int Rows = 1_000;
    private double[][] _rows = [];
    private double[][] _columns = [];
    private ReferenceProfile _profile = null!;
    private DriftMonitor _monitor = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var builder = new ReferenceProfileBuilder([.. Enumerable.Range(0, Features).Select(i => $"f{i}")]);
        for (var r = 0; r < 5_000; r++)
        {
            builder.AddRow([.. Enumerable.Range(0, Features).Select(_ => Normal())]);
        }

        _profile = builder.Build();
        _rows = [.. Enumerable.Range(0, Rows).Select(_ => Enumerable.Range(0, Features).Select(_ => Normal()).ToArray())];
        _columns = [.. Enumerable.Range(0, Features).Select(f => _rows.Select(r => r[f]).ToArray())];
        var options = new DriftMonitorOptions { WindowSize = Rows, EvaluateOnWindowCompletion = false, FleetFeatures = [] };
        _monitor = DriftMonitor.Create("bench-eval", "1", _profile, options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _monitor.Dispose();
    }

    [Benchmark(Baseline = true, Description = "fill + Evaluate, 1,000 x 32 (KS screened + PSI)")]
    public void FillAndEvaluate()
    {
        foreach (var row in _rows)
        {
            _monitor.RecordFeatures(row);
        }

        _monitor.Evaluate(DateTimeOffset.UnixEpoch);
    }

    [Benchmark(Description = "before: sort + exact KS (auto) on 32 columns")]
    public double ExactKs()
    {
        var sum = 0.0;
        var buffer = new double[Rows];
        for (var f = 0; f < Features; f++)
        {
            _columns[f].CopyTo(buffer, 0);
            Array.Sort(buffer);
            sum += KolmogorovSmirnovTest.TwoSampleSorted(_profile.Features[f].SortedSample, buffer).PValue;
        }

        return sum;
    }
}
