using Simd = System.Numerics.Vector;

namespace MlObservability.Drift;

/// <summary>SIMD kernels (System.Numerics.Vector) for the multivariate and embedding detectors.</summary>
internal static class VectorMath
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        var i = 0;
        var width = System.Numerics.Vector<double>.Count;
        if (Simd.IsHardwareAccelerated && a.Length >= width)
        {
            var acc = System.Numerics.Vector<double>.Zero;
            for (; i <= a.Length - width; i += width)
            {
                acc += new System.Numerics.Vector<double>(a[i..]) * new System.Numerics.Vector<double>(b[i..]);
            }

            sum = Simd.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>z -= factor · c.</summary>
    public static void Subtract(Span<double> z, ReadOnlySpan<double> c, double factor)
    {
        var i = 0;
        var width = System.Numerics.Vector<double>.Count;
        if (Simd.IsHardwareAccelerated && z.Length >= width)
        {
            var f = new System.Numerics.Vector<double>(factor);
            for (; i <= z.Length - width; i += width)
            {
                (new System.Numerics.Vector<double>(z[i..]) - (f * new System.Numerics.Vector<double>(c[i..]))).CopyTo(z[i..]);
            }
        }

        for (; i < z.Length; i++)
        {
            z[i] -= factor * c[i];
        }
    }

    /// <summary>‖a − b‖².</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        var i = 0;
        var width = System.Numerics.Vector<double>.Count;
        if (Simd.IsHardwareAccelerated && a.Length >= width)
        {
            var acc = System.Numerics.Vector<double>.Zero;
            for (; i <= a.Length - width; i += width)
            {
                var d = new System.Numerics.Vector<double>(a[i..]) - new System.Numerics.Vector<double>(b[i..]);
                acc += d * d;
            }

            sum = Simd.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return sum;
    }
}
