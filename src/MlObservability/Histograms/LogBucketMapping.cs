namespace MlObservability.Histograms;

/// <summary>
/// Maps a positive double to its bucket key with two integer operations and no logarithm: the key is the IEEE 754 bit
/// pattern shifted right so that the exponent and the top k bits of the mantissa remain. Each
/// power of two is therefore split into 2^k buckets whose relative width is at most 2^-k; reporting the harmonic midpoint
/// 2LU/(L+U) of a bucket [L, U) bounds the relative error by (U-L)/(U+L) &lt; 2^-(k+1).
/// This costs up to 1.85 times the buckets of a true logarithmic mapping for the same accuracy, in exchange for a mapping
/// that takes about one nanosecond.
/// </summary>
internal static class LogBucketMapping
{
    private const int MantissaBits = 52;

    /// <summary>Smallest k such that the reported relative error is within <paramref name="relativeAccuracy"/>.</summary>
    public static int PrecisionBitsFor(double relativeAccuracy)
    {
        for (int k = 1; k <= 10; k++)
        {
            if (GuaranteedRelativeError(k) <= relativeAccuracy)
            {
                return k;
            }
        }

        return 10;
    }

    /// <summary>The worst-case relative error of a harmonic-midpoint estimate with k precision bits.</summary>
    public static double GuaranteedRelativeError(int precisionBits)
    {
        double width = Math.Pow(2, -precisionBits);
        return width / (2 + width);
    }

    /// <summary>The bucket key of a positive, finite, normal value.</summary>
    public static long KeyOf(double magnitude, int precisionBits) =>
        BitConverter.DoubleToInt64Bits(magnitude) >> (MantissaBits - precisionBits);

    /// <summary>Inclusive lower bound of a bucket.</summary>
    public static double LowerBound(long key, int precisionBits) =>
        BitConverter.Int64BitsToDouble(key << (MantissaBits - precisionBits));

    /// <summary>Exclusive upper bound of a bucket.</summary>
    public static double UpperBound(long key, int precisionBits) => LowerBound(key + 1, precisionBits);

    /// <summary>The value reported for a bucket: the harmonic midpoint, which minimises the worst relative error.</summary>
    public static double Representative(long key, int precisionBits)
    {
        double lower = LowerBound(key, precisionBits);
        double upper = UpperBound(key, precisionBits);
        return 2 * lower * upper / (lower + upper);
    }

    /// <summary>The shift that turns a double's bits into a key.</summary>
    public static int ShiftFor(int precisionBits) => MantissaBits - precisionBits;
}
