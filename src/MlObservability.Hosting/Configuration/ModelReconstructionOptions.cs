namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Multivariate drift by PCA reconstruction error (<c>MlMonitoring:Models:N:Drift:Reconstruction</c>), from the
/// <c>reconstruction</c> section of the model's reference profile. The components and the share of variance they keep
/// are fitted when the profile is built (<c>ReconstructionDriftProfile.Fit</c>, <c>VarianceShare</c>); here you choose
/// whether it runs, its window and its band.
/// </summary>
public sealed class ModelReconstructionOptions
{
    /// <summary>
    /// <see langword="null"/> (default): on when the profile has a reconstruction baseline; <see langword="true"/>: required,
    /// startup fails when the profile has none; <see langword="false"/>: off.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Rows per evaluated window; further rows until the next evaluation are skipped and counted. Default: the
    /// profile's chunk size (the size its band describes).</summary>
    public int? WindowSize { get; set; }

    /// <summary>Fewest rows for an evaluation. Default: the window size.</summary>
    public int? MinimumRows { get; set; }

    /// <summary>The band is the reference chunk mean ± this many chunk standard deviations. Default: the profile's (3
    /// unless fitted otherwise).</summary>
    public double? ThresholdStandardDeviations { get; set; }

    /// <summary>Severity of a window outside the band. Default <see cref="MlObservability.Severity.Warning"/>.</summary>
    public Severity Severity { get; set; } = Severity.Warning;
}
