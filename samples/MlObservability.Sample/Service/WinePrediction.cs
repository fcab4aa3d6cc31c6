namespace MlObservability.Sample.Service;

/// <summary>The answer of <c>/predict</c>.</summary>
/// <param name="RequestId">Send the true label to <c>/feedback</c> under this id.</param>
/// <param name="Label">The predicted cultivar.</param>
/// <param name="Confidence">The probability of <paramref name="Label"/>.</param>
/// <param name="Probabilities">The probability of each cultivar.</param>
public sealed record WinePrediction(string RequestId, string Label, double Confidence, float[] Probabilities);
