using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

public sealed class PsiBinningTests
{
    private static readonly double[] Uniform = [.. Enumerable.Range(0, 1000).Select(i => (double)i)];

    [Test]
    public void Quantile_bins_hold_equal_reference_mass()
    {
        var binning = PsiBinning.FromReferenceQuantiles(Uniform, 10);
        var counts = new double[binning.BinCount];
        binning.Count(Uniform, counts);
        Assert.Multiple(() =>
        {
            Assert.That(binning.BinCount, Is.EqualTo(10));
            Assert.That(counts, Has.All.EqualTo(100));
            Assert.That(PopulationStabilityIndex.FromCounts(counts, counts), Is.EqualTo(0));
        });
    }

    [TestCase(10, 1_000)]
    [TestCase(17, 500)]
    [TestCase(20, 64)]
    [TestCase(50, 1_000)]
    [TestCase(3, 1)]
    [TestCase(10, 0)]
    public void Counting_gives_each_value_the_bin_BinOf_gives_with_few_edges_or_many(int bins, int n)
    {
        // Up to 16 edges Count compares each value with every edge; past that it searches. Both must give BinOf's bin,
        // values on an edge (ties included) going to the bin above it, NaN to none.
        var random = new Random(bins * 7919 + n);
        double[] reference = [.. Enumerable.Range(0, 500).Select(_ => Math.Round(random.NextDouble() * 50) / 10)];
        Array.Sort(reference);
        var binning = PsiBinning.FromReferenceQuantiles(reference, bins);
        double[] values = [.. Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 70) - 10) / 10), .. binning.Edges, double.NaN];
        var expected = new double[binning.BinCount];
        foreach (var v in values.Where(v => !double.IsNaN(v)))
        {
            expected[binning.BinOf(v)]++;
        }

        var counts = new double[binning.BinCount];
        binning.Count(values, counts);
        Assert.That(counts, Is.EqualTo(expected));
    }

    [Test]
    public void Outer_bins_are_open_so_values_outside_the_reference_range_count()
    {
        var binning = PsiBinning.FromReferenceQuantiles(Uniform, 10);
        var counts = new double[binning.BinCount];
        binning.Count([-1e9, -5, 1e6, double.MaxValue, double.NaN], counts);
        Assert.Multiple(() =>
        {
            Assert.That(counts[0], Is.EqualTo(2));
            Assert.That(counts[^1], Is.EqualTo(2));
            Assert.That(counts.Sum(), Is.EqualTo(4), "NaN is skipped, nothing else is lost");
        });
    }

    [Test]
    public void Ties_merge_edges_instead_of_making_empty_bins()
    {
        double[] tied = [.. Enumerable.Repeat(0.0, 900), .. Enumerable.Range(1, 100).Select(i => (double)i)];
        var binning = PsiBinning.FromReferenceQuantiles(tied, 10);
        Assert.That(binning.Edges, Is.Unique.And.Ordered);
        Assert.That(binning.BinCount, Is.LessThan(10));
    }

    [Test]
    public void Empty_bins_use_the_stated_epsilon()
    {
        double[] expected = [50, 50, 0];
        double[] actual = [40, 40, 20];
        const double eps = 1e-4;
        var hand = ((0.4 - 0.5) * Math.Log(0.4 / 0.5) * 2) + ((0.2 - eps) * Math.Log(0.2 / eps));
        Assert.Multiple(() =>
        {
            Assert.That(PopulationStabilityIndex.FromCounts(expected, actual, eps), Is.EqualTo(hand).Within(1e-12));
            Assert.That(PopulationStabilityIndex.FromCounts(expected, actual, 1e-3), Is.LessThan(hand));
        });
    }

    [Test]
    public void Equal_width_bins_split_the_reference_range()
    {
        var binning = PsiBinning.EqualWidth(0, 100, 4);
        Assert.Multiple(() =>
        {
            Assert.That(binning.Edges, Is.EqualTo(new double[] { 25, 50, 75 }));
            Assert.That(binning.BinOf(-1), Is.EqualTo(0));
            Assert.That(binning.BinOf(25), Is.EqualTo(1), "lower edge inclusive");
            Assert.That(binning.BinOf(1000), Is.EqualTo(3));
        });
    }

    [Test]
    public void Fewer_than_two_bins_is_a_configuration_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PsiBinning.FromReferenceQuantiles(Uniform, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PsiBinning.EqualWidth(0, 1, 1));
    }
}
