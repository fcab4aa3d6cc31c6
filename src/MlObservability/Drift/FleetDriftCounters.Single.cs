using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlObservability.Drift;

/// <summary>
/// The binning of <see langword="float"/> rows (what ONNX Runtime and most models take): sixteen features in two
/// <see cref="Vector256{T}"/> of <see langword="float"/>, half the compares of the <see langword="double"/> path, and
/// exact without any fix-up.
/// </summary>
/// <remarks>
/// Each edge <c>e</c> is stored as the smallest <see langword="float"/> at or above it, <c>E = ceil₃₂(e)</c>. For a value
/// <c>v</c> that is itself a <see langword="float"/>, <c>v ≥ e ⇔ v ≥ E</c>: if <c>v ≥ e</c>, <c>v</c> is a float at or
/// above <c>e</c>, so at or above the smallest one, <c>E</c>; if <c>v ≥ E</c>, then <c>v ≥ E ≥ e</c>. So the float compare
/// counts the same edges as the double compare of the widened value, and the bins (and counts) are identical to those
/// of <see cref="FleetBinning.BinOf(ReadOnlySpan{double}, double)"/>.
/// </remarks>
internal sealed partial class FleetDriftCounters
{
    private const int SingleLanes = 8;

    // [block][edge][16 lanes]: ceil32 of the double edges (+infinity past a feature's own edges).
    private float[] _groupEdgesSingle = [];

    // [block][16 lanes]: _groupCells as 32-bit offsets.
    private int[] _groupCellsInt = [];

    /// <summary>The smallest <see langword="float"/> at or above <paramref name="edge"/>.</summary>
    /// <param name="edge">A finite edge.</param>
    /// <returns>Its float ceiling (<c>+∞</c> above <see cref="float.MaxValue"/>).</returns>
    internal static float SingleEdge(double edge)
    {
        var rounded = (float)edge;
        return rounded < edge ? MathF.BitIncrement(rounded) : rounded;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordGroupsSingle(ReadOnlySpan<float> row, ref long stripe, bool owned)
    {
        var blocks = _blockCount;
        for (var b = 0; b < blocks; b++)
        {
            var f0 = _blockFirst[b];
            if (f0 >= 0)
            {
                ref var start = ref Unsafe.Add(ref MemoryMarshal.GetReference(row), f0);
                RecordBlockSingle(row, b, ref stripe, owned, Vector256.LoadUnsafe(ref start), Vector256.LoadUnsafe(ref start, SingleLanes));
            }
            else
            {
                RecordScatteredBlockSingle(row, b, ref stripe, owned);
            }
        }
    }

    /// <summary>Bins and counts one block of sixteen float values, held in two vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void RecordBlockSingle(ReadOnlySpan<float> row, int b, ref long stripe, bool owned, Vector256<float> v0, Vector256<float> v1)
    {
        // v - v is 0 for a finite value and NaN for NaN and the infinities; NaN survives the sum.
        if (!Vector256.EqualsAll((v0 - v0) + (v1 - v1), Vector256<float>.Zero))
        {
            RecordNonFinite(row, b, ref stripe, owned);
            return;
        }

        ref var c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupCellsInt), b * BlockLanes);
        var a0 = Vector256.LoadUnsafe(ref c);
        var a1 = Vector256.LoadUnsafe(ref c, SingleLanes);
        var k = _edgesPerLane;
        ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_groupEdgesSingle), b * k * BlockLanes);
        for (var j = 0; j < k; j++)
        {
            // An edge at or below the value moves the lane one bin up (the compare's true is all ones, -1).
            a0 -= Vector256.GreaterThanOrEqual(v0, Vector256.LoadUnsafe(ref e)).AsInt32();
            a1 -= Vector256.GreaterThanOrEqual(v1, Vector256.LoadUnsafe(ref e, SingleLanes)).AsInt32();
            e = ref Unsafe.Add(ref e, BlockLanes);
        }

        if (owned)
        {
            Increment8(ref stripe, a0.GetLower());
            Increment8(ref stripe, a0.GetUpper());
            Increment8(ref stripe, a1.GetLower());
            Increment8(ref stripe, a1.GetUpper());
        }
        else
        {
            IncrementSharedSingle(ref stripe, a0, a1);
        }
    }

    /// <summary>A block whose sixteen features are not adjacent in the row.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RecordScatteredBlockSingle(ReadOnlySpan<float> row, int b, ref long stripe, bool owned) =>
        RecordBlockSingle(row, b, ref stripe, owned, GatherSingle(row, b * BlockLanes), GatherSingle(row, (b * BlockLanes) + SingleLanes));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Increment8(ref long stripe, Vector128<int> cells)
    {
        Unsafe.Add(ref stripe, (nint)cells.GetElement(0))++;
        Unsafe.Add(ref stripe, (nint)cells.GetElement(1))++;
        Unsafe.Add(ref stripe, (nint)cells.GetElement(2))++;
        Unsafe.Add(ref stripe, (nint)cells.GetElement(3))++;
    }

    /// <summary>The shared stripe (a thread whose own stripe is taken): one atomic increment per lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void IncrementSharedSingle(ref long stripe, Vector256<int> a0, Vector256<int> a1)
    {
        for (var i = 0; i < SingleLanes; i++)
        {
            Interlocked.Increment(ref Unsafe.Add(ref stripe, (nint)a0.GetElement(i)));
            Interlocked.Increment(ref Unsafe.Add(ref stripe, (nint)a1.GetElement(i)));
        }
    }

    /// <summary>Eight lanes of a block whose features are not adjacent in the row (a lane without a feature repeats the
    /// block's first).</summary>
    private Vector256<float> GatherSingle(ReadOnlySpan<float> row, int firstLane)
    {
        var f = _groupFeatures.AsSpan(firstLane, SingleLanes);
        return Vector256.Create(row[f[0]], row[f[1]], row[f[2]], row[f[3]], row[f[4]], row[f[5]], row[f[6]], row[f[7]]);
    }
}
