namespace MlObservability.Drift.Streaming;

/// <summary>
/// Siegmund's approximation of the in-control average run length of a one-sided CUSUM on standardised values,
/// ARL0 ≈ (e^{2kb} − 2kb − 1) / (2k²) with b = h + 1.166 (Siegmund 1985, <i>Sequential Analysis</i>, §X.2; Montgomery,
/// <i>Introduction to Statistical Quality Control</i>, 6th ed., eq. 9.19), and its inverse, which turns the user's
/// "one false alarm every N observations" into the decision threshold h.
/// </summary>
internal static class AverageRunLength
{
    private const double Correction = 1.166;

    /// <summary>The approximate in-control ARL of a one-sided CUSUM with reference value k and threshold h (σ units).</summary>
    public static double OneSided(double k, double h)
    {
        var b = h + Correction;
        return (Math.Exp(2 * k * b) - (2 * k * b) - 1) / (2 * k * k);
    }

    /// <summary>The threshold h (σ units) of a CUSUM with reference value k whose in-control ARL is
    /// <paramref name="averageRunLength"/>; two-sided detectors split it between the sides (1/ARL = 1/ARL⁺ + 1/ARL⁻).</summary>
    public static double Threshold(double k, double averageRunLength, bool twoSided)
    {
        var target = twoSided ? 2 * averageRunLength : averageRunLength;
        double lo = 0, hi = 1;
        while (OneSided(k, hi) < target)
        {
            hi *= 2;
        }

        for (var i = 0; i < 100; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (OneSided(k, mid) < target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }
}
