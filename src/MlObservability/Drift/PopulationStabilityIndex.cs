namespace MlObservability.Drift;

/// <summary>
/// The Population Stability Index, PSI = sum over bins of (a_i - e_i) ln(a_i / e_i), with e the reference (expected)
/// proportions and a the current (actual) ones. Empty bins would make the sum infinite; their proportion is replaced by
/// an epsilon (default <see cref="DefaultEpsilon"/>, as Evidently does) before the sum.
/// </summary>
internal static class PopulationStabilityIndex
{
    /// <summary>The proportion given to an empty bin: 0.0001.</summary>
    public const double DefaultEpsilon = 1e-4;

    /// <summary>PSI from bin counts (or any non-negative weights) of the reference and the current data.</summary>
    /// <param name="expectedCounts">Reference counts per bin.</param>
    /// <param name="actualCounts">Current counts per bin, same length.</param>
    /// <param name="epsilon">The proportion used in place of 0 for an empty bin.</param>
    /// <returns>The PSI (0 when either side is empty).</returns>
    public static double FromCounts(ReadOnlySpan<double> expectedCounts, ReadOnlySpan<double> actualCounts, double epsilon = DefaultEpsilon)
    {
        if (expectedCounts.Length != actualCounts.Length)
        {
            throw new ArgumentException("Expected and actual PSI counts must have the same number of bins.", nameof(actualCounts));
        }

        double totalE = 0, totalA = 0;
        for (var i = 0; i < expectedCounts.Length; i++)
        {
            totalE += expectedCounts[i];
            totalA += actualCounts[i];
        }

        if (totalE <= 0 || totalA <= 0)
        {
            return 0;
        }

        var psi = 0.0;
        for (var i = 0; i < expectedCounts.Length; i++)
        {
            psi += Term(expectedCounts[i] / totalE, actualCounts[i] / totalA, epsilon);
        }

        return psi;
    }

    /// <summary>PSI from proportions that each sum to 1.</summary>
    /// <param name="expected">Reference proportions per bin.</param>
    /// <param name="actual">Current proportions per bin, same length.</param>
    /// <param name="epsilon">The proportion used in place of 0 for an empty bin.</param>
    /// <returns>The PSI.</returns>
    public static double FromProportions(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double epsilon = DefaultEpsilon)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException("Expected and actual PSI proportions must have the same number of bins.", nameof(actual));
        }

        var psi = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            psi += Term(expected[i], actual[i], epsilon);
        }

        return psi;
    }

    private static double Term(double e, double a, double epsilon)
    {
        if (e <= 0)
        {
            e = epsilon;
        }

        if (a <= 0)
        {
            a = epsilon;
        }

        return (a - e) * Math.Log(a / e);
    }
}
