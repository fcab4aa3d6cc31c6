using MlObservability.Diagnostics;

namespace MlObservability.Alerts;

/// <summary>
/// When an <see cref="AlertRule"/> holds: on monitoring events from detectors, on a signal against a threshold, or on
/// a signal that is anomalous against its own recent history.
/// </summary>
public abstract class AlertCondition
{
    private protected AlertCondition()
    {
    }

    /// <summary>
    /// Holds while the latest <see cref="MonitoringEvent"/> of <paramref name="eventKind"/> (for the rule's model and
    /// one set of event labels) has at least <paramref name="minimumSeverity"/>. Each distinct label set (feature,
    /// SLO and window, ...) becomes its own alert.
    /// </summary>
    /// <param name="eventKind">The event kind, for example <c>drift.feature</c>; a trailing <c>*</c> matches a prefix
    /// (<c>drift.*</c>).</param>
    /// <param name="minimumSeverity">The least event severity that makes the condition hold.</param>
    /// <param name="labelFilter">Event labels that must match exactly (for example <c>window = 1h-5m</c>); optional.</param>
    /// <returns>The condition.</returns>
    public static AlertCondition OnEvent(string eventKind, Severity minimumSeverity, IReadOnlyDictionary<string, string>? labelFilter = null)
    {
        Guard.NotNullOrWhiteSpace(eventKind);
        if (minimumSeverity == Severity.None)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumSeverity), "An event condition needs a minimum severity of Info, Warning or Critical.");
        }

        return new EventAlertCondition(eventKind, minimumSeverity, labelFilter ?? new Dictionary<string, string>());
    }

    /// <summary>Holds while <paramref name="signal"/> compares with <paramref name="threshold"/> as asked. A signal that
    /// returns <see langword="null"/> or NaN has no data and does not hold.</summary>
    /// <param name="signal">Reads the current value, for example the P95 latency of the sliding window; called on
    /// evaluation, never on the recording path.</param>
    /// <param name="comparison">Above or below.</param>
    /// <param name="threshold">The threshold.</param>
    /// <returns>The condition.</returns>
    public static AlertCondition Threshold(Func<double?> signal, AlertComparison comparison, double threshold)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "A threshold must be a finite number.");
        }

        return new ThresholdAlertCondition(signal, comparison, threshold);
    }

    /// <summary>
    /// Holds while the current value of <paramref name="signal"/> is more than <paramref name="zScore"/> standard
    /// deviations above the mean of a baseline: the <paramref name="window"/> evaluations before the most recent
    /// <paramref name="baselineLag"/> ones (a latency anomaly). The lag keeps a step change out of its own baseline
    /// long enough for the rule's <c>for</c> duration; the generated Prometheus rule uses the same offset. Needs
    /// <paramref name="minimumSamples"/> baseline samples before it can hold. The condition keeps its history, so give
    /// each engine its own rule instances.
    /// </summary>
    /// <param name="signal">Reads the current value.</param>
    /// <param name="window">How many evaluations form the baseline.</param>
    /// <param name="zScore">The z-score above which the value is anomalous, for example 3.</param>
    /// <param name="minimumSamples">Baseline samples needed before the condition can hold.</param>
    /// <param name="baselineLag">How many of the most recent evaluations stay out of the baseline.</param>
    /// <returns>The condition.</returns>
    public static AlertCondition Anomaly(Func<double?> signal, int window = 60, double zScore = 3, int minimumSamples = 10, int baselineLag = 10)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Guard.InRange(window, 2, 100_000);
        Guard.InRange(minimumSamples, 2, window);
        Guard.InRange(baselineLag, 0, 100_000);
        Guard.PositiveFinite(zScore);
        return new AnomalyAlertCondition(signal, window, zScore, minimumSamples, baselineLag);
    }
}

/// <summary>See <see cref="AlertCondition.OnEvent"/>.</summary>
internal sealed class EventAlertCondition(string kind, Severity minimumSeverity, IReadOnlyDictionary<string, string> labelFilter) : AlertCondition
{
    public string Kind { get; } = kind;

    public Severity MinimumSeverity { get; } = minimumSeverity;

    /// <summary>Whether <paramref name="kind"/> is the condition's kind, or starts with its prefix when it ends in <c>*</c>.</summary>
    public bool MatchesKind(string kind) => Kind.EndsWith('*')
        ? kind.AsSpan().StartsWith(Kind.AsSpan(0, Kind.Length - 1), StringComparison.Ordinal)
        : string.Equals(kind, Kind, StringComparison.Ordinal);

    public IReadOnlyDictionary<string, string> LabelFilter { get; } = labelFilter;

    public bool Matches(MonitoringEvent e)
    {
        if (!MatchesKind(e.Kind))
        {
            return false;
        }

        if (LabelFilter.Count == 0)
        {
            return true;
        }

        foreach (var (key, value) in LabelFilter)
        {
            if (!e.Labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>See <see cref="AlertCondition.Threshold"/>.</summary>
internal sealed class ThresholdAlertCondition(Func<double?> signal, AlertComparison comparison, double threshold) : AlertCondition
{
    public Func<double?> Signal { get; } = signal;

    public double Limit { get; } = threshold;

    public AlertComparison Comparison { get; } = comparison;

    public (bool Holds, double Value) Check(double? value)
    {
        if (value is not { } v || double.IsNaN(v))
        {
            return (false, double.NaN);
        }

        return (Comparison == AlertComparison.GreaterThan ? v > Limit : v < Limit, v);
    }
}

/// <summary>See <see cref="AlertCondition.Anomaly"/>. Keeps a fixed ring of the previous values.</summary>
internal sealed class AnomalyAlertCondition(Func<double?> signal, int window, double zScore, int minimumSamples, int baselineLag) : AlertCondition
{
    private readonly double[] _history = new double[window + baselineLag];
    private int _count;
    private int _next;

    public Func<double?> Signal { get; } = signal;

    public double ZScore { get; } = zScore;

    public (bool Holds, double Value, double Z) Check(double? read)
    {
        if (read is not { } value || !double.IsFinite(value))
        {
            return (false, double.NaN, double.NaN);
        }

        int baseline = Math.Min(_count - baselineLag, window);
        double z = double.NaN;
        if (baseline >= minimumSamples)
        {
            double mean = 0;
            for (int i = 0; i < baseline; i++)
            {
                mean += At(baselineLag + i);
            }

            mean /= baseline;
            double variance = 0;
            for (int i = 0; i < baseline; i++)
            {
                double d = At(baselineLag + i) - mean;
                variance += d * d;
            }

            double std = Math.Sqrt(variance / (baseline - 1));
            z = std > 0 ? (value - mean) / std : value > mean ? double.PositiveInfinity : 0;
        }

        _history[_next] = value;
        _next = (_next + 1) % _history.Length;
        _count = Math.Min(_count + 1, _history.Length);
        return (z > ZScore, value, z);
    }

    /// <summary>The value stored <paramref name="back"/> evaluations before the newest (0 = newest).</summary>
    private double At(int back) => _history[(((_next - 1 - back) % _history.Length) + _history.Length) % _history.Length];
}
