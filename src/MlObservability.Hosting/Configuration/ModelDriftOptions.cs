using MlObservability.Drift;

namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Drift monitoring of one model (<c>MlMonitoring:Models:N:Drift</c>). Active when
/// <see cref="ModelMonitorOptions.DriftReferencePath"/> names a reference profile.
/// </summary>
public sealed class ModelDriftOptions
{
    /// <summary>
    /// <see cref="DriftWindowKind.CountTumbling"/> (the default) tests every <see cref="WindowSize"/> rows;
    /// <see cref="DriftWindowKind.TimeSliding"/> tests the last <see cref="SlidingWindow"/> of traffic each time a slice completes.
    /// </summary>
    public DriftWindowKind WindowKind { get; set; } = DriftWindowKind.CountTumbling;

    /// <summary>Rows per count-based tumbling window; each full window is tested. Default 1,000.</summary>
    public int WindowSize { get; set; } = 1_000;

    /// <summary>History covered by a time-sliding window. Default 1 hour.</summary>
    public TimeSpan SlidingWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Slices a time-sliding window is divided into (it slides by one slice). Default 6.</summary>
    public int SlidingSlices { get; set; } = 6;

    /// <summary>Fewest values a feature needs in a time-sliding window before it is tested. Default 100.</summary>
    public int MinimumSamples { get; set; } = 100;

    /// <summary>Bins of the population stability index. Default 10.</summary>
    public int PsiBins { get; set; } = 10;

    /// <summary>Multivariate drift by PCA reconstruction error, from the profile's <c>reconstruction</c> section.</summary>
    public ModelReconstructionOptions Reconstruction { get; set; } = new();

    /// <summary>Embedding drift per vector input, by the name of its baseline in the profile; baselines not listed run
    /// with the defaults.</summary>
    public IDictionary<string, ModelEmbeddingOptions> Embeddings { get; } = new Dictionary<string, ModelEmbeddingOptions>(StringComparer.Ordinal);

    /// <summary>
    /// Feature name to importance (for example mean |SHAP| from training) for the model-level drift score
    /// <c>ml.drift.model_score</c>; replaces the profile's <c>featureImportances</c> when given. The score runs when
    /// either has an entry.
    /// </summary>
    public IDictionary<string, double> FeatureImportances { get; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The per-feature test whose effect sizes the model drift score combines. Default
    /// <see cref="DriftMethod.KolmogorovSmirnov"/>.</summary>
    public DriftMethod ModelScoreMethod { get; set; } = DriftMethod.KolmogorovSmirnov;

    /// <summary>Bins of the fleet drift counters per numeric feature (2 to 50; docs/fleet.md). Default 10.</summary>
    public int FleetBins { get; set; } = 10;

    /// <summary>The features that get fleet drift counters (<c>__score</c> for the model score); every feature and the
    /// score when not set, none when empty. Default not set.</summary>
    public string[]? FleetFeatures { get; set; }

    /// <summary>The share of one core that evaluations of filled windows may use on average, in (0, 1]; past it, filled
    /// windows wait and the rows that find both windows full are skipped and counted (docs/drift.md). Default 0.1.</summary>
    public double MaxEvaluationShare { get; set; } = DriftMonitorOptions.DefaultMaxEvaluationShare;

    internal DriftMonitorOptions ToMonitorOptions() => new()
    {
        WindowKind = WindowKind,
        WindowSize = WindowSize,
        SlidingWindow = SlidingWindow,
        SlidingSlices = SlidingSlices,
        MinimumSamples = MinimumSamples,
        PsiBins = PsiBins,
        FleetBins = FleetBins,
        FleetFeatures = FleetFeatures,
        MaxEvaluationShare = MaxEvaluationShare,
    };
}
