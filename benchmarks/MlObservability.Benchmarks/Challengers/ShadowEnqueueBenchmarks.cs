// Results: see docs/benchmarks.md ("Shadow enqueue with a drained queue", issue 19), with the command, the machine and
// its load.

using BenchmarkDotNet.Attributes;
using MlObservability.Challengers;

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

    private ShadowFixture _fixture = null!;

    [GlobalSetup]
    public void Setup() => _fixture = new ShadowFixture("bench-enqueue", QueueCapacity);

    /// <summary>Waits until the worker has drained what the previous iteration enqueued.</summary>
    [IterationSetup]
    public void WaitForDrainedQueue()
    {
        var spin = new SpinWait();
        while (_fixture.Shadowed.QueuedCount > 0)
        {
            spin.SpinOnce();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        long dropped = _fixture.Shadowed.DroppedCount(ShadowDropReason.QueueFull);
        _fixture.Dispose();
        if (dropped > 0)
        {
            throw new InvalidOperationException($"{dropped} shadowed requests hit a full queue: the figure would mix enqueues and drops.");
        }
    }

    /// <summary>The router's read alone (and taking the next id, which every case does).</summary>
    [Benchmark(Baseline = true)]
    public object RouterRead()
    {
        _ = _fixture.NextId();
        return _fixture.Router.Active.Model;
    }

    /// <summary>Router read and a request that the shadow does not take (sampling decision on a fresh 36-character id).</summary>
    [Benchmark]
    public bool RouterAndUnshadowedRequest()
    {
        var id = _fixture.NextId();
        _ = _fixture.Router.Active.Model;
        return _fixture.Unshadowed.TryShadow(id, _fixture.Row, 0, 0.001);
    }

    /// <summary>Router read and a shadowed request: sampling decision and enqueue, while the worker drains.</summary>
    [Benchmark]
    public bool RouterAndShadowedEnqueue()
    {
        var id = _fixture.NextId();
        _ = _fixture.Router.Active.Model;
        return _fixture.Shadowed.TryShadow(id, _fixture.Row, 0, 0.001);
    }
}
