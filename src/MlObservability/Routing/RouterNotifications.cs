using MlObservability.Alerts;

namespace MlObservability.Routing;

/// <summary>Builds the notifications a <see cref="ModelRouter{TModel}"/> sends through the usual notifiers.</summary>
public static class RouterNotifications
{
    /// <summary>The prefix of the router's alert names: <c>MlRouterRollback</c>, <c>MlRouterPromotion</c>, <c>MlRouterManualSwitch</c>.</summary>
    public const string AlertNamePrefix = "MlRouter";

    /// <summary>Label: the version traffic came from.</summary>
    public const string FromVersionLabel = "from_version";

    /// <summary>Label: the version traffic went (or would go) to.</summary>
    public const string ToVersionLabel = "to_version";

    /// <summary>Label: <c>applied</c>, <c>dry_run</c>, <c>suppressed_by_cool_down</c> or <c>no_target</c>.</summary>
    public const string OutcomeLabel = "outcome";

    /// <summary>The alert name of an action.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The name.</returns>
    public static string AlertName(RouterAction action) => AlertNamePrefix + action;

    /// <summary>The label value of an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns><c>applied</c>, <c>dry_run</c>, <c>suppressed_by_cool_down</c> or <c>no_target</c>.</returns>
    public static string OutcomeValue(RouterActionOutcome outcome) => outcome switch
    {
        RouterActionOutcome.Applied => "applied",
        RouterActionOutcome.DryRun => "dry_run",
        RouterActionOutcome.SuppressedByCoolDown => "suppressed_by_cool_down",
        _ => "no_target",
    };

    /// <summary>The label value of an action.</summary>
    /// <param name="action">The action.</param>
    /// <returns><c>rollback</c>, <c>promotion</c> or <c>manual_switch</c>.</returns>
    public static string ActionValue(RouterAction action) => action switch
    {
        RouterAction.Rollback => "rollback",
        RouterAction.Promotion => "promotion",
        _ => "manual_switch",
    };

    internal static AlertNotification For(string modelName, RouterActionRecord record)
    {
        var severity = record.Action == RouterAction.Rollback && record.Outcome == RouterActionOutcome.Applied ? Severity.Critical : Severity.Warning;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertLabels.AlertName] = AlertName(record.Action),
            [AlertLabels.Severity] = AlertLabels.SeverityValue(severity),
            [AlertLabels.Model] = modelName,
            [FromVersionLabel] = record.FromVersion,
            [ToVersionLabel] = record.ToVersion,
            [OutcomeLabel] = OutcomeValue(record.Outcome),
        };
        var alert = new Alert
        {
            Fingerprint = AlertFingerprint.Of(labels),
            Severity = severity,
            State = AlertState.Firing,
            Labels = labels,
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                [AlertLabels.Summary] = $"Model router of {modelName}: {ActionValue(record.Action)} {record.FromVersion} -> {record.ToVersion} ({OutcomeValue(record.Outcome)})",
                [AlertLabels.Description] = record.Reason,
                [AlertLabels.Runbook] = "1. Check the version now serving and the alert or comparison that caused the action. 2. Reverse it by hand with ModelRouter.SwitchTo if it was wrong. 3. Fix or retrain the version that was rolled back before promoting it again.",
            },
            ActiveSince = record.Time,
            StartsAt = record.Time,
            Value = double.NaN,
        };
        return new AlertNotification
        {
            GroupKey = $"{{model=\"{modelName}\",alertname=\"{AlertName(record.Action)}\"}}",
            GroupLabels = new SortedDictionary<string, string>(StringComparer.Ordinal) { [AlertLabels.Model] = modelName, [AlertLabels.AlertName] = AlertName(record.Action) },
            Alerts = [alert],
            CreatedAt = record.Time,
        };
    }
}
