using MlObservability.Diagnostics;

namespace MlObservability.Drift;

/// <summary>
/// The bins of a Population Stability Index: interior cut points, with the first bin open to -infinity and the last to
/// +infinity so that values outside the reference range are counted rather than lost. A value v falls in bin
/// i when <c>Edges[i-1] &lt;= v &lt; Edges[i]</c> (lower edge inclusive).
/// </summary>
internal sealed class PsiBinning
{
    /// <summary>Up to this many edges <see cref="Count"/> compares a value with every edge instead of searching.</summary>
    private const int LinearCountEdges = 16;

    private readonly double[] _edges;

    private PsiBinning(double[] edges) => _edges = edges;

    /// <summary>The interior cut points, ascending and distinct; there are <c>Edges.Count + 1</c> bins.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>The number of bins.</summary>
    public int BinCount => _edges.Length + 1;

    /// <summary>Bins of (roughly) equal reference mass: cut points at the reference quantiles i/bins (linear
    /// interpolation, as numpy's default), duplicates from ties merged, so heavily tied data gets fewer bins.</summary>
    /// <param name="sortedReference">The reference sample, sorted ascending, non-empty.</param>
    /// <param name="bins">The number of bins wanted, at least 2.</param>
    /// <returns>The binning.</returns>
    public static PsiBinning FromReferenceQuantiles(ReadOnlySpan<double> sortedReference, int bins = 10)
    {
        Guard.InRange(bins, 2, 10_000);
        if (sortedReference.IsEmpty)
        {
            throw new ArgumentException("The reference sample for PSI bins is empty; build the reference profile from data that has values for this feature.", nameof(sortedReference));
        }

        var edges = new List<double>(bins - 1);
        for (var i = 1; i < bins; i++)
        {
            var q = Quantile(sortedReference, (double)i / bins);
            if ((edges.Count == 0 || q > edges[^1]) && q > sortedReference[0])
            {
                edges.Add(q);
            }
        }

        return new PsiBinning([.. edges]);
    }

    /// <summary>Bins of equal width between the reference minimum and maximum; the outer bins stay open.</summary>
    /// <param name="min">The reference minimum.</param>
    /// <param name="max">The reference maximum, greater than <paramref name="min"/>.</param>
    /// <param name="bins">The number of bins, at least 2.</param>
    /// <returns>The binning.</returns>
    public static PsiBinning EqualWidth(double min, double max, int bins = 10)
    {
        Guard.InRange(bins, 2, 10_000);
        if (!(max > min) || !double.IsFinite(min) || !double.IsFinite(max))
        {
            return new PsiBinning(double.IsFinite(min) ? [min] : []);
        }

        var edges = new double[bins - 1];
        for (var i = 1; i < bins; i++)
        {
            edges[i - 1] = min + ((max - min) * i / bins);
        }

        return new PsiBinning(edges);
    }

    /// <summary>Bins with the given interior cut points (ascending, distinct).</summary>
    /// <param name="edges">The cut points.</param>
    /// <returns>The binning.</returns>
    public static PsiBinning FromEdges(IEnumerable<double> edges)
    {
        var array = edges.ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (!double.IsFinite(array[i]) || (i > 0 && array[i] <= array[i - 1]))
            {
                throw new ArgumentException("PSI bin edges must be finite, ascending and distinct.", nameof(edges));
            }
        }

        return new PsiBinning(array);
    }

    /// <summary>The bin a value falls in.</summary>
    /// <param name="value">The value (not NaN).</param>
    /// <returns>The bin index, 0 to <see cref="BinCount"/> - 1.</returns>
    public int BinOf(double value) => FleetBinning.BinOf(_edges, value);

    /// <summary>Counts values into bins.</summary>
    /// <param name="values">The values; NaN values are skipped.</param>
    /// <param name="counts">Receives the counts; length <see cref="BinCount"/>; cleared first.</param>
    public void Count(ReadOnlySpan<double> values, Span<double> counts)
    {
        counts.Clear();
        if (_edges.Length > LinearCountEdges)
        {
            foreach (var v in values)
            {
                if (!double.IsNaN(v))
                {
                    counts[BinOf(v)]++;
                }
            }

            return;
        }

        // Few edges (the default is 9): count the edges at or below each value without branches, the bin BinOf gives,
        // into integer tallies (a double increment waits on the previous one of the same bin).
        Span<int> tallies = stackalloc int[LinearCountEdges + 1];
        var edges = _edges.AsSpan();
        foreach (var v in values)
        {
            var bin = 0;
            foreach (var edge in edges)
            {
                bin += v >= edge ? 1 : 0;
            }

            tallies[bin] += double.IsNaN(v) ? 0 : 1;
        }

        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = tallies[i];
        }
    }

    internal static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * fraction);
    }
}
