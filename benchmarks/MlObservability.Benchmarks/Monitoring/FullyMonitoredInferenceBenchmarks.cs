// 2026-12-01 02:56-03:10 UTC, load average 32 to 42 (saturated; ratios only), with the faithful seeds' peer
// (docs/benchmarks.md, "The per-inference hot path"): the seeds' approach 7.13x ours, ours 48 B, the peer 1,307 B.
// Results: docs/benchmarks.md, "Per inference, fully monitored (issue 16, target 1)". 2026-12-01 00:24 UTC, load 20 to 7:
// | MlObservability, AddMlMonitoring, OTel listening | 32 | 800.4 ns | 1.00 | 16 B |
// | seeds' approach with prometheus-net              | 32 | 371.1 ns | 0.47 | 192 B |
// Command: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*FullyMonitoredInferenceBenchmarks*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8

using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OpenTelemetry.Metrics;

namespace MlObservability.Benchmarks.Monitoring;

/// <summary>
/// What monitoring costs per inference (issue 16, target 1): one model monitored through <c>AddMlMonitoring()</c> with a
/// reference profile of <see cref="Features"/> numeric features (drift, fleet counters at 10 bins), quality with three
/// class labels and 10 % ground-truth sampling by request id, SLOs, and an OpenTelemetry <see cref="MeterProvider"/>
/// listening to the library's meter, as in production. One operation: start, the feature row, a classification with a
/// request id, success. Against the design documents' approach written with prometheus-net
/// (<see cref="SeedsPrometheusMonitoring"/>), in the same run.
/// </summary>
/// <remarks>
/// 1,024 different rows, classes, confidences and request ids per invocation (<c>OperationsPerInvoke</c>), so about
/// one call in ten is sampled for labelling. Background evaluation is not running (no host): drift windows fill and
/// later rows take the "skipped" path, which the target 2 (an evaluator that keeps up) is about; the cost of a
/// row written into the window instead is within a few ns (see the Drift section of docs/benchmarks.md).
/// </remarks>
[MemoryDiagnoser]
public class FullyMonitoredInferenceBenchmarks
{
    private const int Calls = FullyMonitoredFixture.Calls;
    private FullyMonitoredFixture _fixture = null!;
    private ModelMonitor _model = null!;
    private SeedsPrometheusMonitoring _seeds = null!;
    private float[][] _rows = [];
    private string[] _requestIds = [];
    private int[] _classes = [];
    private double[] _confidences = [];

    /// <summary>Features per row.</summary>
    [Params(32)]
    public int Features { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new FullyMonitoredFixture("bench-full", Features);
        _model = _fixture.Model;
        _rows = _fixture.Rows;
        _requestIds = _fixture.RequestIds;
        _classes = _fixture.Classes;
        _confidences = _fixture.Confidences;
        _seeds = new SeedsPrometheusMonitoring("bench-full", "1", Features);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "MlObservability, AddMlMonitoring, OTel listening")]
    public void Ours()
    {
        var model = _model;
        for (var i = 0; i < Calls; i++)
        {
            var start = model.Inference.Start();
            model.RecordFeatures(_rows[i]);
            model.RecordClassification(_classes[i], _confidences[i], _requestIds[i]);
            model.Inference.RecordSuccess(start);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "component: Start + RecordSuccess")]
    public void OursStartAndSuccess()
    {
        var inference = _model.Inference;
        for (var i = 0; i < Calls; i++)
        {
            inference.RecordSuccess(inference.Start());
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "component: RecordFeatures (drift row + fleet bins)")]
    public void OursFeatures()
    {
        var model = _model;
        for (var i = 0; i < Calls; i++)
        {
            model.RecordFeatures(_rows[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "component: RecordClassification (10 % sampled)")]
    public void OursClassification()
    {
        var model = _model;
        for (var i = 0; i < Calls; i++)
        {
            model.RecordClassification(_classes[i], _confidences[i], _requestIds[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "seeds' approach with prometheus-net")]
    public void Seeds()
    {
        var seeds = _seeds;
        for (var i = 0; i < Calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            seeds.Begin();
            seeds.RecordFeatures(_rows[i]);
            seeds.RecordClassification(_classes[i], _confidences[i], _requestIds[i]);
            seeds.End(start);
        }
    }
}
