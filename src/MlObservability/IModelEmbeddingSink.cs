namespace MlObservability;

/// <summary>
/// Receives the vectors of a model's embedding inputs, by input name. Implemented by the embedding drift detector (and the
/// per-model fan-out); called by <c>[Instrumented]</c> decorators for <c>[FeatureVector(IsEmbedding = true)]</c>
/// parameters and by <see cref="ModelMonitor.RecordEmbedding"/> on the inference thread, so implementations are
/// lock-free, allocation-free and never throw.
/// </summary>
public interface IModelEmbeddingSink
{
    /// <summary>Records one vector of the embedding input <paramref name="name"/>.</summary>
    /// <param name="name">The embedding input's name.</param>
    /// <param name="vector">The vector.</param>
    /// <returns>Whether this sink takes vectors of that name (it counts the ones it then rejects or skips itself).</returns>
    bool RecordEmbedding(string name, ReadOnlySpan<float> vector);
}
