using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlObservability.Drift;

/// <summary>
/// The binning of numeric features where 512-bit vectors are hardware-accelerated (AVX-512): a block of sixteen
/// features in two <see cref="Vector512{T}"/> of <see langword="double"/> or one of <see langword="float"/>, half the
/// compares of the 256-bit path, over the same transposed edges and cell offsets and with the same definition of a bin.
/// </summary>
internal sealed partial class FleetDriftCounters
{
    private const int WideLanes = 8;

    // Whether blocks are binned in Vector512 rather than Vector256.
    private readonly bool _wide;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordGroupsWide<T>(ReadOnlySpan<T> row, ref long stripe, bool owned)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var blocks = _blockCount;
        for (var b = 0; b < blocks; b++)
        {
            var f0 = _blockFirst[b];
            if (f0 < 0)
            {
                RecordScatteredBlockWide(row, b, ref stripe, owned);
            }
            else if (typeof(T) == typeof(float))
            {
                ref var start = ref Unsafe.Add(ref Unsafe.As<T, float>(ref MemoryMarshal.GetReference(row)), f0);
                RecordBlockWideSingle(row, b, ref stripe, owned, Vector512.LoadUnsafe(ref start));
            }
            else
            {
                ref var start = ref Unsafe.Add(ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(row)), f0);
                RecordBlockWide(row, b, ref stripe, owned, Vector512.LoadUnsafe(ref start), Vector512.LoadUnsafe(ref start, WideLanes));
            }
        }
    }

    /// <summary>Bins and counts one block of sixteen double values, held in two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordBlockWide<T>(ReadOnlySpan<T> row, int b, ref long stripe, bool owned, Vector512<double> v0, Vector512<double> v1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // v - v is 0 for a finite value and NaN for NaN and the infinities; NaN survives the sum.
        if (!Vector512.EqualsAll((v0 - v0) + (v1 - v1), Vector512<double>.Zero))
        {
            RecordNonFinite(row, b, ref stripe, owned);
            return;
        }

        ref var c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupCells), b * BlockLanes);
        var a0 = Vector512.LoadUnsafe(ref c);
        var a1 = Vector512.LoadUnsafe(ref c, WideLanes);
        var k = _edgesPerLane;
        ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupEdges), b * k * BlockLanes);
        for (var j = 0; j < k; j++)
        {
            // An edge at or below the value moves the lane one bin up (the compare's true is all ones, -1).
            a0 -= Vector512.GreaterThanOrEqual(v0, Vector512.LoadUnsafe(ref e)).AsInt64();
            a1 -= Vector512.GreaterThanOrEqual(v1, Vector512.LoadUnsafe(ref e, WideLanes)).AsInt64();
            e = ref Unsafe.Add(ref e, BlockLanes);
        }

        if (owned)
        {
            Increment4(ref stripe, a0.GetLower());
            Increment4(ref stripe, a0.GetUpper());
            Increment4(ref stripe, a1.GetLower());
            Increment4(ref stripe, a1.GetUpper());
        }
        else
        {
            IncrementShared(ref stripe, a0.GetLower(), a0.GetUpper(), a1.GetLower(), a1.GetUpper());
        }
    }

    /// <summary>Bins and counts one block of sixteen float values, held in one vector (edges rounded up to float, exact as
    /// explained in FleetDriftCounters.Single.cs).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordBlockWideSingle<T>(ReadOnlySpan<T> row, int b, ref long stripe, bool owned, Vector512<float> v)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!Vector512.EqualsAll(v - v, Vector512<float>.Zero))
        {
            RecordNonFinite(row, b, ref stripe, owned);
            return;
        }

        var a = Vector512.LoadUnsafe(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupCellsInt), b * BlockLanes));
        var k = _edgesPerLane;
        ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupEdgesSingle), b * k * BlockLanes);
        for (var j = 0; j < k; j++)
        {
            a -= Vector512.GreaterThanOrEqual(v, Vector512.LoadUnsafe(ref e)).AsInt32();
            e = ref Unsafe.Add(ref e, BlockLanes);
        }

        var low = a.GetLower();
        var high = a.GetUpper();
        if (owned)
        {
            Increment8(ref stripe, low.GetLower());
            Increment8(ref stripe, low.GetUpper());
            Increment8(ref stripe, high.GetLower());
            Increment8(ref stripe, high.GetUpper());
        }
        else
        {
            IncrementSharedSingle(ref stripe, low, high);
        }
    }

    /// <summary>A block whose sixteen features are not adjacent in the row: its values gathered one by one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordScatteredBlockWide<T>(ReadOnlySpan<T> row, int b, ref long stripe, bool owned)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            var floats = MemoryMarshal.Cast<T, float>(row);
            RecordBlockWideSingle(row, b, ref stripe, owned,
                Vector512.Create(GatherSingle(floats, b * BlockLanes), GatherSingle(floats, (b * BlockLanes) + SingleLanes)));
            return;
        }

        var first = b * BlockLanes;
        RecordBlockWide(row, b, ref stripe, owned,
            Vector512.Create(GatherDouble(row, first), GatherDouble(row, first + Lanes)),
            Vector512.Create(GatherDouble(row, first + (2 * Lanes)), GatherDouble(row, first + (3 * Lanes))));
    }
}
