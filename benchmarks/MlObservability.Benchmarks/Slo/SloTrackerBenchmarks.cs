using BenchmarkDotNet.Attributes;
using MlObservability.Inference;
using MlObservability.Slo;

namespace MlObservability.Benchmarks.Slo;

/// <summary>
/// Cost the SLO tracker adds to every inference (it is an <see cref="IInferenceObserver"/>), and the cost of one
/// background evaluation. Results (noisy shared machine, --job short) are in docs/alerting.md.
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
