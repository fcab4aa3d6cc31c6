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
}
