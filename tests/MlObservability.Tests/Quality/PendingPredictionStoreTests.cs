using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

public sealed class PendingPredictionStoreTests
{
    private static PendingPrediction At(string id, long ticks) => new(id, PredictionKind.Classification, 1, 0.9, double.NaN, -1, ticks);

    [Test]
    public void Labels_join_once_then_count_as_duplicates()
    {
        var store = new PendingPredictionStore(10, TimeSpan.FromHours(1));
        Assert.That(store.TryAdd(At("a", 0)), Is.True);
        Assert.That(store.TryAdd(At("a", 5)), Is.False, "a second prediction with the same id keeps the first");
        Assert.That(store.TryTake("a", 10, out var p), Is.EqualTo(GroundTruthOutcome.Joined));
        Assert.That(p!.TimestampTicks, Is.Zero);
        Assert.That(store.TryTake("a", 11, out _), Is.EqualTo(GroundTruthOutcome.Duplicate));
        Assert.That(store.TryTake("never", 11, out _), Is.EqualTo(GroundTruthOutcome.UnknownId));
        Assert.That(store.DuplicatePredictionCount, Is.EqualTo(1));
    }

    [Test]
    public void Time_to_live_expires_on_sweep_and_on_a_late_label()
    {
        var ttl = TimeSpan.FromMinutes(10);
        var store = new PendingPredictionStore(10, ttl);
        store.TryAdd(At("old", 0));
        store.TryAdd(At("late", TimeSpan.FromMinutes(5).Ticks));
        store.TryAdd(At("fresh", TimeSpan.FromMinutes(9).Ticks));
        Assert.That(store.Sweep(TimeSpan.FromMinutes(10).Ticks), Is.EqualTo(1));
        Assert.That(store.TryTake("old", TimeSpan.FromMinutes(10).Ticks, out _), Is.EqualTo(GroundTruthOutcome.Expired));
        Assert.That(store.TryTake("late", TimeSpan.FromMinutes(16).Ticks, out _), Is.EqualTo(GroundTruthOutcome.Expired), "expired even before a sweep");
        Assert.That(store.TryTake("fresh", TimeSpan.FromMinutes(16).Ticks, out _), Is.EqualTo(GroundTruthOutcome.Joined));
        Assert.That(store.ExpiredCount, Is.EqualTo(2));
        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public void A_full_store_evicts_the_oldest_and_stays_bounded()
    {
        var store = new PendingPredictionStore(100, TimeSpan.FromDays(1));
        for (int i = 0; i < 1_000; i++)
        {
            store.TryAdd(At($"id-{i}", i));
        }

        Assert.That(store.Count, Is.EqualTo(100));
        Assert.That(store.EvictedCount, Is.EqualTo(900));
        Assert.That(store.TryTake("id-950", 2_000, out _), Is.EqualTo(GroundTruthOutcome.Joined));
        Assert.That(store.TryTake("id-899", 2_000, out _), Is.EqualTo(GroundTruthOutcome.Expired), "recently evicted ids are remembered");
        Assert.That(store.TryTake("id-3", 2_000, out _), Is.EqualTo(GroundTruthOutcome.UnknownId), "the memory of forgotten ids is bounded too");
    }
}
