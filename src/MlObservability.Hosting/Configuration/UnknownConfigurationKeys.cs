using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Finds the keys of a configuration section that bind to nothing, by walking the section beside the options type graph
/// the binder fills (properties matched case-insensitively like <c>ConfigurationBinder</c>; list items by index,
/// dictionary values by key). Built from the types by reflection, so options added later are covered without a list to
/// keep up to date. Each finding names the key's full path and the nearest valid key (edit distance).
/// </summary>
internal static class UnknownConfigurationKeys
{
    private const string TrimmingJustification =
        "The options types are the ones ConfigurationBinder binds by reflection; a trimmed-away property is one the binder cannot set either.";

    /// <summary>Messages for every unknown key under <paramref name="section"/>, which binds to <paramref name="optionsType"/>.</summary>
    /// <param name="section">The bound section.</param>
    /// <param name="optionsType">The type it binds to.</param>
    /// <returns>One message per unknown key, in configuration order.</returns>
    public static IReadOnlyList<string> Find(IConfiguration section, Type optionsType)
    {
        var failures = new List<string>();
        Walk(section, optionsType, failures);
        return failures;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = TrimmingJustification)]
    private static void Walk(IConfiguration section, Type type, List<string> failures)
    {
        if (IsValue(type))
        {
            return;
        }

        if (ElementOf(type) is { } element)
        {
            foreach (var item in section.GetChildren())
            {
                Walk(item, element, failures);
            }

            return;
        }

        if (type.IsInterface || type.IsAbstract || type == typeof(object))
        {
            return; // bound by a custom converter or not at all: nothing to compare with
        }

        var properties = BindableProperties(type);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                Walk(child, property.PropertyType, failures);
                continue;
            }

            string parent = child.Path.Length > child.Key.Length ? child.Path[..^(child.Key.Length + 1)] : string.Empty;
            string? nearest = Nearest(child.Key, properties.Values.Select(p => p.Name));
            string prefix = parent.Length > 0 ? parent + ":" : string.Empty;
            string hint = nearest is not null
                ? $"did you mean {prefix}{nearest}?"
                : $"valid keys there: {string.Join(", ", properties.Values.Select(p => p.Name).Order(StringComparer.Ordinal))}.";
            failures.Add($"{child.Path} is not a setting ({type.Name} has no property '{child.Key}'), so it is ignored: {hint}");
        }
    }

    /// <summary>The properties the binder sets or fills: public instance, readable, and settable or a collection/object it fills in place.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingJustification)]
    private static Dictionary<string, PropertyInfo> BindableProperties(Type type)
    {
        var result = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0
                && (property.SetMethod is { IsPublic: true } || !IsValue(property.PropertyType)))
            {
                result.TryAdd(property.Name, property);
            }
        }

        return result;
    }

    /// <summary>A type bound from one string value (numbers, text, durations, URIs, enums, anything with a string converter).</summary>
    private static bool IsValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri)
            || type == typeof(Version) || type == typeof(CultureInfo) || type == typeof(DateOnly) || type == typeof(TimeOnly);
    }

    /// <summary>The item type of an array, list, set or dictionary (the value type of a dictionary); null for other types.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = TrimmingJustification)]
    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type) || type == typeof(string))
        {
            return null;
        }

        var interfaces = type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
        foreach (var candidate in interfaces.Where(i => i.IsGenericType))
        {
            var definition = candidate.GetGenericTypeDefinition();
            if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return candidate.GetGenericArguments()[1];
            }
        }

        return interfaces.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0] ?? typeof(object);
    }

    /// <summary>The candidate closest to <paramref name="key"/> (case-insensitive edit distance), when close enough to be a typo.</summary>
    internal static string? Nearest(string key, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int distance = EditDistance(key.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A typo: at most a third of the longer name differs (at least 2 edits allowed for short names).
        return best is not null && bestDistance <= Math.Max(2, Math.Max(key.Length, best.Length) / 3) ? best : null;
    }

    /// <summary>Levenshtein distance (insertions, deletions, substitutions).</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
