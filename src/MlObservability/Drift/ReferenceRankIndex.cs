using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlObservability.Drift;

/// <summary>
/// A sorted reference sample with a guide table, for the two-sample Kolmogorov-Smirnov statistic of a window that is not
/// sorted: each window value is placed by its rank in the reference (how many reference values are below it), and the
/// extremes of F_reference - F_window are read off the ranks in order. O(n) per window of n values plus O(m / 64) for a
/// reference of m, against O(n log n) to sort the window and O(n + m) to walk both. The statistic is the one
/// <see cref="KolmogorovSmirnovTest.MaxGaps"/> gives, to the last bit (same points, same arithmetic).
/// </summary>
/// <remarks>
/// <para>The guide: the reference range is cut into <c>B</c> equal buckets (a power of two near m) and the table holds,
/// per bucket, the first reference index in it or after it. A value's bucket comes from one subtraction and one
/// multiplication, which are monotone in floating point, so the value's rank lies between the first indices of its
/// bucket and of the next one: a search over about m / B values (a binary search past 8). The table is built with the
/// same bucket function, so no rounding can put a value outside its range.</para>
/// <para>Why the ranks give D exactly. Let R(x) and W(x) count the reference and window values at or below x, and
/// g(x) = R(x)/m - W(x)/n, evaluated (as scipy does) at every value of either sample. g rises only at reference values
/// and falls only at window values, so its maximum is at the last reference value before a window value, and its minimum
/// at the last window value before a reference value (or at a value both samples hold). For the window values of rank i
/// (between reference values i - 1 and i, or equal to value i) those are three points whose R and W are known from the
/// counts alone: reference value i - 1, the largest window value below reference value i, and reference value i. Each
/// candidate is computed as <c>R / m - W / n</c>, and the two divisions and the subtraction are monotone, so the
/// floating-point extremes over the candidates are the extremes over every point.</para>
/// <para>Not thread-safe: the counting scratch is the caller's (one evaluation thread per drift monitor).</para>
/// </remarks>
internal sealed class ReferenceRankIndex
{
    /// <summary>Largest guide: 65,536 buckets (256 KiB of table).</summary>
    private const int MaxBuckets = 1 << 16;

    /// <summary>Values compared at once at the end of a rank search (two vectors of four doubles).</summary>
    private const int Lanes = 8;

    private readonly double[] _sorted;
    private readonly int[] _first;
    private readonly double _min;
    private readonly double _scale;
    private readonly int _lastBucket;
    private double _warmUpSink;

    /// <summary>Builds the index over a reference sample.</summary>
    /// <param name="sorted">The reference, sorted ascending, non-empty, without NaN; held, not copied.</param>
    public ReferenceRankIndex(double[] sorted)
    {
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The reference sample is empty.", nameof(sorted));
        }

        _sorted = sorted;
        _min = sorted[0];
        var range = sorted[^1] - _min;
        var buckets = (int)Math.Min(MaxBuckets, BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, sorted.Length / 2)));
        _scale = range > 0 && double.IsFinite(range) && double.IsFinite(buckets / range) ? buckets / range : 0;
        if (_scale == 0)
        {
            buckets = 1; // one value, or an infinite range: one bucket, a binary search over the whole sample
        }

        _lastBucket = buckets - 1;
        _first = new int[buckets + 1];
        var index = 0;
        for (var k = 0; k <= buckets; k++)
        {
            while (index < sorted.Length && BucketOf(sorted[index]) < k)
            {
                index++;
            }

            _first[k] = index;
        }
    }

    /// <summary>The reference sample size m.</summary>
    public int Count => _sorted.Length;

    /// <summary>The counting scratch one index needs (<see cref="MaxGaps"/>); share one across indexes of the same
    /// evaluation thread by taking the largest.</summary>
    public int ScratchLength => 2 * ((_sorted.Length + 1) + WordsFor(_sorted.Length + 1));

    /// <summary>
    /// The largest values of F_reference - F_window and F_window - F_reference (the latter clipped at 0), as
    /// <see cref="KolmogorovSmirnovTest.MaxGaps"/> gives them for the sorted reference and the sorted window.
    /// </summary>
    /// <param name="window">The window, in any order, non-empty, without NaN.</param>
    /// <param name="scratch">At least <see cref="ScratchLength"/> integers, all zero; left all zero.</param>
    /// <returns>The two one-sided extremes.</returns>
    public (double MaxS, double MinS) MaxGaps(ReadOnlySpan<double> window, Span<int> scratch)
    {
        int m = _sorted.Length, n = window.Length;
        var below = scratch[..(m + 1)];                 // window values of rank i strictly below reference value i
        var equal = scratch.Slice(m + 1, m + 1);         // window values equal to reference value i (i: first of its run)
        var touched = MemoryMarshal.Cast<int, ulong>(scratch.Slice(2 * (m + 1), 2 * WordsFor(m + 1)));
        ref var sorted = ref MemoryMarshal.GetArrayDataReference(_sorted);
        WarmUp();
        foreach (var v in window)
        {
            var rank = RankOf(v);
            if (rank < m && Unsafe.Add(ref sorted, rank) == v)
            {
                equal[rank]++;
            }
            else
            {
                below[rank]++;
            }

            touched[rank >> 6] |= 1UL << rank;
        }

        double dm = m, dn = n;
        double max = 0, min = 0;
        var cumulative = 0;  // window values at or below the point reached
        var windowCdf = 0.0; // cumulative / n
        for (var w = 0; w < touched.Length; w++)
        {
            var bits = touched[w];
            touched[w] = 0;
            while (bits != 0)
            {
                var rank = (w << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var referenceCdf = rank / dm;
                if (rank > 0)
                {
                    Track(referenceCdf - windowCdf, ref max, ref min); // reference value rank - 1
                }

                var strictlyBelow = below[rank];
                if (strictlyBelow > 0)
                {
                    below[rank] = 0;
                    cumulative += strictlyBelow;
                    windowCdf = cumulative / dn;
                    Track(referenceCdf - windowCdf, ref max, ref min); // the largest window value below reference value rank
                }

                var same = equal[rank];
                if (same > 0)
                {
                    equal[rank] = 0;
                    cumulative += same;
                    windowCdf = cumulative / dn;
                    Track((RunEnd(rank) / dm) - windowCdf, ref max, ref min); // reference value rank, with its ties
                }
            }
        }

        return (max, Math.Clamp(-min, 0, 1));
    }

    /// <summary>The number of reference values below <paramref name="value"/> (the first index holding a value at or
    /// above it).</summary>
    /// <remarks>Every reference value from the next bucket's first index on is above the value (the bucket function is
    /// monotone), so counting, over any eight consecutive values from a lower bound of the rank, those below the value
    /// gives the rank exactly once the range left is at most eight: one vector compare instead of a branch per value.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int RankOf(double value)
    {
        var bucket = BucketOf(value);
        ref var first = ref MemoryMarshal.GetArrayDataReference(_first);
        int lo = Unsafe.Add(ref first, bucket), length = Unsafe.Add(ref first, bucket + 1) - lo;
        ref var sorted = ref MemoryMarshal.GetArrayDataReference(_sorted);
        while (length > Lanes)
        {
            var half = length >>> 1;
            lo = Unsafe.Add(ref sorted, lo + half) < value ? lo + half : lo;
            length -= half;
        }

        if (Vector256.IsHardwareAccelerated && lo <= _sorted.Length - Lanes)
        {
            var v = Vector256.Create(value);
            var below = Vector256.LessThan(Vector256.LoadUnsafe(ref Unsafe.Add(ref sorted, lo)), v).ExtractMostSignificantBits()
                | (Vector256.LessThan(Vector256.LoadUnsafe(ref Unsafe.Add(ref sorted, lo + 4)), v).ExtractMostSignificantBits() << 4);
            return lo + BitOperations.PopCount(below);
        }

        var end = lo + length;
        while (lo < end && Unsafe.Add(ref sorted, lo) < value)
        {
            lo++;
        }

        return lo;
    }

    /// <summary>Reads the guide and the reference one cache line at a time, in order, before the ranks look them up in
    /// no order. The 32 references of a typical model (about 56 KiB each at m = 5,000) do not fit in the core's caches
    /// together, and the evaluator runs once per window after they have left, so every feature starts cold: a sequential
    /// read is prefetched, where scattered reads each wait for memory (an evaluation at 10,000 rows/s took 2.9 ms a
    /// window without this and 1.8 ms with it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WarmUp()
    {
        var guide = 0L;
        for (var i = 0; i < _first.Length; i += 16)
        {
            guide += _first[i];
        }

        var reference = 0.0;
        for (var i = 0; i < _sorted.Length; i += 8)
        {
            reference += _sorted[i];
        }

        _warmUpSink = guide + reference; // kept, so that the reads are not optimised away
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Track(double gap, ref double max, ref double min)
    {
        max = gap > max ? gap : max;
        min = gap < min ? gap : min;
    }

    private static int WordsFor(int bits) => (bits + 63) >> 6;

    /// <summary>The bucket of a value: monotone in the value (a subtraction and a multiplication by a positive constant,
    /// then a clamp), which is all the guide's correctness needs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(double value)
    {
        var t = (value - _min) * _scale;
        return t >= 1 ? (t < _lastBucket ? (int)t : _lastBucket) : 0; // NaN-free input; -inf and values below min: 0
    }

    /// <summary>One past the last index of the run of reference values equal to the value at <paramref name="first"/>:
    /// the values after it that are at or below it, counted as <see cref="FleetBinning.BinOf(ReadOnlySpan{double}, double)"/> counts edges.</summary>
    private int RunEnd(int first) => first + 1 + FleetBinning.BinOf(_sorted.AsSpan(first + 1), _sorted[first]);
}
