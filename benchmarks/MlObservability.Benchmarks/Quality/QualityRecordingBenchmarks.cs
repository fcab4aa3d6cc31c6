// Results, 2026-11-23 02:44-02:45 UTC (load average 0.9 before, 1.2 after), command:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.Quality.*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// AMD EPYC 2.60GHz, 2 vCPUs (KVM), Debian 12, .NET 10.0.12, BenchmarkDotNet 0.15.8. docs/benchmarks.md reads them.
//
// | Method | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|
// | QualityMonitor.RecordClassification (index, request id, not sampled) | 41.91 ns | 0.858 ns | 1.00 | - |
// | QualityMonitor.RecordClassification (label, segment, request id, not sampled) | 42.96 ns | 0.666 ns | 1.03 | - |
// | prometheus-net, the seeds' track_prediction + track_confidence | 129.07 ns | 2.348 ns | 3.08 | 88 B |
// An earlier pass at 02:32-02:33 (load 8.9 before, 5.5 after) gave 43.3 / 44.9 / 135.2 ns (3.12x).

using BenchmarkDotNet.Attributes;
using MlObservability.Quality;
using Prometheus;

namespace MlObservability.Benchmarks.Quality;

/// <summary>
/// The hot path of output tracking: one classification that is not sampled for labelling (the common case), against
/// the seeds' prometheus-net approach (a labelled counter, a histogram and a low-confidence counter per prediction).
/// </summary>
/// <remarks>Results: the comment at the top of this file and docs/benchmarks.md.</remarks>
[MemoryDiagnoser]
public class QualityRecordingBenchmarks
{
    private const string RequestId = "req-000001"; // hashes to 0.536: not sampled at 10 %
    private QualityMonitor _monitor = null!;
    private Counter _promPredictions = null!;
    private Histogram _promConfidence = null!;
    private Counter _promLowConfidence = null!;
    private int _i;

    [GlobalSetup]
    public void Setup()
    {
        _monitor = new QualityMonitor("bench", "1", new QualityMonitorOptions
        {
            ClassLabels = ["negative", "neutral", "positive"],
            Sampling = new GroundTruthSamplingOptions { Rate = 0.1, Strategy = SamplingStrategy.DeterministicByRequestId },
        });
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        _promPredictions = factory.CreateCounter("ml_predictions_by_class", "Predictions by class", "model_name", "predicted_class");
        _promConfidence = factory.CreateHistogram("ml_prediction_confidence", "Confidence", new HistogramConfiguration
        {
            LabelNames = ["model_name"],
            Buckets = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
        });
        _promLowConfidence = factory.CreateCounter("ml_low_confidence_predictions", "Low confidence", "model_name", "threshold");
    }

    [GlobalCleanup]
    public void Cleanup() => _monitor.Dispose();

    [Benchmark(Baseline = true, Description = "QualityMonitor.RecordClassification (index, request id, not sampled)")]
    public void RecordByIndex()
    {
        int i = ++_i;
        _monitor.RecordClassification(i % 3, 0.5 + ((i & 31) / 64.0), RequestId);
    }

    [Benchmark(Description = "QualityMonitor.RecordClassification (label, segment, request id, not sampled)")]
    public void RecordByLabelWithSegment()
    {
        int i = ++_i;
        _monitor.RecordClassification("positive", 0.5 + ((i & 31) / 64.0), RequestId, "eu");
    }

    [Benchmark(Description = "prometheus-net, the seeds' track_prediction + track_confidence")]
    public void PrometheusNet()
    {
        int i = ++_i;
        double confidence = 0.5 + ((i & 31) / 64.0);
        _promPredictions.WithLabels("bench", "positive").Inc();
        _promConfidence.WithLabels("bench").Observe(confidence);
        if (confidence < 0.7)
        {
            _promLowConfidence.WithLabels("bench", "0.7").Inc();
        }
    }
}
