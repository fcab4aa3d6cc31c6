using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlObservability.Hosting.Health;

/// <summary>
/// One open monitoring finding that affects health: a value of <see cref="HealthCheckResult.Data"/> of the
/// <see cref="MlMonitoringHealthCheck"/>, written out by <see cref="MlMonitoringHealthResponseWriter"/>. Its
/// <see cref="ToString"/> is the one-line description (<c>wine: drift.feature Critical (...)</c>).
/// </summary>
public sealed record HealthFinding
{
    /// <summary>The model (<c>ml.model.name</c>).</summary>
    public required string Model { get; init; }

    /// <summary>The model version; empty when unknown.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>The finding kind, for example <c>drift.feature</c>, <c>quality.decay</c>, <c>slo.burn</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The finding's severity.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The health status this finding maps to.</summary>
    public required HealthStatus Status { get; init; }

    /// <summary>What the finding is about (feature, objective, window), as published.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The publisher's summary.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>The measured value (score, burn rate, accuracy).</summary>
    public double Value { get; init; }

    /// <summary>The threshold the value crossed, when there is one.</summary>
    public double? Threshold { get; init; }

    /// <summary>When the finding opened (its first event at a non-clear severity); kept while it stays open.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>When its latest event was published.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>The one-line description: model, kind, severity and summary (or value and threshold).</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        string summary = Summary.Length > 0
            ? Summary
            : string.Create(CultureInfo.InvariantCulture, $"value {Value:G4}{(Threshold is { } t ? $" vs threshold {t:G4}" : string.Empty)}");
        return string.Create(CultureInfo.InvariantCulture, $"{Model}: {Kind} {Severity} ({summary})");
    }
}
