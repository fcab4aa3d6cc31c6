using System.Globalization;
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

    /// <summary>Reads and checks a profile. Every malformed input gives one <see cref="InvalidDataException"/> whose
    /// message names the source, the field (a JSON path such as <c>features[2].min</c>) and what is expected.</summary>
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
            var fields = new ReferenceProfileJsonFields(source);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw fields.Error("(root)", "must be a JSON object written by ReferenceProfile.Save", root);
            }

            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw fields.Error("format", $"must be the string \"{Format}\" (is it a file written by ReferenceProfile.Save?)", format);
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v) || v != Version)
            {
                throw fields.Error("version", $"must be {Version}, the version this library reads", version);
            }

            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() == 0)
            {
                throw fields.Error("features", "must be a non-empty array of feature objects", features);
            }

            var list = new List<FeatureProfile>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var f in features.EnumerateArray())
            {
                var feature = ReadFeature(f, fields, $"features[{index++}]");
                if (!names.Add(feature.Name))
                {
                    throw new InvalidDataException($"Reference profile {source}: field \"features[{index - 1}].name\" repeats feature '{feature.Name}'; names must be distinct.");
                }

                list.Add(feature);
            }

            var score = OptionalFeature(root, "score", fields);
            var cls = OptionalFeature(root, "predictedClass", fields);
            long rows = root.TryGetProperty("rowCount", out var r) ? fields.Count(r, "rowCount") : 0;
            return ReadDetectors(root, source, new ReferenceProfile(list, score, cls, rows));
        }
    }

    private static FeatureProfile? OptionalFeature(JsonElement root, string name, ReferenceProfileJsonFields fields) =>
        !root.TryGetProperty(name, out var e) || e.ValueKind == JsonValueKind.Null ? null : ReadFeature(e, fields, name);

    private static FeatureProfile ReadFeature(JsonElement f, ReferenceProfileJsonFields fields, string at)
    {
        if (f.ValueKind != JsonValueKind.Object)
        {
            throw fields.Error(at, "must be a feature object", f);
        }

        var name = fields.String(f, at, "name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw fields.Error(at + ".name", "must be a non-empty feature name", f.GetProperty("name"));
        }

        var kind = fields.String(f, at, "kind") switch
        {
            "numeric" => FeatureKind.Numeric,
            "categorical" => FeatureKind.Categorical,
            _ => throw fields.Error(at + ".kind", "must be \"numeric\" or \"categorical\"", f.GetProperty("kind")),
        };
        long count = fields.Count(fields.Required(f, at, "count"), at + ".count");
        long missing = fields.Count(fields.Required(f, at, "missing"), at + ".missing");
        double min = fields.NumberOrNull(f, at, "min");
        double max = fields.NumberOrNull(f, at, "max");
        double mean = fields.NumberOrNull(f, at, "mean");
        double std = fields.NumberOrNull(f, at, "std");
        if (min > max)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Reference profile {fields.Source}: field \"{at}.min\" ({min}) must not exceed \"{at}.max\" ({max})."));
        }

        if (std < 0)
        {
            throw fields.Error(at + ".std", "must be a non-negative number or null", f.GetProperty("std"));
        }

        double[] sample = [];
        double[] categoryValues = [];
        long[] categoryCounts = [];
        if (kind == FeatureKind.Numeric)
        {
            var array = fields.Array(f, at, "sample");
            sample = new double[array.GetArrayLength()];
            int i = 0;
            foreach (var e in array.EnumerateArray())
            {
                sample[i] = fields.Finite(e, $"{at}.sample[{i}]");
                if (i > 0 && !(sample[i] >= sample[i - 1]))
                {
                    throw fields.Error($"{at}.sample[{i}]", $"is smaller than the value before it; the sample of feature '{name}' is not sorted ascending", e);
                }

                i++;
            }

            if (sample.Length > count)
            {
                throw new InvalidDataException($"Reference profile {fields.Source}: field \"{at}.sample\" has {sample.Length} values but \"{at}.count\" is {count}; a sample cannot be larger than the count.");
            }
        }
        else
        {
            var array = fields.Array(f, at, "categories");
            var pairs = new List<(double Value, long Count)>(array.GetArrayLength());
            int i = 0;
            foreach (var e in array.EnumerateArray())
            {
                string item = $"{at}.categories[{i++}]";
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw fields.Error(item, "must be an object {\"value\": number, \"count\": whole number}", e);
                }

                pairs.Add((fields.Finite(fields.Required(e, item, "value"), item + ".value"), fields.Count(fields.Required(e, item, "count"), item + ".count")));
            }

            pairs.Sort((a, b) => a.Value.CompareTo(b.Value));
            categoryValues = [.. pairs.Select(p => p.Value)];
            categoryCounts = [.. pairs.Select(p => p.Count)];
        }

        return new FeatureProfile(name, kind, count, missing, min, max, mean, std, sample, categoryValues, categoryCounts);
    }
}
