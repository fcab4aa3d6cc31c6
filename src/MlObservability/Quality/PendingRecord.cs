namespace MlObservability.Quality;

/// <summary>The fields of a <see cref="PendingPrediction"/>, as a value: what <see cref="PendingPredictionStore"/> keeps
/// per pending prediction, and what the monitor hands it, so that sampling allocates no object.</summary>
/// <param name="RequestId">The request id.</param>
/// <param name="Kind">Classification or regression.</param>
/// <param name="PredictedClass">The predicted class index (this monitor's when <paramref name="IsLocal"/>).</param>
/// <param name="Confidence">Confidence of the predicted class (NaN for a regression).</param>
/// <param name="PredictedValue">The predicted value (NaN for a classification).</param>
/// <param name="SegmentIndex">This monitor's segment index, -1 when none or not local.</param>
/// <param name="TimestampTicks">When the prediction was made, UTC ticks.</param>
/// <param name="PredictedLabel">The predicted class label, when known.</param>
/// <param name="Segment">The segment name, when known.</param>
/// <param name="ModelVersion">The model version that made it.</param>
/// <param name="IsLocal">Whether the indexes are this process's.</param>
internal readonly record struct PendingRecord(
    string RequestId, PredictionKind Kind, int PredictedClass, double Confidence, double PredictedValue, int SegmentIndex, long TimestampTicks,
    string? PredictedLabel, string? Segment, string ModelVersion, bool IsLocal);
