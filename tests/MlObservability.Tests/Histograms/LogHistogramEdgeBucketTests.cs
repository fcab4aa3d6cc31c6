using MlObservability.Histograms;

namespace MlObservability.Tests.Histograms;

/// <summary>
/// The fast path of <see cref="LogHistogram.Record(double)"/> tests the range on the bucket key; the buckets that hold
/// <see cref="LogHistogramOptions.MinValue"/> and <see cref="LogHistogramOptions.MaxValue"/> also hold out-of-range values,
/// which must still go to the zero and overflow buckets.
/// </summary>
public sealed class LogHistogramEdgeBucketTests
{
    [Test]
    public void Values_sharing_a_key_with_the_range_ends_are_classified_by_value_not_by_key()
    {
        var options = new LogHistogramOptions { MinValue = 1.3e-9, MaxValue = 100.7 };
        var histogram = new LogHistogram(options);
        double belowMin = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(options.MinValue) - 1);
        double aboveMax = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(options.MaxValue) + 1);
        double justAboveMin = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(options.MinValue) + 1);
        double justBelowMax = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(options.MaxValue) - 1);

        histogram.Record(belowMin);
        histogram.Record(aboveMax);
        histogram.Record(options.MinValue);
        histogram.Record(justAboveMin);
        histogram.Record(options.MaxValue);
        histogram.Record(justBelowMax);
        histogram.Record(1.0);

        var snapshot = histogram.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.EqualTo(7));
            Assert.That(snapshot.ZeroCount, Is.EqualTo(1), "just below MinValue, same key as MinValue");
            Assert.That(snapshot.OverflowCount, Is.EqualTo(1), "just above MaxValue, same key as MaxValue");
            Assert.That(snapshot.Min, Is.EqualTo(belowMin));
            Assert.That(snapshot.Max, Is.EqualTo(aboveMax));
            Assert.That(snapshot.Sum, Is.EqualTo(belowMin + aboveMax + options.MinValue + justAboveMin + options.MaxValue + justBelowMax + 1.0).Within(1e-12));
            Assert.That(snapshot.GetQuantile(0.99), Is.EqualTo(aboveMax), "the overflow bucket reports the exact maximum");
        });
    }

    [Test]
    public void Every_bucket_from_the_minimum_to_the_maximum_counts_its_own_values()
    {
        var options = new LogHistogramOptions { MinValue = 1e-3, MaxValue = 10, RelativeAccuracy = 0.05 };
        var histogram = new LogHistogram(options);
        var expected = new List<double>();
        for (double v = options.MinValue; v <= options.MaxValue; v *= 1.01)
        {
            histogram.Record(v);
            expected.Add(v);
        }

        var snapshot = histogram.Snapshot();
        expected.Sort();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Count, Is.EqualTo(expected.Count));
            Assert.That(snapshot.ZeroCount + snapshot.OverflowCount, Is.Zero);
            foreach (double q in new[] { 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0 })
            {
                double exact = expected[(int)Math.Max(0, Math.Ceiling(q * expected.Count) - 1)];
                Assert.That(snapshot.GetQuantile(q), Is.EqualTo(exact).Within(snapshot.RelativeAccuracy * exact * 1.0000001), $"q = {q}");
            }
        });
    }
}
