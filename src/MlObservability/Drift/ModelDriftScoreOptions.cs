namespace MlObservability.Drift;

/// <summary>How a <see cref="ModelDriftScorer"/> combines per-feature drift into one score.</summary>
public sealed class ModelDriftScoreOptions
{
    /// <summary>The per-feature test whose effect sizes are combined. Default Kolmogorov-Smirnov D (bounded in [0, 1]).</summary>
    public DriftMethod Method { get; set; } = DriftMethod.KolmogorovSmirnov;

    /// <summary>Info / warning / critical levels of the combined score; the method's default thresholds when
    /// <see langword="null"/> (the score is a weighted mean of the same effect size, so the same levels apply).</summary>
    public DriftThresholds? Thresholds { get; set; }
}
