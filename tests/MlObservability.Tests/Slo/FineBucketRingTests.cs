using MlObservability.Slo;

namespace MlObservability.Tests.Slo;

/// <summary>The fine ring remembers the epoch of its latest event to skip a division; events of other epochs, earlier
/// or later, in any order, must still land in their own buckets.</summary>
public sealed class FineBucketRingTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    [Test]
    public void Events_land_in_their_own_minute_whatever_the_order()
    {
        var ring = new FineBucketRing(TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
        long Minute(int m, int second = 0) => Start.AddMinutes(m).AddSeconds(second).Ticks;
        int[] minutes = [0, 0, 1, 0, 5, 5, 4, 1, 5, 0, 59, 3];
        var expected = new Dictionary<int, (long Good, long Total)>();
        for (var i = 0; i < minutes.Length; i++)
        {
            var good = i % 3 != 0;
            ring.Record(Minute(minutes[i], i * 5 % 60), good);
            var (g, t) = expected.GetValueOrDefault(minutes[i]);
            expected[minutes[i]] = (g + (good ? 1 : 0), t + 1);
        }

        ring.Record(Minute(1) - 1, good: true); // the last tick of minute 0
        ring.Record(Minute(2), good: true);     // the first tick of minute 2
        expected[0] = (expected[0].Good + 1, expected[0].Total + 1);
        expected[2] = (1, 1);
        Assert.Multiple(() =>
        {
            for (var m = 0; m < 60; m++)
            {
                Assert.That(ring.At(ring.EpochOf(Minute(m))), Is.EqualTo(expected.GetValueOrDefault(m)), $"minute {m}");
            }
        });
    }

    [Test]
    public void Events_recorded_by_many_threads_at_once_are_all_counted()
    {
        var ring = new FineBucketRing(TimeSpan.FromMinutes(1), TimeSpan.FromHours(6));
        long minute = Start.AddMinutes(7).Ticks;
        const int Events = 200_000;
        int threads = Math.Max(4, Environment.ProcessorCount * 2);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            for (var i = 0; i < Events; i++)
            {
                ring.Record(minute + (i % 600_000_000), good: (i + t) % 4 != 0);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        long expectedGood = Enumerable.Range(0, threads).Sum(t => (long)Enumerable.Range(0, Events).Count(i => (i + t) % 4 != 0));
        Assert.Multiple(() =>
        {
            Assert.That(ring.At(ring.EpochOf(minute)), Is.EqualTo((expectedGood, (long)threads * Events)), "striped counts add up exactly");
            Assert.That(ring.Sum(minute, TimeSpan.FromMinutes(5)), Is.EqualTo((expectedGood, (long)threads * Events)));
        });
    }

    [Test]
    public void A_new_minute_in_a_reused_bucket_starts_from_zero_on_every_stripe()
    {
        var ring = new FineBucketRing(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)); // 4 buckets: minute m and m + 4 share one
        long first = Start.Ticks;
        var workers = Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount)).Select(_ => new Thread(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                ring.Record(first, good: true);
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        long later = Start.AddMinutes(4).Ticks;
        ring.Record(later, good: false);
        Assert.Multiple(() =>
        {
            Assert.That(ring.At(ring.EpochOf(later)), Is.EqualTo((0L, 1L)));
            Assert.That(ring.At(ring.EpochOf(first)), Is.EqualTo((0L, 0L)), "the old minute is gone");
            Assert.That(ring.StripeCount, Is.LessThanOrEqualTo(FineBucketRing.MaxStripes));
        });
    }
}
