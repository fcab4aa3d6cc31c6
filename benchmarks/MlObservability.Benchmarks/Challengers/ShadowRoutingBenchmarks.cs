// Results: see docs/benchmarks.md ("Router and shadow decision", issue 19), with the command, the machine and its load.

using BenchmarkDotNet.Attributes;

namespace MlObservability.Benchmarks.Challengers;

/// <summary>
/// What the inference path pays for a model router and a challenger in shadow on a request the shadow does not take,
/// in one run: the router's read alone (the baseline); the router and the shadow's sampling decision on a fresh
/// 36-character request id (it hashes the id); the ground-truth sampling decision a monitored model makes on the same
/// request anyway; and both decisions in a row on the same id, where the shadow reuses the hash the sampler computed.
/// The shadow's added cost on a monitored request is the last case minus the sampling decision alone. Every call takes
/// the next of 4,096 distinct ids. The enqueue of a shadowed request is measured by <see cref="ShadowEnqueueBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ShadowRoutingBenchmarks
{
    private ShadowFixture _fixture = null!;

    [GlobalSetup]
    public void Setup() => _fixture = new ShadowFixture("bench-routing", shadowedQueueCapacity: 1 << 10);

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    /// <summary>The router's read alone (and taking the next id, which every case does).</summary>
    [Benchmark(Baseline = true)]
    public object RouterRead()
    {
        _ = _fixture.NextId();
        return _fixture.Router.Active.Model;
    }

    /// <summary>Router read and a request that the shadow does not take: the sampling decision hashes a fresh id.</summary>
    [Benchmark]
    public bool RouterAndUnshadowedRequest()
    {
        var id = _fixture.NextId();
        _ = _fixture.Router.Active.Model;
        return _fixture.Unshadowed.TryShadow(id, _fixture.Row, 0, 0.001);
    }

    /// <summary>The ground-truth sampling decision (10 % by request id) on a fresh id: what a monitored model's quality
    /// recording does on every request with an id.</summary>
    [Benchmark]
    public bool GroundTruthSamplingDecision() => _fixture.Sampler.ShouldSample(_fixture.NextId());

    /// <summary>The ground-truth sampling decision, then the router and the unshadowed request on the same id.</summary>
    [Benchmark]
    public bool GroundTruthSamplingThenUnshadowedRequest()
    {
        var id = _fixture.NextId();
        var sampled = _fixture.Sampler.ShouldSample(id);
        _ = _fixture.Router.Active.Model;
        return _fixture.Unshadowed.TryShadow(id, _fixture.Row, 0, 0.001) | sampled;
    }
}
