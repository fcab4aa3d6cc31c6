namespace MlObservability.Quality;

/// <summary>One ground-truth label for <see cref="QualityMonitor.RecordGroundTruthBatchAsync"/>: a class label, a class
/// index or a regression value, with the request id it belongs to.</summary>
public readonly record struct GroundTruthLabel
{
    private GroundTruthLabel(string requestId, PredictionKind kind, string? label, int classIndex, double value)
    {
        RequestId = requestId;
        Kind = kind;
        Label = label;
        ClassIndex = classIndex;
        Value = value;
    }

    /// <summary>The request id given when the prediction was recorded.</summary>
    public string RequestId { get; }

    /// <summary>Classification or regression.</summary>
    public PredictionKind Kind { get; }

    /// <summary>The true class label (classification by name), or <see langword="null"/>.</summary>
    public string? Label { get; }

    /// <summary>The true class index (classification by index), or -1.</summary>
    public int ClassIndex { get; }

    /// <summary>The true value (regression), or NaN.</summary>
    public double Value { get; }

    /// <summary>A true class label.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="label">The true class label.</param>
    /// <returns>The label.</returns>
    public static GroundTruthLabel ForClass(string requestId, string label) => new(requestId, PredictionKind.Classification, label, -1, double.NaN);

    /// <summary>A true class index.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="classIndex">The true class index.</param>
    /// <returns>The label.</returns>
    public static GroundTruthLabel ForClass(string requestId, int classIndex) => new(requestId, PredictionKind.Classification, null, classIndex, double.NaN);

    /// <summary>A whole number whose meaning the prediction decides: a class index for a classification, a value for a regression.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="number">The class index or value.</param>
    /// <returns>The label.</returns>
    internal static GroundTruthLabel ForWholeNumber(string requestId, int number) => new(requestId, PredictionKind.Classification, null, number, number);

    /// <summary>A true regression value.</summary>
    /// <param name="requestId">The request id.</param>
    /// <param name="value">The true value.</param>
    /// <returns>The label.</returns>
    public static GroundTruthLabel ForValue(string requestId, double value) => new(requestId, PredictionKind.Regression, null, -1, value);
}
