namespace MlObservability;

/// <summary>
/// Receives a model's outputs, one prediction at a time. Implemented by the quality module (output tracking, ground-truth
/// sampling), the prediction-drift detector and the per-model facade; called by adapters on the inference thread, so
/// implementations are lock-free, allocation-free on the common path and never throw. Invalid values (NaN confidence,
/// negative class index) are counted and dropped.
/// </summary>
public interface IModelOutputSink
{
    /// <summary>Records a classification by class index.</summary>
    /// <param name="predictedClass">Index of the predicted class.</param>
    /// <param name="confidence">Confidence (probability) of the predicted class, in [0, 1].</param>
    /// <param name="requestId">The request id, used to join a late ground-truth label; <see langword="null"/> when not sampled.</param>
    void RecordClassification(int predictedClass, double confidence, string? requestId = null);

    /// <summary>Records a classification by label.</summary>
    /// <param name="predictedLabel">The predicted label; cardinality is bounded by the receiver.</param>
    /// <param name="confidence">Confidence (probability) of the predicted label, in [0, 1].</param>
    /// <param name="requestId">The request id, used to join a late ground-truth label; <see langword="null"/> when not sampled.</param>
    void RecordClassification(string predictedLabel, double confidence, string? requestId = null);

    /// <summary>Records a regression output.</summary>
    /// <param name="value">The predicted value.</param>
    /// <param name="requestId">The request id, used to join a late ground-truth value; <see langword="null"/> when not sampled.</param>
    void RecordRegression(double value, string? requestId = null);
}
