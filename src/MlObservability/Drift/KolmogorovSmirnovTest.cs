namespace MlObservability.Drift;

/// <summary>
/// The two-sample Kolmogorov-Smirnov test, in agreement with <c>scipy.stats.ks_2samp</c> (scipy 1.10) for each of its
/// methods (<see cref="KsMethod"/>). By default (<see cref="KsMethod.Auto"/>) the exact distribution of D when both samples have at most <see cref="MaxExactSampleSize"/> values (falling back to
/// the asymptotic one where the exact computation cannot be carried out in double precision, as scipy does), the
/// Kolmogorov distribution above that. Ties are handled by evaluating both empirical CDFs after every run of equal values.
/// </summary>
public static partial class KolmogorovSmirnovTest
{
    /// <summary>Samples up to this size (both of them) get an exact p-value, as in scipy's <c>method='auto'</c>.</summary>
    public const int MaxExactSampleSize = 10_000;

    /// <summary>Runs the test on two unsorted samples. Allocates two sorted copies; use
    /// <see cref="TwoSampleSorted(ReadOnlySpan{double}, ReadOnlySpan{double}, KsAlternative)"/> when the samples are already sorted.</summary>
    /// <param name="sample1">The first sample (the reference), non-empty, without NaN.</param>
    /// <param name="sample2">The second sample (the current window), non-empty, without NaN.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <returns>The statistic and p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> sample1, ReadOnlySpan<double> sample2, KsAlternative alternative = KsAlternative.TwoSided) =>
        TwoSample(sample1, sample2, alternative, KsMethod.Auto);

    /// <summary>Runs the test on two unsorted samples with a chosen p-value method. Allocates two sorted copies.</summary>
    /// <param name="sample1">The first sample (the reference), non-empty, without NaN.</param>
    /// <param name="sample2">The second sample (the current window), non-empty, without NaN.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <param name="method">How the p-value is computed, as scipy's <c>method</c> argument.</param>
    /// <returns>The statistic and p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty, or the method is not defined.</exception>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> sample1, ReadOnlySpan<double> sample2, KsAlternative alternative, KsMethod method)
    {
        var a = sample1.ToArray();
        var b = sample2.ToArray();
        Array.Sort(a);
        Array.Sort(b);
        return TwoSampleSorted(a, b, alternative, method);
    }

    /// <summary>Runs the test on two samples sorted ascending, in one merge walk; allocation-free.</summary>
    /// <param name="sorted1">The first sample (the reference), sorted ascending, non-empty, without NaN.</param>
    /// <param name="sorted2">The second sample (the current window), sorted ascending, non-empty, without NaN.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <returns>The statistic and p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static KolmogorovSmirnovResult TwoSampleSorted(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2, KsAlternative alternative = KsAlternative.TwoSided) =>
        TwoSampleSorted(sorted1, sorted2, alternative, KsMethod.Auto);

    /// <summary>Runs the test on two samples sorted ascending with a chosen p-value method; allocation-free.</summary>
    /// <param name="sorted1">The first sample (the reference), sorted ascending, non-empty, without NaN.</param>
    /// <param name="sorted2">The second sample (the current window), sorted ascending, non-empty, without NaN.</param>
    /// <param name="alternative">The alternative hypothesis.</param>
    /// <param name="method">How the p-value is computed, as scipy's <c>method</c> argument.</param>
    /// <returns>The statistic and p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty, or the method is not defined.</exception>
    public static KolmogorovSmirnovResult TwoSampleSorted(ReadOnlySpan<double> sorted1, ReadOnlySpan<double> sorted2, KsAlternative alternative, KsMethod method)
    {
        if (method is not (KsMethod.Auto or KsMethod.Exact or KsMethod.Asymptotic))
        {
            throw new ArgumentException($"Unknown Kolmogorov-Smirnov method {(int)method}; use Auto, Exact or Asymptotic.", nameof(method));
        }

        if (sorted1.IsEmpty || sorted2.IsEmpty)
        {
            throw new ArgumentException("Both samples of a Kolmogorov-Smirnov test must be non-empty.");
        }

        var (maxS, minS) = MaxGaps(sorted1, sorted2);
        var d = alternative == KsAlternative.Less || (alternative == KsAlternative.TwoSided && minS > maxS) ? minS : maxS;
        return PValue(sorted1.Length, sorted2.Length, d, alternative, method);
    }

    /// <summary>The largest values of F1 - F2 and F2 - F1 (the latter clipped at 0), both CDFs taken after runs of ties.</summary>
    /// <remarks>
    /// The smaller sample is walked run by run (a run: its values equal to one value c) and the larger one scanned with a
    /// pointer. Between two runs of the smaller sample its CDF is constant and the other one only grows, so the gap F1 - F2
    /// takes its extremes at two points per run: just before c (after every value below c) and just after the run. Those
    /// are data points where scipy evaluates both CDFs too, with the same arithmetic (count/n1 - count/n2), so the
    /// extremes are the same to the last bit as over every data point; the scan is a tight loop of compares instead of
    /// a merge whose every step waits on the one before.
    /// </remarks>
    internal static (double MaxS, double MinS) MaxGaps(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var (maxS, minS) = b.Length <= a.Length ? WalkRuns(a, b, runsAreSecond: true) : WalkRuns(b, a, runsAreSecond: false);
        return (maxS, Math.Clamp(-minS, 0, 1));
    }

    /// <summary>The extremes of F1 - F2 (sample 1 = <paramref name="scan"/> when <paramref name="runsAreSecond"/>), at
    /// the two points per run of <paramref name="runs"/> (see <see cref="MaxGaps"/>); both start from 0, the gap before
    /// any value.</summary>
    private static (double Max, double Min) WalkRuns(ReadOnlySpan<double> scan, ReadOnlySpan<double> runs, bool runsAreSecond)
    {
        int ns = scan.Length, nr = runs.Length;
        double dns = ns, dnr = nr;
        double max = 0, min = 0;
        int p = 0, k = 0;
        while (k < nr)
        {
            var c = runs[k];
            while (p < ns && scan[p] < c)
            {
                p++;
            }

            var before = runsAreSecond ? (p / dns) - (k / dnr) : (k / dnr) - (p / dns);
            var end = k + 1;
            while (end < nr && runs[end] <= c)
            {
                end++;
            }

            while (p < ns && scan[p] <= c)
            {
                p++;
            }

            var after = runsAreSecond ? (p / dns) - (end / dnr) : (end / dnr) - (p / dns);
            max = before > max ? before : max;
            max = after > max ? after : max;
            min = before < min ? before : min;
            min = after < min ? after : min;
            k = end;
        }

        return (max, min);
    }

    /// <summary>The merge over every data point that <see cref="MaxGaps"/> replaced, kept as its test oracle.</summary>
    internal static (double MaxS, double MinS) MaxGapsByMerge(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n1 = a.Length, n2 = b.Length;
        double dn1 = n1, dn2 = n2;
        int i = 0, j = 0;

        // The last point of the merged data has F1 = F2 = 1, a gap of exactly 0; once one sample is used up the gap moves
        // monotonically to that 0, so only the walk over both samples can set the extremes.
        var maxS = 0.0;
        var minS = 0.0;
        var v = double.NaN;
        while (i < n1 && j < n2)
        {
            double x = a[i], y = b[j];
            v = x <= y ? x : y;
            i += x <= v ? 1 : 0;
            j += y <= v ? 1 : 0;
            var next1 = i < n1 ? a[i] : double.PositiveInfinity;
            var next2 = j < n2 ? b[j] : double.PositiveInfinity;
            if ((next1 <= next2 ? next1 : next2) > v)
            {
                // Both CDFs evaluated after the run of values equal to v; same arithmetic as scipy (count/n1 - count/n2),
                // so that D agrees to the last bit.
                var diff = (i / dn1) - (j / dn2);
                maxS = diff > maxS ? diff : maxS;
                minS = diff < minS ? diff : minS;
            }
        }

        // A run of values equal to the last v may continue in the sample that is left; the gap after it was not taken.
        if (i < n1 && a[i] <= v)
        {
            while (i < n1 && a[i] <= v)
            {
                i++;
            }

            var diff = (i / dn1) - (j / dn2);
            maxS = Math.Max(maxS, diff);
            minS = Math.Min(minS, diff);
        }
        else if (j < n2 && b[j] <= v)
        {
            while (j < n2 && b[j] <= v)
            {
                j++;
            }

            var diff = (i / dn1) - (j / dn2);
            maxS = Math.Max(maxS, diff);
            minS = Math.Min(minS, diff);
        }

        return (maxS, Math.Clamp(-minS, 0, 1));
    }

    /// <summary>scipy's guard before an exact computation: n1/g &gt;= int32.MaxValue / (n2/g), g = gcd(n1, n2).</summary>
    private static bool LatticeTooLarge(int n1, int n2)
    {
        long a = n1, b = n2;
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return (double)(n1 / a) >= (double)int.MaxValue / (n2 / a);
    }

    /// <summary>Whether every p-value bound puts the exact p-value far below anything a caller can use (2 exp(-2 en D^2)
    /// &lt; 1e-50, the two-sample Dvoretzky-Kiefer-Wolfowitz-type bound), for samples large enough that the exact count is costly.</summary>
    private static bool ExactIsNegligible(int n1, int n2, double d)
    {
        double m = n1, n = n2;
        return n1 + n2 > 2_000 && m * n / (m + n) * d * d > 60;
    }

    /// <summary>The p-value of statistic <paramref name="d"/> for samples of sizes <paramref name="n1"/> and
    /// <paramref name="n2"/>, by <paramref name="method"/> as scipy chooses it.</summary>
    internal static KolmogorovSmirnovResult PValue(int n1, int n2, double d, KsAlternative alternative, KsMethod method = KsMethod.Auto)
    {
        bool exact = method switch
        {
            KsMethod.Exact => !LatticeTooLarge(n1, n2), // scipy switches to asymp (with a warning) when lcm(n1, n2) overflows int32
            KsMethod.Asymptotic => false,
            _ => Math.Max(n1, n2) <= MaxExactSampleSize,
        };
        if (exact && ExactIsNegligible(n1, n2, d))
        {
            // The exact lattice count costs O(n1 * n2 * D) here and would only refine a p-value below 1e-50; the asymptotic
            // value is reported instead (D is still snapped to h/lcm as scipy does).
            d = KolmogorovSmirnovExact.Snap(n1, n2, d);
        }
        else if (exact)
        {
            // D is snapped to h/lcm(n1, n2) whether or not the exact computation then succeeds, as scipy does.
            var success = KolmogorovSmirnovExact.TryPValue(n1, n2, d, alternative, out d, out var exactP);
            if (success)
            {
                return new KolmogorovSmirnovResult(d, Math.Clamp(exactP, 0, 1), IsExact: true);
            }
        }

        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var en = m * n / (m + n);
        double p;
        if (alternative == KsAlternative.TwoSided)
        {
            p = KolmogorovDistribution.Survival((int)Math.Round(en, MidpointRounding.ToEven), d);
        }
        else
        {
            // Hodges' approximation (eq. 5.3), m the larger sample, as scipy.
            var z = Math.Sqrt(en) * d;
            var exponent = (-2 * z * z) - (2 * z * (m + (2 * n)) / Math.Sqrt(m * n * (m + n)) / 3.0);
            p = Math.Exp(exponent);
        }

        return new KolmogorovSmirnovResult(d, Math.Clamp(double.IsNaN(p) ? 1 : p, 0, 1), IsExact: false);
    }
}
