using System.Text.Json;

namespace MlObservability.Tests.Drift;

/// <summary>The integer-only sample generator shared with tests/TestData/Drift/make_reference_vectors.py.</summary>
internal static class LcgSample
{
    public static double[] Generate(JsonElement spec) => Generate(
        spec.GetProperty("n").GetInt32(),
        spec.GetProperty("seed").GetUInt64(),
        spec.GetProperty("terms").GetInt32(),
        spec.GetProperty("range").GetUInt64(),
        spec.GetProperty("shift").GetInt64());

    public static double[] Generate(int n, ulong seed, int terms, ulong range, long shift)
    {
        var state = seed;
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            long total = 0;
            for (var t = 0; t < terms; t++)
            {
                state = unchecked((state * 6364136223846793005UL) + 1442695040888963407UL);
                total += (long)((state >> 33) % range);
            }

            values[i] = (total + shift) / 8.0;
        }

        return values;
    }

    public static JsonDocument LoadTestData(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Drift", file)));
}
