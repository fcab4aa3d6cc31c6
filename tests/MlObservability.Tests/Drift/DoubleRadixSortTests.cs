using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class DoubleRadixSortTests
{
    [TestCase(1_000, 1.0)]
    [TestCase(5_000, 1e-300)]
    [TestCase(250, 1e300)]
    [TestCase(65, 1.0)]
    [TestCase(10, 1.0)]
    [TestCase(0, 1.0)]
    public void Sorts_as_the_comparison_sort_does(int n, double scale)
    {
        var random = new Random(n);
        double[] special = [double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 0.0, 1.0, -1.0];
        var values = Enumerable.Range(0, n).Select(i => i % 5 == 0 ? special[i / 5 % special.Length] : (random.NextDouble() - 0.5) * scale).ToArray();
        var expected = (double[])values.Clone();
        Array.Sort(expected);
        var sorter = new DoubleRadixSort();
        sorter.Sort(values);
        Assert.That(values, Is.EqualTo(expected));
        sorter.Sort(values);
        Assert.That(values, Is.EqualTo(expected), "sorting sorted values again (scratch reused)");
    }

    [Test]
    public void Negative_zero_sorts_before_positive_zero_and_ties_stay_together()
    {
        double[] values = [.. Enumerable.Repeat(0.0, 40), .. Enumerable.Repeat(-0.0, 40), .. Enumerable.Repeat(-2.5, 10)];
        new DoubleRadixSort().Sort(values);
        Assert.Multiple(() =>
        {
            Assert.That(values.Take(10), Has.All.EqualTo(-2.5));
            Assert.That(values.Skip(10).Take(40).Select(double.IsNegative), Has.All.True);
            Assert.That(values.Skip(50).Select(double.IsNegative), Has.All.False);
        });
    }
}
