using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Drift.Streaming;

/// <summary>The process-wide instruments behind every <see cref="StreamingDriftMonitor"/>.</summary>
internal static class StreamingDriftInstruments
{
    /// <summary>Tag key for the monitored stream (<c>confidence</c>, <c>latency</c>, <c>error</c>).</summary>
    public const string StreamTag = "ml.drift.stream";

    /// <summary>The kind of the events raised.</summary>
    public const string EventKind = "drift.stream";

    private static readonly InstanceRegistry<StreamingDriftMonitor> Live = new();

    internal static readonly ObservableGauge<double> Statistic = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.stream.statistic", () => Gauge(m => m.LastStatistic), "{statistic}",
        "Change-detector statistic after the last evaluation: Page-Hinkley and CUSUM in standard deviations (compare with ml.drift.stream.threshold), ADWIN's window width in values.");

    internal static readonly ObservableGauge<double> Threshold = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.stream.threshold", () => Gauge(m => m.DetectorThreshold), "{statistic}",
        "Decision threshold of a Page-Hinkley or CUSUM detector in standard deviations, derived from the configured average run length.");

    internal static readonly ObservableGauge<double> Mean = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.stream.mean", () => Gauge(m => m.LastMean), "{value}",
        "The detector's estimate of the stream mean: ADWIN's window mean; the in-control mean of Page-Hinkley and CUSUM.");

    internal static readonly ObservableCounter<long> Changes = MlTelemetry.Meter.CreateObservableCounter(
        "ml.drift.stream.changes", ObserveChanges, "{change}",
        "Changes signalled by a streaming change detector.");

    internal static readonly ObservableCounter<long> Values = MlTelemetry.Meter.CreateObservableCounter(
        "ml.drift.stream.values", ObserveValues, "{value}",
        "Values offered to a streaming change detector, by outcome: evaluated, dropped (queue full) or non_finite.");

    public static void Register(StreamingDriftMonitor monitor)
    {
        _ = Statistic;
        Live.Add(monitor);
    }

    public static void Unregister(StreamingDriftMonitor monitor) => Live.Remove(monitor);

    private static IEnumerable<Measurement<double>> Gauge(Func<StreamingDriftMonitor, double> read)
    {
        foreach (var m in Live.Items)
        {
            var v = read(m);
            if (!double.IsNaN(v))
            {
                yield return new Measurement<double>(v, m.Tags);
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveChanges()
    {
        foreach (var m in Live.Items)
        {
            yield return new Measurement<long>(m.Changes, m.Tags);
        }
    }

    private static IEnumerable<Measurement<long>> ObserveValues()
    {
        foreach (var m in Live.Items)
        {
            foreach (var measurement in m.ObserveValues())
            {
                yield return measurement;
            }
        }
    }
}
