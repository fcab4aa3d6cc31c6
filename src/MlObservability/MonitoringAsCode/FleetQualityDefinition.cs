namespace MlObservability.MonitoringAsCode;

/// <summary>
/// How the generated fleet rules (<see cref="FleetRuleGenerator"/>) alert on quality across replicas from the fleet
/// quality counters of every <see cref="Quality.QualityMonitor"/>. The windows are the fleet drift windows
/// (<see cref="FleetDriftDefinition.Windows"/>, alerts on <see cref="FleetDriftDefinition.AlertWindow"/>); the
/// thresholds and <c>for</c> durations are the in-process engine's (<see cref="Alerts.AlertThresholds"/> and the
/// accuracy SLO).
/// </summary>
public sealed class FleetQualityDefinition
{
    /// <summary>The fewest labelled predictions (summed over replicas) in the alert window before the fleet accuracy
    /// may alert; default 100.</summary>
    public long MinimumLabels { get; init; } = 100;

    internal void Validate(string modelName)
    {
        if (MinimumLabels < 1)
        {
            throw new ArgumentException($"FleetQualityDefinition.{nameof(MinimumLabels)} of model '{modelName}' must be at least 1; got {MinimumLabels}.");
        }
    }
}
