using System.Globalization;
using System.Text.Json;

namespace MlObservability.Alerts.Notifiers;

/// <summary>Writes alerts in the shapes the JSON payloads share.</summary>
internal static class AlertJson
{
    public static void WriteMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    public static string Time(DateTimeOffset? time) =>
        (time ?? DateTimeOffset.UnixEpoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The Alertmanager webhook alert shape (status, labels, annotations, startsAt, endsAt, fingerprint).</summary>
    public static void WriteAlert(Utf8JsonWriter writer, Alert alert)
    {
        writer.WriteStartObject();
        writer.WriteString("status", alert.State == AlertState.Resolved ? "resolved" : "firing");
        WriteMap(writer, "labels", alert.Labels);
        WriteMap(writer, "annotations", alert.Annotations);
        writer.WriteString("startsAt", Time(alert.StartsAt ?? alert.ActiveSince));
        writer.WriteString("endsAt", alert.EndsAt is null ? "0001-01-01T00:00:00Z" : Time(alert.EndsAt));
        writer.WriteString("fingerprint", alert.Fingerprint);
        if (double.IsFinite(alert.Value))
        {
            writer.WriteNumber("value", alert.Value);
        }

        writer.WriteEndObject();
    }

    public static string Line(Alert alert)
    {
        string state = alert.State == AlertState.Resolved ? "RESOLVED" : "FIRING";
        var labels = string.Join(' ', alert.Labels
            .Where(l => l.Key is not (AlertLabels.AlertName or AlertLabels.Severity))
            .Select(l => l.Key + "=" + l.Value));
        return $"[{state}] {AlertLabels.SeverityValue(alert.Severity)} {alert.Name} {labels}: {alert.Annotations[AlertLabels.Summary]} ({alert.Annotations[AlertLabels.Description]})";
    }
}
