namespace MlObservability.Hosting.Configuration;

/// <summary>
/// Embedding drift of one vector input (<c>MlMonitoring:Models:N:Drift:Embeddings:&lt;name&gt;</c>), where the name is
/// that of an embedding baseline in the model's reference profile (a <c>[FeatureVector(IsEmbedding = true)]</c>
/// property's name). Every baseline in the profile is monitored with the defaults unless configured here. The reference
/// subsample, the window size and the calibrated thresholds are fixed when the profile is built
/// (<c>EmbeddingDriftProfile.Fit</c>).
/// </summary>
public sealed class ModelEmbeddingOptions
{
    /// <summary>Whether the input is monitored. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Fewest vectors for an evaluation (smaller windows alarm more often than calibrated). Default: the
    /// profile's window size.</summary>
    public int? MinimumRows { get; set; }

    /// <summary>Severity of a window over a threshold. Default <see cref="MlObservability.Severity.Warning"/>.</summary>
    public Severity Severity { get; set; } = Severity.Warning;
}
