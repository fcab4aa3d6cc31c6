using MlObservability.Inference;

namespace MlObservability.Alerts;

/// <summary>
/// The values the standard threshold rules read on each evaluation. Leave a signal null to drop its rules.
/// <see cref="From"/> wires them to an <see cref="InferenceMetrics"/>.
/// </summary>
public sealed class AlertSignals
{
    /// <summary>The latency percentile of the latency SLO, in seconds (null when there is no traffic).</summary>
    public Func<double?>? LatencyPercentileSeconds { get; set; }

    /// <summary>The error rate since the previous evaluation (null when there was no traffic).</summary>
    public Func<double?>? ErrorRate { get; set; }

    /// <summary>The share of low-confidence predictions since the previous evaluation.</summary>
    public Func<double?>? LowConfidenceShare { get; set; }

    /// <summary>The current accuracy (labelled or estimated) from the quality module.</summary>
    public Func<double?>? Accuracy { get; set; }

    /// <summary>Seconds until the first SLO error budget is exhausted at the current burn rate (the soonest
    /// <c>ml.slo.error_budget.exhaustion</c> of the model; null before the first SLO evaluation).</summary>
    public Func<double?>? SloErrorBudgetExhaustionSeconds { get; set; }

    /// <summary>Seconds since the serving model version was trained (<c>ml.model.age</c>; null when unknown).</summary>
    public Func<double?>? ModelAgeSeconds { get; set; }

    /// <summary>
    /// Signals over an <see cref="InferenceMetrics"/>: the <paramref name="percentile"/> of its sliding latency window,
    /// and the error rate between consecutive evaluations (from its counters, so no extra hot-path work).
    /// </summary>
    /// <param name="metrics">The model's inference metrics.</param>
    /// <param name="percentile">The latency percentile, for example 0.95.</param>
    /// <returns>The signals; set <see cref="LowConfidenceShare"/> and <see cref="Accuracy"/> from the quality module.</returns>
    public static AlertSignals From(InferenceMetrics metrics, double percentile = 0.95)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new AlertSignals
        {
            LatencyPercentileSeconds = () =>
            {
                var snapshot = metrics.Latency.GetSnapshot();
                return snapshot.Count == 0 ? null : snapshot.GetQuantile(percentile);
            },
            ErrorRate = RatioSinceLastRead(() => metrics.ErrorCount, () => metrics.RequestCount - metrics.CancelledCount),
        };
    }

    /// <summary>
    /// A signal that returns the increase of <paramref name="part"/> over the increase of <paramref name="whole"/>
    /// since its previous read (null when <paramref name="whole"/> did not increase): a rate over the evaluation
    /// interval from two cumulative counters.
    /// </summary>
    /// <param name="part">The cumulative count of the events of interest (errors, low-confidence predictions).</param>
    /// <param name="whole">The cumulative count of all events.</param>
    /// <returns>The signal.</returns>
    public static Func<double?> RatioSinceLastRead(Func<long> part, Func<long> whole)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(whole);
        long lastPart = part();
        long lastWhole = whole();
        var gate = new object();
        return () =>
        {
            lock (gate)
            {
                long p = part();
                long w = whole();
                long dp = p - lastPart;
                long dw = w - lastWhole;
                lastPart = p;
                lastWhole = w;
                return dw <= 0 ? null : (double)dp / dw;
            }
        };
    }
}
