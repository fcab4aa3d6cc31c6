namespace MlObservability.Challengers;

/// <summary>A classification made by a model version: the predicted class index and its confidence.</summary>
/// <param name="PredictedClass">The predicted class index (0-based).</param>
/// <param name="Confidence">The confidence in [0, 1]; NaN when there is none.</param>
public readonly record struct ShadowPrediction(int PredictedClass, double Confidence);
