using MlObservability.Diagnostics;
using MlObservability.Slo;

namespace MlObservability.Alerts.Export;

/// <summary>
/// One model as the monitoring-as-code generators see it: its name, SLOs and alert thresholds. The same objects
/// configure the in-process <see cref="SloTracker"/> and <see cref="StandardAlertRules"/>.
/// </summary>
public sealed class ModelMonitoringDefinition
{
    /// <summary>Creates the definition.</summary>
    /// <param name="modelName">The model name (<c>ml.model.name</c>).</param>
    /// <param name="slos">The objectives; the seeds' defaults when null.</param>
    /// <param name="thresholds">The alert thresholds; the seeds' defaults when null.</param>
    public ModelMonitoringDefinition(string modelName, IReadOnlyList<SloObjective>? slos = null, AlertThresholds? thresholds = null)
    {
        ModelName = Guard.NotNullOrWhiteSpace(modelName);
        if (modelName.Contains('"', StringComparison.Ordinal) || modelName.Contains('\\', StringComparison.Ordinal) || modelName.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Model name '{modelName}' cannot be used in generated PromQL: remove quotes, backslashes and newlines.", nameof(modelName));
        }

        Slos = slos ?? SloObjective.SeedDefaults();
        Thresholds = thresholds ?? new AlertThresholds();
    }

    /// <summary>The model name.</summary>
    public string ModelName { get; }

    /// <summary>The objectives.</summary>
    public IReadOnlyList<SloObjective> Slos { get; }

    /// <summary>The alert thresholds.</summary>
    public AlertThresholds Thresholds { get; }

    /// <summary>Burn-rate window pairs for the generated rules; the workbook's standard pairs.</summary>
    public IReadOnlyList<BurnRateWindowPair> WindowPairs { get; init; } = BurnRateWindowPair.Standard;
}
