using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

public sealed class LogHistogramInputTests
{
    [Test]
    public void Invalid_values_are_counted_and_dropped_without_throwing()
    {
        var histogram = new LogHistogram();
        double[] invalid = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1.0, -double.Epsilon * 1e10, double.MinValue];
        foreach (double v in invalid)
        {
            Assert.DoesNotThrow(() => histogram.Record(v));
        }

        var snapshot = histogram.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.InvalidCount, Is.EqualTo(invalid.Length));
            Assert.That(snapshot.Count, Is.Zero);
            Assert.That(snapshot.GetQuantile(0.5), Is.NaN);
            Assert.That(snapshot.Min, Is.NaN);
        });
    }

    [Test]
    public void Zero_subnormal_and_tiny_values_go_to_the_zero_bucket()
    {
        var histogram = new LogHistogram();
        histogram.Record(0.0);
        histogram.Record(-0.0);
        histogram.Record(double.Epsilon);
        histogram.Record(1e-12);

        var snapshot = histogram.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.EqualTo(4));
            Assert.That(snapshot.ZeroCount, Is.EqualTo(4));
            Assert.That(snapshot.InvalidCount, Is.Zero);
            Assert.That(snapshot.GetQuantile(0.5), Is.LessThan(1e-9));
        });
    }

    [Test]
    public void Huge_values_go_to_the_overflow_bucket_and_report_the_exact_maximum()
    {
        var histogram = new LogHistogram();
        histogram.Record(1.0);
        histogram.Record(1e300);
        histogram.Record(double.MaxValue);

        var snapshot = histogram.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.EqualTo(3));
            Assert.That(snapshot.OverflowCount, Is.EqualTo(2));
            Assert.That(snapshot.Max, Is.EqualTo(double.MaxValue));
            Assert.That(snapshot.GetQuantile(0.99), Is.EqualTo(double.MaxValue));
            Assert.That(snapshot.GetQuantile(0.1), Is.EqualTo(1.0).Within(0.01));
        });
    }

    [Test]
    public void Range_boundaries_are_inside_the_guarantee()
    {
        var options = new LogHistogramOptions();
        var histogram = new LogHistogram(options);
        histogram.Record(options.MinValue);
        histogram.Record(options.MaxValue);
        var snapshot = histogram.Snapshot();
        Assert.That(snapshot.ZeroCount + snapshot.OverflowCount, Is.Zero);
        Assert.That(snapshot.GetBuckets(), Has.Count.EqualTo(2));
    }

    [TestCase(0.0)]
    [TestCase(0.3)]
    [TestCase(double.NaN)]
    public void Bad_accuracy_fails_fast_with_a_message_that_says_what_to_fix(double accuracy)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LogHistogram(new LogHistogramOptions { RelativeAccuracy = accuracy }));
        Assert.That(ex!.Message, Does.Contain("RelativeAccuracy must be between"));
    }

    [Test]
    public void Bad_ranges_and_stripes_fail_fast()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LogHistogram(new LogHistogramOptions { MinValue = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LogHistogram(new LogHistogramOptions { MinValue = 1, MaxValue = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LogHistogram(new LogHistogramOptions { MaxValue = double.PositiveInfinity }));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new LogHistogram(new LogHistogramOptions { Stripes = 3 }));
        Assert.That(ex!.Message, Does.Contain("power of two"));
    }

    [Test]
    public void Quantile_outside_zero_to_one_is_a_programming_error()
    {
        var snapshot = new LogHistogram().Snapshot();
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.GetQuantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.GetQuantile(double.NaN));
    }

    [Test]
    public void Weighted_record_counts_each_occurrence()
    {
        var histogram = new LogHistogram();
        histogram.Record(0.5, 10);
        histogram.Record(0.5, 0);
        histogram.Record(double.NaN, 3);
        var snapshot = histogram.Snapshot();
        Assert.That(snapshot.Count, Is.EqualTo(10));
        Assert.That(snapshot.Sum, Is.EqualTo(5.0));
        Assert.That(snapshot.InvalidCount, Is.EqualTo(3));
    }

    [Test]
    public void Weighted_counts_that_would_overflow_are_rejected_counted_and_never_wrap()
    {
        var histogram = new LogHistogram();
        histogram.Record(1.0, long.MaxValue);
        histogram.Record(1.0, long.MaxValue);
        histogram.Record(2.0, long.MaxValue);
        var snapshot = histogram.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.InvalidCount, Is.EqualTo(1), "the second weighted record into the same bucket is rejected");
            Assert.That(snapshot.Count, Is.EqualTo(long.MaxValue), "the total saturates instead of wrapping");
            Assert.That(histogram.Count, Is.EqualTo(long.MaxValue));
            Assert.DoesNotThrow(() => snapshot.GetQuantile(0.5));
            Assert.That(snapshot.GetQuantile(0.25), Is.EqualTo(1.0).Within(0.01));
            Assert.That(snapshot.GetQuantile(1.0), Is.EqualTo(2.0));
            var merged = snapshot.Merge(snapshot);
            Assert.That(merged.Count, Is.EqualTo(long.MaxValue));
            Assert.DoesNotThrow(() => merged.GetQuantile(0.99));
        });
    }
}
