using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Drift.Multivariate;

/// <summary>The process-wide instruments behind every <see cref="ReconstructionDriftDetector"/>.</summary>
internal static class ReconstructionDriftInstruments
{
    /// <summary>Tag key for the side of the reference band.</summary>
    public const string BoundTag = "ml.drift.bound";

    /// <summary>The kind of the events raised.</summary>
    public const string EventKind = "drift.multivariate";

    private static readonly InstanceRegistry<ReconstructionDriftDetector> Live = new();

    internal static readonly ObservableGauge<double> Error = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.reconstruction.error", ObserveError, "{error}",
        "Mean PCA reconstruction error (standardised units) of the last evaluated window of rows.");

    internal static readonly ObservableGauge<double> Threshold = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.reconstruction.threshold", ObserveThresholds, "{error}",
        "Reference band of the mean reconstruction error (mean of reference chunks +- k standard deviations), by ml.drift.bound (lower, upper).");

    internal static readonly ObservableGauge<int> Severity = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.reconstruction.severity", ObserveSeverity, "{severity}",
        "Severity of the last evaluated window: 0 within the band, otherwise the configured severity (default 2, warning).");

    internal static readonly ObservableCounter<long> Rows = MlTelemetry.Meter.CreateObservableCounter(
        "ml.drift.reconstruction.rows", ObserveRows, "{row}",
        "Rows offered to the reconstruction detector, by outcome: evaluated, skipped (window full) or wrong_length.");

    internal static readonly ObservableCounter<long> Imputed = MlTelemetry.Meter.CreateObservableCounter(
        "ml.drift.reconstruction.imputed", ObserveImputed, "{value}",
        "Missing or non-finite feature values the reconstruction detector imputed with the reference mean.");

    public static void Register(ReconstructionDriftDetector detector)
    {
        _ = Error;
        Live.Add(detector);
    }

    public static void Unregister(ReconstructionDriftDetector detector) => Live.Remove(detector);

    private static IEnumerable<Measurement<double>> ObserveError()
    {
        foreach (var d in Live.Items)
        {
            if (d.LatestResult is { } r)
            {
                yield return new Measurement<double>(r.MeanError, d.Tags);
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveThresholds()
    {
        foreach (var d in Live.Items)
        {
            yield return new Measurement<double>(d.LowerThreshold, [.. d.Tags, new(BoundTag, "lower")]);
            yield return new Measurement<double>(d.UpperThreshold, [.. d.Tags, new(BoundTag, "upper")]);
        }
    }

    private static IEnumerable<Measurement<int>> ObserveSeverity()
    {
        foreach (var d in Live.Items)
        {
            if (d.LatestResult is { } r)
            {
                yield return new Measurement<int>((int)r.Severity, d.Tags);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveRows()
    {
        foreach (var d in Live.Items)
        {
            yield return new Measurement<long>(d.EvaluatedRows, [.. d.Tags, new(DriftInstruments.RowOutcomeTag, "evaluated")]);
            yield return new Measurement<long>(d.SkippedRows, [.. d.Tags, new(DriftInstruments.RowOutcomeTag, "skipped")]);
            yield return new Measurement<long>(d.WrongLengthRows, [.. d.Tags, new(DriftInstruments.RowOutcomeTag, "wrong_length")]);
        }
    }

    private static IEnumerable<Measurement<long>> ObserveImputed()
    {
        foreach (var d in Live.Items)
        {
            yield return new Measurement<long>(d.ImputedValues, d.Tags);
        }
    }
}
