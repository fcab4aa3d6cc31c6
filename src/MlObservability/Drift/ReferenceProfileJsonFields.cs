using System.Globalization;
using System.Text.Json;

namespace MlObservability.Drift;

/// <summary>Typed, checked reads of reference-profile JSON fields; each failure is one
/// <see cref="InvalidDataException"/> naming the source, the field's path and what is expected.</summary>
internal sealed class ReferenceProfileJsonFields(string source)
{
    public string Source { get; } = source;

    public InvalidDataException Error(string field, string expected, JsonElement found) =>
        new($"Reference profile {Source}: field \"{field}\" {expected}; found {Describe(found)}.");

    public JsonElement Required(JsonElement obj, string at, string name) =>
        obj.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"Reference profile {Source}: field \"{at}.{name}\" is missing.");

    public string String(JsonElement obj, string at, string name)
    {
        var value = Required(obj, at, name);
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"{at}.{name}", "must be a string", value);
    }

    public JsonElement Array(JsonElement obj, string at, string name)
    {
        var value = Required(obj, at, name);
        return value.ValueKind == JsonValueKind.Array ? value : throw Error($"{at}.{name}", "must be an array", value);
    }

    /// <summary>A count: a whole number from 0 to <see cref="long.MaxValue"/>.</summary>
    public long Count(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) && n >= 0
            ? n
            : throw Error(field, "must be a whole number from 0 to 9223372036854775807", value);

    /// <summary>A finite number.</summary>
    public double Finite(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d)
            ? d
            : throw Error(field, "must be a finite number", value);

    /// <summary>An optional statistic: a finite number, or null (or absent) when the feature had no values.</summary>
    public double NumberOrNull(JsonElement obj, string at, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return double.NaN;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d) && double.IsFinite(d)
            ? d
            : throw Error($"{at}.{name}", "must be a finite number or null", value);
    }

    private static string Describe(JsonElement value)
    {
        string text;
        try
        {
            text = value.ValueKind switch
            {
                JsonValueKind.Undefined => "nothing (the field is missing)",
                JsonValueKind.Object => "an object",
                JsonValueKind.Array => $"an array of {value.GetArrayLength()}",
                JsonValueKind.String => "the string " + Clip(value.GetRawText()),
                JsonValueKind.Number => "the number " + Clip(value.GetRawText()),
                JsonValueKind.True or JsonValueKind.False => "a boolean",
                _ => "null",
            };
        }
        catch (InvalidOperationException)
        {
            text = "a value of another type";
        }

        return text;
    }

    private static string Clip(string text) =>
        text.Length <= 40 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..40]}... ({text.Length} characters)");
}
