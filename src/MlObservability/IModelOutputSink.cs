namespace MlObservability;

/// <summary>
/// Receives a model's outputs, one prediction at a time. Implemented by the quality module (output tracking, ground-truth
/// sampling), the prediction-drift detector and the per-model facade; called by adapters on the inference thread, so
/// implementations are lock-free, allocation-free on the common path and never throw. Invalid values (a confidence or
/// probability outside [0, 1], a negative class index) are counted and dropped; a NaN confidence means the model gave none.
/// </summary>
public interface IModelOutputSink
{
    /// <summary>Records a classification by class index.</summary>
    /// <param name="predictedClass">Index of the predicted class.</param>
    /// <param name="confidence">Confidence (probability) of the predicted class, in [0, 1]; <see cref="double.NaN"/> when
    /// the model gives none (metrics that need a confidence then leave the prediction out).</param>
    /// <param name="requestId">The request id, used to join a late ground-truth label; <see langword="null"/> when not sampled.</param>
    void RecordClassification(int predictedClass, double confidence, string? requestId = null);

    /// <summary>Records a classification by class index with the model's probability of every class.</summary>
    /// <param name="predictedClass">Index of the predicted class; its probability is the confidence.</param>
    /// <param name="probabilities">One probability per class, in class-index order (the order of the configured class
    /// labels); read during the call, never kept by reference.</param>
    /// <param name="requestId">The request id, used to join a late ground-truth label; <see langword="null"/> when not sampled.</param>
    /// <remarks>The default implementation records the predicted class's probability as the confidence (NaN when the
    /// index is past the vector).</remarks>
    void RecordClassification(int predictedClass, ReadOnlySpan<double> probabilities, string? requestId = null) =>
        RecordClassification(predictedClass, (uint)predictedClass < (uint)probabilities.Length ? probabilities[predictedClass] : double.NaN, requestId);

    /// <summary>Records a classification by label.</summary>
    /// <param name="predictedLabel">The predicted label; cardinality is bounded by the receiver.</param>
    /// <param name="confidence">Confidence (probability) of the predicted label, in [0, 1]; <see cref="double.NaN"/> when
    /// the model gives none.</param>
    /// <param name="requestId">The request id, used to join a late ground-truth label; <see langword="null"/> when not sampled.</param>
    void RecordClassification(string predictedLabel, double confidence, string? requestId = null);

    /// <summary>Records a classification by label with the model's probability of every class.</summary>
    /// <param name="predictedLabel">The predicted label.</param>
    /// <param name="probabilities">One probability per class, in the order of the configured class labels; read during
    /// the call, never kept by reference.</param>
    /// <param name="requestId">The request id, used to join a late ground-truth label; <see langword="null"/> when not sampled.</param>
    /// <remarks>The default implementation, which does not know the label's index, records the largest probability as
    /// the confidence (the predicted label's, when the model predicts its most probable class).</remarks>
    void RecordClassification(string predictedLabel, ReadOnlySpan<double> probabilities, string? requestId = null)
    {
        double largest = double.NaN;
        foreach (double p in probabilities)
        {
            largest = double.IsNaN(largest) || p > largest ? p : largest;
        }

        RecordClassification(predictedLabel, largest, requestId);
    }

    /// <summary>Records a regression output.</summary>
    /// <param name="value">The predicted value.</param>
    /// <param name="requestId">The request id, used to join a late ground-truth value; <see langword="null"/> when not sampled.</param>
    void RecordRegression(double value, string? requestId = null);
}
