// Results, 2026-11-23 02:44-02:45 UTC (load average 0.9 before, 1.2 after), command:
// dotnet run -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.Quality.*'
//   --launchCount 1 --warmupCount 3 --iterationCount 8
// AMD EPYC 2.60GHz, 2 vCPUs (KVM), Debian 12, .NET 10.0.12, BenchmarkDotNet 0.15.8. docs/benchmarks.md reads them.
//
// | Method | Mean | Error | Allocated |
// |---|---:|---:|---:|
// | QualityMonitor.Evaluate (10,000 retained labels, last 1,000, 8 segments) | 1.172 ms | 0.0180 ms | 2.45 MB |
// An earlier pass at 02:32-02:33 (load 8.9 before, 5.5 after) gave 1.989 ms +- 0.207 ms, 2.45 MB.

using BenchmarkDotNet.Attributes;
using MlObservability.Quality;

namespace MlObservability.Benchmarks.Quality;

/// <summary>
/// The background evaluation pass: rolling metrics over the last 1,000 and the retained 10,000 labelled predictions of a
/// binary model in 8 segments, the label-free estimate and decay findings.
/// </summary>
/// <remarks>Results: the comment at the top of this file and docs/benchmarks.md.</remarks>
[MemoryDiagnoser]
public class QualityEvaluationBenchmarks
{
    private QualityMonitor _monitor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _monitor = new QualityMonitor("bench-eval", "1", new QualityMonitorOptions
        {
            ClassLabels = ["no", "yes"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            Baseline = new QualityBaseline { Accuracy = 0.9, MacroF1 = 0.85, RocAuc = 0.9 },
        });
        var rng = new Random(1);
        for (int i = 0; i < 10_000; i++)
        {
            string id = "r" + i;
            int predicted = rng.Next(2);
            _monitor.RecordClassification(predicted, 0.5 + (rng.NextDouble() / 2), id, "segment-" + (i % 8));
            _monitor.RecordGroundTruth(id, rng.NextDouble() < 0.85 ? predicted : 1 - predicted);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _monitor.Dispose();

    [Benchmark(Description = "QualityMonitor.Evaluate (10,000 retained labels, last 1,000, 8 segments)")]
    public QualityReport Evaluate() => _monitor.EvaluateNow();
}
