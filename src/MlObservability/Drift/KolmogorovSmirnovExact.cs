namespace MlObservability.Drift;

/// <summary>
/// The exact null distribution of the two-sample Kolmogorov-Smirnov statistic, by lattice-path counting (Hodges 1958,
/// after Drion, Gnedenko and Korolyuk), with the numerically stable recursion for 1 - p of Viehmann (2021) for unequal
/// two-sided samples. Reports failure (so the caller falls back to the asymptotic distribution) exactly where scipy does:
/// when the path counts leave double range or the result is not a probability.
/// </summary>
internal static partial class KolmogorovSmirnovExact
{
    public static bool TryPValue(int n1, int n2, double dRaw, KsAlternative alternative, out double d, out double p)
    {
        long g = Gcd(n1, n2);
        long lcm = (n1 / g) * n2;
        var h = (long)Math.Round(dRaw * lcm, MidpointRounding.ToEven);
        d = h * 1.0 / lcm;
        p = double.NaN;
        if (h == 0)
        {
            p = 1.0;
            return true;
        }

        if (alternative == KsAlternative.TwoSided)
        {
            p = n1 == n2 ? ProbabilityOutsideSquare(n1, h) : ProbabilityOutsideInsideMethod(n1, n2, g, h);
        }
        else if (n1 == n2)
        {
            // binom(2n, n-h) / binom(2n, n) as a product, avoiding the rounding of the binomials.
            var prob = 1.0;
            for (long j = 0; j < h; j++)
            {
                prob *= (n1 - j) / (n1 + j + 1.0);
            }

            p = prob;
        }
        else
        {
            var total = Binomial(n1 + n2, n1);
            if (double.IsInfinity(total))
            {
                return false;
            }

            var paths = CountPathsOutside(n1, n2, g, h);
            if (!double.IsFinite(paths) || paths > total)
            {
                return false;
            }

            p = paths / total;
        }

        return p >= 0 && p <= 1;
    }

    /// <summary>D rounded to the nearest multiple of 1/lcm(n1, n2), as scipy reports it on the exact path.</summary>
    public static double Snap(int n1, int n2, double dRaw)
    {
        long g = Gcd(n1, n2);
        long lcm = (n1 / g) * n2;
        return (long)Math.Round(dRaw * lcm, MidpointRounding.ToEven) * 1.0 / lcm;
    }

    /// <summary>P(D_{n,n} &gt;= h/n) = 2 * sum (-1)^(k-1) binom(2n, n-kh)/binom(2n, n), in Horner form so that the
    /// alternating sum does not cancel.</summary>
    private static double ProbabilityOutsideSquare(long n, long h)
    {
        var p = 0.0;
        for (var k = n / h; k >= 0; k--)
        {
            var p1 = 1.0;
            for (long j = 0; j < h; j++)
            {
                p1 = (n - (k * h) - j) * p1 / (n + (k * h) + j + 1);
            }

            p = p1 * (1.0 - p);
        }

        return 2 * p;
    }

    /// <summary>The number of lattice paths from (0,0) to (m,n) that reach m*y &lt;= n*x - h*g (one-sided exceedance).</summary>
    private static double CountPathsOutside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        long mg = m / g, ng = n / g;
        var lxj = n + FloorDiv(mg - h, mg);

        if (lxj <= 0)
        {
            return Binomial(m + n, n);
        }

        var xj = new long[lxj];
        for (long j = 0; j < lxj; j++)
        {
            xj[j] = FloorDiv(h + (mg * j) + ng - 1, ng);
        }

        var b = new double[lxj];
        b[0] = 1;
        for (long j = 1; j < lxj; j++)
        {
            var bj = Binomial(xj[j] + j, j);
            for (long i = 0; i < j; i++)
            {
                bj -= Binomial(xj[j] - xj[i] + j - i, j - i) * b[i];
            }

            b[j] = bj;
        }

        var paths = 0.0;
        for (long j = 0; j < lxj; j++)
        {
            paths += b[j] * Binomial(m - xj[j] + (n - j), n - j);
        }

        return paths;
    }

    /// <summary>binom(n, k) in double precision, with a direct product for small k (as cephes does) and log-gamma above.</summary>
    internal static double Binomial(long n, long k)
    {
        if (k < 0 || k > n)
        {
            return 0;
        }

        if (k > n / 2.0)
        {
            k = n - k;
        }

        if (k < 20)
        {
            double num = 1, den = 1;
            for (long i = 1; i <= k; i++)
            {
                num *= i + n - k;
                den *= i;
                if (Math.Abs(num) > 1e50)
                {
                    num /= den;
                    den = 1;
                }
            }

            return num / den;
        }

        var log = MathNet.Numerics.SpecialFunctions.GammaLn(n + 1.0)
            - MathNet.Numerics.SpecialFunctions.GammaLn(k + 1.0)
            - MathNet.Numerics.SpecialFunctions.GammaLn(n - k + 1.0);
        return log > 709.78 ? double.PositiveInfinity : Math.Exp(log);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0 && ((a < 0) ^ (b < 0))) ? 1 : 0);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
