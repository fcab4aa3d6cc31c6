namespace MlObservability.OnnxRuntime;

/// <summary>What a captured model output holds, and so how it is turned into predictions.</summary>
public enum OutputKind
{
    /// <summary>Class probabilities, shape [N, classes]: the predicted class is the arg-max, its probability the confidence.</summary>
    Probabilities = 0,

    /// <summary>Raw scores (logits), shape [N, classes]: softmax is applied to get the confidence of the arg-max class.</summary>
    Logits = 1,

    /// <summary>A regression value per row, shape [N] or [N, 1]: recorded into the output distribution.</summary>
    Regression = 2,
}
