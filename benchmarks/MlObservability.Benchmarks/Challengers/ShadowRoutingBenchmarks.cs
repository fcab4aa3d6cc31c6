// Results: not measured. In the issue-19 round the shared 2-core machine was at load average 26-28 for most of the
// round, and the one short attempt at the end (load 8-10) failed in BenchmarkDotNet's boilerplate build (run with
// --no-build), with no time left to retry. Run it on a quiet machine:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*ShadowRoutingBenchmarks*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// Target (issue 19): router read + unshadowed request <= 50 ns and 0 B.

using BenchmarkDotNet.Attributes;
using MlObservability.Challengers;
using MlObservability.Routing;

namespace MlObservability.Benchmarks.Challengers;

/// <summary>
/// What the inference path pays for a challenger in shadow and a model router, in one run: the router's read alone, a
/// request that is not shadowed (router read + sampling decision at 5%), and a shadowed one (sampling decision + enqueue
/// into the bounded queue, which the benchmark's own worker drains).
/// </summary>
[MemoryDiagnoser]
public class ShadowRoutingBenchmarks
{
    private readonly float[] _row = new float[13];
    private ModelRouter<object> _router = null!;
    private ChallengerShadow<float[]> _unshadowed = null!;
    private ChallengerShadow<float[]> _shadowed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _router = new ModelRouter<object>("bench-router");
        _router.AddVersion("1", new object());
        // Share 0: the sampling decision is made and says no; share 1: every call enqueues.
        _unshadowed = new ChallengerShadow<float[]>("bench-shadow", "1", "2", _ => new ShadowPrediction(0, 1), new ShadowOptions { Share = 0.000001 });
        _shadowed = new ChallengerShadow<float[]>("bench-shadow", "1", "3", _ => new ShadowPrediction(0, 1),
            new ShadowOptions { Share = 1, QueueCapacity = 1 << 16, PollInterval = TimeSpan.FromMilliseconds(1) });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _shadowed.Dispose();
        _unshadowed.Dispose();
        _router.Dispose();
    }

    /// <summary>The router's read alone.</summary>
    [Benchmark(Baseline = true)]
    public object RouterRead() => _router.Active.Model;

    /// <summary>Router read and a request that the shadow does not take (hash of a 36-character request id).</summary>
    [Benchmark]
    public bool RouterAndUnshadowedRequest()
    {
        _ = _router.Active.Model;
        return _unshadowed.TryShadow("6f9619ff-8b86-d011-b42d-00c04fc964ff", _row, 0, 0.001);
    }

    /// <summary>Router read and a shadowed request: enqueue (or a counted drop when the worker is behind).</summary>
    [Benchmark]
    public bool RouterAndShadowedRequest()
    {
        _ = _router.Active.Model;
        return _shadowed.TryShadow("6f9619ff-8b86-d011-b42d-00c04fc964ff", _row, 0, 0.001);
    }
}
