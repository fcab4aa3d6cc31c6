// Provisional results (2026-11-23 02:07 UTC, documented command, load average 1.7-3.4). AMD EPYC 2.60GHz (lscpu:
// "AMD EPYC"), 2 vCPUs shared with ~6 engineers compiling, Debian 12, .NET 10.0.12 (SDK 10.0.401), X64 RyuJIT
// x86-64-v4, BenchmarkDotNet 0.15.8. Indicative only until re-measured on a quiet machine with
// scripts/run-benchmarks.sh Histograms (docs/benchmarks.md has the full tables and explains what limits each number).
//
// Time per value over all threads; 2-thread scaling = Mean(Threads=1) / Mean(Threads=2):
// | Method                                   | Threads=1 | Threads=2 | 2-thread scaling | Allocated |
// |----------------------------------------- |----------:|----------:|-----------------:|----------:|
// | LogHistogram.Record                      |  11.02 ns |   5.72 ns |            1.93x |         - |
// | OTel Histogram<double>, 0 tags           |  15.17 ns |  33.65 ns |            0.45x |         - |
// | OTel Histogram<double>, 3 tags           |  39.24 ns |  57.02 ns |            0.69x |         - |
// | prometheus-net labelled child .Observe   |  11.72 ns |  42.95 ns |            0.27x |         - |
// | HdrHistogram LongConcurrentHistogram     |  20.90 ns | 105.12 ns |            0.20x |         - |
// | HdrHistogram Recorder.RecordValue        |  30.63 ns |  31.94 ns |            0.96x |         - |

using BenchmarkDotNet.Attributes;

namespace MlObservability.Benchmarks.Histograms;

/// <summary>
/// Recording throughput with 1 and 2 writer threads on one shared histogram per peer. Each invocation records
/// <see cref="Values"/> latencies in total, split evenly across <see cref="Threads"/> pre-started threads, so the
/// reported time per operation is the inverse of the aggregate throughput and the 2-thread scaling of a peer is
/// Mean(Threads=1) / Mean(Threads=2). HdrHistogram's plain LongHistogram is not thread-safe and is left out; its
/// concurrent variants stand in.
/// </summary>
[MemoryDiagnoser]
public class HistogramThroughputBenchmarks
{
    /// <summary>Values recorded per invocation, across all threads.</summary>
    public const int Values = 1 << 18;

    private HistogramPeers _peers = null!;
    private ThreadGang _gang = null!;
    private double[] _seconds = null!;
    private long[] _nanoseconds = null!;
    private Action<int> _ours = null!;
    private Action<int> _otelNoTags = null!;
    private Action<int> _otelThreeTags = null!;
    private Action<int> _prometheus = null!;
    private Action<int> _hdrConcurrent = null!;
    private Action<int> _hdrRecorder = null!;

    /// <summary>Number of writer threads.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _peers = new HistogramPeers();
        _seconds = LatencySamples.Seconds();
        _nanoseconds = LatencySamples.Nanoseconds(_seconds);
        _gang = new ThreadGang(Threads);
        int perThread = Values / Threads;
        var tags = _peers.Tags;

        // Each worker starts at a different place in the samples, so threads do not record in lockstep.
        _ours = worker =>
        {
            var histogram = _peers.Ours;
            double[] values = _seconds;
            for (int i = worker * 977, end = i + perThread; i < end; i++)
            {
                histogram.Record(values[i & LatencySamples.Mask]);
            }
        };
        _otelNoTags = worker =>
        {
            var histogram = _peers.OpenTelemetryExplicit;
            double[] values = _seconds;
            for (int i = worker * 977, end = i + perThread; i < end; i++)
            {
                histogram.Record(values[i & LatencySamples.Mask]);
            }
        };
        _otelThreeTags = worker =>
        {
            var histogram = _peers.OpenTelemetryExplicit;
            double[] values = _seconds;
            var local = tags;
            for (int i = worker * 977, end = i + perThread; i < end; i++)
            {
                histogram.Record(values[i & LatencySamples.Mask], in local);
            }
        };
        _prometheus = worker =>
        {
            var child = _peers.PrometheusLabelled;
            double[] values = _seconds;
            for (int i = worker * 977, end = i + perThread; i < end; i++)
            {
                child.Observe(values[i & LatencySamples.Mask]);
            }
        };
        _hdrConcurrent = worker =>
        {
            var histogram = _peers.HdrConcurrent;
            long[] values = _nanoseconds;
            for (int i = worker * 977, end = i + perThread; i < end; i++)
            {
                histogram.RecordValue(values[i & LatencySamples.Mask]);
            }
        };
        _hdrRecorder = worker =>
        {
            var recorder = _peers.HdrRecorder;
            long[] values = _nanoseconds;
            for (int i = worker * 977, end = i + perThread; i < end; i++)
            {
                recorder.RecordValue(values[i & LatencySamples.Mask]);
            }
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _gang.Dispose();
        if (_peers.CollectOpenTelemetry() == 0)
        {
            throw new InvalidOperationException("OpenTelemetry exported nothing: its instruments were not being collected.");
        }

        _peers.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Values, Description = "LogHistogram.Record")]
    public void LogHistogram_Record() => _gang.Run(_ours);

    [Benchmark(OperationsPerInvoke = Values, Description = "OTel Histogram<double>, 0 tags")]
    public void OpenTelemetry_NoTags() => _gang.Run(_otelNoTags);

    [Benchmark(OperationsPerInvoke = Values, Description = "OTel Histogram<double>, 3 tags")]
    public void OpenTelemetry_ThreeTags() => _gang.Run(_otelThreeTags);

    [Benchmark(OperationsPerInvoke = Values, Description = "prometheus-net labelled child .Observe")]
    public void PrometheusNet_LabelledChild() => _gang.Run(_prometheus);

    [Benchmark(OperationsPerInvoke = Values, Description = "HdrHistogram LongConcurrentHistogram")]
    public void HdrHistogram_Concurrent() => _gang.Run(_hdrConcurrent);

    [Benchmark(OperationsPerInvoke = Values, Description = "HdrHistogram Recorder.RecordValue")]
    public void HdrHistogram_Recorder() => _gang.Run(_hdrRecorder);
}
