using System.Globalization;
using MlObservability.Diagnostics;

namespace MlObservability.Slo;

/// <summary>
/// One service level objective of a model: which events are good, and the share of good events it promises
/// (<see cref="Target"/>). The error budget is <c>1 - Target</c>. Create objectives with the static factories; the same
/// objects drive the in-process <see cref="SloTracker"/> and the generated Prometheus rules.
/// </summary>
public sealed class SloObjective
{
    private SloObjective(string name, SloObjectiveKind kind, double target, TimeSpan? latencyThreshold, double minRequestsPerSecond)
    {
        Name = Guard.NotNullOrWhiteSpace(name);
        if (!(target > 0 && target < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"The target of SLO '{name}' must be strictly between 0 and 1 (for example 0.99); got {target}.");
        }

        Kind = kind;
        Target = target;
        LatencyThreshold = latencyThreshold;
        MinRequestsPerSecond = minRequestsPerSecond;
    }

    /// <summary>The objective name, unique per model (tag <c>ml.slo.name</c>).</summary>
    public string Name { get; }

    /// <summary>What the objective counts.</summary>
    public SloObjectiveKind Kind { get; }

    /// <summary>The promised share of good events, strictly between 0 and 1.</summary>
    public double Target { get; }

    /// <summary>The share of bad events the objective tolerates: <c>1 - Target</c>.</summary>
    public double ErrorBudget => 1 - Target;

    /// <summary>For <see cref="SloObjectiveKind.Latency"/>: a successful call at or under this duration is good.</summary>
    public TimeSpan? LatencyThreshold { get; }

    /// <summary>For <see cref="SloObjectiveKind.Throughput"/>: the request rate a minute must reach to be good.</summary>
    public double MinRequestsPerSecond { get; }

    /// <summary>
    /// A latency objective: <paramref name="target"/> of successful calls complete within <paramref name="threshold"/>.
    /// </summary>
    /// <param name="name">The objective name.</param>
    /// <param name="threshold">The latency a good call stays at or under.</param>
    /// <param name="target">The share of calls that must be good, for example 0.95.</param>
    /// <returns>The objective.</returns>
    public static SloObjective Latency(string name, TimeSpan threshold, double target) =>
        new(name, SloObjectiveKind.Latency, target, Guard.Positive(threshold), 0);

    /// <summary>
    /// A percentile objective, such as "P95 under 500 ms": the <paramref name="percentile"/> of latency stays under
    /// <paramref name="threshold"/> exactly when that share of calls is at or under it, so this is a
    /// <see cref="Latency"/> objective named <c>latency_p95</c> with target 0.95.
    /// </summary>
    /// <param name="percentile">The percentile as a fraction, for example 0.95.</param>
    /// <param name="threshold">The latency the percentile must stay under.</param>
    /// <returns>The objective.</returns>
    public static SloObjective LatencyPercentile(double percentile, TimeSpan threshold) =>
        Latency("latency_p" + (percentile * 100).ToString("0.##", CultureInfo.InvariantCulture).Replace('.', '_'), threshold, percentile);

    /// <summary>An error-rate objective: at most <paramref name="maxErrorRate"/> of non-cancelled calls fail.</summary>
    /// <param name="maxErrorRate">The tolerated error share, for example 0.01.</param>
    /// <param name="name">The objective name.</param>
    /// <returns>The objective.</returns>
    public static SloObjective ErrorRate(double maxErrorRate, string name = "error_rate") =>
        new(name, SloObjectiveKind.ErrorRate, 1 - maxErrorRate, null, 0);

    /// <summary>An availability objective, for example 0.995 (3.6 hours of failure a month).</summary>
    /// <param name="target">The share of calls (and health probes) that must succeed.</param>
    /// <param name="name">The objective name.</param>
    /// <returns>The objective.</returns>
    public static SloObjective Availability(double target, string name = "availability") =>
        new(name, SloObjectiveKind.Availability, target, null, 0);

    /// <summary>
    /// A throughput floor: <paramref name="target"/> of minutes serve at least <paramref name="minRequestsPerSecond"/>.
    /// </summary>
    /// <param name="minRequestsPerSecond">The request rate a minute must reach.</param>
    /// <param name="target">The share of minutes that must reach it.</param>
    /// <param name="name">The objective name.</param>
    /// <returns>The objective.</returns>
    public static SloObjective Throughput(double minRequestsPerSecond, double target = 0.99, string name = "throughput") =>
        new(name, SloObjectiveKind.Throughput, target, null, Guard.PositiveFinite(minRequestsPerSecond));

    /// <summary>
    /// An accuracy objective fed with labelled outcomes through <see cref="SloTracker.RecordEvent"/> (correct = good).
    /// </summary>
    /// <param name="target">The accuracy to keep, for example 0.85.</param>
    /// <param name="name">The objective name.</param>
    /// <returns>The objective.</returns>
    public static SloObjective Accuracy(double target, string name = "accuracy") =>
        new(name, SloObjectiveKind.Custom, target, null, 0);

    /// <summary>A custom objective fed only through <see cref="SloTracker.RecordEvent"/>.</summary>
    /// <param name="name">The objective name.</param>
    /// <param name="target">The share of good events.</param>
    /// <returns>The objective.</returns>
    public static SloObjective Custom(string name, double target) =>
        new(name, SloObjectiveKind.Custom, target, null, 0);

    /// <summary>For <see cref="SloObjectiveKind.Outcome"/>: the outcome name whose values the objective judges.</summary>
    public string? OutcomeName { get; private init; }

    /// <summary>For <see cref="SloObjectiveKind.Outcome"/>: the threshold a good outcome reaches.</summary>
    public double OutcomeThreshold { get; private init; }

    /// <summary>For <see cref="SloObjectiveKind.Outcome"/>: whether a good outcome is at or under
    /// <see cref="OutcomeThreshold"/> (a refund, a time to resolution) instead of at or above it.</summary>
    public bool OutcomeAtMost { get; private init; }

    /// <summary>
    /// A business outcome objective: <paramref name="target"/> of the outcomes recorded under
    /// <paramref name="outcomeName"/> (<see cref="Outcomes.OutcomeTracker"/>) are at or above
    /// <paramref name="threshold"/> ("95 % of sessions score at least 3"), or at or under it with
    /// <paramref name="atMost"/>. It has an error budget, burn rates and an exhaustion forecast like every objective.
    /// </summary>
    /// <param name="name">The objective name.</param>
    /// <param name="outcomeName">The outcome name, for example <c>user_feedback_score</c>.</param>
    /// <param name="threshold">The value a good outcome reaches (finite).</param>
    /// <param name="target">The share of outcomes that must be good, for example 0.95.</param>
    /// <param name="atMost">Whether good means at or under <paramref name="threshold"/>.</param>
    /// <returns>The objective.</returns>
    public static SloObjective Outcome(string name, string outcomeName, double threshold, double target, bool atMost = false) =>
        new(name, SloObjectiveKind.Outcome, target, null, 0)
        {
            OutcomeName = Guard.NotNullOrWhiteSpace(outcomeName),
            OutcomeThreshold = double.IsFinite(threshold) ? threshold : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"The threshold of outcome SLO '{name}' must be a finite number."),
            OutcomeAtMost = atMost,
        };

    /// <summary>Whether an outcome value is good for this <see cref="SloObjectiveKind.Outcome"/> objective.</summary>
    internal bool IsGoodOutcome(double value) => OutcomeAtMost ? value <= OutcomeThreshold : value >= OutcomeThreshold;

    /// <summary>The seeds' objectives: P95 under 500 ms, error rate under 1 %, availability 99.5 %, accuracy over 85 %.</summary>
    /// <returns>New objectives.</returns>
    public static IReadOnlyList<SloObjective> SeedDefaults() =>
    [
        LatencyPercentile(0.95, TimeSpan.FromMilliseconds(500)),
        ErrorRate(0.01),
        Availability(0.995),
        Accuracy(0.85),
    ];

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Kind}, target {Target.ToString(CultureInfo.InvariantCulture)})";
}
