using MlObservability.Diagnostics;

namespace MlObservability.Histograms;

/// <summary>
/// An immutable copy of a <see cref="LogHistogram"/>'s counts: exact count, sum, minimum and maximum, quantiles with the
/// histogram's relative-error guarantee, the non-empty buckets, and <see cref="Merge(HistogramSnapshot)"/> with snapshots
/// of other histograms (other threads, processes or replicas) of the same precision.
/// </summary>
/// <remarks>
/// Bucket keys are absolute (derived from the IEEE 754 representation), so snapshots of histograms with different ranges
/// but the same <see cref="LogHistogramOptions.RelativeAccuracy"/> merge exactly. Merging is commutative and associative.
/// </remarks>
public sealed class HistogramSnapshot
{
    private readonly long[] _positive;      // counts by key, starting at _positiveFirstKey
    private readonly long _positiveFirstKey;
    private readonly long[] _negative;      // counts by magnitude key, starting at _negativeFirstKey
    private readonly long _negativeFirstKey;

    private HistogramSnapshot(
        int precisionBits, double zeroThreshold, double overflowThreshold,
        long[] positive, long positiveFirstKey, long[] negative, long negativeFirstKey,
        long zeroCount, long overflowCount, long underflowCount, long invalidCount, double sum, double min, double max)
    {
        PrecisionBits = precisionBits;
        ZeroThreshold = zeroThreshold;
        OverflowThreshold = overflowThreshold;
        _positive = positive;
        _positiveFirstKey = positiveFirstKey;
        _negative = negative;
        _negativeFirstKey = negativeFirstKey;
        ZeroCount = zeroCount;
        OverflowCount = overflowCount;
        UnderflowCount = underflowCount;
        InvalidCount = invalidCount;
        long count = SaturatingAdd(SaturatingAdd(zeroCount, overflowCount), underflowCount);
        foreach (long c in positive)
        {
            count = SaturatingAdd(count, c);
        }

        foreach (long c in negative)
        {
            count = SaturatingAdd(count, c);
        }

        // The histogram hands over self-consistent halves, so an empty snapshot has a zero sum already; the sum is kept
        // as given (never silently zeroed), and only the extremes of an empty snapshot, +/-infinity, become NaN.
        Count = count;
        Sum = sum;
        Min = count == 0 ? double.NaN : min;
        Max = count == 0 ? double.NaN : max;
    }

    /// <summary>Mantissa bits per bucket key; only snapshots with equal precision can be merged.</summary>
    public int PrecisionBits { get; }

    /// <summary>The guaranteed relative error of <see cref="GetQuantile"/> for in-range values.</summary>
    public double RelativeAccuracy => LogBucketMapping.GuaranteedRelativeError(PrecisionBits);

    /// <summary>Magnitudes below this were counted in the zero bucket.</summary>
    public double ZeroThreshold { get; }

    /// <summary>Magnitudes above this were counted in the overflow (or underflow, for negatives) bucket.</summary>
    public double OverflowThreshold { get; }

    /// <summary>Number of valid values; always equals the sum of all bucket counts (saturating at <see cref="long.MaxValue"/>).</summary>
    public long Count { get; }

    /// <summary>Sum of the valid values (0 when empty).</summary>
    public double Sum { get; }

    /// <summary>Exact smallest valid value (NaN when empty).</summary>
    public double Min { get; }

    /// <summary>Exact largest valid value (NaN when empty).</summary>
    public double Max { get; }

    /// <summary>Arithmetic mean of the valid values (NaN when empty).</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>Values whose magnitude was below <see cref="ZeroThreshold"/>.</summary>
    public long ZeroCount { get; }

    /// <summary>Values above <see cref="OverflowThreshold"/>.</summary>
    public long OverflowCount { get; }

    /// <summary>Values below minus <see cref="OverflowThreshold"/>.</summary>
    public long UnderflowCount { get; }

    /// <summary>Values dropped as invalid (NaN, infinities, negatives where not allowed).</summary>
    public long InvalidCount { get; }

    /// <summary>An empty snapshot with the default precision (1 % accuracy).</summary>
    public static HistogramSnapshot Empty { get; } = new(
        LogBucketMapping.PrecisionBitsFor(0.01), LogHistogramOptions.Latency.MinValue, LogHistogramOptions.Latency.MaxValue,
        [], 0, [], 0, 0, 0, 0, 0, 0, double.NaN, double.NaN);

    /// <summary>
    /// Estimates the <paramref name="quantile"/> of the recorded values: the nearest-rank quantile, i.e. the value of
    /// 1-based rank ⌈q·n⌉ in sorted order (the first value for q = 0). For in-range values the estimate is within
    /// <see cref="RelativeAccuracy"/> of the exact value; it is always within [<see cref="Min"/>, <see cref="Max"/>].
    /// </summary>
    /// <param name="quantile">The quantile, from 0 to 1.</param>
    /// <returns>The estimate, or NaN for an empty snapshot.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantile"/> is outside [0, 1] or NaN.</exception>
    public double GetQuantile(double quantile)
    {
        Guard.InRange(quantile, 0, 1);
        if (Count == 0)
        {
            return double.NaN;
        }

        long rank = QuantileRank(quantile, Count);
        if (rank == 0)
        {
            return Min; // the smallest value is known exactly
        }

        if (rank == Count - 1)
        {
            return Max; // and so is the largest
        }

        return Math.Clamp(ValueAtRank(rank), Min, Max);
    }

    /// <summary>
    /// Estimates how many values are less than or equal to <paramref name="value"/>. Buckets entirely below count fully;
    /// the bucket holding <paramref name="value"/> counts when its reported value is not above <paramref name="value"/>.
    /// </summary>
    /// <param name="value">The threshold.</param>
    /// <returns>The estimated count.</returns>
    public long CountAtOrBelow(double value)
    {
        if (double.IsNaN(value) || Count == 0)
        {
            return 0;
        }

        long total = 0;
        foreach (var (representative, count) in Walk())
        {
            if (representative > value)
            {
                break;
            }

            total = SaturatingAdd(total, count);
        }

        return total;
    }

    /// <summary>The non-empty buckets in ascending order of value, zero and overflow buckets included.</summary>
    /// <returns>The buckets.</returns>
    public IReadOnlyList<HistogramBucket> GetBuckets()
    {
        var buckets = new List<HistogramBucket>();
        if (UnderflowCount > 0)
        {
            buckets.Add(new HistogramBucket(double.NegativeInfinity, -OverflowThreshold, UnderflowCount));
        }

        for (int i = _negative.Length - 1; i >= 0; i--)
        {
            if (_negative[i] > 0)
            {
                long key = _negativeFirstKey + i;
                buckets.Add(new HistogramBucket(-LogBucketMapping.UpperBound(key, PrecisionBits), -LogBucketMapping.LowerBound(key, PrecisionBits), _negative[i]));
            }
        }

        if (ZeroCount > 0)
        {
            buckets.Add(new HistogramBucket(_negative.Length > 0 || UnderflowCount > 0 ? -ZeroThreshold : 0, ZeroThreshold, ZeroCount));
        }

        for (int i = 0; i < _positive.Length; i++)
        {
            if (_positive[i] > 0)
            {
                long key = _positiveFirstKey + i;
                buckets.Add(new HistogramBucket(LogBucketMapping.LowerBound(key, PrecisionBits), LogBucketMapping.UpperBound(key, PrecisionBits), _positive[i]));
            }
        }

        if (OverflowCount > 0)
        {
            buckets.Add(new HistogramBucket(OverflowThreshold, double.PositiveInfinity, OverflowCount));
        }

        return buckets;
    }

    /// <summary>Merges this snapshot with another of the same precision; neither is changed.</summary>
    /// <param name="other">The other snapshot.</param>
    /// <returns>A snapshot equal to one taken of a histogram fed both inputs.</returns>
    /// <exception cref="ArgumentException">The precisions differ.</exception>
    public HistogramSnapshot Merge(HistogramSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.PrecisionBits != PrecisionBits)
        {
            throw new ArgumentException(
                $"Cannot merge snapshots of different precision ({PrecisionBits} and {other.PrecisionBits} bits); build both histograms with the same RelativeAccuracy.",
                nameof(other));
        }

        if (other.IsBlank)
        {
            return this;
        }

        if (IsBlank)
        {
            return other;
        }

        var (positive, positiveFirst) = MergeCounts(_positive, _positiveFirstKey, other._positive, other._positiveFirstKey);
        var (negative, negativeFirst) = MergeCounts(_negative, _negativeFirstKey, other._negative, other._negativeFirstKey);
        return new HistogramSnapshot(
            PrecisionBits,
            Math.Max(ZeroThreshold, other.ZeroThreshold),
            Math.Min(OverflowThreshold, other.OverflowThreshold),
            positive, positiveFirst, negative, negativeFirst,
            SaturatingAdd(ZeroCount, other.ZeroCount),
            SaturatingAdd(OverflowCount, other.OverflowCount),
            SaturatingAdd(UnderflowCount, other.UnderflowCount),
            SaturatingAdd(InvalidCount, other.InvalidCount),
            Sum + other.Sum,
            MinOf(Min, other.Min),
            MaxOf(Max, other.Max));
    }

    /// <summary>Merges any number of snapshots of the same precision.</summary>
    /// <param name="snapshots">The snapshots; at least one.</param>
    /// <returns>The merged snapshot.</returns>
    public static HistogramSnapshot Merge(IEnumerable<HistogramSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        HistogramSnapshot? result = null;
        foreach (var snapshot in snapshots)
        {
            result = result is null ? snapshot : result.Merge(snapshot);
        }

        return result ?? throw new ArgumentException("At least one snapshot is needed to merge.", nameof(snapshots));
    }

    /// <summary>The 0-based index of the nearest-rank quantile in a sorted sample of <paramref name="count"/> values.</summary>
    internal static long QuantileRank(double quantile, long count)
    {
        // Clamped in double first: near long.MaxValue the product rounds up to 2^63, which no long can hold.
        double rank = Math.Ceiling(quantile * count) - 1;
        return rank <= 0 ? 0 : rank >= count - 1 ? count - 1 : (long)rank;
    }

    internal static HistogramSnapshot FromDense(
        int precisionBits, double zeroThreshold, long firstKey, long[] positive, long[] negative,
        long zero, long overflow, long underflow, long invalid, double sum, double min, double max)
    {
        var (p, pFirst) = Trim(positive, firstKey);
        var (n, nFirst) = Trim(negative, firstKey);
        double overflowThreshold = LogBucketMapping.UpperBound(firstKey + positive.Length - 1, precisionBits);
        return new HistogramSnapshot(precisionBits, zeroThreshold, overflowThreshold, p, pFirst, n, nFirst, zero, overflow, underflow, invalid, sum, min, max);
    }

    private double ValueAtRank(long rank)
    {
        long seen = 0;
        foreach (var (representative, count) in Walk())
        {
            seen = SaturatingAdd(seen, count);
            if (seen > rank)
            {
                return representative;
            }
        }

        return Max;
    }

    /// <summary>Buckets in ascending order as (reported value, count).</summary>
    private IEnumerable<(double Representative, long Count)> Walk()
    {
        if (UnderflowCount > 0)
        {
            yield return (Min, UnderflowCount);
        }

        for (int i = _negative.Length - 1; i >= 0; i--)
        {
            if (_negative[i] > 0)
            {
                yield return (-LogBucketMapping.Representative(_negativeFirstKey + i, PrecisionBits), _negative[i]);
            }
        }

        if (ZeroCount > 0)
        {
            yield return (0, ZeroCount);
        }

        for (int i = 0; i < _positive.Length; i++)
        {
            if (_positive[i] > 0)
            {
                yield return (LogBucketMapping.Representative(_positiveFirstKey + i, PrecisionBits), _positive[i]);
            }
        }

        if (OverflowCount > 0)
        {
            yield return (Max, OverflowCount);
        }
    }

    private static (long[] Counts, long FirstKey) Trim(long[] dense, long firstKey)
    {
        int first = Array.FindIndex(dense, c => c != 0);
        if (first < 0)
        {
            return ([], 0);
        }

        int last = Array.FindLastIndex(dense, c => c != 0);
        return (dense[first..(last + 1)], firstKey + first);
    }

    private static (long[] Counts, long FirstKey) MergeCounts(long[] a, long aFirst, long[] b, long bFirst)
    {
        if (a.Length == 0)
        {
            return (b, bFirst);
        }

        if (b.Length == 0)
        {
            return (a, aFirst);
        }

        long first = Math.Min(aFirst, bFirst);
        long last = Math.Max(aFirst + a.Length, bFirst + b.Length);
        long[] merged = new long[last - first];
        for (int i = 0; i < a.Length; i++)
        {
            merged[aFirst - first + i] = SaturatingAdd(merged[aFirst - first + i], a[i]);
        }

        for (int i = 0; i < b.Length; i++)
        {
            merged[bFirst - first + i] = SaturatingAdd(merged[bFirst - first + i], b[i]);
        }

        return (merged, first);
    }

    /// <summary>Nothing recorded at all: no value, no invalid value, no sum. Merging such a snapshot changes nothing.</summary>
    private bool IsBlank => Count == 0 && InvalidCount == 0 && Sum == 0;

    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static double MinOf(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    private static double MaxOf(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);
}
