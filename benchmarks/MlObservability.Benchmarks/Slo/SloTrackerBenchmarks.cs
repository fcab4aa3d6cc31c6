// Results, 2026-11-23 02:33-02:34 UTC (load average 5.5 before, 5.6 after), command:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.Slo.*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// AMD EPYC 2.60GHz, 2 vCPUs (KVM), Debian 12, .NET 10.0.12, BenchmarkDotNet 0.15.8. Ratio against RecordWithoutTracker.
//
// | Method | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|
// | OnInference | 50.71 ns | 1.693 ns | 3.00 | - |
// | RecordWithoutTracker | 16.93 ns | 0.154 ns | 1.00 | - |
// | RecordWithTracker | 76.79 ns | 6.884 ns | 4.54 | - |
// | Evaluate | 12,815.86 ns | 3,551.909 ns | 757.14 | 3072 B |
// The subscribed tracker adds ~60 ns per inference (four seed objectives), 0 B; one evaluation pass ~13 us, 3 KB.

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
