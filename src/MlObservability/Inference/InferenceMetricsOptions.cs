using MlObservability.Diagnostics;
using MlObservability.Histograms;

namespace MlObservability.Inference;

/// <summary>Settings of an <see cref="InferenceMetrics"/>.</summary>
public sealed record InferenceMetricsOptions
{
    /// <summary>Window of the in-process latency quantiles (<c>ml.inference.duration.quantile</c>). Default 5 minutes.</summary>
    public TimeSpan LatencyWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Number of sub-windows the latency window slides by. Default 10.</summary>
    public int LatencySubWindows { get; init; } = 10;

    /// <summary>Range and accuracy of the latency histogram. Default: 1 ns to 1 day at 1 %.</summary>
    public LogHistogramOptions LatencyHistogram { get; init; } = LogHistogramOptions.Latency;

    /// <summary>Quantiles exported as <c>ml.inference.duration.quantile</c>. Default 0.5, 0.9, 0.95, 0.99.</summary>
    public IReadOnlyList<double> ExportedQuantiles { get; init; } = [0.5, 0.9, 0.95, 0.99];

    /// <summary>Maximum distinct error types tagged on <c>ml.inference.errors</c>; more are reported as <c>other</c>. Default 32.</summary>
    public int MaxErrorTypes { get; init; } = 32;

    /// <summary>
    /// Longest duration accepted, in seconds. A longer one is not a latency but a bug (a start timestamp of 0 or from
    /// another clock, a unit mistake): it is dropped and counted on <c>ml.inference.invalid</c> with
    /// <c>reason="duration_above_max"</c>, so one absurd value cannot move the quantiles, the SLOs or the exported histogram.
    /// Default 3,600 (one hour); raise it for batch endpoints that run longer.
    /// </summary>
    public double MaxDurationSeconds { get; init; } = 3600;

    /// <summary>Clock for the latency window; <see cref="TimeProvider.System"/> when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; init; }

    internal void Validate()
    {
        Guard.Positive(LatencyWindow);
        Guard.InRange(LatencySubWindows, 2, 1440);
        Guard.InRange(MaxErrorTypes, 1, 1000);
        Guard.PositiveFinite(MaxDurationSeconds);
        ArgumentNullException.ThrowIfNull(LatencyHistogram);
        ArgumentNullException.ThrowIfNull(ExportedQuantiles);
        foreach (double q in ExportedQuantiles)
        {
            Guard.InRange(q, 0, 1, nameof(ExportedQuantiles));
        }
    }
}
