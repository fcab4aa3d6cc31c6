namespace MlObservability.Quality;

/// <summary>
/// A sampled prediction waiting for its ground-truth label: what a <see cref="IPendingPredictionStore"/> keeps under the
/// request id. It carries no feature values. A shared store rebuilds it with <see cref="PendingPrediction(string, PredictionKind, string?, int, double, double, string?, DateTimeOffset, string)"/>;
/// the joining monitor then maps the class and segment by name, because another replica may number them differently.
/// </summary>
public sealed class PendingPrediction
{
    /// <summary>A prediction made in this process: class and segment indexes are this monitor's.</summary>
    internal PendingPrediction(string requestId, PredictionKind kind, int predictedClass, double confidence, double predictedValue, int segment, long timestampTicks,
        string? predictedLabel = null, string? segmentName = null, string modelVersion = "")
    {
        RequestId = requestId;
        Kind = kind;
        PredictedClass = predictedClass;
        Confidence = confidence;
        PredictedValue = predictedValue;
        SegmentIndex = segment;
        TimestampTicks = timestampTicks;
        PredictedLabel = predictedLabel;
        Segment = segmentName;
        ModelVersion = modelVersion;
        IsLocal = true;
    }

    /// <summary>Rebuilds a prediction read back from a shared store.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="kind">Classification or regression.</param>
    /// <param name="predictedLabel">The predicted class label (<see langword="null"/> when the class had no name; then <paramref name="predictedClass"/> is used).</param>
    /// <param name="predictedClass">The predicted class index (-1 for a regression).</param>
    /// <param name="confidence">Confidence of the predicted class (NaN for a regression).</param>
    /// <param name="predictedValue">The predicted value (NaN for a classification).</param>
    /// <param name="segment">The segment name, or <see langword="null"/>.</param>
    /// <param name="timestamp">When the prediction was made.</param>
    /// <param name="modelVersion">The model version that made it (empty when unknown).</param>
    public PendingPrediction(string requestId, PredictionKind kind, string? predictedLabel, int predictedClass, double confidence, double predictedValue,
        string? segment, DateTimeOffset timestamp, string modelVersion)
    {
        RequestId = requestId;
        Kind = kind;
        PredictedLabel = predictedLabel;
        PredictedClass = predictedClass;
        Confidence = confidence;
        PredictedValue = predictedValue;
        Segment = segment;
        SegmentIndex = -1;
        TimestampTicks = timestamp.UtcTicks;
        ModelVersion = modelVersion ?? string.Empty;
    }

    /// <summary>The request id.</summary>
    public string RequestId { get; }

    /// <summary>Classification or regression.</summary>
    public PredictionKind Kind { get; }

    /// <summary>The predicted class index (-1 for a regression).</summary>
    public int PredictedClass { get; }

    /// <summary>The predicted class label; <see langword="null"/> for a regression, for a class without a name, or when
    /// the in-process store keeps the prediction (it needs only the index).</summary>
    public string? PredictedLabel { get; }

    /// <summary>Confidence of the predicted class (NaN for a regression).</summary>
    public double Confidence { get; }

    /// <summary>The predicted value (NaN for a classification).</summary>
    public double PredictedValue { get; }

    /// <summary>The segment name, or <see langword="null"/> (also when the in-process store keeps the prediction).</summary>
    public string? Segment { get; }

    /// <summary>The model version that made the prediction (empty when unknown or kept in process).</summary>
    public string ModelVersion { get; }

    /// <summary>When the prediction was made (UTC).</summary>
    public DateTimeOffset Timestamp => new(TimestampTicks, TimeSpan.Zero);

    /// <summary>Segment index in the monitor that made it, or -1 when none or not made in this process.</summary>
    internal int SegmentIndex { get; }

    /// <summary>When the prediction was made (UTC ticks).</summary>
    internal long TimestampTicks { get; }

    /// <summary>The model's probability of every class (in class-index order) when it was recorded with them, else
    /// <see langword="null"/>. Kept by the in-process store; a shared store keeps the predicted class and confidence only.</summary>
    internal double[]? Probabilities { get; init; }

    /// <summary>Whether the indexes are this process's (not read back from a shared store).</summary>
    internal bool IsLocal { get; init; }
}
