namespace MlObservability.Drift;

/// <summary>
/// The Jensen-Shannon distance between two discrete distributions (the square root of the JS divergence, natural
/// logarithm), as <c>scipy.spatial.distance.jensenshannon</c> computes it: symmetric, bounded by sqrt(ln 2) ~ 0.833,
/// finite even where one side has empty bins. Inputs are normalised to sum to 1.
/// </summary>
internal static class JensenShannonDistance
{
    /// <summary>The distance between two histograms (counts or proportions, same bins).</summary>
    /// <param name="p">The first histogram (the reference).</param>
    /// <param name="q">The second histogram (the current data).</param>
    /// <returns>The distance, 0 for identical distributions (and when either side is empty).</returns>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        if (p.Length != q.Length)
        {
            throw new ArgumentException("Both histograms of a Jensen-Shannon distance must have the same bins.", nameof(q));
        }

        double sp = 0, sq = 0;
        for (var i = 0; i < p.Length; i++)
        {
            sp += p[i];
            sq += q[i];
        }

        if (sp <= 0 || sq <= 0)
        {
            return 0;
        }

        var divergence = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            double pi = p[i] / sp, qi = q[i] / sq, mi = (pi + qi) / 2;
            divergence += RelativeEntropy(pi, mi) + RelativeEntropy(qi, mi);
        }

        return Math.Sqrt(Math.Max(divergence, 0) / 2);
    }

    private static double RelativeEntropy(double x, double y) => x > 0 ? x * Math.Log(x / y) : 0;
}
