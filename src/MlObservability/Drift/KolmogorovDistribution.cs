using System.Buffers;

namespace MlObservability.Drift;

/// <summary>
/// The survival function of the one-sample two-sided Kolmogorov-Smirnov statistic D_n, P(D_n &gt; x), following the
/// method selection of Simard and L'Ecuyer (2011) as scipy's <c>kstwo.sf</c> does: Ruben-Gambino closed forms at the
/// ends, twice the exact one-sided Smirnov tail where that is accurate, the Durbin matrix (Marsaglia-Tsang-Wang) for
/// small n x^2, and the Pelz-Good expansion elsewhere. Used with n = round(n1 n2 / (n1 + n2)) for large two-sample tests.
/// </summary>
internal static class KolmogorovDistribution
{
    private const int ScaleExponent = 128;
    private static readonly double ScaleUp = Math.ScaleB(1.0, ScaleExponent);
    private static readonly double ScaleDown = Math.ScaleB(1.0, -ScaleExponent);

    public static double Survival(int n, double x)
    {
        if (n <= 0 || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        if (x <= 0.0)
        {
            return 1.0;
        }

        var t = n * x;
        if (t <= 1.0)
        {
            if (t <= 0.5)
            {
                return 1.0;
            }

            double cdf;
            if (n <= 140)
            {
                cdf = 1.0;
                for (var i = 1; i <= n; i++)
                {
                    cdf *= i * (1.0 / n) * ((2 * t) - 1);
                }
            }
            else
            {
                cdf = Math.Exp(LogFactorialOverPower(n) + (n * Math.Log((2 * t) - 1)));
            }

            return Clip(1.0 - cdf);
        }

        if (t >= n - 1)
        {
            return Clip(2 * Math.Pow(1.0 - x, n));
        }

        if (x >= 0.5)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        var nxSquared = t * x;
        if (n <= 140)
        {
            return nxSquared <= 4 ? Clip(1.0 - DurbinMatrixCdf(n, x)) : Clip(2 * SmirnovSurvival(n, x));
        }

        if (nxSquared >= 370.0)
        {
            return 0.0;
        }

        if (nxSquared >= 2.2)
        {
            return Clip(2 * SmirnovSurvival(n, x));
        }

        double cdfProb;
        if (nxSquared >= 18.0)
        {
            cdfProb = 1.0;
        }
        else if (n <= 100_000 && n * Math.Pow(x, 1.5) <= 1.4)
        {
            cdfProb = DurbinMatrixCdf(n, x);
        }
        else
        {
            cdfProb = PelzGoodCdf(n, x);
        }

        return Clip(1.0 - Clip(cdfProb));
    }

    /// <summary>The exact one-sided tail P(D+_n &gt;= x) by the Birnbaum-Tingey sum, every term in log space.</summary>
    internal static double SmirnovSurvival(int n, double x)
    {
        if (x <= 0)
        {
            return 1.0;
        }

        if (x >= 1)
        {
            return 0.0;
        }

        var last = (int)Math.Floor(n * (1.0 - x));
        var logBinomial = 0.0; // log C(n, 0)
        var sum = 0.0;
        for (var j = 0; j <= last; j++)
        {
            var evn = x + ((double)j / n);
            var omevn = 1.0 - evn;
            if (omevn > 0 || j == n)
            {
                var logTerm = logBinomial + ((j - 1) * Math.Log(evn)) + (j == n ? 0 : (n - j) * Math.Log(omevn));
                sum += Math.Exp(logTerm);
            }

            logBinomial += Math.Log((double)(n - j) / (j + 1));
        }

        return x * sum;
    }

    /// <summary>P(D_n &lt;= d) by the Durbin matrix, H^n computed by repeated squaring with explicit power-of-two scaling.</summary>
    private static double DurbinMatrixCdf(int n, double d)
    {
        var nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        var k = (int)Math.Ceiling(nd);
        var m = (2 * k) - 1;

        // One pooled buffer for the two vectors and three matrices: a drift evaluation computes this per feature and
        // window, and must not allocate.
        var rented = ArrayPool<double>.Shared.Rent((2 * m) + (3 * m * m));
        try
        {
            var buffer = rented.AsSpan(0, (2 * m) + (3 * m * m));
            buffer.Clear();
            return DurbinMatrixCdf(n, k, k - nd, m, buffer);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static double DurbinMatrixCdf(int n, int k, double h, int m, Span<double> buffer)
    {
        var v = buffer[..m];
        var w = buffer.Slice(m, m);
        var fac = 1.0;
        for (var j = 1; j <= m; j++)
        {
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] = (1.0 - Math.Pow(h, j)) * fac;
        }

        var tt = Math.Pow(Math.Max((2 * h) - 1.0, 0), m) - (2 * Math.Pow(h, m));
        v[m - 1] = (1.0 + tt) * fac;

        var hm = buffer.Slice(2 * m, m * m);
        for (var i = 1; i < m; i++)
        {
            for (var r = i - 1; r < m; r++)
            {
                hm[(r * m) + i] = w[r - (i - 1)];
            }
        }

        for (var r = 0; r < m; r++)
        {
            hm[r * m] = v[r];
        }

        for (var c = 0; c < m; c++)
        {
            hm[((m - 1) * m) + c] = v[m - 1 - c];
        }

        var power = buffer.Slice((2 * m) + (m * m), m * m);
        for (var i = 0; i < m; i++)
        {
            power[(i * m) + i] = 1.0;
        }

        var scratch = buffer.Slice((2 * m) + (2 * m * m), m * m);
        var nn = n;
        var exponent = 0;
        var hExponent = 0;
        while (nn > 0)
        {
            if ((nn & 1) != 0)
            {
                Multiply(power, hm, scratch, m);
                var previous = power;
                power = scratch;
                scratch = previous;
                exponent += hExponent;
            }

            Multiply(hm, hm, scratch, m);
            var squared = scratch;
            scratch = hm;
            hm = squared;
            hExponent *= 2;
            if (Math.Abs(hm[((k - 1) * m) + k - 1]) > ScaleUp)
            {
                for (var i = 0; i < hm.Length; i++)
                {
                    hm[i] *= ScaleDown;
                }

                hExponent += ScaleExponent;
            }

            nn >>= 1;
        }

        var p = power[((k - 1) * m) + k - 1];
        for (var i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < ScaleDown)
            {
                p *= ScaleUp;
                exponent -= ScaleExponent;
            }
        }

        return exponent != 0 ? Math.ScaleB(p, exponent) : p;
    }

    private static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result, int m)
    {
        result.Clear();
        for (var i = 0; i < m; i++)
        {
            for (var l = 0; l < m; l++)
            {
                var ail = a[(i * m) + l];
                if (ail == 0)
                {
                    continue;
                }

                for (var j = 0; j < m; j++)
                {
                    result[(i * m) + j] += ail * b[(l * m) + j];
                }
            }
        }
    }

    /// <summary>The Pelz-Good asymptotic expansion of P(D_n &lt;= x) in powers of 1/sqrt(n).</summary>
    private static double PelzGoodCdf(int n, double x)
    {
        var z = Math.Sqrt(n) * x;
        double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
        var qlog = -Math.PI * Math.PI / 8 / z2;
        if (qlog < -708)
        {
            return 0.0;
        }

        var q = Math.Exp(qlog);
        const double pi2 = Math.PI * Math.PI;
        const double pi4 = pi2 * pi2;
        const double pi6 = pi4 * pi2;
        var k1a = -z2;
        var k1b = pi2 / 4;
        var k2a = (6 * z6) + (2 * z4);
        var k2b = ((2 * z4) - (5 * z2)) * pi2 / 4;
        var k2c = pi4 * (1 - (2 * z2)) / 16;
        var k3d = pi6 * (5 - (30 * z2)) / 64;
        var k3c = pi4 * ((-60 * z2) + (212 * z4)) / 16;
        var k3b = pi2 * ((135 * z4) - (96 * z6)) / 4;
        var k3a = (-30 * z6) - (90 * z4 * z4);

        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var maxk = (int)Math.Ceiling(16 * z / Math.PI);
        for (var k = maxk; k > 0; k--)
        {
            double mk = (2 * k) - 1;
            double m2 = mk * mk, m4 = m2 * m2, m6 = m4 * m2;
            var qpower = Math.Pow(q, 8 * k);
            s0 = (s0 * qpower) + 1.0;
            s1 = (s1 * qpower) + k1a + (k1b * m2);
            s2 = (s2 * qpower) + k2a + (k2b * m2) + (k2c * m4);
            s3 = (s3 * qpower) + k3a + (k3b * m2) + (k3c * m4) + (k3d * m6);
        }

        var sqrt2Pi = Math.Sqrt(2 * Math.PI);
        s0 *= q * sqrt2Pi / z;
        s1 *= q * sqrt2Pi / (6 * z4);
        s2 *= q * sqrt2Pi / (72 * Math.Pow(z, 7));
        s3 *= q * sqrt2Pi / (6480 * Math.Pow(z, 10));

        var q2 = Math.Exp(-pi2 / 2 / z2);
        var sqrt3z = Math.Sqrt(3) * z;
        double k2extra = 0, k3extra = 0;
        for (var k = maxk; k > 0; k--)
        {
            double ks2 = (double)k * k;
            var qp = Math.Pow(q2, ks2);
            k2extra += ks2 * qp;
            var kspi = Math.PI * k;
            k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qp;
        }

        s2 += k2extra * pi2 * sqrt2Pi / (-36 * z3);
        s3 += k3extra * pi2 * sqrt2Pi / (216 * z6);
        var sqrtN = Math.Sqrt(n);
        return s0 + (s1 / sqrtN) + (s2 / n) + (s3 / (n * sqrtN));
    }

    /// <summary>log(n! / n^n) by Stirling's series with n log n removed up front.</summary>
    private static double LogFactorialOverPower(int n)
    {
        ReadOnlySpan<double> coefficients =
        [
            -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
            -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
        ];
        var rn = 1.0 / n;
        var u = rn / n;
        var poly = 0.0;
        foreach (var c in coefficients)
        {
            poly = (poly * u) + c;
        }

        return (Math.Log(n) / 2) - n + (Math.Log(2 * Math.PI) / 2) + (rn * poly);
    }

    private static double Clip(double p) => double.IsNaN(p) ? p : Math.Clamp(p, 0.0, 1.0);
}
