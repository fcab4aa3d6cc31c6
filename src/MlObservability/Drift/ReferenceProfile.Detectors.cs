using MlObservability.Diagnostics;
using MlObservability.Drift.Embedding;
using MlObservability.Drift.Multivariate;

namespace MlObservability.Drift;

/// <summary>The baselines of the multivariate, embedding and model-level detectors, stored with the per-feature ones.</summary>
public sealed partial class ReferenceProfile
{
    private static readonly IReadOnlyDictionary<string, double> NoImportances = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>The baseline of multivariate drift by PCA reconstruction, or <see langword="null"/> when not fitted.</summary>
    public ReconstructionDriftProfile? Reconstruction { get; private init; }

    /// <summary>The baselines of embedding drift, one per embedding input.</summary>
    public IReadOnlyList<EmbeddingDriftProfile> Embeddings { get; private init; } = [];

    /// <summary>Feature importances (for example mean |SHAP| from training) used to weight <c>ml.drift.model_score</c>;
    /// empty when not supplied.</summary>
    public IReadOnlyDictionary<string, double> FeatureImportances { get; private init; } = NoImportances;

    /// <summary>A copy of this profile with the given reconstruction baseline.</summary>
    /// <param name="reconstruction">The fitted baseline (<see cref="ReconstructionDriftProfile.Fit"/>).</param>
    /// <returns>The new profile.</returns>
    public ReferenceProfile WithReconstruction(ReconstructionDriftProfile reconstruction)
    {
        Guard.NotNull(reconstruction);
        return Copy(reconstruction, Embeddings, FeatureImportances);
    }

    /// <summary>A copy of this profile with the given embedding baseline added (or replacing one of the same name).</summary>
    /// <param name="embedding">The fitted baseline (<see cref="EmbeddingDriftProfile.Fit"/>).</param>
    /// <returns>The new profile.</returns>
    public ReferenceProfile WithEmbedding(EmbeddingDriftProfile embedding)
    {
        Guard.NotNull(embedding);
        return Copy(Reconstruction, [.. Embeddings.Where(e => e.Name != embedding.Name), embedding], FeatureImportances);
    }

    /// <summary>A copy of this profile with the given feature importances.</summary>
    /// <param name="importances">Feature name to a non-negative, finite importance.</param>
    /// <returns>The new profile.</returns>
    /// <exception cref="ArgumentException">An importance is negative or not finite.</exception>
    public ReferenceProfile WithFeatureImportances(IReadOnlyDictionary<string, double> importances)
    {
        Guard.NotNull(importances);
        ModelDriftScorer.ValidateImportances(importances);
        return Copy(Reconstruction, Embeddings, new Dictionary<string, double>(importances, StringComparer.Ordinal));
    }

    /// <summary>The embedding baseline of the given name, or <see langword="null"/>.</summary>
    /// <param name="name">The embedding input's name.</param>
    /// <returns>The baseline.</returns>
    public EmbeddingDriftProfile? EmbeddingNamed(string name) => Embeddings.FirstOrDefault(e => e.Name == name);

    internal ReferenceProfile Copy(ReconstructionDriftProfile? reconstruction, IReadOnlyList<EmbeddingDriftProfile> embeddings, IReadOnlyDictionary<string, double> importances) =>
        new(Features, Score, PredictedClass, RowCount)
        {
            Reconstruction = reconstruction,
            Embeddings = embeddings,
            FeatureImportances = importances,
        };
}
