using MlObservability.Quality;

namespace MlObservability.Redis.Tests;

[NonParallelizable]
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Redis_killed_mid_run_costs_inference_nothing_counts_the_failures_and_recovers_after_a_restart()
    {
        using var server = RedisServer.Start();
        using var a = new Replica(server.ConnectionString, "outage:");
        using var b = new Replica(server.ConnectionString, "outage:");
        a.Monitor.RecordClassification("red", 0.9, "before");
        a.Flush();
        Assert.That(a.Store.StoredCount, Is.EqualTo(1));

        server.Kill();
        Assert.That(SpinWait.SpinUntil(() => !a.Store.IsConnected && !b.Store.IsConnected, Patience), Is.True, "the clients notice the outage");
        for (int i = 0; i < 1000; i++)
        {
            a.Monitor.RecordClassification("white", 0.6, "during-" + i); // must neither throw nor wait on the network
        }

        await a.Store.FlushAsync();
        var probe = await a.Store.ProbeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(a.Monitor.PredictionCount, Is.EqualTo(1001), "inference unaffected");
            Assert.That(a.Store.FailedCount + a.Store.DroppedCount, Is.EqualTo(1000), "every prediction that could not be written is counted");
            Assert.That(a.Monitor.PendingCount, Is.EqualTo(1000), "and kept in the local fallback store");
            Assert.That(probe.IsReachable, Is.False);
            Assert.That(probe.Error, Is.Not.Null);
            Assert.That(a.Monitor.RecordGroundTruth("during-5", "white"), Is.EqualTo(GroundTruthOutcome.Joined), "a label on this replica still joins locally");
            Assert.That(b.Monitor.RecordGroundTruth("during-6", "white"), Is.EqualTo(GroundTruthOutcome.UnknownId), "another replica cannot see it while Redis is down");
            Assert.That(b.Store.LookupFailedCount, Is.EqualTo(1));
        });

        server.Restart();
        Assert.That(SpinWait.SpinUntil(() => a.Store.IsConnected && b.Store.IsConnected, Patience), Is.True, "the clients reconnect by themselves");
        long storedBefore = a.Store.StoredCount;
        a.Monitor.RecordClassification("red", 0.95, "after");
        await a.Store.FlushAsync();
        Assert.Multiple(() =>
        {
            Assert.That(a.Store.StoredCount, Is.EqualTo(storedBefore + 1), "writes resume");
            Assert.That(b.Monitor.RecordGroundTruth("after", "red"), Is.EqualTo(GroundTruthOutcome.Joined), "joins resume on any replica");
            Assert.That(b.Monitor.RecordGroundTruth("before", "red"), Is.EqualTo(GroundTruthOutcome.UnknownId), "a Redis without persistence lost what it held");
        });
    }

    [Test]
    public async Task A_replica_restarted_with_predictions_pending_loses_none_of_their_labels()
    {
        using var server = RedisServer.Start();
        using var b = new Replica(server.ConnectionString, "restart:");
        using var c = new Replica(server.ConnectionString, "restart:");
        var a = new Replica(server.ConnectionString, "restart:");
        for (int i = 0; i < 300; i++)
        {
            a.Monitor.RecordClassification(i % 2 == 0 ? "red" : "white", 0.8, "p-" + i);
        }

        a.Dispose(); // a restart, a deploy or a scale-in: disposing writes what is queued, then the process state is gone
        using var aAgain = new Replica(server.ConnectionString, "restart:");

        var labels = Enumerable.Range(0, 150).Select(i => GroundTruthLabel.ForClass("p-" + i, i % 2 == 0 ? "red" : "white")).ToList();
        var onB = await b.Monitor.RecordGroundTruthBatchAsync(labels);
        var onC = Enumerable.Range(150, 150).Select(i => c.Monitor.RecordGroundTruth("p-" + i, "red")).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(onB, Is.All.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(onC, Is.All.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(aAgain.Monitor.RecordGroundTruth("p-0", "red"), Is.EqualTo(GroundTruthOutcome.Duplicate));
        });
    }
}
