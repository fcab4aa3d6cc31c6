using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>
/// Sampled predictions are kept in the default store's table, not as objects (issue 16, target 1): once the table has
/// grown, sampling allocates nothing on the recording thread, with or without a probability vector, while the store
/// still evicts, remembers and joins as before.
/// </summary>
public sealed class PendingPredictionPoolingTests
{
    private const int Capacity = 500;

    [Test]
    public void Sampling_into_a_grown_store_allocates_nothing([Values] bool withProbabilities)
    {
        using var monitor = new QualityMonitor("pooled", "1", new QualityMonitorOptions
        {
            ClassLabels = ["a", "b", "c"],
            Sampling = new GroundTruthSamplingOptions { Rate = 1.0 },
            PendingCapacity = Capacity,
        });
        var ids = Enumerable.Range(0, 40 * Capacity).Select(i => $"request-{i:D8}").ToArray();
        double[] probabilities = [0.2, 0.7, 0.1];
        void Record(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (withProbabilities)
                {
                    monitor.RecordClassification(1, probabilities, ids[i]);
                }
                else
                {
                    monitor.RecordClassification(1, 0.7, ids[i]);
                }
            }
        }

        Record(0, 10 * Capacity); // the table, the id dictionary and the memory of evicted ids reach their bounds
        // The least of three rounds: the runtime may allocate on this thread now and then (a method promoted by tiered
        // compilation in the middle of a round), the store never does.
        var allocated = long.MaxValue;
        for (var round = 1; round <= 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Record(10 * round * Capacity, 10 * (round + 1) * Capacity);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Multiple(() =>
        {
            Assert.That(allocated, Is.Zero, $"{10 * Capacity} sampled predictions");
            Assert.That(monitor.PendingCount, Is.EqualTo(Capacity));
            Assert.That(monitor.EvictedPredictionCount, Is.EqualTo((40 * Capacity) - Capacity));
        });
    }

    [Test]
    public void A_reused_entry_gives_back_the_prediction_it_holds_now()
    {
        var store = new PendingPredictionStore(2, TimeSpan.FromDays(1));
        double[] first = [0.1, 0.9];
        double[] second = [0.6, 0.4];
        Assert.That(store.TryAdd(new PendingRecord("x", PredictionKind.Classification, 1, 0.9, double.NaN, 3, 10, "yes", "eu", "7", IsLocal: true), first), Is.True);
        Assert.That(store.TryTake("x", 11, out var x), Is.EqualTo(GroundTruthOutcome.Joined));
        first[0] = 99; // the store copied the vector
        Assert.That(store.TryAdd(new PendingRecord("y", PredictionKind.Classification, 0, 0.6, double.NaN, -1, 12, null, null, string.Empty, IsLocal: true), second), Is.True);
        Assert.That(store.TryAdd(new PendingRecord("z", PredictionKind.Regression, -1, double.NaN, 4.5, -1, 13, null, null, string.Empty, IsLocal: false), []), Is.True);
        Assert.That(store.TryTake("y", 14, out var y), Is.EqualTo(GroundTruthOutcome.Joined));
        Assert.That(store.TryTake("z", 14, out var z), Is.EqualTo(GroundTruthOutcome.Joined));
        Assert.Multiple(() =>
        {
            Assert.That((x!.RequestId, x.PredictedClass, x.Confidence, x.SegmentIndex, x.TimestampTicks, x.PredictedLabel, x.Segment, x.ModelVersion, x.IsLocal),
                Is.EqualTo(("x", 1, 0.9, 3, 10L, "yes", "eu", "7", true)));
            Assert.That(x.Probabilities, Is.EqualTo(new[] { 0.1, 0.9 }));
            Assert.That((y!.RequestId, y.PredictedClass, y.PredictedLabel, y.Segment), Is.EqualTo(("y", 0, (string?)null, (string?)null)));
            Assert.That(y.Probabilities, Is.EqualTo(new[] { 0.6, 0.4 }), "the vector of the entry's new prediction, in the array of the old one");
            Assert.That((z!.Kind, z.PredictedValue, z.IsLocal, z.Probabilities), Is.EqualTo((PredictionKind.Regression, 4.5, false, (double[]?)null)), "no vector: none given back");
            Assert.That(store.Count, Is.Zero);
        });
    }

    [Test]
    public void Age_order_survives_removals_from_the_middle_and_reuse()
    {
        var store = new PendingPredictionStore(4, TimeSpan.FromTicks(100));
        PendingPrediction At(string id, long ticks) => new(id, PredictionKind.Classification, 0, 0.5, double.NaN, -1, ticks);
        foreach (var (id, ticks) in new[] { ("a", 0L), ("b", 10L), ("c", 20L), ("d", 30L) })
        {
            store.TryAdd(At(id, ticks));
        }

        Assert.That(store.TryTake("b", 40, out _), Is.EqualTo(GroundTruthOutcome.Joined)); // from the middle
        Assert.That(store.TryTake("d", 40, out _), Is.EqualTo(GroundTruthOutcome.Joined)); // the newest
        store.TryAdd(At("e", 50));
        store.TryAdd(At("f", 60));
        store.TryAdd(At("g", 70)); // full (a, c, e, f): the oldest, a, is evicted
        Assert.That(store.EvictedCount, Is.EqualTo(1));
        Assert.That(store.Sweep(121), Is.EqualTo(1), "c (20) expires at 120; e (50) not before 150");
        Assert.Multiple(() =>
        {
            Assert.That(store.TryTake("a", 130, out _), Is.EqualTo(GroundTruthOutcome.Expired), "evicted, remembered");
            Assert.That(store.TryTake("c", 130, out _), Is.EqualTo(GroundTruthOutcome.Expired));
            Assert.That(store.TryTake("e", 130, out _), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(store.TryTake("f", 130, out _), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(store.TryTake("g", 130, out _), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(store.Count, Is.Zero);
            Assert.That(store.Bytes, Is.EqualTo(4 * PendingPredictionStore.ForgottenEntryBytes), "only the memory of the last four ids is left (as many as the capacity)");
        });
    }
}
