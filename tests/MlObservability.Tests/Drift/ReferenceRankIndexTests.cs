using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>
/// The Kolmogorov-Smirnov statistic from ranks in an indexed reference, with the window in any order, against the merge
/// over every data point of both sorted samples (<see cref="KolmogorovSmirnovTest.MaxGapsByMerge"/>, the oracle that
/// agrees with scipy): equal to the last bit.
/// </summary>
public sealed class ReferenceRankIndexTests
{
    [Test]
    public void The_statistic_from_ranks_equals_the_merge_to_the_last_bit([Values(1, 7, 50, 1_000, 5_000)] int m, [Values(1, 9, 250, 1_000, 7_000)] int n, [Values(0, 1, 3, 30, 100_000)] int distinctValues)
    {
        var random = new Random((m * 31) + n + distinctValues);
        double Draw(double shift) => distinctValues == 0 ? shift + (random.NextDouble() * 2) - 1 : Math.Floor(random.NextDouble() * distinctValues) + (shift * distinctValues);
        for (var trial = 0; trial < 5; trial++)
        {
            var shift = (trial - 1) * 0.05; // below, equal, then shifted further and further up
            double[] reference = [.. Enumerable.Range(0, m).Select(_ => Draw(0))];
            double[] window = [.. Enumerable.Range(0, n).Select(_ => Draw(shift))];
            AssertSameAsMerge(reference, window, $"trial {trial}");
        }
    }

    [Test]
    public void Window_values_at_below_and_above_every_reference_value_are_placed_exactly()
    {
        double[] reference = [-3, -1, -1, 0, 0, 0, 2, 2.5, 7, 7];
        var edges = reference.Distinct().ToArray();
        double[] window = [.. edges, .. edges.Select(e => Math.BitDecrement(e)), .. edges.Select(e => Math.BitIncrement(e)), -100, 100, 1, 1];
        AssertSameAsMerge(reference, window, "around every value");
        foreach (var subset in new[] { edges, edges.Select(Math.BitDecrement).ToArray(), edges.Select(Math.BitIncrement).ToArray(), [-100.0], [100.0] })
        {
            AssertSameAsMerge(reference, subset, string.Join(", ", subset));
        }
    }

    [Test]
    public void Infinite_and_extreme_values_are_placed_exactly()
    {
        double[] finite = [.. Enumerable.Range(0, 300).Select(i => Math.Sinh((i - 150) / 10.0))];
        double[] window = [double.NegativeInfinity, double.PositiveInfinity, double.MaxValue, double.MinValue, 0, -0.0, double.Epsilon, 1e300, -1e300];
        AssertSameAsMerge(finite, window, "extreme window");
        AssertSameAsMerge([double.NegativeInfinity, -1, 0, 1, double.PositiveInfinity], window, "infinite reference range");
        AssertSameAsMerge([double.MinValue, double.MaxValue], window, "range overflowing to infinity");
        AssertSameAsMerge([4, 4, 4, 4], [3, 4, 4, 5], "a reference of one value");
    }

    [Test]
    public void A_heavy_tailed_reference_crowding_one_bucket_is_searched_exactly()
    {
        // Most of the reference sits in the guide's first bucket (one outlier stretches the range), so ranks come from the
        // binary search before the last eight values.
        var random = new Random(5);
        double[] reference = [.. Enumerable.Range(0, 4_000).Select(_ => random.NextDouble()), 1e9];
        double[] window = [.. Enumerable.Range(0, 1_500).Select(_ => random.NextDouble() * 1.1)];
        AssertSameAsMerge(reference, window, "crowded bucket");
    }

    [Test]
    public void The_scratch_is_left_zero_so_one_buffer_serves_every_feature()
    {
        var random = new Random(11);
        double[] reference = [.. Enumerable.Range(0, 2_000).Select(_ => Math.Round(random.NextDouble() * 50))];
        Array.Sort(reference);
        var index = new ReferenceRankIndex(reference);
        var scratch = new int[index.ScratchLength + 64];
        for (var trial = 0; trial < 20; trial++)
        {
            double[] window = [.. Enumerable.Range(0, 1 + random.Next(3_000)).Select(_ => Math.Round(random.NextDouble() * 60) - 5)];
            double[] sorted = [.. window.Order()];
            Assert.That(index.MaxGaps(window, scratch), Is.EqualTo(KolmogorovSmirnovTest.MaxGapsByMerge(reference, sorted)), $"trial {trial}");
            Assert.That(scratch, Is.All.EqualTo(0), $"trial {trial}: scratch left dirty");
        }
    }

    [Test]
    public void The_ranks_are_the_lower_bounds_in_the_reference()
    {
        var random = new Random(3);
        double[] reference = [.. Enumerable.Range(0, 777).Select(_ => Math.Round(random.NextDouble() * 100, 1))];
        Array.Sort(reference);
        var index = new ReferenceRankIndex(reference);
        foreach (var v in Enumerable.Range(0, 5_000).Select(_ => Math.Round((random.NextDouble() * 120) - 10, 2)).Concat(reference))
        {
            var expected = reference.Count(r => r < v);
            Assert.That(index.RankOf(v), Is.EqualTo(expected), $"value {v}");
        }
    }

    [Test]
    public void The_screened_test_on_an_unsorted_window_equals_the_one_on_the_sorted_window()
    {
        var random = new Random(17);
        double[] reference = [.. Enumerable.Range(0, 5_000).Select(_ => random.NextDouble()).Order()];
        var index = new ReferenceRankIndex(reference);
        var scratch = new int[index.ScratchLength];
        for (var trial = 0; trial < 40; trial++)
        {
            var shift = trial * 0.004; // through the band around alpha where the exact p-value is computed
            double[] window = [.. Enumerable.Range(0, 1_000).Select(_ => random.NextDouble() + shift)];
            var fromRanks = KolmogorovSmirnovTest.TwoSampleScreened(index, window, scratch, 0.05);
            var fromSorted = KolmogorovSmirnovTest.TwoSampleSortedScreened(reference, [.. window.Order()], 0.05);
            Assert.That(fromRanks, Is.EqualTo(fromSorted), $"trial {trial}");
        }
    }

    private static void AssertSameAsMerge(double[] reference, double[] window, string because)
    {
        var sortedReference = reference.Order().ToArray();
        var index = new ReferenceRankIndex(sortedReference);
        var scratch = new int[index.ScratchLength];
        var expected = KolmogorovSmirnovTest.MaxGapsByMerge(sortedReference, [.. window.Order()]);
        Assert.That(index.MaxGaps(window, scratch), Is.EqualTo(expected), because);
    }
}
