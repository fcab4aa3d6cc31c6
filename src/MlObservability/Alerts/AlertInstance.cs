namespace MlObservability.Alerts;

/// <summary>The mutable state of one alert inside the engine.</summary>
internal sealed class AlertInstance(AlertRule rule, SortedDictionary<string, string> labels, string fingerprint, DateTimeOffset activeSince)
{
    public AlertRule Rule { get; } = rule;

    public SortedDictionary<string, string> Labels { get; } = labels;

    public string Fingerprint { get; } = fingerprint;

    public AlertState State { get; set; } = AlertState.Pending;

    public DateTimeOffset ActiveSince { get; } = activeSince;

    public DateTimeOffset? FiredAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public DateTimeOffset? LastNotifiedAt { get; set; }

    public double Value { get; set; } = double.NaN;

    public string Description { get; set; } = string.Empty;

    public bool Seen { get; set; }

    public Alert Snapshot() => new()
    {
        Fingerprint = Fingerprint,
        Severity = Rule.Severity,
        State = State,
        Labels = new SortedDictionary<string, string>(Labels, StringComparer.Ordinal),
        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertLabels.Summary] = Rule.Summary,
            [AlertLabels.Description] = Description,
            [AlertLabels.Runbook] = Rule.Runbook,
        },
        ActiveSince = ActiveSince,
        StartsAt = FiredAt,
        EndsAt = ResolvedAt,
        Value = Value,
    };
}
