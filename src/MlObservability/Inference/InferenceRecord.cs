namespace MlObservability.Inference;

/// <summary>One completed inference call, as passed to an <see cref="IInferenceObserver"/>.</summary>
/// <param name="DurationSeconds">Wall-clock duration in seconds (already validated: finite and non-negative).</param>
/// <param name="Outcome">How the call ended.</param>
/// <param name="BatchSize">Number of items in the call.</param>
/// <param name="ErrorType">The error type for <see cref="InferenceOutcome.Error"/>, otherwise <see langword="null"/>.</param>
public readonly record struct InferenceRecord(double DurationSeconds, InferenceOutcome Outcome, int BatchSize, string? ErrorType);
