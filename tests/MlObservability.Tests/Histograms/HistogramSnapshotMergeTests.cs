using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

public sealed class HistogramSnapshotMergeTests
{
    [Test]
    public void Merged_snapshot_equals_a_histogram_fed_the_union_in_any_order()
    {
        var random = new Random(3);
        var parts = Enumerable.Range(0, 4).Select(_ => new LogHistogram(new LogHistogramOptions { AllowNegativeValues = true })).ToArray();
        var union = new LogHistogram(new LogHistogramOptions { AllowNegativeValues = true });
        for (int i = 0; i < 40_000; i++)
        {
            double v = Math.Exp(SampleDistributions.Normal(random) * 3) * (random.NextDouble() < 0.1 ? -1 : 1);
            parts[i % 4].Record(v);
            union.Record(v);
        }

        union.Record(double.NaN);
        parts[2].Record(double.NaN);
        var snaps = parts.Select(p => p.Snapshot()).ToArray();
        var forward = HistogramSnapshot.Merge(snaps);
        var backward = snaps[3].Merge(snaps[2]).Merge(snaps[1].Merge(snaps[0]));
        var expected = union.Snapshot();

        foreach (var merged in new[] { forward, backward })
        {
            Assert.That(merged.Count, Is.EqualTo(expected.Count));
            Assert.That(merged.InvalidCount, Is.EqualTo(expected.InvalidCount));
            Assert.That(merged.Min, Is.EqualTo(expected.Min));
            Assert.That(merged.Max, Is.EqualTo(expected.Max));
            Assert.That(merged.Sum, Is.EqualTo(expected.Sum).Within(1e-9 * Math.Abs(expected.Sum) + 1e-9));
            Assert.That(merged.GetBuckets(), Is.EqualTo(expected.GetBuckets()));
        }
    }

    [Test]
    public void Snapshots_of_different_ranges_merge_when_precision_matches()
    {
        var a = new LogHistogram(new LogHistogramOptions { MinValue = 1e-6, MaxValue = 1 });
        var b = new LogHistogram(new LogHistogramOptions { MinValue = 1e-3, MaxValue = 1000 });
        a.Record(0.5);
        b.Record(0.5);
        b.Record(500);
        var merged = a.Snapshot().Merge(b.Snapshot());
        Assert.That(merged.Count, Is.EqualTo(3));
        Assert.That(merged.GetBuckets()[0].Count, Is.EqualTo(2), "the same value lands in the same absolute bucket");
    }

    [Test]
    public void Snapshots_of_different_precision_refuse_to_merge()
    {
        var a = new LogHistogram(new LogHistogramOptions { RelativeAccuracy = 0.01 }).Snapshot();
        var b = new LogHistogram(new LogHistogramOptions { RelativeAccuracy = 0.05 }).Snapshot();
        var ex = Assert.Throws<ArgumentException>(() => a.Merge(b));
        Assert.That(ex!.Message, Does.Contain("same RelativeAccuracy"));
    }

    [Test]
    public void Merging_with_empty_is_identity()
    {
        var h = new LogHistogram();
        h.Record(1.5);
        var s = h.Snapshot();
        Assert.That(s.Merge(new LogHistogram().Snapshot()).GetBuckets(), Is.EqualTo(s.GetBuckets()));
        Assert.That(HistogramSnapshot.Empty.Merge(s).Count, Is.EqualTo(1));
    }
}
