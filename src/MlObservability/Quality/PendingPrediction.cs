namespace MlObservability.Quality;

/// <summary>A sampled prediction waiting for its ground-truth label.</summary>
internal sealed class PendingPrediction(
    string requestId, PredictionKind kind, int predictedClass, double confidence, double predictedValue, int segment, long timestampTicks)
{
    public string RequestId { get; } = requestId;

    public PredictionKind Kind { get; } = kind;

    public int PredictedClass { get; } = predictedClass;

    public double Confidence { get; } = confidence;

    public double PredictedValue { get; } = predictedValue;

    /// <summary>Segment index, or -1 when none.</summary>
    public int Segment { get; } = segment;

    /// <summary>When the prediction was made (UTC ticks).</summary>
    public long TimestampTicks { get; } = timestampTicks;
}
