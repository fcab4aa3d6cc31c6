using System.Diagnostics;

namespace MlObservability.Tracing;

/// <summary>
/// Spans for the three stages of serving a prediction (preprocessing, inference, postprocessing) on the
/// <see cref="MlTelemetry.ActivitySourceName"/> activity source, with the model, batch size, predicted class and
/// confidence as attributes. Works with OpenTelemetry (<c>AddSource("MlObservability")</c>) or any
/// <see cref="ActivityListener"/>; when nobody listens, every method returns <see langword="null"/> and costs nothing.
/// </summary>
/// <example>
/// <code>
/// using (InferenceTracing.StartPreprocessing("fraud", "3")) { tensor = Preprocess(request); }
/// using (var span = InferenceTracing.StartInference("fraud", "3", batchSize: 1))
/// {
///     output = session.Run(tensor);
///     InferenceTracing.SetPrediction(span, predictedClass: 1, confidence: 0.93);
/// }
/// </code>
/// </example>
public static class InferenceTracing
{
    /// <summary>Name of the preprocessing span.</summary>
    public const string PreprocessingSpanName = "ml.preprocessing";

    /// <summary>Name of the inference span.</summary>
    public const string InferenceSpanName = "ml.inference";

    /// <summary>Name of the postprocessing span.</summary>
    public const string PostprocessingSpanName = "ml.postprocessing";

    /// <summary>Starts a preprocessing span (feature retrieval, tensor building).</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version, if known.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartPreprocessing(string modelName, string? modelVersion = null) =>
        Start(PreprocessingSpanName, modelName, modelVersion, batchSize: 0);

    /// <summary>Starts an inference span (the model call itself).</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version, if known.</param>
    /// <param name="batchSize">Items in the call; not set when 0.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartInference(string modelName, string? modelVersion = null, int batchSize = 1) =>
        Start(InferenceSpanName, modelName, modelVersion, batchSize);

    /// <summary>Starts a postprocessing span (decoding outputs, thresholds, business rules).</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="modelVersion">The model version, if known.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartPostprocessing(string modelName, string? modelVersion = null) =>
        Start(PostprocessingSpanName, modelName, modelVersion, batchSize: 0);

    /// <summary>Sets the predicted class index and confidence on a span.</summary>
    /// <param name="activity">The span; nothing happens when <see langword="null"/>.</param>
    /// <param name="predictedClass">The predicted class index.</param>
    /// <param name="confidence">Its confidence.</param>
    public static void SetPrediction(Activity? activity, int predictedClass, double confidence)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SemanticConventions.PredictedClass, predictedClass);
            activity.SetTag(SemanticConventions.Confidence, confidence);
        }
    }

    /// <summary>Sets the predicted label and confidence on a span.</summary>
    /// <param name="activity">The span; nothing happens when <see langword="null"/>.</param>
    /// <param name="predictedLabel">The predicted label.</param>
    /// <param name="confidence">Its confidence.</param>
    public static void SetPrediction(Activity? activity, string predictedLabel, double confidence)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SemanticConventions.PredictedClass, predictedLabel);
            activity.SetTag(SemanticConventions.Confidence, confidence);
        }
    }

    /// <summary>Marks a span as failed with the exception's type as <c>error.type</c>.</summary>
    /// <param name="activity">The span; nothing happens when <see langword="null"/>.</param>
    /// <param name="error">The failure.</param>
    public static void SetError(Activity? activity, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.Message);
            activity.SetTag(SemanticConventions.ErrorType, error.GetType().FullName);
        }
    }

    private static Activity? Start(string spanName, string modelName, string? modelVersion, int batchSize)
    {
        var activity = MlTelemetry.ActivitySource.StartActivity(spanName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(SemanticConventions.ModelName, modelName);
            if (!string.IsNullOrEmpty(modelVersion))
            {
                activity.SetTag(SemanticConventions.ModelVersion, modelVersion);
            }

            if (batchSize > 0)
            {
                activity.SetTag(SemanticConventions.BatchSize, batchSize);
            }
        }

        return activity;
    }
}
