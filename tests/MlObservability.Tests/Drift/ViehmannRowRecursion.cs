namespace MlObservability.Tests.Drift;

/// <summary>The oracle for <see cref="KolmogorovSmirnovDiagonalTests"/>: Viehmann's recursion row by row, as scipy's
/// <c>_compute_outer_prob_inside_method</c> computes it (the library's former implementation,
/// kept here verbatim so that the vectorised anti-diagonal order is checked against it bit for bit).</summary>
internal static class ViehmannRowRecursion
{
    /// <summary>The proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| &lt; h/lcm, computed
    /// directly as 1 - p with a column of scaled values (Viehmann's recursion).</summary>
    public static double ProbabilityOutside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g, ng = n / g;
        long minj = 0;
        var maxj = Math.Min(CeilDiv(h, mg), n + 1);
        var curlen = maxj - minj;
        var lenA = Math.Min((2 * maxj) + 2, n + 1);
        var a = new double[lenA];
        Array.Fill(a, 1.0);
        Array.Clear(a, (int)minj, (int)(maxj - minj));
        for (long i = 1; i <= m; i++)
        {
            long lastminj = minj, lastlen = curlen;
            minj = Math.Max(FloorDiv((ng * i) - h, mg) + 1, 0);
            minj = Math.Min(minj, n);
            maxj = Math.Min(CeilDiv((ng * i) + h, mg), n + 1);
            if (maxj <= minj)
            {
                return 1.0;
            }

            var val = minj == 0 ? 0.0 : 1.0;
            for (long jj = 0; jj < maxj - minj; jj++)
            {
                var j = jj + minj;
                val = ((a[jj + minj - lastminj] * i) + (val * j)) / (i + j);
                a[jj] = val;
            }

            curlen = maxj - minj;
            if (lastlen > curlen)
            {
                Array.Fill(a, 1.0, (int)(maxj - minj), (int)(lastlen - curlen));
            }
        }

        return a[maxj - minj - 1];
    }


    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && ((a < 0) ^ (b < 0))) ? 1 : 0);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
