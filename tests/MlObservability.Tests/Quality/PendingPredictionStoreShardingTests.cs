using MlObservability.Quality;

namespace MlObservability.Tests.Quality;

/// <summary>A large <see cref="PendingPredictionStore"/> split into shards by request-id hash: the same answers as one
/// table, bounds that hold in total, and exact counts under concurrent use.</summary>
public sealed class PendingPredictionStoreShardingTests
{
    private static PendingPrediction At(string id, long ticks) => new(id, PredictionKind.Classification, 1, 0.9, double.NaN, -1, ticks);

    [TestCase(100_000, 64L << 20, 2, 4)]
    [TestCase(100_000, 64L << 20, 16, 16)]
    [TestCase(100_000, 64L << 20, 64, 16)]
    [TestCase(100_000, 2L << 20, 16, 2)]
    [TestCase(8_192, 64L << 20, 16, 2)]
    [TestCase(8_191, 64L << 20, 16, 1)]
    [TestCase(10, 64L << 20, 16, 1)]
    [TestCase(100_000, 64L << 20, 1, 2)]
    public void Shard_count_is_twice_the_processors_halved_until_each_shard_is_large_enough(int capacity, long maxBytes, int processors, int expected) =>
        Assert.That(PendingPredictionStore.ShardsFor(capacity, maxBytes, processors), Is.EqualTo(expected));

    [Test]
    public void A_small_store_is_one_shard()
    {
        var store = new PendingPredictionStore(1_000, TimeSpan.FromHours(1));
        Assert.That(store.ShardCount, Is.EqualTo(1));
    }

    [Test]
    public void A_sharded_store_joins_expires_and_remembers_ids_as_one_table_does()
    {
        var ttl = TimeSpan.FromMinutes(10);
        var store = new PendingPredictionStore(16_384, ttl, 64L << 20, shards: 4);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.That(store.TryAdd(At($"id-{i}", i < 500 ? 0 : TimeSpan.FromMinutes(5).Ticks)), Is.True);
        }

        Assert.That(store.TryAdd(At("id-7", 1)), Is.False, "an id already pending keeps its first prediction");
        var now = TimeSpan.FromMinutes(10).Ticks;
        Assert.That(store.Sweep(now), Is.EqualTo(500), "the first 500 expire, whatever shard holds them");
        Assert.Multiple(() =>
        {
            Assert.That(store.Count, Is.EqualTo(500));
            Assert.That(store.TryTake("id-3", now, out _), Is.EqualTo(GroundTruthOutcome.Expired), "an expired id is remembered");
            Assert.That(store.TryTake("id-600", now, out var p), Is.EqualTo(GroundTruthOutcome.Joined));
            Assert.That(p!.RequestId, Is.EqualTo("id-600"));
            Assert.That(store.TryTake("id-600", now, out _), Is.EqualTo(GroundTruthOutcome.Duplicate));
            Assert.That(store.TryTake("never", now, out _), Is.EqualTo(GroundTruthOutcome.UnknownId));
            Assert.That(store.ExpiredCount, Is.EqualTo(500));
            Assert.That(store.DuplicatePredictionCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_sharded_store_never_holds_more_than_its_capacity_and_counts_every_eviction()
    {
        const int capacity = 16_384;
        var store = new PendingPredictionStore(capacity, TimeSpan.FromDays(1), 64L << 20, shards: 4);
        const int added = 40_000;
        for (var i = 0; i < added; i++)
        {
            Assert.That(store.TryAdd(At($"req-{i:D6}", i)), Is.True);
            if (i % 997 == 0)
            {
                Assert.That(store.Count, Is.LessThanOrEqualTo(capacity));
            }
        }

        var joined = 0;
        for (var i = 0; i < added; i++)
        {
            if (store.TryTake($"req-{i:D6}", added, out _) == GroundTruthOutcome.Joined)
            {
                joined++;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(store.EvictedCount + joined, Is.EqualTo(added), "every prediction was either evicted (counted) or joined");
            Assert.That(joined, Is.EqualTo(capacity), "every shard received more than its share, so each is full; the shares add up to the capacity");
            Assert.That(store.Count, Is.Zero);
        });
    }

    [Test]
    public void A_sharded_store_keeps_to_its_bytes()
    {
        const long maxBytes = 4L << 20;
        var store = new PendingPredictionStore(100_000, TimeSpan.FromDays(1), maxBytes, shards: 4);
        var id = new string('x', 200);
        for (var i = 0; i < 20_000; i++)
        {
            store.TryAdd(At($"{id}{i}", i));
        }

        Assert.Multiple(() =>
        {
            Assert.That(store.Bytes, Is.LessThanOrEqualTo(maxBytes));
            Assert.That(store.EvictedForBytesCount, Is.GreaterThan(0));
            Assert.That(store.Count + store.EvictedForBytesCount, Is.EqualTo(20_000));
        });
    }

    [Test]
    public void Threads_adding_and_taking_at_once_account_for_every_prediction()
    {
        var store = new PendingPredictionStore(1_000_000, TimeSpan.FromDays(1), 256L << 20, shards: 8);
        const int threads = 4, perThread = 50_000;
        var joined = new int[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < perThread; i++)
            {
                var id = $"t{t}-{i}";
                if (!store.TryAdd(At(id, i)))
                {
                    throw new InvalidOperationException($"{id} was refused");
                }

                // Take every other one back at once; the rest stay pending.
                if ((i & 1) == 0 && store.TryTake(id, i, out _) == GroundTruthOutcome.Joined)
                {
                    joined[t]++;
                }
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(joined.Sum(), Is.EqualTo(threads * perThread / 2));
            Assert.That(store.Count, Is.EqualTo(threads * perThread / 2));
            Assert.That(store.EvictedCount + store.EvictedForBytesCount, Is.Zero);
        });
    }
}
