using System.Text.Json;
using MlObservability.Drift.Embedding;
using MlObservability.Drift.Multivariate;

namespace MlObservability.Drift;

/// <summary>The optional sections of the profile JSON for the multivariate, embedding and model-level detectors
/// (<c>reconstruction</c>, <c>embeddings</c>, <c>featureImportances</c>); readers of version 1 without them ignore them.</summary>
internal static partial class ReferenceProfileJson
{
    private static void WriteDetectors(Utf8JsonWriter w, ReferenceProfile profile)
    {
        if (profile.Reconstruction is { } r)
        {
            w.WriteStartObject("reconstruction");
            WriteStrings(w, "features", r.FeatureNames);
            WriteNumbers(w, "means", r.Means);
            WriteNumbers(w, "scales", r.Scales);
            WriteNumbers(w, "explainedVarianceRatio", r.ExplainedVarianceRatio);
            w.WriteStartArray("components");
            var d = r.FeatureNames.Count;
            for (var c = 0; c < r.ComponentCount; c++)
            {
                WriteNumbers(w, null, r.ComponentMatrix.AsSpan(c * d, d).ToArray());
            }

            w.WriteEndArray();
            w.WriteNumber("chunkSize", r.ChunkSize);
            w.WriteNumber("chunkMean", r.ReferenceChunkMean);
            w.WriteNumber("chunkStd", r.ReferenceChunkStandardDeviation);
            w.WriteNumber("thresholdStd", r.ThresholdStandardDeviations);
            w.WriteEndObject();
        }

        if (profile.Embeddings.Count > 0)
        {
            w.WriteStartArray("embeddings");
            foreach (var e in profile.Embeddings)
            {
                w.WriteStartObject();
                w.WriteString("name", e.Name);
                w.WriteNumber("dimension", e.Dimension);
                w.WriteNumber("sigma2", e.Sigma2);
                w.WriteNumber("windowSize", e.WindowSize);
                w.WriteNumber("mmdThreshold", e.MmdThreshold);
                w.WriteNumber("centroidThreshold", e.CentroidThreshold);
                w.WriteNumber("falseAlarmRate", e.FalseAlarmRate);
                w.WriteNumber("permutations", e.Permutations);
                w.WriteStartArray("reference");
                for (var i = 0; i < e.ReferenceCount; i++)
                {
                    w.WriteStartArray();
                    foreach (var v in e.Reference.AsSpan(i * e.Dimension, e.Dimension))
                    {
                        w.WriteNumberValue((float)v);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (profile.FeatureImportances.Count > 0)
        {
            w.WriteStartObject("featureImportances");
            foreach (var (name, value) in profile.FeatureImportances)
            {
                w.WriteNumber(name, value);
            }

            w.WriteEndObject();
        }
    }

    private static ReferenceProfile ReadDetectors(JsonElement root, string source, ReferenceProfile profile)
    {
        try
        {
            var reconstruction = root.TryGetProperty("reconstruction", out var r) && r.ValueKind == JsonValueKind.Object ? ReadReconstruction(r, source) : null;
            var embeddings = root.TryGetProperty("embeddings", out var e) && e.ValueKind == JsonValueKind.Array
                ? e.EnumerateArray().Select(x => ReadEmbedding(x, source)).ToArray()
                : [];
            var importances = new Dictionary<string, double>(StringComparer.Ordinal);
            if (root.TryGetProperty("featureImportances", out var fi) && fi.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in fi.EnumerateObject())
                {
                    importances[p.Name] = p.Value.GetDouble();
                }

                ModelDriftScorer.ValidateImportances(importances);
            }

            return reconstruction is null && embeddings.Length == 0 && importances.Count == 0
                ? profile
                : profile.Copy(reconstruction, embeddings, importances);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"Reference profile {source} has a malformed detector section: {ex.Message}", ex);
        }
    }

    private static ReconstructionDriftProfile ReadReconstruction(JsonElement r, string source)
    {
        var names = r.GetProperty("features").EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray();
        var d = names.Length;
        var means = Numbers(r.GetProperty("means"));
        var scales = Numbers(r.GetProperty("scales"));
        var ratios = Numbers(r.GetProperty("explainedVarianceRatio"));
        var rows = r.GetProperty("components").EnumerateArray().Select(Numbers).ToArray();
        if (d < 2 || means.Length != d || scales.Length != d || rows.Length == 0 || rows.Any(c => c.Length != d) || ratios.Length != rows.Length
            || scales.Any(s => !(s > 0)))
        {
            throw new InvalidDataException($"Reference profile {source}: the reconstruction section needs at least two features, and means, positive scales and components of that length.");
        }

        return new ReconstructionDriftProfile(
            names, means, scales, [.. rows.SelectMany(c => c)], rows.Length, ratios,
            r.GetProperty("chunkSize").GetInt32(), r.GetProperty("chunkMean").GetDouble(), r.GetProperty("chunkStd").GetDouble(), r.GetProperty("thresholdStd").GetDouble());
    }

    private static EmbeddingDriftProfile ReadEmbedding(JsonElement e, string source)
    {
        var name = e.GetProperty("name").GetString();
        var dimension = e.GetProperty("dimension").GetInt32();
        var vectors = e.GetProperty("reference").EnumerateArray().ToArray();
        var reference = new double[vectors.Length * dimension];
        for (var i = 0; i < vectors.Length; i++)
        {
            var j = 0;
            foreach (var v in vectors[i].EnumerateArray())
            {
                if (j == dimension)
                {
                    break;
                }

                reference[(i * dimension) + j++] = v.GetSingle();
            }

            if (j != dimension || vectors[i].GetArrayLength() != dimension)
            {
                throw new InvalidDataException($"Reference profile {source}: embedding '{name}' has a reference vector of {vectors[i].GetArrayLength()} values; expected {dimension}.");
            }
        }

        if (string.IsNullOrWhiteSpace(name) || dimension < 1 || vectors.Length < 2)
        {
            throw new InvalidDataException($"Reference profile {source}: an embedding section needs a name, a positive dimension and at least two reference vectors.");
        }

        return new EmbeddingDriftProfile(
            name, dimension, reference, e.GetProperty("sigma2").GetDouble(), e.GetProperty("windowSize").GetInt32(),
            e.GetProperty("mmdThreshold").GetDouble(), e.GetProperty("centroidThreshold").GetDouble(),
            e.GetProperty("falseAlarmRate").GetDouble(), e.GetProperty("permutations").GetInt32());
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetDouble())];

    private static void WriteNumbers(Utf8JsonWriter w, string? name, IEnumerable<double> values)
    {
        if (name is null)
        {
            w.WriteStartArray();
        }
        else
        {
            w.WriteStartArray(name);
        }

        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
