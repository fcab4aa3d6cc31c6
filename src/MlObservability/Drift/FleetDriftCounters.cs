using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MlObservability.Concurrency;

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
/// <para>
/// Binning a row (the hot path, FleetDriftCounters.Vector.cs): numeric features are taken sixteen at a time, in four
/// <see cref="Vector256{T}"/> of values (each loaded straight from the row when its four features are adjacent), and compared
/// with every edge of the sixteen features edge by edge, edges stored transposed (edge k of the sixteen side by side,
/// padded with +∞ to the largest edge count); the bin of each lane is the number of edges at or below its value, the
/// same definition as <see cref="FleetBinning.BinOf(ReadOnlySpan{double}, double)"/>, with no branch on the data. A
/// lane with no feature writes into a sink cell nobody reads. Float rows take the same layout with eight float lanes per
/// vector and the edges rounded up to float, which is exact (FleetDriftCounters.Single.cs). Where 512-bit vectors are
/// hardware-accelerated (AVX-512), a block takes two <see cref="Vector512{T}"/> of doubles or one of floats instead
/// (FleetDriftCounters.Wide.cs). Categorical features (and every feature where 256-bit vectors are not
/// hardware-accelerated) take the scalar path.
/// </para>
/// </remarks>
internal sealed partial class FleetDriftCounters
{
    private const int CacheLineLongs = 8;
    private const int OwnerSlot = 0;

    private readonly long[] _cells;
    private readonly int _stripeMask;
    private readonly int _stripeStride;
    private readonly int _sharedStripe;
    private readonly int _profileFeatureCount;

    // Per slot.
    private readonly int[] _cellOffset;
    private readonly int[] _binCount;
    private readonly int[] _edgeOffset;
    private readonly bool[] _categorical;
    private readonly double[] _edges; // numeric edges, or categorical codes, flat

    // Profile features binned one at a time: (profile index, slot) pairs.
    private readonly int[] _scalarFeatures;
    private readonly int[] _scalarSlots;

    private readonly int _scoreSlot;

    public FleetDriftCounters(IReadOnlyList<FleetFeature> slots, int profileFeatureCount, int stripes)
        : this(slots, profileFeatureCount, stripes, Vector512.IsHardwareAccelerated)
    {
    }

    /// <summary>Counters binning in <see cref="Vector512{T}"/> when <paramref name="wide"/> (correct either way; fast only
    /// where 512-bit vectors are hardware-accelerated: tests use it to run both paths on any machine).</summary>
    internal FleetDriftCounters(IReadOnlyList<FleetFeature> slots, int profileFeatureCount, int stripes, bool wide)
    {
        Slots = slots;
        _wide = wide;
        _profileFeatureCount = profileFeatureCount;
        _scoreSlot = -1;
        _cellOffset = new int[slots.Count];
        _binCount = new int[slots.Count];
        _edgeOffset = new int[slots.Count];
        _categorical = new bool[slots.Count];
        var edges = new List<double>();
        var cells = 0;
        var vectorSlots = new List<int>();
        var scalarFeatures = new List<int>();
        var scalarSlots = new List<int>();
        for (var s = 0; s < slots.Count; s++)
        {
            var slot = slots[s];
            if (slot.ProfileIndex < 0)
            {
                _scoreSlot = s;
            }
            else if (!slot.IsCategorical && Vector256.IsHardwareAccelerated)
            {
                vectorSlots.Add(s);
            }
            else
            {
                scalarFeatures.Add(slot.ProfileIndex);
                scalarSlots.Add(s);
            }

            _cellOffset[s] = cells;
            _binCount[s] = slot.BinCount;
            _edgeOffset[s] = edges.Count;
            _categorical[s] = slot.IsCategorical;
            edges.AddRange(slot.Edges);
            cells += slot.BinCount;
        }

        _edges = [.. edges];
        _scalarFeatures = [.. scalarFeatures];
        _scalarSlots = [.. scalarSlots];
        CellCount = cells;

        // The sink: where lanes without a feature count (up to the largest edge count + 1 cells).
        var sinkCells = BuildGroups(slots, vectorSlots, sinkOffset: cells);
        stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(stripes, 1, 64));
        _stripeMask = stripes - 1;
        var stripeCells = cells + sinkCells;
        _stripeStride = CacheLineLongs + ((stripeCells + CacheLineLongs - 1) / CacheLineLongs * CacheLineLongs);
        _sharedStripe = CacheLineLongs + (stripes * _stripeStride);
        _cells = new long[_sharedStripe + _stripeStride + CacheLineLongs];
    }

    /// <summary>The counted features (and the score), in slot order.</summary>
    public IReadOnlyList<FleetFeature> Slots { get; }

    /// <summary>Counter cells per stripe.</summary>
    public int CellCount { get; }

    /// <summary>The counters' memory in bytes.</summary>
    public long MemoryBytes =>
        ((_cells.LongLength + _groupEdges.LongLength + _groupCells.LongLength) * sizeof(long)) + ((_groupEdgesSingle.LongLength + _groupCellsInt.LongLength) * sizeof(float));

    /// <summary>Counts the fleet features of one row (profile order). Non-finite values are skipped (the caller counts
    /// them as invalid).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="row">The row; its length was checked by the caller.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordRow<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (row.Length != _profileFeatureCount)
        {
            return;
        }

        var (baseCell, owned) = Claim();
        ref var stripe = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_cells), baseCell);
        if (_blockCount > 0)
        {
            if (_wide)
            {
                RecordGroupsWide(row, ref stripe, owned);
            }
            else
            {
                RecordGroups(row, ref stripe, owned);
            }
        }

        var features = _scalarFeatures;
        for (var i = 0; i < features.Length; i++)
        {
            var v = double.CreateTruncating(row[features[i]]);
            if (double.IsFinite(v))
            {
                Count(ref stripe, _cellOffset[_scalarSlots[i]] + BinOf(_scalarSlots[i], v), owned);
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
        Count(ref _cells[baseCell], _cellOffset[s] + BinOf(s, score), owned);
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
    private static void Count(ref long stripe, long cell, bool owned)
    {
        ref var c = ref Unsafe.Add(ref stripe, (nint)cell);
        if (owned)
        {
            c++;
        }
        else
        {
            Interlocked.Increment(ref c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (int BaseCell, bool Owned) Claim()
    {
        var thread = CurrentThread.Id;
        var stripe = CacheLineLongs + ((thread & _stripeMask) * _stripeStride);
        ref var owner = ref _cells[stripe + OwnerSlot];
        var current = Volatile.Read(ref owner);
        if (current == thread || (current == 0 && Interlocked.CompareExchange(ref owner, thread, 0) == 0))
        {
            return (stripe + CacheLineLongs, true);
        }

        return (_sharedStripe + CacheLineLongs, false);
    }

    private int BinOf(int slot, double value)
    {
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
