namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Structured prediction logging. Predictions are sampled; feature values are never logged unless
/// <see cref="IncludeFeatures"/> is set, because they may be personal data.
/// </summary>
public sealed class PredictionLoggingOptions
{
    /// <summary>Whether predictions are logged at all. Default <see langword="true"/> (at <see cref="SampleRate"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Fraction of predictions logged, in [0, 1]. Default 0.01 (one in a hundred); sampling is deterministic (every n-th).</summary>
    public double SampleRate { get; set; } = 0.01;

    /// <summary>Explicit opt-in to log feature values with each sampled prediction. Default <see langword="false"/>:
    /// feature values may be personal data.</summary>
    public bool IncludeFeatures { get; set; }

    /// <summary>Maximum number of feature values written per log line when <see cref="IncludeFeatures"/> is on. Default 64.</summary>
    public int MaxLoggedFeatures { get; set; } = 64;
}
