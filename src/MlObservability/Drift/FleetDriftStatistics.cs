using MathNet.Numerics.Distributions;

namespace MlObservability.Drift;

/// <summary>
/// The binned drift statistics of the fleet view, computed from cumulative bin counts exactly as the generated
/// Prometheus recording rules compute them (same formulas, same order of operations where it matters), so the library,
/// the tests and PromQL agree to rounding. See docs/fleet.md for what is exact and what is binned.
/// </summary>
internal static class FleetDriftStatistics
{
    /// <summary>Below this λ the Kolmogorov series is not summed and the p-value is 1 (the true value exceeds 0.99999).</summary>
    public const double KolmogorovSmallLambda = 0.3;

    /// <summary>Terms of the Kolmogorov series 2 Σ (-1)^(j-1) exp(-2 j² λ²); at λ ≥ 0.3 the truncation error is below 1e-6.</summary>
    public const int KolmogorovTerms = 8;

    /// <summary>The statistics of one feature over one window.</summary>
    /// <param name="referenceCumulative">The reference's cumulative fraction through each bin (last 1).</param>
    /// <param name="currentCumulative">The window's cumulative counts through each bin (last = rows in the window).</param>
    /// <param name="referenceRows">The reference size m.</param>
    /// <param name="epsilon">The proportion PSI and chi-square use for an empty reference (or current) bin.</param>
    /// <param name="alpha">The significance level of the critical values.</param>
    /// <returns>The figures; all NaN when the window is empty.</returns>
    public static FleetDriftFigures Compute(ReadOnlySpan<double> referenceCumulative, ReadOnlySpan<double> currentCumulative, double referenceRows, double epsilon, double alpha)
    {
        var k = currentCumulative.Length;
        var n = currentCumulative[k - 1];
        if (!(n > 0) || referenceCumulative.Length != k)
        {
            return FleetDriftFigures.Empty;
        }

        double psi = 0, js = 0, d = 0, chi = 0;
        var df = -1;
        double previousQ = 0, previousP = 0;
        for (var i = 0; i < k; i++)
        {
            var cdf = currentCumulative[i] / n;
            var refCdf = referenceCumulative[i];
            d = Math.Max(d, Math.Abs(cdf - refCdf));
            var q = i == 0 ? cdf : cdf - previousQ;
            var p = i == 0 ? refCdf : refCdf - previousP;
            previousQ = cdf;
            previousP = refCdf;

            double qe = Math.Max(q, epsilon), pe = Math.Max(p, epsilon);
            psi += (qe - pe) * Math.Log(qe / pe);
            var mid = (q + p) / 2;
            if (p > 0)
            {
                js += p * Math.Log(p / mid);
            }

            if (q > 0)
            {
                js += q * Math.Log(q / mid);
            }

            if (q + p > 0)
            {
                chi += (q - pe) * (q - pe) / pe;
                df++;
            }
        }

        var effectiveRows = n * referenceRows / (n + referenceRows);
        var lambda = d * Math.Sqrt(effectiveRows);
        return new FleetDriftFigures(
            n,
            psi,
            Math.Sqrt(Math.Max(js / 2, 0)),
            d,
            lambda,
            KolmogorovPValue(lambda),
            KsCriticalCoefficient(alpha) / Math.Sqrt(effectiveRows),
            n * chi,
            Math.Sqrt(chi),
            df,
            df > 0 ? ChiSquareCritical(df, alpha) : double.NaN);
    }

    /// <summary>The asymptotic two-sample KS p-value Q(λ) = 2 Σ_{j=1..8} (-1)^(j-1) exp(-2 j² λ²), clamped to [0, 1];
    /// 1 below λ = 0.3.</summary>
    /// <param name="lambda">D × sqrt(n m / (n + m)).</param>
    /// <returns>The p-value.</returns>
    public static double KolmogorovPValue(double lambda)
    {
        if (lambda < KolmogorovSmallLambda)
        {
            return 1;
        }

        double sum = 0;
        for (var j = 1; j <= KolmogorovTerms; j++)
        {
            var term = Math.Exp(-2.0 * j * j * (lambda * lambda));
            sum += (j % 2 == 1) ? term : -term;
        }

        return Math.Clamp(2 * sum, 0, 1);
    }

    /// <summary>c(α) = sqrt(-ln(α / 2) / 2): the critical D is c(α) sqrt((n + m) / (n m)).</summary>
    /// <param name="alpha">The significance level.</param>
    /// <returns>c(α).</returns>
    public static double KsCriticalCoefficient(double alpha) => Math.Sqrt(-Math.Log(alpha / 2) / 2);

    /// <summary>The upper-α standard normal quantile z used by <see cref="ChiSquareCritical"/>.</summary>
    /// <param name="alpha">The significance level.</param>
    /// <returns>z with P(Z &gt; z) = α.</returns>
    public static double NormalUpperQuantile(double alpha) => Normal.InvCDF(0, 1, 1 - alpha);

    /// <summary>The chi-square critical value by the Wilson-Hilferty approximation,
    /// df (1 - 2/(9 df) + z sqrt(2/(9 df)))³ (PromQL has no inverse chi-square; the relative error is below 3 % at
    /// df = 1 and below 1 % from df = 3 at α = 0.05).</summary>
    /// <param name="df">Degrees of freedom, at least 1.</param>
    /// <param name="alpha">The significance level.</param>
    /// <returns>The approximate critical value.</returns>
    public static double ChiSquareCritical(double df, double alpha)
    {
        var a = 2 / (9 * df);
        var c = 1 - a + (NormalUpperQuantile(alpha) * Math.Sqrt(a));
        return df * c * c * c;
    }
}
