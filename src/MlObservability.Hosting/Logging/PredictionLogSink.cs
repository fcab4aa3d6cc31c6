using Microsoft.Extensions.DependencyInjection;

namespace MlObservability.Hosting.Logging;

/// <summary>
/// Writes the sampled prediction logs of one configured model from the predictions the model receives, so the
/// <c>[Instrumented]</c> path, ONNX sessions that capture outputs and <c>ModelMonitor.RecordClassification</c> all log
/// without a manual <see cref="PredictionLogger.LogPrediction(string, string, int, double, double, ReadOnlySpan{float}, string?)"/>.
/// The inference duration is not known here and is logged as NaN; feature values are not logged from this path.
/// </summary>
/// <param name="logger">The application's prediction logger (its sampling is shared with manual calls).</param>
/// <param name="modelName">The model name.</param>
/// <param name="modelVersion">The model version.</param>
internal sealed class PredictionLogSink(PredictionLogger logger, string modelName, string modelVersion) : IModelOutputSink
{
    /// <summary>The component factory: one sink per model while prediction logging is enabled with a positive rate.</summary>
    public static object? Create(ModelMonitorContext context)
    {
        var logging = context.Services.GetService<Microsoft.Extensions.Options.IOptions<Configuration.MlMonitoringOptions>>()?.Value.PredictionLogging;
        if (logging is null || !logging.Enabled || !(logging.SampleRate > 0))
        {
            return null;
        }

        return new PredictionLogSink(context.Services.GetRequiredService<PredictionLogger>(), context.Model.Name, context.Model.Version);
    }

    public void RecordClassification(int predictedClass, double confidence, string? requestId = null) =>
        logger.LogPrediction(modelName, modelVersion, predictedClass, confidence, double.NaN, default, requestId);

    public void RecordClassification(string predictedLabel, double confidence, string? requestId = null) =>
        logger.LogPrediction(modelName, modelVersion, predictedLabel, confidence, double.NaN, default, requestId);

    public void RecordRegression(double value, string? requestId = null) =>
        logger.LogRegression(modelName, modelVersion, value, double.NaN, requestId);
}
