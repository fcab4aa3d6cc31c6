namespace MlObservability.Sample.Simulation;

/// <summary>What one phase looked like from inside the service, read from the monitors at its end.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Requests">Predictions served during the phase.</param>
/// <param name="P95Seconds">P95 latency over the latency window at the end of the phase.</param>
/// <param name="RealizedAccuracy">Accuracy over the latest labelled predictions.</param>
/// <param name="EstimatedAccuracy">Label-free accuracy estimate from calibrated confidences.</param>
/// <param name="LowConfidenceShare">Share of predictions under the confidence threshold, recent window.</param>
/// <param name="MeanRating">Mean user rating (<c>user_feedback_score</c>) recorded during the phase.</param>
public sealed record PhaseSummary(string Phase, long Requests, double P95Seconds, double RealizedAccuracy, double EstimatedAccuracy, double LowConfidenceShare, double MeanRating);
