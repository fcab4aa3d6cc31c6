// Provisional results (2026-11-23 02:07 UTC, documented command, load average 1.7-3.4). AMD EPYC 2.60GHz (lscpu:
// "AMD EPYC"), 2 vCPUs shared with ~6 engineers compiling, Debian 12, .NET 10.0.12 (SDK 10.0.401), X64 RyuJIT
// x86-64-v4, BenchmarkDotNet 0.15.8. Indicative only until re-measured on a quiet machine with
// scripts/run-benchmarks.sh Histograms (docs/benchmarks.md has the full tables and explains what limits each number).
//
// | Method                                   | Mean      | Ratio | Allocated |
// |----------------------------------------- |----------:|------:|----------:|
// | LogHistogram.Record                      | 11.323 ns |  1.00 |         - |
// | OTel Histogram<double>, 0 tags           | 17.521 ns |  1.55 |         - |
// | OTel Histogram<double>, 3 tags           | 39.584 ns |  3.50 |         - |
// | OTel exponential histogram, 3 tags       | 39.350 ns |  3.48 |         - |
// | prometheus-net labelled child .Observe   | 11.522 ns |  1.02 |         - |
// | prometheus-net unlabelled .Observe       | 11.935 ns |  1.05 |         - |
// | HdrHistogram LongHistogram.RecordValue   |  1.678 ns |  0.15 |         - |  (not thread-safe)
// | HdrHistogram Recorder.RecordValue        | 29.873 ns |  2.64 |         - |
// | (floor) one Interlocked.Increment        |  4.979 ns |  0.44 |         - |

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
