// Results, 2026-11-23 02:26-02:29 UTC (load average 3.4 before, 4.4 after), scripts/run-benchmarks.sh Histograms
// (--launchCount 1 --warmupCount 5 --iterationCount 10 --iterationTime 250). AMD EPYC 2.60GHz (lscpu: "AMD EPYC"),
// 2 vCPUs (KVM) shared with other engineers, Debian 12, .NET 10.0.12 (SDK 10.0.401), X64 RyuJIT x86-64-v4,
// BenchmarkDotNet 0.15.8. docs/benchmarks.md has all tables, the targets and what limits each number.
//
// | Method | Mean | Error | Allocated |
// |---|---:|---:|---:|
// | HistogramSnapshot.GetQuantile(0.99), 1M values | 651.2 ns | 8.38 ns | 56 B |
// | HdrHistogram GetValueAtPercentile(99), 1M values | 1,888.4 ns | 118.36 ns | - |
// | LogHistogram.Snapshot(), 1M values | 5,231.8 ns | 440.59 ns | 27368 B |
// | HdrHistogram LongHistogram.Copy(), 1M values | 4,369.6 ns | 234.40 ns | 42144 B |
// | Record 4,096 + LogHistogram.SnapshotAndReset() | 52,317.7 ns | 1,945.64 ns | 26392 B |
// | Record 4,096 + HdrHistogram Recorder.GetIntervalHistogram(recycled) | 146,755.5 ns | 4,167.96 ns | - |
// | HistogramSnapshot.Merge, 2 x 1M values | 639.1 ns | 48.67 ns | 3848 B |
// | HdrHistogram Copy() + Add(), 2 x 1M values | 8,332.1 ns | 798.51 ns | 42144 B |
// | SlidingWindowHistogram.GetSnapshot(), 10 sub-windows | 11,706.4 ns | 1,345.43 ns | 59152 B |

using BenchmarkDotNet.Attributes;
using HdrHistogram;
using MlObservability.Histograms;

namespace MlObservability.Benchmarks.Histograms;

/// <summary>
/// The read side: quantiles from a snapshot of 1M latencies, taking a snapshot, an interval snapshot (drain and reset),
/// merging two snapshots, and the sliding window's merged view; HdrHistogram's equivalents side by side where there is one.
/// These run at collection time (every few seconds), never on the request path.
/// </summary>
[MemoryDiagnoser]
public class HistogramQueryBenchmarks
{
    private const int Population = 1_000_000;

    private LogHistogram _populated = null!;
    private LogHistogram _interval = null!;
    private HistogramSnapshot _snapshot = null!;
    private HistogramSnapshot _other = null!;
    private LongHistogram _hdr = null!;
    private LongHistogram _hdrOther = null!;
    private Recorder _hdrRecorder = null!;
    private HistogramBase? _hdrRecycled;
    private SlidingWindowHistogram _window = null!;
    private double[] _intervalValues = null!;
    private long[] _intervalNanoseconds = null!;

    [GlobalSetup]
    public void Setup()
    {
        double[] values = LatencySamples.Generate(seed: 1, Population);
        double[] otherValues = LatencySamples.Generate(seed: 2, Population);
        _populated = new LogHistogram();
        var other = new LogHistogram();
        _hdr = new LongHistogram(HistogramPeers.HdrLowest, HistogramPeers.HdrHighest, HistogramPeers.HdrSignificantDigits);
        _hdrOther = new LongHistogram(HistogramPeers.HdrLowest, HistogramPeers.HdrHighest, HistogramPeers.HdrSignificantDigits);
        for (int i = 0; i < Population; i++)
        {
            _populated.Record(values[i]);
            other.Record(otherValues[i]);
            _hdr.RecordValue((long)(values[i] * 1e9));
            _hdrOther.RecordValue((long)(otherValues[i] * 1e9));
        }

        _snapshot = _populated.Snapshot();
        _other = other.Snapshot();

        _interval = new LogHistogram();
        _hdrRecorder = new Recorder(HistogramPeers.HdrLowest, HistogramPeers.HdrHighest, HistogramPeers.HdrSignificantDigits,
            (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));
        _intervalValues = LatencySamples.Seconds();
        _intervalNanoseconds = LatencySamples.Nanoseconds(_intervalValues);

        // A 10-minute window of 10 sub-windows, all full: GetSnapshot merges 9 closed snapshots and the live histogram.
        _window = new SlidingWindowHistogram(TimeSpan.FromMinutes(10), subWindows: 10);
        for (int w = 0; w < 10; w++)
        {
            for (int i = 0; i < 100_000; i++)
            {
                _window.Record(values[(w * 100_000) + i]);
            }

            if (w < 9)
            {
                _window.Rotate();
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _window.Dispose();

    [Benchmark(Description = "HistogramSnapshot.GetQuantile(0.99), 1M values")]
    public double LogHistogram_GetQuantile() => _snapshot.GetQuantile(0.99);

    [Benchmark(Description = "HdrHistogram GetValueAtPercentile(99), 1M values")]
    public long HdrHistogram_GetValueAtPercentile() => _hdr.GetValueAtPercentile(99);

    [Benchmark(Description = "LogHistogram.Snapshot(), 1M values")]
    public HistogramSnapshot LogHistogram_Snapshot() => _populated.Snapshot();

    [Benchmark(Description = "HdrHistogram LongHistogram.Copy(), 1M values")]
    public HistogramBase HdrHistogram_Copy() => _hdr.Copy();

    [Benchmark(Description = "Record 4,096 + LogHistogram.SnapshotAndReset()")]
    public HistogramSnapshot LogHistogram_RecordThenSnapshotAndReset()
    {
        var histogram = _interval;
        double[] values = _intervalValues;
        for (int i = 0; i < values.Length; i++)
        {
            histogram.Record(values[i]);
        }

        return histogram.SnapshotAndReset();
    }

    [Benchmark(Description = "Record 4,096 + HdrHistogram Recorder.GetIntervalHistogram(recycled)")]
    public HistogramBase HdrHistogram_RecordThenGetIntervalHistogram()
    {
        var recorder = _hdrRecorder;
        long[] values = _intervalNanoseconds;
        for (int i = 0; i < values.Length; i++)
        {
            recorder.RecordValue(values[i]);
        }

        _hdrRecycled = recorder.GetIntervalHistogram(_hdrRecycled);
        return _hdrRecycled;
    }

    [Benchmark(Description = "HistogramSnapshot.Merge, 2 x 1M values")]
    public HistogramSnapshot LogHistogram_Merge() => _snapshot.Merge(_other);

    [Benchmark(Description = "HdrHistogram Copy() + Add(), 2 x 1M values")]
    public HistogramBase HdrHistogram_CopyAndAdd()
    {
        var merged = _hdr.Copy();
        merged.Add(_hdrOther);
        return merged;
    }

    [Benchmark(Description = "SlidingWindowHistogram.GetSnapshot(), 10 sub-windows")]
    public HistogramSnapshot SlidingWindow_GetSnapshot() => _window.GetSnapshot();
}
