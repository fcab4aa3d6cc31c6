using MlObservability.Quality;

namespace MlObservability.Redis.Tests;

/// <summary>The example of docs/fleet.md, kept compiling and true (against a real redis-server).</summary>
[NonParallelizable]
public sealed class FleetDocsSampleTests
{
    [Test]
    public async Task The_fleet_example_from_the_docs_runs()
    {
        using var server = RedisServer.Start();
        string connectionString = server.ConnectionString; // the docs: "redis:6379,password=...,ssl=true,sslHost=redis"

        // One per process, shared by every model's monitor.
        await using var pending = new RedisPendingStore(new RedisPendingStoreOptions
        {
            ConnectionString = connectionString,
            KeyPrefix = "wine-service:pending:",
            QueueCapacity = 10_000,
        });
        using var quality = new QualityMonitor("wine", "3", new QualityMonitorOptions
        {
            ClassLabels = ["red", "white"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 }, // the docs: 0.1; here every prediction is sampled
            PendingTimeToLive = TimeSpan.FromDays(7),
            PendingStore = pending,
        });

        quality.RecordClassification(1, 0.93, requestId: "req-42", segment: "eu");
        quality.RecordClassification(0, 0.88, requestId: "req-7");
        quality.RecordClassification(1, 0.61, requestId: "req-8");
        await pending.FlushAsync(); // not in the docs: labels are late; the test's are not

        GroundTruthOutcome outcome = quality.RecordGroundTruth("req-42", "white");
        GroundTruthOutcome[] outcomes = await quality.RecordGroundTruthBatchAsync(
            [GroundTruthLabel.ForClass("req-7", "red"), GroundTruthLabel.ForClass("req-8", "white")]);
        RedisPendingStoreProbe probe = await pending.ProbeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(outcome, Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(outcomes, Is.All.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(probe.IsReachable, Is.True);
            Assert.That(pending.StoredCount, Is.EqualTo(3));
        });
    }
}
