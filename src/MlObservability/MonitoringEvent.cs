namespace MlObservability;

/// <summary>
/// A finding raised by a detector off the hot path (drift evaluation, quality decay, SLO burn) for the alert engine and
/// any other <see cref="IMonitoringEventSink"/> to consume. Events are raised on every evaluation, including
/// <see cref="Severity.None"/> ones, so consumers can see a condition clear; a detector builds one only for sinks that
/// accept it (<see cref="IMonitoringEventSink.Accepts"/>, which accepts everything unless a sink says otherwise).
/// </summary>
public sealed record MonitoringEvent
{
    /// <summary>What kind of finding this is, dotted lowercase, for example <c>drift.feature</c>, <c>drift.prediction</c>,
    /// <c>quality.decay</c>, <c>slo.burn</c>. Alert rules match on it.</summary>
    public required string Kind { get; init; }

    /// <summary>The model the finding is about.</summary>
    public required string ModelName { get; init; }

    /// <summary>The model version (empty when unknown).</summary>
    public string ModelVersion { get; init; } = string.Empty;

    /// <summary>How serious the finding is; <see cref="Severity.None"/> means the condition is clear.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The measured value that led to the finding (a drift score, an accuracy, a burn rate).</summary>
    public double Value { get; init; }

    /// <summary>The threshold the value was compared with, when there is one.</summary>
    public double? Threshold { get; init; }

    /// <summary>Further identifying labels (for example <c>feature</c>, <c>method</c>, <c>slo</c>, <c>segment</c>);
    /// they become alert labels and take part in the alert fingerprint.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = EmptyLabels;

    /// <summary>A one-line human summary.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>When the finding was made.</summary>
    public DateTimeOffset Timestamp { get; init; }

    private static readonly IReadOnlyDictionary<string, string> EmptyLabels = new Dictionary<string, string>();
}
