using MlObservability.Instrumentation;

namespace MlObservability.Sample.Service;

/// <summary>The answer of <c>/predict</c>; as an <see cref="IPredictionResult"/> it is captured by the decorator.</summary>
/// <param name="RequestId">Send the true label to <c>/feedback</c> under this id.</param>
/// <param name="PredictedLabel">The predicted cultivar.</param>
/// <param name="Confidence">The probability of <paramref name="PredictedLabel"/>.</param>
/// <param name="Probabilities">The probability of each cultivar.</param>
public sealed record WinePrediction(string RequestId, string PredictedLabel, double Confidence, float[] Probabilities) : IPredictionResult;
