using System.Diagnostics.Metrics;

namespace MlObservability.Outcomes;

/// <summary>The process-wide business outcome instruments every <see cref="OutcomeTracker"/> records into.</summary>
internal static class OutcomeInstruments
{
    /// <summary>Tag of the outcome name (<c>user_feedback_score</c>, <c>conversion</c>).</summary>
    internal const string NameTag = "ml.outcome.name";

    /// <summary>Tag of what became of the join by request id on <c>ml.outcome.joins</c>.</summary>
    internal const string JoinTag = "ml.outcome.join";

    /// <summary>Tag of why an outcome was dropped on <c>ml.outcome.dropped</c>.</summary>
    internal const string DropReasonTag = "ml.outcome.drop_reason";

    /// <summary>
    /// Default bucket boundaries of <c>ml.outcome.value</c>: half steps over a 0-5 rating, whole steps to 10 (NPS-style
    /// scores), then money-like steps to 10,000; 0 and 1 also split conversions and clicks. Other boundaries: an
    /// OpenTelemetry view on <c>ml.outcome.value</c>.
    /// </summary>
    internal static readonly double[] ValueBoundaries =
        [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    internal static readonly Histogram<double> Value = MlTelemetry.Meter.CreateHistogram(
        "ml.outcome.value", unit: null,
        description: "Business outcomes (user rating, conversion, revenue) by outcome name and, when joined by request id, by the predicted class.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ValueBoundaries });

    internal static readonly Counter<long> Joins = MlTelemetry.Meter.CreateCounter<long>(
        "ml.outcome.joins", "{outcome}",
        "Outcomes recorded, by what became of the join to their request's prediction: joined, not_held, expired, or none (no request id).");

    internal static readonly Counter<long> Dropped = MlTelemetry.Meter.CreateCounter<long>(
        "ml.outcome.dropped", "{outcome}",
        "Outcomes dropped, by reason: non_finite, unknown_name, name_limit.");

    /// <summary>The tag value of each <see cref="OutcomeResult"/> on <c>ml.outcome.joins</c> or <c>ml.outcome.dropped</c>.</summary>
    internal static string TagValue(OutcomeResult result) => result switch
    {
        OutcomeResult.FreeStanding => "none",
        OutcomeResult.Joined => "joined",
        OutcomeResult.NotHeld => "not_held",
        OutcomeResult.Expired => "expired",
        OutcomeResult.NonFinite => "non_finite",
        OutcomeResult.UnknownName => "unknown_name",
        OutcomeResult.NameLimit => "name_limit",
        _ => "no_tracker",
    };
}
