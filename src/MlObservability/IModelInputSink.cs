namespace MlObservability;

/// <summary>
/// Receives the feature vectors a model is fed, one row at a time, in the model's feature order. Implemented by the drift
/// monitor (and the per-model facade); called by adapters (ONNX Runtime sessions, <c>[Instrumented]</c> decorators) on the
/// inference thread, so implementations are lock-free, allocation-free and never throw. Rows of the wrong length are
/// counted as invalid and dropped.
/// </summary>
public interface IModelInputSink
{
    /// <summary>Records one row of features.</summary>
    /// <param name="features">The row, in the model's feature order.</param>
    void RecordFeatures(ReadOnlySpan<double> features);

    /// <summary>Records one row of single-precision features (the usual tensor element type).</summary>
    /// <param name="features">The row, in the model's feature order.</param>
    void RecordFeatures(ReadOnlySpan<float> features);
}
