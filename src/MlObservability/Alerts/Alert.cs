namespace MlObservability.Alerts;

/// <summary>A snapshot of one alert (one rule and one label set), as notifiers receive it.</summary>
public sealed record Alert
{
    /// <summary>A stable hash of the labels; identical alerts share it, which is how they are deduplicated.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The alert name.</summary>
    public string Name => Labels[AlertLabels.AlertName];

    /// <summary>The severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The state at the time of the snapshot.</summary>
    public required AlertState State { get; init; }

    /// <summary>All labels, sorted by name: <c>alertname</c>, <c>severity</c>, <c>model</c>, rule and event labels.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Annotations: <c>summary</c>, <c>description</c>, <c>runbook</c>.</summary>
    public required IReadOnlyDictionary<string, string> Annotations { get; init; }

    /// <summary>When the condition started to hold.</summary>
    public DateTimeOffset ActiveSince { get; init; }

    /// <summary>When the alert fired (null while pending).</summary>
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>When the alert resolved (null unless resolved).</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>The last measured value (a rate, a score, a burn rate); NaN when there is none.</summary>
    public double Value { get; init; }

    /// <summary>The model, or an empty string.</summary>
    public string Model => Labels.TryGetValue(AlertLabels.Model, out var model) ? model : string.Empty;
}
