using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlObservability.Drift;

/// <summary>The vectorised binning of numeric features, sixteen at a time in four <see cref="Vector256{T}"/> (see the
/// class remarks).</summary>
internal sealed partial class FleetDriftCounters
{
    private const int Lanes = 4;
    private const int GroupsPerBlock = 4;
    private const int BlockLanes = Lanes * GroupsPerBlock;

    private int _blockCount;
    private int _edgesPerLane;

    // [block][edge][16 lanes]: edge k of the block's sixteen features side by side, +infinity past a feature's own edges.
    private double[] _groupEdges = [];

    // [block][16 lanes]: the first cell of the lane's feature in a stripe (the sink for a lane without a feature).
    private long[] _groupCells = [];

    // [block][16 lanes]: the lane's profile feature index (the block's first feature for a lane without one).
    private int[] _groupFeatures = [];

    // [block][16 lanes]: the lane's slot, -1 for none.
    private int[] _groupSlots = [];

    // [block]: the profile index of the first of the block's sixteen features when they are adjacent in the row, else -1.
    private int[] _blockFirst = [];

    /// <summary>Lays out the numeric slots in blocks of sixteen lanes; returns the sink's cell count.</summary>
    private int BuildGroups(IReadOnlyList<FleetFeature> slots, List<int> vectorSlots, int sinkOffset)
    {
        if (vectorSlots.Count == 0)
        {
            return 0;
        }

        var k = vectorSlots.Max(s => slots[s].Edges.Length);
        var blocks = (vectorSlots.Count + BlockLanes - 1) / BlockLanes;
        _blockCount = blocks;
        _edgesPerLane = k;
        _groupEdges = new double[blocks * k * BlockLanes];
        Array.Fill(_groupEdges, double.PositiveInfinity);
        _groupEdgesSingle = new float[blocks * k * BlockLanes];
        Array.Fill(_groupEdgesSingle, float.PositiveInfinity);
        _groupCellsInt = new int[blocks * BlockLanes];
        _groupCells = new long[blocks * BlockLanes];
        _groupFeatures = new int[blocks * BlockLanes];
        _groupSlots = new int[blocks * BlockLanes];
        _blockFirst = new int[blocks];
        for (var b = 0; b < blocks; b++)
        {
            var blockFirst = slots[vectorSlots[b * BlockLanes]].ProfileIndex;
            var blockAdjacent = true;
            for (var g = 0; g < GroupsPerBlock; g++)
            {
                var groupStart = (b * BlockLanes) + (g * Lanes);
                var firstFeature = groupStart < vectorSlots.Count ? slots[vectorSlots[groupStart]].ProfileIndex : blockFirst;
                var adjacent = true;
                for (var lane = 0; lane < Lanes; lane++)
                {
                    var i = groupStart + lane;
                    if (i >= vectorSlots.Count)
                    {
                        adjacent = false;
                        _groupCells[i] = sinkOffset;
                        _groupCellsInt[i] = sinkOffset;
                        _groupFeatures[i] = blockFirst;
                        _groupSlots[i] = -1;
                        continue;
                    }

                    var s = vectorSlots[i];
                    var slot = slots[s];
                    adjacent &= slot.ProfileIndex == firstFeature + lane;
                    _groupCells[i] = _cellOffset[s];
                    _groupCellsInt[i] = _cellOffset[s];
                    _groupFeatures[i] = slot.ProfileIndex;
                    _groupSlots[i] = s;
                    for (var e = 0; e < slot.Edges.Length; e++)
                    {
                        _groupEdges[(((b * k) + e) * BlockLanes) + (g * Lanes) + lane] = slot.Edges[e];
                        _groupEdgesSingle[(((b * k) + e) * BlockLanes) + (g * Lanes) + lane] = SingleEdge(slot.Edges[e]);
                    }
                }

                blockAdjacent &= adjacent && firstFeature == blockFirst + (g * Lanes);
            }

            _blockFirst[b] = blockAdjacent ? blockFirst : -1;
        }

        return k + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordGroups<T>(ReadOnlySpan<T> row, ref long stripe, bool owned)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            RecordGroupsSingle(MemoryMarshal.Cast<T, float>(row), ref stripe, owned);
            return;
        }

        var blocks = _blockCount;
        for (var b = 0; b < blocks; b++)
        {
            var f0 = _blockFirst[b];
            if (f0 >= 0 && typeof(T) == typeof(double))
            {
                ref var start = ref Unsafe.Add(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(row)), f0);
                RecordBlock(row, b, ref stripe, owned,
                    Vector256.LoadUnsafe(ref start), Vector256.LoadUnsafe(ref start, Lanes),
                    Vector256.LoadUnsafe(ref start, 2 * Lanes), Vector256.LoadUnsafe(ref start, 3 * Lanes));
            }
            else
            {
                RecordScatteredBlock(row, b, ref stripe, owned);
            }
        }
    }

    /// <summary>Bins and counts one block of sixteen values, held in four vectors (the values stay in registers).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordBlock<T>(
        ReadOnlySpan<T> row, int b, ref long stripe, bool owned,
        Vector256<double> v0, Vector256<double> v1, Vector256<double> v2, Vector256<double> v3)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // v - v is 0 for a finite value and NaN for NaN and the infinities; NaN survives the sum.
        if (!Vector256.EqualsAll((v0 - v0) + (v1 - v1) + (v2 - v2) + (v3 - v3), Vector256<double>.Zero))
        {
            RecordNonFinite(row, b, ref stripe, owned);
            return;
        }

        ref var c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupCells), b * BlockLanes);
        var a0 = Vector256.LoadUnsafe(ref c);
        var a1 = Vector256.LoadUnsafe(ref c, Lanes);
        var a2 = Vector256.LoadUnsafe(ref c, 2 * Lanes);
        var a3 = Vector256.LoadUnsafe(ref c, 3 * Lanes);
        var k = _edgesPerLane;
        ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupEdges), b * k * BlockLanes);
        for (var j = 0; j < k; j++)
        {
            // An edge at or below the value moves the lane one bin up (the compare's true is all ones, -1).
            a0 -= Vector256.GreaterThanOrEqual(v0, Vector256.LoadUnsafe(ref e)).AsInt64();
            a1 -= Vector256.GreaterThanOrEqual(v1, Vector256.LoadUnsafe(ref e, Lanes)).AsInt64();
            a2 -= Vector256.GreaterThanOrEqual(v2, Vector256.LoadUnsafe(ref e, 2 * Lanes)).AsInt64();
            a3 -= Vector256.GreaterThanOrEqual(v3, Vector256.LoadUnsafe(ref e, 3 * Lanes)).AsInt64();
            e = ref Unsafe.Add(ref e, BlockLanes);
        }

        if (owned)
        {
            Increment4(ref stripe, a0);
            Increment4(ref stripe, a1);
            Increment4(ref stripe, a2);
            Increment4(ref stripe, a3);
        }
        else
        {
            IncrementShared(ref stripe, a0, a1, a2, a3);
        }
    }

    /// <summary>A block whose sixteen features are not adjacent in the row: its values gathered one by one, as doubles, in
    /// lane order (a lane without a feature repeats the block's first).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordScatteredBlock<T>(ReadOnlySpan<T> row, int b, ref long stripe, bool owned)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var first = b * BlockLanes;
        RecordBlock(row, b, ref stripe, owned,
            GatherDouble(row, first), GatherDouble(row, first + Lanes), GatherDouble(row, first + (2 * Lanes)), GatherDouble(row, first + (3 * Lanes)));
    }

    /// <summary>Four lanes of a block whose features are not adjacent in the row, widened to double (a lane without a
    /// feature repeats the block's first).</summary>
    private Vector256<double> GatherDouble<T>(ReadOnlySpan<T> row, int firstLane)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var f = _groupFeatures.AsSpan(firstLane, Lanes);
        return Vector256.Create(
            double.CreateTruncating(row[f[0]]), double.CreateTruncating(row[f[1]]), double.CreateTruncating(row[f[2]]), double.CreateTruncating(row[f[3]]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Increment4(ref long stripe, Vector256<long> cells)
    {
        Unsafe.Add(ref stripe, (nint)cells.GetElement(0))++;
        Unsafe.Add(ref stripe, (nint)cells.GetElement(1))++;
        Unsafe.Add(ref stripe, (nint)cells.GetElement(2))++;
        Unsafe.Add(ref stripe, (nint)cells.GetElement(3))++;
    }

    /// <summary>The shared stripe (a thread whose own stripe is taken): one atomic increment per lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void IncrementShared(ref long stripe, Vector256<long> a0, Vector256<long> a1, Vector256<long> a2, Vector256<long> a3)
    {
        for (var i = 0; i < Lanes; i++)
        {
            Interlocked.Increment(ref Unsafe.Add(ref stripe, (nint)a0.GetElement(i)));
            Interlocked.Increment(ref Unsafe.Add(ref stripe, (nint)a1.GetElement(i)));
            Interlocked.Increment(ref Unsafe.Add(ref stripe, (nint)a2.GetElement(i)));
            Interlocked.Increment(ref Unsafe.Add(ref stripe, (nint)a3.GetElement(i)));
        }
    }

    /// <summary>A block with a NaN or infinite value: its finite values one at a time.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordNonFinite<T>(ReadOnlySpan<T> row, int block, ref long stripe, bool owned)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (var lane = 0; lane < BlockLanes; lane++)
        {
            var i = (block * BlockLanes) + lane;
            var s = _groupSlots[i];
            var v = double.CreateTruncating(row[_groupFeatures[i]]);
            if (s >= 0 && double.IsFinite(v))
            {
                Count(ref stripe, _cellOffset[s] + BinOf(s, v), owned);
            }
        }
    }
}
