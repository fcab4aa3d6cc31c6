using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace MlObservability.Benchmarks.Histograms;

// Provisional results (2026-11-23). AMD EPYC 2.60GHz (lscpu: "AMD EPYC"), 2 vCPUs shared with ~6 engineers compiling,
// Debian 12, .NET 10.0.12 (SDK 10.0.401), X64 RyuJIT x86-64-v4, BenchmarkDotNet 0.15.8. NOISY MACHINE: indicative only;
// re-measure with scripts/run-benchmarks.sh Histograms (see docs/benchmarks.md, which also explains what limits each number).
//
// Quietest moment (load average 1.3, --job short); the floor row is from a scratch run two minutes later:
// | Method                                   | Mean     | Ratio | Allocated |
// |----------------------------------------- |---------:|------:|----------:|
// | LogHistogram.Record                      | 11.18 ns |  1.00 |         - |
// | OTel Histogram<double>, 0 tags           | 13.81 ns |  1.24 |         - |
// | OTel Histogram<double>, 3 tags           | 39.30 ns |  3.52 |         - |
// | OTel exponential histogram, 3 tags       | 39.28 ns |  3.52 |         - |
// | prometheus-net labelled child .Observe   | 11.51 ns |  1.03 |         - |
// | prometheus-net unlabelled .Observe       | 11.73 ns |  1.05 |         - |
// | HdrHistogram LongHistogram.RecordValue   |  1.64 ns |  0.15 |         - |  (not thread-safe)
// | HdrHistogram Recorder.RecordValue        | 29.67 ns |  2.66 |         - |
// | (floor) one Interlocked.Increment        |  4.88 ns |  0.44 |         - |
// With the documented command at load average 22-25 the ratios were 1.00 / 1.08 / 3.32 / 3.23 / 1.05 / 0.73 / 0.10 / 2.26 / 0.36.

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
    /// thread-safe histogram needs at least this; LogHistogram does two atomic updates (bucket count, then sum).
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
