// Results, 2026-11-23 02:42-02:44 UTC (load average 1.6 before, 1.2 after), command:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.Drift.*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// AMD EPYC 2.60GHz, 2 vCPUs (KVM), Debian 12, .NET 10.0.12, BenchmarkDotNet 0.15.8. Ratio is against KsSorted10kVs10k.
//
// | Method | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|
// | KsSorted10kVs10k | 119,544.53 ns | 1,890.464 ns | 1.000 | - |
// | KsUnsorted10kVs10k | 1,144,430.36 ns | 15,109.461 ns | 9.574 | 160048 B |
// | KsSorted10kVs10kShifted | 158,991.52 ns | 2,380.069 ns | 1.330 | - |
// | KsSorted10kVs9999 | 10,137,882.52 ns | 189,676.470 ns | 84.808 | 1960 B |
// | Psi10kValues | 28,523.36 ns | 494.036 ns | 0.239 | - |
// | RecordRow100FeaturesWindowFull | 95.78 ns | 2.394 ns | 0.001 | - |
// | RecordFloatRow100FeaturesWindowFull | 97.26 ns | 2.234 ns | 0.001 | - |
// | RecordRow100FeaturesIntoWindow | 160.09 ns | 5.786 ns | 0.001 | 3 B |
// Per feature on the hot path: 0.96 ns (row of 100 doubles, window full), 0.97 ns (floats), 1.6 ns (writing into the window).
// scipy 1.10.1 ks_2samp(method='auto'), same sizes and shifts, Drift/scipy_ks_timing.py (timeit, best of 5), 02:41 UTC
// (load 1.2): 10k vs 10k 2.09 ms (ours sorted 0.12 ms: 17x faster; unsorted incl. sorting copies 1.14 ms: 1.8x faster);
// shifted 2.19 ms (ours 0.16 ms: 14x); 10k vs 9,999 20.3 ms (ours 10.1 ms: 2.0x).
// An earlier pass of the same command at 02:29-02:31 (load 4.4 rising to 9.4) was 1.3x to 1.8x slower with errors up to
// +-55 %: KS sorted 0.19 ms, unsorted 1.72 ms, 9,999 14.8 ms, rows 151-253 ns.

using BenchmarkDotNet.Attributes;
using MlObservability.Drift;

namespace MlObservability.Benchmarks.Drift;

/// <summary>
/// Drift statistics and the monitor's hot path.
/// KS peers: scipy.stats.ks_2samp(method='auto') on the same data, timed with timeit (see docs/drift.md).
/// Run: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*DriftBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class DriftBenchmarks
{
    private double[] _reference = [];
    private double[] _current = [];
    private double[] _currentShifted = [];
    private double[] _current9999 = [];
    private double[] _unsortedReference = [];
    private double[] _unsortedCurrent = [];
    private double[] _row = [];
    private float[] _floatRow = [];
    private DriftMonitor _monitor = null!;
    private DriftMonitor _writeMonitor = null!;
    private PsiBinning _binning = null!;
    private double[] _counts = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        _unsortedReference = [.. Enumerable.Range(0, 10_000).Select(_ => Normal())];
        _unsortedCurrent = [.. Enumerable.Range(0, 10_000).Select(_ => Normal() + 0.02)];
        _reference = [.. _unsortedReference.Order()];
        _current = [.. _unsortedCurrent.Order()];
        _currentShifted = [.. _current.Select(v => v + 0.3)];
        _current9999 = _current[..9_999];

        var builder = new ReferenceProfileBuilder([.. Enumerable.Range(0, 100).Select(i => $"f{i}")]);
        var row = new double[100];
        for (var r = 0; r < 5_000; r++)
        {
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = Normal();
            }

            builder.AddRow(row);
        }

        _monitor = DriftMonitor.Create("bench", "1", builder.Build(), new DriftMonitorOptions { WindowSize = 1_000, EvaluateOnWindowCompletion = false });
        _row = [.. Enumerable.Range(0, 100).Select(_ => Normal())];

        // A monitor whose features have empty references: evaluation only recycles the window, so the benchmark below
        // measures the row-writing path of the hot path rather than the tests.
        var empty = new ReferenceProfileBuilder([.. Enumerable.Range(0, 100).Select(i => $"f{i}")]);
        empty.AddRow([.. Enumerable.Repeat(double.NaN, 100)]);
        _writeMonitor = DriftMonitor.Create("bench-write", "1", empty.Build(), new DriftMonitorOptions { WindowSize = 1_000, EvaluateOnWindowCompletion = false });
        _floatRow = [.. _row.Select(v => (float)v)];
        _binning = PsiBinning.FromReferenceQuantiles(_reference, 10);
        _counts = new double[_binning.BinCount];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _monitor.Dispose();
        _writeMonitor.Dispose();
    }

    /// <summary>KS on 10,000 vs 10,000 sorted values: merge walk and exact p-value (the monitor's evaluation path).</summary>
    [Benchmark(Baseline = true)]
    public KolmogorovSmirnovResult KsSorted10kVs10k() => KolmogorovSmirnovTest.TwoSampleSorted(_reference, _current);

    /// <summary>KS on 10,000 vs 10,000 values including sorting copies of both (what scipy does per call).</summary>
    [Benchmark]
    public KolmogorovSmirnovResult KsUnsorted10kVs10k() => KolmogorovSmirnovTest.TwoSample(_unsortedReference, _unsortedCurrent);

    /// <summary>KS with a real shift (D ~ 0.12): exact p-value of a large statistic.</summary>
    [Benchmark]
    public KolmogorovSmirnovResult KsSorted10kVs10kShifted() => KolmogorovSmirnovTest.TwoSampleSorted(_reference, _currentShifted);

    /// <summary>KS on 10,000 vs 9,999: unequal sizes take the O(n * window) exact recursion.</summary>
    [Benchmark]
    public KolmogorovSmirnovResult KsSorted10kVs9999() => KolmogorovSmirnovTest.TwoSampleSorted(_reference, _current9999);

    /// <summary>PSI over 10 quantile bins for 10,000 current values.</summary>
    [Benchmark]
    public double Psi10kValues()
    {
        _binning.Count(_current, _counts);
        return PopulationStabilityIndex.FromCounts(_counts, _counts);
    }

    /// <summary>The hot path once the window is full: a 100-feature row is checked (data quality) and skipped
    /// (divide by 100 for the per-feature cost).</summary>
    [Benchmark]
    public void RecordRow100FeaturesWindowFull() => _monitor.RecordFeatures(_row);

    /// <summary>The hot path with a float row (the usual tensor element type), window full.</summary>
    [Benchmark]
    public void RecordFloatRow100FeaturesWindowFull() => _monitor.RecordFeatures(_floatRow);

    /// <summary>The hot path writing into the window: 1,000 rows of 100 features per invocation, then the window is
    /// recycled (per-operation time is per row).</summary>
    [Benchmark(OperationsPerInvoke = 1_000)]
    public void RecordRow100FeaturesIntoWindow()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _writeMonitor.RecordFeatures(_row);
        }

        _writeMonitor.Evaluate(DateTimeOffset.UnixEpoch);
    }
}
