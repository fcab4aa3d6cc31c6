using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>D against a brute-force evaluation of both empirical CDFs at every data point (scipy's definition), on
/// random tied data, including runs of ties that continue after the other sample is exhausted.</summary>
public sealed class KolmogorovSmirnovTiesTests
{
    [Test]
    public void Statistic_equals_brute_force_on_tied_samples([Values(1, 2, 3, 5, 40)] int distinctValues, [Values(1, 7, 60)] int n2)
    {
        var random = new Random(distinctValues * 1000 + n2);
        for (var trial = 0; trial < 50; trial++)
        {
            double[] a = [.. Enumerable.Range(0, 1 + random.Next(50)).Select(_ => (double)random.Next(distinctValues))];
            double[] b = [.. Enumerable.Range(0, n2).Select(_ => (double)random.Next(distinctValues + 1))];
            Array.Sort(a);
            Array.Sort(b);
            var (bruteMax, bruteMin) = BruteForce(a, b);
            var (maxS, minS) = KolmogorovSmirnovTest.MaxGaps(a, b);
            Assert.Multiple(() =>
            {
                Assert.That(maxS, Is.EqualTo(bruteMax), $"trial {trial}");
                Assert.That(minS, Is.EqualTo(bruteMin), $"trial {trial}");
            });
        }
    }

    [Test]
    public void The_run_walk_equals_the_merge_over_every_point_to_the_last_bit([Values(50, 1_000, 5_000)] int n1, [Values(1, 250, 1_000, 7_000)] int n2, [Values(0, 30, 100_000)] int distinctValues)
    {
        var random = new Random((n1 * 31) + n2 + distinctValues);
        double Draw(double shift) => distinctValues == 0 ? shift + (random.NextDouble() * 2) - 1 : Math.Floor(random.NextDouble() * distinctValues) + (shift * distinctValues);
        for (var trial = 0; trial < 5; trial++)
        {
            var shift = trial * 0.05; // from no drift to a clear one
            double[] a = [.. Enumerable.Range(0, n1).Select(_ => Draw(0))];
            double[] b = [.. Enumerable.Range(0, n2).Select(_ => Draw(shift))];
            Array.Sort(a);
            Array.Sort(b);
            Assert.Multiple(() =>
            {
                Assert.That(KolmogorovSmirnovTest.MaxGaps(a, b), Is.EqualTo(KolmogorovSmirnovTest.MaxGapsByMerge(a, b)), $"trial {trial}");
                Assert.That(KolmogorovSmirnovTest.MaxGaps(b, a), Is.EqualTo(KolmogorovSmirnovTest.MaxGapsByMerge(b, a)), $"trial {trial}, swapped");
            });
        }
    }

    private static (double Max, double Min) BruteForce(double[] a, double[] b)
    {
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        foreach (var x in a.Concat(b))
        {
            var diff = (a.Count(v => v <= x) / (double)a.Length) - (b.Count(v => v <= x) / (double)b.Length);
            max = Math.Max(max, diff);
            min = Math.Min(min, diff);
        }

        return (max, Math.Clamp(-min, 0, 1));
    }
}
