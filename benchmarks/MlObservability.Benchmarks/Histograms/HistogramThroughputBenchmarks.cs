// Results after the single-writer stripes (issue 16), 2026-11-30 15:31-15:42 UTC, scripts/run-benchmarks.sh
// Histograms.HistogramThroughputBenchmarks --buildTimeout 900, same VM, SATURATED (load average 31.1 before, 17.7 after):
// | LogHistogram.Record | 1 | 10.031 ns | 1.00 |   | LogHistogram.Record | 2 | 8.914 ns | 1.00 |
// | OTel Histogram<double>, 0 tags | 1 | 45.226 ns | 4.59 |   | OTel, 0 tags | 2 | 42.582 ns | 4.91 |
// | OTel Histogram<double>, 3 tags | 1 | 129.284 ns | 13.12 |   | OTel, 3 tags | 2 | 133.017 ns | 15.34 |
// | prometheus-net labelled child | 1 | 15.925 ns | 1.62 |   | prometheus-net | 2 | 15.126 ns | 1.74 |
// | HdrHistogram LongConcurrentHistogram | 1 | 16.858 ns | 1.71 |   | HdrHistogram concurrent | 2 | 15.444 ns | 1.78 |
// | HdrHistogram Recorder.RecordValue | 1 | 18.847 ns | 1.91 |   | HdrHistogram Recorder | 2 | 35.588 ns | 4.10 |
// 2-thread scaling under that load: LogHistogram 1.13x, peers 0.53x to 1.09x (no one scaled: the cores were busy).
//
// Before (atomic per-core stripes):
// Results, 2026-11-23 02:26-02:29 UTC (load average 3.4 before, 4.4 after), scripts/run-benchmarks.sh Histograms
// (--launchCount 1 --warmupCount 5 --iterationCount 10 --iterationTime 250). AMD EPYC 2.60GHz (lscpu: "AMD EPYC"),
// 2 vCPUs (KVM) shared with other engineers, Debian 12, .NET 10.0.12 (SDK 10.0.401), X64 RyuJIT x86-64-v4,
// BenchmarkDotNet 0.15.8. docs/benchmarks.md has all tables, the targets and what limits each number.
//
// | Method | Threads | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|---:|
// | LogHistogram.Record | 1 | 11.194 ns | 0.3622 ns | 1.00 | - |
// | OTel Histogram<double>, 0 tags | 1 | 15.531 ns | 0.1658 ns | 1.39 | - |
// | OTel Histogram<double>, 3 tags | 1 | 38.196 ns | 0.5014 ns | 3.41 | - |
// | prometheus-net labelled child .Observe | 1 | 11.545 ns | 0.2641 ns | 1.03 | - |
// | HdrHistogram LongConcurrentHistogram | 1 | 20.394 ns | 0.5820 ns | 1.82 | - |
// | HdrHistogram Recorder.RecordValue | 1 | 30.830 ns | 1.4270 ns | 2.76 | - |
// | LogHistogram.Record | 2 | 5.964 ns | 0.5290 ns | 1.00 | - |
// | OTel Histogram<double>, 0 tags | 2 | 28.859 ns | 8.2369 ns | 4.85 | - |
// | OTel Histogram<double>, 3 tags | 2 | 40.427 ns | 4.9420 ns | 6.80 | - |
// | prometheus-net labelled child .Observe | 2 | 11.623 ns | 0.7382 ns | 1.95 | - |
// | HdrHistogram LongConcurrentHistogram | 2 | 20.429 ns | 0.5832 ns | 3.43 | - |
// | HdrHistogram Recorder.RecordValue | 2 | 29.662 ns | 0.4921 ns | 4.99 | - |
// 2-thread scaling = Mean(Threads=1) / Mean(Threads=2): LogHistogram 1.88x, OTel 0 tags 0.54x, OTel 3 tags 0.94x,
// prometheus-net 0.99x, HdrHistogram LongConcurrentHistogram 1.00x, Recorder 1.04x.

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
    private Action<int> _ceiling = null!;
    private long[] _ceilingCells = [];

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
        // The machine's own ceiling: each thread reads the same values and bins them into counters on its own cache
        // line with plain stores, sharing nothing. What two threads gain here is what two vCPUs give at that moment.
        _ceilingCells = new long[16 * (Threads + 2)]; // a 128-byte gap after the array's header and between threads
        _ceiling = worker =>
        {
            double[] values = _seconds;
            var cells = _ceilingCells;
            var line = 16 * (worker + 1);
            for (int i = worker * 977, end = i + perThread; i < end; i++)
            {
                cells[line + ((int)(values[i & LatencySamples.Mask] * 1e4) & 7)]++;
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

    [Benchmark(OperationsPerInvoke = Values, Description = "(ceiling) independent per-thread counters, plain stores")]
    public void Ceiling_IndependentCounters() => _gang.Run(_ceiling);
}
