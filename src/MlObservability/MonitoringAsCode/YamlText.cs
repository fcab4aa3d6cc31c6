using System.Globalization;
using System.Text;

namespace MlObservability.MonitoringAsCode;

/// <summary>A small YAML emitter for the generated files: block mappings and sequences with single-quoted scalars.</summary>
internal sealed class YamlText
{
    private readonly StringBuilder _text = new();

    public YamlText Comment(string text)
    {
        _text.Append("# ").Append(text).Append('\n');
        return this;
    }

    public YamlText Line(int indent, string text)
    {
        _text.Append(' ', indent * 2).Append(text).Append('\n');
        return this;
    }

    /// <summary>Writes <c>key: 'value'</c>.</summary>
    public YamlText Pair(int indent, string key, string value, bool listItem = false) =>
        Line(indent, (listItem ? "- " : string.Empty) + key + ": " + Quote(value));

    /// <summary>Writes <c>key:</c> followed by a mapping of quoted values one level deeper.</summary>
    public YamlText Map(int indent, string key, IEnumerable<KeyValuePair<string, string>> map, bool listItem = false)
    {
        var entries = map.ToArray();
        if (entries.Length == 0)
        {
            return Line(indent, (listItem ? "- " : string.Empty) + key + ": {}");
        }

        Line(indent, (listItem ? "- " : string.Empty) + key + ":");
        foreach (var (k, v) in entries)
        {
            Pair(indent + (listItem ? 2 : 1), k, v);
        }

        return this;
    }

    /// <summary>Single-quoted, or double-quoted with escapes when the value holds a line break.</summary>
    public static string Quote(string value) => value.Contains('\n', StringComparison.Ordinal)
        ? "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\""
        : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public override string ToString() => _text.ToString();
}
