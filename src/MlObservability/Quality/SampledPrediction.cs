namespace MlObservability.Quality;

/// <summary>A prediction chosen for labelling, as handed to an <see cref="IReviewSink"/> (a labelling tool's queue).</summary>
public sealed record SampledPrediction
{
    /// <summary>The request id; the labelling tool sends the label back with it.</summary>
    public required string RequestId { get; init; }

    /// <summary>The model name.</summary>
    public required string ModelName { get; init; }

    /// <summary>The model version (empty when unknown).</summary>
    public string ModelVersion { get; init; } = string.Empty;

    /// <summary>Classification or regression.</summary>
    public PredictionKind Kind { get; init; }

    /// <summary>The predicted class index (-1 for regression).</summary>
    public int PredictedClass { get; init; } = -1;

    /// <summary>The predicted class label (<see langword="null"/> for regression).</summary>
    public string? PredictedLabel { get; init; }

    /// <summary>The confidence of the predicted class (NaN for regression).</summary>
    public double Confidence { get; init; } = double.NaN;

    /// <summary>The predicted value (NaN for classification).</summary>
    public double PredictedValue { get; init; } = double.NaN;

    /// <summary>The segment, when one was given.</summary>
    public string? Segment { get; init; }

    /// <summary>When the prediction was made.</summary>
    public DateTimeOffset Timestamp { get; init; }
}
