using MlObservability.Alerts;

namespace MlObservability.Hosting.Configuration;

/// <summary>The standard alert rules of one model (<c>MlMonitoring:Models:N:Alerts</c>): SLO burn, error rate, latency,
/// latency anomaly, accuracy, low confidence, drift and quality decay.</summary>
public sealed class ModelAlertsOptions
{
    /// <summary>Whether the model's standard rules are evaluated. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Thresholds and <c>for</c> durations of the standard rules (the seeds' values by default).</summary>
    public AlertThresholds Thresholds { get; set; } = new();
}
