using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

public sealed class LogHistogramConcurrencyTests
{
    [Test]
    public void Concurrent_writers_lose_no_increment_and_the_sum_is_exact()
    {
        const int threads = 8;
        const int perThread = 200_000;
        var histogram = new LogHistogram();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = 0; i < perThread; i++)
            {
                histogram.Record(((i % 1000) + 1) * 0.001); // multiples of 1/1000 with exact binary sums below 2^53 ulps
            }
        });

        var snapshot = histogram.Snapshot();
        double expectedSum = threads * (perThread / 1000) * Enumerable.Range(1, 1000).Sum(i => i * 0.001);
        Assert.That(snapshot.Count, Is.EqualTo((long)threads * perThread));
        Assert.That(histogram.Count, Is.EqualTo((long)threads * perThread));
        Assert.That(snapshot.Sum, Is.EqualTo(expectedSum).Within(1e-6));
        Assert.That(snapshot.Min, Is.EqualTo(0.001));
        Assert.That(snapshot.Max, Is.EqualTo(1.0));
    }

    [Test]
    public void Snapshots_taken_during_writes_never_tear()
    {
        var histogram = new LogHistogram();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(t => Task.Run(() =>
        {
            var random = new Random(t);
            while (!stop.IsCancellationRequested)
            {
                histogram.Record(random.NextDouble());
            }
        })).ToArray();

        long previous = 0;
        for (int i = 0; i < 200; i++)
        {
            var snapshot = histogram.Snapshot();
            long bucketTotal = snapshot.GetBuckets().Sum(b => b.Count);
            Assert.That(bucketTotal, Is.EqualTo(snapshot.Count), "count equals the sum of bucket counts");
            Assert.That(snapshot.Count, Is.GreaterThanOrEqualTo(previous), "counts only grow");
            previous = snapshot.Count;
        }

        stop.Cancel();
        Task.WaitAll(writers);
    }

    [Test]
    public void Interval_snapshots_lose_and_duplicate_nothing_under_concurrent_writes()
    {
        const int threads = 4;
        const int perThread = 250_000;
        var histogram = new LogHistogram();
        var intervals = new List<HistogramSnapshot>();
        using var done = new CountdownEvent(threads);
        var writers = Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < perThread; i++)
            {
                histogram.Record(0.01);
            }

            done.Signal();
        })).ToArray();

        while (!done.IsSet)
        {
            intervals.Add(histogram.SnapshotAndReset());
        }

        Task.WaitAll(writers);
        intervals.Add(histogram.SnapshotAndReset());
        var total = HistogramSnapshot.Merge(intervals);
        Assert.That(total.Count, Is.EqualTo((long)threads * perThread));
        Assert.That(total.Sum, Is.EqualTo(threads * perThread * 0.01).Within(1e-6));
        Assert.That(histogram.Snapshot().Count, Is.Zero);
    }
}
