namespace MlObservability.Drift;

/// <summary>The drift monitor's form of the test: the exact p-value only where it could matter.</summary>
public static partial class KolmogorovSmirnovTest
{
    /// <summary>The band around α, as a factor, inside which <see cref="TwoSampleSortedScreened"/> computes the exact
    /// p-value: asymptotic p-values below α / 4 or above 4 α are reported as they are.</summary>
    internal const double ExactBandFactor = 4;

    /// <summary>
    /// The two-sided test on two sorted samples as <see cref="KsMethod.Auto"/> gives it (same statistic D, snapped to
    /// the lattice as scipy does wherever Auto is exact), but with the exact p-value computed only when the asymptotic
    /// one lies within a factor <see cref="ExactBandFactor"/> of <paramref name="alpha"/>: there the exact value could
    /// fall on the other side of α; elsewhere the decision at α is the same and the exact count (O(n1·n2) for a quiet
    /// window of 1,000 against a 5,000-value reference, about 1.5 ms) is skipped. The result says which it is
    /// (<see cref="KolmogorovSmirnovResult.IsExact"/>).
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

    /// <summary>The p-value of <see cref="TwoSampleSortedScreened"/> for a statistic D (two-sided, both sizes at most
    /// <see cref="MaxExactSampleSize"/>).</summary>
    internal static KolmogorovSmirnovResult ScreenedPValue(int n1, int n2, double dRaw, double alpha)
    {
        var d = KolmogorovSmirnovExact.Snap(n1, n2, dRaw);
        var asymptotic = PValue(n1, n2, d, KsAlternative.TwoSided, KsMethod.Asymptotic);
        if (asymptotic.PValue < alpha / ExactBandFactor || asymptotic.PValue > alpha * ExactBandFactor)
        {
            return asymptotic;
        }

        return PValue(n1, n2, d, KsAlternative.TwoSided, KsMethod.Auto);
    }
}
