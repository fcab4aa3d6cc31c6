using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

/// <summary>
/// The interval race with every writer switching between the fast path (an interior bucket) and the owned-stripe slow
/// path (the buckets of <see cref="LogHistogramOptions.MinValue"/> and <see cref="LogHistogramOptions.MaxValue"/>) on
/// every record, while a reader takes <see cref="LogHistogram.SnapshotAndReset"/> flat out.
/// </summary>
internal static class MixedPathIntervalRun
{
    private static readonly LogHistogramOptions Options = new() { MinValue = 0.5, MaxValue = 4.0 };

    public static void Run(int writers, int perWriter)
    {
        // 0.5 and 4.0 share their keys with MinValue and MaxValue (slow path); 1.0 is interior (fast path).
        var total = IntervalSnapshotRun.Race(new LogHistogram(Options), writers, perWriter, (_, i) => (i % 3) switch { 0 => 0.5, 1 => 1.0, _ => 4.0 });
        long PerValue(int residue) => writers * (long)Enumerable.Range(0, perWriter).Count(i => i % 3 == residue);
        Assert.Multiple(() =>
        {
            Assert.That(total.Count, Is.EqualTo((long)writers * perWriter), "count over all intervals");
            Assert.That(total.CountAtOrBelow(0.75), Is.EqualTo(PerValue(0)), "values of MinValue's bucket (slow path)");
            Assert.That(total.Count - total.CountAtOrBelow(2.0), Is.EqualTo(PerValue(2)), "values of MaxValue's bucket (slow path)");
            Assert.That(total.Sum, Is.EqualTo((0.5 * PerValue(0)) + PerValue(1) + (4.0 * PerValue(2))), "sum over all intervals, exact");
            Assert.That(total.Min, Is.EqualTo(0.5));
            Assert.That(total.Max, Is.EqualTo(4.0));
        });
    }
}
