using MlObservability.Diagnostics;

namespace MlObservability.Alerts;

/// <summary>
/// One alert rule: a condition, how long it must hold before the alert fires (<see cref="For"/>), its severity,
/// labels, and the summary and runbook annotations a responder reads. <see cref="StandardAlertRules"/> builds the
/// seeds' rule set for a model.
/// </summary>
public sealed class AlertRule
{
    /// <summary>The alert name (label <c>alertname</c>), for example <c>MlHighErrorRate</c>. Rules of different severity
    /// may share a name.</summary>
    public required string Name { get; init; }

    /// <summary>The severity of alerts from this rule.</summary>
    public required Severity Severity { get; init; }

    /// <summary>When the rule holds.</summary>
    public required AlertCondition Condition { get; init; }

    /// <summary>How long the condition must hold before the alert fires; zero fires on the first evaluation.</summary>
    public TimeSpan For { get; init; }

    /// <summary>The model the rule is about (label <c>model</c>); for event rules, events of other models are ignored.
    /// <see langword="null"/> matches events of every model.</summary>
    public string? Model { get; init; }

    /// <summary>Extra labels of every alert of this rule.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>A one-line summary (annotation <c>summary</c>).</summary>
    public required string Summary { get; init; }

    /// <summary>What to do (annotation <c>runbook</c>): steps or a link.</summary>
    public string Runbook { get; init; } = string.Empty;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({AlertLabels.SeverityValue(Severity)}{(Model is null ? string.Empty : ", model " + Model)})";

    internal void Validate()
    {
        Guard.NotNullOrWhiteSpace(Name);
        Guard.NotNull(Condition);
        Guard.NotNullOrWhiteSpace(Summary);
        if (Severity == Severity.None)
        {
            throw new ArgumentException($"Alert rule '{Name}' needs a severity of Info, Warning or Critical.");
        }

        if (For < TimeSpan.Zero)
        {
            throw new ArgumentException($"Alert rule '{Name}' has a negative 'for' duration ({For}).");
        }

        foreach (var key in Labels.Keys)
        {
            if (key is AlertLabels.AlertName or AlertLabels.Severity or AlertLabels.Model)
            {
                throw new ArgumentException($"Alert rule '{Name}' sets the reserved label '{key}'; use the Name, Severity and Model properties instead.");
            }
        }
    }
}
