namespace MlObservability.Quality;

/// <summary>
/// Receives predictions sampled for labelling, so a labelling tool (Label Studio, a review dashboard) can pick them up.
/// Called on the inference thread for sampled predictions only: implementations must not block or throw; when full they
/// drop and count.
/// </summary>
public interface IReviewSink
{
    /// <summary>Offers one sampled prediction.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns><see langword="false"/> when it was dropped (sink full or closed).</returns>
    bool TryEnqueue(SampledPrediction prediction);
}
