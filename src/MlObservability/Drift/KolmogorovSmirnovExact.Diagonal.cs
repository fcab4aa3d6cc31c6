using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MlObservability.Drift;

/// <summary>Viehmann's recursion for the two-sided exact p-value, evaluated by anti-diagonals so that it vectorises.</summary>
internal static partial class KolmogorovSmirnovExact
{
    /// <summary>
    /// The proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| &lt; h/lcm: Viehmann's
    /// recursion a(i,j) = (i a(i-1,j) + j a(i,j-1)) / (i+j), with a = 1 outside the band and a(0,0) = 0, as scipy's
    /// <c>_compute_outer_prob_inside_method</c> computes it row by row. Row by row every cell waits for its left neighbour (a chain of a multiply, an add and a division per
    /// cell); all cells of an anti-diagonal i + j = s depend only on the previous anti-diagonal, so they are computed
    /// here four at a time with the same operations in the same order (two products, their sum, one division by s):
    /// the result is bit-identical to the row order.
    /// </summary>
    internal static double ProbabilityOutsideInsideMethod(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g, ng = n / g;
        if (2 * h <= mg && HasEmptyRow(m, n, mg, ng, h))
        {
            return 1.0; // every path leaves the band, as the row recursion returns
        }

        // Cell (i, j) of anti-diagonal s is stored at index j + 1 of that diagonal's buffer; index 0 (j = -1) and every
        // cell outside the band hold 1.
        var length = (int)n + 2;
        var bufferA = ArrayPool<double>.Shared.Rent(length);
        var bufferB = ArrayPool<double>.Shared.Rent(length);
        try
        {
            var previous = bufferA;
            var current = bufferB;
            previous.AsSpan(0, length).Fill(1.0);
            current.AsSpan(0, length).Fill(1.0);
            current[1] = 0.0; // a(0, 0), diagonal 0
            long lo = 0, hi = 0, currentLo = 0, previousLo = 0;
            long width = ng + mg;
            for (long s = 1; s <= m + n; s++)
            {
                (previous, current) = (current, previous);
                (previousLo, currentLo) = (lo, previousLo); // currentLo: where the buffer's old diagonal (s - 2) began
                lo = Math.Max(lo, s - m);
                while (width * lo <= (ng * s) - h)
                {
                    lo++;
                }

                var top = Math.Min(n, s);
                while (hi < top && width * (hi + 1) < (ng * s) + h)
                {
                    hi++;
                }

                Diagonal(previous, current, s, lo, hi);

                // Cells of diagonal s - 2 left behind below this diagonal's band are outside the band from now on.
                if (currentLo < lo)
                {
                    current.AsSpan((int)currentLo + 1, (int)(lo - currentLo)).Fill(1.0);
                }
            }

            return current[(int)n + 1];
        }
        finally
        {
            ArrayPool<double>.Shared.Return(bufferA);
            ArrayPool<double>.Shared.Return(bufferB);
        }
    }

    /// <summary>Cells lo..hi of anti-diagonal s from diagonal s - 1: a(s-j, j) = (a(s-j-1, j) (s-j) + a(s-j, j-1) j) / s.</summary>
    private static void Diagonal(double[] previous, double[] current, long s, long lo, long hi)
    {
        double sum = s;
        var j = (int)lo;
        var last = (int)hi;
        ref var up = ref MemoryMarshal.GetArrayDataReference(previous); // up of cell j at j + 1, left at j
        ref var output = ref MemoryMarshal.GetArrayDataReference(current);
        if (Vector256.IsHardwareAccelerated)
        {
            var sums = Vector256.Create(sum);
            var step = Vector256.Create(4.0);
            var js = Vector256.Create(j, j + 1.0, j + 2.0, j + 3.0);
            for (; j + 3 <= last; j += 4)
            {
                var above = Vector256.LoadUnsafe(ref up, (nuint)(j + 1));
                var left = Vector256.LoadUnsafe(ref up, (nuint)j);
                var value = ((above * (sums - js)) + (left * js)) / sums;
                value.StoreUnsafe(ref output, (nuint)(j + 1));
                js += step;
            }
        }

        for (; j <= last; j++)
        {
            Unsafe.Add(ref output, j + 1) = ((Unsafe.Add(ref up, j + 1) * (sum - j)) + (Unsafe.Add(ref up, j) * j)) / sum;
        }
    }

    /// <summary>Whether some row i of the band holds no cell (possible only when 2h &lt;= m/g).</summary>
    private static bool HasEmptyRow(long m, long n, long mg, long ng, long h)
    {
        for (long i = 1; i <= m; i++)
        {
            var minj = Math.Min(Math.Max(FloorDiv((ng * i) - h, mg) + 1, 0), n);
            var maxj = Math.Min(CeilDiv((ng * i) + h, mg), n + 1);
            if (maxj <= minj)
            {
                return true;
            }
        }

        return false;
    }
}
