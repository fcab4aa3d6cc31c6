using MlObservability.Drift;
using MlObservability.Drift.Embedding;
using MlObservability.Drift.Multivariate;

namespace MlObservability.Hosting.Tests.Detectors;

/// <summary>Reference profiles with detector baselines, written to a temporary file, for the hosting wiring tests.</summary>
internal static class DetectorProfiles
{
    public static readonly string[] Features = ["x0", "x1", "x2", "x3"];

    /// <summary>Rows where x1 ≈ x0 and x2 ≈ −x0 (strongly correlated) and x3 is independent noise.</summary>
    public static List<double[]> CorrelatedRows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<double[]>(count);
        for (int i = 0; i < count; i++)
        {
            double x0 = Normal(random);
            rows.Add([x0, x0 + (0.2 * Normal(random)), -x0 + (0.2 * Normal(random)), Normal(random)]);
        }

        return rows;
    }

    /// <summary>The same rows with x1 shuffled across rows: each marginal unchanged, the correlation gone.</summary>
    public static List<double[]> WithX1Permuted(List<double[]> rows, int seed)
    {
        var random = new Random(seed);
        var column = rows.Select(r => r[1]).ToArray();
        random.Shuffle(column);
        return [.. rows.Select((r, i) => new[] { r[0], column[i], r[2], r[3] })];
    }

    /// <summary>Saves a profile of <see cref="Features"/> with a reconstruction baseline (chunks of 200 rows), an
    /// embedding baseline named <c>text</c> (dimension 8, windows of 50) and importances, as chosen.</summary>
    public static string Save(bool reconstruction = true, bool embedding = false, bool importances = false)
    {
        var rows = CorrelatedRows(2_000, seed: 11);
        var builder = new ReferenceProfileBuilder(Features);
        foreach (var row in rows)
        {
            builder.AddRow(row);
        }

        var profile = builder.Build();
        if (reconstruction)
        {
            profile = profile.WithReconstruction(ReconstructionDriftProfile.Fit(Features, rows, new ReconstructionDriftOptions { ChunkSize = 200 }));
        }

        if (embedding)
        {
            profile = profile.WithEmbedding(EmbeddingDriftProfile.Fit("text", Vectors(300, shift: 0, seed: 5), new EmbeddingDriftOptions { ReferenceSampleSize = 100, WindowSize = 50, Permutations = 100, FalseAlarmRate = 0.02 }));
        }

        if (importances)
        {
            profile = profile.WithFeatureImportances(new Dictionary<string, double> { ["x0"] = 0.7, ["x3"] = 0.3 });
        }

        string path = Path.Combine(Directory.CreateTempSubdirectory("mlobs-detectors").FullName, "profile.json");
        profile.Save(path);
        return path;
    }

    /// <summary>Vectors of dimension 8: N(shift, 1) in every coordinate.</summary>
    public static List<float[]> Vectors(int count, double shift, int seed)
    {
        var random = new Random(seed);
        var vectors = new List<float[]>(count);
        for (int i = 0; i < count; i++)
        {
            var v = new float[8];
            for (int d = 0; d < v.Length; d++)
            {
                v[d] = (float)(shift + Normal(random));
            }

            vectors.Add(v);
        }

        return vectors;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
