// Results, 2026-11-23 02:45-02:46 UTC (load average 1.2 before, 1.2 after), command:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.Slo.*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// AMD EPYC 2.60GHz, 2 vCPUs (KVM), Debian 12, .NET 10.0.12, BenchmarkDotNet 0.15.8. docs/benchmarks.md reads them.
// Ratio against RecordWithoutTracker.
//
// | Method | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|
// | OnInference | 49.92 ns | 0.423 ns | 3.01 | - |
// | RecordWithoutTracker | 16.57 ns | 0.251 ns | 1.00 | - |
// | RecordWithTracker | 70.02 ns | 0.980 ns | 4.23 | - |
// | Evaluate | 7,479.69 ns | 219.290 ns | 451.40 | 3072 B |
// The subscribed tracker adds ~53 ns per inference (four seed objectives), 0 B; one evaluation pass 7.5 us, 3 KB.
// An earlier pass at 02:33-02:34 (load 5.5) gave 50.7 / 16.9 / 76.8 ns and Evaluate 12.8 us +- 3.6 us.

using BenchmarkDotNet.Attributes;
using MlObservability.Inference;
using MlObservability.Slo;

namespace MlObservability.Benchmarks.Slo;

/// <summary>
/// Cost the SLO tracker adds to every inference (it is an <see cref="IInferenceObserver"/>), and the cost of one
/// background evaluation. Results: the comment at the top of this file and docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class SloTrackerBenchmarks
{
    private readonly InferenceRecord _ok = new(0.1, InferenceOutcome.Success, 1, null);
    private SloTracker _tracker = null!;
    private InferenceMetrics _plain = null!;
    private InferenceMetrics _observed = null!;
    private IDisposable _subscription = null!;

    [GlobalSetup]
    public void Setup()
    {
        _tracker = new SloTracker("bench", SloObjective.SeedDefaults());
        _plain = new InferenceMetrics("bench-plain");
        _observed = new InferenceMetrics("bench-observed");
        _subscription = _observed.Subscribe(_tracker);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscription.Dispose();
        _observed.Dispose();
        _plain.Dispose();
        _tracker.Dispose();
    }

    /// <summary>The tracker alone: four objectives counted for one inference.</summary>
    [Benchmark]
    public void OnInference() => _tracker.OnInference(_ok);

    /// <summary>InferenceMetrics.Record without observers (baseline).</summary>
    [Benchmark(Baseline = true)]
    public void RecordWithoutTracker() => _plain.Record(0.1);

    /// <summary>InferenceMetrics.Record with the tracker subscribed.</summary>
    [Benchmark]
    public void RecordWithTracker() => _observed.Record(0.1);

    /// <summary>One evaluation pass: compliance, budget and five burn-rate windows for four objectives.</summary>
    [Benchmark]
    public void Evaluate() => _tracker.Evaluate(DateTimeOffset.UtcNow);
}
