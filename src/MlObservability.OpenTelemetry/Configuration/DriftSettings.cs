using MlObservability.Drift;

namespace MlObservability.OpenTelemetry.Configuration;

/// <summary>
/// Drift monitoring of one model (<c>MlMonitoring:Models:N:Drift</c>). Active when
/// <see cref="ModelMonitorOptions.DriftReferencePath"/> names a reference profile.
/// </summary>
public sealed class DriftSettings
{
    /// <summary>Rows per count-based tumbling window; each full window is tested. Default 1,000.</summary>
    public int WindowSize { get; set; } = 1_000;

    /// <summary>Fewest values a feature needs in a window before it is tested. Default 100.</summary>
    public int MinimumSamples { get; set; } = 100;

    /// <summary>Bins of the population stability index. Default 10.</summary>
    public int PsiBins { get; set; } = 10;

    internal DriftMonitorOptions ToMonitorOptions() => new()
    {
        WindowSize = WindowSize,
        MinimumSamples = MinimumSamples,
        PsiBins = PsiBins,
    };
}
