using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

/// <summary>
/// One run of the interval race: writers record known values while a reader takes <see cref="LogHistogram.SnapshotAndReset"/>
/// flat out; every interval must be self-consistent and the totals over all intervals exact.
/// </summary>
internal static class IntervalSnapshotRun
{
    /// <summary>Runs the race once and asserts; <paramref name="writers"/> threads record <paramref name="perWriter"/>
    /// values each: 1.0, except once 0.5 (the minimum) at the start and once 4.0 (the maximum) at the end.</summary>
    public static void Run(int writers, int perWriter, LogHistogramOptions? options = null)
    {
        var total = Race(new LogHistogram(options ?? LogHistogramOptions.Latency), writers, perWriter,
            (w, i) => w == 0 && i == 0 ? 0.5 : w == writers - 1 && i == perWriter - 1 ? 4.0 : 1.0);
        long expectedCount = (long)writers * perWriter;
        Assert.Multiple(() =>
        {
            Assert.That(total.Count, Is.EqualTo(expectedCount), "count over all intervals");
            Assert.That(total.Sum, Is.EqualTo(expectedCount - 1 + 0.5 - 1 + 4.0), "sum over all intervals, exact");
            Assert.That(total.Min, Is.EqualTo(0.5), "minimum over all intervals");
            Assert.That(total.Max, Is.EqualTo(4.0), "maximum over all intervals");
        });
    }

    /// <summary>
    /// The race itself: writer w records <paramref name="valueOf"/>(w, i) for i below <paramref name="perWriter"/>, each
    /// value 0.5, 1.0 or 4.0, so that every interval's sum is an exact combination of its counts. Asserts that every
    /// interval is self-consistent and that nothing is left after the last one; returns all intervals merged.
    /// </summary>
    public static HistogramSnapshot Race(LogHistogram histogram, int writers, int perWriter, Func<int, int, double> valueOf)
    {
        var intervals = new List<HistogramSnapshot>();
        int running = writers;
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() =>
        {
            for (int i = 0; i < perWriter; i++)
            {
                histogram.Record(valueOf(w, i));
            }

            Interlocked.Decrement(ref running);
        })).ToList();
        threads.ForEach(t => t.Start());
        while (Volatile.Read(ref running) > 0)
        {
            intervals.Add(histogram.SnapshotAndReset());
        }

        threads.ForEach(t => t.Join());
        intervals.Add(histogram.SnapshotAndReset());

        foreach (var interval in intervals)
        {
            long halves = interval.CountAtOrBelow(0.75);
            long fours = interval.Count - interval.CountAtOrBelow(2.0);
            double expectedSum = (0.5 * halves) + (4.0 * fours) + (interval.Count - halves - fours);
            if (interval.Sum != expectedSum || (interval.Count == 0) != double.IsNaN(interval.Min) || (interval.Count > 0 && interval.Min > interval.Max)
                || interval.ZeroCount != 0 || interval.OverflowCount != 0)
            {
                Assert.Fail($"interval not self-consistent: count {interval.Count}, sum {interval.Sum} (expected {expectedSum}), min {interval.Min}, max {interval.Max}, zero {interval.ZeroCount}, overflow {interval.OverflowCount}");
            }
        }

        Assert.That(histogram.Snapshot().Count, Is.Zero, "nothing left after the last interval");
        return HistogramSnapshot.Merge(intervals);
    }
}
