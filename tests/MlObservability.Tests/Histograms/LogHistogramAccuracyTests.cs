using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

public sealed class LogHistogramAccuracyTests
{
    private static readonly double[] Quantiles = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999];

    [TestCaseSource(typeof(SampleDistributions), nameof(SampleDistributions.All))]
    public void Every_quantile_is_within_the_relative_accuracy_of_the_exact_sample_quantile(string name, Func<Random, double> draw)
    {
        foreach (double alpha in new[] { 0.01, 0.02, 0.001 })
        {
            var random = new Random(42);
            var histogram = new LogHistogram(new LogHistogramOptions { RelativeAccuracy = alpha });
            double[] values = new double[100_000];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = draw(random);
                histogram.Record(values[i]);
            }

            Array.Sort(values);
            var snapshot = histogram.Snapshot();
            Assert.That(snapshot.Count, Is.EqualTo(values.Length));
            foreach (double q in Quantiles.Concat(Enumerable.Range(1, 99).Select(p => p / 100.0)))
            {
                double exact = values[HistogramSnapshot.QuantileRank(q, values.Length)];
                double estimate = snapshot.GetQuantile(q);
                Assert.That(Math.Abs(estimate - exact) / exact, Is.LessThanOrEqualTo(alpha),
                    $"{name}, alpha {alpha}, q {q}: estimate {estimate}, exact {exact}");
            }
        }
    }

    [Test]
    public void Guaranteed_accuracy_is_never_worse_than_requested()
    {
        foreach (double alpha in new[] { 0.0005, 0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25 })
        {
            var histogram = new LogHistogram(new LogHistogramOptions { RelativeAccuracy = alpha, Stripes = 1 });
            Assert.That(histogram.RelativeAccuracy, Is.LessThanOrEqualTo(alpha));
            Assert.That(histogram.RelativeAccuracy, Is.GreaterThan(alpha / 2.5), "not wastefully finer than asked");
        }
    }

    [Test]
    public void Extremes_and_exact_statistics_are_exact()
    {
        var histogram = new LogHistogram();
        double[] values = [0.25, 0.003, 7.5, 0.0421, 1.0];
        foreach (double v in values)
        {
            histogram.Record(v);
        }

        var snapshot = histogram.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.EqualTo(5));
            Assert.That(snapshot.Sum, Is.EqualTo(values.Sum()).Within(1e-12));
            Assert.That(snapshot.Min, Is.EqualTo(0.003));
            Assert.That(snapshot.Max, Is.EqualTo(7.5));
            Assert.That(snapshot.GetQuantile(0), Is.EqualTo(0.003), "q=0 is the minimum, clamped exactly");
            Assert.That(snapshot.GetQuantile(1), Is.EqualTo(7.5), "q=1 is the maximum, clamped exactly");
            Assert.That(snapshot.Mean, Is.EqualTo(values.Average()).Within(1e-12));
        });
    }

    [Test]
    public void Negative_values_are_tracked_with_the_same_guarantee_when_allowed()
    {
        var random = new Random(7);
        var histogram = new LogHistogram(new LogHistogramOptions { AllowNegativeValues = true, MinValue = 1e-6, MaxValue = 1e6 });
        double[] values = Enumerable.Range(0, 50_000).Select(_ => SampleDistributions.Normal(random) * 10).ToArray();
        foreach (double v in values)
        {
            histogram.Record(v);
        }

        Array.Sort(values);
        var snapshot = histogram.Snapshot();
        Assert.That(snapshot.InvalidCount, Is.Zero);
        foreach (double q in new[] { 0.001, 0.01, 0.1, 0.3, 0.7, 0.9, 0.99, 0.999 })
        {
            double exact = values[HistogramSnapshot.QuantileRank(q, values.Length)];
            Assert.That(Math.Abs(snapshot.GetQuantile(q) - exact), Is.LessThanOrEqualTo(Math.Abs(exact) * 0.01), $"q {q}");
        }
    }

    [Test]
    public void Count_at_or_below_matches_the_exact_count_up_to_one_bucket()
    {
        var histogram = new LogHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            histogram.Record(i / 1000.0);
        }

        var snapshot = histogram.Snapshot();
        Assert.That(snapshot.CountAtOrBelow(0.5), Is.InRange(495, 505));
        Assert.That(snapshot.CountAtOrBelow(10), Is.EqualTo(1000));
        Assert.That(snapshot.CountAtOrBelow(0), Is.Zero);
    }

    [Test]
    public void Memory_is_fixed_and_reported()
    {
        var histogram = new LogHistogram(new LogHistogramOptions { Stripes = 1 });
        long before = histogram.AllocatedBytes;
        for (int i = 0; i < 100_000; i++)
        {
            histogram.Record(i * 1e-3);
        }

        Assert.That(histogram.AllocatedBytes, Is.EqualTo(before));
        Assert.That(histogram.BucketCount, Is.EqualTo(2961), "1 ns .. 1 day at 64 buckets per power of two");
        Assert.That(before, Is.InRange(119_000, 121_000), "about 24 KB per half: two halves for the one single-writer stripe, two for the shared stripe, one for the reader's totals");
    }
}
