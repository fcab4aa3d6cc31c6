using MathNet.Numerics;

namespace MlObservability.Challengers;

/// <summary>
/// McNemar's test of two classifiers on paired predictions: only the discordant pairs count (b: the champion right and
/// the challenger wrong, c: the reverse). Under the null hypothesis of equal accuracy b ~ Binomial(b + c, ½).
/// </summary>
/// <remarks>
/// Below <see cref="DefaultExactBelow"/> discordant pairs the exact two-sided binomial test is used, p = min(1, 2·P(X ≤ min(b, c))),
/// which equals <c>scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue</c>. From there on the asymptotic chi-square
/// test with Edwards' continuity correction, χ² = (|b − c| − 1)² / (b + c) on one degree of freedom, p =
/// <c>scipy.stats.chi2.sf(χ², 1)</c> (the default of <c>statsmodels mcnemar(exact=False)</c>). Both tails are
/// computed through the regularized incomplete beta and erfc, so tiny p-values keep their relative precision.
/// </remarks>
public static class McNemarTest
{
    /// <summary>The discordant-pair count from which the asymptotic test replaces the exact one: 25, the usual rule.</summary>
    public const int DefaultExactBelow = 25;

    /// <summary>Runs the test.</summary>
    /// <param name="championOnlyCorrect">b: pairs the champion got right and the challenger wrong.</param>
    /// <param name="challengerOnlyCorrect">c: pairs the challenger got right and the champion wrong.</param>
    /// <param name="exactBelow">Use the exact binomial test while b + c is below this.</param>
    /// <returns>The statistic and the two-sided p-value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or <paramref name="exactBelow"/> is negative.</exception>
    public static McNemarResult Test(long championOnlyCorrect, long challengerOnlyCorrect, int exactBelow = DefaultExactBelow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(championOnlyCorrect);
        ArgumentOutOfRangeException.ThrowIfNegative(challengerOnlyCorrect);
        ArgumentOutOfRangeException.ThrowIfNegative(exactBelow);
        long b = championOnlyCorrect, c = challengerOnlyCorrect, n = b + c;
        if (n == 0)
        {
            return new McNemarResult(b, c, 0, 1, true);
        }

        if (n < exactBelow)
        {
            long k = Math.Min(b, c);
            double p = 2 * BinomialHalfCdf(k, n);
            return new McNemarResult(b, c, k, Math.Min(1, p), true);
        }

        double diff = Math.Max(0, Math.Abs(b - c) - 1.0);
        double statistic = diff * diff / n;
        return new McNemarResult(b, c, statistic, SpecialFunctions.Erfc(Math.Sqrt(statistic / 2)), false);
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, ½): the regularized incomplete beta I_½(n − k, k + 1).</summary>
    private static double BinomialHalfCdf(long k, long n) => k >= n ? 1 : SpecialFunctions.BetaRegularized(n - k, k + 1, 0.5);
}
