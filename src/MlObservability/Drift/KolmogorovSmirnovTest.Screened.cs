namespace MlObservability.Drift;

/// <summary>The drift monitor's form of the test: the exact p-value only where it could matter.</summary>
public static partial class KolmogorovSmirnovTest
{
    /// <summary>The widest band around α, as a factor, inside which <see cref="TwoSampleSortedScreened"/> computes the
    /// exact p-value: asymptotic p-values below α / 4 or above 4 α are always reported as they are. Small samples
    /// (effective size below <see cref="NarrowBandMinimumEffectiveSize"/>) use this band.</summary>
    internal const double ExactBandFactor = 4;

    /// <summary>The constant C of the bound |ln(p_exact / p_asymptotic)| &lt;= C λ / √en used to narrow the band, with
    /// λ = √(ln(2 / p) / 2) and en = n1 n2 / (n1 + n2). Twice the largest value measured against scipy (1.08 for
    /// en ≥ 50 over sizes from 50×50 to 10,000×1,000 and p from 1e-7 to 0.9; equal sizes are the worst case, see
    /// docs/drift.md and tests/TestData/Drift/ks_screening_bound.py).</summary>
    internal const double AsymptoticErrorConstant = 2.0;

    /// <summary>The effective sample size en from which the band narrows to the bound; below it the exact count is
    /// cheap and the factor-4 band is kept.</summary>
    internal const double NarrowBandMinimumEffectiveSize = 50;

    /// <summary>
    /// The two-sided test on two sorted samples as <see cref="KsMethod.Auto"/> gives it (same statistic D, snapped to
    /// the lattice as scipy does wherever Auto is exact), but with the exact p-value computed only when the asymptotic
    /// one could lie on the other side of <paramref name="alpha"/> than the exact one
    /// (<see cref="ExactCouldChangeDecision"/>); elsewhere the decision at α is the same and the exact count (O(n1·n2·D))
    /// is skipped. The result says which it is (<see cref="KolmogorovSmirnovResult.IsExact"/>).
    /// </summary>
    /// <param name="sorted1">The reference, sorted ascending, non-empty, without NaN.</param>
    /// <param name="sorted2">The current window, sorted ascending, non-empty, without NaN.</param>
    /// <param name="alpha">The significance level, in (0, 1).</param>
    /// <returns>The statistic and p-value.</returns>
    internal static KolmogorovSmirnovResult TwoSampleSortedScreened(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2, double alpha)
    {
        int n1 = sorted1.Length, n2 = sorted2.Length;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples of a Kolmogorov-Smirnov test must be non-empty.");
        }

        if (Math.Max(n1, n2) > MaxExactSampleSize)
        {
            return TwoSampleSorted(sorted1, sorted2, KsAlternative.TwoSided, KsMethod.Auto); // asymptotic anyway
        }

        var (maxS, minS) = MaxGaps(sorted1, sorted2);
        return ScreenedPValue(n1, n2, minS > maxS ? minS : maxS, alpha);
    }

    /// <summary>
    /// <see cref="TwoSampleSortedScreened"/> for a window in any order against an indexed reference: the same statistic to
    /// the last bit (<see cref="ReferenceRankIndex.MaxGaps"/>) and the same p-value, without sorting the window.
    /// </summary>
    /// <param name="reference">The reference sample's index.</param>
    /// <param name="window">The current window, non-empty, without NaN, in any order.</param>
    /// <param name="scratch">At least <see cref="ReferenceRankIndex.ScratchLength"/> integers, all zero; left all zero.</param>
    /// <param name="alpha">The significance level, in (0, 1).</param>
    /// <returns>The statistic and p-value.</returns>
    internal static KolmogorovSmirnovResult TwoSampleScreened(ReferenceRankIndex reference, ReadOnlySpan<double> window, Span<int> scratch, double alpha)
    {
        int n1 = reference.Count, n2 = window.Length;
        if (n2 == 0)
        {
            throw new ArgumentException("Both samples of a Kolmogorov-Smirnov test must be non-empty.");
        }

        var (maxS, minS) = reference.MaxGaps(window, scratch);
        var d = minS > maxS ? minS : maxS;
        return Math.Max(n1, n2) > MaxExactSampleSize
            ? PValue(n1, n2, d, KsAlternative.TwoSided, KsMethod.Auto) // asymptotic anyway
            : ScreenedPValue(n1, n2, d, alpha);
    }

    /// <summary>The p-value of <see cref="TwoSampleSortedScreened"/> for a statistic D (two-sided, both sizes at most
    /// <see cref="MaxExactSampleSize"/>).</summary>
    internal static KolmogorovSmirnovResult ScreenedPValue(int n1, int n2, double dRaw, double alpha)
    {
        var d = KolmogorovSmirnovExact.Snap(n1, n2, dRaw);
        var asymptotic = PValue(n1, n2, d, KsAlternative.TwoSided, KsMethod.Asymptotic);
        return ExactCouldChangeDecision(asymptotic.PValue, alpha, n1, n2)
            ? PValue(n1, n2, d, KsAlternative.TwoSided, KsMethod.Auto)
            : asymptotic;
    }

    /// <summary>
    /// Whether the exact p-value could fall on the other side of α than the asymptotic one <paramref name="asymptoticP"/>.
    /// For en = n1 n2 / (n1 + n2) of at least <see cref="NarrowBandMinimumEffectiveSize"/>: when
    /// |ln(p / α)| &lt;= C λ / √en (<see cref="AsymptoticErrorConstant"/>), with λ = √(ln(2 / min(p, α)) / 2), the
    /// larger of the two λ, so the bound holds at p whichever side of α it is; never wider than the factor-4 band
    /// (<see cref="ExactBandFactor"/>), which smaller samples keep.
    /// </summary>
    /// <param name="asymptoticP">The asymptotic p-value.</param>
    /// <param name="alpha">The significance level.</param>
    /// <param name="n1">The first sample size.</param>
    /// <param name="n2">The second sample size.</param>
    /// <returns>Whether the exact p-value is needed for the decision at α.</returns>
    internal static bool ExactCouldChangeDecision(double asymptoticP, double alpha, int n1, int n2)
    {
        if (asymptoticP < alpha / ExactBandFactor || asymptoticP > alpha * ExactBandFactor)
        {
            return false;
        }

        double en = (double)n1 * n2 / ((double)n1 + n2);
        if (en < NarrowBandMinimumEffectiveSize)
        {
            return true;
        }

        var lambda = Math.Sqrt(Math.Log(2 / Math.Min(asymptoticP, alpha)) / 2);
        return Math.Abs(Math.Log(asymptoticP / alpha)) <= AsymptoticErrorConstant * lambda / Math.Sqrt(en);
    }
}
