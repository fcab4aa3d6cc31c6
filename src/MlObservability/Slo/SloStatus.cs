namespace MlObservability.Slo;

/// <summary>The state of one objective at an evaluation, as computed by <see cref="SloTracker.Evaluate"/>.</summary>
public sealed record SloStatus
{
    /// <summary>The objective.</summary>
    public required SloObjective Objective { get; init; }

    /// <summary>Good events over the SLO period.</summary>
    public long Good { get; init; }

    /// <summary>All events over the SLO period.</summary>
    public long Total { get; init; }

    /// <summary>Good / total over the SLO period; 1 when there were no events.</summary>
    public double Compliance { get; init; }

    /// <summary>The share of the error budget left over the SLO period: 1 untouched, 0 spent, negative overspent.</summary>
    public double ErrorBudgetRemaining { get; init; }

    /// <summary>
    /// Seconds until the error budget is exhausted if the burn rate over <see cref="SloTrackerOptions.ForecastWindow"/>
    /// goes on: remaining share × period ÷ burn rate. Zero when the budget is already spent;
    /// <see cref="double.PositiveInfinity"/> when nothing burns (no bad event in the forecast window).
    /// </summary>
    public double ErrorBudgetExhaustionSeconds { get; init; } = double.PositiveInfinity;

    /// <summary>The burn rate over <see cref="SloTrackerOptions.ForecastWindow"/> that the forecast extrapolates.</summary>
    public double ForecastBurnRate { get; init; }

    /// <summary>The burn rate per window label (<c>5m</c>, <c>1h</c>, ...): the bad share over the window divided by
    /// the error budget; 1 spends the budget exactly over the SLO period.</summary>
    public required IReadOnlyDictionary<string, double> BurnRates { get; init; }

    /// <summary>The worst severity among the burn-rate pairs whose both windows exceed their factor.</summary>
    public Severity Severity { get; init; }

    /// <summary>When the status was computed.</summary>
    public DateTimeOffset EvaluatedAt { get; init; }
}
