using MlObservability.Alerts;
using MlObservability.Diagnostics;
using MlObservability.Slo;

namespace MlObservability.MonitoringAsCode;

/// <summary>
/// One model as the monitoring-as-code generators see it: its name, SLOs and alert thresholds. The same objects
/// configure the in-process <see cref="SloTracker"/> and <see cref="StandardAlertRules"/>.
/// </summary>
public sealed class ModelMonitoringDefinition
{
    private readonly string? _endpoint;

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

    /// <summary>
    /// The endpoint (<c>ml.endpoint</c>) whose calls the SLO, error-rate and latency rules count; every endpoint of the
    /// model when <see langword="null"/>. Set it when a model has several endpoints (for example the service call and the
    /// raw ONNX Runtime run), so each call is counted once.
    /// </summary>
    public string? Endpoint
    {
        get => _endpoint;
        init
        {
            if (value is not null && (value.Contains('"', StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)))
            {
                throw new ArgumentException($"Endpoint '{value}' cannot be used in generated PromQL: remove quotes, backslashes and newlines.", nameof(Endpoint));
            }

            _endpoint = value;
        }
    }

    /// <summary>Windows, significance and thresholds of the generated fleet drift rules (<see cref="FleetRuleGenerator"/>).</summary>
    public FleetDriftDefinition FleetDrift { get; init; } = new();

    /// <summary>How the generated fleet rules alert on quality across replicas (<see cref="FleetQualityDefinition"/>).</summary>
    public FleetQualityDefinition FleetQuality { get; init; } = new();

    /// <summary>Burn-rate window pairs for the generated rules; the workbook's standard pairs.</summary>
    public IReadOnlyList<BurnRateWindowPair> WindowPairs { get; init; } = BurnRateWindowPair.Standard;
}
