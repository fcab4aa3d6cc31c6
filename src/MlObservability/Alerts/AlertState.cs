namespace MlObservability.Alerts;

/// <summary>The life cycle of an alert: pending while its condition holds for less than the rule's <c>for</c>
/// duration, firing after, resolved once the condition clears.</summary>
public enum AlertState
{
    /// <summary>The condition holds, but not yet for the rule's <see cref="AlertRule.For"/> duration.</summary>
    Pending = 0,

    /// <summary>The condition has held for at least the rule's <see cref="AlertRule.For"/> duration.</summary>
    Firing = 1,

    /// <summary>The condition cleared after the alert fired.</summary>
    Resolved = 2,
}
