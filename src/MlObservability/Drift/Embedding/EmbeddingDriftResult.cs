namespace MlObservability.Drift.Embedding;

/// <summary>The outcome of one evaluated window of the embedding detector.</summary>
/// <param name="Mmd2">The unbiased squared MMD between the window and the reference subsample.</param>
/// <param name="MmdThreshold">The calibrated MMD² threshold.</param>
/// <param name="MmdSeverity">The configured severity when MMD² exceeds its threshold, otherwise none.</param>
/// <param name="CentroidDistance">The cosine distance between the window's and the reference's centroids.</param>
/// <param name="CentroidThreshold">The calibrated centroid-distance threshold.</param>
/// <param name="CentroidSeverity">The configured severity when the centroid distance exceeds its threshold.</param>
/// <param name="Rows">Vectors in the window.</param>
/// <param name="Timestamp">When the window was evaluated.</param>
public sealed record EmbeddingDriftResult(
    double Mmd2, double MmdThreshold, Severity MmdSeverity, double CentroidDistance, double CentroidThreshold, Severity CentroidSeverity, int Rows, DateTimeOffset Timestamp);
