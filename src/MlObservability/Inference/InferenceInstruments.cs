using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Inference;

/// <summary>The process-wide instruments behind every <see cref="InferenceMetrics"/>; created once on the shared meter.</summary>
internal static class InferenceInstruments
{
    /// <summary>Bucket boundaries advised to exporters for <c>ml.inference.duration</c>, in seconds.</summary>
    internal static readonly double[] DurationBoundaries =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>Tag saying why a recording was dropped (<c>invalid_duration</c>, <c>duration_above_max</c>).</summary>
    internal const string ReasonTag = "reason";

    internal static readonly InstanceRegistry<InferenceMetrics> Live = new();

    internal static readonly ObservableCounter<long> Requests = MlTelemetry.Meter.CreateObservableCounter(
        "ml.inference.requests", InferenceCountExport.ObserveRequests, "{request}", "Inference calls completed, by outcome.");

    internal static readonly Counter<long> Errors = MlTelemetry.Meter.CreateCounter<long>(
        "ml.inference.errors", "{error}", "Inference calls that failed, by error type.");

    internal static readonly Histogram<double> Duration = MlTelemetry.Meter.CreateHistogram(
        "ml.inference.duration", "s", "Duration of inference calls.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBoundaries });

    internal static readonly ObservableUpDownCounter<long> Active = MlTelemetry.Meter.CreateObservableUpDownCounter(
        "ml.inference.active", InferenceCountExport.ObserveActive, "{request}", "Inference calls in flight.");

    internal static readonly Histogram<long> BatchSize = MlTelemetry.Meter.CreateHistogram(
        "ml.inference.batch.size", "{item}", "Items per inference call.",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    internal static readonly ObservableGauge<double> DurationQuantile = MlTelemetry.Meter.CreateObservableGauge(
        "ml.inference.duration.quantile", ObserveQuantiles, "s",
        "Quantiles of inference duration over the sliding latency window, from the in-process histogram (relative error at most 1 %).");

    internal static readonly ObservableCounter<long> Invalid = MlTelemetry.Meter.CreateObservableCounter(
        "ml.inference.invalid", ObserveInvalid, "{request}",
        "Recordings dropped as invalid, by reason: invalid_duration (negative, NaN, infinite, or a start timestamp Start did not return) or duration_above_max.");

    /// <summary>Hands the durations and batch sizes every live endpoint holds in its per-thread buffers
    /// (<see cref="InferenceMeasurementBuffer"/>) to <see cref="Duration"/> and <see cref="BatchSize"/>. Each of this
    /// class's observable callbacks calls it first, so a listener that collects reads histograms that hold every call
    /// completed before the collection began.</summary>
    internal static void ReplayBuffered()
    {
        foreach (var metrics in Live.Items)
        {
            metrics.HistogramBuffer.ReplayAll();
        }
    }

    private static IEnumerable<Measurement<long>> ObserveInvalid()
    {
        ReplayBuffered();
        foreach (var metrics in Live.Items)
        {
            foreach (var measurement in metrics.ObserveInvalid())
            {
                yield return measurement;
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveQuantiles()
    {
        ReplayBuffered();
        foreach (var metrics in Live.Items)
        {
            foreach (var measurement in metrics.ObserveQuantiles())
            {
                yield return measurement;
            }
        }
    }
}
