using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Drift.Embedding;

/// <summary>The process-wide instruments behind every <see cref="EmbeddingDriftDetector"/>.</summary>
internal static class EmbeddingDriftInstruments
{
    /// <summary>The kind of the events raised.</summary>
    public const string EventKind = "drift.embedding";

    private static readonly InstanceRegistry<EmbeddingDriftDetector> Live = new();

    internal static readonly ObservableGauge<double> Mmd = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.embedding.mmd2", () => Gauge(r => r.Mmd2), "{score}",
        "Unbiased squared maximum mean discrepancy (Gaussian kernel, median-heuristic bandwidth) between the last window of an embedding input and its reference subsample.");

    internal static readonly ObservableGauge<double> MmdThreshold = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.embedding.mmd2.threshold", () => Gauge(r => r.MmdThreshold), "{score}",
        "MMD² threshold calibrated on reference windows at profile build time (the 1 - false-alarm-rate quantile).");

    internal static readonly ObservableGauge<double> Centroid = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.embedding.centroid_distance", () => Gauge(r => r.CentroidDistance), "{score}",
        "Cosine distance between the centroid of the last window of an embedding input and the reference centroid.");

    internal static readonly ObservableGauge<double> CentroidThreshold = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.embedding.centroid_distance.threshold", () => Gauge(r => r.CentroidThreshold), "{score}",
        "Centroid cosine-distance threshold calibrated on reference windows at profile build time.");

    internal static readonly ObservableCounter<long> Rows = MlTelemetry.Meter.CreateObservableCounter(
        "ml.drift.embedding.rows", ObserveRows, "{vector}",
        "Vectors offered to an embedding detector, by outcome: evaluated, skipped (window full) or invalid (wrong length or non-finite).");

    public static void Register(EmbeddingDriftDetector detector)
    {
        _ = Mmd;
        Live.Add(detector);
    }

    public static void Unregister(EmbeddingDriftDetector detector) => Live.Remove(detector);

    private static IEnumerable<Measurement<double>> Gauge(Func<EmbeddingDriftResult, double> read)
    {
        foreach (var d in Live.Items)
        {
            if (d.LatestResult is { } r)
            {
                yield return new Measurement<double>(read(r), d.Tags);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveRows()
    {
        foreach (var d in Live.Items)
        {
            yield return new Measurement<long>(d.EvaluatedRows, [.. d.Tags, new(DriftInstruments.RowOutcomeTag, "evaluated")]);
            yield return new Measurement<long>(d.SkippedRows, [.. d.Tags, new(DriftInstruments.RowOutcomeTag, "skipped")]);
            yield return new Measurement<long>(d.InvalidRows, [.. d.Tags, new(DriftInstruments.RowOutcomeTag, "invalid")]);
        }
    }
}
