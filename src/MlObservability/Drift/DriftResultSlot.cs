namespace MlObservability.Drift;

/// <summary>The latest result of one test on one feature, read by the observable instruments; its tag array and event
/// labels are built once.</summary>
internal sealed class DriftResultSlot(DriftMethod method, DriftThresholds thresholds, KeyValuePair<string, object?>[] tags, IReadOnlyDictionary<string, string> labels)
{
    public DriftMethod Method { get; } = method;

    public DriftThresholds Thresholds { get; } = thresholds;

    public KeyValuePair<string, object?>[] Tags { get; } = tags;

    public IReadOnlyDictionary<string, string> Labels { get; } = labels;

    public bool HasValue { get; set; }

    public double Score { get; set; }

    public double PValue { get; set; } = double.NaN;

    public Severity Severity { get; set; }

    /// <summary>The feature (or output) name once a result has been published (<see cref="DriftMonitor.LatestResults"/>
    /// reads the latest from here); <see langword="null"/> before the first.</summary>
    public string? PublishedFeature { get; set; }

    /// <summary>The severity of the latest published result (<see cref="Severity"/> may already hold the next window's
    /// until it is published).</summary>
    public Severity PublishedSeverity { get; set; }

    /// <summary>The threshold reached by the latest published result.</summary>
    public double PublishedThreshold { get; set; }

    /// <summary>The number of values the latest published result was computed from.</summary>
    public int PublishedSampleSize { get; set; }

    /// <summary>When the latest published result was evaluated.</summary>
    public DateTimeOffset PublishedAt { get; set; }
}
