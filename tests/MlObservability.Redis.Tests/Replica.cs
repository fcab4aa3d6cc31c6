using MlObservability.Quality;

namespace MlObservability.Redis.Tests;

/// <summary>One replica of a fleet: its own connection and store, and the quality monitor of the shared model.</summary>
internal sealed class Replica : IDisposable
{
    public Replica(string connectionString, string keyPrefix, TimeProvider? time = null, int queueCapacity = 10_000, TimeSpan? timeToLive = null)
    {
        Store = new RedisPendingStore(new RedisPendingStoreOptions { ConnectionString = connectionString, KeyPrefix = keyPrefix, QueueCapacity = queueCapacity, TimeToLive = timeToLive });
        Monitor = new QualityMonitor("wine", "3", new QualityMonitorOptions
        {
            ClassLabels = ["red", "white"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            PendingTimeToLive = TimeSpan.FromHours(1),
            PendingStore = Store,
            TimeProvider = time,
        });
    }

    public RedisPendingStore Store { get; }

    public QualityMonitor Monitor { get; }

    public void Flush() => Store.FlushAsync().GetAwaiter().GetResult();

    public void Dispose()
    {
        Monitor.Dispose();
        Store.Dispose();
    }
}
