using System.Diagnostics.Metrics;

namespace MlObservability.Challengers;

/// <summary>The process-wide challenger instruments; they read every live <see cref="ChallengerShadow{TInput}"/>.</summary>
internal static class ChallengerInstruments
{
    internal const string ChallengerVersionTag = "ml.challenger.version";
    internal const string RoleTag = "ml.challenger.role";
    internal const string QuantileTag = "quantile";
    internal const string ReasonTag = "reason";

    internal static readonly InstanceRegistry<ShadowCounters> Live = new();

    private static readonly double[] Quantiles = [0.5, 0.95, 0.99];
    private static readonly string[] QuantileNames = ["0.5", "0.95", "0.99"];

    internal static readonly ObservableCounter<long> Requests = MlTelemetry.Meter.CreateObservableCounter(
        "ml.challenger.requests", () => Live.Items.Select(static c => new Measurement<long>(c.Scored, c.Tags)), "{request}",
        "Requests the challenger scored in shadow.");

    internal static readonly ObservableCounter<long> Dropped = MlTelemetry.Meter.CreateObservableCounter(
        "ml.challenger.dropped", ObserveDropped, "{request}",
        "Shadowed requests that produced no comparison, by reason (queue_full, challenger_failed, pending_full, pending_expired).");

    internal static readonly ObservableGauge<double> DisagreementRate = MlTelemetry.Meter.CreateObservableGauge(
        "ml.challenger.disagreement_rate", () => Live.Items.Select(static c => new Measurement<double>(c.Report.DisagreementRate, c.Tags)), "1",
        "Share of shadowed requests where champion and challenger predicted different classes (label-free).");

    internal static readonly ObservableGauge<double> AccuracyDifference = MlTelemetry.Meter.CreateObservableGauge(
        "ml.challenger.accuracy_difference", () => Live.Items.Select(static c => new Measurement<double>(c.Report.AccuracyDifference, c.Tags)), "1",
        "Challenger minus champion accuracy on the labelled pairs.");

    internal static readonly ObservableGauge<double> PValue = MlTelemetry.Meter.CreateObservableGauge(
        "ml.challenger.mcnemar_p_value", () => Live.Items.Select(static c => new Measurement<double>(c.Report.McNemar.PValue, c.Tags)), "1",
        "Two-sided p-value of McNemar's test on the labelled pairs.");

    internal static readonly ObservableGauge<long> LabelledPairs = MlTelemetry.Meter.CreateObservableGauge(
        "ml.challenger.labelled_pairs", () => Live.Items.Select(static c => new Measurement<long>(c.Report.LabelledPairs, c.Tags)), "{pair}",
        "Labelled pairs behind the comparison.");

    internal static readonly ObservableGauge<int> Verdict = MlTelemetry.Meter.CreateObservableGauge(
        "ml.challenger.verdict", () => Live.Items.Select(static c => new Measurement<int>(VerdictValue(c.Report.Verdict), c.Tags)), "1",
        "1 when the challenger is significantly better, -1 when significantly worse, 0 otherwise.");

    internal static readonly ObservableGauge<double> Latency = MlTelemetry.Meter.CreateObservableGauge(
        "ml.challenger.latency", ObserveLatency, "s",
        "Latency quantiles of champion and challenger on the shadowed requests (ml.challenger.role, quantile).");

    internal static int VerdictValue(ChallengerVerdict verdict) => verdict switch
    {
        ChallengerVerdict.Better => 1,
        ChallengerVerdict.Worse => -1,
        _ => 0,
    };

    internal static string ReasonValue(ShadowDropReason reason) => reason switch
    {
        ShadowDropReason.QueueFull => "queue_full",
        ShadowDropReason.ChallengerFailed => "challenger_failed",
        ShadowDropReason.PendingFull => "pending_full",
        _ => "pending_expired",
    };

    private static IEnumerable<Measurement<long>> ObserveDropped()
    {
        foreach (var counters in Live.Items)
        {
            foreach (var reason in Enum.GetValues<ShadowDropReason>())
            {
                yield return new Measurement<long>(counters.Dropped(reason), [.. counters.Tags, new(ReasonTag, ReasonValue(reason))]);
            }
        }
    }

    private static IEnumerable<Measurement<double>> ObserveLatency()
    {
        foreach (var counters in Live.Items)
        {
            var report = counters.Report;
            for (int i = 0; i < Quantiles.Length; i++)
            {
                yield return new Measurement<double>(report.ChampionLatency[i], [.. counters.Tags, new(RoleTag, "champion"), new(QuantileTag, QuantileNames[i])]);
                yield return new Measurement<double>(report.ChallengerLatency[i], [.. counters.Tags, new(RoleTag, "challenger"), new(QuantileTag, QuantileNames[i])]);
            }
        }
    }

    internal static double[] QuantilesOf(Histograms.HistogramSnapshot snapshot)
    {
        var values = new double[Quantiles.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = snapshot.Count == 0 ? double.NaN : snapshot.GetQuantile(Quantiles[i]);
        }

        return values;
    }
}
