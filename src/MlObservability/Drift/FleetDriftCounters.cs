using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlObservability.Drift;

/// <summary>
/// The mergeable (fleet) form of drift: every recorded value of a chosen feature counted into its bin, for ever, so a
/// time-series database can sum the counters of any number of replicas over any window. Numeric features use the
/// <see cref="FleetBinning"/> edges; categorical ones count per reference category plus one bin for anything else.
/// </summary>
/// <remarks>
/// Recording: the thread claims a stripe once (<c>ManagedThreadId mod stripes</c>, compare-and-swap on the stripe's owner
/// cell); its owner then writes with plain increments, one per feature, no atomics. A thread that finds its stripe owned
/// by another falls back to one shared stripe with <see cref="Interlocked.Increment(ref long)"/>. Every cell has one
/// writer or only atomic writers, so counts are exact, and each cell only grows, so the sums read by the exporter are
/// monotonic. Memory is fixed at construction: (stripes + 1) × (8 + cells rounded up to a cache line) longs.
/// </remarks>
internal sealed class FleetDriftCounters
{
    private const int CacheLineLongs = 8;
    private const int OwnerSlot = 0;

    /// <summary>Up to this many edges (17 bins) a slot counts the edges at or below a value four at a time with SIMD
    /// compares (no branch on the data); more edges use the branch-free binary search.</summary>
    private const int SimdMaxEdges = 16;

    private readonly long[] _cells;
    private readonly int _stripeMask;
    private readonly int _stripeStride;
    private readonly int _sharedStripe;

    // Per profile feature index: the slot (-1 when the feature has no fleet counters).
    private readonly int[] _slotOfFeature;

    // Per slot.
    private readonly int[] _cellOffset;
    private readonly int[] _binCount;
    private readonly int[] _edgeOffset;
    private readonly bool[] _categorical;
    private readonly double[] _edges; // numeric edges, or categorical codes, flat
    private readonly double[] _paddedEdges; // numeric edges per slot padded with +infinity to a multiple of 4, for SIMD
    private readonly int[] _paddedOffset;
    private readonly int[] _paddedLength; // 0 when the slot uses the branch-free binary search instead

    private readonly int _scoreSlot;

    public FleetDriftCounters(IReadOnlyList<FleetFeature> slots, int profileFeatureCount, int stripes)
    {
        Slots = slots;
        _slotOfFeature = new int[profileFeatureCount];
        Array.Fill(_slotOfFeature, -1);
        _scoreSlot = -1;
        _cellOffset = new int[slots.Count];
        _binCount = new int[slots.Count];
        _edgeOffset = new int[slots.Count];
        _categorical = new bool[slots.Count];
        _paddedOffset = new int[slots.Count];
        _paddedLength = new int[slots.Count];
        var edges = new List<double>();
        var padded = new List<double>();
        var cells = 0;
        for (var s = 0; s < slots.Count; s++)
        {
            var slot = slots[s];
            if (slot.ProfileIndex >= 0)
            {
                _slotOfFeature[slot.ProfileIndex] = s;
            }
            else
            {
                _scoreSlot = s;
            }

            _cellOffset[s] = cells;
            _binCount[s] = slot.BinCount;
            _edgeOffset[s] = edges.Count;
            _categorical[s] = slot.IsCategorical;
            edges.AddRange(slot.Edges);
            cells += slot.BinCount;
            if (!slot.IsCategorical && slot.Edges.Length <= SimdMaxEdges && Vector256.IsHardwareAccelerated)
            {
                _paddedOffset[s] = padded.Count;
                _paddedLength[s] = (slot.Edges.Length + 3) / 4 * 4;
                padded.AddRange(slot.Edges);
                padded.AddRange(Enumerable.Repeat(double.PositiveInfinity, _paddedLength[s] - slot.Edges.Length));
            }
        }

        _edges = [.. edges];
        _paddedEdges = [.. padded, 0, 0, 0, 0];
        CellCount = cells;
        stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(stripes, 1, 64));
        _stripeMask = stripes - 1;
        _stripeStride = CacheLineLongs + ((cells + CacheLineLongs - 1) / CacheLineLongs * CacheLineLongs);
        _sharedStripe = CacheLineLongs + (stripes * _stripeStride);
        _cells = new long[_sharedStripe + _stripeStride + CacheLineLongs];
    }

    /// <summary>The counted features (and the score), in slot order.</summary>
    public IReadOnlyList<FleetFeature> Slots { get; }

    /// <summary>Counter cells per stripe.</summary>
    public int CellCount { get; }

    /// <summary>The counters' memory in bytes.</summary>
    public long MemoryBytes => _cells.LongLength * sizeof(long);

    /// <summary>Counts the fleet features of one row (profile order). Non-finite values are skipped (the caller counts
    /// them as invalid).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="row">The row; its length was checked by the caller.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordRow<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var (baseCell, owned) = Claim();
        ref var cells = ref MemoryMarshal.GetArrayDataReference(_cells);
        var slotOf = _slotOfFeature;
        for (var f = 0; f < row.Length && f < slotOf.Length; f++)
        {
            var s = slotOf[f];
            if (s < 0)
            {
                continue;
            }

            var v = double.CreateTruncating(row[f]);
            if (!double.IsFinite(v))
            {
                continue;
            }

            ref var cell = ref Unsafe.Add(ref cells, baseCell + _cellOffset[s] + BinOf(s, v));
            if (owned)
            {
                cell++;
            }
            else
            {
                Interlocked.Increment(ref cell);
            }
        }
    }

    /// <summary>Counts one model score (when the score has fleet counters).</summary>
    /// <param name="score">A finite score.</param>
    public void RecordScore(double score)
    {
        var s = _scoreSlot;
        if (s < 0)
        {
            return;
        }

        var (baseCell, owned) = Claim();
        ref var cell = ref _cells[baseCell + _cellOffset[s] + BinOf(s, score)];
        if (owned)
        {
            cell++;
        }
        else
        {
            Interlocked.Increment(ref cell);
        }
    }

    /// <summary>Adds up one slot's counts over every stripe (per bin, not cumulative).</summary>
    /// <param name="slot">The slot.</param>
    /// <param name="counts">Receives the counts; length at least the slot's bin count.</param>
    public void ReadCounts(int slot, Span<long> counts)
    {
        var bins = _binCount[slot];
        counts[..bins].Clear();
        for (var stripe = 0; stripe <= _stripeMask + 1; stripe++)
        {
            var start = CacheLineLongs + (stripe * _stripeStride) + CacheLineLongs + _cellOffset[slot];
            for (var b = 0; b < bins; b++)
            {
                counts[b] += Volatile.Read(ref _cells[start + b]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int BaseCell, bool Owned) Claim()
    {
        var thread = Environment.CurrentManagedThreadId;
        var stripe = CacheLineLongs + ((thread & _stripeMask) * _stripeStride);
        ref var owner = ref _cells[stripe + OwnerSlot];
        var current = Volatile.Read(ref owner);
        if (current == thread || (current == 0 && Interlocked.CompareExchange(ref owner, thread, 0) == 0))
        {
            return (stripe + CacheLineLongs, true);
        }

        return (_sharedStripe + CacheLineLongs, false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BinOf(int slot, double value)
    {
        var simd = _paddedLength[slot];
        if (simd > 0)
        {
            ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_paddedEdges), _paddedOffset[slot]);
            var v = Vector256.Create(value);
            var count = 0;
            for (var j = 0; j < simd; j += 4)
            {
                var mask = Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref e, (nuint)j), v).ExtractMostSignificantBits();
                count += BitOperations.PopCount(mask);
            }

            return count;
        }

        var edges = MemoryMarshal.CreateReadOnlySpan(
            ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_edges), _edgeOffset[slot]), _binCount[slot] - 1);

        if (!_categorical[slot])
        {
            return FleetBinning.BinOf(edges, value);
        }

        var i = edges.BinarySearch(value);
        return i >= 0 ? i : edges.Length;
    }
}
