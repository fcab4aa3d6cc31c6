using System.Text.Json;

namespace MlObservability.Drift;

/// <summary>
/// The JSON form of a <see cref="ReferenceProfile"/> (format <c>mlobservability.reference-profile</c>, version 1),
/// written and read with the reflection-free System.Text.Json reader and writer so it works trimmed and AOT-compiled.
/// </summary>
internal static partial class ReferenceProfileJson
{
    public const string Format = "mlobservability.reference-profile";
    public const int Version = 1;

    public static void Write(ReferenceProfile profile, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteNumber("rowCount", profile.RowCount);
        w.WriteStartArray("features");
        foreach (var f in profile.Features)
        {
            WriteFeature(w, f);
        }

        w.WriteEndArray();
        if (profile.Score is not null)
        {
            w.WritePropertyName("score");
            WriteFeature(w, profile.Score);
        }

        if (profile.PredictedClass is not null)
        {
            w.WritePropertyName("predictedClass");
            WriteFeature(w, profile.PredictedClass);
        }

        WriteDetectors(w, profile);
        w.WriteEndObject();
    }

    private static void WriteFeature(Utf8JsonWriter w, FeatureProfile f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("kind", f.Kind == FeatureKind.Categorical ? "categorical" : "numeric");
        w.WriteNumber("count", f.Count);
        w.WriteNumber("missing", f.MissingCount);
        WriteNumberOrNull(w, "min", f.Min);
        WriteNumberOrNull(w, "max", f.Max);
        WriteNumberOrNull(w, "mean", f.Mean);
        WriteNumberOrNull(w, "std", f.StandardDeviation);
        if (f.Kind == FeatureKind.Numeric)
        {
            w.WriteStartArray("sample");
            foreach (var v in f.SortedSample)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteStartArray("categories");
            for (var i = 0; i < f.CategoryValues.Length; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("value", f.CategoryValues[i]);
                w.WriteNumber("count", f.CategoryCounts[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static ReferenceProfile Read(Stream stream, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Reference profile {source} is not valid JSON: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format) || format.GetString() != Format)
            {
                throw new InvalidDataException($"Reference profile {source} lacks \"format\": \"{Format}\"; is it a file written by ReferenceProfile.Save?");
            }

            if (!root.TryGetProperty("version", out var version) || version.GetInt32() != Version)
            {
                throw new InvalidDataException($"Reference profile {source} has an unsupported version; this library reads version {Version}.");
            }

            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() == 0)
            {
                throw new InvalidDataException($"Reference profile {source} has no \"features\" array (or it is empty).");
            }

            var list = new List<FeatureProfile>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in features.EnumerateArray())
            {
                var feature = ReadFeature(f, source);
                if (!names.Add(feature.Name))
                {
                    throw new InvalidDataException($"Reference profile {source} lists feature '{feature.Name}' twice.");
                }

                list.Add(feature);
            }

            var score = root.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Object ? ReadFeature(s, source) : null;
            var cls = root.TryGetProperty("predictedClass", out var c) && c.ValueKind == JsonValueKind.Object ? ReadFeature(c, source) : null;
            var rows = root.TryGetProperty("rowCount", out var r) ? r.GetInt64() : 0;
            return ReadDetectors(root, source, new ReferenceProfile(list, score, cls, rows));
        }
    }

    private static FeatureProfile ReadFeature(JsonElement f, string source)
    {
        try
        {
            var name = f.GetProperty("name").GetString();
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidDataException($"Reference profile {source} has a feature without a name.");
            }

            var kind = f.GetProperty("kind").GetString() switch
            {
                "numeric" => FeatureKind.Numeric,
                "categorical" => FeatureKind.Categorical,
                var other => throw new InvalidDataException($"Reference profile {source}: feature '{name}' has kind '{other}'; expected 'numeric' or 'categorical'."),
            };
            double[] sample = [];
            double[] categoryValues = [];
            long[] categoryCounts = [];
            if (kind == FeatureKind.Numeric)
            {
                sample = [.. f.GetProperty("sample").EnumerateArray().Select(v => v.GetDouble())];
                for (var i = 1; i < sample.Length; i++)
                {
                    if (!(sample[i] >= sample[i - 1]))
                    {
                        throw new InvalidDataException($"Reference profile {source}: the sample of feature '{name}' is not sorted ascending.");
                    }
                }
            }
            else
            {
                var pairs = f.GetProperty("categories").EnumerateArray()
                    .Select(e => (Value: e.GetProperty("value").GetDouble(), Count: e.GetProperty("count").GetInt64()))
                    .OrderBy(p => p.Value)
                    .ToArray();
                categoryValues = [.. pairs.Select(p => p.Value)];
                categoryCounts = [.. pairs.Select(p => p.Count)];
            }

            return new FeatureProfile(
                name, kind, f.GetProperty("count").GetInt64(), f.GetProperty("missing").GetInt64(),
                NumberOrNaN(f, "min"), NumberOrNaN(f, "max"), NumberOrNaN(f, "mean"), NumberOrNaN(f, "std"),
                sample, categoryValues, categoryCounts);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Reference profile {source} has a malformed feature entry: {e.Message}", e);
        }
    }

    private static double NumberOrNaN(JsonElement f, string name) =>
        f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : double.NaN;
}
