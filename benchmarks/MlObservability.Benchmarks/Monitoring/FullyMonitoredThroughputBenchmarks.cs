using BenchmarkDotNet.Attributes;
using MlObservability.Benchmarks.Histograms;

namespace MlObservability.Benchmarks.Monitoring;

/// <summary>
/// Throughput of a fully monitored model (issue 16, target 4): the inference of <see cref="FullyMonitoredInferenceBenchmarks"/>
/// (start, 32-feature row, classification with a request id and 10 % sampling, success, OpenTelemetry listening) on 1
/// and 2 pre-started threads sharing one model. Each invocation makes <see cref="Inferences"/> calls in total, split
/// evenly across the threads, so the time per operation is the inverse of the aggregate throughput and the 2-thread
/// scaling is Mean(Threads=1) / Mean(Threads=2). Ours and the seeds' approach (<see cref="SeedsPrometheusMonitoring"/>).
/// On a 2-vCPU VM the 2-thread iterations spread widely (the two workers share the machine with the runtime, the
/// drift evaluator and the benchmark's own process), so the median and minimum are shown beside the mean.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class FullyMonitoredThroughputBenchmarks
{
    /// <summary>Inferences per invocation, across all threads.</summary>
    public const int Inferences = 1 << 16;

    private FullyMonitoredFixture _fixture = null!;
    private SeedsPrometheusMonitoring _seeds = null!;
    private ThreadGang _gang = null!;
    private Action<int> _ours = null!;
    private Action<int> _seedsBody = null!;
    private Action<int> _startSuccess = null!;
    private Action<int> _features = null!;
    private Action<int> _classification = null!;

    /// <summary>Number of threads making inferences.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new FullyMonitoredFixture($"bench-throughput-{Threads}", 32);
        _seeds = new SeedsPrometheusMonitoring($"bench-throughput-{Threads}", "1", 32);
        _gang = new ThreadGang(Threads);
        var perThread = Inferences / Threads;
        var fixture = _fixture;
        _ours = worker =>
        {
            // Each worker starts at a different place in the rows, so threads do not record in lockstep.
            for (int i = worker * 509, end = i + perThread; i < end; i++)
            {
                fixture.Infer(i & (FullyMonitoredFixture.Calls - 1));
            }
        };
        var model = fixture.Model;
        _startSuccess = worker =>
        {
            for (int i = 0; i < perThread; i++)
            {
                model.Inference.RecordSuccess(model.Inference.Start());
            }
        };
        _features = worker =>
        {
            for (int i = worker * 509, end = i + perThread; i < end; i++)
            {
                model.RecordFeatures(fixture.Rows[i & (FullyMonitoredFixture.Calls - 1)]);
            }
        };
        _classification = worker =>
        {
            for (int i = worker * 509, end = i + perThread; i < end; i++)
            {
                var c = i & (FullyMonitoredFixture.Calls - 1);
                model.RecordClassification(fixture.Classes[c], fixture.Confidences[c], fixture.RequestIds[c]);
            }
        };
        var seeds = _seeds;
        _seedsBody = worker =>
        {
            for (int i = worker * 509, end = i + perThread; i < end; i++)
            {
                var c = i & (FullyMonitoredFixture.Calls - 1);
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                seeds.Begin();
                seeds.RecordFeatures(fixture.Rows[c]);
                seeds.RecordClassification(fixture.Classes[c], fixture.Confidences[c], fixture.RequestIds[c]);
                seeds.End(start);
            }
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _gang.Dispose();
        _fixture.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Inferences, Description = "MlObservability, fully monitored")]
    public void Ours() => _gang.Run(_ours);

    [Benchmark(OperationsPerInvoke = Inferences, Description = "component: Start + RecordSuccess")]
    public void StartSuccess() => _gang.Run(_startSuccess);

    [Benchmark(OperationsPerInvoke = Inferences, Description = "component: RecordFeatures")]
    public void Features() => _gang.Run(_features);

    [Benchmark(OperationsPerInvoke = Inferences, Description = "component: RecordClassification")]
    public void Classification() => _gang.Run(_classification);

    [Benchmark(OperationsPerInvoke = Inferences, Description = "seeds' approach with prometheus-net")]
    public void Seeds() => _gang.Run(_seedsBody);
}
