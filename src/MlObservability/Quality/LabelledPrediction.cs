namespace MlObservability.Quality;

/// <summary>A prediction joined to its ground truth; kept in the rolling window. <see cref="Confidence"/> is NaN for a
/// prediction recorded without one; <see cref="Probabilities"/> is the class probability vector when one was recorded.</summary>
internal readonly record struct LabelledPrediction(
    PredictionKind Kind, int PredictedClass, int TrueClass, double Confidence, double PredictedValue, double TrueValue,
    int Segment, long TimestampTicks, double[]? Probabilities = null);
