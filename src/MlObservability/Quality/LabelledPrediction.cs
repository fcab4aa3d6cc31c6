namespace MlObservability.Quality;

/// <summary>A prediction joined to its ground truth; kept in the rolling window.</summary>
internal readonly record struct LabelledPrediction(
    PredictionKind Kind, int PredictedClass, int TrueClass, double Confidence, double PredictedValue, double TrueValue,
    int Segment, long TimestampTicks);
