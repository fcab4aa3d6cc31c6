// Results: docs/benchmarks.md, "Evaluation without sorting, and pooled pending predictions (issue 16)", run of
// 2026-12-01 09:00 UTC (load 1.7 to 2.3): the components' medians 284 + 152 + 116 = 552 ns on the request thread, against
// 4,451 ns for the seeds' approach (8.1x); earlier runs are in the sections before it.
// Command: dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter '*FullyMonitoredInferenceBenchmarks*'
//   --launchCount 1 --warmupCount 5 --iterationCount 15 --iterationTime 250

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
/// one call in ten is sampled for labelling. Each full drift window (and predicted-class window) is evaluated on the
/// thread pool as in production; at the benchmark's rate, about a million rows a second, that evaluation occupies the
/// second vCPU and widens the spread of the whole-inference case (docs/benchmarks.md, "Per inference, fully monitored
/// (issue 16, target 1)"). The component cases complete windows too, but their spread is small; their medians add up
/// to what the request thread pays.
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
