using System.Runtime.CompilerServices;

namespace MlObservability.Drift;

/// <summary>
/// The fleet bins of one numeric feature: exactly <c>k - 1</c> interior edges at the reference quantiles i/k (linear
/// interpolation, as numpy's default), kept even where ties repeat an edge (a repeated edge makes an empty bin on both
/// sides, which adds nothing to PSI, Jensen-Shannon or KS), so every feature has the same <c>k</c> bins and the same
/// <c>le</c> labels. Bin i holds <c>Edges[i-1] &lt;= v &lt; Edges[i]</c>; the outer bins are open to ±infinity.
/// </summary>
internal sealed class FleetBinning
{
    private readonly double[] _edges;

    private FleetBinning(double[] edges) => _edges = edges;

    /// <summary>The interior edges, non-decreasing; <c>BinCount - 1</c> of them.</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>The number of bins.</summary>
    public int BinCount => _edges.Length + 1;

    /// <summary>Edges at the reference quantiles.</summary>
    /// <param name="sortedReference">The reference sample, sorted ascending, non-empty, finite.</param>
    /// <param name="bins">The number of bins, 2 to <see cref="DriftMonitorOptions.MaxFleetBins"/>.</param>
    /// <returns>The binning.</returns>
    public static FleetBinning FromReferenceQuantiles(ReadOnlySpan<double> sortedReference, int bins)
    {
        var edges = new double[bins - 1];
        for (var i = 1; i < bins; i++)
        {
            edges[i - 1] = PsiBinning.Quantile(sortedReference, (double)i / bins);
        }

        // Interpolation can round a hair below the previous edge on ties; keep the edges non-decreasing.
        for (var i = 1; i < edges.Length; i++)
        {
            edges[i] = Math.Max(edges[i], edges[i - 1]);
        }

        return new FleetBinning(edges);
    }

    /// <summary>The bin of a value: the number of edges at or below it. Branch-free (a fixed number of halving steps
    /// with conditional moves), so its cost does not depend on the data.</summary>
    /// <param name="value">The value (not NaN).</param>
    /// <returns>0 to <see cref="BinCount"/> - 1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BinOf(double value) => BinOf(_edges, value);

    /// <summary>The number of <paramref name="edges"/> at or below <paramref name="value"/>, branch-free.</summary>
    /// <param name="edges">Non-decreasing edges.</param>
    /// <param name="value">The value (not NaN).</param>
    /// <returns>0 to <c>edges.Length</c>.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int BinOf(ReadOnlySpan<double> edges, double value)
    {
        var n = edges.Length;
        if (n == 0)
        {
            return 0;
        }

        ref var first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(edges);
        var lo = 0;
        while (n > 1)
        {
            var half = n >>> 1;
            lo = Unsafe.Add(ref first, lo + half - 1) <= value ? lo + half : lo;
            n -= half;
        }

        return lo + (Unsafe.Add(ref first, lo) <= value ? 1 : 0);
    }

    /// <summary>The fraction of <paramref name="sortedReference"/> in bins 0..i (the cumulative fraction below edge i),
    /// for every bin; the last is 1. Exact with ties, since it counts the values.</summary>
    /// <param name="sortedReference">The reference sample, sorted ascending.</param>
    /// <returns>The cumulative fractions, one per bin.</returns>
    public double[] CumulativeFractions(ReadOnlySpan<double> sortedReference)
    {
        var counts = new long[BinCount];
        foreach (var v in sortedReference)
        {
            counts[BinOf(v)]++;
        }

        var result = new double[BinCount];
        long cumulative = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            cumulative += counts[i];
            result[i] = sortedReference.IsEmpty ? 0 : (double)cumulative / sortedReference.Length;
        }

        return result;
    }
}
