using MlObservability.Alerts;

namespace MlObservability.Routing;

/// <summary>Guard rails of a <see cref="ModelRouter{TModel}"/>; bindable from configuration, checked by <see cref="Validate"/>.</summary>
public sealed class ModelRouterOptions
{
    /// <summary>The rollback alerts when <see cref="RollbackAlerts"/> is empty: error rate, quality decay and fast
    /// error-budget burn (<see cref="StandardAlertRules.HighErrorRate"/>, <see cref="StandardAlertRules.QualityDecay"/>,
    /// <see cref="StandardAlertRules.SloBurn"/>).</summary>
    public static IReadOnlyList<string> DefaultRollbackAlerts { get; } = [StandardAlertRules.HighErrorRate, StandardAlertRules.QualityDecay, StandardAlertRules.SloBurn];

    /// <summary>Alert names that roll the active version back when they fire for the model; empty (the default) means
    /// <see cref="DefaultRollbackAlerts"/>. (Empty rather than pre-filled because configuration binding appends to a list.)</summary>
    public IList<string> RollbackAlerts { get; set; } = new List<string>();

    /// <summary>The rollback alerts in effect: <see cref="RollbackAlerts"/>, or <see cref="DefaultRollbackAlerts"/> when it is empty.</summary>
    public IReadOnlyList<string> EffectiveRollbackAlerts => RollbackAlerts is { Count: > 0 } configured ? [.. configured] : DefaultRollbackAlerts;

    /// <summary>The least severity of a rollback alert that acts. Default <see cref="Severity.Critical"/>.</summary>
    public Severity MinimumSeverity { get; set; } = Severity.Critical;

    /// <summary>Whether a challenger that is significantly better (<c>challenger.better</c>) is promoted automatically. Default false.</summary>
    public bool AutoPromote { get; set; }

    /// <summary>Consecutive <c>challenger.better</c> evaluations needed before a promotion. Default 3.</summary>
    public int PromotionConsecutiveEvaluations { get; set; } = 3;

    /// <summary>At most one automatic action per cool-down. Default 15 minutes.</summary>
    public TimeSpan CoolDown { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Notify and log what would be done, never switch automatically. Default false.</summary>
    public bool DryRun { get; set; }

    /// <summary>Entries kept in the audit trail. Default 256.</summary>
    public int HistoryCapacity { get; set; } = 256;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it and what to fix.</exception>
    public void Validate()
    {
        if (RollbackAlerts is null || RollbackAlerts.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Router setting RollbackAlerts must list alert names (for example MlHighErrorRate); an entry is empty.", nameof(RollbackAlerts));
        }

        if (RollbackAlerts.FirstOrDefault(n => n.StartsWith(RouterNotifications.AlertNamePrefix, StringComparison.Ordinal)) is { } own)
        {
            throw new ArgumentException($"Router setting RollbackAlerts lists '{own}', the router's own notification: an action would trigger the next one. Remove it.", nameof(RollbackAlerts));
        }

        if (MinimumSeverity is not (Severity.Info or Severity.Warning or Severity.Critical))
        {
            throw new ArgumentException($"Router setting MinimumSeverity must be Info, Warning or Critical; it is {MinimumSeverity}.", nameof(MinimumSeverity));
        }

        if (PromotionConsecutiveEvaluations < 1)
        {
            throw new ArgumentException($"Router setting PromotionConsecutiveEvaluations must be at least 1; it is {PromotionConsecutiveEvaluations}.", nameof(PromotionConsecutiveEvaluations));
        }

        if (CoolDown < TimeSpan.Zero)
        {
            throw new ArgumentException($"Router setting CoolDown must not be negative (for example 00:15:00); it is {CoolDown}.", nameof(CoolDown));
        }

        if (HistoryCapacity < 1)
        {
            throw new ArgumentException($"Router setting HistoryCapacity must be at least 1; it is {HistoryCapacity}.", nameof(HistoryCapacity));
        }
    }
}
