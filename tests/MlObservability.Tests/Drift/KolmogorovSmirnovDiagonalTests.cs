using MlObservability.Drift;

namespace MlObservability.Tests.Drift;

/// <summary>The exact two-sided p-value computed by anti-diagonals (vectorised) must be bit-identical to Viehmann's
/// recursion row by row, the order scipy uses, for every statistic on the lattice.</summary>
public sealed class KolmogorovSmirnovDiagonalTests
{
    [TestCase(5_000, 1_000)]
    [TestCase(1_000, 5_000)]
    [TestCase(2_000, 500)]
    [TestCase(999, 1_000)]
    [TestCase(300, 200)]
    [TestCase(250, 100)]
    [TestCase(60, 40)]
    [TestCase(20, 30)]
    [TestCase(13, 7)]
    [TestCase(10, 12)]
    [TestCase(7, 3)]
    [TestCase(2, 1)]
    [TestCase(5, 1)]
    public void Diagonal_order_is_bit_identical_to_the_row_order(int n1, int n2)
    {
        long g = Gcd(n1, n2);
        var lcm = n1 / g * n2;
        // Every h for small lattices; for large ones D up to 0.2 (the band's cost grows with h), in about 40 steps.
        var top = lcm <= 2_000 ? lcm : lcm / 5;
        var step = Math.Max(1, top / 40);
        var compared = 0;
        for (var h = 1L; h <= top; h += h < 40 ? 1 : step)
        {
            var expected = ViehmannRowRecursion.ProbabilityOutside(n1, n2, g, h);
            var actual = KolmogorovSmirnovExact.ProbabilityOutsideInsideMethod(n1, n2, g, h);
            Assert.That(BitConverter.DoubleToInt64Bits(actual), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), $"h = {h}: {actual} vs {expected}");
            compared++;
        }

        Assert.That(compared, Is.GreaterThanOrEqualTo(Math.Min(10, lcm)));
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
