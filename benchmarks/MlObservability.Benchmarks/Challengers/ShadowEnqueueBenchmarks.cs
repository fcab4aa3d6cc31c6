// Results: 2026-12-01 03:24 UTC, AMD EPYC 2.45 GHz, 2 cores, .NET 10.0, load average 41-44 (four helpers building),
// --inProcess (the generated project timed out building under that load), --launchCount 1 --warmupCount 3 --iterationCount 8:
// RouterRead 9.6 ns, RouterAndUnshadowedRequest 3,921 ns, RouterAndShadowedEnqueue 5,277 ns, all 0 B, no drop.
// The times are preemption noise at that load (RouterRead is 0.38 ns on a quiet machine); 0 B and shadowed/unshadowed
// = 1.35 are the readable part. See docs/benchmarks.md ("Shadow enqueue with a drained queue"). Rerun quiet.

using BenchmarkDotNet.Attributes;
using MlObservability.Challengers;
using MlObservability.Routing;

namespace MlObservability.Benchmarks.Challengers;

/// <summary>
/// The inference path's cost of a challenger in shadow, with the shadowed request measured on its real path: the
/// enqueue into a queue that the shadow's worker is draining, never the drop of a full queue. Each iteration makes
/// <see cref="Invocations"/> calls into a queue of <see cref="QueueCapacity"/> slots, four times as many, and the
/// iteration setup waits until the worker has drained it; the cleanup fails the run if a single request was dropped.
/// Peers in the same run: the router's read alone, and a request the shadow does not take.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class ShadowEnqueueBenchmarks
{
    /// <summary>Calls per iteration.</summary>
    public const int Invocations = 16_384;

    /// <summary>Slots of the shadowed queue.</summary>
    public const int QueueCapacity = 4 * Invocations;

    private const string RequestId = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
    private readonly float[] _row = new float[13];
    private ModelRouter<object> _router = null!;
    private ChallengerShadow<float[]> _unshadowed = null!;
    private ChallengerShadow<float[]> _shadowed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _router = new ModelRouter<object>("bench-enqueue-router");
        _router.AddVersion("1", new object());
        // A share the request id falls outside of: the sampling decision is made (hash of the id) and says no.
        _unshadowed = new ChallengerShadow<float[]>("bench-enqueue", "1", "2", _ => new ShadowPrediction(0, 1), new ShadowOptions { Share = 0.000001 });
        // A share below 1 that the id falls inside of: the same sampling decision, which says yes, then the enqueue.
        _shadowed = new ChallengerShadow<float[]>("bench-enqueue", "1", "3", _ => new ShadowPrediction(0, 1),
            new ShadowOptions { Share = 0.999, QueueCapacity = QueueCapacity, PollInterval = TimeSpan.FromMilliseconds(1) });
        if (_unshadowed.IsSelected(RequestId) || !_shadowed.IsSelected(RequestId))
        {
            throw new InvalidOperationException($"Request id {RequestId} does not fall where the benchmark needs it; choose another.");
        }
    }

    /// <summary>Waits until the worker has drained what the previous iteration enqueued.</summary>
    [IterationSetup]
    public void WaitForDrainedQueue()
    {
        var spin = new SpinWait();
        while (_shadowed.QueuedCount > 0)
        {
            spin.SpinOnce();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        long dropped = _shadowed.DroppedCount(ShadowDropReason.QueueFull);
        _shadowed.Dispose();
        _unshadowed.Dispose();
        _router.Dispose();
        if (dropped > 0)
        {
            throw new InvalidOperationException($"{dropped} shadowed requests hit a full queue: the figure would mix enqueues and drops.");
        }
    }

    /// <summary>The router's read alone.</summary>
    [Benchmark(Baseline = true)]
    public object RouterRead() => _router.Active.Model;

    /// <summary>Router read and a request that the shadow does not take (sampling decision on a 36-character id).</summary>
    [Benchmark]
    public bool RouterAndUnshadowedRequest()
    {
        _ = _router.Active.Model;
        return _unshadowed.TryShadow(RequestId, _row, 0, 0.001);
    }

    /// <summary>Router read and a shadowed request: sampling decision and enqueue, while the worker drains.</summary>
    [Benchmark]
    public bool RouterAndShadowedEnqueue()
    {
        _ = _router.Active.Model;
        return _shadowed.TryShadow(RequestId, _row, 0, 0.001);
    }
}
