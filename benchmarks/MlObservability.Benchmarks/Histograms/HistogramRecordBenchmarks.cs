// Results after the single-writer stripes (issue 16), 2026-11-30 15:21-15:31 UTC, scripts/run-benchmarks.sh
// Histograms.HistogramRecordBenchmarks --buildTimeout 900, same VM, SATURATED by other builds (load average 20.5 before,
// 31.1 after): absolute numbers inflated, ratios noisy; docs/benchmarks.md has min and median too.
//
// | Method | Mean | Median | Ratio | Allocated |
// |---|---:|---:|---:|---:|
// | LogHistogram.Record | 24.715 ns | 23.955 ns | 1.02 | - |
// | OTel Histogram<double>, 0 tags | 155.766 ns | 156.485 ns | 6.43 | - |
// | OTel Histogram<double>, 3 tags | 291.448 ns | 301.850 ns | 12.03 | - |
// | OTel exponential histogram, 3 tags | 736.148 ns | 584.910 ns | 30.38 | - |
// | prometheus-net labelled child .Observe | 68.449 ns | 61.032 ns | 2.82 | - |
// | prometheus-net unlabelled .Observe | 53.867 ns | 54.391 ns | 2.22 | - |
// | HdrHistogram LongHistogram.RecordValue | 14.608 ns | 14.895 ns | 0.60 | - |
// | HdrHistogram Recorder.RecordValue | 69.393 ns | 65.927 ns | 2.86 | - |
// | (floor) one Interlocked.Increment | 8.329 ns | 7.620 ns | 0.34 | - |
//
// Before (atomic per-core stripes):
// Results, 2026-11-23 02:26-02:29 UTC (load average 3.4 before, 4.4 after), scripts/run-benchmarks.sh Histograms
// (--launchCount 1 --warmupCount 5 --iterationCount 10 --iterationTime 250). AMD EPYC 2.60GHz (lscpu: "AMD EPYC"),
// 2 vCPUs (KVM) shared with other engineers, Debian 12, .NET 10.0.12 (SDK 10.0.401), X64 RyuJIT x86-64-v4,
// BenchmarkDotNet 0.15.8. docs/benchmarks.md has all tables, the targets and what limits each number.
//
// | Method | Mean | Error | Ratio | Allocated |
// |---|---:|---:|---:|---:|
// | LogHistogram.Record | 11.775 ns | 1.4662 ns | 1.00 | - |
// | OTel Histogram<double>, 0 tags | 14.888 ns | 0.9997 ns | 1.27 | - |
// | OTel Histogram<double>, 3 tags | 39.936 ns | 4.1980 ns | 3.41 | - |
// | OTel exponential histogram, 3 tags | 41.230 ns | 4.7086 ns | 3.52 | - |
// | prometheus-net labelled child .Observe | 12.339 ns | 0.2975 ns | 1.05 | - |
// | prometheus-net unlabelled .Observe | 11.436 ns | 0.0778 ns | 0.98 | - |
// | HdrHistogram LongHistogram.RecordValue | 1.644 ns | 0.0340 ns | 0.14 | - |
// | HdrHistogram Recorder.RecordValue | 29.637 ns | 0.2232 ns | 2.53 | - |
// | (floor) one Interlocked.Increment | 4.848 ns | 0.1577 ns | 0.41 | - |

using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace MlObservability.Benchmarks.Histograms;

/// <summary>
/// Cost of recording one latency, single-threaded, in every histogram users would otherwise reach for. Each invocation
/// records the <see cref="LatencySamples.Count"/> pre-generated latencies once, so every operation records a different
/// value; <c>OperationsPerInvoke</c> divides the time by that count.
/// </summary>
[MemoryDiagnoser]
public class HistogramRecordBenchmarks
{
    private const int Operations = LatencySamples.Count;

    private HistogramPeers _peers = null!;
    private double[] _seconds = null!;
    private long[] _nanoseconds = null!;
    private TagList _tags;
    private long[] _floorCells = null!;

    [GlobalSetup]
    public void Setup()
    {
        _peers = new HistogramPeers();
        _seconds = LatencySamples.Seconds();
        _nanoseconds = LatencySamples.Nanoseconds(_seconds);
        _tags = _peers.Tags;
        _floorCells = new long[LatencySamples.Count];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_peers.CollectOpenTelemetry() == 0)
        {
            throw new InvalidOperationException("OpenTelemetry exported nothing: its instruments were not being collected.");
        }

        _peers.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations, Description = "LogHistogram.Record")]
    public void LogHistogram_Record()
    {
        var histogram = _peers.Ours;
        double[] values = _seconds;
        for (int i = 0; i < Operations; i++)
        {
            histogram.Record(values[i & LatencySamples.Mask]);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "OTel Histogram<double>, 0 tags")]
    public void OpenTelemetry_NoTags()
    {
        var histogram = _peers.OpenTelemetryExplicit;
        double[] values = _seconds;
        for (int i = 0; i < Operations; i++)
        {
            histogram.Record(values[i & LatencySamples.Mask]);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "OTel Histogram<double>, 3 tags")]
    public void OpenTelemetry_ThreeTags()
    {
        var histogram = _peers.OpenTelemetryExplicit;
        double[] values = _seconds;
        for (int i = 0; i < Operations; i++)
        {
            histogram.Record(values[i & LatencySamples.Mask], in _tags);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "OTel exponential histogram, 3 tags")]
    public void OpenTelemetry_Exponential_ThreeTags()
    {
        var histogram = _peers.OpenTelemetryExponential;
        double[] values = _seconds;
        for (int i = 0; i < Operations; i++)
        {
            histogram.Record(values[i & LatencySamples.Mask], in _tags);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "prometheus-net labelled child .Observe")]
    public void PrometheusNet_LabelledChild()
    {
        var child = _peers.PrometheusLabelled;
        double[] values = _seconds;
        for (int i = 0; i < Operations; i++)
        {
            child.Observe(values[i & LatencySamples.Mask]);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "prometheus-net unlabelled .Observe")]
    public void PrometheusNet_Unlabelled()
    {
        var histogram = _peers.PrometheusUnlabelled;
        double[] values = _seconds;
        for (int i = 0; i < Operations; i++)
        {
            histogram.Observe(values[i & LatencySamples.Mask]);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "HdrHistogram LongHistogram.RecordValue")]
    public void HdrHistogram_LongHistogram()
    {
        var histogram = _peers.HdrPlain;
        long[] values = _nanoseconds;
        for (int i = 0; i < Operations; i++)
        {
            histogram.RecordValue(values[i & LatencySamples.Mask]);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations, Description = "HdrHistogram Recorder.RecordValue")]
    public void HdrHistogram_Recorder()
    {
        var recorder = _peers.HdrRecorder;
        long[] values = _nanoseconds;
        for (int i = 0; i < Operations; i++)
        {
            recorder.RecordValue(values[i & LatencySamples.Mask]);
        }
    }

    /// <summary>
    /// Not a histogram: one <see cref="Interlocked.Increment(ref long)"/> per value into a value-dependent cell. A
    /// thread-safe histogram sharing counters between threads needs at least this; LogHistogram needs none on a stripe its
    /// thread owns (plain stores, with a writer-reader phaser for snapshots).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Operations, Description = "(floor) one Interlocked.Increment")]
    public void Floor_OneAtomicIncrement()
    {
        ref long cells = ref MemoryMarshal.GetArrayDataReference(_floorCells);
        double[] values = _seconds;
        for (int i = 0; i < Operations; i++)
        {
            int cell = (int)((BitConverter.DoubleToInt64Bits(values[i & LatencySamples.Mask]) >> 46) & LatencySamples.Mask);
            Interlocked.Increment(ref Unsafe.Add(ref cells, cell));
        }
    }
}
