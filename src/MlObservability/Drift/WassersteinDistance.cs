namespace MlObservability.Drift;

/// <summary>
/// The first Wasserstein (earth mover's) distance between two one-dimensional samples, the area between their empirical
/// CDFs, as <c>scipy.stats.wasserstein_distance</c>; and the same divided by the reference standard deviation
/// (population, ddof = 0), which makes it unit-free as Evidently's drift method does.
/// </summary>
internal static class WassersteinDistance
{
    /// <summary>The distance between two samples sorted ascending, in one merge walk; allocation-free.</summary>
    /// <param name="sorted1">The first sample, sorted, non-empty.</param>
    /// <param name="sorted2">The second sample, sorted, non-empty.</param>
    /// <returns>The distance in the units of the data (0 when either sample is empty).</returns>
    public static double FromSorted(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2)
    {
        if (sorted1.IsEmpty || sorted2.IsEmpty)
        {
            return 0;
        }

        int n1 = sorted1.Length, n2 = sorted2.Length, i = 0, j = 0;
        var area = 0.0;
        var previous = Math.Min(sorted1[0], sorted2[0]);
        while (i < n1 || j < n2)
        {
            var x = i < n1 && (j >= n2 || sorted1[i] <= sorted2[j]) ? sorted1[i] : sorted2[j];
            area += Math.Abs(((double)i / n1) - ((double)j / n2)) * (x - previous);
            while (i < n1 && sorted1[i] <= x)
            {
                i++;
            }

            while (j < n2 && sorted2[j] <= x)
            {
                j++;
            }

            previous = x;
        }

        return area;
    }

    /// <summary>The distance divided by the reference's standard deviation; the raw distance when that is 0.</summary>
    /// <param name="sortedReference">The reference sample, sorted.</param>
    /// <param name="sortedCurrent">The current sample, sorted.</param>
    /// <param name="referenceStandardDeviation">The reference's population standard deviation.</param>
    /// <returns>The normalised distance.</returns>
    public static double Normalised(ReadOnlySpan<double> sortedReference, ReadOnlySpan<double> sortedCurrent, double referenceStandardDeviation)
    {
        var distance = FromSorted(sortedReference, sortedCurrent);
        return referenceStandardDeviation > 0 ? distance / referenceStandardDeviation : distance;
    }
}
