// Results, 2026-11-30 16:27 UTC, load average 14.7 before and 17.8 after on 2 vCPUs shared with other builds (noisy:
// read the ratios, not the absolute times), command:
// dotnet run --no-build -c Release --project benchmarks/MlObservability.Benchmarks -- --filter 'MlObservability.Benchmarks.Redis.*'
//   --inProcess --launchCount 1 --warmupCount 2 --iterationCount 6
// (in-process toolchain: the default one's 2-minute build timeout was reached under this load). AMD EPYC 2.60GHz, 2 vCPUs
// (KVM), .NET 10, BenchmarkDotNet 0.15.8, redis-server 7.0.15 on loopback. docs/benchmarks.md reads them.
//
// | Method | Store | Mean | Error | Allocated |
// |---|---|---:|---:|---:|
// | RecordClassification, not sampled | in-process | 41.74 ns | 19.86 ns | 0 B |
// | RecordClassification, not sampled | redis | 43.97 ns | 21.43 ns | 0 B |
// | RecordClassification, sampled | in-process | 1,472 ns | 314 ns | 136 B |
// | RecordClassification, sampled | redis | 791 ns | 902 ns | 194 B |
// Not sampled: equal within noise (ratio 1.05), nothing allocated with either store. Sampled: the Redis store only queues
// (or, past its queue, keeps locally); its record carries the class label, segment and version (+58 B).

using BenchmarkDotNet.Attributes;
using MlObservability.Quality;
using MlObservability.Redis;
using MlObservability.Redis.Tests;

namespace MlObservability.Benchmarks.Redis;

/// <summary>
/// The record path (inference thread) with the in-process pending store and with the Redis store, for predictions that
/// are not sampled (the common case: must be equal and allocate nothing) and predictions that are all sampled (the
/// Redis store queues them for its background writer; past its queue they go to the local fallback, as when Redis is down).
/// </summary>
[MemoryDiagnoser]
public class RedisRecordingBenchmarks
{
    private const int Ids = 1 << 16;
    private readonly string[] _ids = Enumerable.Range(0, Ids).Select(i => "req-" + i).ToArray();
    private RedisServer? _server;
    private RedisPendingStore? _store;
    private QualityMonitor _unsampled = null!;
    private QualityMonitor _sampled = null!;
    private int _next;

    /// <summary>Which pending store the monitor uses.</summary>
    [Params("in-process", "redis")]
    public string Store { get; set; } = "in-process";

    [GlobalSetup]
    public void Setup()
    {
        if (Store == "redis")
        {
            _server = RedisServer.Start();
            _store = new RedisPendingStore(new RedisPendingStoreOptions { ConnectionString = _server.ConnectionString, KeyPrefix = "bench:" });
        }

        _unsampled = Monitor("bench-unsampled", 0.0);
        _sampled = Monitor("bench-sampled", 1.0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _unsampled.Dispose();
        _sampled.Dispose();
        _store?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "RecordClassification, not sampled")]
    public void Unsampled() => _unsampled.RecordClassification(1, 0.91, _ids[_next++ & (Ids - 1)]);

    [Benchmark(Description = "RecordClassification, sampled")]
    public void Sampled() => _sampled.RecordClassification(1, 0.91, _ids[_next++ & (Ids - 1)]);

    private QualityMonitor Monitor(string name, double rate) => new(name, "1", new QualityMonitorOptions
    {
        ClassLabels = ["no", "yes"],
        Sampling = new GroundTruthSamplingOptions { Rate = rate },
        PendingCapacity = 10_000, // ids come back after 65,536 records, long after they are evicted
        PendingStore = _store,
    });
}
