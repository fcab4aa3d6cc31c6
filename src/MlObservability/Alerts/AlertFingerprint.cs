using System.Globalization;

namespace MlObservability.Alerts;

/// <summary>A stable 64-bit FNV-1a hash of sorted labels, written as 16 hex digits.</summary>
internal static class AlertFingerprint
{
    public static string Of(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            hash = Mix(Mix(hash, key), value);
        }

        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash ^ 0xFF) * 1099511628211UL; // separator
    }
}
