using System.Diagnostics.Metrics;
using MlObservability.Cardinality;

namespace MlObservability.Drift;

/// <summary>The process-wide instruments behind every <see cref="DriftMonitor"/>; created once on the shared meter.</summary>
internal static class DriftInstruments
{

    /// <summary>Tag key for the data-quality reason of <c>ml.data.invalid</c>.</summary>
    public const string ReasonTag = "reason";

    /// <summary>Tag key for the row outcome of <c>ml.drift.rows</c>.</summary>
    public const string RowOutcomeTag = "outcome";

    /// <summary>Tag key of the bin of the fleet counters (cumulative, as a Prometheus histogram's).</summary>
    public const string BinTag = "le";

    /// <summary>Tag key of the feature kind (<c>numeric</c>, <c>categorical</c>) on <c>ml.feature.reference.rows</c>.</summary>
    public const string FeatureKindTag = "ml.feature.kind";

    internal static readonly InstanceRegistry<DriftMonitor> Live = new();

    internal static readonly ObservableCounter<long> FleetBins = MlTelemetry.Meter.CreateObservableCounter(
        "ml.feature.bin", () => Many(m => m.ObserveFleetBins()), "{value}",
        "Fleet drift counters: values recorded per feature into bins at the reference quantiles (categories for categorical features), cumulative over the bin index le = 0..k-1 and +Inf; they add up across replicas.");

    internal static readonly ObservableGauge<double> FleetReference = MlTelemetry.Meter.CreateObservableGauge(
        "ml.feature.reference.fraction", () => Many(m => m.ObserveFleetReference()), "1",
        "The reference profile's cumulative fraction through each fleet bin (le), per feature; constant.");

    internal static readonly ObservableGauge<long> FleetReferenceRows = MlTelemetry.Meter.CreateObservableGauge(
        "ml.feature.reference.rows", () => Many(m => m.ObserveFleetReferenceRows()), "{row}",
        "The number of reference values behind the fleet reference fractions, per feature; constant.");

    internal static readonly ObservableGauge<double> Score = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.score", ObserveScores, "{score}",
        "Drift effect size of the last evaluated window per feature and method (KS D, PSI, Jensen-Shannon distance, normalised Wasserstein, Cohen's w).");

    internal static readonly ObservableGauge<double> PValue = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.p_value", ObservePValues, "{p-value}",
        "p-value of the last evaluated window per feature, for tests that have one (KS, chi-square).");

    internal static readonly ObservableGauge<int> Severity = MlTelemetry.Meter.CreateObservableGauge(
        "ml.drift.severity", ObserveSeverities, "{severity}",
        "Drift severity of the last evaluated window per feature and method: 0 none, 1 info, 2 warning, 3 critical.");

    internal static readonly ObservableCounter<long> Invalid = MlTelemetry.Meter.CreateObservableCounter(
        "ml.data.invalid", ObserveInvalid, "{value}",
        "Data-quality problems seen by drift monitors, by feature and reason (missing, non_finite, out_of_range, unseen_category, wrong_length, unknown_feature).");

    internal static readonly ObservableCounter<long> Rows = MlTelemetry.Meter.CreateObservableCounter(
        "ml.drift.rows", ObserveRows, "{row}",
        "Rows offered to drift monitors, by outcome: evaluated (part of a tested window) or skipped (window full or slice capped).");

    internal static readonly ObservableCounter<long> DeferredEvaluations = MlTelemetry.Meter.CreateObservableCounter(
        "ml.drift.evaluations.deferred", () => Many(m => m.ObserveDeferredEvaluations()), "{evaluation}",
        "Evaluations of filled drift windows postponed because the monitor's evaluator had used its share of a core (MaxEvaluationShare).");

    private static IEnumerable<Measurement<T>> Many<T>(Func<DriftMonitor, IEnumerable<Measurement<T>>> observe)
        where T : struct
    {
        foreach (var monitor in Live.Items)
        {
            foreach (var measurement in observe(monitor))
            {
                yield return measurement;
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveScores()
    {
        foreach (var monitor in Live.Items)
        {
            foreach (var slot in monitor.ResultSlots)
            {
                if (slot.HasValue)
                {
                    yield return new Measurement<double>(slot.Score, slot.Tags);
                }
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObservePValues()
    {
        foreach (var monitor in Live.Items)
        {
            foreach (var slot in monitor.ResultSlots)
            {
                if (slot.HasValue && !double.IsNaN(slot.PValue))
                {
                    yield return new Measurement<double>(slot.PValue, slot.Tags);
                }
            }
        }
    }

    private static IEnumerable<Measurement<int>> ObserveSeverities()
    {
        foreach (var monitor in Live.Items)
        {
            foreach (var slot in monitor.ResultSlots)
            {
                if (slot.HasValue)
                {
                    yield return new Measurement<int>((int)slot.Severity, slot.Tags);
                }
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveInvalid()
    {
        foreach (var monitor in Live.Items)
        {
            foreach (var measurement in monitor.ObserveInvalid())
            {
                yield return measurement;
            }
        }
    }

    private static IEnumerable<Measurement<long>> ObserveRows()
    {
        foreach (var monitor in Live.Items)
        {
            foreach (var measurement in monitor.ObserveRows())
            {
                yield return measurement;
            }
        }
    }
}
