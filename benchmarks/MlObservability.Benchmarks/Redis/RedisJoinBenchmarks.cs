// Results, 2026-11-30 16:27 UTC, load average 14.7 before and 17.8 after on 2 vCPUs shared with other builds (noisy),
// same command and machine as RedisRecordingBenchmarks.cs. Per label (OperationsPerInvoke = 1,000):
//
// | Method | Mean | Error | Allocated | Labels/s per replica |
// |---|---:|---:|---:|---:|
// | RecordGroundTruth, one label per call | 153.7 us | 120.0 us | 593 B | ~6,500 |
// | RecordGroundTruthBatchAsync, 1,000 labels | 17.1 us | 3.9 us | 906 B | ~58,000 |
// The batch is 9x the throughput of one call per label (ratio 0.12): the round trips are pipelined.

using BenchmarkDotNet.Attributes;
using MlObservability.Quality;
using MlObservability.Redis;
using MlObservability.Redis.Tests;

namespace MlObservability.Benchmarks.Redis;

/// <summary>
/// Join throughput of one replica against a loopback Redis: 1,000 labels whose predictions another replica stored, joined
/// one call at a time (a round trip each) or with one <see cref="QualityMonitor.RecordGroundTruthBatchAsync"/> (pipelined).
/// Per-operation numbers are per label.
/// </summary>
[MemoryDiagnoser]
public class RedisJoinBenchmarks
{
    private const int Labels = 1000;
    private RedisServer _server = null!;
    private RedisPendingStore _writerStore = null!;
    private RedisPendingStore _joinerStore = null!;
    private QualityMonitor _writer = null!;
    private QualityMonitor _joiner = null!;
    private GroundTruthLabel[] _labels = [];
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _server = RedisServer.Start();
        _writerStore = new RedisPendingStore(new RedisPendingStoreOptions { ConnectionString = _server.ConnectionString, QueueCapacity = 100_000 });
        _joinerStore = new RedisPendingStore(new RedisPendingStoreOptions { ConnectionString = _server.ConnectionString });
        _writer = Monitor(_writerStore);
        _joiner = Monitor(_joinerStore);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _joiner.Dispose();
        _writerStore.Dispose();
        _joinerStore.Dispose();
        _server.Dispose();
    }

    [IterationSetup]
    public void StorePredictions()
    {
        _round++;
        _labels = new GroundTruthLabel[Labels];
        for (int i = 0; i < Labels; i++)
        {
            string id = $"j{_round}-{i}";
            _writer.RecordClassification(i & 1, 0.8, id);
            _labels[i] = GroundTruthLabel.ForClass(id, 1);
        }

        _writerStore.FlushAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Labels, Description = "RecordGroundTruth, one label per call")]
    public void OneByOne()
    {
        foreach (var label in _labels)
        {
            _joiner.RecordGroundTruth(label.RequestId, label.ClassIndex);
        }
    }

    [Benchmark(OperationsPerInvoke = Labels, Description = "RecordGroundTruthBatchAsync, 1,000 labels")]
    public GroundTruthOutcome[] Batch() => _joiner.RecordGroundTruthBatchAsync(_labels).GetAwaiter().GetResult();

    private static QualityMonitor Monitor(RedisPendingStore store) => new("bench-join", "1", new QualityMonitorOptions
    {
        ClassLabels = ["no", "yes"],
        Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
        PendingStore = store,
    });
}
