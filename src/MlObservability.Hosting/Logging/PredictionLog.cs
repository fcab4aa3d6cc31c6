using Microsoft.Extensions.Logging;

namespace MlObservability.Hosting.Logging;

/// <summary>Source-generated log methods of <see cref="PredictionLogger"/>.</summary>
internal static partial class PredictionLog
{
    [LoggerMessage(EventId = 1, EventName = "Prediction", Level = LogLevel.Information,
        Message = "Prediction by {ModelName} {ModelVersion}: {Prediction} (confidence {Confidence}) in {DurationMs} ms, request {RequestId}")]
    public static partial void Prediction(
        ILogger logger, string modelName, string modelVersion, string prediction, double confidence, double durationMs, string? requestId);

    [LoggerMessage(EventId = 2, EventName = "PredictionWithFeatures", Level = LogLevel.Information,
        Message = "Prediction by {ModelName} {ModelVersion}: {Prediction} (confidence {Confidence}) in {DurationMs} ms, request {RequestId}, features {Features}")]
    public static partial void PredictionWithFeatures(
        ILogger logger, string modelName, string modelVersion, string prediction, double confidence, double durationMs, string? requestId, string features);
}
