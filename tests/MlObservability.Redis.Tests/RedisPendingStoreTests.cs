using Microsoft.Extensions.Time.Testing;
using MlObservability.Quality;
using StackExchange.Redis;

namespace MlObservability.Redis.Tests;

[NonParallelizable]
public sealed class RedisPendingStoreTests
{
    private RedisServer _server = null!;
    private ConnectionMultiplexer _admin = null!;
    private string _prefix = null!;

    [OneTimeSetUp]
    public void StartRedis()
    {
        _server = RedisServer.Start();
        _admin = ConnectionMultiplexer.Connect(_server.ConnectionString);
    }

    [OneTimeTearDown]
    public void StopRedis()
    {
        _admin.Dispose();
        _server.Dispose();
    }

    [SetUp]
    public void FreshPrefix() => _prefix = "test:" + Guid.NewGuid().ToString("N")[..8] + ":";

    [Test]
    public void A_sampled_prediction_is_stored_compactly_under_its_request_id_with_the_ttl()
    {
        using var a = new Replica(_server.ConnectionString, _prefix);
        a.Monitor.RecordClassification("white", 0.83, "req-1", "eu");
        a.Flush();

        var db = _admin.GetDatabase();
        byte[] value = (byte[])db.StringGet(_prefix + "wine:req-1")!;
        var ttl = db.KeyTimeToLive(_prefix + "wine:req-1");
        var decoded = PendingRecordCodec.Decode("req-1", value)!;
        Assert.Multiple(() =>
        {
            Assert.That(a.Store.StoredCount, Is.EqualTo(1));
            Assert.That(ttl, Is.Not.Null.And.GreaterThan(TimeSpan.FromMinutes(59)).And.LessThanOrEqualTo(TimeSpan.FromHours(1)));
            Assert.That(value, Has.Length.LessThan(64), "compact: fixed fields plus version, label and segment");
            Assert.That(decoded.PredictedLabel, Is.EqualTo("white"));
            Assert.That(decoded.PredictedClass, Is.EqualTo(1));
            Assert.That(decoded.Confidence, Is.EqualTo(0.83));
            Assert.That(decoded.Segment, Is.EqualTo("eu"));
            Assert.That(decoded.ModelVersion, Is.EqualTo("3"));
            Assert.That(a.Monitor.PendingCount, Is.Zero, "stored in Redis, not kept locally");
        });
    }

    [Test]
    public void A_label_joins_on_another_replica_and_a_second_label_is_a_duplicate()
    {
        using var a = new Replica(_server.ConnectionString, _prefix);
        using var b = new Replica(_server.ConnectionString, _prefix);
        a.Monitor.RecordClassification("red", 0.9, "r1");
        a.Monitor.RecordRegression(3.5, "r2"); // wrong kind for this label below
        a.Flush();

        Assert.Multiple(() =>
        {
            Assert.That(b.Monitor.RecordGroundTruth("r1", "red"), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(a.Monitor.RecordGroundTruth("r1", "red"), Is.EqualTo(GroundTruthOutcome.Duplicate));
            Assert.That(b.Monitor.RecordGroundTruth("r1", "white"), Is.EqualTo(GroundTruthOutcome.Duplicate));
            Assert.That(b.Monitor.RecordGroundTruth("never", "red"), Is.EqualTo(GroundTruthOutcome.UnknownId));
            Assert.That(b.Monitor.RecordGroundTruth("r2", 3.0), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(b.Monitor.LabelCount(GroundTruthOutcome.Joined), Is.EqualTo(2));
            Assert.That(a.Monitor.LabelCount(GroundTruthOutcome.Joined), Is.Zero);
        });
        b.Monitor.Evaluate(DateTimeOffset.UtcNow);
        Assert.That(b.Monitor.LatestReport.Classification.Accuracy, Is.EqualTo(1.0));
    }

    [Test]
    public void Classes_and_segments_learned_in_a_different_order_on_each_replica_join_by_name()
    {
        using var a = new Replica(_server.ConnectionString, _prefix);
        using var b = new Replica(_server.ConnectionString, _prefix);
        a.Monitor.RecordClassification("rose", 0.8, "warm-a", "eu");
        b.Monitor.RecordClassification("sparkling", 0.8, "warm-b", "us"); // b learns "sparkling" (index 2) and "us" first
        a.Monitor.RecordClassification("sparkling", 0.7, "x", "us");       // on a, "sparkling" is index 3, "us" segment 1
        a.Flush();
        b.Flush();

        Assert.That(b.Monitor.RecordGroundTruth("x", "sparkling"), Is.EqualTo(GroundTruthOutcome.Joined));
        b.Monitor.Evaluate(DateTimeOffset.UtcNow);
        Assert.Multiple(() =>
        {
            Assert.That(b.Monitor.LatestReport.Classification.Accuracy, Is.EqualTo(1.0), "the predicted class is mapped by label, not by a's index");
            Assert.That(b.Monitor.LatestReport.Segments.Keys, Does.Contain("us"));
        });
    }

    [Test]
    public void A_prediction_older_than_the_ttl_is_expired_and_redis_drops_the_key_itself()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var a = new Replica(_server.ConnectionString, _prefix, time, timeToLive: TimeSpan.FromSeconds(1));
        a.Monitor.RecordClassification("red", 0.9, "old");
        a.Monitor.RecordClassification("red", 0.9, "gone");
        a.Flush();
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(a.Monitor.RecordGroundTruth("old", "red"), Is.EqualTo(GroundTruthOutcome.Expired), "judged by the prediction's time");

        var db = _admin.GetDatabase();
        SpinWait.SpinUntil(() => !db.KeyExists(_prefix + "wine:gone"), TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(db.KeyExists(_prefix + "wine:gone"), Is.False, "Redis expires the key by its TTL");
            Assert.That(a.Monitor.RecordGroundTruth("gone", "red"), Is.EqualTo(GroundTruthOutcome.UnknownId));
        });
    }

    [Test]
    public void Two_replicas_receiving_the_same_label_at_once_join_it_exactly_once()
    {
        using var a = new Replica(_server.ConnectionString, _prefix);
        using var b = new Replica(_server.ConnectionString, _prefix);
        const int Rounds = 50;
        for (int i = 0; i < Rounds; i++)
        {
            a.Monitor.RecordClassification("red", 0.9, "race-" + i);
        }

        a.Flush();
        for (int i = 0; i < Rounds; i++)
        {
            string id = "race-" + i;
            using var barrier = new Barrier(2);
            var outcomes = new GroundTruthOutcome[2];
            var first = Task.Run(() => { barrier.SignalAndWait(); outcomes[0] = a.Monitor.RecordGroundTruth(id, "red"); });
            var second = Task.Run(() => { barrier.SignalAndWait(); outcomes[1] = b.Monitor.RecordGroundTruth(id, "red"); });
            Task.WaitAll(first, second);
            Assert.That(outcomes, Is.EquivalentTo(new[] { GroundTruthOutcome.Joined, GroundTruthOutcome.Duplicate }), $"round {i}");
        }

        Assert.That(a.Monitor.LabelCount(GroundTruthOutcome.Joined) + b.Monitor.LabelCount(GroundTruthOutcome.Joined), Is.EqualTo(Rounds));
    }

    [Test]
    public async Task A_batch_of_thousands_of_labels_joins_in_pipelined_round_trips_with_per_label_outcomes()
    {
        using var a = new Replica(_server.ConnectionString, _prefix);
        using var b = new Replica(_server.ConnectionString, _prefix);
        const int N = 5000;
        for (int i = 0; i < N; i++)
        {
            a.Monitor.RecordClassification(i % 3 == 0 ? "white" : "red", 0.75, "b-" + i);
        }

        await a.Store.FlushAsync();
        Assert.That(a.Store.StoredCount + a.Store.FailedCount + a.Store.DroppedCount, Is.EqualTo(N), "every sampled prediction is accounted for");
        Assert.That(b.Monitor.RecordGroundTruth("b-7", "red"), Is.EqualTo(GroundTruthOutcome.Joined));

        var labels = new List<GroundTruthLabel>();
        for (int i = 0; i < N; i++)
        {
            labels.Add(GroundTruthLabel.ForClass("b-" + i, "red"));
        }

        labels.Add(GroundTruthLabel.ForClass("nobody", "red"));
        labels.Add(GroundTruthLabel.ForClass("", "red"));
        labels.Add(GroundTruthLabel.ForValue("b-8", double.NaN));
        var outcomes = await b.Monitor.RecordGroundTruthBatchAsync(labels);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Length.EqualTo(N + 3));
            Assert.That(outcomes[7], Is.EqualTo(GroundTruthOutcome.Duplicate));
            Assert.That(outcomes.Take(N).Count(o => o == GroundTruthOutcome.Joined), Is.EqualTo(N - 1));
            Assert.That(outcomes[N], Is.EqualTo(GroundTruthOutcome.UnknownId));
            Assert.That(outcomes[N + 1], Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(outcomes[N + 2], Is.EqualTo(GroundTruthOutcome.Invalid));
            Assert.That(b.Monitor.LabelCount(GroundTruthOutcome.Joined), Is.EqualTo(N));
        });
        b.Monitor.Evaluate(DateTimeOffset.UtcNow);
        Assert.That(b.Monitor.LatestReport.Classification.Accuracy, Is.EqualTo(2.0 / 3).Within(0.01), "a third were predicted white, labelled red");
    }

    [Test]
    public async Task The_probe_reports_reachability_for_a_health_check()
    {
        using var a = new Replica(_server.ConnectionString, _prefix);
        var probe = await a.Store.ProbeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(probe.IsReachable, Is.True);
            Assert.That(probe.Error, Is.Null);
            Assert.That(probe.Latency, Is.GreaterThan(TimeSpan.Zero));
        });
    }

    [Test]
    public void A_given_multiplexer_is_used_and_not_disposed_with_the_store()
    {
        var store = new RedisPendingStore(_admin, new RedisPendingStoreOptions { KeyPrefix = _prefix });
        using (var monitor = new QualityMonitor("wine", "3", new QualityMonitorOptions { Sampling = new GroundTruthSamplingOptions { Rate = 1.0 }, PendingStore = store }))
        {
            monitor.RecordRegression(1.0, "m1");
            store.FlushAsync().GetAwaiter().GetResult();
            Assert.That(monitor.RecordGroundTruth("m1", 1.5), Is.EqualTo(GroundTruthOutcome.Joined));
        }

        store.Dispose();
        Assert.That(_admin.IsConnected, Is.True);
    }
}
