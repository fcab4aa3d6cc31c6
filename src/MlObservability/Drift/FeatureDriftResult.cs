namespace MlObservability.Drift;

/// <summary>The outcome of one drift test on one feature (or model output) for one evaluated window.</summary>
/// <param name="Feature">The feature name; <see cref="ReferenceProfile.ScoreName"/> or
/// <see cref="ReferenceProfile.PredictedClassName"/> for prediction drift.</param>
/// <param name="Method">The test.</param>
/// <param name="Score">The effect size (KS D, PSI, JS distance, normalised Wasserstein, Cohen's w).</param>
/// <param name="PValue">The p-value (KS, chi-square); NaN for methods without one.</param>
/// <param name="Severity">The severity per the thresholds.</param>
/// <param name="Threshold">The threshold reached (the info threshold when none was).</param>
/// <param name="SampleSize">The number of valid current values tested.</param>
/// <param name="Timestamp">When the window was evaluated.</param>
public sealed record FeatureDriftResult(
    string Feature, DriftMethod Method, double Score, double PValue, Severity Severity, double Threshold, int SampleSize, DateTimeOffset Timestamp);
