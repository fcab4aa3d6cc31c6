using MathNet.Numerics;

namespace MlObservability.Drift;

/// <summary>
/// Pearson's chi-square goodness-of-fit test of observed category counts against reference proportions, as
/// <c>scipy.stats.chisquare(f_obs, f_exp)</c> with f_exp scaled to the observed total; the p-value is the upper
/// regularised incomplete gamma function (MathNet.Numerics), accurate far into the tail. The effect size is Cohen's
/// w = sqrt(chi2 / n), which unlike the p-value does not grow with traffic.
/// </summary>
internal static class ChiSquareTest
{
    /// <summary>Runs the test.</summary>
    /// <param name="observed">Observed counts per category.</param>
    /// <param name="expectedProportions">Reference proportions per category (positive; normalised to sum 1).</param>
    /// <returns>Statistic, p-value, degrees of freedom and effect size.</returns>
    public static ChiSquareResult GoodnessOfFit(ReadOnlySpan<double> observed, ReadOnlySpan<double> expectedProportions)
    {
        if (observed.Length != expectedProportions.Length)
        {
            throw new ArgumentException("Observed counts and expected proportions must have the same categories.", nameof(expectedProportions));
        }

        double total = 0, totalP = 0;
        for (var i = 0; i < observed.Length; i++)
        {
            total += observed[i];
            totalP += expectedProportions[i];
        }

        var dof = observed.Length - 1;
        if (total <= 0 || totalP <= 0 || dof < 1)
        {
            return new ChiSquareResult(0, 1, Math.Max(dof, 0), 0);
        }

        var statistic = 0.0;
        for (var i = 0; i < observed.Length; i++)
        {
            var expected = expectedProportions[i] / totalP * total;
            var diff = observed[i] - expected;
            statistic += diff * diff / expected;
        }

        var p = SpecialFunctions.GammaUpperRegularized(dof / 2.0, statistic / 2.0);
        return new ChiSquareResult(statistic, Math.Clamp(p, 0, 1), dof, Math.Sqrt(statistic / total));
    }
}
