namespace MlObservability.Benchmarks.Histograms;

/// <summary>
/// Pre-generated, seeded latencies shaped like a model endpoint's: lognormal with a 20 ms median and a long right tail
/// (p99 about 64 ms). Benchmarks index them with a mask so every operation records a different value and the
/// branch predictor cannot learn one bucket.
/// </summary>
internal static class LatencySamples
{
    /// <summary>Number of samples; a power of two so that <see cref="Mask"/> works. 4,096 doubles stay in L1/L2.</summary>
    public const int Count = 4096;

    /// <summary>Index mask for <see cref="Count"/>.</summary>
    public const int Mask = Count - 1;

    /// <summary>Latencies in seconds (what OpenTelemetry, prometheus-net and LogHistogram record).</summary>
    public static double[] Seconds(int seed = 20) =>
        Generate(seed, count: Count);

    /// <summary>The same latencies in whole nanoseconds (what HdrHistogram records: it takes integers).</summary>
    public static long[] Nanoseconds(double[] seconds) =>
        Array.ConvertAll(seconds, s => Math.Max(1L, (long)Math.Round(s * 1e9)));

    /// <summary>A larger seeded sample for query benchmarks.</summary>
    public static double[] Generate(int seed, int count)
    {
        var random = new Random(seed);
        double[] values = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            double normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
            values[i] = 0.020 * Math.Exp(0.5 * normal);
        }

        return values;
    }
}
