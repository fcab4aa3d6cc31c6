namespace MlObservability.Alerts;

/// <summary>
/// A group of alerts delivered together: alerts that share the engine's group-by labels (by default model and
/// severity) and need notifying on the same evaluation (newly firing, repeating, or resolved).
/// </summary>
public sealed record AlertNotification
{
    /// <summary>Identifies the group, for example <c>{model="fraud",severity="critical"}</c>.</summary>
    public required string GroupKey { get; init; }

    /// <summary>The group-by labels and their values.</summary>
    public required IReadOnlyDictionary<string, string> GroupLabels { get; init; }

    /// <summary>The alerts; firing ones first.</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary><c>firing</c> when any alert fires, else <c>resolved</c>.</summary>
    public string Status => Alerts.Any(a => a.State == AlertState.Firing) ? "firing" : "resolved";

    /// <summary>The worst severity among the alerts.</summary>
    public Severity Severity => Alerts.Count == 0 ? Severity.None : Alerts.Max(a => a.Severity);

    /// <summary>When the notification was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
