namespace MlObservability.Inference;

/// <summary>
/// Receives every inference recorded by an <see cref="InferenceMetrics"/> (SLO trackers and alert rules subscribe this
/// way). Called on the inference thread: implementations must be fast, lock-free and must not throw.
/// </summary>
public interface IInferenceObserver
{
    /// <summary>Called once per recorded inference.</summary>
    /// <param name="record">The inference.</param>
    void OnInference(in InferenceRecord record);
}
