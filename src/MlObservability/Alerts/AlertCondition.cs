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
    /// deviations above the mean of its previous <paramref name="window"/> evaluations (a latency anomaly). Needs
    /// <paramref name="minimumSamples"/> samples before it can hold.
    /// </summary>
    /// <param name="signal">Reads the current value.</param>
    /// <param name="window">How many previous evaluations form the baseline.</param>
    /// <param name="zScore">The z-score above which the value is anomalous, for example 3.</param>
    /// <param name="minimumSamples">Samples needed before the condition can hold.</param>
    /// <returns>The condition.</returns>
    public static AlertCondition Anomaly(Func<double?> signal, int window = 60, double zScore = 3, int minimumSamples = 10)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Guard.InRange(window, 2, 100_000);
        Guard.InRange(minimumSamples, 2, window);
        Guard.PositiveFinite(zScore);
        return new AnomalyAlertCondition(signal, window, zScore, minimumSamples);
    }
}

/// <summary>See <see cref="AlertCondition.OnEvent"/>.</summary>
internal sealed class EventAlertCondition(string kind, Severity minimumSeverity, IReadOnlyDictionary<string, string> labelFilter) : AlertCondition
{
    public string Kind { get; } = kind;

    public Severity MinimumSeverity { get; } = minimumSeverity;

    public IReadOnlyDictionary<string, string> LabelFilter { get; } = labelFilter;

    public bool Matches(MonitoringEvent e)
    {
        bool kindMatches = Kind.EndsWith('*')
            ? e.Kind.StartsWith(Kind[..^1], StringComparison.Ordinal)
            : string.Equals(e.Kind, Kind, StringComparison.Ordinal);
        if (!kindMatches)
        {
            return false;
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
internal sealed class AnomalyAlertCondition(Func<double?> signal, int window, double zScore, int minimumSamples) : AlertCondition
{
    public Func<double?> Signal { get; } = signal;

    private readonly double[] _history = new double[window];
    private int _count;
    private int _next;

    public double ZScore { get; } = zScore;

    public (bool Holds, double Value, double Z) Check(double? read)
    {
        if (read is not { } value || !double.IsFinite(value))
        {
            return (false, double.NaN, double.NaN);
        }

        double z = double.NaN;
        if (_count >= minimumSamples)
        {
            double mean = 0;
            for (int i = 0; i < _count; i++)
            {
                mean += _history[i];
            }

            mean /= _count;
            double variance = 0;
            for (int i = 0; i < _count; i++)
            {
                variance += (_history[i] - mean) * (_history[i] - mean);
            }

            double std = Math.Sqrt(variance / (_count - 1));
            z = std > 0 ? (value - mean) / std : value > mean ? double.PositiveInfinity : 0;
        }

        _history[_next] = value;
        _next = (_next + 1) % _history.Length;
        _count = Math.Min(_count + 1, _history.Length);
        return (z > ZScore, value, z);
    }
}
